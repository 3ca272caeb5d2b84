package org.prosper.measure.monetary;

import org.prosper.measure.design.Kernel;
import org.prosper.measure.inequality.Atkinson;
import org.prosper.measure.inequality.GeneralizedEntropy;
import org.prosper.measure.inequality.Gini;
import org.prosper.measure.inequality.Lorenz;
import org.prosper.measure.inequality.WeightedQuantile;

import java.util.HashMap;
import java.util.Map;

/**
 * Linearized variables (influence functions) of the monetary measures for a domain of a sorted sample, following
 * R convey (Osier 2009; Deville 1999) where convey has the measure: svyfgt, svyarpt/svyarpr (kernel density at the
 * threshold, Gaussian kernel, bandwidth sigma N^-1/5), svygini, svygei, svyqsr/svyisq, svyrmpg/svypoormed. The
 * variable of a domain is zero outside it; a relative line adds the line's own linearized variable, which is
 * computed once on the whole sample. Returned arrays have one value per row of the whole sample; the weighted
 * influence is w_i times the value.
 */
final class Linearization {
    private Linearization() { }

    /** Linearized variable of the relative line fraction x weighted median of the whole sample. */
    static double[] relativeLine(double[] y, double[] w, int n, double fraction) {
        double q = WeightedQuantile.of(y, w, n, 0.5);
        double h = Kernel.bandwidth(y, w, 0, n);
        double f = Kernel.density(y, w, 0, n, q, h);
        double big = 0;
        for (int i = 0; i < n; i++) big += w[i];
        double[] lin = new double[n];
        for (int i = 0; i < n; i++) lin[i] = -fraction * (1 / (big * f)) * ((y[i] <= q ? 1 : 0) - 0.5);
        return lin;
    }

    /**
     * @param y       domain welfare, sorted ascending (length m)
     * @param w       domain weights
     * @param rows    full-sample row of each domain row
     * @param full    rows in the whole sample
     * @param lineLin linearized variable of an estimated line (whole sample), or null for a fixed line
     * @param est     the domain's point estimates
     */
    static Map<String, double[]> compute(double[] y, double[] w, int m, int[] rows, int full, double z, PovertyRule rule,
                                         double[] lineLin, Map<String, Double> est) {
        Map<String, double[]> out = new HashMap<>();
        double nd = 0;
        for (int i = 0; i < m; i++) nd += w[i];
        int q = rule.poorCount(y, m, z);
        double h = Kernel.bandwidth(y, w, 0, m);

        // FGT 0, 1, 2 and Watts
        double p0 = est.get("fgt0"), p1 = est.get("fgt1"), p2 = est.get("fgt2"), watts = est.get("watts");
        double[] l0 = new double[full], l1 = new double[full], l2 = new double[full], lw = new double[full];
        double a1 = 0, a2 = 0, aw = 0, logZ = Math.log(z);
        for (int i = 0; i < m; i++) {
            boolean poor = i < q;
            double g = poor ? (z - y[i]) / z : 0;
            int r = rows[i];
            l0[r] = ((poor ? 1 : 0) - p0) / nd;
            l1[r] = (g - p1) / nd;
            l2[r] = (g * g - p2) / nd;
            lw[r] = ((poor && y[i] > 0 ? logZ - Math.log(y[i]) : 0) - watts) / nd; // z / y overflows for tiny y
            if (poor) {
                // d/dz of the summand, as convey's ht(): alpha g^(alpha-1) y / z^2
                a1 += w[i] * (y[i] / (z * z));
                a2 += w[i] * (2 * g * y[i] / (z * z));
                if (y[i] > 0) aw += w[i] / z;
            }
        }
        if (lineLin != null) {
            double f = Kernel.density(y, w, 0, m, z, h);
            a1 /= nd; a2 /= nd; aw /= nd;
            for (int r = 0; r < full; r++) {
                double l = lineLin[r];
                l0[r] += f * l;
                l1[r] += a1 * l;
                l2[r] += a2 * l;
                lw[r] += aw * l;
            }
        }
        out.put("fgt0", l0);
        out.put("fgt1", l1);
        out.put("fgt2", l2);
        out.put("watts", lw);

        double mean = est.get("mean");
        double[] lm = new double[full];
        for (int i = 0; i < m; i++) lm[rows[i]] = (y[i] - mean) / nd;
        out.put("mean", lm);

        out.put("median", scatter(quantileLin(y, w, m, est.get("median"), 0.5, nd, h), rows, full));
        out.put("gini", scatter(Gini.linearized(y, w, m), rows, full));
        out.put("theil_t", scatter(GeneralizedEntropy.linearized(y, w, m, 1), rows, full));
        out.put("mld", scatter(GeneralizedEntropy.linearized(y, w, m, 0), rows, full));
        out.put("ge2", scatter(GeneralizedEntropy.linearized(y, w, m, 2), rows, full));
        out.put("atkinson_1", scatter(Atkinson.linearized(y, w, m, 1), rows, full));
        out.put("s80_s20", scatter(s80s20Lin(y, w, m, nd, h), rows, full));
        out.put("palma", scatter(palmaLin(y, w, m, nd, h, est.get("palma")), rows, full));

        // Sen = P0 Gp + P1 (1 - Gp): Gp's variable is the Gini's on the poor (zero elsewhere); the line's effect
        // on Gp is not included.
        double gp = q == 0 ? 0 : Gini.of(y, w, q);
        if (Double.isNaN(gp)) gp = 0;
        double[] ls = new double[full];
        double[] gpl = q == 0 ? new double[0] : Gini.linearized(y, w, q);
        for (int r = 0; r < full; r++) ls[r] = gp * l0[r] + (1 - gp) * l1[r];
        for (int i = 0; i < q; i++) if (!Double.isNaN(gpl[i])) ls[rows[i]] += (p0 - p1) * gpl[i];
        out.put("sen", ls);

        // SST = P1 (1 + G_gap); the gaps' Gini linearized on gaps sorted ascending (y descending)
        double[] lsst = new double[full];
        double[] gaps = new double[m], gw = new double[m];
        for (int i = 0; i < m; i++) { int j = m - 1 - i; gaps[i] = j < q ? (z - y[j]) / z : 0; gw[i] = w[j]; }
        double gg = Indicators.gapGini(y, w, m, q, z);
        double[] ggl = q == 0 ? new double[m] : Gini.linearized(gaps, gw, m);
        for (int r = 0; r < full; r++) lsst[r] = (1 + gg) * l1[r];
        for (int i = 0; i < m; i++) if (!Double.isNaN(ggl[i])) lsst[rows[m - 1 - i]] += p1 * ggl[i];
        out.put("sst", lsst);

        out.put("rmpg", rmpgLin(y, w, m, rows, full, z, q, nd, h, lineLin, l0, est));
        return out;
    }

    private static double[] scatter(double[] lin, int[] rows, int full) {
        double[] out = new double[full];
        for (int i = 0; i < lin.length; i++) out[rows[i]] = lin[i];
        return out;
    }

    /** Quantile: -(1/(N f(q))) (1{y <= q} - p). */
    static double[] quantileLin(double[] y, double[] w, int m, double q, double p, double nd, double h) {
        double f = Kernel.density(y, w, 0, m, q, h);
        double[] lin = new double[m];
        for (int i = 0; i < m; i++) lin[i] = -(1 / (nd * f)) * ((y[i] <= q ? 1 : 0) - p);
        return lin;
    }

    /** Partial total S(p) = sum w y 1{y <= q_p}, as convey's svyisq. */
    private static double[] partialTotalLin(double[] y, double[] w, int m, double p, double nd, double h) {
        double q = WeightedQuantile.of(y, w, m, p);
        double f1 = Kernel.partialTotalDerivative(y, w, 0, m, q, h);
        double[] iq = quantileLin(y, w, m, q, p, nd, h);
        double[] lin = new double[m];
        for (int i = 0; i < m; i++) lin[i] = (y[i] <= q ? y[i] : 0) + f1 * iq[i];
        return lin;
    }

    private static double[] s80s20Lin(double[] y, double[] w, int m, double nd, double h) {
        double q1 = WeightedQuantile.of(y, w, m, 0.2), q4 = WeightedQuantile.of(y, w, m, 0.8);
        double sb = 0, nb = 0, st = 0, nt = 0, tot = 0;
        for (int i = 0; i < m; i++) {
            tot += w[i] * y[i];
            if (y[i] <= q1) { sb += w[i] * y[i]; nb += w[i]; }
            if (y[i] > q4) { st += w[i] * y[i]; nt += w[i]; }
        }
        double ratio = (st / nt) / (sb / nb);
        double[] lb = partialTotalLin(y, w, m, 0.2, nd, h);
        double[] l80 = partialTotalLin(y, w, m, 0.8, nd, h);
        double[] lin = new double[m];
        // counts below q_0.2 and above q_0.8 linearize to the constants 0.2 and 0.2 (their quantile terms cancel)
        for (int i = 0; i < m; i++) {
            double lt = y[i] - l80[i];
            lin[i] = ratio * (lt / st - 0.2 / nt - lb[i] / sb + 0.2 / nb);
        }
        return lin;
    }

    private static double[] palmaLin(double[] y, double[] w, int m, double nd, double h, double palma) {
        double tot = 0;
        for (int i = 0; i < m; i++) tot += w[i] * y[i];
        double[] l = Lorenz.at(y, w, m, 0.4, 0.9);
        double s40 = l[0] * tot, top = (1 - l[1]) * tot;
        double[] l40 = partialTotalLin(y, w, m, 0.4, nd, h);
        double[] l90 = partialTotalLin(y, w, m, 0.9, nd, h);
        double[] lin = new double[m];
        for (int i = 0; i < m; i++) lin[i] = (y[i] - l90[i]) / s40 - (top / s40) * l40[i] / s40;
        return lin;
    }

    /** RMPG = (t - medp)/t, convey's svyrmpg with svypoormed. */
    private static double[] rmpgLin(double[] y, double[] w, int m, int[] rows, int full, double z, int q, double nd,
                                    double h, double[] lineLin, double[] arprLin, Map<String, Double> est) {
        double[] lin = new double[full];
        if (q == 0) { java.util.Arrays.fill(lin, Double.NaN); return lin; }
        double medp = WeightedQuantile.of(y, w, q, 0.5);
        double arpr = est.get("fgt0");
        double f = Kernel.density(y, w, 0, m, medp, h);
        double[] medLin = new double[full];
        for (int r = 0; r < full; r++) medLin[r] = 0.5 * arprLin[r];
        for (int i = 0; i < m; i++) medLin[rows[i]] -= (1 / nd) * ((y[i] <= medp ? 1 : 0) - 0.5 * arpr);
        for (int r = 0; r < full; r++) {
            medLin[r] /= f;
            double tl = lineLin == null ? 0 : lineLin[r];
            lin[r] = (tl - medLin[r]) / z - (z - medp) * tl / (z * z);
        }
        return lin;
    }
}
