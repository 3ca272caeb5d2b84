package org.prosper.measure.monetary;

import java.util.List;
import java.util.Map;

/**
 * Results of a monetary analysis. {@code line} is the line used (for a relative line, its computed value).
 * Groups carry their own estimates; {@code decomposition} gives the FGT additive decomposition (population share
 * and contribution of each group) and GE within/between terms when a subgroup column was given.
 */
public record MonetaryResult(long observations, double population, double line, Map<String, Estimate> estimates,
                             double[] decileShares, List<Group> groups, Decomposition decomposition) {

    public record Group(String by, String value, long observations, double population, Map<String, Estimate> estimates) { }

    /**
     * @param fgt       per measure (fgt0..2), per group: population share x group FGT (they sum to the total)
     * @param geWithin  per GE measure (mld, theil_t, ge2): within-group term
     * @param geBetween per GE measure: between-group term
     */
    public record Decomposition(Map<String, double[]> fgt, Map<String, Double> geWithin, Map<String, Double> geBetween) { }
}
