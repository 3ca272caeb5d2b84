package org.prosper.survey;

import java.util.List;

/** An XLSForm or data file that cannot be used, with every problem found; nothing of it was kept. */
public class InvalidFormProblem extends RuntimeException {

    private final List<FormProblem> problems;

    public InvalidFormProblem(String message, List<FormProblem> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    public List<FormProblem> problems() {
        return problems;
    }
}
