package org.prosper.measure.table;

/** Reading analysis inputs from a table with precise errors. */
public final class Inputs {
    private Inputs() { }

    /** Weights (1 when {@code column} is null); a negative or infinite weight fails with its line. */
    public static double[] weights(Table t, String column) {
        int n = t.rowCount();
        if (column == null) {
            double[] w = new double[n];
            java.util.Arrays.fill(w, 1.0);
            return w;
        }
        double[] w = t.doubles(column).values();
        for (int i = 0; i < n; i++) {
            if (w[i] < 0 || Double.isInfinite(w[i])) {
                throw new TableException(t.source(), t.lineOf(i), column, "negative or infinite weight " + w[i]);
            }
        }
        return w;
    }

    /** Category codes of a column (numbers or text), -1 for missing; null when {@code column} is null. */
    public static int[] codes(Table t, String column) {
        return column == null ? null : t.strings(column).codes();
    }

    public static double[] numbers(Table t, String column) {
        return column == null ? null : t.doubles(column).values();
    }
}
