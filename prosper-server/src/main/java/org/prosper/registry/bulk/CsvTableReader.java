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
            throw new ImportFileProblem(records > 0 ? (int) records + 1 : null,
                    records > 0 ? "problem.import.notUtf8FromHere" : "problem.import.notUtf8");
        } catch (CsvRecords.Malformed e) {
            Integer row = (int) records + 1;
            throw switch (e.kind) {
                case UNCLOSED_QUOTE -> new ImportFileProblem(row, "problem.import.unclosedQuote", e.line);
                case AFTER_CLOSING_QUOTE -> new ImportFileProblem(row, "problem.import.afterClosingQuote", e.line);
                case TOO_LONG -> new ImportFileProblem(row, "problem.import.valueTooLong", e.line, CsvRecords.MAX_FIELD_BYTES / (1 << 20));
                case NUL_BYTE -> new ImportFileProblem(row, "problem.import.nulByte", e.line);
            };
        } catch (IOException e) {
            throw new ImportFileProblem(records > 0 ? (int) records + 1 : null, "problem.import.unreadable", e.getMessage());
        }
    }

    private static boolean isBlank(String[] values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) return false;
        }
        return true;
    }
}
