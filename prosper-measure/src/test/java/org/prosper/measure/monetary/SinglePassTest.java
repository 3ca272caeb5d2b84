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
