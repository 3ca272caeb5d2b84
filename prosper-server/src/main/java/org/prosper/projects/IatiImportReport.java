package org.prosper.projects;

import java.util.List;

/**
 * What an IATI import did: per activity whether it was imported (created or updated) or refused, and every element or
 * value that could not be mapped or breaks a codelist, with the element path and line in the file.
 */
public record IatiImportReport(String file, String version, int activities, int created, int updated, int refused,
                               List<ActivityOutcome> outcomes, List<Issue> issues) {

    public enum Kind {
        /** The element or attribute has no place in Prosper's model; it is not kept. */
        UNMAPPED,
        /** The value is not in the IATI codelist (or is withdrawn); it is kept as published. */
        CODELIST,
        /** A required value is missing or malformed; with REFUSED on the activity, nothing of it was written. */
        INVALID,
        /** Something to know that changes nothing (e.g. a version other than 2.03 read as 2.03). */
        NOTE
    }

    public record Issue(Kind kind, String path, int line, String message) {
    }

    public record ActivityOutcome(String identifier, String outcome, Long projectId, String reason) {
    }
}
