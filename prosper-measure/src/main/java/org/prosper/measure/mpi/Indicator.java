package org.prosper.measure.mpi;

/**
 * One MPI indicator. Either a 0/1 deprivation column ({@code flag}; 1 = deprived) or an achievement column with a
 * deprivation cutoff (deprived iff value &lt; cutoff). Cardinal indicators (cutoff given and {@code cardinal})
 * have normalized gaps (z - x)/z for M1 and M2.
 */
public record Indicator(String name, String column, String dimension, double weight, boolean flag, double cutoff,
                        boolean cardinal) {
    public static Indicator flag(String name, String column, String dimension, double weight) {
        return new Indicator(name, column, dimension, weight, true, Double.NaN, false);
    }

    public static Indicator cutoff(String name, String column, String dimension, double weight, double cutoff) {
        return new Indicator(name, column, dimension, weight, false, cutoff, true);
    }

    public boolean deprived(double x) { return flag ? x != 0 : x < cutoff; }

    /** Normalized gap (0 when not deprived). */
    public double gap(double x) { return !flag && x < cutoff ? (cutoff - x) / cutoff : 0; }
}
