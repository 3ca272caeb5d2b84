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
        if (reasonLocal != null && language != null && language.equals(org.prosper.geo.LocalNames.languageOf(countryCode))) return reasonLocal;
        return "zh".equals(language) ? reasonZh : reason;
    }

    public boolean open() {
        return resolvedRunId == null;
    }
}
