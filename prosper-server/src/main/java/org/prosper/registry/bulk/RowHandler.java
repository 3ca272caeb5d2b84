package org.prosper.registry.bulk;

/** Receives a table row by row as a reader streams it; never the whole table. */
interface RowHandler {

    /** The first non-empty row. */
    void header(int rowNumber, String[] names);

    /** A data row; {@code values} may be shorter or longer than the header. Empty rows are not passed on. */
    void row(int rowNumber, String[] values);

    /** How far the reader got, in bytes of the file (or of the sheet); {@code total} may be null. */
    void progress(long done, Long total);
}
