package org.prosper.measure.design;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A stratified one-stage cluster design, PSUs drawn with replacement within strata (R survey's
 * {@code svydesign(ids=~psu, strata=~stratum, weights=~w, fpc=~fpc, nest=TRUE)}). PSU labels are taken within
 * strata (nest=TRUE). Without PSUs every row is its own PSU; without strata there is one stratum.
 *
 * <p>The variance of an estimator with linearized variable u_i (observation-level influence already multiplied by
 * the weight, so that the estimator's error is about sum_i u_i) is, as survey's {@code svyrecvar} computes it:
 * V = sum_h (1 - f_h) n_h/(n_h - 1) sum_j (U_hj - mean_h U)^2, with U_hj the PSU totals and n_h the PSUs of stratum
 * h. FPC: a value above 1 is the stratum's population count of PSUs N_h (f_h = n_h/N_h), a value at most 1 the
 * sampling fraction f_h itself (survey's convention).
 */
public final class SurveyDesign {
    private final int n;
    private final int[] psuOfRow;      // global PSU index per row
    private final int[] stratumOfPsu;
    private final int[] psusInStratum;
    private final double[] fpcFactor;  // (1 - f_h) per stratum
    private final int strata;
    private final int psus;
    private final LonelyPsu lonely;

    private SurveyDesign(int n, int[] psuOfRow, int[] stratumOfPsu, int strata, double[] fpcFactor, LonelyPsu lonely) {
        this.n = n;
        this.psuOfRow = psuOfRow;
        this.stratumOfPsu = stratumOfPsu;
        this.psus = stratumOfPsu.length;
        this.strata = strata;
        this.psusInStratum = new int[strata];
        for (int s : stratumOfPsu) psusInStratum[s]++;
        this.fpcFactor = fpcFactor;
        this.lonely = lonely;
    }

    /**
     * @param strata stratum code per row, or null (one stratum)
     * @param psu    PSU code per row (nested in strata), or null (each row a PSU)
     * @param fpc    per-row FPC (population PSU count or sampling fraction; constant within a stratum), or null
     */
    public static SurveyDesign of(int n, int[] strata, int[] psu, double[] fpc, LonelyPsu lonely) {
        int[] stratumOfRow = new int[n];
        int nStrata = 1;
        if (strata != null) {
            Map<Integer, Integer> ids = new HashMap<>();
            for (int i = 0; i < n; i++) {
                Integer id = ids.putIfAbsent(strata[i], ids.size());
                stratumOfRow[i] = id == null ? ids.size() - 1 : id;
            }
            nStrata = ids.size();
        }
        int[] psuOfRow = new int[n];
        int[] stratumOfPsu;
        if (psu == null) {
            for (int i = 0; i < n; i++) psuOfRow[i] = i;
            stratumOfPsu = stratumOfRow.clone();
        } else {
            Map<Long, Integer> ids = new HashMap<>();
            int[] tmp = new int[Math.max(16, n)];
            for (int i = 0; i < n; i++) {
                long key = ((long) stratumOfRow[i] << 32) ^ (psu[i] & 0xffffffffL);
                Integer id = ids.get(key);
                if (id == null) { id = ids.size(); ids.put(key, id); tmp[id] = stratumOfRow[i]; }
                psuOfRow[i] = id;
            }
            stratumOfPsu = Arrays.copyOf(tmp, ids.size());
        }
        double[] factor = new double[nStrata];
        Arrays.fill(factor, 1.0);
        if (fpc != null) {
            int[] count = new int[nStrata];
            for (int s : stratumOfPsu) count[s]++;
            double[] seen = new double[nStrata];
            Arrays.fill(seen, Double.NaN);
            for (int i = 0; i < n; i++) {
                int s = stratumOfRow[i];
                if (Double.isNaN(seen[s])) seen[s] = fpc[i];
                else if (seen[s] != fpc[i]) throw new DesignException("the FPC varies within a stratum");
            }
            for (int s = 0; s < nStrata; s++) {
                double f = seen[s] > 1 ? count[s] / seen[s] : seen[s];
                if (seen[s] > 1 && seen[s] < count[s]) throw new DesignException("FPC population count " + seen[s] + " is below the " + count[s] + " PSUs sampled");
                factor[s] = 1 - f;
            }
        }
        return new SurveyDesign(n, psuOfRow, stratumOfPsu, nStrata, factor, lonely == null ? LonelyPsu.FAIL : lonely);
    }

    /** Simple random sampling with replacement: every row its own PSU, one stratum. */
    public static SurveyDesign srs(int n) { return of(n, null, null, null, LonelyPsu.FAIL); }

    public int rows() { return n; }

    public int strata() { return strata; }

    public int psus() { return psus; }

    public int psuOf(int row) { return psuOfRow[row]; }

    public int stratumOfPsu(int psu) { return stratumOfPsu[psu]; }

    public int psusInStratum(int stratum) { return psusInStratum[stratum]; }

    /** The same design with rows reordered: new row i is old row {@code perm[i]}. */
    public SurveyDesign permute(int[] perm) {
        int[] p = new int[perm.length];
        for (int i = 0; i < perm.length; i++) p[i] = psuOfRow[perm[i]];
        return new SurveyDesign(perm.length, p, stratumOfPsu, strata, fpcFactor, lonely);
    }

    /** The design restricted to rows {@code rows} (keeps every PSU, so that domains are estimated correctly). */
    public SurveyDesign subset(int[] rows) { return permute(rows); }

    /** Linearization variance of an estimator whose weighted influence values are {@code u} (one per row). */
    public double variance(double[] u) {
        if (u.length != n) throw new IllegalArgumentException("influence vector has " + u.length + " rows, design " + n);
        double[] total = new double[psus];
        for (int i = 0; i < n; i++) total[psuOfRow[i]] += u[i];
        return varianceOfTotals(total);
    }

    double varianceOfTotals(double[] total) {
        double[] sum = new double[strata];
        for (int j = 0; j < psus; j++) sum[stratumOfPsu[j]] += total[j];
        double grandMean = 0;
        if (lonely == LonelyPsu.ADJUST) {
            for (double t : total) grandMean += t;
            grandMean /= psus;
        }
        double[] ss = new double[strata];
        for (int j = 0; j < psus; j++) {
            int s = stratumOfPsu[j];
            int nh = psusInStratum[s];
            double d = total[j] - (nh > 1 ? sum[s] / nh : grandMean);
            ss[s] += d * d;
        }
        double v = 0;
        int ok = 0;
        for (int s = 0; s < strata; s++) {
            int nh = psusInStratum[s];
            if (nh > 1) { v += fpcFactor[s] * nh / (nh - 1.0) * ss[s]; ok++; continue; }
            switch (lonely) {
                case FAIL -> throw new DesignException("a stratum has only one PSU; choose a lonely-PSU rule (remove, certainty, adjust, average)");
                case ADJUST -> { v += fpcFactor[s] * ss[s]; ok++; }
                case REMOVE, CERTAINTY -> ok++;
                case AVERAGE -> { }
            }
        }
        if (lonely == LonelyPsu.AVERAGE && ok > 0) v *= (double) strata / ok;
        return v;
    }

    public LonelyPsu lonelyPsu() { return lonely; }
}
