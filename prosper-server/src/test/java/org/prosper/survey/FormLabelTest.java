package org.prosper.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A question named by its label in the reader's language, as a reviewer reads why a submission was quarantined. */
class FormLabelTest {

    private static FormDefinition form(Map<String, String> labels, List<String> languages, String defaultLanguage) {
        FormNode node = new FormNode(FormNode.Kind.QUESTION, "integer", "hh_size", "hh_size", labels, null, null, null, null, null, null,
                null, null, null, null, false, null, null, false, 2, null);
        return new FormDefinition("f", "F", "1", "f", languages, defaultLanguage, null, List.of(node), Map.of());
    }

    @Test
    void theLabelInTheReadersLanguageElseInTheFormsDefaultLanguage() {
        FormDefinition form = form(Map.of("English (en)", "Household size", "Khmer (km)", "ទំហំគ្រួសារ"), List.of("English (en)", "Khmer (km)"),
                "English (en)");
        assertThat(form.label("hh_size", "km")).contains("ទំហំគ្រួសារ");
        assertThat(form.label("hh_size", "zh")).contains("Household size");
        assertThat(form.label("no_such_question", "km")).isEmpty();
        assertThat(form(Map.of("default", "Size"), List.of("default"), "default").label("hh_size", "lo")).contains("Size");
        assertThat(form(Map.of(), List.of("default"), "default").label("hh_size", "lo")).isEmpty();
    }
}
