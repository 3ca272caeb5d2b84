package org.prosper.measure.table;

import java.util.Arrays;

/** Growable primitive double column (NaN for missing). */
final class DoubleBuilder {
    private final String name;
    private double[] values;
    private int n;

    DoubleBuilder(String name, int expected) { this.name = name; this.values = new double[Math.max(16, expected)]; }

    void add(double v) {
        if (n == values.length) values = Arrays.copyOf(values, n * 2);
        values[n++] = v;
    }

    DoubleColumn build() { return new DoubleColumn(name, n == values.length ? values : Arrays.copyOf(values, n)); }
}
