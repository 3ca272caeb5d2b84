package org.prosper.measure.grouped;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Datt (1998), rural India 1983: mean 109.9, line 89; published values to 7 decimals. */
class DattExampleTest {
    static final double[] P = {0.0092, 0.0339, 0.085, 0.164, 0.2609, 0.4133, 0.5497, 0.7196, 0.8196, 0.9174, 0.957, 0.9751, 1};
    static final double[] L = {0.00208, 0.01013, 0.03122, 0.07083, 0.12808, 0.23498, 0.34887, 0.51994, 0.6427, 0.79201, 0.86966, 0.91277, 1};

    @Test
    void generalQuadratic() {
        LorenzFit gq = Grouped.of(P, L, 109.9, 89).run().gq();
        assertThat(gq.headcount()).isCloseTo(0.4506148, within(5e-8));
        assertThat(gq.gap()).isCloseTo(0.1247467, within(5e-8));
        assertThat(gq.severity()).isCloseTo(0.0475200, within(5e-8));
        assertThat(gq.gini()).isCloseTo(0.2890171, within(5e-8));
        assertThat(gq.valid()).isTrue();
    }

    @Test
    void beta() {
        LorenzFit b = Grouped.of(P, L, 109.9, 89).run().beta();
        assertThat(b.headcount()).isCloseTo(0.4511733, within(5e-8));
        assertThat(b.gap()).isCloseTo(0.1273534, within(5e-8));
        assertThat(b.severity()).isCloseTo(0.0496634, within(5e-8));
        assertThat(b.valid()).isTrue();
    }

    @Test
    void selectsAndReportsFit() {
        Grouped.Result r = Grouped.of(P, L, 109.9, 89).run();
        assertThat(r.selected()).isIn("gq", "beta");
        assertThat(r.gq().sse()).isPositive();
        assertThat(r.gq().median()).isBetween(80.0, 110.0);
        assertThat(r.gq().watts()).isBetween(r.gq().gap(), 1.0);
        assertThat(r.gq().mld()).isBetween(0.05, 0.3);
    }
}
