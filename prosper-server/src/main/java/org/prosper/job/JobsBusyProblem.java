package org.prosper.job;

/** Every job worker is busy and the queue is full; the client should try again later (503). */
public class JobsBusyProblem extends RuntimeException {
    public JobsBusyProblem(String message) {
        super(message);
    }
}
