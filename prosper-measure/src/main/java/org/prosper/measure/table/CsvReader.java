package org.prosper.measure.table;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Streaming CSV reader (RFC 4180 quoting, comma or another one-character delimiter, UTF-8, optional BOM).
 * Every column is parsed as numbers while it can be; a column with a value that is not a number keeps its text
 * (dictionary-encoded) and remembers where the first such value was, so that asking for it as a number fails
 * with the file, line and column. Missing values: empty, NA, NaN, N/A, NULL, "." (Stata).
 */
public final class CsvReader {
    /** Above this many distinct values a purely numeric column stops keeping its labels. */
    private static final int MAX_LABELS_FOR_NUMBERS = 65_536;
    private static final Set<String> MISSING = Set.of("", "NA", "NaN", "nan", "N/A", "NULL", "null", ".");

    private final char delimiter;

    public CsvReader() { this(','); }

    public CsvReader(char delimiter) { this.delimiter = delimiter; }

    public static Table read(Path file) { return new CsvReader().readFile(file); }

    public Table readFile(Path file) {
        String name = file.toString();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(name, r);
        } catch (NoSuchFileException e) {
            throw TableException.of(name, "no such file");
        } catch (java.nio.charset.MalformedInputException e) {
            throw TableException.of(name, "not valid UTF-8 text");
        } catch (IOException e) {
            throw TableException.of(name, "cannot read: " + e.getMessage());
        }
    }

    public Table read(String source, Reader in) throws IOException {
        BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in, 1 << 16);
        LineSource lines = new LineSource(r);
        List<String> header = new ArrayList<>();
        String first = lines.next(header);
        if (first == null) throw TableException.of(source, "empty file (no header line)");
        if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) header.set(0, header.get(0).substring(1));
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < header.size(); c++) {
            String h = header.get(c).trim();
            if (h.isEmpty()) throw new TableException(source, 1, "#" + (c + 1), "empty column name in header");
            if (!seen.add(h)) throw new TableException(source, 1, h, "duplicate column name in header");
            header.set(c, h);
        }
        int k = header.size();
        ColumnBuilder[] cols = new ColumnBuilder[k];
        for (int c = 0; c < k; c++) cols[c] = new ColumnBuilder(header.get(c));
        int[] lineOfRow = new int[1024];
        int rows = 0;
        List<String> fields = new ArrayList<>(k);
        while (true) {
            long lineNo = lines.lineNumber() + 1;
            String raw = lines.next(fields);
            if (raw == null) break;
            if (fields.size() == 1 && fields.get(0).isEmpty()) continue; // blank line
            if (fields.size() != k) {
                throw new TableException(source, lineNo, null,
                        "expected " + k + " fields as in the header, found " + fields.size());
            }
            if (rows == lineOfRow.length) lineOfRow = Arrays.copyOf(lineOfRow, rows * 2);
            lineOfRow[rows] = (int) Math.min(Integer.MAX_VALUE, lineNo);
            for (int c = 0; c < k; c++) cols[c].add(fields.get(c), lineNo);
            rows++;
        }
        Table.Builder b = Table.builder(source, rows).lines(Arrays.copyOf(lineOfRow, rows));
        for (ColumnBuilder cb : cols) cb.finish(b, rows);
        return b.build();
    }

    /** Splits records, joining lines inside quotes. */
    private final class LineSource {
        private final BufferedReader r;
        private long line;
        private final StringBuilder field = new StringBuilder();

        LineSource(BufferedReader r) { this.r = r; }

        long lineNumber() { return line; }

        String next(List<String> out) throws IOException {
            out.clear();
            String s = r.readLine();
            if (s == null) return null;
            line++;
            long startLine = line;
            int i = 0;
            field.setLength(0);
            boolean quoted = false;
            boolean wasQuoted = false;
            while (true) {
                if (i >= s.length()) {
                    if (quoted) {
                        String more = r.readLine();
                        if (more == null) {
                            throw new TableException(null, startLine, null, "unterminated quoted field");
                        }
                        line++;
                        field.append('\n');
                        s = more;
                        i = 0;
                        continue;
                    }
                    out.add(wasQuoted ? field.toString() : field.toString().trim());
                    return s;
                }
                char ch = s.charAt(i++);
                if (quoted) {
                    if (ch == '"') {
                        if (i < s.length() && s.charAt(i) == '"') { field.append('"'); i++; }
                        else quoted = false;
                    } else field.append(ch);
                } else if (ch == delimiter) {
                    out.add(wasQuoted ? field.toString() : field.toString().trim());
                    field.setLength(0);
                    wasQuoted = false;
                } else if (ch == '"' && field.toString().isBlank()) {
                    field.setLength(0);
                    quoted = true;
                    wasQuoted = true;
                } else field.append(ch);
            }
        }
    }

    private static final class ColumnBuilder {
        final String name;
        double[] values = new double[1024];
        int[] codes = new int[1024];
        Map<String, Integer> dict = new HashMap<>();
        List<String> labels = new ArrayList<>();
        boolean numeric = true;
        boolean keepLabels = true;
        long badLine = -1;
        String badText;
        int n;

        ColumnBuilder(String name) { this.name = name; }

        void add(String s, long line) {
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
                if (keepLabels) codes = Arrays.copyOf(codes, n * 2);
            }
            boolean missing = MISSING.contains(s);
            double v = Double.NaN;
            if (!missing && numeric) {
                v = parseNumber(s);
                if (Double.isNaN(v)) {
                    numeric = false;
                    badLine = line;
                    badText = s;
                    if (!keepLabels) relabel();
                }
            }
            values[n] = v;
            if (keepLabels) {
                if (missing) codes[n] = -1;
                else {
                    Integer c = dict.get(s);
                    if (c == null) { c = labels.size(); dict.put(s, c); labels.add(s); }
                    codes[n] = c;
                    if (numeric && labels.size() > MAX_LABELS_FOR_NUMBERS) { keepLabels = false; dict = null; labels = null; codes = null; }
                }
            }
            n++;
        }

        /** A column that looked numeric (labels dropped) turns out to be text: rebuild labels from the numbers. */
        private void relabel() {
            keepLabels = true;
            dict = new HashMap<>();
            labels = new ArrayList<>();
            codes = new int[values.length];
            for (int i = 0; i < n; i++) {
                if (Double.isNaN(values[i])) { codes[i] = -1; continue; }
                String s = Table.formatNumber(values[i]);
                Integer c = dict.get(s);
                if (c == null) { c = labels.size(); dict.put(s, c); labels.add(s); }
                codes[i] = c;
            }
        }

        void finish(Table.Builder b, int rows) {
            if (numeric) b.add(new DoubleColumn(name, Arrays.copyOf(values, rows)));
            else b.badValue(name, badLine, badText);
            if (keepLabels) b.add(new StringColumn(name, Arrays.copyOf(codes, rows), List.copyOf(labels)));
            values = null;
            codes = null;
        }
    }

    /** Parses a decimal number; NaN when the text is not one. Exact fast path for short decimals. */
    static double parseNumber(String s) {
        int len = s.length();
        int i = 0;
        boolean neg = false;
        if (len > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+')) { neg = s.charAt(0) == '-'; i = 1; }
        long mant = 0;
        int digits = 0;
        int fracDigits = 0;
        boolean dot = false;
        boolean simple = i < len;
        for (int j = i; j < len; j++) {
            char ch = s.charAt(j);
            if (ch >= '0' && ch <= '9') {
                if (digits < 18) { mant = mant * 10 + (ch - '0'); if (mant != 0 || dot) digits++; if (dot) fracDigits++; }
                else { simple = false; break; }
            } else if (ch == '.' && !dot) dot = true;
            else { simple = false; break; }
        }
        if (simple && digits <= 15 && fracDigits <= 22 && !(dot && len - i == 1)) {
            // mantissa < 2^53 and 10^k exact: a single correctly rounded division gives the exact nearest double.
            double v = fracDigits == 0 ? (double) mant : (double) mant / POW10[fracDigits];
            return neg ? -v : v;
        }
        try {
            char last = s.charAt(len - 1);
            if (last == 'd' || last == 'D' || last == 'f' || last == 'F') return Double.NaN; // Java suffixes are not CSV numbers
            double v = Double.parseDouble(s);
            return Double.isNaN(v) || Double.isInfinite(v) ? Double.NaN : v;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static final double[] POW10 = new double[23];
    static { double p = 1; for (int i = 0; i < POW10.length; i++) { POW10[i] = p; p *= 10; } }
}
