package org.prosper.monitoring;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A case: one household's path from alert to risk elimination, with every step taken (who, when, what, evidence),
 * its deadlines and whether any is overdue, its alerts and its support measures.
 */
public record MonitoringCase(long id, long householdId, String householdCode, String countryCode, String orgPath,
                             CaseState state, String category, List<String> riskTypes, String detection, boolean noLabour,
                             int profileVersion, String openedBy, Instant openedAt, Instant stateSince, Instant stepDueAt,
                             Instant decisionDueAt, Instant supportDueAt, Instant enrolledAt, Instant eliminatedAt,
                             String eliminationMode, LocalDate noticeFrom, LocalDate noticeTo, int relapses, int version,
                             List<String> overdue, List<CaseAction> allowedActions, List<Step> steps, List<Alert> alerts,
                             List<Support> support) {

    /** One step taken: the action, the states it moved between, who took it and when, the note and the evidence. */
    public record Step(long id, String action, String fromState, String toState, String actor, Instant at, String note,
                       tools.jackson.databind.JsonNode data, List<Evidence> evidence) {
    }

    /** A file kept as evidence of a step (form, document, photo), with its SHA-256. */
    public record Evidence(long id, long stepId, String fileName, String contentType, long size, String sha256, String uploadedBy,
                           Instant uploadedAt) {
    }

    /** A support measure planned or given to the household. */
    public record Support(long id, long caseId, long householdId, String measure, String riskType, String status, Double amount,
                          String currency, LocalDate plannedOn, LocalDate startOn, LocalDate endOn, String agency, String note,
                          String createdBy, Instant createdAt, int version) {
    }
}
