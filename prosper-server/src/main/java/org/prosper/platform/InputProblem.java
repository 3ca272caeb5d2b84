package org.prosper.platform;

/**
 * A value a form or a request gave that cannot be taken, said by a key of messages/problems: pages show it in the
 * reader's language, the API answers 400 with the English text and the problem's key and values. The message stays
 * "field: English text" (the text alone for a problem of no one field), as for any IllegalArgumentException.
 */
public class InputProblem extends IllegalArgumentException {

    private final FieldProblem problem;

    public InputProblem(FieldProblem problem) {
        super(problem.said());
        this.problem = problem;
    }

    public static InputProblem of(String field, String key, Object... values) {
        return new InputProblem(FieldProblem.of(null, field, key, values));
    }

    public FieldProblem problem() {
        return problem;
    }
}
