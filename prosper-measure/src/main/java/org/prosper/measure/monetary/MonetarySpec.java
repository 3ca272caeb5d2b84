package org.prosper.measure.monetary;

import org.prosper.measure.design.LonelyPsu;
import org.prosper.measure.lines.PovertyLine;

/**
 * What to compute. Column names refer to the input table; null means absent.
 *
 * @param welfare    welfare column (income or consumption per capita or per adult equivalent)
 * @param weight     weight column, or null for equal weights
 * @param line       absolute or relative poverty line
 * @param rule       who is poor (default y &lt; z)
 * @param strata     stratum column, or null
 * @param psu        primary sampling unit column, or null
 * @param fpc        finite-population correction column, or null
 * @param by         subgroup column, or null
 * @param variance   how standard errors are computed when a design is given
 * @param lonelyPsu  rule for strata with one PSU
 * @param replicates bootstrap replicates (for {@link VarianceMethod#BOOTSTRAP})
 * @param seed       bootstrap seed
 */
public record MonetarySpec(String welfare, String weight, PovertyLine line, PovertyRule rule, String strata, String psu,
                           String fpc, String by, VarianceMethod variance, LonelyPsu lonelyPsu, int replicates, long seed) {

    public enum VarianceMethod { LINEARIZATION, BOOTSTRAP }

    public MonetarySpec {
        if (welfare == null) throw new IllegalArgumentException("welfare column is required");
        if (line == null) throw new IllegalArgumentException("a poverty line is required");
        if (rule == null) rule = PovertyRule.LT;
        if (variance == null) variance = VarianceMethod.LINEARIZATION;
        if (lonelyPsu == null) lonelyPsu = LonelyPsu.FAIL;
        if (replicates <= 0) replicates = 200;
    }

    public static MonetarySpec of(String welfare, String weight, PovertyLine line) {
        return new MonetarySpec(welfare, weight, line, PovertyRule.LT, null, null, null, null, null, null, 0, 1L);
    }

    public boolean hasDesign() { return strata != null || psu != null; }

    public MonetarySpec withDesign(String strata, String psu, String fpc) {
        return new MonetarySpec(welfare, weight, line, rule, strata, psu, fpc, by, variance, lonelyPsu, replicates, seed);
    }

    public MonetarySpec withBy(String by) {
        return new MonetarySpec(welfare, weight, line, rule, strata, psu, fpc, by, variance, lonelyPsu, replicates, seed);
    }

    public MonetarySpec withRule(PovertyRule rule) {
        return new MonetarySpec(welfare, weight, line, rule, strata, psu, fpc, by, variance, lonelyPsu, replicates, seed);
    }

    public MonetarySpec withVariance(VarianceMethod method, LonelyPsu lonely, int replicates, long seed) {
        return new MonetarySpec(welfare, weight, line, rule, strata, psu, fpc, by, method, lonely, replicates, seed);
    }
}
