package org.prosper.projects;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** A project as lists show it. */
public record ProjectSummary(long id, String iatiIdentifier, Map<String, String> title, String status, String programmeCode,
                             String theme, List<String> countries, LocalDate plannedStart, LocalDate plannedEnd, String source,
                             int planVersion) {
}
