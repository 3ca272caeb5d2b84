package org.prosper.job;

import java.time.Instant;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * A piece of long work as its owner follows it. {@code done} and {@code total} are in the unit the kind of work
 * counts in (household imports count bytes of the file, so that a percentage is exact); {@code total} is null while
 * unknown. {@code message} is the progress line in English; {@code messageKey} and {@code messageArgs}, when the work
 * gave them, say it by a key of the message bundles for a page in another language. {@code result} is what the work
 * reported when it finished, successful or not.
 */
public record Job(String id, String kind, String owner, JobState state, long done, Long total, String message,
                  String messageKey, List<String> messageArgs, JsonNode result, Instant createdAt, Instant finishedAt) {

    public Job {
        messageArgs = messageArgs == null ? List.of() : List.copyOf(messageArgs);
    }

    /** Whole percent done, or null while the total is unknown. */
    public Integer percent() {
        if (state.finished()) return 100;
        if (total == null || total <= 0) return null;
        return (int) Math.min(100, done * 100 / total);
    }
}
