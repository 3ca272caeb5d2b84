package org.prosper.projects;

/** A change that the project's state does not allow (a plan change outside a change request, a decided request); 409. */
public class ProjectConflictProblem extends RuntimeException {
    public ProjectConflictProblem(String message) {
        super(message);
    }

    /** A save of the project as it was at version {@code yours}, while others have saved it since. */
    static ProjectConflictProblem changedMeanwhile(long id, int current, int yours) {
        return new ProjectConflictProblem("project " + id + " was changed by someone else: it is at version " + current
                + ", your copy is version " + yours + "; reload it and apply your change again");
    }
}
