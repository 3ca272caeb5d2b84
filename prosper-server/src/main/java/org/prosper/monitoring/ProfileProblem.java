package org.prosper.monitoring;

import java.util.List;

/** A country profile that cannot be used, with every field at fault (dotted path) and what is wrong with it. */
public class ProfileProblem extends IllegalArgumentException {

    public record Field(String field, String message) {
        @Override
        public String toString() {
            return field + ": " + message;
        }
    }

    private final List<Field> problems;

    public ProfileProblem(List<Field> problems) {
        super("the profile is not valid: " + problems.stream().map(Field::toString).reduce((a, b) -> a + "; " + b).orElse(""));
        this.problems = List.copyOf(problems);
    }

    public List<Field> problems() {
        return problems;
    }
}
