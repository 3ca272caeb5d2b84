package org.prosper.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.prosper.platform.FieldProblem;

/** The type checks a submission's values go through, on the processing thread and on a reviewer's edit. */
class SubmissionValueCheckTest {

    private static List<String> check(String type, String value) {
        FormNode node = new FormNode(FormNode.Kind.QUESTION, type, "amount", "amount", null, null, null, null, null, null, null,
                null, null, null, null, false, null, null, false, 2, null);
        List<FieldProblem> problems = new ArrayList<>();
        SubmissionProcessor.checkValue(null, node, value, "amount", problems);
        return problems.stream().map(FieldProblem::said).toList();
    }

    @Test
    void decimalsAsDevicesAndXFormsWriteThemAreAccepted() {
        for (String v : List.of("12", "12.", "12.5", ".5", "-3", "+1.5", "-0.25", "1.0E-5", "-2e3", "6.02e+23")) {
            assertThat(check("decimal", v)).as(v).isEmpty();
        }
        for (String v : List.of("", "-", ".", "1.2.3", "e5", "1e", "1,5", " 1", "1x", "--1")) {
            assertThat(check("decimal", v)).as(v).containsExactly("amount: '" + v + "' is not a number");
        }
    }

    @Test
    void aLongValueThatIsNotANumberIsRefusedAtOnceAndQuotedShort() {
        // the old pattern backtracked over every split of the digits: 20,000 of them took 30 seconds
        String v = "1".repeat(1_000_000) + "x";
        assertThat(check("decimal", v)).containsExactly("amount: '" + "1".repeat(60) + "…' is not a number");
        assertThat(check("integer", v)).containsExactly("amount: '" + "1".repeat(60) + "…' is not a whole number");
    }

    @Test
    void aDecimalLongerThanAnyDeviceWritesIsNotANumber() {
        assertThat(check("decimal", "1".repeat(SubmissionProcessor.MAX_NUMBER_LENGTH))).isEmpty();
        assertThat(check("decimal", "1".repeat(SubmissionProcessor.MAX_NUMBER_LENGTH + 1))).singleElement().asString().endsWith("' is not a number");
    }

    @Test
    void aSelectMultipleAnswerOfManyUnknownWordsNamesTheFirstFewAndCountsTheRest() {
        FormNode node = new FormNode(FormNode.Kind.QUESTION, "select_multiple", "assets", "assets", null, null, null, null, null, null, null,
                null, null, null, "asset", false, null, null, false, 2, null);
        FormDefinition form = new FormDefinition("f", "F", "1", "f", List.of("default"), "default", null, List.of(node),
                java.util.Map.of("asset", List.of(new Choice("radio", java.util.Map.of(), null))));
        List<FieldProblem> found = new ArrayList<>();
        SubmissionProcessor.checkValue(form, node, "radio " + "word ".repeat(100_000), "assets", found);
        List<String> problems = found.stream().map(FieldProblem::said).toList();
        assertThat(problems).hasSize(6).startsWith("assets: 'word' is not a choice of list asset")
                .endsWith("assets: 99995 more values are not choices of list asset");
    }
}
