package org.prosper.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.prosper.platform.FieldProblem;
import org.prosper.platform.InputProblem;
import org.prosper.platform.ProblemMessages;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Problems as a page shows them, in the language of the request: a field named by the label its form shows, a row of an
 * uploaded file by its number and the file's own column name. A problem without a key is shown as it was said.
 */
@Component
public class ProblemTexts {

    private final MessageSource messages;

    public ProblemTexts(MessageSource messages) {
        this.messages = messages;
    }

    /** The problem alone, in the reader's language. */
    public String text(String key, List<String> args, String message) {
        return ProblemMessages.in(messages, locale(), key, args, message);
    }

    /** "Label: problem"; without a label key, the field is named as the request named it. */
    public String ofField(String labelKey, String field, String key, List<String> args, String message) {
        return labelled(label(labelKey, field), text(key, args, message));
    }

    /** A label of the page's bundles in the reader's language; without a key, or without a text for it, the fallback. */
    public String label(String labelKey, String fallback) {
        return labelKey == null ? fallback : messages.getMessage(labelKey, null, fallback, locale());
    }

    private String labelled(String label, String text) {
        return messages.getMessage("problem.field", new Object[] {label, text}, locale());
    }

    /** A field's problem named by the label the form shows for it ({@code labels}: field to message key); one of no field alone. */
    public String of(FieldProblem problem, Map<String, String> labels) {
        if (problem.field() == null) return text(problem.key(), problem.args(), problem.message());
        return ofField(labels.get(problem.field()), problem.field(), problem.key(), problem.args(), problem.message());
    }

    /** A refused input as "Label: problem" in the reader's language; any other refusal as it was said. */
    public String of(IllegalArgumentException refused, Map<String, String> labels) {
        return refused instanceof InputProblem p ? of(p.problem(), labels) : refused.getMessage();
    }

    /**
     * A problem's values with the codes among them named as the page names them: {@code labels} gives, per value, the key
     * prefix of its code's label (monitoring.state. for a case state), or null to keep the value; a value written as a
     * list ([A, B]) is named code by code. A code without a label stays as it is.
     */
    public List<String> named(List<String> args, List<String> labels) {
        return named(messages, locale(), args, labels);
    }

    /** {@link #named(List, List)} in a given language. */
    public static List<String> named(MessageSource messages, Locale locale, List<String> args, List<String> labels) {
        List<String> out = new java.util.ArrayList<>(args);
        for (int i = 0; i < out.size() && i < labels.size(); i++) {
            String prefix = labels.get(i);
            if (prefix == null) continue;
            String value = out.get(i);
            if (value.startsWith("[") && value.endsWith("]")) {
                String[] codes = value.substring(1, value.length() - 1).split(",\\s*");
                out.set(i, String.join(", ", java.util.Arrays.stream(codes).map(c -> label(messages, prefix, c, locale)).toList()));
            } else {
                out.set(i, label(messages, prefix, value, locale));
            }
        }
        return out;
    }

    private static String label(MessageSource messages, String prefix, String code, Locale locale) {
        return messages.getMessage(prefix + code, null, code, locale);
    }

    /** "Label: problem" with a label the page already has in the reader's language (a survey question's own label). */
    public String withLabel(String label, FieldProblem problem) {
        return labelled(label, text(problem.key(), problem.args(), problem.message()));
    }

    /** "Row n, column: problem", the column as the file names it. */
    public String ofRow(int row, String column, String key, List<String> args, String message) {
        return messages.getMessage("problem.rowField", new Object[] {row, column, text(key, args, message)}, locale());
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}
