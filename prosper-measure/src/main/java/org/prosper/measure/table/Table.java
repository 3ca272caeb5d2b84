package org.prosper.measure.table;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory columnar table. Columns are primitive arrays; text is dictionary-encoded. A column read from text
 * may carry both views (numbers and labels), e.g. a region code column "01", "02" is numeric and also has labels.
 */
public final class Table {
    private final String source;
    private final int rowCount;
    private final Map<String, DoubleColumn> numeric;
    private final Map<String, StringColumn> text;
    private final Map<String, BadValue> firstBadValue;
    private final List<String> names;
    private final int[] lineOfRow;

    /** Where a column first failed to parse as a number (so a numeric request can say exactly where). */
    public record BadValue(long line, String text) { }

    private Table(Builder b) {
        this.source = b.source;
        this.rowCount = b.rowCount;
        this.numeric = Collections.unmodifiableMap(new LinkedHashMap<>(b.numeric));
        this.text = Collections.unmodifiableMap(new LinkedHashMap<>(b.text));
        this.firstBadValue = Map.copyOf(b.bad);
        this.names = List.copyOf(b.names);
        this.lineOfRow = b.lineOfRow;
    }

    public static Builder builder(String source, int rowCount) { return new Builder(source, rowCount); }

    /** A table over existing arrays (no copy), e.g. for the server or the benchmark. */
    public static Table of(String source, Map<String, double[]> columns) {
        int n = columns.values().stream().mapToInt(a -> a.length).findFirst().orElse(0);
        Builder b = builder(source, n);
        columns.forEach((k, v) -> b.add(new DoubleColumn(k, v)));
        return b.build();
    }

    public String source() { return source; }

    public int rowCount() { return rowCount; }

    public List<String> columnNames() { return names; }

    /** Whether the column has a numeric view (every present value is a number). */
    public boolean isNumeric(String name) { return numeric.containsKey(name); }

    public boolean has(String name) { return numeric.containsKey(name) || text.containsKey(name); }

    /** 1-based line in the source file of a row (for CSV), else the 1-based row number. */
    public long lineOf(int row) { return lineOfRow != null ? lineOfRow[row] : row + 1L; }

    /** The numeric view of a column; fails naming the first value that is not a number. */
    public DoubleColumn doubles(String name) {
        DoubleColumn c = numeric.get(name);
        if (c != null) return c;
        requirePresent(name);
        BadValue bad = firstBadValue.get(name);
        if (bad != null) {
            throw new TableException(source, bad.line(), name, "non-numeric value \"" + bad.text() + "\"");
        }
        throw new TableException(source, -1, name, "is not numeric");
    }

    /** The label view of a column (numbers are formatted when the column was built from numbers only). */
    public StringColumn strings(String name) {
        StringColumn c = text.get(name);
        if (c != null) return c;
        requirePresent(name);
        DoubleColumn d = numeric.get(name);
        return encode(d);
    }

    private void requirePresent(String name) {
        if (!has(name)) {
            throw new TableException(source, -1, name, "no such column (columns: " + String.join(", ", names) + ")");
        }
    }

    private static StringColumn encode(DoubleColumn d) {
        double[] v = d.values();
        int[] codes = new int[v.length];
        Map<Double, Integer> dict = new HashMap<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
            if (Double.isNaN(v[i])) { codes[i] = -1; continue; }
            final double x = v[i];
            codes[i] = dict.computeIfAbsent(x, k -> { labels.add(formatNumber(x)); return labels.size() - 1; });
        }
        return new StringColumn(d.name(), codes, List.copyOf(labels));
    }

    static String formatNumber(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) return Long.toString((long) x);
        return Double.toString(x);
    }

    public static final class Builder {
        private final String source;
        private final int rowCount;
        private final Map<String, DoubleColumn> numeric = new LinkedHashMap<>();
        private final Map<String, StringColumn> text = new LinkedHashMap<>();
        private final Map<String, BadValue> bad = new HashMap<>();
        private final List<String> names = new ArrayList<>();
        private int[] lineOfRow;

        private Builder(String source, int rowCount) { this.source = source; this.rowCount = rowCount; }

        public Builder add(Column c) {
            if (c.size() != rowCount) {
                throw TableException.of(source, "column \"" + c.name() + "\" has " + c.size() + " rows, expected " + rowCount);
            }
            if (!numeric.containsKey(c.name()) && !text.containsKey(c.name())) names.add(c.name());
            switch (c) {
                case DoubleColumn d -> numeric.put(d.name(), d);
                case StringColumn s -> text.put(s.name(), s);
            }
            return this;
        }

        public Builder badValue(String column, long line, String value) { bad.put(column, new BadValue(line, value)); return this; }

        public Builder lines(int[] lineOfRow) { this.lineOfRow = lineOfRow; return this; }

        public Table build() { return new Table(this); }
    }
}
