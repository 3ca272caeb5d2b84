package org.prosper.measure.inequality;

/**
 * Atkinson index A(eps) = 1 - (equally distributed equivalent income) / mean. For eps >= 1 only y > 0 enter (the
 * index is undefined with zero incomes); for eps < 1 all y >= 0.
 * A(1) = 1 - exp(sum w ln y / N) / mu; otherwise 1 - [sum w (y/mu)^(1-eps) / N]^(1/(1-eps)).
 */
public final class Atkinson {
    private Atkinson() { }

    public static double of(double[] y, double[] w, int n, double eps) {
        double u0 = 0, u1 = 0, s = 0;
        for (int i = 0; i < n; i++) {
            double x = y[i];
            if (eps >= 1 ? !(x > 0) : x < 0) continue;
            u0 += w[i];
            u1 += w[i] * x;
            s += eps == 1 ? w[i] * Math.log(x) : w[i] * Math.pow(x, 1 - eps);
        }
        if (u0 == 0) return Double.NaN;
        double mu = u1 / u0;
        if (eps == 1) return 1 - Math.exp(s / u0) / mu;
        return 1 - Math.pow(s / u0, 1 / (1 - eps)) / mu;
    }

    /** Linearized variable (derivative of the index with respect to each weight). */
    public static double[] linearized(double[] y, double[] w, int n, double eps) {
        double u0 = 0, u1 = 0, s = 0;
        for (int i = 0; i < n; i++) {
            double x = y[i];
            if (eps >= 1 ? !(x > 0) : x < 0) continue;
            u0 += w[i];
            u1 += w[i] * x;
            s += eps == 1 ? w[i] * Math.log(x) : w[i] * Math.pow(x, 1 - eps);
        }
        double mu = u1 / u0;
        double[] lin = new double[n];
        if (eps == 1) {
            double g = Math.exp(s / u0);
            for (int i = 0; i < n; i++) {
                double x = y[i];
                if (!(x > 0)) continue;
                lin[i] = -(g / (mu * u0)) * ((Math.log(x) - s / u0) - (x - mu) / mu);
            }
        } else {
            double m = s / u0;                       // mean of y^(1-eps)
            double ede = Math.pow(m, 1 / (1 - eps)); // equally distributed equivalent
            for (int i = 0; i < n; i++) {
                double x = y[i];
                if (x < 0) continue;
                double dm = (Math.pow(x, 1 - eps) - m) / u0;
                double dede = ede / ((1 - eps) * m) * dm;
                double dmu = (x - mu) / u0;
                lin[i] = -(dede * mu - ede * dmu) / (mu * mu);
            }
        }
        return lin;
    }
}
