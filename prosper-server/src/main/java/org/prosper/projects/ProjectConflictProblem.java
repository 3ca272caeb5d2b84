package org.prosper.projects;

/** A change that the project's state does not allow (a plan change outside a change request, a decided request); 409. */
public class ProjectConflictProblem extends RuntimeException {
    public ProjectConflictProblem(String message) {
        super(message);
    }
}
