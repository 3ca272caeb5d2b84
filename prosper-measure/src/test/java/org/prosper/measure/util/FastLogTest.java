package org.prosper.measure.util;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** FastLog against the JDK's logarithm over the whole positive range, near 1, and at the edges. */
class FastLogTest {

    @Test
    void withinTwoUlpsOrOneEMinus17NearOne() {
        SplittableRandom r = new SplittableRandom(11);
        double worstUlps = 0, worstNearOne = 0;
        for (int t = 0; t < 2_000_000; t++) {
            double x = Math.exp(r.nextDouble(-700, 700));
            double exact = Math.log(x), fast = FastLog.log(x);
            if (Math.abs(exact) > 0.05) worstUlps = Math.max(worstUlps, Math.abs(fast - exact) / Math.ulp(exact));
            double near = 1 + r.nextDouble(-0.05, 0.05);
            double exactNear = Math.log(near);
            worstNearOne = Math.max(worstNearOne,
                    Math.abs(FastLog.log(near) - exactNear) - 2 * Math.ulp(exactNear)); // beyond 2 ulps
        }
        assertThat(worstUlps).isLessThanOrEqualTo(2);
        assertThat(worstNearOne).isLessThan(1e-17);
    }

    @Test
    void everyTableBucketAndTheRangeEnds() {
        // walk the mantissa in steps finer than a table bucket, in several binades
        for (double base : new double[] {1e-300, 0.001, 0.7, 1, 1.5, 3, 1e6, 1e300}) {
            for (int s = 0; s < 4096; s++) {
                double x = base * (1 + s / 4096.0);
                double exact = Math.log(x);
                assertThat(Math.abs(FastLog.log(x) - exact)).as("log(%s)", x)
                        .isLessThanOrEqualTo(2 * Math.ulp(exact) + 1e-17);
            }
        }
        assertThat(FastLog.log(1.0)).isEqualTo(0.0);
        assertThat(FastLog.log(Math.E)).isEqualTo(Math.log(Math.E));
        assertThat(FastLog.log(Double.MAX_VALUE)).isCloseTo(Math.log(Double.MAX_VALUE),
                org.assertj.core.api.Assertions.within(2 * Math.ulp(709.0)));
        assertThat(FastLog.log(Double.MIN_NORMAL)).isEqualTo(Math.log(Double.MIN_NORMAL));
        assertThat(FastLog.log(Double.MIN_VALUE)).isEqualTo(Math.log(Double.MIN_VALUE)); // subnormal
        assertThat(FastLog.log(0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(FastLog.log(-1)).isNaN();
        assertThat(FastLog.log(Double.NaN)).isNaN();
        assertThat(FastLog.log(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
    }
}
