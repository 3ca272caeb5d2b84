package org.prosper.monitoring;

import java.util.Map;

/**
 * What one rule found on one household: the readable reason in English and Chinese (and in the country's own language
 * where the profile gives it, else null), the values and their fingerprint.
 */
record Finding(String ruleId, String riskType, String severity, String reason, String reasonZh, String reasonLocal,
               Map<String, Object> evidence, String fingerprint) {
}
