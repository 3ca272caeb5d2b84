package org.prosper.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

class ProblemMessagesTest {

    private static ResourceBundleMessageSource bundle() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages/problems");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    @Test
    void englishIsFormattedAsSpringShowsMessages() {
        assertThat(ProblemMessages.english("problem.notOneOf", List.of("Q", "[F, M, X]"))).isEqualTo("'Q' is not one of [F, M, X]");
        assertThat(ProblemMessages.english("problem.range", ProblemMessages.args(12000.0, "0", "10000"))).isEqualTo("12000.0 is not between 0 and 10000");
        // without values a text is shown as written
        assertThat(ProblemMessages.english("problem.import.villageRequired", List.of())).isEqualTo("required: the code of the household's village");
        assertThatThrownBy(() -> ProblemMessages.english("problem.nothing", List.of())).hasMessageContaining("problem.nothing");
    }

    @Test
    void aProblemReadsInTheReadersLanguageAndOneWithoutAKeyAsItWasSaid() {
        FieldProblem p = FieldProblem.of(2, "birthDate", "problem.household.birthDate", java.time.LocalDate.of(2031, 5, 1));
        assertThat(p.message()).isEqualTo("2031-05-01 is not a plausible date of birth");
        assertThat(p.args()).containsExactly("2031-05-01");
        assertThat(ProblemMessages.in(bundle(), Locale.CHINESE, p.key(), p.args(), p.message())).isEqualTo("2031-05-01 不是合理的出生日期");
        assertThat(ProblemMessages.in(bundle(), Locale.ENGLISH, p.key(), p.args(), p.message())).isEqualTo(p.message());
        FieldProblem old = new FieldProblem(null, "code", "said before keys");
        assertThat(ProblemMessages.in(bundle(), Locale.CHINESE, old.key(), old.args(), old.message())).isEqualTo("said before keys");
    }
}
