package org.prosper.measure.design;

import java.util.SplittableRandom;

/**
 * Rao-Wu rescaling bootstrap (as R survey's {@code as.svrepdesign(type="subbootstrap")}): in each replicate and
 * stratum, n_h - 1 PSUs are drawn with replacement and a PSU drawn m times gets weight factor m n_h/(n_h - 1).
 * The variance is sum_r (theta_r - mean theta)^2 / (R - 1). Deterministic for a given seed. Strata with one PSU
 * keep factor 1 (they add no variance).
 */
public final class Bootstrap {
    private final SurveyDesign design;
    private final int replicates;
    private final long seed;

    public Bootstrap(SurveyDesign design, int replicates, long seed) {
        if (replicates < 2) throw new IllegalArgumentException("need at least 2 replicates");
        this.design = design;
        this.replicates = replicates;
        this.seed = seed;
    }

    public int replicates() { return replicates; }

    /** Weight factor per PSU for replicate r (the sequence is the same on every call). */
    public double[][] psuFactors() {
        SplittableRandom rnd = new SplittableRandom(seed);
        int strata = design.strata();
        int psus = design.psus();
        int[][] members = new int[strata][];
        int[] fill = new int[strata];
        for (int s = 0; s < strata; s++) members[s] = new int[design.psusInStratum(s)];
        for (int j = 0; j < psus; j++) { int s = design.stratumOfPsu(j); members[s][fill[s]++] = j; }
        double[][] out = new double[replicates][psus];
        for (int r = 0; r < replicates; r++) {
            double[] f = out[r];
            for (int s = 0; s < strata; s++) {
                int[] m = members[s];
                int nh = m.length;
                if (nh < 2) { for (int j : m) f[j] = 1; continue; }
                double scale = nh / (nh - 1.0);
                for (int d = 0; d < nh - 1; d++) f[m[rnd.nextInt(nh)]] += scale;
            }
        }
        return out;
    }

    /** Replicate weights for replicate factors {@code factors} (per PSU). */
    public double[] weights(double[] w, double[] factors) {
        double[] out = new double[w.length];
        for (int i = 0; i < w.length; i++) out[i] = w[i] * factors[design.psuOf(i)];
        return out;
    }

    public static double variance(double[] estimates) {
        double m = 0;
        int k = 0;
        for (double e : estimates) if (!Double.isNaN(e)) { m += e; k++; }
        if (k < 2) return Double.NaN;
        m /= k;
        double v = 0;
        for (double e : estimates) if (!Double.isNaN(e)) v += (e - m) * (e - m);
        return v / (k - 1);
    }
}
