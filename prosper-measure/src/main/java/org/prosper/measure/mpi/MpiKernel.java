package org.prosper.measure.mpi;

/**
 * Alkire-Foster headline figures straight from 0/1 deprivation columns stored as bytes, in one pass with no
 * allocation per row: for large registries and the benchmark. Same definitions and tolerance as
 * {@link MpiAnalysis}.
 *
 * @param h            headcount ratio H
 * @param a            intensity A
 * @param m0           adjusted headcount ratio M0
 * @param vulnerable   share with 20% &lt;= c &lt; k
 * @param severe       share with c &gt;= 50%
 * @param uncensored   per indicator, share deprived
 * @param censored     per indicator, share poor and deprived
 */
public record MpiKernel(double population, double h, double a, double m0, double vulnerable, double severe,
                        double[] uncensored, double[] censored) {

    private static final int BLOCK = 4096;

    public static MpiKernel compute(byte[][] deprived, double[] indicatorWeights, double[] w, double k) {
        int d = deprived.length;
        int n = w.length;
        double[] unc = new double[d], cen = new double[d];
        double pop = 0, poor = 0, cs = 0, vul = 0, sev = 0;
        double kk = k - MpiAnalysis.TOLERANCE, v = 0.2 - MpiAnalysis.TOLERANCE, s = 0.5 - MpiAnalysis.TOLERANCE;
        // Column-wise over blocks of rows: each loop below streams one array, so the JIT can vectorize it and
        // the scratch arrays stay in L1/L2. Deprivations are 0/1: weighted sums are multiply-adds.
        double[] c = new double[BLOCK], wp = new double[BLOCK];
        for (int from = 0; from < n; from += BLOCK) {
            int m = Math.min(BLOCK, n - from);
            java.util.Arrays.fill(c, 0, m, 0);
            for (int j = 0; j < d; j++) {
                byte[] dj = deprived[j];
                double wj = indicatorWeights[j];
                for (int i = 0; i < m; i++) c[i] += dj[from + i] * wj;
            }
            for (int i = 0; i < m; i++) {
                double wi = w[from + i], ci = c[i];
                pop += wi;
                boolean isPoor = ci >= kk;
                double p = isPoor ? wi : 0;
                wp[i] = p;
                poor += p;
                cs += p * ci;
                vul += !isPoor && ci >= v ? wi : 0;
                sev += ci >= s ? wi : 0;
            }
            for (int j = 0; j < d; j++) {
                byte[] dj = deprived[j];
                double u0 = 0, u1 = 0, c0 = 0, c1 = 0;
                int i = 0;
                for (; i + 1 < m; i += 2) { // two accumulators each: shorter dependency chains
                    double a = dj[from + i], b = dj[from + i + 1];
                    u0 += w[from + i] * a; u1 += w[from + i + 1] * b;
                    c0 += wp[i] * a; c1 += wp[i + 1] * b;
                }
                for (; i < m; i++) { double a = dj[from + i]; u0 += w[from + i] * a; c0 += wp[i] * a; }
                unc[j] += u0 + u1;
                cen[j] += c0 + c1;
            }
        }
        for (int j = 0; j < d; j++) { unc[j] /= pop; cen[j] /= pop; }
        return new MpiKernel(pop, poor / pop, poor == 0 ? Double.NaN : cs / poor, cs / pop, vul / pop, sev / pop, unc, cen);
    }
}
