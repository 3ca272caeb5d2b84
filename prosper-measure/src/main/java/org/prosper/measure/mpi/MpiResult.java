package org.prosper.measure.mpi;

import org.prosper.measure.monetary.Estimate;

import java.util.List;
import java.util.Map;

/**
 * Alkire-Foster results. {@code estimates}: H, A, M0, M1 and M2 (cardinal specs only), vulnerable (20% &lt;= c &lt; k),
 * severe (c &gt;= 50%), near_poor (only with a requirement). Per indicator: uncensored and censored headcounts,
 * absolute contribution w_j h_j(k) and contribution as a share of M0.
 */
public record MpiResult(long observations, long excluded, double population, double k,
                        Map<String, Estimate> estimates, Map<String, IndicatorResult> indicators,
                        List<Group> groups, List<Robustness> robustness) {

    public record IndicatorResult(Estimate uncensored, Estimate censored, double absoluteContribution, double contribution) { }

    public record Group(String by, String value, long observations, double population, double populationShare,
                        Map<String, Estimate> estimates, Map<String, IndicatorResult> indicators, double contributionToM0) { }

    public record Robustness(double k, double h, double a, double m0) { }
}
