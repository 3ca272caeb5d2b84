package org.prosper.access;

/** A record that does not exist, or that the actor may not know exists; mapped to 404. */
public class NotFoundProblem extends RuntimeException {
    public NotFoundProblem(String what) {
        super(what + " not found");
    }
}
