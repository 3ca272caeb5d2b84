package org.prosper.measure.monetary;

import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The fused single pass over unsorted rows gives the same N, mean, FGT 0-2 and Watts as the sorted suite. */
class SinglePassTest {

    @Test
    void handCaseWithZeroIncomeAndTiesAtTheLine() {
        double[] y = {10, 0, 20, 5, 10};
        double[] w = {1, 1, 1, 1, 1};
        double[] lt = Indicators.singlePass(y, w, 5, 10, PovertyRule.LT);
        assertThat(lt[0]).isEqualTo(5);
        assertThat(lt[1]).isCloseTo(9, within(1e-14));
        assertThat(lt[2]).isCloseTo(0.4, within(1e-14));
        assertThat(lt[3]).isCloseTo(0.3, within(1e-14));
        assertThat(lt[4]).isCloseTo(0.25, within(1e-14));
        assertThat(lt[5]).isCloseTo(Math.log(2) / 5, within(1e-14)); // zero income left out of Watts
        double[] le = Indicators.singlePass(y, w, 5, 10, PovertyRule.LE);
        assertThat(le[2]).isCloseTo(0.8, within(1e-14));
        assertThat(le[3]).isCloseTo(0.3, within(1e-14));
        assertThat(le[5]).isCloseTo(Math.log(2) / 5, within(1e-14)); // at the line: log(z/z) = 0
    }

    @Test
    void negativeAndHugeIncomesAndTiesJustBelowTheLine() {
        double z = 10;
        double[] y = {-5, Math.nextDown(z), z, Double.MAX_VALUE, 1e-310, Double.POSITIVE_INFINITY};
        double[] w = {1, 2, 1, 1, 1, 0};
        double[] lt = Indicators.singlePass(y, w, y.length, z, PovertyRule.LT);
        // poor: -5 (gap 1.5, no Watts), just below z (gap ~0), the subnormal income (gap ~1, Watts log(z/1e-310))
        assertThat(lt[2]).isEqualTo(4.0 / 6);
        assertThat(lt[3]).isCloseTo((1.5 + 2 * (z - Math.nextDown(z)) / z + 1) / 6, within(1e-15));
        assertThat(lt[4]).isCloseTo((1.5 * 1.5 + 1) / 6, within(1e-15));
        assertThat(lt[5]).isCloseTo((2 * Math.log(z / Math.nextDown(z)) + (Math.log(z) - Math.log(1e-310))) / 6, within(1e-12)); // z / 1e-310 overflows
        double[] le = Indicators.singlePass(y, w, y.length, z, PovertyRule.LE);
        assertThat(le[2]).isEqualTo(5.0 / 6);
        assertThat(le[3]).isEqualTo(lt[3]);
        // the pass over sorted welfare finds the same (rows already ascending but for the subnormal one)
        double[][] sorted = sortedCopy(y, w);
        for (PovertyRule rule : PovertyRule.values()) {
            double[] any = Indicators.singlePass(y, w, y.length, z, rule);
            double[] ascending = Indicators.sortedPass(sorted[0], sorted[1], y.length, z, rule);
            for (int k = 0; k < 6; k++) {
                if (Double.isNaN(any[k])) assertThat(ascending[k]).isNaN(); // the mean: 0 x infinity
                else assertThat(ascending[k]).as("%s %d", rule, k).isCloseTo(any[k], within(Math.max(1e-300, 1e-12 * Math.abs(any[k]))));
            }
        }
    }

    @Test
    void agreesWithTheSortedSuiteAcrossChunksAndBlocks() {
        int n = 2_500_003; // three parallel chunks, the last one partial, and a partial block
        SplittableRandom r = new SplittableRandom(7);
        double[] y = new double[n], w = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(100) < 3 ? 0 : Math.exp(r.nextGaussian() + 1.8);
            w[i] = 0.5 + r.nextDouble() * 3;
        }
        y[17] = 5.0; // ties at the line
        y[n - 1] = 5.0;
        double z = 5.0;
        for (PovertyRule rule : PovertyRule.values()) {
            double[] single = Indicators.singlePass(y, w, n, z, rule);
            double[][] sorted = sortedCopy(y, w);
            Map<String, Double> suite = Indicators.compute(sorted[0], sorted[1], n, z, rule);
            assertThat(single[1]).isCloseTo(suite.get("mean"), within(1e-9 * suite.get("mean")));
            assertThat(single[2]).isCloseTo(suite.get("fgt0"), within(1e-9 * suite.get("fgt0")));
            assertThat(single[3]).isCloseTo(suite.get("fgt1"), within(1e-9 * suite.get("fgt1")));
            assertThat(single[4]).isCloseTo(suite.get("fgt2"), within(1e-9 * suite.get("fgt2")));
            assertThat(single[5]).isCloseTo(suite.get("watts"), within(1e-9 * suite.get("watts")));
            assertThat(Indicators.singlePass(y, w, n, z, rule)).containsExactly(single); // same on every call
            // the sorted pass: sums and Watts' logarithms (over a million poor rows: several chunks) in parallel parts
            double[] ascending = Indicators.sortedPass(sorted[0], sorted[1], n, z, rule);
            assertThat(ascending[5]).isCloseTo(single[5], within(1e-9 * single[5]));
            assertThat(Indicators.sortedPass(sorted[0], sorted[1], n, z, rule)).containsExactly(ascending);
        }
    }

    private static double[][] sortedCopy(double[] y, double[] w) {
        Integer[] idx = new Integer[y.length];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        java.util.Arrays.sort(idx, (a, b) -> Double.compare(y[a], y[b]));
        double[] ys = new double[y.length], ws = new double[y.length];
        for (int i = 0; i < idx.length; i++) { ys[i] = y[idx[i]]; ws[i] = w[idx[i]]; }
        return new double[][] {ys, ws};
    }
}
