package org.prosper.registry.bulk;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The rows of rejected households, as they were in the upload, with the row they came from and the reason. The file
 * is a valid import file: once corrected it can be uploaded as it is (the two extra columns are ignored).
 */
final class RejectedRows implements AutoCloseable {

    private final Path file;
    private List<String> header;
    private int[] keep;
    private CSVPrinter out;
    private boolean opened;
    private long rows;

    RejectedRows(Path file) {
        this.file = file;
    }

    /** The upload's header; {@code keep} are the indexes of its columns to copy (not source_row or reason). */
    void header(List<String> names, int[] keep) {
        this.header = names;
        this.keep = keep;
    }

    void write(int sourceRow, String[] values, String reason) {
        try {
            if (out == null) open();
            List<String> record = new ArrayList<>(keep.length + 2);
            record.add(String.valueOf(sourceRow));
            for (int i : keep) record.add(i < values.length ? values[i] : null);
            record.add(reason);
            out.printRecord(record);
            rows++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private void open() throws IOException {
        BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        writer.write('\uFEFF'); // so that spreadsheet programs read Khmer, Lao or Chinese text as UTF-8
        out = new CSVPrinter(writer, CSVFormat.DEFAULT);
        opened = true;
        List<String> names = new ArrayList<>();
        names.add(Column.SOURCE_ROW);
        for (int i : keep) names.add(header.get(i));
        names.add(Column.REASON);
        out.printRecord(names);
    }

    long rows() {
        return rows;
    }

    boolean exists() {
        return opened;
    }

    @Override
    public void close() {
        if (out == null) return;
        try {
            out.close(true);
            out = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
