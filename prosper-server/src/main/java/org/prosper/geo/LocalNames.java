package org.prosper.geo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Which name of a place a reader sees: its local name (in the country's language and script) when the reader's
 * language is that country's, otherwise its English name. A Chinese officer reads Guangxi's villages in Chinese and
 * Cambodia's in their English form, not in Khmer script; a Khmer reader sees Cambodia's in Khmer. The countries'
 * languages are those of the shipped country list, from which the country table is seeded.
 */
public final class LocalNames {

    /** The shipped country list: code, ISO alpha-3, names, the local names' language, currency, admin levels. */
    static final String COUNTRY_LIST = "geo/countries.tsv";

    private static final Map<String, String> LANGUAGES = load();

    private LocalNames() {
    }

    /** The BCP 47 tag of a country's local names (ISO 3166 alpha-2 code), or "en" for a country not in the list. */
    public static String languageOf(String countryCode) {
        return countryCode == null ? "en" : LANGUAGES.getOrDefault(countryCode.trim().toUpperCase(java.util.Locale.ROOT), "en");
    }

    /** The local name for a reader of the country's language, when there is one; the English name otherwise. */
    public static String choose(String countryCode, String readerLanguage, String nameEn, String nameLocal) {
        boolean local = nameLocal != null && !nameLocal.isBlank() && readerLanguage != null && readerLanguage.equals(languageOf(countryCode));
        return local || nameEn == null ? nameLocal : nameEn;
    }

    private static Map<String, String> load() {
        Map<String, String> languages = new HashMap<>();
        try (InputStream raw = LocalNames.class.getClassLoader().getResourceAsStream(COUNTRY_LIST)) {
            if (raw == null) throw new IllegalStateException(COUNTRY_LIST + " is not on the class path");
            BufferedReader in = new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\t");
                languages.put(f[0], f[4]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(languages);
    }
}
