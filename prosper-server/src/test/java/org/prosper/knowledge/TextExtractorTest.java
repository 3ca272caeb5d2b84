package org.prosper.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextExtractorTest {

    @Test
    void extractedDocumentTextLosesItsNulCharactersOnly() {
        assertThat(TextExtractor.withoutNul("Village\0 savings\0\0 groups")).isEqualTo("Village savings groups");
        assertThat(TextExtractor.withoutNul("ສະບາຍດີ 你好")).isEqualTo("ສະບາຍດີ 你好");
        assertThat(TextExtractor.withoutNul(null)).isNull();
    }
}
