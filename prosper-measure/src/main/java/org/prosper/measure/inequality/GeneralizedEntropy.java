package org.prosper.measure.inequality;

/**
 * Generalized entropy GE(alpha) over y > 0 (rows with y <= 0 are left out), written with U_a = sum w y^a and
 * T_a = sum w y^a ln y as in R convey's {@code calc.gei}: GE(0) = -T_0/U_0 + ln(U_1/U_0) (mean log deviation),
 * GE(1) = T_1/U_1 - ln(U_1/U_0) (Theil T), else (U_0^(a-1) U_1^(-a) U_a - 1) / (a(a-1)).
 */
public final class GeneralizedEntropy {
    private GeneralizedEntropy() { }

    public static double of(double[] y, double[] w, int n, double alpha) {
        double u0 = 0, u1 = 0, ua = 0, t = 0;
        for (int i = 0; i < n; i++) {
            double x = y[i];
            if (!(x > 0)) continue;
            double wi = w[i];
            u0 += wi;
            u1 += wi * x;
            if (alpha == 0) t += wi * Math.log(x);
            else if (alpha == 1) t += wi * x * Math.log(x);
            else ua += wi * pow(x, alpha);
        }
        if (u0 == 0) return Double.NaN;
        if (alpha == 0) return -t / u0 + Math.log(u1 / u0);
        if (alpha == 1) return t / u1 - Math.log(u1 / u0);
        return (Math.pow(u0, alpha - 1) * Math.pow(u1, -alpha) * ua - 1) / (alpha * (alpha - 1));
    }

    /** Theil T and MLD together with one logarithm per row: {theil, mld}. */
    public static double[] theilAndMld(double[] y, double[] w, int n) {
        double u0 = 0, u1 = 0, t0 = 0, t1 = 0;
        for (int i = 0; i < n; i++) {
            double x = y[i];
            if (!(x > 0)) continue;
            double wi = w[i], lx = Math.log(x);
            u0 += wi;
            u1 += wi * x;
            t0 += wi * lx;
            t1 += wi * x * lx;
        }
        double l = Math.log(u1 / u0);
        return new double[] {t1 / u1 - l, -t0 / u0 + l};
    }

    static double pow(double x, double a) { return a == 2 ? x * x : Math.pow(x, a); }

    /** Linearized variable (convey's {@code svygei}); 0 for rows with y <= 0. */
    public static double[] linearized(double[] y, double[] w, int n, double alpha) {
        double u0 = 0, u1 = 0, ua = 0, t = 0;
        for (int i = 0; i < n; i++) {
            double x = y[i];
            if (!(x > 0)) continue;
            u0 += w[i];
            u1 += w[i] * x;
            if (alpha == 0) t += w[i] * Math.log(x);
            else if (alpha == 1) t += w[i] * x * Math.log(x);
            else ua += w[i] * pow(x, alpha);
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double x = y[i];
            if (!(x > 0)) continue;
            if (alpha == 0) {
                v[i] = -Math.log(x) / u0 + x / u1 + (t / u0 - 1) / u0;
            } else if (alpha == 1) {
                v[i] = x * Math.log(x) / u1 - (t / u1 + 1) * x / u1 + 1 / u0;
            } else {
                v[i] = ua * Math.pow(u1, -alpha) * Math.pow(u0, alpha - 2) / alpha
                        - ua * Math.pow(u1, -alpha - 1) * Math.pow(u0, alpha - 1) * x / (alpha - 1)
                        + Math.pow(u0, alpha - 1) * Math.pow(u1, -alpha) * pow(x, alpha) / (alpha * alpha - alpha);
            }
        }
        return v;
    }

    /** Within/between decomposition of GE(alpha) over groups (Shorrocks 1980). */
    public record Decomposition(double total, double within, double between) { }

    public static Decomposition decompose(double total, double[] groupGe, double[] groupPop, double[] groupMean, double alpha) {
        double n = 0, y = 0;
        for (int g = 0; g < groupGe.length; g++) { n += groupPop[g]; y += groupPop[g] * groupMean[g]; }
        double mu = y / n;
        double within = 0, between = 0;
        for (int g = 0; g < groupGe.length; g++) {
            double share = groupPop[g] / n;
            double rel = groupMean[g] / mu;
            if (Double.isNaN(groupGe[g])) continue;
            if (alpha == 0) { within += share * groupGe[g]; between -= share * Math.log(rel); }
            else if (alpha == 1) { within += share * rel * groupGe[g]; between += share * rel * Math.log(rel); }
            else {
                within += share * Math.pow(rel, alpha) * groupGe[g];
                between += share * (Math.pow(rel, alpha) - 1) / (alpha * (alpha - 1));
            }
        }
        return new Decomposition(total, within, between);
    }
}
