package org.prosper.registry.bulk;

/**
 * One thing wrong in an import file: the row as a spreadsheet numbers it (the header is row 1), the column's
 * header, the household it belongs to, and what is wrong. Row and column are null for problems of the whole file.
 */
public record ImportProblem(Integer row, String column, String household, String message) {

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        if (row != null) s.append("row ").append(row);
        if (column != null) s.append(s.isEmpty() ? "" : ", ").append("column ").append(column);
        return s.append(s.isEmpty() ? "" : ": ").append(message).toString();
    }
}
