package org.prosper.measure.mpi;

import org.junit.jupiter.api.Test;
import org.prosper.measure.table.Table;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Alkire and Foster (2011), section 4: 4 persons x 4 indicators, equal weights, k = 2 of 4. */
class AlkireFosterExampleTest {
    static Table table() {
        Map<String, double[]> cols = new LinkedHashMap<>();
        cols.put("income", new double[] {13.1, 15.2, 12.5, 20});
        cols.put("school", new double[] {14, 7, 10, 11});
        cols.put("health", new double[] {4, 5, 1, 3});
        cols.put("vote", new double[] {1, 0, 0, 1});
        return Table.of("af2011", cols);
    }

    static MpiSpec spec(double k) {
        return new MpiSpec("af", k, List.of(
                Indicator.cutoff("income", "income", "", 0.25, 13),
                Indicator.cutoff("school", "school", "", 0.25, 12),
                Indicator.cutoff("health", "health", "", 0.25, 3),
                Indicator.cutoff("vote", "vote", "", 0.25, 1)), null);
    }

    @Test
    void headlineMeasures() {
        MpiResult r = MpiAnalysis.of(table(), spec(0.5)).run();
        assertThat(r.estimates().get("H").value()).isCloseTo(0.5, within(1e-15));
        assertThat(r.estimates().get("A").value()).isCloseTo(0.75, within(1e-15));
        assertThat(r.estimates().get("M0").value()).isCloseTo(0.375, within(1e-15));
        assertThat(r.estimates().get("M1").value()).isCloseTo(0.2055288461538, within(1e-12));
        assertThat(r.estimates().get("M2").value()).isCloseTo(0.1654570389546, within(1e-12));
    }

    @Test
    void censoredHeadcountsAndContributions() {
        MpiResult r = MpiAnalysis.of(table(), spec(0.5)).run();
        assertThat(r.indicators().get("income").censored().value()).isEqualTo(0.25);
        assertThat(r.indicators().get("school").censored().value()).isEqualTo(0.5);
        assertThat(r.indicators().get("health").censored().value()).isEqualTo(0.25);
        assertThat(r.indicators().get("vote").censored().value()).isEqualTo(0.5);
        assertThat(r.indicators().get("school").uncensored().value()).isEqualTo(0.75);
        double total = r.indicators().values().stream().mapToDouble(MpiResult.IndicatorResult::contribution).sum();
        assertThat(total).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void robustnessOverK() {
        double[] expected = {0.4375, 0.375, 0.25, 0.25};
        for (int k = 1; k <= 4; k++) {
            MpiResult r = MpiAnalysis.of(table(), spec(k / 4.0)).run();
            assertThat(r.estimates().get("M0").value()).as("k=%d", k).isCloseTo(expected[k - 1], within(1e-15));
        }
        List<MpiResult.Robustness> rob = MpiAnalysis.of(table(), spec(0.5)).run().robustness();
        assertThat(rob).extracting(MpiResult.Robustness::m0).containsExactly(0.4375, 0.375, 0.25, 0.25);
    }
}
