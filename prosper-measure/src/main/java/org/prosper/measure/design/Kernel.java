package org.prosper.measure.design;

/**
 * Gaussian kernel estimates used to linearize quantile-based measures, as R convey does (Osier 2009):
 * bandwidth h = sigma_w / N^(1/5) with sigma_w the weighted population standard deviation ({@code h_fun}),
 * density f(x) = sum_i w_i phi((x - y_i)/h) / (N h) ({@code densfun(FUN="F")}) and the derivative of the partial
 * total sum_i w_i y_i phi((x - y_i)/h) / h ({@code densfun(FUN="big_s")}).
 */
public final class Kernel {
    private static final double SQRT_2PI = Math.sqrt(2 * Math.PI);

    private Kernel() { }

    public static double bandwidth(double[] y, double[] w, int from, int to) {
        double n = 0, s1 = 0, s2 = 0;
        for (int i = from; i < to; i++) { n += w[i]; s1 += w[i] * y[i]; s2 += w[i] * y[i] * y[i]; }
        double sd = Math.sqrt((s2 - s1 * s1 / n) / n);
        return sd / Math.exp(0.2 * Math.log(n));
    }

    public static double density(double[] y, double[] w, int from, int to, double x, double h) {
        double n = 0, s = 0;
        for (int i = from; i < to; i++) {
            double u = (x - y[i]) / h;
            n += w[i];
            s += w[i] * Math.exp(-(u * u) / 2) / SQRT_2PI;
        }
        return s / (n * h);
    }

    public static double partialTotalDerivative(double[] y, double[] w, int from, int to, double x, double h) {
        double s = 0;
        for (int i = from; i < to; i++) {
            double u = (x - y[i]) / h;
            s += w[i] * y[i] * Math.exp(-(u * u) / 2) / SQRT_2PI;
        }
        return s / h;
    }
}
