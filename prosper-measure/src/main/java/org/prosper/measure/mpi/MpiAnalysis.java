package org.prosper.measure.mpi;

import org.prosper.measure.design.LonelyPsu;
import org.prosper.measure.design.SurveyDesign;
import org.prosper.measure.monetary.Estimate;
import org.prosper.measure.table.Inputs;
import org.prosper.measure.table.StringColumn;
import org.prosper.measure.table.Table;
import org.prosper.measure.table.TableException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Alkire-Foster multidimensional poverty: {@code MpiAnalysis.of(table, spec).weight("w").run()}.
 *
 * <p>c_i = sum_j w_j g_ij; poor iff c_i &gt;= k (compared with a 1e-9 tolerance so that weights like 1/6 that sum to
 * 1 only up to rounding, and scores equal to k, behave as exact). H = share poor, A = mean c among the poor,
 * M0 = H A; M1, M2 average the censored normalized gaps and their squares (weighted by w_j). Rows with a missing
 * indicator are left out and counted. Standard errors by linearization under the design (each row its own PSU
 * when none is given, like R survey's {@code ids=~1}).
 */
public final class MpiAnalysis {
    public static final double TOLERANCE = 1e-9;

    private final Table table;
    private final MpiSpec spec;
    private String weight, strata, psu, fpc, by;
    private LonelyPsu lonely = LonelyPsu.FAIL;

    private MpiAnalysis(Table table, MpiSpec spec) { this.table = table; this.spec = spec; }

    public static MpiAnalysis of(Table table, MpiSpec spec) { return new MpiAnalysis(table, spec); }

    public MpiAnalysis weight(String column) { this.weight = column; return this; }

    public MpiAnalysis design(String strata, String psu, String fpc, LonelyPsu lonely) {
        this.strata = strata; this.psu = psu; this.fpc = fpc;
        if (lonely != null) this.lonely = lonely;
        return this;
    }

    public MpiAnalysis by(String column) { this.by = column; return this; }

    /** Prepared per-person data: deprivation scores and the weighted gap sums for M1/M2. */
    private record Data(int n, double[] w, double[] c, double[] gap1, double[] gap2, boolean[][] deprived,
                        boolean[] gate, int[] rows) { }

    public MpiResult run() {
        int rows = table.rowCount();
        List<Indicator> inds = spec.indicators();
        int d = inds.size();
        double[][] x = new double[d][];
        for (int j = 0; j < d; j++) x[j] = table.doubles(inds.get(j).column()).values();
        double[] wAll = Inputs.weights(table, weight);
        double[] gateCol = spec.require() == null ? null : table.doubles(spec.require().column()).values();
        int[] strataCodes = Inputs.codes(table, strata);
        int[] psuCodes = Inputs.codes(table, psu);
        double[] fpcVals = Inputs.numbers(table, fpc);
        StringColumn byCol = by == null ? null : table.strings(by);

        int[] keep = new int[rows];
        int n = 0;
        long excluded = 0;
        for (int i = 0; i < rows; i++) {
            boolean missing = gateCol != null && Double.isNaN(gateCol[i]);
            for (int j = 0; j < d && !missing; j++) missing = Double.isNaN(x[j][i]);
            if (missing) { excluded++; continue; }
            if (Double.isNaN(wAll[i]) || strataCodes != null && strataCodes[i] < 0 || psuCodes != null && psuCodes[i] < 0) continue;
            keep[n++] = i;
        }
        if (n == 0) throw TableException.of(table.source(), "no rows with all indicators present");
        keep = Arrays.copyOf(keep, n);
        double[] w = new double[n], c = new double[n], g1 = new double[n], g2 = new double[n];
        boolean[][] dep = new boolean[d][n];
        boolean[] gate = gateCol == null ? null : new boolean[n];
        boolean cardinal = spec.cardinal();
        for (int r = 0; r < n; r++) {
            int i = keep[r];
            w[r] = wAll[i];
            double s = 0, s1 = 0, s2 = 0;
            for (int j = 0; j < d; j++) {
                Indicator ind = inds.get(j);
                double v = x[j][i];
                if (ind.deprived(v)) { dep[j][r] = true; s += ind.weight(); }
                if (cardinal) { double g = ind.gap(v); s1 += ind.weight() * g; s2 += ind.weight() * g * g; }
            }
            c[r] = s; g1[r] = s1; g2[r] = s2;
            if (gate != null) gate[r] = gateCol[i] <= spec.require().atMost();
        }
        Data data = new Data(n, w, c, g1, g2, dep, gate, keep);
        SurveyDesign design = SurveyDesign.of(rows, strataCodes, psuCodes, fpcVals, lonely).subset(keep);

        double pop = sum(w, null, -1, null);
        Map<String, Estimate> est = new LinkedHashMap<>();
        Map<String, MpiResult.IndicatorResult> indRes = new LinkedHashMap<>();
        estimate(data, design, null, -1, spec.k(), est, indRes);

        List<MpiResult.Group> groups = new ArrayList<>();
        if (byCol != null) {
            int[] gOf = new int[n];
            for (int r = 0; r < n; r++) gOf[r] = byCol.codes()[keep[r]];
            double m0 = est.get("M0").value();
            for (int g = 0; g < byCol.cardinality(); g++) {
                long count = 0;
                for (int r = 0; r < n; r++) if (gOf[r] == g) count++;
                if (count == 0) continue;
                Map<String, Estimate> ge = new LinkedHashMap<>();
                Map<String, MpiResult.IndicatorResult> gi = new LinkedHashMap<>();
                estimate(data, design, gOf, g, spec.k(), ge, gi);
                double gpop = sum(w, gOf, g, null);
                double share = gpop / pop;
                groups.add(new MpiResult.Group(by, byCol.dictionary().get(g), count, gpop, share, ge, gi,
                        share * ge.get("M0").value() / m0));
            }
        }
        List<MpiResult.Robustness> robust = new ArrayList<>();
        for (double k : robustnessCutoffs(c)) {
            double[] r = headline(data, k);
            robust.add(new MpiResult.Robustness(k, r[0], r[1], r[2]));
        }
        return new MpiResult(n, excluded, pop, spec.k(), est, indRes, groups, robust);
    }

    /** H, A, M0 at poverty cutoff k (for robustness checks). */
    private double[] headline(Data data, double k) {
        double pop = 0, poor = 0, cs = 0;
        for (int r = 0; r < data.n; r++) {
            pop += data.w[r];
            if (isPoor(data, r, k)) { poor += data.w[r]; cs += data.w[r] * data.c[r]; }
        }
        return new double[] {poor / pop, poor == 0 ? Double.NaN : cs / poor, cs / pop};
    }

    /** H, A and M0 for each k in {@code ks} (robustness to the poverty cutoff). */
    public List<MpiResult.Robustness> robustness(double... ks) {
        List<MpiResult.Robustness> out = new ArrayList<>();
        for (double k : ks) {
            MpiResult r = of(table, spec.withK(k)).weight(weight).design(strata, psu, fpc, lonely).run();
            out.add(new MpiResult.Robustness(k, r.estimates().get("H").value(), r.estimates().get("A").value(), r.estimates().get("M0").value()));
        }
        return out;
    }

    /** Cutoffs for the robustness table: j/d for j = 1..d and every distinct deprivation score (at most 40). */
    private List<Double> robustnessCutoffs(double[] c) {
        TreeSet<Double> distinct = new TreeSet<>();
        int d = spec.indicators().size();
        for (int j = 1; j <= d; j++) distinct.add(Math.round((double) j / d * 1e9) / 1e9);
        for (double v : c) {
            if (distinct.size() >= 40) break;
            if (v > TOLERANCE) distinct.add(Math.round(v * 1e9) / 1e9);
        }
        return new ArrayList<>(distinct);
    }

    private static boolean isPoor(Data d, int r, double k) {
        return d.c[r] >= k - TOLERANCE && (d.gate == null || d.gate[r]);
    }

    private static double sum(double[] w, int[] gOf, int g, boolean[] mask) {
        double s = 0;
        for (int r = 0; r < w.length; r++) if ((gOf == null || gOf[r] == g) && (mask == null || mask[r])) s += w[r];
        return s;
    }

    /** Point estimates and linearized SEs for the domain {@code gOf == g} (all rows when gOf is null). */
    private void estimate(Data d, SurveyDesign design, int[] gOf, int g, double k, Map<String, Estimate> est,
                          Map<String, MpiResult.IndicatorResult> indRes) {
        int n = d.n;
        double pop = 0, poor = 0, m0 = 0, m1 = 0, m2 = 0, vul = 0, sev = 0, near = 0;
        boolean[] in = new boolean[n];
        boolean[] isPoor = new boolean[n];
        for (int r = 0; r < n; r++) {
            if (gOf != null && gOf[r] != g) continue;
            in[r] = true;
            double w = d.w[r];
            pop += w;
            boolean p = isPoor(d, r, k);
            isPoor[r] = p;
            if (p) { poor += w; m0 += w * d.c[r]; m1 += w * d.gap1[r]; m2 += w * d.gap2[r]; }
            else if (d.c[r] >= 0.2 - TOLERANCE && (d.gate == null || d.gate[r])) vul += w;
            if (d.c[r] >= 0.5 - TOLERANCE && (d.gate == null || d.gate[r])) sev += w;
            if (d.gate != null && d.gate[r] && !p) near += w;
        }
        double h = poor / pop, M0 = m0 / pop, a = poor == 0 ? Double.NaN : m0 / poor;
        double[] uH = new double[n], uM0 = new double[n];
        for (int r = 0; r < n; r++) {
            if (!in[r]) continue;
            uH[r] = d.w[r] * ((isPoor[r] ? 1 : 0) - h) / pop;
            uM0[r] = d.w[r] * ((isPoor[r] ? d.c[r] : 0) - M0) / pop;
        }
        est.put("H", new Estimate(h, se(design, uH)));
        double[] uA = new double[n];
        if (poor > 0) for (int r = 0; r < n; r++) uA[r] = (uM0[r] - a * uH[r]) / h;
        est.put("A", new Estimate(a, poor > 0 ? se(design, uA) : Double.NaN));
        est.put("M0", new Estimate(M0, se(design, uM0)));
        if (spec.cardinal()) {
            est.put("M1", mean(d, design, in, isPoor, d.gap1, m1 / pop, pop));
            est.put("M2", mean(d, design, in, isPoor, d.gap2, m2 / pop, pop));
        }
        est.put("vulnerable", proportion(d, design, in, r -> !isPoor(d, r, k) && d.c[r] >= 0.2 - TOLERANCE && (d.gate == null || d.gate[r]), vul / pop, pop));
        est.put("severe", proportion(d, design, in, r -> d.c[r] >= 0.5 - TOLERANCE && (d.gate == null || d.gate[r]), sev / pop, pop));
        if (d.gate != null) est.put("near_poor", proportion(d, design, in, r -> d.gate[r] && !isPoor(d, r, k), near / pop, pop));

        List<Indicator> inds = spec.indicators();
        for (int j = 0; j < inds.size(); j++) {
            boolean[] dep = d.deprived[j];
            double un = 0, ce = 0;
            for (int r = 0; r < n; r++) if (in[r] && dep[r]) { un += d.w[r]; if (isPoor[r]) ce += d.w[r]; }
            Estimate eu = proportion(d, design, in, r -> dep[r], un / pop, pop);
            Estimate ec = proportion(d, design, in, r -> dep[r] && isPoor[r], ce / pop, pop);
            double abs = inds.get(j).weight() * ec.value();
            indRes.put(inds.get(j).name(), new MpiResult.IndicatorResult(eu, ec, abs, M0 == 0 ? Double.NaN : abs / M0));
        }
    }

    private interface RowTest { boolean test(int r); }

    private static Estimate proportion(Data d, SurveyDesign design, boolean[] in, RowTest t, double value, double pop) {
        double[] u = new double[d.n];
        for (int r = 0; r < d.n; r++) if (in[r]) u[r] = d.w[r] * ((t.test(r) ? 1 : 0) - value) / pop;
        return new Estimate(value, se(design, u));
    }

    private static Estimate mean(Data d, SurveyDesign design, boolean[] in, boolean[] poor, double[] v, double value, double pop) {
        double[] u = new double[d.n];
        for (int r = 0; r < d.n; r++) if (in[r]) u[r] = d.w[r] * ((poor[r] ? v[r] : 0) - value) / pop;
        return new Estimate(value, se(design, u));
    }

    private static double se(SurveyDesign design, double[] u) { return Math.sqrt(design.variance(u)); }
}
