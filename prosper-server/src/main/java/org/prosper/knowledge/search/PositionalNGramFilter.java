package org.prosper.knowledge.search;

import java.io.IOException;

import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Every n-gram (in code points) of each token, one position apart, so that a phrase of consecutive n-grams matches
 * exactly the places where a string occurs inside a longer run. (Lucene's NGramTokenFilter stacks the grams of a
 * token at one position, which cannot tell "ab…c" from "abc".)
 */
final class PositionalNGramFilter extends TokenFilter {

    private final int n;
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    private int[] codePoints;
    private int next;
    private int start;
    private int end;

    PositionalNGramFilter(TokenStream input, int n) {
        super(input);
        this.n = n;
    }

    @Override
    public boolean incrementToken() throws IOException {
        while (codePoints == null || next + n > codePoints.length) {
            if (!input.incrementToken()) return false;
            codePoints = term.toString().codePoints().toArray();
            next = 0;
            start = offset.startOffset();
            end = offset.endOffset();
        }
        clearAttributes();
        term.setEmpty();
        for (int i = next; i < next + n; i++) term.append(new String(Character.toChars(codePoints[i])));
        increment.setPositionIncrement(1);
        offset.setOffset(start, end);
        next++;
        return true;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        codePoints = null;
        next = 0;
    }
}
