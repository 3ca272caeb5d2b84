package org.prosper.knowledge;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The controlled values of the knowledge bank; labels are in the message bundle under the prefixes given. */
public final class KnowledgeVocabulary {

    /** Themes of practices and fields of expertise of experts (one taxonomy); labels {@code knowledge.theme.<code>}. */
    public static final List<String> THEMES = List.of("poverty-measurement", "ecommerce", "sustainable-agriculture",
            "digital-economy", "health", "education", "water", "sanitation", "housing", "rural-infrastructure",
            "microfinance", "cooperatives", "social-protection", "vocational-training", "rural-tourism", "gender",
            "disaster-risk", "governance");

    /** English words of each theme, indexed with the item so that a search for the theme's name finds it. */
    public static final Map<String, String> THEME_WORDS = Map.ofEntries(
            Map.entry("poverty-measurement", "poverty measurement statistics"),
            Map.entry("ecommerce", "e-commerce online sales"),
            Map.entry("sustainable-agriculture", "sustainable agriculture farming"),
            Map.entry("digital-economy", "digital economy"),
            Map.entry("health", "health"),
            Map.entry("education", "education"),
            Map.entry("water", "drinking water supply"),
            Map.entry("sanitation", "sanitation"),
            Map.entry("housing", "housing"),
            Map.entry("rural-infrastructure", "rural infrastructure roads"),
            Map.entry("microfinance", "microfinance microcredit"),
            Map.entry("cooperatives", "cooperative"),
            Map.entry("social-protection", "social protection"),
            Map.entry("vocational-training", "vocational training skills"),
            Map.entry("rural-tourism", "rural tourism"),
            Map.entry("gender", "gender equality women"),
            Map.entry("disaster-risk", "disaster risk reduction"),
            Map.entry("governance", "village governance"));

    /** Languages of content and search; labels {@code knowledge.lang.<code>}. */
    public static final List<String> LANGUAGES = List.of("zh", "en", "th", "lo", "km", "my", "vi", "id", "ms", "fil");

    public static final List<String> VISIBILITIES = List.of("PUBLIC", "PARTNERS", "ADMINS");
    public static final List<String> AVAILABILITIES = List.of("AVAILABLE", "LIMITED", "UNAVAILABLE");

    private KnowledgeVocabulary() {
    }

    /** A language code as the bank stores it (tl -> fil, zh-CN -> zh), or null if it is not one of the ten. */
    public static String language(String code) {
        if (code == null) return null;
        String c = code.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        if (c.startsWith("zh")) return "zh";
        if (c.equals("tl") || c.equals("fil-ph")) return "fil";
        if (c.equals("my-zawgyi") || c.equals("my-mm")) return "my";
        int dash = c.indexOf('-');
        if (dash > 0 && !LANGUAGES.contains(c)) c = c.substring(0, dash);
        return LANGUAGES.contains(c) ? c : null;
    }

    /** PUBLIC, PARTNERS or ADMINS from the usual spellings (public, partners, partners-only, admin, administrators). */
    public static String visibility(String value) {
        if (value == null) return null;
        String v = value.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        return switch (v) {
            case "PUBLIC" -> "PUBLIC";
            case "PARTNERS", "PARTNER", "PARTNERS_ONLY", "PARTNER_ONLY" -> "PARTNERS";
            case "ADMINS", "ADMIN", "ADMINISTRATORS", "ADMINISTRATOR", "ADMINS_ONLY", "PRIVATE" -> "ADMINS";
            default -> null;
        };
    }
}
