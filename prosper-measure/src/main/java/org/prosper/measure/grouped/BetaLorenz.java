package org.prosper.measure.grouped;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Beta Lorenz curve (Kakwani 1980; Datt 1998): L(p) = p - theta p^gamma (1-p)^delta, fitted by OLS of
 * log(P - L) on log P and log(1 - P) with intercept log theta, on all points but the last.
 * Headcount solves L'(H) = z/mu; PG = H - (mu/z) L(H); SPG by Datt's incomplete-beta formula; Gini
 * 2 theta B(1 + gamma, 1 + delta).
 */
final class BetaLorenz {
    private final double theta, gamma, delta;

    private BetaLorenz(double theta, double gamma, double delta) { this.theta = theta; this.gamma = gamma; this.delta = delta; }

    static BetaLorenz fit(double[] p, double[] l) {
        int k = p.length - 1;
        int used = 0;
        double[][] x = new double[k][];
        double[] y = new double[k];
        for (int i = 0; i < k; i++) {
            if (!(p[i] > 0 && p[i] < 1 && p[i] - l[i] > 0)) continue;
            y[used] = Math.log(p[i] - l[i]);
            x[used] = new double[] {1, Math.log(p[i]), Math.log(1 - p[i])};
            used++;
        }
        double[][] xs = java.util.Arrays.copyOf(x, used);
        double[] ys = java.util.Arrays.copyOf(y, used);
        double[] coef = Numerics.ols(xs, ys);
        return new BetaLorenz(Math.exp(coef[0]), coef[1], coef[2]);
    }

    double value(double x) { return x - theta * Math.pow(x, gamma) * Math.pow(1 - x, delta); }

    double derivative(double x) {
        if (x == 0) return gamma == 1 ? 1 - theta : gamma > 1 ? 1 : Double.NEGATIVE_INFINITY;
        if (x == 1) return delta == 1 ? 1 + theta : delta > 1 ? 1 : Double.POSITIVE_INFINITY;
        return 1 - theta * Math.pow(x, gamma) * Math.pow(1 - x, delta) * (gamma / x - delta / (1 - x));
    }

    private double second(double h) {
        double t1 = gamma * (1 - gamma) / (h * h), t2 = 2 * gamma * delta / (h * (1 - h)), t3 = delta * (1 - delta) / ((1 - h) * (1 - h));
        return theta * Math.pow(h, gamma) * Math.pow(1 - h, delta) * (t1 + t2 + t3);
    }

    /** PIP's check_curve_validity_lb: L' &gt;= 0 near 0 and L'' &gt;= 0 on a grid. */
    boolean valid() {
        if (!(theta > 0)) return false;
        for (int i = 0; 0.001 + 0.05 * i <= 0.1; i++) if (derivative(0.001 + 0.05 * i) < 0) return false;
        for (int i = 0; 0.001 + 0.05 * i <= 0.999; i++) if (second(0.001 + 0.05 * i) < 0) return false;
        return true;
    }

    /** Root of L'(p) = z/mu by bisection (L' is increasing on a valid curve). */
    double headcount(double mu, double z) {
        double target = z / mu;
        double lo = 1e-12, hi = 1 - 1e-12;
        double flo = derivative(lo) - target, fhi = derivative(hi) - target;
        if (Double.isNaN(flo) || Double.isNaN(fhi) || flo > 0 && fhi > 0 || flo < 0 && fhi < 0) return Double.NaN;
        for (int it = 0; it < 200; it++) {
            double mid = 0.5 * (lo + hi);
            double f = derivative(mid) - target;
            if (f == 0) return mid;
            if ((f < 0) == (flo < 0)) { lo = mid; flo = f; } else hi = mid;
            if (hi - lo < 1e-16) break;
        }
        return 0.5 * (lo + hi);
    }

    LorenzFit measures(double[] p, double[] l, double mu, double z) {
        boolean valid = valid();
        double h = headcount(mu, z);
        double u = mu / z;
        double pg = Double.NaN, spg = Double.NaN;
        boolean normal = !Double.isNaN(h);
        if (normal) {
            pg = h - u * value(h);
            double b1 = Numerics.incompleteBeta(h, 2 * gamma - 1, 2 * delta + 1);
            double b2 = Numerics.incompleteBeta(h, 2 * gamma, 2 * delta);
            double b3 = Numerics.incompleteBeta(h, 2 * gamma + 1, 2 * delta - 1);
            spg = (1 - u) * (2 * pg - (1 - u) * h)
                    + theta * theta * u * u * (gamma * gamma * b1 - 2 * gamma * delta * b2 + delta * delta * b3);
            normal = !Double.isNaN(spg);
        }
        double gini = 2 * theta * Numerics.beta(1 + gamma, 1 + delta);
        double watts = normal ? Grouped.watts(this::derivative, h, mu, z) : Double.NaN;
        double mld = Grouped.mld(this::derivative);
        double[] fit = Grouped.fitLb(p, l, normal ? h : 0, this::value);
        Map<String, Double> params = new LinkedHashMap<>();
        params.put("theta", theta); params.put("gamma", gamma); params.put("delta", delta);
        return new LorenzFit("beta", valid, normal, h, pg, spg, gini, mu * derivative(0.5), watts, mld, params, fit[0], fit[1]);
    }
}
