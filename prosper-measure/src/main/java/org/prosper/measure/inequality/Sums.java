package org.prosper.measure.inequality;

/** Compensated sums (R's sum() accumulates in extended precision; this keeps the last digit where it matters). */
public final class Sums {
    private Sums() { }

    public static double sum(double[] a, int n) {
        double s = 0, c = 0;
        for (int i = 0; i < n; i++) {
            double x = a[i];
            double t = s + x;
            c += Math.abs(s) >= Math.abs(x) ? (s - t) + x : (x - t) + s;
            s = t;
        }
        return s + c;
    }

    public static double dot(double[] a, double[] b, int n) {
        double s = 0, c = 0;
        for (int i = 0; i < n; i++) {
            double x = a[i] * b[i];
            double t = s + x;
            c += Math.abs(s) >= Math.abs(x) ? (s - t) + x : (x - t) + s;
            s = t;
        }
        return s + c;
    }
}
