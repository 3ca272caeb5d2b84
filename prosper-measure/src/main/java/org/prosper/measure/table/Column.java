package org.prosper.measure.table;

/** A named column of a {@link Table}: numeric ({@link DoubleColumn}) or dictionary-encoded text ({@link StringColumn}). */
public sealed interface Column permits DoubleColumn, StringColumn {
    String name();

    int size();

    boolean isMissing(int row);
}
