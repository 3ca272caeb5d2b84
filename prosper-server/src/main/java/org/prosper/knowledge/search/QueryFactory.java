package org.prosper.knowledge.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionLengthAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.QueryBuilder;

import static org.prosper.knowledge.search.KnowledgeAnalyzers.EN;
import static org.prosper.knowledge.search.KnowledgeAnalyzers.GRAM;
import static org.prosper.knowledge.search.KnowledgeAnalyzers.ICU;
import static org.prosper.knowledge.search.KnowledgeAnalyzers.IDMS;
import static org.prosper.knowledge.search.KnowledgeAnalyzers.TITLE;
import static org.prosper.knowledge.search.KnowledgeAnalyzers.ZH;

/**
 * Turns the text a user typed into a Lucene query. The score has three layers so that the ranking reads naturally:
 * <ol>
 * <li>a constant {@value #CONTAINS} for an item that contains the whole query (all its words in the ICU, Chinese or
 * stemmed fields, or all the n-grams of each spaceless run);</li>
 * <li>a constant for each glossary concept of the query found through one of its terms in any language:
 * {@value #GLOSSARY_WHOLE} when the whole query is a term of the concept (so a translation of the query ranks above
 * items that share only some of its words), {@value #GLOSSARY} when a part of it is; always less than the first
 * layer, so that items containing the words come first;</li>
 * <li>BM25 relevance over the word fields and the title, to order items within a layer, and a bonus for the words as
 * a phrase (within two positions), {@link Built#phrase()}: checking word positions for every item that has all the
 * words was the dearest part of a search, so the bonus is added only to the best first-pass results, see
 * {@link PhraseBonus}.</li>
 * </ol>
 */
public final class QueryFactory {

    static final float CONTAINS = 10f;
    static final float GLOSSARY = 3f;
    static final float GLOSSARY_WHOLE = 8f;
    /**
     * The most words a query may have for the phrase bonus. Lucene matches a phrase with slop by moving every word's
     * positions against the others, and when words repeat, by trying their orders: over long texts a query of a few dozen
     * words took minutes. A longer query is a description, not a phrase; its items still rank by the words they share.
     */
    static final int PHRASE_WORDS = 8;

    private final KnowledgeAnalyzers analyzers;
    private final Glossary glossary;
    private final Map<String, Optional<Query>> conceptQueries = new ConcurrentHashMap<>();

    public QueryFactory(KnowledgeAnalyzers analyzers, Glossary glossary) {
        this.analyzers = analyzers;
        this.glossary = glossary;
    }

    /**
     * A query as built: what to match and score, the phrase bonus to add to the best results (null when the query is
     * one word), the words to highlight and the glossary concepts found.
     */
    public record Built(Query query, Query phrase, List<String> needles, List<String> concepts) {
    }

    /**
     * Built queries kept for reuse: the same few words are asked again and again, and building costs a tenth of a search.
     * The cache admits a query by how often it was asked (Caffeine's TinyLFU), not merely by being the latest: with
     * plain LRU every query asked once displaced a kept one, and the churn of these short-lived but not young objects
     * was most of what the young collections copied (12 MB and 12 ms a pause under 50 clients, against 2 MB and 5 ms).
     */
    private final Cache<String, Built> recent = Caffeine.newBuilder().maximumSize(RECENT).executor(Runnable::run).build();
    private static final int RECENT = 2048;

    public Built build(String raw, String queryLanguage) {
        String key = (queryLanguage == null ? "" : queryLanguage) + '\u0000' + (raw == null ? "" : raw);
        return recent.get(key, k -> buildNew(raw, queryLanguage));
    }

    private Built buildNew(String raw, String queryLanguage) {
        String q = Zawgyi.toUnicode(raw == null ? "" : raw).strip();
        if (q.isEmpty()) return new Built(new MatchAllDocsQuery(), null, List.of(), List.of());
        boolean latin = SpacelessScriptFilter.hasLatin(q);
        boolean han = SpacelessScriptFilter.hasHan(q);
        String lang = queryLanguage == null ? "" : queryLanguage.toLowerCase();
        boolean useEn = latin && (lang.isEmpty() || lang.equals("en"));
        boolean useIdms = latin && (lang.isEmpty() || lang.equals("id") || lang.equals("ms"));

        // each chain analyses the query once; the queries of its fields are built from the recorded tokens
        Analyzed icu = Analyzed.of(analyzers.icu(), q);
        Analyzed zh = han ? Analyzed.of(analyzers.zh(), q) : null;
        Analyzed en = useEn ? Analyzed.of(analyzers.en(), q) : null;
        Analyzed idms = useIdms ? Analyzed.of(analyzers.idms(), q) : null;
        List<String> runs = tokens(analyzers.runs(), q);
        FromTokens from = new FromTokens();

        BooleanQuery.Builder top = new BooleanQuery.Builder();
        List<Query> contains = new ArrayList<>();
        contains.add(from.query(icu, ICU, Occur.MUST, false, 0));
        if (zh != null) contains.add(from.query(zh, ZH, Occur.MUST, false, 0));
        if (en != null) contains.add(from.query(en, EN, Occur.MUST, false, 0));
        if (idms != null) contains.add(from.query(idms, IDMS, Occur.MUST, false, 0));
        contains.add(grams(runs));
        List<Query> present = contains.stream().filter(x -> x != null).toList();
        if (!present.isEmpty()) {
            top.add(new BoostQuery(new ConstantScoreQuery(new DisjunctionMaxQuery(present, 0f)), CONTAINS), Occur.SHOULD);
        }

        add(top, from.query(icu, ICU, Occur.SHOULD, false, 0), 1f);
        add(top, from.query(icu, TITLE, Occur.SHOULD, false, 0), 1.5f);
        if (zh != null) add(top, from.query(zh, ZH, Occur.SHOULD, false, 0), 1f);
        if (en != null) add(top, from.query(en, EN, Occur.SHOULD, false, 0), 0.8f);
        if (idms != null) add(top, from.query(idms, IDMS, Occur.SHOULD, false, 0), 0.8f);
        Query phrase = icu.positions() > PHRASE_WORDS ? null : from.query(icu, ICU, Occur.MUST, true, 2);
        Query bonus = phrase != null && !(phrase instanceof TermQuery) && !(phrase instanceof org.apache.lucene.search.SynonymQuery)
                ? new BoostQuery(phrase, 1.5f) : null;

        Set<String> needles = new LinkedHashSet<>(icu.terms());
        needles.addAll(runs);
        for (String word : Glossary.normalize(q).split(" ")) needles.add(word);
        List<String> conceptIds = new ArrayList<>();
        String whole = Glossary.normalize(q);
        for (Glossary.Concept concept : glossary.conceptsIn(q)) {
            float boost = concept.allTerms().contains(whole) ? GLOSSARY_WHOLE : GLOSSARY;
            needles.addAll(concept.allTerms());
            Optional<Query> found = conceptQueries.computeIfAbsent(concept.id(), id -> conceptQuery(concept));
            if (found.isPresent()) {
                top.add(new BoostQuery(found.get(), boost), Occur.SHOULD);
                conceptIds.add(concept.id());
            }
        }
        BooleanQuery built = top.build();
        Query query = built.clauses().isEmpty() ? new MatchAllDocsQuery() : built;
        return new Built(query, bonus, List.copyOf(needles), conceptIds);
    }

    /**
     * Any term of the concept found, as a constant score: built once per concept, queries being immutable, and matched
     * once per index segment (see {@link SegmentCachedQuery}).
     */
    private Optional<Query> conceptQuery(Glossary.Concept concept) {
        List<Query> alternatives = new ArrayList<>();
        for (String term : concept.allTerms()) {
            Query found = phrase(term);
            if (found != null) alternatives.add(found);
        }
        return alternatives.isEmpty() ? Optional.empty() : Optional.of(new SegmentCachedQuery(new DisjunctionMaxQuery(alternatives, 0f)));
    }

    /** A glossary term as it would be found in a document: the phrase of its words, or its n-grams if spaceless. */
    private Query phrase(String term) {
        List<Query> ways = new ArrayList<>();
        Query icu = new QueryBuilder(analyzers.icu()).createPhraseQuery(ICU, term, 0);
        if (icu != null) ways.add(icu);
        if (SpacelessScriptFilter.hasHan(term)) {
            Query zh = new QueryBuilder(analyzers.zh()).createPhraseQuery(ZH, term, 0);
            if (zh != null) ways.add(zh);
        }
        Query grams = grams(term);
        if (grams != null) ways.add(grams);
        return ways.isEmpty() ? null : ways.size() == 1 ? ways.getFirst() : new DisjunctionMaxQuery(ways, 0f);
    }

    /** Every spaceless run of the text occurs somewhere, possibly inside a longer run: the phrase of its 3-grams. */
    Query grams(String text) {
        return grams(tokens(analyzers.runs(), text));
    }

    private static Query grams(List<String> runs) {
        if (runs.isEmpty()) return null;
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        int clauses = 0;
        for (String run : runs) {
            int[] cps = run.codePoints().toArray();
            if (cps.length < 2) return null; // a single character cannot be found by 2- and 3-grams
            if (cps.length == 2) {
                all.add(new TermQuery(new Term(GRAM, run)), Occur.FILTER);
            } else {
                PhraseQuery.Builder phrase = new PhraseQuery.Builder();
                for (int i = 0; i + 3 <= cps.length; i++) phrase.add(new Term(GRAM, new String(cps, i, 3)), i);
                all.add(phrase.build(), Occur.FILTER);
            }
            if (++clauses > IndexSearcherLimits.MAX_CLAUSES) return null;
        }
        return all.build();
    }

    static List<String> tokens(Analyzer analyzer, String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("q", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) out.add(term.toString());
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The tokens of one analysis (term, position increment and length), replayed for each field queried with them. */
    record Analyzed(List<String> terms, int[] increments, int[] lengths) {
        static Analyzed of(Analyzer analyzer, String text) {
            List<String> terms = new ArrayList<>();
            int[] increments = new int[8], lengths = new int[8];
            try (TokenStream ts = analyzer.tokenStream("q", text)) {
                CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
                PositionIncrementAttribute increment = ts.addAttribute(PositionIncrementAttribute.class);
                PositionLengthAttribute length = ts.addAttribute(PositionLengthAttribute.class);
                ts.reset();
                while (ts.incrementToken()) {
                    if (terms.size() == increments.length) {
                        increments = Arrays.copyOf(increments, terms.size() * 2);
                        lengths = Arrays.copyOf(lengths, terms.size() * 2);
                    }
                    increments[terms.size()] = increment.getPositionIncrement();
                    lengths[terms.size()] = length.getPositionLength();
                    terms.add(term.toString());
                }
                ts.end();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Analyzed(List.copyOf(terms), increments, lengths);
        }

        /** How many positions the tokens span (a token and its synonyms stand at one). */
        int positions() {
            int n = 0;
            for (int i = 0; i < terms.size(); i++) n += increments[i];
            return n;
        }

        TokenStream stream() {
            return new TokenStream() {
                private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
                private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);
                private final PositionLengthAttribute length = addAttribute(PositionLengthAttribute.class);
                private int next;

                @Override
                public boolean incrementToken() {
                    if (next >= terms.size()) return false;
                    clearAttributes();
                    term.setEmpty().append(terms.get(next));
                    increment.setPositionIncrement(increments[next]);
                    length.setPositionLength(lengths[next]);
                    next++;
                    return true;
                }

                @Override
                public void reset() throws IOException {
                    super.reset();
                    next = 0;
                }
            };
        }
    }

    /** Lucene's QueryBuilder (synonyms, phrases, graphs) fed with recorded tokens instead of analysing again. */
    private static final class FromTokens extends QueryBuilder {
        FromTokens() {
            super(null);
        }

        Query query(Analyzed tokens, String field, Occur occur, boolean phrase, int slop) {
            return createFieldQuery(tokens.stream(), occur, field, phrase, slop);
        }
    }

    private static void add(BooleanQuery.Builder top, Query q, float boost) {
        if (q != null) top.add(boost == 1f ? q : new BoostQuery(q, boost), Occur.SHOULD);
    }

    static final class IndexSearcherLimits {
        static final int MAX_CLAUSES = 512;
    }
}
