package org.prosper.projects;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.prosper.measure.design.LonelyPsu;
import org.prosper.measure.design.SurveyDesign;

/**
 * Difference in differences from household outcomes at baseline and endline in project and comparison villages:
 * DiD = (mean project endline - mean project baseline) - (mean comparison endline - mean comparison baseline), means
 * over households (unweighted).
 *
 * <p>Standard error by Taylor linearization with villages as PSUs (one stratum, with replacement), as R's survey
 * package computes {@code svycontrast} of the four domain means of {@code svydesign(ids=~village)} on the stacked
 * rounds: each row gets u_i = sum_d c_d 1{i in d} (y_i - mean_d) / n_d with c = +1 (project endline), -1 (project
 * baseline), -1 (comparison endline), +1 (comparison baseline); with U_g the total of u over village g and G
 * villages, V = G/(G-1) sum_g (U_g - mean U)^2 and SE = sqrt(V). A household observed in both rounds sits in one village, so
 * the clustering also accounts for the panel.
 */
public final class DidEstimator {

    public record Row(String village, boolean project, boolean endline, double value) {
    }

    public record Result(double estimate, double se, double projectBaseline, double projectEndline, double comparisonBaseline,
                         double comparisonEndline, int[] counts, int villages) {
    }

    private DidEstimator() {
    }

    public static Result estimate(List<Row> rows) {
        int n = rows.size();
        double[] sum = new double[4];
        int[] count = new int[4];
        int[] group = new int[n];
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            int g = (r.project() ? 0 : 2) + (r.endline() ? 1 : 0);
            group[i] = g;
            sum[g] += r.value();
            count[g]++;
        }
        for (int g = 0; g < 4; g++) {
            if (count[g] == 0) {
                String[] names = {"project villages at baseline", "project villages at endline", "comparison villages at baseline", "comparison villages at endline"};
                throw new IllegalArgumentException("no households in " + names[g] + ": the difference in differences needs all four groups");
            }
        }
        double[] mean = new double[4];
        for (int g = 0; g < 4; g++) mean[g] = sum[g] / count[g];
        double[] c = {-1, +1, +1, -1};
        double did = (mean[1] - mean[0]) - (mean[3] - mean[2]);
        double[] u = new double[n];
        int[] psu = new int[n];
        Map<String, Integer> villages = new HashMap<>();
        for (int i = 0; i < n; i++) {
            int g = group[i];
            u[i] = c[g] * (rows.get(i).value() - mean[g]) / count[g];
            psu[i] = villages.computeIfAbsent(rows.get(i).village(), k -> villages.size());
        }
        double se = Double.NaN;
        if (villages.size() >= 2) {
            SurveyDesign design = SurveyDesign.of(n, null, psu, null, LonelyPsu.FAIL);
            se = Math.sqrt(design.variance(u));
        }
        return new Result(did, se, mean[0], mean[1], mean[2], mean[3], count, villages.size());
    }

    /** Rows from the observations of the four groups. */
    public static List<Row> rows(List<OutcomeSource.Observation> projectBase, List<OutcomeSource.Observation> projectEnd,
                                 List<OutcomeSource.Observation> comparisonBase, List<OutcomeSource.Observation> comparisonEnd) {
        List<Row> rows = new ArrayList<>();
        for (var o : projectBase) rows.add(new Row(o.village(), true, false, o.value()));
        for (var o : projectEnd) rows.add(new Row(o.village(), true, true, o.value()));
        for (var o : comparisonBase) rows.add(new Row(o.village(), false, false, o.value()));
        for (var o : comparisonEnd) rows.add(new Row(o.village(), false, true, o.value()));
        return rows;
    }
}
