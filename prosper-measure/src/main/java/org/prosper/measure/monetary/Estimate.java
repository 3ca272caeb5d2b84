package org.prosper.measure.monetary;

/** A point estimate and its standard error (NaN when no design was given or the SE is not defined). */
public record Estimate(double value, double se) {
    public static Estimate of(double value) { return new Estimate(value, Double.NaN); }

    public boolean hasSe() { return !Double.isNaN(se); }
}
