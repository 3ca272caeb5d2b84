package org.prosper.geo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A place's local name is shown to readers of its country's language only. */
class LocalNamesTest {

    @Test
    void aReaderOfTheCountrysLanguageSeesTheLocalNameAndEveryoneElseTheEnglishOne() {
        assertThat(LocalNames.choose("KH", "km", "Svay Ampear", "ស្វាយអំពារ")).isEqualTo("ស្វាយអំពារ");
        assertThat(LocalNames.choose("KH", "zh", "Svay Ampear", "ស្វាយអំពារ")).isEqualTo("Svay Ampear");
        assertThat(LocalNames.choose("KH", "en", "Svay Ampear", "ស្វាយអំពារ")).isEqualTo("Svay Ampear");
        assertThat(LocalNames.choose("CN", "zh", "Longlin", "隆林")).isEqualTo("隆林");
        assertThat(LocalNames.choose("CN", "lo", "Longlin", "隆林")).isEqualTo("Longlin");
        assertThat(LocalNames.choose("LA", "lo", "Xiengda", "ຊຽງດາ")).isEqualTo("ຊຽງດາ");
        assertThat(LocalNames.choose("MM", "my", "Nyaung Bin", " ")).isEqualTo("Nyaung Bin");
        assertThat(LocalNames.choose("MM", "my", "Nyaung Bin", null)).isEqualTo("Nyaung Bin");
        assertThat(LocalNames.choose("KH", "km", null, "ស្វាយអំពារ")).isEqualTo("ស្វាយអំពារ");
    }

    @Test
    void theCountriesLanguagesComeFromTheShippedCountryList() {
        assertThat(LocalNames.languageOf("CN")).isEqualTo("zh");
        assertThat(LocalNames.languageOf("kh")).isEqualTo("km");
        assertThat(LocalNames.languageOf("MM")).isEqualTo("my");
        assertThat(LocalNames.languageOf("VN")).isEqualTo("vi");
        assertThat(LocalNames.languageOf("PH")).isEqualTo("fil");
        assertThat(LocalNames.languageOf("XX")).isEqualTo("en");
        assertThat(LocalNames.languageOf(null)).isEqualTo("en");
    }
}
