package org.prosper.knowledge.search;

import com.google.myanmartools.ZawgyiDetector;
import com.ibm.icu.text.Transliterator;

/**
 * Burmese typed in the Zawgyi font encoding looks like Unicode Burmese but uses different code points and order.
 * Each line that Google's detector judges Zawgyi (probability above {@value #THRESHOLD}) is converted to Unicode with
 * ICU's "Zawgyi-my" rules, so that a document and a query match whichever encoding each was typed in.
 */
public final class Zawgyi {

    public static final double THRESHOLD = 0.95;
    private static final ZawgyiDetector DETECTOR = new ZawgyiDetector();
    // ICU transliterators are not documented as thread-safe for concurrent use.
    private static final ThreadLocal<Transliterator> TO_UNICODE = ThreadLocal.withInitial(() -> Transliterator.getInstance("Zawgyi-my"));

    private Zawgyi() {
    }

    public static boolean hasMyanmar(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '\u1000' && c <= '\u109F') return true;
        }
        return false;
    }

    public static double probability(String text) {
        return DETECTOR.getZawgyiProbability(text);
    }

    /** The text with every Zawgyi line converted to Unicode; text without Burmese is returned as it is. */
    public static String toUnicode(String text) {
        if (text == null || !hasMyanmar(text)) return text;
        StringBuilder out = new StringBuilder(text.length());
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) end = text.length();
            String line = text.substring(start, end);
            out.append(hasMyanmar(line) && DETECTOR.getZawgyiProbability(line) > THRESHOLD ? TO_UNICODE.get().transliterate(line) : line);
            if (end < text.length()) out.append('\n');
            start = end + 1;
        }
        return out.toString();
    }
}
