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

    public static MpiKernel compute(byte[][] deprived, double[] indicatorWeights, double[] w, double k) {
        int d = deprived.length;
        int n = w.length;
        double[] unc = new double[d], cen = new double[d];
        double pop = 0, poor = 0, cs = 0, vul = 0, sev = 0;
        double kk = k - MpiAnalysis.TOLERANCE, v = 0.2 - MpiAnalysis.TOLERANCE, s = 0.5 - MpiAnalysis.TOLERANCE;
        // Branch-free inner loops: deprivations are 0/1, so weighted sums are multiply-adds; the only data-dependent
        // choices (poor, vulnerable, severe) become conditional moves.
        for (int i = 0; i < n; i++) {
            double c = 0;
            for (int j = 0; j < d; j++) c += deprived[j][i] * indicatorWeights[j];
            double wi = w[i];
            pop += wi;
            boolean isPoor = c >= kk;
            double wp = isPoor ? wi : 0;
            poor += wp;
            cs += wp * c;
            vul += !isPoor && c >= v ? wi : 0;
            sev += c >= s ? wi : 0;
            for (int j = 0; j < d; j++) {
                double dj = deprived[j][i];
                unc[j] += wi * dj;
                cen[j] += wp * dj;
            }
        }
        for (int j = 0; j < d; j++) { unc[j] /= pop; cen[j] /= pop; }
        return new MpiKernel(pop, poor / pop, poor == 0 ? Double.NaN : cs / poor, cs / pop, vul / pop, sev / pop, unc, cen);
    }
}
