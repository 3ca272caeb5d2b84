package org.prosper.registry.bulk;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams a UTF-8 CSV file (with or without the byte-order mark Excel writes) row by row. The delimiter is the one
 * of comma, semicolon or tab that the header line uses most, since spreadsheet programs in many locales save with
 * semicolons. Bad bytes and broken quoting stop the reading with the row where it happened.
 */
final class CsvTableReader {

    private static final Pattern START_LINE = Pattern.compile("startline (\\d+)");
    private static final Pattern AT_LINE = Pattern.compile("at line: (\\d+)");

    void read(Path file, RowHandler handler) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (CountingInputStream counted = new CountingInputStream(Files.newInputStream(file));
             InputStream in = new BufferedInputStream(counted, 1 << 16)) {
            in.mark(3);
            byte[] bom = in.readNBytes(3);
            if (!(bom.length == 3 && (bom[0] & 0xff) == 0xEF && (bom[1] & 0xff) == 0xBB && (bom[2] & 0xff) == 0xBF)) in.reset();
            var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, decoder), 1 << 16);
            char delimiter = delimiter(reader);
            CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).get();
            long records = 0;
            try (CSVParser parser = format.parse(reader)) {
                Iterator<CSVRecord> it = parser.iterator();
                boolean header = true;
                while (true) {
                    CSVRecord r;
                    try {
                        if (!it.hasNext()) break;
                        r = it.next();
                    } catch (UncheckedIOException e) {
                        throw problem(records + 1, e.getCause());
                    }
                    records = r.getRecordNumber();
                    String[] values = r.values();
                    if (isBlank(values)) continue;
                    if (header) {
                        handler.header((int) records, values);
                        header = false;
                    } else {
                        handler.row((int) records, values);
                    }
                    if ((records & 255) == 0) handler.progress(counted.count(), size);
                }
            }
            handler.progress(size, size);
        } catch (CharacterCodingException e) {
            throw new ImportFileProblem(null, null, "the file is not UTF-8 text: save it as \"CSV UTF-8\" and upload again");
        } catch (IOException e) {
            throw problem(-1, e);
        }
    }

    private static ImportFileProblem problem(long row, Throwable cause) {
        if (cause instanceof CharacterCodingException) {
            return new ImportFileProblem(row > 0 ? (int) row : null, null,
                    "the file is not UTF-8 text from here on: save it as \"CSV UTF-8\" and upload again");
        }
        String message = cause == null || cause.getMessage() == null ? "" : cause.getMessage();
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        Integer at = row > 0 ? (int) row : null;
        if (lower.contains("eof reached before encapsulated token finished")) {
            Matcher line = START_LINE.matcher(message);
            return new ImportFileProblem(at, null, "a quoted value" + (line.find() ? " that starts on line " + line.group(1) : "")
                    + " is never closed: a double quote (\") is missing, so the rest of the file cannot be read");
        }
        if (lower.contains("invalid char") && lower.contains("encapsulated token")) {
            Matcher line = AT_LINE.matcher(message);
            return new ImportFileProblem(at, null, "unbalanced double quotes (\"): a quoted value that starts in this row ends"
                    + (line.find() ? " on line " + line.group(1) : "") + " with other characters after its closing quote; "
                    + "close every quoted value, and double a quote inside one (\"\")");
        }
        return new ImportFileProblem(row > 0 ? (int) row : null, null, "the file cannot be read as CSV: " + message);
    }

    private static char delimiter(BufferedReader reader) throws IOException {
        reader.mark(1 << 15);
        char[] buffer = new char[1 << 15];
        int n = reader.read(buffer);
        reader.reset();
        int commas = 0, semicolons = 0, tabs = 0;
        for (int i = 0; i < n && buffer[i] != '\n' && buffer[i] != '\r'; i++) {
            switch (buffer[i]) {
                case ',' -> commas++;
                case ';' -> semicolons++;
                case '\t' -> tabs++;
                default -> { }
            }
        }
        if (semicolons > commas && semicolons >= tabs) return ';';
        if (tabs > commas && tabs > semicolons) return '\t';
        return ',';
    }

    private static boolean isBlank(String[] values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) return false;
        }
        return true;
    }
}
