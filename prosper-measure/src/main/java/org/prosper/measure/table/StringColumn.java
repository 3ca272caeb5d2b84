package org.prosper.measure.table;

import java.util.List;

/** Dictionary-encoded text column: {@code codes[row]} indexes {@code dictionary}; -1 marks a missing value. */
public record StringColumn(String name, int[] codes, List<String> dictionary) implements Column {
    @Override public int size() { return codes.length; }

    @Override public boolean isMissing(int row) { return codes[row] < 0; }

    public String get(int row) { int c = codes[row]; return c < 0 ? null : dictionary.get(c); }

    public int cardinality() { return dictionary.size(); }
}
