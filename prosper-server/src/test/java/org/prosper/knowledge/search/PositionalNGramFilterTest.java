package org.prosper.knowledge.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.junit.jupiter.api.Test;

/** The n-gram field's tokens and positions: 3-grams one position apart, 2-grams stacked, runs kept apart. */
class PositionalNGramFilterTest {

    private static List<String> grams(String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = new KnowledgeAnalyzers().forField(KnowledgeAnalyzers.GRAM).tokenStream(KnowledgeAnalyzers.GRAM, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = ts.addAttribute(PositionIncrementAttribute.class);
            ts.reset();
            int position = -1;
            while (ts.incrementToken()) {
                position += increment.getPositionIncrement();
                out.add(term + "@" + position);
            }
            ts.end();
        }
        return out;
    }

    @Test
    void threeGramsOnePositionApartWithTheTwoGramStacked() throws IOException {
        assertThat(grams("ທຸກຍາກ")).containsExactly("ທຸກ@0", "ທຸ@0", "ຸກຍ@1", "ຸກ@1", "ກຍາ@2", "ກຍ@2", "ຍາກ@3", "ຍາ@3", "າກ@4");
        assertThat(grams("茶叶")).containsExactly("茶叶@0");
        assertThat(grams("茶")).isEmpty();
        assertThat(grams("poverty 扶贫")).containsExactly("扶贫@0");
    }

    @Test
    void aPhraseOfThreeGramsCannotSpanTwoRuns() throws IOException {
        // 甲乙丙丁 is not in the text: its 3-grams 甲乙丙 and 乙丙丁 occur, but in two runs, not one position apart
        assertThat(grams("甲乙丙，乙丙丁")).containsExactly("甲乙丙@0", "甲乙@0", "乙丙@1", "乙丙丁@2", "乙丙@2", "丙丁@3");
    }

    @Test
    void lettersOutsideTheBasicPlaneAreCutAsWholeCodePoints() throws IOException {
        assertThat(grams("𠀀𠀁𠀂")).containsExactly("𠀀𠀁𠀂@0", "𠀀𠀁@0", "𠀁𠀂@1");
    }
}
