package org.prosper.measure.design;

/** The survey design cannot give a variance (e.g. a lonely PSU under {@link LonelyPsu#FAIL}). */
public final class DesignException extends RuntimeException {
    public DesignException(String message) { super(message); }
}
