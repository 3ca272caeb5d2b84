package org.prosper.survey;

import java.time.Instant;
import java.util.List;

/** A stored submission as reviewers see it. */
public record Submission(long id, String instanceId, String formId, String formVersion, String source, String submittedBy,
                         Instant receivedAt, String processing, List<String> problems, String review, String reviewComment,
                         Long roundId, String householdCode, Long householdId, boolean newHousehold, String orgPath,
                         int version) {
}
