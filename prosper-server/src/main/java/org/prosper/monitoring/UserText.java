package org.prosper.monitoring;

import java.util.Locale;

/**
 * What a person typed, as stored: trimmed, null when blank, and refused (422, naming the field and the limit) when longer
 * than its column, never cut: silently losing the end of an officer's note is worse than asking to shorten it.
 */
final class UserText {

    private UserText() {
    }

    static String of(String field, String value, int max) {
        if (value == null || value.isBlank()) return null;
        String text = value.trim();
        if (text.length() > max) {
            throw MonitoringProblem.of(422, field, "problem.textTooLong", count(text.length()), count(max));
        }
        return text;
    }

    static String tooLong(int length, int max) {
        return String.format(Locale.ROOT, "%,d characters, more than the %,d it may have", length, max);
    }

    /** A count as the API writes it in a problem: 2,001. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
