package org.prosper.survey;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.prosper.platform.FieldProblem;

/**
 * A stored submission as reviewers see it. {@code problems} says each problem as "field: English text";
 * {@code problemDetails} has the same problems with their keys of messages/problems and values, for a page or client
 * that shows them in its reader's language (a problem stored before problems had keys has none).
 */
public record Submission(long id, String instanceId, String formId, String formVersion, String source, String submittedBy,
                         Instant receivedAt, String processing, List<String> problems, List<FieldProblem> problemDetails,
                         String review, String reviewComment, Long roundId, String householdCode, Long householdId,
                         boolean newHousehold, String orgPath, int version) {

    /** An answer quoted in a problem ("income: '12a' is not a number"), up to the words that say what is wrong with it. */
    private static final Pattern QUOTED_ANSWER = Pattern.compile(": '.*' (is |are )", Pattern.DOTALL);
    /** The problems whose first value is the answer itself. */
    static final Set<String> ANSWER_FIRST = Set.of("problem.survey.codeTooLong", "problem.import.notWholeNumber", "problem.notNumber",
            "problem.notDate", "problem.survey.notLocation", "problem.survey.notChoice");

    public Submission {
        problems = List.copyOf(problems);
        problemDetails = List.copyOf(problemDetails);
    }

    /**
     * The submission for someone who may not see personal data: its problems say which field is wrong and why, without
     * the answer, which may be a name, an ID number or where a house stands.
     */
    public Submission withoutAnswers() {
        List<String> kept = problems.stream().map(p -> QUOTED_ANSWER.matcher(p).replaceFirst(": '…' $1")).toList();
        List<FieldProblem> details = problemDetails.stream().map(Submission::withoutAnswer).toList();
        return new Submission(id, instanceId, formId, formVersion, source, submittedBy, receivedAt, processing, kept, details, review,
                reviewComment, roundId, householdCode, householdId, newHousehold, orgPath, version);
    }

    private static FieldProblem withoutAnswer(FieldProblem p) {
        if (p.key() == null) return new FieldProblem(p.member(), p.field(), QUOTED_ANSWER.matcher(": " + p.message()).replaceFirst(": '…' $1").substring(2));
        if (!ANSWER_FIRST.contains(p.key()) || p.args().isEmpty()) return p;
        Object[] values = p.args().toArray();
        values[0] = "…";
        return FieldProblem.of(p.member(), p.field(), p.key(), values);
    }
}
