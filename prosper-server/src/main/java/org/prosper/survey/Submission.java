package org.prosper.survey;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/** A stored submission as reviewers see it. */
public record Submission(long id, String instanceId, String formId, String formVersion, String source, String submittedBy,
                         Instant receivedAt, String processing, List<String> problems, String review, String reviewComment,
                         Long roundId, String householdCode, Long householdId, boolean newHousehold, String orgPath,
                         int version) {

    /** An answer quoted in a problem ("income: '12a' is not a number"), up to the words that say what is wrong with it. */
    private static final Pattern QUOTED_ANSWER = Pattern.compile(": '.*' (is |are )", Pattern.DOTALL);

    /**
     * The submission for someone who may not see personal data: its problems say which field is wrong and why, without
     * the answer, which may be a name, an ID number or where a house stands.
     */
    public Submission withoutAnswers() {
        List<String> kept = problems.stream().map(p -> QUOTED_ANSWER.matcher(p).replaceFirst(": '…' $1")).toList();
        return new Submission(id, instanceId, formId, formVersion, source, submittedBy, receivedAt, processing, kept, review,
                reviewComment, roundId, householdCode, householdId, newHousehold, orgPath, version);
    }
}
