package org.prosper.platform;

import java.util.List;

/**
 * One thing wrong with one field of one record; {@code member} is the member's line number, or null. {@code key} and
 * {@code args} say the problem in any language (messages/problems); {@code message} is its English text. A problem
 * made without a key is shown as its message in every language.
 */
public record FieldProblem(Integer member, String field, String message, String key, List<String> args) {

    public FieldProblem {
        args = args == null ? List.of() : List.copyOf(args);
    }

    public FieldProblem(Integer member, String field, String message) {
        this(member, field, message, null, List.of());
    }

    /** A problem said by a key of messages/problems with these values. */
    public static FieldProblem of(Integer member, String field, String key, Object... values) {
        List<String> args = ProblemMessages.args(values);
        return new FieldProblem(member, field, ProblemMessages.english(key, args), key, args);
    }

    /** The problem in one line as the API says it: "field: English text", or the text alone for a problem of no one field. */
    public String said() {
        return field == null ? message : field + ": " + message;
    }

    @Override
    public String toString() {
        return (member == null ? "" : "member " + member + ", ") + field + ": " + message;
    }
}
