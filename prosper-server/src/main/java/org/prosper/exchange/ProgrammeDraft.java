package org.prosper.exchange;

import java.util.List;

/** A new programme as a client sends it. kind: TRAINING, EXCHANGE or FORUM. */
public record ProgrammeDraft(String kind, String title, String description, Integer year, String hostCountry,
                             List<String> languages, List<String> topics, String status, String visibility) {
}
