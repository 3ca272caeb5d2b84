package org.prosper.measure.monetary;

import org.junit.jupiter.api.Test;
import org.prosper.measure.inequality.Atkinson;
import org.prosper.measure.inequality.GeneralizedEntropy;
import org.prosper.measure.inequality.Gini;

import java.util.SplittableRandom;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * For smooth measures the linearized variable is the derivative of the estimator with respect to each weight;
 * check the closed forms (taken from convey) against central finite differences.
 */
class LinearizationDerivativeTest {
    static final int N = 40;
    static final double[] Y = new double[N], W = new double[N];

    static {
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < N; i++) { Y[i] = Math.exp(r.nextGaussian()) * 10; W[i] = 1 + r.nextDouble() * 4; }
        java.util.Arrays.sort(Y);
    }

    static void check(double[] lin, BiFunction<double[], double[], Double> estimator) {
        for (int i = 0; i < N; i += 7) {
            double h = 1e-5 * W[i];
            double[] up = W.clone(), dn = W.clone();
            up[i] += h; dn[i] -= h;
            double d = (estimator.apply(Y, up) - estimator.apply(Y, dn)) / (2 * h);
            assertThat(lin[i]).as("row %d", i).isCloseTo(d, within(1e-7 * Math.max(1, Math.abs(d))));
        }
    }

    @Test
    void generalizedEntropyAndAtkinson() {
        for (double a : new double[] {0, 1, 2, 0.5}) {
            check(GeneralizedEntropy.linearized(Y, W, N, a), (y, w) -> GeneralizedEntropy.of(y, w, N, a));
        }
        check(Atkinson.linearized(Y, W, N, 1), (y, w) -> Atkinson.of(y, w, N, 1));
        check(Atkinson.linearized(Y, W, N, 0.5), (y, w) -> Atkinson.of(y, w, N, 0.5));
    }

    @Test
    void giniFollowsConveysForm() {
        // convey's svygini estimator: (2 sum r_i y_i w_i - sum y w) / (sum y w * sum w) - 1
        check(Gini.linearized(Y, W, N), (y, w) -> {
            double r = 0, t1 = 0, t2 = 0, t3 = 0;
            for (int i = 0; i < N; i++) { r += w[i]; t1 += r * y[i] * w[i]; t2 += y[i] * w[i]; t3 += w[i]; }
            return (2 * t1 - t2) / (t2 * t3) - 1;
        });
    }
}
