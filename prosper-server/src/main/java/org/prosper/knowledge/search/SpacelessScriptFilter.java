package org.prosper.knowledge.search;

import com.ibm.icu.lang.UScript;

import org.apache.lucene.analysis.FilteringTokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/** Keeps only tokens in the scripts written without spaces between words: Thai, Lao, Khmer, Myanmar and Han. */
final class SpacelessScriptFilter extends FilteringTokenFilter {

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

    SpacelessScriptFilter(TokenStream in) {
        super(in);
    }

    @Override
    protected boolean accept() {
        return term.length() > 0 && isSpaceless(Character.codePointAt(term.buffer(), 0, term.length()));
    }

    static boolean isSpaceless(int codePoint) {
        int script = UScript.getScript(codePoint);
        return script == UScript.THAI || script == UScript.LAO || script == UScript.KHMER || script == UScript.MYANMAR
                || script == UScript.HAN;
    }

    /** Which kinds of script a text contains, found in one pass. */
    record Scripts(boolean spaceless, boolean han, boolean latin) {
        static Scripts of(String text) {
            boolean spaceless = false, han = false, latin = false;
            for (int i = 0; i < text.length(); ) {
                int cp = text.codePointAt(i);
                i += Character.charCount(cp);
                if (cp < 0x80) {
                    latin |= (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
                    continue;
                }
                int script = UScript.getScript(cp);
                if (script == UScript.HAN) han = spaceless = true;
                else if (script == UScript.THAI || script == UScript.LAO || script == UScript.KHMER || script == UScript.MYANMAR) spaceless = true;
                else if (script == UScript.LATIN) latin = true;
                if (spaceless && han && latin) break;
            }
            return new Scripts(spaceless, han, latin);
        }
    }

    static boolean hasSpaceless(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (isSpaceless(cp)) return true;
            i += Character.charCount(cp);
        }
        return false;
    }

    static boolean hasHan(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (UScript.getScript(cp) == UScript.HAN) return true;
            i += Character.charCount(cp);
        }
        return false;
    }

    static boolean hasLatin(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (UScript.getScript(cp) == UScript.LATIN) return true;
            i += Character.charCount(cp);
        }
        return false;
    }
}
