package org.prosper.registry.bulk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Streams a UTF-8 CSV file (with or without the byte-order mark Excel writes) row by row. The delimiter is the one
 * of comma, semicolon or tab that the header line uses most, since spreadsheet programs in many locales save with
 * semicolons. Bad bytes and broken quoting stop the reading with the row where it happened.
 */
final class CsvTableReader {

    void read(Path file, RowHandler handler) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long records = 0;
        try (CountingInputStream counted = new CountingInputStream(Files.newInputStream(file))) {
            CsvRecords csv = new CsvRecords(counted);
            boolean header = true;
            String[] values;
            while ((values = csv.next()) != null) {
                records = csv.record();
                if (isBlank(values)) continue;
                if (header) {
                    handler.header((int) records, values);
                    header = false;
                } else {
                    handler.row((int) records, values);
                }
                if ((records & 255) == 0) handler.progress(counted.count(), size);
            }
            handler.progress(size, size);
        } catch (CharacterCodingException e) {
            throw new ImportFileProblem(records > 0 ? (int) records + 1 : null, null, records > 0
                    ? "the file is not UTF-8 text from here on: save it as \"CSV UTF-8\" and upload again"
                    : "the file is not UTF-8 text: save it as \"CSV UTF-8\" and upload again");
        } catch (CsvRecords.Malformed e) {
            Integer row = (int) records + 1;
            throw switch (e.kind) {
                case UNCLOSED_QUOTE -> new ImportFileProblem(row, null, "a quoted value that starts on line " + e.line
                        + " is never closed: a double quote (\") is missing, so the rest of the file cannot be read");
                case AFTER_CLOSING_QUOTE -> new ImportFileProblem(row, null, "unbalanced double quotes (\"): a quoted value that "
                        + "starts in this row ends on line " + e.line + " with other characters after its closing quote; "
                        + "close every quoted value, and double a quote inside one (\"\")");
                case TOO_LONG -> new ImportFileProblem(row, null, "a value that starts on line " + e.line + " is longer than "
                        + CsvRecords.MAX_FIELD_BYTES / (1 << 20) + " MB, so the rest of the file cannot be read: if it is quoted, "
                        + "its closing double quote (\") is probably missing; otherwise the file is not a CSV table");
                case NUL_BYTE -> new ImportFileProblem(row, null, "line " + e.line + " holds a NUL byte, which no text can hold: "
                        + "the file is not plain text, or it was saved as UTF-16 (\"Unicode text\"); save it as \"CSV UTF-8\" and upload again");
            };
        } catch (IOException e) {
            throw new ImportFileProblem(records > 0 ? (int) records + 1 : null, null, "the file cannot be read: " + e.getMessage());
        }
    }

    private static boolean isBlank(String[] values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) return false;
        }
        return true;
    }
}
