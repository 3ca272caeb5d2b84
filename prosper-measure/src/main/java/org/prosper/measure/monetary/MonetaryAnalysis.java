package org.prosper.measure.monetary;

import org.prosper.measure.design.Bootstrap;
import org.prosper.measure.design.SurveyDesign;
import org.prosper.measure.inequality.GeneralizedEntropy;
import org.prosper.measure.inequality.Lorenz;
import org.prosper.measure.inequality.WeightedQuantile;
import org.prosper.measure.lines.PovertyLine;
import org.prosper.measure.table.Inputs;
import org.prosper.measure.table.StringColumn;
import org.prosper.measure.table.Table;
import org.prosper.measure.table.TableException;
import org.prosper.measure.util.PairSort;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Monetary poverty and inequality for one table: {@code MonetaryAnalysis.of(table, spec).run()}.
 *
 * <p>Rows with a missing welfare, weight or design value are left out (and not counted in "observations").
 * The rows used are copied once and sorted by welfare; every rank-based measure (median, quantiles, Gini, Palma,
 * S80/S20, RMPG) reuses that order. With a design, standard errors are by linearization (see
 * {@link Linearization}) or Rao-Wu bootstrap. With a relative line and subgroups, the line is computed once on
 * the whole sample and its sampling error enters every group's variance.
 */
public final class MonetaryAnalysis {
    private final Table table;
    private final MonetarySpec spec;

    private MonetaryAnalysis(Table table, MonetarySpec spec) { this.table = table; this.spec = spec; }

    public static MonetaryAnalysis of(Table table, MonetarySpec spec) { return new MonetaryAnalysis(table, spec); }

    public MonetaryResult run() {
        int rows = table.rowCount();
        double[] welfare = table.doubles(spec.welfare()).values();
        double[] weight = Inputs.weights(table, spec.weight());
        int[] strata = Inputs.codes(table, spec.strata());
        int[] psu = Inputs.codes(table, spec.psu());
        double[] fpc = Inputs.numbers(table, spec.fpc());
        StringColumn byCol = spec.by() == null ? null : table.strings(spec.by());

        int n = 0;
        int[] perm = new int[rows];
        for (int i = 0; i < rows; i++) {
            if (Double.isNaN(welfare[i]) || Double.isNaN(weight[i])) continue;
            if (strata != null && strata[i] < 0 || psu != null && psu[i] < 0 || fpc != null && Double.isNaN(fpc[i])) continue;
            perm[n++] = i;
        }
        if (n == 0) throw TableException.of(table.source(), "no rows with a welfare value to measure");
        perm = Arrays.copyOf(perm, n);
        double[] y = new double[n], w = new double[n];
        for (int i = 0; i < n; i++) { y[i] = welfare[perm[i]]; w[i] = weight[perm[i]]; }
        PairSort.sort(y, w, perm);

        SurveyDesign design = null;
        if (spec.hasDesign()) {
            design = SurveyDesign.of(rows, strata, psu, fpc, spec.lonelyPsu()).permute(perm);
        }
        int[] groupOf = null;
        if (byCol != null) {
            groupOf = new int[n];
            for (int i = 0; i < n; i++) groupOf[i] = byCol.codes()[perm[i]];
        }
        return compute(y, w, n, design, byCol, groupOf);
    }

    /** The analysis on arrays already sorted by welfare (no copy): used by the benchmark and the server. */
    public static Map<String, Double> pointEstimates(double[] sortedY, double[] w, PovertyLine line, PovertyRule rule) {
        int n = sortedY.length;
        double z = lineValue(sortedY, w, n, line);
        return Indicators.compute(sortedY, w, n, z, rule);
    }

    static double lineValue(double[] y, double[] w, int n, PovertyLine line) {
        return switch (line) {
            case PovertyLine.Absolute a -> a.value();
            case PovertyLine.Relative r -> r.fraction() * WeightedQuantile.of(y, w, n, 0.5);
        };
    }

    private MonetaryResult compute(double[] y, double[] w, int n, SurveyDesign design, StringColumn byCol, int[] groupOf) {
        this.weightsFull = w;
        this.sortedFull = y;
        PovertyRule rule = spec.rule();
        double z = lineValue(y, w, n, spec.line());
        double pop = 0;
        for (int i = 0; i < n; i++) pop += w[i];
        Map<String, Double> est = Indicators.compute(y, w, n, z, rule);
        boolean relative = spec.line() instanceof PovertyLine.Relative;
        double fraction = relative ? ((PovertyLine.Relative) spec.line()).fraction() : 0;
        double[] lineLin = design != null && relative ? Linearization.relativeLine(y, w, n, fraction) : null;
        int[] all = new int[n];
        for (int i = 0; i < n; i++) all[i] = i;

        Bootstrap bootstrap = null;
        double[][] factors = null;
        if (design != null && spec.variance() == MonetarySpec.VarianceMethod.BOOTSTRAP) {
            bootstrap = new Bootstrap(design, spec.replicates(), spec.seed());
            factors = bootstrap.psuFactors();
        }
        Map<String, Estimate> estimates = withSe(est, y, w, n, all, n, z, design, lineLin, bootstrap, factors, null, -1);

        List<MonetaryResult.Group> groups = new ArrayList<>();
        MonetaryResult.Decomposition decomposition = null;
        if (byCol != null) {
            int k = byCol.cardinality();
            int[] count = new int[k];
            for (int g : groupOf) if (g >= 0) count[g]++; // rows without a group value count only in the total
            Map<String, double[]> fgtDecomp = new LinkedHashMap<>();
            for (String key : new String[] {"fgt0", "fgt1", "fgt2"}) fgtDecomp.put(key, new double[k]);
            double[] gePop = new double[k], geMean = new double[k], mld = new double[k], theil = new double[k], ge2 = new double[k];
            for (int g = 0; g < k; g++) {
                if (count[g] == 0) continue;
                int m = count[g];
                double[] gy = new double[m], gw = new double[m];
                int[] rows = new int[m];
                int j = 0;
                for (int i = 0; i < n; i++) if (groupOf[i] == g) { gy[j] = y[i]; gw[j] = w[i]; rows[j] = i; j++; }
                double gpop = 0;
                for (int i = 0; i < m; i++) gpop += gw[i];
                Map<String, Double> ge = Indicators.compute(gy, gw, m, z, rule);
                Map<String, Estimate> gest = withSe(ge, gy, gw, m, rows, n, z, design, lineLin, bootstrap, factors, groupOf, g);
                groups.add(new MonetaryResult.Group(spec.by(), byCol.dictionary().get(g), m, gpop, gest));
                for (String key : fgtDecomp.keySet()) fgtDecomp.get(key)[g] = gpop / pop * ge.get(key);
                // GE decomposition over y > 0 (the GE measures leave out y <= 0)
                double u0 = 0, u1 = 0;
                for (int i = 0; i < m; i++) if (gy[i] > 0) { u0 += gw[i]; u1 += gw[i] * gy[i]; }
                gePop[g] = u0;
                geMean[g] = u0 > 0 ? u1 / u0 : Double.NaN;
                mld[g] = ge.get("mld");
                theil[g] = ge.get("theil_t");
                ge2[g] = ge.get("ge2");
            }
            Map<String, Double> within = new LinkedHashMap<>(), between = new LinkedHashMap<>();
            for (Object[] e : new Object[][] {{"mld", mld, 0.0}, {"theil_t", theil, 1.0}, {"ge2", ge2, 2.0}}) {
                GeneralizedEntropy.Decomposition d = GeneralizedEntropy.decompose(est.get((String) e[0]), (double[]) e[1], gePop, geMean, (Double) e[2]);
                within.put((String) e[0], d.within());
                between.put((String) e[0], d.between());
            }
            decomposition = new MonetaryResult.Decomposition(fgtDecomp, within, between);
        }
        return new MonetaryResult(n, pop, z, estimates, Lorenz.shares(y, w, n, 10), groups, decomposition);
    }

    private Map<String, Estimate> withSe(Map<String, Double> est, double[] y, double[] w, int m, int[] rows, int full,
                                         double z, SurveyDesign design, double[] lineLin, Bootstrap bootstrap,
                                         double[][] factors, int[] groupOf, int group) {
        Map<String, Estimate> out = new LinkedHashMap<>();
        if (design == null) {
            est.forEach((k, v) -> out.put(k, Estimate.of(v)));
            return out;
        }
        if (bootstrap != null) {
            // Replicates: reweight the whole sorted sample (order unchanged), recompute the line and the domain.
            Map<String, double[]> reps = new LinkedHashMap<>();
            for (String k : est.keySet()) reps.put(k, new double[factors.length]);
            double[] fullY = null;
            for (int r = 0; r < factors.length; r++) {
                double[] wr = new double[m];
                for (int i = 0; i < m; i++) wr[i] = w[i] * factors[r][design.psuOf(rows[i])];
                double zr = z;
                if (spec.line() instanceof PovertyLine.Relative rel) zr = rel.fraction() * replicateMedian(design, factors[r]);
                Map<String, Double> e = Indicators.compute(y, wr, m, zr, spec.rule());
                for (String k : est.keySet()) reps.get(k)[r] = e.get(k);
            }
            est.forEach((k, v) -> out.put(k, new Estimate(v, Math.sqrt(Bootstrap.variance(reps.get(k))))));
            return out;
        }
        Map<String, double[]> lins = Linearization.compute(y, w, m, rows, full, z, spec.rule(), lineLin, est);
        double[] u = new double[full];
        for (Map.Entry<String, Double> e : est.entrySet()) {
            double[] lin = lins.get(e.getKey());
            double se = Double.NaN;
            if (lin != null && !Double.isNaN(e.getValue())) {
                for (int i = 0; i < full; i++) u[i] = lin[i] * weightsFull[i];
                se = Math.sqrt(design.variance(u));
            }
            out.put(e.getKey(), new Estimate(e.getValue(), se));
        }
        return out;
    }

    // set by run() before computing: weights of the whole sorted sample, for weighted influence values
    private double[] weightsFull;
    private double[] sortedFull;

    private double replicateMedian(SurveyDesign design, double[] factor) {
        double[] wr = new double[weightsFull.length];
        for (int i = 0; i < wr.length; i++) wr[i] = weightsFull[i] * factor[design.psuOf(i)];
        return WeightedQuantile.of(sortedFull, wr, wr.length, 0.5);
    }
}
