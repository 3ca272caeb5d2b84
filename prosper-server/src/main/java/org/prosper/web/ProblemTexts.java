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
        Locale locale = locale();
        String label = labelKey == null ? field : messages.getMessage(labelKey, null, field, locale);
        return messages.getMessage("problem.field", new Object[] {label, text(key, args, message)}, locale);
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

    /** "Row n, column: problem", the column as the file names it. */
    public String ofRow(int row, String column, String key, List<String> args, String message) {
        return messages.getMessage("problem.rowField", new Object[] {row, column, text(key, args, message)}, locale());
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}
