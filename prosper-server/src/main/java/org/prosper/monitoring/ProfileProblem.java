package org.prosper.monitoring;

import java.util.List;

/**
 * A country profile that cannot be used, with every field at fault (dotted path) and what is wrong with it: answered 400
 * when it cannot be read or compiled, 422 when it can but a text is longer than what stores it.
 */
public class ProfileProblem extends IllegalArgumentException {

    public record Field(String field, String message) {
        @Override
        public String toString() {
            return field + ": " + message;
        }
    }

    private final List<Field> problems;
    private final int status;

    public ProfileProblem(List<Field> problems) {
        this(400, problems);
    }

    public ProfileProblem(int status, List<Field> problems) {
        super("the profile is not valid: " + problems.stream().map(Field::toString).reduce((a, b) -> a + "; " + b).orElse(""));
        this.problems = List.copyOf(problems);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public List<Field> problems() {
        return problems;
    }
}
