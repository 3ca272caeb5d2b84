package org.prosper.registry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.prosper.platform.FieldProblem;
import org.prosper.platform.ProblemMessages;
import org.prosper.web.ProblemTexts;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The household form's problems as its reader sees them: in the reader's language, each named by its field's label
 * and its member's number on the form (not by the registry's field names), and the inputs to mark.
 */
@Component
class HouseholdFormProblems {

    /** What the form shows: one text per problem, and the names of the inputs they are about. */
    record Shown(List<String> texts, List<String> inputs) {
    }

    private static final Map<String, String> HOUSEHOLD_LABELS = Map.ofEntries(
            Map.entry("code", "household.code"), Map.entry("orgUnitId", "households.village"),
            Map.entry("address", "household.address"), Map.entry("phone", "household.phone"),
            Map.entry("latitude", "household.latitude"), Map.entry("longitude", "household.longitude"),
            Map.entry("registrationStatus", "households.status"), Map.entry("annualIncome", "household.annualIncome"),
            Map.entry("incomeYear", "household.incomeYear"), Map.entry("housingStructure", "household.housingStructure"),
            Map.entry("housingCondition", "household.housingCondition"), Map.entry("floorArea", "household.floorArea"),
            Map.entry("waterSource", "household.waterSource"), Map.entry("sanitation", "household.sanitation"),
            Map.entry("cookingFuel", "household.cookingFuel"), Map.entry("electricity", "household.electricity"),
            Map.entry("landArea", "household.landArea"), Map.entry("assets", "household.assets"),
            Map.entry("members", "household.members"), Map.entry("headName", "household.head"),
            Map.entry("headNationalId", "person.nationalId"));
    /** A binding error names a member's input by its row on the form. */
    private static final Pattern MEMBER_INPUT = Pattern.compile("members\\[(\\d+)]\\.(\\w+)");

    private final MessageSource messages;

    HouseholdFormProblems(MessageSource messages) {
        this.messages = messages;
    }

    Shown show(List<FieldProblem> problems, HouseholdForm form, Locale locale) {
        List<String> texts = new ArrayList<>(problems.size());
        List<String> inputs = new ArrayList<>(problems.size());
        for (FieldProblem p : problems) {
            Matcher input = MEMBER_INPUT.matcher(p.field());
            Integer row = p.member() != null ? Integer.valueOf(form.formIndex(p.member())) : input.matches() ? Integer.valueOf(input.group(1)) : null;
            String field = input.matches() ? input.group(2) : p.field();
            String text = ProblemMessages.in(messages, locale, p.key(), named(p, field, locale), p.message());
            if (row != null) {
                texts.add(messages.getMessage("problem.memberField", new Object[] {row + 1, label("person." + field, field, locale), text}, locale));
                inputs.add("members[" + row + "]." + field);
            } else if (HOUSEHOLD_LABELS.containsKey(field)) {
                texts.add(messages.getMessage("problem.field", new Object[] {label(HOUSEHOLD_LABELS.get(field), field, locale), text}, locale));
                inputs.add(field);
            } else {
                texts.add(text); // about the household as a whole (an edit that crossed another)
            }
        }
        return new Shown(texts, inputs);
    }

    /** The codes a choice allows named as the form's select names them (registry.sex.F), not as the API writes them. */
    private List<String> named(FieldProblem p, String field, Locale locale) {
        String codes = "registry." + field + ".";
        if ("problem.requiredOneOf".equals(p.key())) return ProblemTexts.named(messages, locale, p.args(), List.of(codes));
        if ("problem.notOneOf".equals(p.key())) return ProblemTexts.named(messages, locale, p.args(), Arrays.asList(null, codes));
        return p.args();
    }

    private String label(String key, String field, Locale locale) {
        return messages.getMessage(key, null, field, locale);
    }
}
