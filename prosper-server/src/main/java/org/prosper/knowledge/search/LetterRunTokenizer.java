package org.prosper.knowledge.search;

import org.apache.lucene.analysis.util.CharTokenizer;

/**
 * Splits text into runs of letters and combining marks only (no word segmentation), so that the n-gram field sees a
 * Thai, Lao, Khmer or Burmese phrase as one unbroken run and a word inside it can be found by its n-grams.
 */
final class LetterRunTokenizer extends CharTokenizer {

    LetterRunTokenizer() {
        super(DEFAULT_TOKEN_ATTRIBUTE_FACTORY, 4096);
    }

    @Override
    protected boolean isTokenChar(int c) {
        if (Character.isLetter(c)) return true;
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK;
    }
}
