package org.prosper.knowledge.search;

import java.util.List;
import java.util.Map;

/**
 * A page of hits, best first, with the total (exact, or a lower bound when {@code totalExact} is false), the facet
 * counts over all hits (empty when not asked for) and the glossary concepts used.
 */
public record SearchResult(List<Hit> items, long total, boolean totalExact, Map<String, List<FacetValue>> facets, List<String> concepts) {

    /** {@code highlight} is HTML: the text is escaped and the matches are wrapped in {@code <mark>}. */
    public record Hit(long id, String type, String title, String language, String country, Integer year,
                      List<String> themes, String summary, String highlight, float score) {
    }

    public record FacetValue(String value, long count) {
    }
}
