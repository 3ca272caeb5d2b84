package org.prosper.measure.mpi;

import org.junit.jupiter.api.Test;
import org.prosper.measure.table.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The byte-column kernel agrees with the table-based analysis (global MPI weights, k = 1/3). */
class MpiKernelTest {
    @Test
    void kernelMatchesAnalysis() {
        int n = 10_000, d = 10;
        double[] wts = {1.0 / 6, 1.0 / 6, 1.0 / 6, 1.0 / 6, 1.0 / 18, 1.0 / 18, 1.0 / 18, 1.0 / 18, 1.0 / 18, 1.0 / 18};
        byte[][] dep = new byte[d][n];
        double[] w = new double[n];
        SplittableRandom r = new SplittableRandom(5);
        Map<String, double[]> cols = new LinkedHashMap<>();
        List<Indicator> inds = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            double[] col = new double[n];
            for (int i = 0; i < n; i++) { dep[j][i] = (byte) (r.nextDouble() < 0.2 + 0.03 * j ? 1 : 0); col[i] = dep[j][i]; }
            cols.put("d" + j, col);
            inds.add(Indicator.flag("d" + j, "d" + j, "", wts[j]));
        }
        for (int i = 0; i < n; i++) w[i] = 1 + r.nextDouble();
        cols.put("w", w);
        MpiKernel k = MpiKernel.compute(dep, wts, w, 1.0 / 3);
        MpiResult a = MpiAnalysis.of(Table.of("t", cols), new MpiSpec("g", 1.0 / 3, inds, null)).weight("w").run();
        assertThat(k.h()).isCloseTo(a.estimates().get("H").value(), within(1e-12));
        assertThat(k.a()).isCloseTo(a.estimates().get("A").value(), within(1e-12));
        assertThat(k.m0()).isCloseTo(a.estimates().get("M0").value(), within(1e-12));
        assertThat(k.vulnerable()).isCloseTo(a.estimates().get("vulnerable").value(), within(1e-12));
        assertThat(k.severe()).isCloseTo(a.estimates().get("severe").value(), within(1e-12));
        for (int j = 0; j < d; j++) {
            assertThat(k.censored()[j]).isCloseTo(a.indicators().get("d" + j).censored().value(), within(1e-12));
            assertThat(k.uncensored()[j]).isCloseTo(a.indicators().get("d" + j).uncensored().value(), within(1e-12));
        }
    }

    @Test
    void weightsThatSumToOneOnlyUpToRoundingBehaveAsExact() {
        // six indicators of 1/6: a person deprived in two has c = 2 * (1/6) which must count as >= k = 1/3
        Map<String, double[]> cols = new LinkedHashMap<>();
        List<Indicator> inds = new ArrayList<>();
        for (int j = 0; j < 6; j++) {
            cols.put("d" + j, new double[] {j < 2 ? 1 : 0, j < 1 ? 1 : 0});
            inds.add(Indicator.flag("d" + j, "d" + j, "", 1.0 / 6));
        }
        MpiResult r = MpiAnalysis.of(Table.of("t", cols), new MpiSpec("s", 0.3333333333333333, inds, null)).run();
        assertThat(r.estimates().get("H").value()).isEqualTo(0.5);
    }
}
