package org.prosper.access;

/** Thrown by services when an actor lacks a permission or reaches outside its scope; mapped to 403. */
public class AccessDeniedProblem extends RuntimeException {
    public AccessDeniedProblem(String message) {
        super(message);
    }
}
