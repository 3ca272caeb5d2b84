package org.prosper.registry.bulk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The file formats of import and export: CSV (UTF-8) and Excel .xlsx, with one and the same column layout. */
public enum ImportFormat {
    CSV("text/csv; charset=UTF-8", ".csv"),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx");

    private final String mediaType;
    private final String extension;

    ImportFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** csv or xlsx, any case; anything else is refused with the accepted values. */
    public static ImportFormat parse(String value) {
        if (value == null || value.isBlank()) return null;
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "csv" -> CSV;
            case "xlsx" -> XLSX;
            default -> throw new IllegalArgumentException("format '" + value + "' is not one of csv, xlsx");
        };
    }

    /**
     * The format of an upload: the one asked for, else the file name's extension, else the content (an .xlsx is a
     * ZIP package). An old binary .xls is refused with advice, rather than read as garbage CSV.
     */
    public static ImportFormat detect(ImportFormat asked, String fileName, Path file) throws IOException {
        byte[] head = new byte[8];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        boolean ole2 = n == 8 && (head[0] & 0xff) == 0xD0 && (head[1] & 0xff) == 0xCF && (head[2] & 0xff) == 0x11 && (head[3] & 0xff) == 0xE0;
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (asked == null && (name.endsWith(".xls") || ole2)) {
            throw new ImportFileProblem(null, "problem.import.oldXls", fileName);
        }
        if (asked != null) return asked;
        if (name.endsWith(".xlsx") || name.endsWith(".xlsm")) return XLSX;
        if (name.endsWith(".csv") || name.endsWith(".txt") || name.endsWith(".tsv")) return CSV;
        return n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4 ? XLSX : CSV;
    }
}
