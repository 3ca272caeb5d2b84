package org.prosper.registry;

import java.util.List;

import org.prosper.platform.ProblemMessages;

/**
 * An edit based on an outdated version, or one that collides with what is there already; mapped to 409. One made by
 * {@link #of} is said by a key of messages/problems (the message is its English text); others have no key.
 */
public class ConflictProblem extends RuntimeException {

    private final String key;
    private final List<String> args;

    public ConflictProblem(String message) {
        this(message, null, List.of());
    }

    private ConflictProblem(String message, String key, List<String> args) {
        super(message);
        this.key = key;
        this.args = args;
    }

    public static ConflictProblem of(String key, Object... values) {
        List<String> args = ProblemMessages.args(values);
        return new ConflictProblem(ProblemMessages.english(key, args), key, args);
    }

    /** The problem's key in messages/problems, or null. */
    public String key() {
        return key;
    }

    public List<String> args() {
        return args;
    }
}
