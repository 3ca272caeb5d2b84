package org.prosper.projects;

import java.util.Collection;
import java.util.List;

/**
 * Household-level values of an outcome variable for the households of given villages in one round: from imported
 * evaluation datasets ({@link OutcomeDatasets}) or from survey rounds ({@link SurveyOutcomes}, dataset survey:formId).
 */
public interface OutcomeSource {

    record Observation(String household, String village, double value) {
    }

    List<Observation> values(String dataset, String variable, String round, Collection<String> villageCodes);
}
