package org.prosper.job;

/**
 * How a piece of work ended. A work that refused its input (an import with problems) ends {@link #failed} with a
 * result that says why, so that a client that checks only the state never mistakes it for success.
 */
public record JobOutcome(boolean succeeded, String message, Object result) {

    public static JobOutcome succeeded(String message, Object result) {
        return new JobOutcome(true, message, result);
    }

    public static JobOutcome failed(String message, Object result) {
        return new JobOutcome(false, message, result);
    }
}
