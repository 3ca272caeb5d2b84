package org.prosper.projects;

import java.util.List;

/** Input that cannot be saved, with every problem as "field: what is wrong"; mapped to 422, nothing is written. */
public class InvalidProjectProblem extends RuntimeException {

    private final List<String> problems;

    public InvalidProjectProblem(String message, List<String> problems) {
        super(message + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
