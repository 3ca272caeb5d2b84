package org.prosper.measure.monetary;

import org.prosper.measure.inequality.Atkinson;
import org.prosper.measure.inequality.GeneralizedEntropy;
import org.prosper.measure.inequality.Gini;
import org.prosper.measure.inequality.Lorenz;
import org.prosper.measure.inequality.WeightedQuantile;

import org.prosper.measure.util.FastLog;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Point estimates of every monetary measure on welfare sorted ascending (with weights), for line z. The keys are
 * the ones the command line prints. Definitions: see the package README and the javadoc of each measure.
 */
public final class Indicators {
    public static final String[] KEYS = {"fgt0", "fgt1", "fgt2", "watts", "sen", "sst", "mean", "median", "gini",
            "theil_t", "mld", "ge2", "atkinson_1", "palma", "s80_s20", "rmpg"};

    private Indicators() { }

    /** FGT(alpha) = (1/N) sum_{poor} w ((z - y)/z)^alpha; any alpha >= 0. */
    public static double fgt(double[] y, double[] w, int n, double z, double alpha, PovertyRule rule) {
        int q = rule.poorCount(y, n, z);
        double num = 0, tot = 0;
        for (int i = 0; i < n; i++) tot += w[i];
        for (int i = 0; i < q; i++) {
            double g = (z - y[i]) / z;
            num += w[i] * (alpha == 0 ? 1 : alpha == 1 ? g : alpha == 2 ? g * g : Math.pow(g, alpha));
        }
        return num / tot;
    }

    /** Rows per chunk of the parallel single pass: fixed, so that results do not depend on the thread count. */
    private static final int CHUNK = 1 << 20;

    /**
     * The single-pass measures in one fused loop over rows in any order (no sorting): population N, mean, FGT 0-2
     * and Watts. Large inputs are cut into fixed chunks summed in parallel and combined in chunk order, so the
     * result is the same on any number of cores. Returns {N, mean, fgt0, fgt1, fgt2, watts}.
     */
    public static double[] singlePass(double[] y, double[] w, int n, double z, PovertyRule rule) {
        return inParts(Math.max(1, chunks(n, CHUNK)), c -> passChunk(y, w, c * CHUNK, Math.min(n, (c + 1) * CHUNK), z, rule));
    }

    /**
     * The same measures over welfare sorted ascending, as the suite has it: the poor are a prefix and those with
     * y &gt; 0 a range of it, found by binary search, so each loop runs over exactly its rows. The sums run in chunks
     * of rows and Watts' logarithms, which cost several times a row's sums and all fall in the poor prefix, in chunks
     * of their own: cut by rows alone, the chunks holding the poor would leave one core waiting for the other.
     */
    public static double[] sortedPass(double[] y, double[] w, int n, double z, PovertyRule rule) {
        int poor = rule.poorCount(y, n, z);
        int positive = PovertyRule.LE.poorCount(y, poor, 0); // rows with y <= 0 come first
        int sums = Math.max(1, chunks(n, CHUNK)), logs = chunks(poor - positive, LOG_CHUNK);
        double invZ = 1 / z, logZ = Math.log(z);
        return inParts(sums + logs, c -> c < sums
                ? sortedSums(y, w, c * CHUNK, Math.min(n, (c + 1) * CHUNK), z, invZ, poor)
                : sortedWatts(y, w, positive + (c - sums) * LOG_CHUNK, Math.min(poor, positive + (c - sums + 1) * LOG_CHUNK), logZ));
    }

    /** Rows per chunk of Watts' logarithms in the sorted pass: about as long to run as a chunk of sums. */
    private static final int LOG_CHUNK = 1 << 18;

    private static int chunks(int rows, int size) {
        return rows <= 0 ? 0 : (rows + size - 1) / size;
    }

    /** Runs the parts (in parallel when more than one) and adds their sums in part order, whatever the thread count. */
    private static double[] inParts(int parts, java.util.function.IntFunction<double[]> part) {
        double[][] done = new double[parts][];
        if (parts == 1) done[0] = part.apply(0);
        else java.util.stream.IntStream.range(0, parts).parallel().forEach(c -> done[c] = part.apply(c));
        double[] s = new double[6];
        for (double[] p : done) for (int k = 0; k < 6; k++) s[k] += p[k];
        double tot = s[0];
        return new double[] {tot, s[1] / tot, s[2] / tot, s[3] / tot, s[4] / tot, s[5] / tot};
    }

    private static double[] sortedSums(double[] y, double[] w, int from, int to, double z, double invZ, int poor) {
        double tot = 0, totY = 0, p0 = 0, p1 = 0, p2 = 0;
        int poorEnd = Math.min(to, poor);
        for (int i = from; i < poorEnd; i++) {
            double yi = y[i], wi = w[i], g = (z - yi) * invZ, wg = wi * g;
            tot += wi;
            totY += wi * yi;
            p0 += wi;
            p1 += wg;
            p2 += wg * g;
        }
        for (int i = Math.max(from, poorEnd); i < to; i++) {
            double wi = w[i];
            tot += wi;
            totY += wi * y[i];
        }
        return new double[] {tot, totY, p0, p1, p2, 0};
    }

    private static double[] sortedWatts(double[] y, double[] w, int from, int to, double logZ) {
        double watts = 0;
        for (int i = from; i < to; i++) watts += w[i] * (logZ - FastLog.log(y[i]));
        return new double[] {0, 0, 0, 0, 0, watts};
    }

    /** Rows per block: the positions of a block's poor rows are gathered into a buffer that stays in cache. */
    private static final int BLOCK = 2048;

    /**
     * One chunk without a data-dependent branch per row, so that rows in random order cost what sorted rows cost.
     * A row is poor when y minus the bound (z, or the next double above z for y &lt;= z) has its sign bit set; that
     * sign, spread over 64 bits, masks the weight in the headcount and the gap (both zero for the non-poor), and the
     * row's position into the block's list of poor rows with y &gt; 0, over which the logarithms for Watts are
     * taken afterwards.
     */
    private static double[] passChunk(double[] y, double[] w, int from, int to, double z, PovertyRule rule) {
        double tot = 0, totY = 0, p0 = 0, p1 = 0, p2 = 0, watts = 0;
        double invZ = 1 / z, logZ = Math.log(z);
        double bound = rule == PovertyRule.LE ? Math.nextUp(z) : z;
        int[] wattsRows = new int[BLOCK];
        for (int start = from; start < to; start += BLOCK) {
            int end = Math.min(to, start + BLOCK), count = 0;
            for (int i = start; i < end; i++) {
                double yi = y[i], wi = w[i];
                long poor = Double.doubleToRawLongBits(yi - bound) >> 63;
                long positive = Double.doubleToRawLongBits(0.0 - yi) >> 63;
                double poorWeight = Double.longBitsToDouble(Double.doubleToRawLongBits(wi) & poor);
                double g = Double.longBitsToDouble(Double.doubleToRawLongBits((z - yi) * invZ) & poor);
                double wg = wi * g;
                tot += wi;
                totY += wi * yi;
                p0 += poorWeight;
                p1 += wg;
                p2 += wg * g;
                wattsRows[count & (BLOCK - 1)] = i;
                count -= (int) (poor & positive);
            }
            for (int j = 0; j < count; j++) {
                int r = wattsRows[j];
                watts += w[r] * (logZ - FastLog.log(y[r]));
            }
        }
        return new double[] {tot, totY, p0, p1, p2, watts};
    }

    /** All measures; {@code y} sorted ascending. */
    public static Map<String, Double> compute(double[] y, double[] w, int n, double z, PovertyRule rule) {
        Map<String, Double> m = new LinkedHashMap<>();
        int q = rule.poorCount(y, n, z);
        double[] pass = sortedPass(y, w, n, z, rule);
        double p0 = pass[2], p1 = pass[3], p2 = pass[4], watts = pass[5];
        double gp = q == 0 ? 0 : Gini.of(y, w, q);
        if (Double.isNaN(gp)) gp = 0; // all poor at zero income: equal among themselves
        m.put("fgt0", p0);
        m.put("fgt1", p1);
        m.put("fgt2", p2);
        m.put("watts", watts);
        m.put("sen", p0 * gp + p1 * (1 - gp));
        m.put("sst", p1 * (1 + gapGini(y, w, n, q, z)));
        m.put("mean", pass[1]);
        m.put("median", WeightedQuantile.of(y, w, n, 0.5));
        m.put("gini", Gini.of(y, w, n));
        m.put("theil_t", GeneralizedEntropy.of(y, w, n, 1));
        m.put("mld", GeneralizedEntropy.of(y, w, n, 0));
        m.put("ge2", GeneralizedEntropy.of(y, w, n, 2));
        m.put("atkinson_1", Atkinson.of(y, w, n, 1));
        m.put("palma", Lorenz.palma(y, w, n));
        m.put("s80_s20", s80s20(y, w, n));
        m.put("rmpg", q == 0 ? Double.NaN : (z - WeightedQuantile.of(y, w, q, 0.5)) / z);
        return m;
    }

    /** Gini of the normalized gaps max(0, (z - y)/z) over everyone; gaps ascend as y descends. */
    static double gapGini(double[] y, double[] w, int n, int q, double z) {
        if (q == 0) return 0;
        double cw = 0, a = 0, b = 0, tot = 0, t = 0;
        for (int i = n - 1; i >= 0; i--) {
            double wi = w[i];
            double g = i < q ? (z - y[i]) / z : 0;
            double wg = wi * g;
            cw += wi;
            a += wg * cw;
            b += wi * wg;
            t += wg;
            tot += wi;
        }
        return t == 0 ? 0 : (2 * a - b) / (tot * t) - 1;
    }

    /**
     * S80/S20 as laeken's {@code qsr}: mean welfare of those above the 80th percentile over mean welfare of those at
     * or below the 20th (Eurostat weighted quantiles).
     */
    public static double s80s20(double[] y, double[] w, int n) {
        double q1 = WeightedQuantile.of(y, w, n, 0.2), q4 = WeightedQuantile.of(y, w, n, 0.8);
        double sb = 0, nb = 0, st = 0, nt = 0;
        for (int i = 0; i < n; i++) {
            if (y[i] <= q1) { sb += w[i] * y[i]; nb += w[i]; }
            if (y[i] > q4) { st += w[i] * y[i]; nt += w[i]; }
        }
        return (st / nt) / (sb / nb);
    }
}
