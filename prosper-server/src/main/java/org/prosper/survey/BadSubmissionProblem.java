package org.prosper.survey;

/** A request that is not a usable submission at all (no XML part, XML not well formed, unknown form): 400. */
public class BadSubmissionProblem extends RuntimeException {
    public BadSubmissionProblem(String message) {
        super(message);
    }
}
