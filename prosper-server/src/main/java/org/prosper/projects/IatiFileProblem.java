package org.prosper.projects;

import java.util.Map;

/** An IATI file that cannot be read at all (not well-formed XML, not an iati-activities document); nothing is imported. */
public class IatiFileProblem extends RuntimeException {

    private final String file;
    private final int line;
    private final int column;

    public IatiFileProblem(String file, int line, int column, String message) {
        super(file + (line > 0 ? ":" + line + ":" + column : "") + ": " + message);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    public Map<String, Object> where() {
        return Map.of("file", file, "line", line, "column", column);
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
