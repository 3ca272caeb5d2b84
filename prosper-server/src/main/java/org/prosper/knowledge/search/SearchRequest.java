package org.prosper.knowledge.search;

import java.util.Set;

/**
 * One search: the text, the language it is written in if known (a hint for stemming, never a filter), and the facet
 * filters. Blank text lists everything visible. Facet counts visit every hit, so they are computed only when asked
 * for; without them the total is exact up to {@link #EXACT_TOTAL} hits and a lower bound beyond.
 */
public record SearchRequest(String q, String queryLanguage, Set<String> types, String country, String theme,
                            String language, Integer year, int page, int size, boolean facets) {

    public static final int EXACT_TOTAL = 1000;

    public SearchRequest(String q, String queryLanguage, Set<String> types, String country, String theme,
                         String language, Integer year, int page, int size) {
        this(q, queryLanguage, types, country, theme, language, year, page, size, true);
    }

    public static final int MAX_SIZE = 100;

    public SearchRequest {
        q = q == null ? "" : q;
        types = types == null ? Set.of() : Set.copyOf(types);
        page = Math.max(0, page);
        size = size <= 0 ? 20 : Math.min(size, MAX_SIZE);
    }

    public static SearchRequest of(String q) {
        return new SearchRequest(q, null, Set.of(), null, null, null, null, 0, 20);
    }
}
