package org.prosper.survey;

/** An edited submission whose processing failed: 422 with the reason; nothing of the edit was kept. */
public class UnprocessableEditProblem extends RuntimeException {
    public UnprocessableEditProblem(long submissionId, String reason, Throwable cause) {
        super("submission " + submissionId + ": the edited XML could not be processed (" + reason + "); nothing was saved", cause);
    }
}
