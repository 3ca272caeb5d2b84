package org.prosper.registry.bulk;

import java.util.Locale;

/**
 * What happens to a file with problems. ALL_OR_NOTHING (the default) writes nothing unless every row is valid;
 * VALID_ROWS writes the valid households and returns the rejected ones, with the reason, as a file to correct.
 * The unit of rejection is the household: all of its rows go or stay together.
 */
public enum ImportMode {
    ALL_OR_NOTHING("all-or-nothing"),
    VALID_ROWS("valid-rows");

    private final String label;

    ImportMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static ImportMode parse(String value) {
        if (value == null || value.isBlank()) return ALL_OR_NOTHING;
        String v = value.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (ImportMode m : values()) {
            if (m.label.equals(v)) return m;
        }
        throw new IllegalArgumentException("mode '" + value + "' is not one of all-or-nothing, valid-rows");
    }
}
