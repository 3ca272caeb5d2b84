package org.prosper.projects;

import java.util.LinkedHashMap;
import java.util.Map;

/** Text in several languages: a map from language tag to text, in the order the languages were given. */
final class Texts {

    private Texts() {
    }

    static Map<String, String> copy(Map<String, String> text) {
        if (text == null) return Map.of();
        LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        text.forEach((lang, value) -> {
            if (lang != null && value != null) copy.put(lang, value);
        });
        return java.util.Collections.unmodifiableMap(copy);
    }

    static Map<String, String> of(String lang, String text) {
        return text == null || text.isBlank() ? Map.of() : Map.of(lang, text);
    }

    /** The text in the language asked for, else English, else the first one given; empty if there is none. */
    static String pick(Map<String, String> text, String lang) {
        if (text == null || text.isEmpty()) return "";
        String v = text.get(lang);
        if (v == null || v.isBlank()) v = text.get("en");
        if (v == null || v.isBlank()) v = text.values().iterator().next();
        return v == null ? "" : v;
    }

    static boolean isEmpty(Map<String, String> text) {
        return text == null || text.values().stream().allMatch(v -> v == null || v.isBlank());
    }
}
