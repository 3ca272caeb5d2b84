package org.prosper.knowledge;

import java.util.Arrays;
import java.util.List;

/** Comma-separated code lists as the knowledge tables store them. */
final class Lists {

    private Lists() {
    }

    static List<String> split(String csv) {
        if (csv == null || csv.isBlank()) return List.of();
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    static String join(List<String> values) {
        return values == null ? "" : String.join(",", values.stream().map(String::trim).filter(s -> !s.isEmpty()).distinct().toList());
    }

    static String text(String s) {
        return s == null ? "" : s.strip();
    }
}
