package org.prosper.registry;

/** An edit based on an outdated version; mapped to 409. */
public class ConflictProblem extends RuntimeException {
    public ConflictProblem(String message) {
        super(message);
    }
}
