package org.prosper.knowledge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.prosper.access.Actor;
import org.prosper.knowledge.search.SearchRequest;
import org.prosper.knowledge.search.SearchResult;
import org.springframework.stereotype.Service;

/**
 * Ranks experts for a need (free text with countries, languages and themes, or an existing practice) and says why.
 * A score out of 100 adds: relevance of the profile's text to the need (up to 40, relative to the best profile, through
 * the same multilingual search and glossary), shared themes (up to 20), a shared language (15), experience in one of
 * the countries (15) and availability (10 available, 5 limited). Only experts who consented to be listed and whom the
 * caller may see are ranked.
 */
@Service
public class MatchingService {

    public record Need(String text, List<String> countries, List<String> languages, List<String> themes, Long practiceId, int size) {
    }

    /** One reason: a code with the message key {@code knowledge.match.reason.<code>}, its arguments and the points. */
    public record Reason(String code, List<String> args, double points, String text) {
    }

    public record Match(long expertId, String name, String affiliation, String country, List<String> languages,
                        String availability, double score, List<Reason> reasons) {
    }

    public record Result(Need need, List<Match> items) {
    }

    private final ExpertService experts;
    private final PracticeService practices;
    private final KnowledgeSearch search;

    public MatchingService(ExpertService experts, PracticeService practices, KnowledgeSearch search) {
        this.experts = experts;
        this.practices = practices;
        this.search = search;
    }

    public Result match(Actor actor, Need raw) {
        KnowledgeAccess.requireContributor(actor);
        Need need = complete(actor, raw);
        Set<String> countries = upper(need.countries());
        Set<String> languages = new LinkedHashSet<>();
        for (String l : need.languages()) {
            String code = KnowledgeVocabulary.language(l);
            if (code != null) languages.add(code);
        }
        Set<String> themes = lower(need.themes());
        Map<Long, Float> relevance = new HashMap<>();
        float best = 0;
        if (!need.text().isBlank()) {
            SearchResult r = searchExperts(actor, need.text());
            for (SearchResult.Hit h : r.items()) {
                relevance.put(h.id(), h.score());
                best = Math.max(best, h.score());
            }
        }
        List<Match> matches = new ArrayList<>();
        for (Expert e : experts.list(actor)) {
            if (!e.consent()) continue;
            List<Reason> reasons = new ArrayList<>();
            double score = 0;
            Float rel = relevance.get(e.id());
            if (rel != null && best > 0) {
                double pts = 40.0 * rel / best;
                score += pts;
                reasons.add(new Reason("text", List.of(), pts, "the profile matches the words of the need"));
            }
            if (!themes.isEmpty()) {
                List<String> shared = e.fields().stream().filter(themes::contains).toList();
                if (!shared.isEmpty()) {
                    double pts = 20.0 * shared.size() / themes.size();
                    score += pts;
                    reasons.add(new Reason("themes", shared, pts, "expertise in " + String.join(", ", shared)));
                }
            }
            if (!languages.isEmpty()) {
                List<String> shared = e.languages().stream().filter(languages::contains).toList();
                if (!shared.isEmpty()) {
                    score += 15;
                    reasons.add(new Reason("languages", shared, 15, "speaks " + String.join(", ", shared)));
                }
            }
            if (!countries.isEmpty()) {
                Set<String> known = new LinkedHashSet<>(e.regions());
                if (e.country() != null) known.add(e.country());
                List<String> shared = known.stream().filter(countries::contains).toList();
                if (!shared.isEmpty()) {
                    score += 15;
                    reasons.add(new Reason("regions", shared, 15, "has worked in " + String.join(", ", shared)));
                }
            }
            switch (e.availability()) {
                case "AVAILABLE" -> {
                    score += 10;
                    reasons.add(new Reason("available", List.of(), 10, "available now"));
                }
                case "LIMITED" -> {
                    score += 5;
                    reasons.add(new Reason("limited", List.of(), 5, "available with limits"));
                }
                default -> reasons.add(new Reason("unavailable", List.of(), 0, "not available at present"));
            }
            if (reasons.stream().allMatch(r -> r.code().equals("available") || r.code().equals("limited") || r.code().equals("unavailable"))) continue;
            matches.add(new Match(e.id(), e.name(), e.affiliation(), e.country(), e.languages(), e.availability(),
                    Math.round(score * 10) / 10.0, reasons));
        }
        matches.sort(Comparator.comparingDouble(Match::score).reversed().thenComparing(Match::name));
        int size = need.size() <= 0 ? 10 : Math.min(need.size(), 100);
        return new Result(need, matches.subList(0, Math.min(size, matches.size())));
    }

    /**
     * Experts by the words of a need. A need may be a long description (a practice's summary runs to 8,000 characters),
     * more words than one search can weigh: then its first half is taken, and so on, as a need says what it is about first.
     */
    private SearchResult searchExperts(Actor actor, String text) {
        String words = text;
        while (true) {
            try {
                return search.search(actor, new SearchRequest(words, null, Set.of("expert"), null, null, null, null, 0, SearchRequest.MAX_SIZE, false));
            } catch (KnowledgeProblem tooMany) {
                if (!KnowledgeSearch.TOO_MANY_WORDS.equals(tooMany.getMessage()) || words.length() < 2) throw tooMany;
                int half = words.length() / 2, space = words.lastIndexOf(' ', half);
                words = words.substring(0, space > 0 ? space : half);
            }
        }
    }

    /** A need given as a practice takes the practice's words, country, language and themes. */
    private Need complete(Actor actor, Need need) {
        String text = need.text() == null ? "" : need.text();
        List<String> countries = new ArrayList<>(need.countries() == null ? List.of() : need.countries());
        List<String> languages = new ArrayList<>(need.languages() == null ? List.of() : need.languages());
        List<String> themes = new ArrayList<>(need.themes() == null ? List.of() : need.themes());
        if (need.practiceId() != null) {
            Practice p = practices.get(actor, need.practiceId());
            text = (text + " " + p.title() + " " + p.summary()).strip();
            if (p.country() != null) countries.add(p.country());
            languages.add(p.language());
            themes.addAll(p.themes());
        }
        if (text.isBlank() && countries.isEmpty() && languages.isEmpty() && themes.isEmpty()) {
            throw new KnowledgeProblem(400, "describe the need: text, countries, languages, themes or a practice");
        }
        return new Need(text, countries, languages, themes, need.practiceId(), need.size());
    }

    private static Set<String> upper(List<String> values) {
        Set<String> out = new LinkedHashSet<>();
        for (String v : values) if (v != null && !v.isBlank()) out.add(v.trim().toUpperCase(Locale.ROOT));
        return out;
    }

    private static Set<String> lower(List<String> values) {
        Set<String> out = new LinkedHashSet<>();
        for (String v : values) if (v != null && !v.isBlank()) out.add(v.trim().toLowerCase(Locale.ROOT));
        return out;
    }
}
