package org.prosper.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class TabularReaderTest {

    @Test
    void readsACsvExportWithItsRowNumbers() {
        TabularReader.Table t = TabularReader.csv("export.csv", "name,age\nSok,34\n,\nChan,29\n".getBytes(StandardCharsets.UTF_8));
        assertThat(t.header()).containsExactly("name", "age");
        assertThat(t.rows()).extracting(TabularReader.Row::number).containsExactly(2, 4);
    }

    @Test
    void aCellWithANulCharacterRefusesTheFileWithItsRowAndColumn() {
        InvalidFormProblem p = catchThrowableOfType(InvalidFormProblem.class,
                () -> TabularReader.csv("export.csv", "name,age\nSok,34\nCh\0an,29\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(p.problems()).containsExactly(new FormProblem("export.csv", 3, "name",
                "contains a NUL character (U+0000), which no text can hold"));

        InvalidFormProblem header = catchThrowableOfType(InvalidFormProblem.class,
                () -> TabularReader.csv("export.csv", "name,a\0ge\nSok,34\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(header.problems().getFirst().row()).isEqualTo(1);
        assertThat(header.problems().getFirst().column()).isEqualTo("2");
    }
}
