package org.prosper.measure.table;

/** Numeric column backed by a primitive array; NaN marks a missing value. The array is shared, not copied. */
public record DoubleColumn(String name, double[] values) implements Column {
    @Override public int size() { return values.length; }

    @Override public boolean isMissing(int row) { return Double.isNaN(values[row]); }

    public double get(int row) { return values[row]; }
}
