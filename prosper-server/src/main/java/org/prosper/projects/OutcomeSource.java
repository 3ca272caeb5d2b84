package org.prosper.projects;

import java.util.Collection;
import java.util.List;

/**
 * Household-level values of an outcome variable for the households of given villages in one round. Implemented over
 * imported evaluation datasets ({@link OutcomeDatasets}); survey rounds can supply the same shape once they expose
 * round data by variable.
 */
public interface OutcomeSource {

    record Observation(String household, String village, double value) {
    }

    List<Observation> values(String dataset, String variable, String round, Collection<String> villageCodes);
}
