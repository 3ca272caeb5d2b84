package org.prosper.measure.inequality;

/**
 * Weighted quantiles as Eurostat and R laeken's {@code weightedQuantile} define them: on values sorted ascending,
 * with relative cumulative weights rw_i = (w_1 + ... + w_i) / N, the p-quantile is the first value whose rw_i
 * exceeds p; where rw_i equals p exactly, it is the average of that value and the next. p = 0 and p = 1 give the
 * minimum and maximum.
 */
public final class WeightedQuantile {
    private WeightedQuantile() { }

    /** @param y values sorted ascending, {@code w} their weights, first {@code n} used */
    public static double of(double[] y, double[] w, int n, double p) {
        if (n == 0) return Double.NaN;
        if (p <= 0) return y[0];
        if (p >= 1) return y[n - 1];
        double total = Sums.sum(w, n);
        // Neumaier-compensated running sum: R's cumsum accumulates in extended precision.
        double s = 0, c = 0;
        for (int i = 0; i < n; i++) {
            double t = s + w[i];
            c += Math.abs(s) >= Math.abs(w[i]) ? (s - t) + w[i] : (w[i] - t) + s;
            s = t;
            double rw = (s + c) / total;
            if (rw >= p) {
                if (rw == p && i + 1 < n) return 0.5 * y[i] + 0.5 * y[i + 1];
                return y[i];
            }
        }
        return y[n - 1];
    }

    /** Several quantiles in one pass; {@code ps} ascending. */
    public static double[] of(double[] y, double[] w, int n, double... ps) {
        double[] out = new double[ps.length];
        for (int k = 0; k < ps.length; k++) out[k] = of(y, w, n, ps[k]);
        return out;
    }
}
