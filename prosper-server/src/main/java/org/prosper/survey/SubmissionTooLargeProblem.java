package org.prosper.survey;

/** A submission over the configured size limit: 413. */
public class SubmissionTooLargeProblem extends RuntimeException {
    public SubmissionTooLargeProblem(long size, long limit) {
        super("the submission is " + size + " bytes, over the limit of " + limit + " bytes");
    }
}
