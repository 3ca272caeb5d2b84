package org.prosper.measure.table;

/**
 * Bad input data. Carries where the problem is (file or source, 1-based line, column or field) so that the
 * command line can print one precise line.
 */
public final class TableException extends RuntimeException {
    private final String source;
    private final long line;
    private final String column;

    public TableException(String source, long line, String column, String message) {
        super(message);
        this.source = source;
        this.line = line;
        this.column = column;
    }

    public static TableException of(String source, String message) {
        return new TableException(source, -1, null, message);
    }

    public String source() { return source; }

    /** 1-based line (or row) number, or -1 when not tied to one line. */
    public long line() { return line; }

    public String column() { return column; }

    /** One line: {@code data.csv:57: column "income": non-numeric value "abc"}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (source != null) sb.append(source);
        if (line >= 0) sb.append(source != null ? ":" : "line ").append(line);
        if (sb.length() > 0) sb.append(": ");
        if (column != null) sb.append("column \"").append(column).append("\": ");
        sb.append(getMessage());
        return sb.toString();
    }
}
