package org.prosper.survey;

/** A problem in an uploaded form or data file: the sheet, the 1-based row, the column (letter and header) and what. */
public record FormProblem(String sheet, Integer row, String column, String message) {

    @Override
    public String toString() {
        return sheet + (row == null ? "" : " row " + row) + (column == null ? "" : " column " + column) + ": " + message;
    }
}
