package org.prosper.knowledge.search;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.UnicodeUtil;

/**
 * Highlighting by the surface forms of the query (and of its glossary expansions) found in the stored text, which
 * works alike for every script, including matches that only the n-gram fallback found inside a longer run.
 */
final class Snippets {

    private static final int BEFORE = 80;
    private static final int LENGTH = 260;
    private static final int SCAN = 50_000;

    private Snippets() {
    }

    /** The part of a text that highlighting looks at (the index keeps only this much of each item's text). */
    static String head(String text) {
        if (text.length() <= SCAN) return text;
        int end = SCAN;
        if (Character.isLowSurrogate(text.charAt(end))) end--;
        return text.substring(0, end);
    }

    static String highlight(String text, List<String> needles) {
        return highlight(text, usable(needles));
    }

    /** The needles as {@link #highlight(String, Usable)} looks for them: folded, without duplicates, longest first. */
    static Usable usable(List<String> needles) {
        List<String> usable = needles.stream().filter(n -> n != null && (n.codePointCount(0, n.length()) >= 2 || SpacelessScriptFilter.hasSpaceless(n)))
                .map(Snippets::fold).distinct().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        long firstChars = 0;
        for (String n : usable) firstChars |= 1L << n.charAt(0);
        return new Usable(usable, usable.isEmpty() ? 0 : usable.getFirst().length(), firstChars);
    }

    /**
     * Needles prepared once for a page of hits, the length of the longest, and a 64-bit filter of their first chars
     * (bit {@code c % 64} set for each), which lets a scan skip most positions of a text with one test.
     */
    record Usable(List<String> needles, int longest, long firstChars) {
    }

    static String highlight(String text, Usable prepared) {
        if (text == null || text.isEmpty()) return "";
        return around(text, false, firstMatch(text, prepared), prepared);
    }

    /** Bytes of a stored text decoded at first; most snippets are settled within them. */
    private static final int FIRST_BYTES = 1024;

    /**
     * Buffers for the texts of one page of hits, reused from hit to hit: a text is decoded and folded into them
     * instead of into new strings (snippets made most of what a search allocated, and the young collections that
     * follow stop every search at once).
     */
    static final class Scratch {
        private char[] text = new char[2 * FIRST_BYTES];
        private char[] folded = new char[2 * FIRST_BYTES];

        /** Decodes {@code bytes} bytes (ending on a character boundary) and folds them; returns the chars decoded. */
        private int decode(BytesRef utf8, int bytes) {
            if (text.length < bytes) {
                text = new char[bytes];
                folded = new char[bytes];
            }
            int n = UnicodeUtil.UTF8toUTF16(utf8.bytes, utf8.offset, bytes, text);
            for (int i = 0; i < n; i++) folded[i] = foldChar(text[i]);
            return n;
        }
    }

    static String highlight(BytesRef utf8, Usable prepared) {
        return highlight(utf8, prepared, new Scratch());
    }

    /**
     * The same snippet as {@link #highlight(String, Usable)} from a stored text's UTF-8 bytes, decoding and folding
     * only as much of it as the snippet needs: a page of results highlights twenty texts.
     */
    static String highlight(BytesRef utf8, Usable prepared, Scratch scratch) {
        if (utf8.length == 0) return "";
        int longest = prepared.longest();
        int bytes = FIRST_BYTES;
        while (true) {
            boolean whole = bytes >= utf8.length;
            int n = scratch.decode(utf8, whole ? utf8.length : boundary(utf8, bytes));
            int first = firstMatch(scratch.folded, Math.min(n, SCAN), prepared);
            // no match can start earlier and run past the prefix's end when the found one starts this far from it
            boolean settled = whole || n >= SCAN || (first >= 0 && first <= n - longest);
            if (settled) {
                int needed = Math.max(0, first - BEFORE) + LENGTH + 2;
                if (whole || n > needed) return around(scratch.text, scratch.folded, n, !whole, first, prepared);
                bytes = Math.max(bytes * 2, needed * 3 + 4);
            } else {
                bytes *= 4;
            }
        }
    }

    /** At most {@code bytes} bytes, cut before a character that would not fit whole. */
    private static int boundary(BytesRef utf8, int bytes) {
        int end = bytes;
        while (end > 0 && (utf8.bytes[utf8.offset + end] & 0xC0) == 0x80) end--; // a continuation byte
        return end;
    }

    /** Where the first needle match that lies entirely in {@code folded[0, n)} starts, or -1: one pass, stopping there. */
    private static int firstMatch(char[] folded, int n, Usable prepared) {
        long firstChars = prepared.firstChars();
        List<String> needles = prepared.needles();
        for (int i = 0; i < n; i++) {
            char c = folded[i];
            if ((firstChars & 1L << c) == 0) continue;
            for (String needle : needles) {
                int m = needle.length();
                if (needle.charAt(0) != c || i + m > n) continue;
                int j = 1;
                while (j < m && folded[i + j] == needle.charAt(j)) j++;
                if (j == m) return i;
            }
        }
        return -1;
    }

    /** Where {@code needle} starts in {@code chars[from, to)}, entirely inside it, or -1. */
    private static int indexOf(char[] chars, int from, int to, String needle) {
        int m = needle.length();
        if (m == 0) return from <= to ? from : -1;
        char c0 = needle.charAt(0);
        for (int i = from, last = to - m; i <= last; i++) {
            if (chars[i] != c0) continue;
            int j = 1;
            while (j < m && chars[i + j] == needle.charAt(j)) j++;
            if (j == m) return i;
        }
        return -1;
    }

    /** {@link #around(String, boolean, int, Usable)} over decoded and folded chars {@code [0, n)}. */
    private static String around(char[] text, char[] folded, int n, boolean more, int first, Usable prepared) {
        int start = first < 0 ? 0 : Math.max(0, first - BEFORE);
        while (start > 0 && start < n && Character.isLowSurrogate(text[start])) start--;
        int end = Math.min(n, start + LENGTH);
        while (end < n && Character.isLowSurrogate(text[end])) end++;
        int[] marks = new int[8];
        int count = 0;
        for (String needle : prepared.needles()) {
            int from = start;
            while (true) {
                int at = indexOf(folded, from, end, needle);
                if (at < 0) break;
                int stop = at + needle.length();
                boolean overlaps = false;
                for (int k = 0; k < count && !overlaps; k++) overlaps = marks[2 * k] < stop && at < marks[2 * k + 1];
                if (!overlaps) {
                    if (2 * count + 2 > marks.length) marks = java.util.Arrays.copyOf(marks, marks.length * 2);
                    marks[2 * count] = at;
                    marks[2 * count + 1] = stop;
                    count++;
                }
                from = stop;
            }
        }
        sortPairs(marks, count);
        StringBuilder out = new StringBuilder(end - start + 16 + 13 * count);
        if (start > 0) out.append("… ");
        int pos = start;
        for (int k = 0; k < count; k++) {
            escape(text, pos, marks[2 * k], out);
            out.append("<mark>");
            escape(text, marks[2 * k], marks[2 * k + 1], out);
            out.append("</mark>");
            pos = marks[2 * k + 1];
        }
        escape(text, pos, end, out);
        if (end < n || more) out.append(" …");
        return out.toString();
    }

    /** Insertion sort of (start, stop) pairs by start: a snippet has a handful of marks. */
    private static void sortPairs(int[] marks, int count) {
        for (int i = 1; i < count; i++) {
            int a = marks[2 * i], b = marks[2 * i + 1], j = i - 1;
            while (j >= 0 && marks[2 * j] > a) {
                marks[2 * j + 2] = marks[2 * j];
                marks[2 * j + 3] = marks[2 * j + 1];
                j--;
            }
            marks[2 * j + 2] = a;
            marks[2 * j + 3] = b;
        }
    }

    private static int firstMatch(String text, Usable prepared) {
        // only the beginning of a long document is scanned for the first match: a snippet must stay cheap
        String head = fold(text.length() > SCAN ? text.substring(0, SCAN) : text);
        int first = -1;
        for (String n : prepared.needles()) {
            int at = head.indexOf(n);
            if (at >= 0 && (first < 0 || at < first)) first = at;
        }
        return first;
    }

    /** The snippet around the first match (or the text's beginning); {@code more}: the text goes on after {@code text}. */
    private static String around(String text, boolean more, int first, Usable prepared) {
        List<String> usable = prepared.needles();
        int start = first < 0 ? 0 : Math.max(0, first - BEFORE);
        while (start > 0 && start < text.length() && Character.isLowSurrogate(text.charAt(start))) start--;
        int end = Math.min(text.length(), start + LENGTH);
        while (end < text.length() && Character.isLowSurrogate(text.charAt(end))) end++;
        String window = text.substring(start, end);
        String folded = fold(window);
        List<int[]> marks = new ArrayList<>();
        for (String n : usable) {
            int from = 0;
            while (true) {
                int at = folded.indexOf(n, from);
                if (at < 0) break;
                int stop = at + n.length();
                if (marks.stream().noneMatch(m -> m[0] < stop && at < m[1])) marks.add(new int[] {at, stop});
                from = stop;
            }
        }
        marks.sort(Comparator.comparingInt(m -> m[0]));
        StringBuilder out = new StringBuilder();
        if (start > 0) out.append("… ");
        int pos = 0;
        for (int[] m : marks) {
            escape(window.substring(pos, m[0]), out);
            out.append("<mark>");
            escape(window.substring(m[0], m[1]), out);
            out.append("</mark>");
            pos = m[1];
        }
        escape(window.substring(pos), out);
        if (end < text.length() || more) out.append(" …");
        return out.toString();
    }

    /**
     * Case folded char by char as {@link String#regionMatches(boolean, int, String, int, int)} compares, keeping every
     * offset, so that a plain indexOf on folded strings finds what a case-blind scan would (and is many times faster).
     */
    static String fold(String s) {
        char[] out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char f = foldChar(c);
            if (f != c) {
                if (out == null) out = s.toCharArray();
                out[i] = f;
            }
        }
        return out == null ? s : new String(out);
    }

    private static char foldChar(char c) {
        return c < 0x80 ? (c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) : caseless(c) ? c : Character.toLowerCase(Character.toUpperCase(c));
    }

    /** Thai, Lao, Myanmar, Khmer, CJK and Hangul letters have no case: most of the text in those scripts folds to itself. */
    private static boolean caseless(char c) {
        return (c >= 0x0E00 && c <= 0x0EFF) || (c >= 0x1000 && c <= 0x109F) || (c >= 0x1780 && c <= 0x17FF)
                || (c >= 0x3040 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7A3);
    }

    static void escape(String s, StringBuilder out) {
        for (int i = 0; i < s.length(); i++) escape(s.charAt(i), out);
    }

    private static void escape(char[] chars, int from, int to, StringBuilder out) {
        for (int i = from; i < to; i++) escape(chars[i], out);
    }

    private static void escape(char c, StringBuilder out) {
        switch (c) {
            case '<' -> out.append("&lt;");
            case '>' -> out.append("&gt;");
            case '&' -> out.append("&amp;");
            case '"' -> out.append("&quot;");
            case '\'' -> out.append("&#39;");
            case '\n', '\r', '\t' -> out.append(' ');
            default -> out.append(c);
        }
    }
}
