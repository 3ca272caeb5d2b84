package org.prosper.measure.lines;

/**
 * The line a monetary analysis measures against: an absolute amount in the welfare variable's units, or a
 * relative line, a fraction of the weighted median (Eurostat's at-risk-of-poverty threshold is 0.6).
 */
public sealed interface PovertyLine {
    record Absolute(double value) implements PovertyLine {
        public Absolute {
            if (!(value > 0) || Double.isInfinite(value)) throw new IllegalArgumentException("the poverty line must be a positive number, got " + value);
        }
    }

    record Relative(double fraction) implements PovertyLine {
        public Relative {
            if (!(fraction > 0) || Double.isInfinite(fraction)) throw new IllegalArgumentException("the relative line fraction must be positive, got " + fraction);
        }
    }

    static PovertyLine absolute(double z) { return new Absolute(z); }

    static PovertyLine relative(double fraction) { return new Relative(fraction); }
}
