package org.prosper.survey;

/** A submission over the configured size limit: 413. */
public class SubmissionTooLargeProblem extends RuntimeException {
    public SubmissionTooLargeProblem(long size, long limit) {
        super("the submission is " + size + " bytes, over the limit of " + limit + " bytes");
    }

    /** Its XML alone is over the limit for a form's answers (media go in their own parts). */
    static SubmissionTooLargeProblem xml(long size, long limit) {
        return new SubmissionTooLargeProblem("the submission's XML is " + size + " bytes, over the limit of " + limit
                + " bytes for a form's answers (photos and other media are sent as their own parts)");
    }

    private SubmissionTooLargeProblem(String message) {
        super(message);
    }
}
