package org.prosper.measure.grouped;

import org.prosper.measure.table.Table;
import org.prosper.measure.table.TableException;

/**
 * Poverty and inequality from grouped data (Lorenz points), as PovcalNet / PIP:
 * {@code Grouped.of(p, l, mean, line).run()} fits the General Quadratic and Beta Lorenz curves and selects one.
 *
 * <p>Selection follows PIP's {@code gd_select_lorenz} for poverty measures: a valid fit beats an invalid one, a
 * fit whose poverty measures are defined ("normal") beats one where they are not; when both (or neither) are
 * valid and both are normal, the smaller sum of squared errors up to the headcount (ssez) wins.
 */
public final class Grouped {
    private final double[] p, l;
    private final double mean, line;

    /** The two fits and the one selected ("gq" or "beta") for poverty and for distributional measures. */
    public record Result(LorenzFit gq, LorenzFit beta, String selected, String selectedDistribution) { }

    private Grouped(double[] p, double[] l, double mean, double line) { this.p = p; this.l = l; this.mean = mean; this.line = line; }

    public static Grouped of(double[] p, double[] l, double mean, double line) {
        if (p.length != l.length || p.length < 4) throw new IllegalArgumentException("need at least 4 (P, L) points");
        return new Grouped(p, l, mean, line);
    }

    /** Reads columns P and L; validates shares in [0, 1], increasing, ending at (1, 1). */
    public static Grouped fromTable(Table t, double mean, double line) {
        double[] p = t.doubles("P").values(), l = t.doubles("L").values();
        for (int i = 0; i < p.length; i++) {
            if (Double.isNaN(p[i]) || Double.isNaN(l[i])) throw new TableException(t.source(), t.lineOf(i), Double.isNaN(p[i]) ? "P" : "L", "missing value");
            if (p[i] < 0 || p[i] > 1) throw new TableException(t.source(), t.lineOf(i), "P", "share " + p[i] + " outside [0, 1]");
            if (l[i] < 0 || l[i] > 1) throw new TableException(t.source(), t.lineOf(i), "L", "share " + l[i] + " outside [0, 1]");
            if (i > 0 && p[i] <= p[i - 1]) throw new TableException(t.source(), t.lineOf(i), "P", "cumulative shares must increase");
        }
        if (p.length < 4) throw TableException.of(t.source(), "need at least 4 Lorenz points, found " + p.length);
        if (Math.abs(p[p.length - 1] - 1) > 1e-9 || Math.abs(l[l.length - 1] - 1) > 1e-9) {
            throw new TableException(t.source(), t.lineOf(p.length - 1), "P", "the last point must be (1, 1)");
        }
        if (!(mean > 0)) throw new IllegalArgumentException("the mean must be positive");
        if (!(line > 0)) throw new IllegalArgumentException("the poverty line must be positive");
        return of(p, l, mean, line);
    }

    public Result run() {
        LorenzFit gq = GeneralQuadratic.fit(p, l).measures(p, l, mean, line);
        LorenzFit beta = BetaLorenz.fit(p, l).measures(p, l, mean, line);
        int flag = (gq.valid() ? 8 : 0) + (beta.valid() ? 4 : 0) + (gq.normal() ? 2 : 0) + (beta.normal() ? 1 : 0);
        boolean useGq = true;
        if (flag == 13 || flag == 9 || flag == 7 || flag == 5 || flag == 4 || flag == 1) useGq = false;
        else if (flag == 15 || flag == 3) useGq = gq.ssez() <= beta.ssez();
        boolean distGq = true;
        int dis = (gq.valid() ? 2 : 0) + (beta.valid() ? 1 : 0);
        if (!Double.isNaN(beta.sse())) {
            if (dis == 3) distGq = gq.sse() <= beta.sse();
            else if (dis == 1) distGq = false;
        }
        return new Result(gq, beta, useGq ? "gq" : "beta", distGq ? "gq" : "beta");
    }

    // ---- numerical parts shared by both curves, as PIP (wbpip) computes them ----

    /** Watts by the trapezoid rule on ln L'(p) over [0, H] with step H/100 (wbpip gd_compute_watts_lq). */
    static double watts(Numerics.Fn dl, double h, double mu, double z) {
        if (!(h > 0)) return 0;
        double snw = h * 0.01;
        double x1 = dl.at(snw / 2);
        double gap, watts;
        if (x1 <= 0) { gap = snw / 2; watts = 0; } else { gap = 0; watts = Math.log(x1) * snw; }
        double xend = h - snw;
        int steps = (int) Math.floor(xend / snw + 1e-10) + 1; // seq(0, xend, by = snw)
        double prev = dl.at(0);
        double sum = 0;
        int bad = 0;
        for (int i = 0; i < steps; i++) {
            double x2 = dl.at(i * snw + snw);
            if (prev <= 0 || x2 <= 0 || Double.isNaN(prev) || Double.isNaN(x2)) bad++;
            else sum += (Math.log(prev) + Math.log(x2)) * snw * 0.5;
            prev = x2;
        }
        if (bad > 0) { gap += bad * snw; if (gap > 0.05) return Double.NaN; }
        watts = sum + watts;
        if (mu != 0 && watts != 0) {
            double r = z / mu;
            if (r > 0) {
                watts = Math.log(r) * h - watts;
                if (watts > 0) return watts;
            }
            return Double.NaN;
        }
        return watts;
    }

    /** MLD = -integral_0^1 ln L'(p) dp by the trapezoid rule, step 0.001 (wbpip gd_compute_mld_lq). */
    static double mld(Numerics.Fn dl) {
        double x1 = dl.at(0.0005);
        double gap = 0, mld = 0;
        if (x1 == 0) gap = 0.0005; else mld = Math.log(x1) * 0.001;
        x1 = dl.at(0);
        for (int i = 0; i <= 998; i++) {
            double xstep = i * 0.001;
            double x2 = dl.at(xstep + 0.001);
            if (x1 <= 0 || x2 <= 0 || Double.isNaN(x1) || Double.isNaN(x2)) {
                gap += 0.001;
                if (gap > 0.5) return Double.NaN;
            } else {
                gap = 0;
                mld += (Math.log(x1) + Math.log(x2)) * 0.0005;
            }
            x1 = x2;
        }
        return -mld;
    }

    /** sse over all points; ssez over the points below the headcount and the next one (wbpip gd_compute_fit_lq). */
    static double[] fitLq(double[] p, double[] l, double h, Numerics.Fn value) {
        double sse = 0;
        double[] sq = new double[p.length];
        for (int i = 0; i < p.length; i++) { double r = l[i] - value.at(p[i]); sq[i] = r * r; sse += sq[i]; }
        double hc = Math.min(h, 1);
        int n = 0;
        for (double x : p) if (x < hc) n++;
        n = Math.min(n + 1, p.length);
        double ssez = 0;
        for (int i = 0; i < n; i++) ssez += sq[i];
        return new double[] {sse, ssez};
    }

    /** wbpip gd_compute_fit_lb: points but the last; ssez adds the first point at or above the headcount. */
    static double[] fitLb(double[] p, double[] l, double h, Numerics.Fn value) {
        double sse = 0, ssez = 0;
        int last = -1;
        for (int i = 0; i < p.length - 1; i++) {
            double r = l[i] - value.at(p[i]);
            sse += r * r;
            if (p[i] < h) { ssez += r * r; last = i; }
        }
        last++;
        double r = l[last] - value.at(p[last]);
        ssez += r * r;
        return new double[] {sse, ssez};
    }
}
