package org.prosper.knowledge.search;

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

    /** The snippet of a whole text (the one from stored bytes decodes only as much as it needs, to the same result). */
    static String highlight(String text, Usable prepared) {
        if (text == null || text.isEmpty()) return "";
        Scratch scratch = new Scratch();
        int n = scratch.load(text);
        return around(scratch.text, scratch.folded, n, false, firstMatch(scratch.folded, Math.min(n, SCAN), prepared), prepared);
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
            room(bytes);
            return folded(UnicodeUtil.UTF8toUTF16(utf8.bytes, utf8.offset, bytes, text));
        }

        /** Copies a whole text and folds it; returns its length. */
        private int load(String s) {
            room(s.length());
            s.getChars(0, s.length(), text, 0);
            return folded(s.length());
        }

        private void room(int chars) {
            if (text.length < chars) {
                text = new char[chars];
                folded = new char[chars];
            }
        }

        private int folded(int n) {
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
            if ((firstChars & 1L << folded[i]) != 0 && needleAt(folded, i, n, needles) != null) return i;
        }
        return -1;
    }

    /** The longest needle found at {@code folded[i]} and ending by {@code end}, or null (needles come longest first). */
    private static String needleAt(char[] folded, int i, int end, List<String> needles) {
        char c = folded[i];
        for (String needle : needles) {
            if (needle.charAt(0) == c && i + needle.length() <= end && startsAt(folded, i, needle)) return needle;
        }
        return null;
    }

    /** Whether {@code needle} is at {@code chars[i]} (the caller knows it fits). */
    private static boolean startsAt(char[] chars, int i, String needle) {
        for (int j = 0; j < needle.length(); j++) {
            if (chars[i + j] != needle.charAt(j)) return false;
        }
        return true;
    }

    /**
     * The snippet around the first match (or the text's beginning) of decoded and folded chars {@code [0, n)};
     * {@code more}: the text goes on after them.
     */
    private static String around(char[] text, char[] folded, int n, boolean more, int first, Usable prepared) {
        int start = first < 0 ? 0 : Math.max(0, first - BEFORE);
        while (start > 0 && start < n && Character.isLowSurrogate(text[start])) start--;
        int end = Math.min(n, start + LENGTH);
        while (end < n && Character.isLowSurrogate(text[end])) end++;
        // leftmost first, the longest needle where several start at the same place; the scan resumes after a mark
        int[] marks = new int[8];
        int count = 0;
        long firstChars = prepared.firstChars();
        for (int i = start; i < end; ) {
            String found = (firstChars & 1L << folded[i]) == 0 ? null : needleAt(folded, i, end, prepared.needles());
            if (found == null) {
                i++;
                continue;
            }
            if (2 * count + 2 > marks.length) marks = java.util.Arrays.copyOf(marks, marks.length * 2);
            marks[2 * count] = i;
            i += found.length();
            marks[2 * count + 1] = i;
            count++;
        }
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
