package org.prosper.knowledge.search;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.lucene.util.BytesRef;

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
        return new Usable(usable, usable.isEmpty() ? 0 : usable.getFirst().length());
    }

    /** Needles prepared once for a page of hits, and the length of the longest. */
    record Usable(List<String> needles, int longest) {
    }

    static String highlight(String text, Usable prepared) {
        if (text == null || text.isEmpty()) return "";
        return around(text, false, firstMatch(text, prepared), prepared);
    }

    /** Bytes of a stored text decoded at first; most snippets are settled within them. */
    private static final int FIRST_BYTES = 1024;

    /**
     * The same snippet from a stored text's UTF-8 bytes, decoding and folding only as much of it as the snippet
     * needs: a page of results highlights twenty texts, and decoding each whole was a tenth of a search.
     */
    static String highlight(BytesRef utf8, Usable prepared) {
        if (utf8.length == 0) return "";
        int longest = prepared.longest();
        int bytes = FIRST_BYTES;
        while (true) {
            boolean whole = bytes >= utf8.length;
            String text = whole ? utf8.utf8ToString() : prefix(utf8, bytes);
            int first = firstMatch(text, prepared);
            // no match can start earlier and run past the prefix's end when the found one starts this far from it
            boolean settled = whole || text.length() >= SCAN || (first >= 0 && first <= text.length() - longest);
            if (settled) {
                int needed = Math.max(0, first - BEFORE) + LENGTH + 2;
                if (whole || text.length() > needed) return around(text, !whole, first, prepared);
                bytes = Math.max(bytes * 2, needed * 3 + 4);
            } else {
                bytes *= 4;
            }
        }
    }

    /** At most the first {@code bytes} bytes, cut before a character that would not fit whole. */
    private static String prefix(BytesRef utf8, int bytes) {
        int end = bytes;
        while (end > 0 && (utf8.bytes[utf8.offset + end] & 0xC0) == 0x80) end--; // a continuation byte
        return new String(utf8.bytes, utf8.offset, end, StandardCharsets.UTF_8);
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
            char f = c < 0x80 ? (c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) : caseless(c) ? c : Character.toLowerCase(Character.toUpperCase(c));
            if (f != c) {
                if (out == null) out = s.toCharArray();
                out[i] = f;
            }
        }
        return out == null ? s : new String(out);
    }

    /** Thai, Lao, Myanmar, Khmer, CJK and Hangul letters have no case: most of the text in those scripts folds to itself. */
    private static boolean caseless(char c) {
        return (c >= 0x0E00 && c <= 0x0EFF) || (c >= 0x1000 && c <= 0x109F) || (c >= 0x1780 && c <= 0x17FF)
                || (c >= 0x3040 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7A3);
    }

    static void escape(String s, StringBuilder out) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
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
}
