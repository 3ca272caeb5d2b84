package org.prosper.measure.grouped;

/** Small numerical helpers: least squares without intercept, adaptive Simpson, incomplete beta integral. */
final class Numerics {
    private Numerics() { }

    /** OLS of y on the columns of x (no intercept), by the normal equations (Gaussian elimination with pivoting). */
    static double[] ols(double[][] x, double[] y) {
        int k = x[0].length;
        double[][] a = new double[k][k + 1];
        for (int i = 0; i < y.length; i++) {
            for (int r = 0; r < k; r++) {
                for (int c = 0; c < k; c++) a[r][c] += x[i][r] * x[i][c];
                a[r][k] += x[i][r] * y[i];
            }
        }
        for (int col = 0; col < k; col++) {
            int piv = col;
            for (int r = col + 1; r < k; r++) if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) piv = r;
            double[] t = a[col]; a[col] = a[piv]; a[piv] = t;
            for (int r = 0; r < k; r++) {
                if (r == col) continue;
                double f = a[r][col] / a[col][col];
                for (int c = col; c <= k; c++) a[r][c] -= f * a[col][c];
            }
        }
        double[] b = new double[k];
        for (int r = 0; r < k; r++) b[r] = a[r][k] / a[r][r];
        return b;
    }

    interface Fn { double at(double x); }

    static double simpson(Fn f, double a, double b, double eps) {
        double fa = f.at(a), fb = f.at(b), m = (a + b) / 2, fm = f.at(m);
        double whole = (b - a) / 6 * (fa + 4 * fm + fb);
        return adapt(f, a, b, fa, fm, fb, whole, eps, 50);
    }

    private static double adapt(Fn f, double a, double b, double fa, double fm, double fb, double whole, double eps, int depth) {
        double m = (a + b) / 2, lm = (a + m) / 2, rm = (m + b) / 2;
        double flm = f.at(lm), frm = f.at(rm);
        double left = (m - a) / 6 * (fa + 4 * flm + fm), right = (b - m) / 6 * (fm + 4 * frm + fb);
        double delta = left + right - whole;
        if (depth <= 0 || Math.abs(delta) <= 15 * eps) return left + right + delta / 15;
        return adapt(f, a, m, fa, flm, fm, left, eps / 2, depth - 1) + adapt(f, m, b, fm, frm, fb, right, eps / 2, depth - 1);
    }

    /**
     * B(x; a, b) = integral_0^x p^(a-1) (1-p)^(b-1) dp for a &gt; 0, x &lt; 1 (b may be &lt;= 0), computed with the
     * substitution p = t^(1/a) that removes the singularity at 0. NaN when a &lt;= 0 (the integral diverges).
     */
    static double incompleteBeta(double x, double a, double b) {
        if (!(a > 0) || !(x > 0) || x >= 1) return x == 0 ? 0 : Double.NaN;
        double upper = Math.pow(x, a);
        Fn g = t -> Math.pow(1 - Math.pow(t, 1 / a), b - 1);
        return simpson(g, 0, upper, 1e-15) / a;
    }

    /** Complete beta function via log-gamma (Lanczos). */
    static double beta(double a, double b) { return Math.exp(logGamma(a) + logGamma(b) - logGamma(a + b)); }

    private static final double[] LANCZOS = {0.99999999999980993, 676.5203681218851, -1259.1392167224028,
            771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
            9.9843695780195716e-6, 1.5056327351493116e-7};

    static double logGamma(double x) {
        if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        x -= 1;
        double s = LANCZOS[0];
        for (int i = 1; i < 9; i++) s += LANCZOS[i] / (x + i);
        double t = x + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(s);
    }
}
