package org.prosper.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClipTest {

    @Test
    void aTextThatFitsIsKeptWholeAndNullStaysNull() {
        assertThat(Clip.clip("departmental file a.csv", 23)).isEqualTo("departmental file a.csv");
        assertThat(Clip.clip(null, 10)).isNull();
    }

    @Test
    void aLongerTextKeepsItsStartAndEndsWithAnEllipsisWithinTheLength() {
        assertThat(Clip.clip("县医院住院费用明细县医院", 8)).isEqualTo("县医院住院...").hasSize(8);
    }

    @Test
    void aCharacterOfTwoCharsIsNeverCutInHalf() {
        String s = "ab\uD840\uDC00cdef"; // U+20000, a CJK extension B character
        assertThat(Clip.clip(s, 6)).isEqualTo("ab...");
        assertThat(Clip.clip(s, 7)).isEqualTo("ab\uD840\uDC00...");
    }
}
