package org.prosper.measure.inequality;

/**
 * The empirical Lorenz curve of values sorted ascending: points (P_i, L_i) of cumulative population and welfare
 * shares, linearly interpolated between points (and from (0, 0)); income shares of quantile groups are read off
 * it, as PIP does for decile shares and the Palma ratio.
 */
public final class Lorenz {
    private Lorenz() { }

    /** L(p) for each p in {@code ps} (ascending), in one pass. */
    public static double[] at(double[] y, double[] w, int n, double... ps) {
        double total = 0, totalY = 0;
        for (int i = 0; i < n; i++) { total += w[i]; totalY += w[i] * y[i]; }
        double[] out = new double[ps.length];
        int k = 0;
        double cw = 0, cy = 0, prevP = 0, prevL = 0;
        while (k < ps.length && ps[k] <= 0) out[k++] = 0;
        for (int i = 0; i < n && k < ps.length; i++) {
            cw += w[i];
            cy += w[i] * y[i];
            double p = cw / total, l = cy / totalY;
            while (k < ps.length && ps[k] <= p) {
                out[k] = p == prevP ? l : prevL + (l - prevL) * (ps[k] - prevP) / (p - prevP);
                k++;
            }
            prevP = p;
            prevL = l;
        }
        while (k < ps.length) out[k++] = 1;
        return out;
    }

    /** Shares of welfare held by each of {@code groups} equal population groups (deciles for 10). */
    public static double[] shares(double[] y, double[] w, int n, int groups) {
        double[] ps = new double[groups + 1];
        for (int g = 0; g <= groups; g++) ps[g] = (double) g / groups;
        double[] l = at(y, w, n, ps);
        double[] s = new double[groups];
        for (int g = 0; g < groups; g++) s[g] = l[g + 1] - l[g];
        return s;
    }

    /** Palma ratio: share of the top 10% over the share of the bottom 40%. */
    public static double palma(double[] y, double[] w, int n) {
        double[] l = at(y, w, n, 0.4, 0.9);
        return (1 - l[1]) / l[0];
    }
}
