package org.prosper.survey;

import java.util.Map;

/** One choice of a list; {@code columns} keeps the extra columns a choice_filter can test (e.g. country). */
public record Choice(String name, Map<String, String> label, Map<String, String> columns) {
    public Choice {
        label = Map.copyOf(label);
        columns = columns == null ? Map.of() : Map.copyOf(columns);
    }
}
