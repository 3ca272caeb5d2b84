package org.prosper.measure.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Growable dictionary-encoded text column. */
final class DictionaryBuilder {
    private final String name;
    private int[] codes = new int[1024];
    private final Map<String, Integer> dict = new HashMap<>();
    private final List<String> labels = new ArrayList<>();
    private int n;

    DictionaryBuilder(String name) { this.name = name; }

    void add(String s) {
        if (n == codes.length) codes = Arrays.copyOf(codes, n * 2);
        if (s == null) { codes[n++] = -1; return; }
        Integer c = dict.get(s);
        if (c == null) { c = labels.size(); dict.put(s, c); labels.add(s); }
        codes[n++] = c;
    }

    StringColumn build() { return new StringColumn(name, Arrays.copyOf(codes, n), List.copyOf(labels)); }
}
