package org.prosper.measure.design;

import org.junit.jupiter.api.Test;
import org.prosper.measure.lines.PovertyLine;
import org.prosper.measure.monetary.MonetaryAnalysis;
import org.prosper.measure.monetary.MonetaryResult;
import org.prosper.measure.monetary.MonetarySpec;
import org.prosper.measure.table.Table;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Survey-design SEs checked against the textbook linearized variance written out independently here:
 * mean = sum w y / sum w, u_i = w_i (y_i - mean) / N, U_hj PSU totals, V = sum_h n_h/(n_h - 1) sum_j (U_hj - Ubar_h)^2.
 */
class DesignVarianceTest {
    // 2 strata: stratum 1 has PSUs 1, 2, 3; stratum 2 has PSUs 1, 2 (PSU labels nested in strata)
    static final double[] STRATUM = {1, 1, 1, 1, 1, 1, 2, 2, 2, 2};
    static final double[] PSU = {1, 1, 2, 2, 3, 3, 1, 1, 2, 2};
    static final double[] Y = {3, 7, 12, 1, 9, 4, 15, 2, 8, 11};
    static final double[] W = {10, 12, 9, 11, 10, 8, 20, 25, 22, 18};

    static Table table(double[] fpc) {
        Map<String, double[]> c = new LinkedHashMap<>();
        c.put("y", Y.clone()); c.put("w", W.clone()); c.put("h", STRATUM.clone()); c.put("psu", PSU.clone());
        if (fpc != null) c.put("fpc", fpc);
        return Table.of("design", c);
    }

    /** Independent textbook computation for a ratio-type estimate with indicator/variable v. */
    static double textbookVariance(double[] v, double estimate, double[] fpcPerStratum) {
        double n = 0;
        for (double w : W) n += w;
        Map<String, Double> psuTotal = new HashMap<>();
        Map<Double, Map<String, Double>> byStratum = new HashMap<>();
        for (int i = 0; i < Y.length; i++) {
            double u = W[i] * (v[i] - estimate) / n;
            byStratum.computeIfAbsent(STRATUM[i], k -> new HashMap<>()).merge(STRATUM[i] + "/" + PSU[i], u, Double::sum);
        }
        double var = 0;
        for (Map.Entry<Double, Map<String, Double>> e : byStratum.entrySet()) {
            int nh = e.getValue().size();
            double mean = e.getValue().values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double ss = e.getValue().values().stream().mapToDouble(t -> (t - mean) * (t - mean)).sum();
            double f = fpcPerStratum == null ? 0 : nh / fpcPerStratum[(int) (double) e.getKey() - 1];
            var += (1 - f) * nh / (nh - 1.0) * ss;
        }
        return var;
    }

    @Test
    void meanAndHeadcountMatchTextbookLinearization() {
        MonetaryResult r = MonetaryAnalysis.of(table(null), MonetarySpec.of("y", "w", PovertyLine.absolute(8)).withDesign("h", "psu", null)).run();
        double mean = r.estimates().get("mean").value();
        assertThat(r.estimates().get("mean").se()).isCloseTo(Math.sqrt(textbookVariance(Y, mean, null)), within(1e-15));
        double[] poor = new double[Y.length];
        for (int i = 0; i < Y.length; i++) poor[i] = Y[i] < 8 ? 1 : 0;
        double h = r.estimates().get("fgt0").value();
        assertThat(r.estimates().get("fgt0").se()).isCloseTo(Math.sqrt(textbookVariance(poor, h, null)), within(1e-15));
        double[] gap = new double[Y.length];
        for (int i = 0; i < Y.length; i++) gap[i] = Y[i] < 8 ? (8 - Y[i]) / 8 : 0;
        double pg = r.estimates().get("fgt1").value();
        assertThat(r.estimates().get("fgt1").se()).isCloseTo(Math.sqrt(textbookVariance(gap, pg, null)), within(1e-15));
    }

    @Test
    void finitePopulationCorrection() {
        double[] fpc = new double[Y.length];
        for (int i = 0; i < Y.length; i++) fpc[i] = STRATUM[i] == 1 ? 30 : 8; // PSUs in the population per stratum
        MonetaryResult r = MonetaryAnalysis.of(table(fpc), MonetarySpec.of("y", "w", PovertyLine.absolute(8)).withDesign("h", "psu", "fpc")).run();
        double mean = r.estimates().get("mean").value();
        assertThat(r.estimates().get("mean").se()).isCloseTo(Math.sqrt(textbookVariance(Y, mean, new double[] {30, 8})), within(1e-15));
    }

    @Test
    void lonelyPsuRules() {
        int[] strata = {1, 1, 2, 2, 3};
        int[] psu = {1, 2, 1, 2, 1};
        double[] u = {1, -1, 2, 0, 5};
        assertThatThrownBy(() -> SurveyDesign.of(5, strata, psu, null, LonelyPsu.FAIL).variance(u)).isInstanceOf(DesignException.class);
        double base = 2 * (1 + 1) + 2 * (1 + 1); // strata 1 and 2: n/(n-1) * sum of squared deviations
        assertThat(SurveyDesign.of(5, strata, psu, null, LonelyPsu.CERTAINTY).variance(u)).isCloseTo(base, within(1e-12));
        assertThat(SurveyDesign.of(5, strata, psu, null, LonelyPsu.REMOVE).variance(u)).isCloseTo(base, within(1e-12));
        double grand = (1 - 1 + 2 + 0 + 5) / 5.0;
        assertThat(SurveyDesign.of(5, strata, psu, null, LonelyPsu.ADJUST).variance(u)).isCloseTo(base + (5 - grand) * (5 - grand), within(1e-12));
        assertThat(SurveyDesign.of(5, strata, psu, null, LonelyPsu.AVERAGE).variance(u)).isCloseTo(base * 3 / 2, within(1e-12));
    }

    @Test
    void relativeLineAddsTheLinesOwnVariance() {
        Map<String, double[]> c = new LinkedHashMap<>();
        int n = 400;
        double[] y = new double[n], w = new double[n], h = new double[n], p = new double[n];
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        for (int i = 0; i < n; i++) {
            y[i] = Math.exp(rnd.nextGaussian() * 0.7 + 3); w[i] = 1 + rnd.nextInt(5); h[i] = i % 4; p[i] = (i / 4) % 10;
        }
        c.put("y", y); c.put("w", w); c.put("h", h); c.put("p", p);
        Table t = Table.of("sim", c);
        MonetaryResult rel = MonetaryAnalysis.of(t, MonetarySpec.of("y", "w", PovertyLine.relative(0.6)).withDesign("h", "p", null)).run();
        MonetaryResult abs = MonetaryAnalysis.of(t, MonetarySpec.of("y", "w", PovertyLine.absolute(rel.line())).withDesign("h", "p", null)).run();
        assertThat(rel.estimates().get("fgt0").value()).isEqualTo(abs.estimates().get("fgt0").value());
        assertThat(rel.estimates().get("fgt0").se()).isNotEqualTo(abs.estimates().get("fgt0").se());
        for (String k : new String[] {"fgt0", "fgt1", "fgt2", "watts", "median", "gini", "theil_t", "mld", "s80_s20", "palma", "rmpg", "sen", "sst"}) {
            assertThat(rel.estimates().get(k).se()).as(k).isPositive().isFinite();
        }
        // bootstrap agrees with linearization in order of magnitude
        MonetaryResult boot = MonetaryAnalysis.of(t, MonetarySpec.of("y", "w", PovertyLine.relative(0.6)).withDesign("h", "p", null)
                .withVariance(MonetarySpec.VarianceMethod.BOOTSTRAP, LonelyPsu.FAIL, 300, 11)).run();
        double ratio = boot.estimates().get("mean").se() / rel.estimates().get("mean").se();
        assertThat(ratio).isBetween(0.6, 1.6);
    }
}
