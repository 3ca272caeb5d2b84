package org.prosper.monitoring;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

/**
 * An alert as pages and the API show it: which rule fired on which household, why (in English and Chinese, with the
 * household's numbers), and the evidence that traces the reason to the rule's parameters and the data.
 */
public record Alert(long id, long householdId, String householdCode, String countryCode, String orgPath, String rule,
                    String riskType, String severity, String reason, String reasonZh, JsonNode evidence, String fingerprint,
                    int profileVersion, long firstRunId, Long resolvedRunId, Long caseId, Instant createdAt, String reasonLocal) {

    /** The reason for a reader of {@code language}: in the country's own language when it is theirs and the profile gave it. */
    public String reasonIn(String language) {
        return inLanguage(language, org.prosper.geo.LocalNames.languageOf(countryCode), reason, reasonZh, reasonLocal);
    }

    /** A text in the reader's language: the local one for readers of {@code localLanguage}, else Chinese or English. */
    static String inLanguage(String language, String localLanguage, String en, String zh, String local) {
        if (local != null && language != null && language.equals(localLanguage)) return local;
        return "zh".equals(language) && zh != null ? zh : en;
    }

    public boolean open() {
        return resolvedRunId == null;
    }
}
