package org.prosper.measure.grouped;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * General Quadratic Lorenz curve (Villasenor and Arnold 1989; Datt 1998): L(1-L) = A(P^2 - L) + B L(P-1) + C(P-L),
 * fitted by OLS without intercept on all points but the last. With e = -(A+B+C+1), m = B^2 - 4A, n = 2Be - 4C,
 * r = sqrt(n^2 - 4me^2): L(p) = -(Bp + e + sqrt(mp^2 + np + e^2))/2.
 */
final class GeneralQuadratic {
    private final double a, b, c, e, m, n, r, s1, s2;

    private GeneralQuadratic(double a, double b, double c) {
        this.a = a; this.b = b; this.c = c;
        e = -(a + b + c + 1);
        m = b * b - 4 * a;
        n = 2 * b * e - 4 * c;
        r = Math.sqrt(n * n - 4 * m * e * e);
        s1 = (r - n) / (2 * m);
        s2 = -(r + n) / (2 * m);
    }

    static GeneralQuadratic fit(double[] p, double[] l) {
        int k = p.length - 1;
        double[][] x = new double[k][];
        double[] y = new double[k];
        for (int i = 0; i < k; i++) {
            y[i] = l[i] * (1 - l[i]);
            x[i] = new double[] {p[i] * p[i] - l[i], l[i] * (p[i] - 1), p[i] - l[i]};
        }
        double[] coef = Numerics.ols(x, y);
        return new GeneralQuadratic(coef[0], coef[1], coef[2]);
    }

    double value(double x) {
        double t = m * x * x + n * x + e * e;
        if (t < 0) t = 0;
        return -0.5 * (b * x + e + Math.sqrt(t));
    }

    double derivative(double x) {
        double t = m * x * x + n * x + e * e;
        if (t < 0) t = 0;
        return -(b / 2) - (2 * m * x + n) / (4 * Math.sqrt(t));
    }

    /** PIP's check_curve_validity_lq: {normal, valid}. */
    boolean[] validity() {
        if (e > 0 || c < 0) return new boolean[] {false, false};
        double cn3 = n * n / (4 * e * e);
        boolean ok = m < 0 || (m > 0 && m < cn3 && n >= 0) || (m > 0 && m < -n / 2 && m < cn3);
        if (!ok) return new boolean[] {false, false};
        return new boolean[] {true, a + c >= 0.9};
    }

    double gini() {
        double e1 = Math.abs(a + c - 1);
        double e2 = 1 + b / 2 + e;
        double tmp2 = r * r / (8 * m);
        double tmp3 = 2 * m + n;
        if (m > 0) {
            return e2 + (tmp3 / (4 * m)) * e1 - (n * Math.abs(e) / (4 * m)) - (r * r / (8 * Math.pow(Math.sqrt(m), 3)))
                    * Math.log(Math.abs((tmp3 + 2 * Math.sqrt(m) * e1) / (n + 2 * Math.sqrt(m) * Math.abs(e))));
        }
        double tmp4 = Math.max(-1, Math.min(1, (2 * m + n) / r));
        return e2 + (tmp3 / (4 * m)) * e1 - (n * Math.abs(e) / (4 * m)) + tmp2 * (Math.asin(tmp4) - Math.asin(n / r)) / Math.sqrt(-m);
    }

    LorenzFit measures(double[] p, double[] l, double mu, double z) {
        boolean[] v = validity();
        double h = -(n + r * (b + 2 * z / mu) / Math.sqrt(Math.pow(b + 2 * z / mu, 2) - m)) / (2 * m);
        double u = mu / z;
        double pg, spg;
        if (h < 0) { h = 0; pg = 0; spg = 0; }
        else {
            double lh = value(h);
            pg = h - u * lh;
            spg = 2 * pg - h - u * u * (a * h + b * lh - (r / 16) * Math.log((1 - h / s1) / (1 - h / s2)));
        }
        double watts = Grouped.watts(this::derivative, h, mu, z);
        double mld = Grouped.mld(this::derivative);
        double[] fit = Grouped.fitLq(p, l, h, this::value);
        Map<String, Double> params = new LinkedHashMap<>();
        params.put("A", a); params.put("B", b); params.put("C", c);
        params.put("e", e); params.put("m", m); params.put("n", n); params.put("r", r);
        return new LorenzFit("gq", v[1], v[0], h, pg, spg, gini(), mu * derivative(0.5), watts, mld, params, fit[0], fit[1]);
    }
}
