package org.prosper.measure.monetary;

import org.junit.jupiter.api.Test;
import org.prosper.measure.inequality.Atkinson;
import org.prosper.measure.inequality.GeneralizedEntropy;
import org.prosper.measure.inequality.Gini;
import org.prosper.measure.inequality.Lorenz;
import org.prosper.measure.inequality.WeightedQuantile;
import org.prosper.measure.lines.PovertyLine;
import org.prosper.measure.table.Table;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Small cases worked out by hand (see the comments for the arithmetic). */
class HandComputedTest {
    static final double EPS = 1e-14;

    static Map<String, Estimate> run(double[] y, double[] w, PovertyLine line, PovertyRule rule) {
        Map<String, double[]> cols = new LinkedHashMap<>();
        cols.put("y", y.clone());
        if (w != null) cols.put("w", w.clone());
        Table t = Table.of("hand", cols);
        return MonetaryAnalysis.of(t, MonetarySpec.of("y", w == null ? null : "w", line).withRule(rule)).run().estimates();
    }

    static double v(Map<String, Estimate> m, String k) { return m.get(k).value(); }

    @Test
    void unweightedWithZeroIncomeAndTiesAtTheLine() {
        double[] y = {10, 0, 20, 5, 10};
        Map<String, Estimate> lt = run(y, null, PovertyLine.absolute(10), PovertyRule.LT);
        // poor (y < 10): 0 and 5; gaps 1 and 0.5
        assertThat(v(lt, "fgt0")).isCloseTo(0.4, within(EPS));
        assertThat(v(lt, "fgt1")).isCloseTo(0.3, within(EPS));
        assertThat(v(lt, "fgt2")).isCloseTo(0.25, within(EPS));
        assertThat(v(lt, "watts")).isCloseTo(Math.log(2) / 5, within(EPS)); // zero income left out of Watts
        assertThat(v(lt, "mean")).isCloseTo(9, within(EPS));
        assertThat(v(lt, "median")).isEqualTo(10);
        // sum |yi - yj| over ordered pairs = 180; 180 / (2 n^2 mu) = 0.4
        assertThat(v(lt, "gini")).isCloseTo(0.4, within(EPS));
        // Gini among the poor {0, 5} = 0.5: Sen = 0.4*0.5 + 0.3*0.5
        assertThat(v(lt, "sen")).isCloseTo(0.35, within(EPS));
        // gaps {1, .5, 0, 0, 0}: Gini = 2/3; SST = 0.3 * (1 + 2/3)
        assertThat(v(lt, "sst")).isCloseTo(0.5, within(EPS));
        // median of the poor: cumulative share reaches 0.5 exactly at 0 -> (0 + 5)/2 = 2.5; (10 - 2.5)/10
        assertThat(v(lt, "rmpg")).isCloseTo(0.75, within(EPS));

        Map<String, Estimate> le = run(y, null, PovertyLine.absolute(10), PovertyRule.LE);
        assertThat(v(le, "fgt0")).isCloseTo(0.8, within(EPS));
        assertThat(v(le, "fgt1")).isCloseTo(0.3, within(EPS));
        assertThat(v(le, "fgt2")).isCloseTo(0.25, within(EPS));
    }

    @Test
    void generalizedEntropyOverPositiveIncomesOnly() {
        double[] y = {10, 0, 20, 5, 10};
        Map<String, Estimate> m = run(y, null, PovertyLine.absolute(10), PovertyRule.LT);
        double[] pos = {5, 10, 10, 20};
        double mu = 11.25, theil = 0, mld = 0, ge2 = 0, lg = 0;
        for (double x : pos) { theil += x / mu * Math.log(x / mu) / 4; mld -= Math.log(x / mu) / 4; ge2 += (x / mu) * (x / mu) / 4; lg += Math.log(x) / 4; }
        ge2 = (ge2 - 1) / 2;
        assertThat(v(m, "theil_t")).isCloseTo(theil, within(1e-14));
        assertThat(v(m, "mld")).isCloseTo(mld, within(1e-14));
        assertThat(v(m, "ge2")).isCloseTo(ge2, within(1e-14));
        assertThat(v(m, "atkinson_1")).isCloseTo(1 - Math.exp(lg) / mu, within(1e-14));
    }

    @Test
    void weightedWithTies() {
        // sorted y = 1 2 2 3 4, w = 1 2 1 3 1 (N = 8); input deliberately shuffled
        double[] y = {3, 2, 4, 1, 2};
        double[] w = {3, 1, 1, 1, 2};
        Map<String, Estimate> m = run(y, w, PovertyLine.absolute(2.5), PovertyRule.LT);
        assertThat(v(m, "fgt0")).isCloseTo(0.5, within(EPS));
        assertThat(v(m, "fgt1")).isCloseTo(0.15, within(EPS));
        assertThat(v(m, "fgt2")).isCloseTo(0.06, within(EPS));
        assertThat(v(m, "mean")).isCloseTo(2.5, within(EPS));
        // cumulative weight shares .125 .375 .5 .875 1: exactly 0.5 at the second 2 -> (2 + 3)/2
        assertThat(v(m, "median")).isEqualTo(2.5);
        // [2*116 - 42] / (8*20) - 1
        assertThat(v(m, "gini")).isCloseTo(0.1875, within(EPS));
        // q20 = 2, q80 = 3: bottom mean 7/4, top mean 4
        assertThat(v(m, "s80_s20")).isCloseTo(4 / 1.75, within(EPS));
        // Lorenz: L(.4) = .27, L(.9) = .84
        assertThat(v(m, "palma")).isCloseTo(0.16 / 0.27, within(1e-13));
        assertThat(v(m, "atkinson_1")).isCloseTo(1 - Math.exp((5 * Math.log(2) + 3 * Math.log(3)) / 8) / 2.5, within(EPS));
    }

    @Test
    void relativeLineIsSixtyPercentOfTheWeightedMedian() {
        double[] y = {3, 2, 4, 1, 2};
        double[] w = {3, 1, 1, 1, 2};
        Map<String, double[]> cols = new LinkedHashMap<>();
        cols.put("y", y);
        cols.put("w", w);
        MonetaryResult r = MonetaryAnalysis.of(Table.of("t", cols), MonetarySpec.of("y", "w", PovertyLine.relative(0.6))).run();
        assertThat(r.line()).isCloseTo(1.5, within(EPS));
        assertThat(r.estimates().get("fgt0").value()).isCloseTo(0.125, within(EPS));
        assertThat(r.population()).isEqualTo(8);
    }

    @Test
    void weightedQuantileFollowsLaeken() {
        double[] y = {1, 2, 3, 4};
        double[] w = {1, 1, 1, 1};
        assertThat(WeightedQuantile.of(y, w, 4, 0.5)).isEqualTo(2.5);   // rw = .5 exactly -> average
        assertThat(WeightedQuantile.of(y, w, 4, 0.3)).isEqualTo(2);     // first rw >= .3 is .5
        assertThat(WeightedQuantile.of(y, w, 4, 0)).isEqualTo(1);
        assertThat(WeightedQuantile.of(y, w, 4, 1)).isEqualTo(4);
        double[] w2 = {0.1, 0.2, 0.3, 0.4};
        assertThat(WeightedQuantile.of(y, w2, 4, 0.5)).isEqualTo(3);
    }

    @Test
    void lorenzAndDecileShares() {
        double[] y = new double[10], w = new double[10];
        for (int i = 0; i < 10; i++) { y[i] = i + 1; w[i] = 1; }
        double[] s = Lorenz.shares(y, w, 10, 10);
        for (int i = 0; i < 10; i++) assertThat(s[i]).isCloseTo((i + 1) / 55.0, within(1e-15));
        assertThat(Lorenz.palma(y, w, 10)).isCloseTo(10.0 / 10, within(1e-14)); // top 10 / bottom 1+2+3+4
    }

    @Test
    void giniIndependentOfTieOrderAndEqualIncomesGiveZero() {
        double[] y = {2, 2, 2};
        assertThat(Gini.of(y, new double[] {1, 5, 2}, 3)).isCloseTo(0, within(1e-15));
        assertThat(Gini.of(new double[] {1, 2, 2, 3}, new double[] {1, 2, 3, 1}, 4))
                .isCloseTo(Gini.of(new double[] {1, 2, 2, 3}, new double[] {1, 3, 2, 1}, 4), within(1e-15));
        assertThat(GeneralizedEntropy.of(y, new double[] {1, 1, 1}, 3, 2)).isCloseTo(0, within(1e-15));
        assertThat(Atkinson.of(y, new double[] {1, 1, 1}, 3, 0.5)).isCloseTo(0, within(1e-15));
    }

    @Test
    void fgtAnyAlphaAndAdditiveDecomposition() {
        double[] y = {1, 2, 3, 4, 5, 6};
        double[] w = {1, 1, 2, 2, 1, 1};
        assertThat(Indicators.fgt(y, w, 6, 4, 3, PovertyRule.LT))
                .isCloseTo((Math.pow(0.75, 3) + Math.pow(0.5, 3) + 2 * Math.pow(0.25, 3)) / 8, within(EPS));
        Map<String, double[]> cols = new LinkedHashMap<>();
        cols.put("y", y);
        cols.put("w", w);
        cols.put("g", new double[] {1, 2, 1, 2, 1, 2});
        MonetaryResult r = MonetaryAnalysis.of(Table.of("t", cols), MonetarySpec.of("y", "w", PovertyLine.absolute(4)).withBy("g")).run();
        double sum = 0;
        for (double c : r.decomposition().fgt().get("fgt1")) sum += c;
        assertThat(sum).isCloseTo(r.estimates().get("fgt1").value(), within(1e-15));
        double mldTotal = r.estimates().get("mld").value();
        assertThat(r.decomposition().geWithin().get("mld") + r.decomposition().geBetween().get("mld")).isCloseTo(mldTotal, within(1e-14));
        double theil = r.estimates().get("theil_t").value();
        // a row without a group value still counts in the total
        cols.put("g", new double[] {1, 2, Double.NaN, 2, 1, 2});
        MonetaryResult partial = MonetaryAnalysis.of(Table.of("t", cols), MonetarySpec.of("y", "w", PovertyLine.absolute(4)).withBy("g")).run();
        assertThat(partial.observations()).isEqualTo(6);
        assertThat(partial.estimates().get("fgt1").value()).isEqualTo(r.estimates().get("fgt1").value());
        assertThat(partial.groups()).extracting(MonetaryResult.Group::observations).containsExactly(2L, 3L);
        assertThat(r.decomposition().geWithin().get("theil_t") + r.decomposition().geBetween().get("theil_t")).isCloseTo(theil, within(1e-14));
    }
}
