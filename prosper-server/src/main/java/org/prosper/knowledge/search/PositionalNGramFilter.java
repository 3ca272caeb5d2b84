package org.prosper.knowledge.search;

import java.io.IOException;

import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * The 3-gram and the 2-gram (in code points) starting at each code point of each token, one position apart, the
 * 2-gram stacked on the 3-gram: a phrase of consecutive 3-grams matches exactly the places where a string occurs
 * inside a longer run, and a two-letter string is its 2-gram. (Lucene's NGramTokenFilter stacks all the grams of a
 * token at one position, which cannot tell "ab…c" from "abc".) Both sizes come from one pass over one field, the
 * run copied once and the grams cut from its chars.
 */
final class PositionalNGramFilter extends TokenFilter {

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    private char[] run = new char[64];
    private int[] starts = new int[65]; // char offset of each code point, and the run's length at the end
    private int codePoints;
    private int next;
    private boolean threeDone;
    private int start;
    private int end;

    PositionalNGramFilter(TokenStream input) {
        super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
        while (next + 2 > codePoints) {
            if (!input.incrementToken()) return false;
            load();
        }
        clearAttributes();
        offset.setOffset(start, end);
        if (!threeDone && next + 3 <= codePoints) {
            term.copyBuffer(run, starts[next], starts[next + 3] - starts[next]);
            increment.setPositionIncrement(1);
            threeDone = true;
            return true;
        }
        term.copyBuffer(run, starts[next], starts[next + 2] - starts[next]);
        increment.setPositionIncrement(threeDone ? 0 : 1);
        threeDone = false;
        next++;
        return true;
    }

    private void load() {
        int length = term.length();
        if (run.length < length) run = new char[length];
        System.arraycopy(term.buffer(), 0, run, 0, length);
        if (starts.length < length + 1) starts = new int[length + 1];
        int n = 0;
        for (int i = 0; i < length; i += Character.isHighSurrogate(run[i]) && i + 1 < length ? 2 : 1) starts[n++] = i;
        starts[n] = length;
        codePoints = n;
        next = 0;
        threeDone = false;
        start = offset.startOffset();
        end = offset.endOffset();
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        codePoints = 0;
        next = 0;
        threeDone = false;
    }
}
