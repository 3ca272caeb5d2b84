package org.prosper.projects;

import java.util.List;

import org.prosper.platform.ProblemMessages;

/**
 * A change that the project's state does not allow (a plan change outside a change request, a decided request); 409.
 * One made by {@link #of} is said by a key of messages/problems, so that a page shows it in the reader's language.
 */
public class ProjectConflictProblem extends RuntimeException {

    private final String key;
    private final List<String> args;

    public ProjectConflictProblem(String message) {
        this(message, null, List.of());
    }

    private ProjectConflictProblem(String message, String key, List<String> args) {
        super(message);
        this.key = key;
        this.args = args;
    }

    static ProjectConflictProblem of(String key, Object... values) {
        List<String> args = ProblemMessages.args(values);
        return new ProjectConflictProblem(ProblemMessages.english(key, args), key, args);
    }

    /** A save of the project as it was at version {@code yours}, while others have saved it since. */
    static ProjectConflictProblem changedMeanwhile(long id, int current, int yours) {
        return of("problem.project.changedMeanwhile", id, current, yours);
    }

    /** The problem's key in messages/problems, or null. */
    public String key() {
        return key;
    }

    public List<String> args() {
        return args;
    }
}
