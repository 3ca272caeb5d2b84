package org.prosper.knowledge;

import java.util.List;

import org.prosper.platform.FieldProblem;

/** Bad input to the knowledge bank: an HTTP status, a message that says what and where, and per-field problems. */
public class KnowledgeProblem extends RuntimeException {

    private final int status;
    private final List<FieldProblem> problems;

    public KnowledgeProblem(int status, String message, List<FieldProblem> problems) {
        super(message);
        this.status = status;
        this.problems = List.copyOf(problems);
    }

    public KnowledgeProblem(int status, String message) {
        this(status, message, List.of());
    }

    public int status() {
        return status;
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    public static KnowledgeProblem invalid(String what, List<FieldProblem> problems) {
        return new KnowledgeProblem(422, what + " is not valid: " + String.join("; ", problems.stream().map(FieldProblem::toString).toList()), problems);
    }
}
