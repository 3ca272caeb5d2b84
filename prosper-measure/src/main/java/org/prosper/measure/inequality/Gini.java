package org.prosper.measure.inequality;

/**
 * Gini coefficient, Eurostat / laeken / PIP weighted definition on values sorted ascending with cumulative weights
 * cw_i: G = [2 sum w_i y_i cw_i - sum w_i^2 y_i] / (N sum w_i y_i) - 1. The result does not depend on the order of
 * tied values.
 */
public final class Gini {
    private Gini() { }

    public static double of(double[] y, double[] w, int n) {
        double cw = 0, a = 0, b = 0, n0 = 0, t = 0;
        for (int i = 0; i < n; i++) {
            double wi = w[i], wy = wi * y[i];
            cw += wi;
            a += wy * cw;
            b += wi * wy;
            t += wy;
            n0 += wi;
        }
        return (2 * a - b) / (n0 * t) - 1;
    }

    /** Gini of values sorted descending (read backwards): used for the normalized poverty gaps. */
    public static double ofDescending(double[] v, double[] w, int n) {
        double cw = 0, a = 0, b = 0, n0 = 0, t = 0;
        for (int i = n - 1; i >= 0; i--) {
            double wi = w[i], wy = wi * v[i];
            cw += wi;
            a += wy * cw;
            b += wi * wy;
            t += wy;
            n0 += wi;
        }
        return (2 * a - b) / (n0 * t) - 1;
    }

    /**
     * Linearized variable of the Gini as R convey's {@code svygini} derives it (Langel and Tille 2013 form,
     * G = (2 T1 - T2)/(T2 T3) - 1 with T1 = sum r_i y_i w_i): used for standard errors.
     */
    public static double[] linearized(double[] y, double[] w, int n) {
        double big_n = 0, tot = 0, t1 = 0, r = 0;
        for (int i = 0; i < n; i++) { big_n += w[i]; tot += w[i] * y[i]; }
        double[] lin = new double[n];
        double g = 0;
        for (int i = 0; i < n; i++) {
            r += w[i];
            g += y[i] * w[i];
            t1 += r * y[i] * w[i];
            lin[i] = tot - g + y[i] * w[i] + r * y[i]; // T1 linearized
        }
        double t2 = tot, t3 = big_n;
        double den = t2 * t3;
        double num = 2 * t1 - t2;
        for (int i = 0; i < n; i++) {
            double l1 = lin[i], l2 = y[i], l3 = 1;
            lin[i] = (2 * l1 - l2) / den - num / (den * den) * (l2 * t3 + t2 * l3);
        }
        return lin;
    }
}
