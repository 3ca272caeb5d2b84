package org.prosper.survey;

import java.time.LocalDate;
import java.util.List;

/** A survey round: one form filled in a set of org units over a period. */
public record SurveyRound(long id, String code, String name, Kind kind, String formId, LocalDate periodStart,
                          LocalDate periodEnd, boolean open, List<String> orgUnitCodes) {

    public enum Kind { BASELINE, MONITORING, ENDLINE }
}
