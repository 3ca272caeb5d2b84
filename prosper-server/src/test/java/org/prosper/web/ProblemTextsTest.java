package org.prosper.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.prosper.platform.FieldProblem;
import org.prosper.platform.InputProblem;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;

/** How a page says a problem: by the form's label, by a file's row, alone when it is of no one field, as said when it has no key. */
class ProblemTextsTest {

    private final ProblemTexts texts = new ProblemTexts(bundle());

    private static ResourceBundleMessageSource bundle() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("messages/problems", "messages/registry", "messages/monitoring");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    @AfterEach
    void resetLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void aFieldIsNamedByItsLabelInTheReadersLanguage() {
        LocaleContextHolder.setLocale(Locale.CHINESE);
        FieldProblem p = FieldProblem.of(null, "code", "problem.alreadyUsed", "KH-01");
        assertThat(texts.of(p, Map.of("code", "household.code"))).isEqualTo("户编号：KH-01 已被使用");
        // a field without a label is named as the request named it
        assertThat(texts.of(p, Map.of())).isEqualTo("code：KH-01 已被使用");
        assertThat(texts.ofRow(3, "amount", "problem.required", List.of(), "required")).isEqualTo("第 3 行，amount：必填");
    }

    @Test
    void codesAmongTheValuesAreNamedAsThePageNamesThem() {
        LocaleContextHolder.setLocale(Locale.CHINESE);
        List<String> args = List.of("INDUSTRY", "ILLNESS", "[DISASTER, OTHER, NO_SUCH_RISK]");
        assertThat(texts.named(args, java.util.Arrays.asList("monitoring.measure.", null, "monitoring.risk.")))
                .containsExactly("产业帮扶", "ILLNESS", "因自然灾害, 其他, NO_SUCH_RISK");
        assertThat(texts.text("problem.monitoring.measureRisk", texts.named(args, List.of("monitoring.measure.", "monitoring.risk.", "monitoring.risk.")), "m"))
                .isEqualTo("产业帮扶 不针对风险类型 因病（它针对 因自然灾害, 其他, NO_SUCH_RISK）");
    }

    @Test
    void aProblemOfNoOneFieldOrWithoutAKeyIsShownAlone() {
        LocaleContextHolder.setLocale(Locale.CHINESE);
        assertThat(texts.of(FieldProblem.of(null, null, "problem.geo.countrySplit"), Map.of("code", "household.code"))).isEqualTo("国家不能拆分");
        assertThat(texts.of(new FieldProblem(null, null, "results: 5,001 values, at most 5,000"), Map.of())).isEqualTo("results: 5,001 values, at most 5,000");
        assertThat(texts.of(InputProblem.of("code", "problem.alreadyUsed", "X"), Map.of())).isEqualTo("code：X 已被使用");
        assertThat(texts.of(new IllegalArgumentException("plain"), Map.of())).isEqualTo("plain");
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(texts.of(InputProblem.of(null, "problem.geo.countrySplit"), Map.of())).isEqualTo("a country cannot be split");
    }
}
