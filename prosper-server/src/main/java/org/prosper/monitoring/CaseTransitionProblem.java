package org.prosper.monitoring;

/** A step the case's state machine does not allow now (wrong state, notice still running, no labour): answered 409. */
public class CaseTransitionProblem extends RuntimeException {
    public CaseTransitionProblem(String message) {
        super(message);
    }
}
