package org.prosper.projects;

import java.util.List;

import org.prosper.platform.FieldProblem;

/**
 * Input that cannot be saved, with every problem; mapped to 422, nothing is written. A problem said by a key of
 * messages/problems is shown in the reader's language on the pages; the API answers each as "field: English text".
 * {@code member} of a problem is the row of a page's table it is about (a change request's changes), or null.
 */
public class InvalidProjectProblem extends RuntimeException {

    private final List<FieldProblem> problems;

    public InvalidProjectProblem(String message, List<FieldProblem> problems) {
        super(message + ": " + String.join("; ", problems.stream().map(InvalidProjectProblem::said).toList()));
        this.problems = List.copyOf(problems);
    }

    /** Problems said as whole English sentences (limits, outcome files, estimates): shown as they are in every language. */
    public static InvalidProjectProblem said(String message, List<String> texts) {
        return new InvalidProjectProblem(message, texts.stream().map(InvalidProjectProblem::text).toList());
    }

    /** A problem said as a whole English sentence, without a key. */
    static FieldProblem text(String text) {
        return new FieldProblem(null, null, text);
    }

    /** Each problem as "field: English text", as the API answers it. */
    public List<String> problems() {
        return problems.stream().map(InvalidProjectProblem::said).toList();
    }

    public List<FieldProblem> fieldProblems() {
        return problems;
    }

    private static String said(FieldProblem p) {
        return (p.field() != null && p.member() != null ? "row " + p.member() + " " : "") + p.said();
    }
}
