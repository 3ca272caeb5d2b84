package org.prosper.registry;

import java.util.List;

import org.prosper.platform.FieldProblem;

/** A household that fails validation, with every problem found; mapped to 422. */
public class InvalidHouseholdProblem extends IllegalArgumentException {

    private final List<FieldProblem> problems;

    public InvalidHouseholdProblem(List<FieldProblem> problems) {
        super(problems.stream().map(FieldProblem::toString).reduce((a, b) -> a + "; " + b).orElse("invalid household"));
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
