package org.prosper.monitoring;

import java.util.List;

import org.prosper.platform.ProblemMessages;

/**
 * A step the case's state machine does not allow now (wrong state, notice still running, no labour): answered 409. Said
 * by a key of messages/problems with its values; the message is the English text.
 */
public class CaseTransitionProblem extends RuntimeException {

    private final String key;
    private final List<String> args;

    private CaseTransitionProblem(String key, List<String> args) {
        super(ProblemMessages.english(key, args));
        this.key = key;
        this.args = args;
    }

    public static CaseTransitionProblem of(String key, Object... values) {
        return new CaseTransitionProblem(key, ProblemMessages.args(values));
    }

    public String key() {
        return key;
    }

    public List<String> args() {
        return args;
    }
}
