package org.prosper.knowledge.search;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.FixedBitSet;

/**
 * A constant-score query whose matches are computed once per index segment and kept for the segment's life. For the
 * glossary's concept queries: each is a disjunction of dozens of phrases (over words, Chinese words and n-grams) that
 * is the same on every search that uses the concept, and matching it anew cost a glossary search tens of
 * milliseconds; from the kept bit set it costs what one term does. Also for the audiences' visibility filters. Segments never change once written (deletions are
 * applied by the searcher), so the bit set stays right until the segment is merged away and closed, when it is
 * dropped. Scores are those of {@code ConstantScoreQuery}: the boost.
 */
final class SegmentCachedQuery extends Query {

    private final Query inner;
    private record Matches(FixedBitSet bits, int count) {
    }

    private static final Matches NONE = new Matches(null, 0);

    private final Map<IndexReader.CacheKey, Matches> perSegment = new ConcurrentHashMap<>();

    SegmentCachedQuery(Query inner) {
        this.inner = inner;
    }

    Query inner() {
        return inner;
    }

    /** Segments whose matches are currently kept (for tests). */
    int segmentsKept() {
        return perSegment.size();
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
        return new ConstantScoreWeight(this, boost) {
            @Override
            public ScorerSupplier scorerSupplier(LeafReaderContext context) throws IOException {
                Matches matches = kept(searcher, context);
                if (matches.count() == 0) return null;
                Scorer scorer = new ConstantScoreScorer(score(), scoreMode, new BitSetIterator(matches.bits(), matches.count()));
                return new DefaultScorerSupplier(scorer);
            }

            @Override
            public boolean isCacheable(LeafReaderContext context) {
                return false; // kept here already
            }
        };
    }

    private Matches kept(IndexSearcher searcher, LeafReaderContext context) throws IOException {
        IndexReader.CacheHelper helper = context.reader().getCoreCacheHelper();
        if (helper == null) return compute(searcher, context);
        IndexReader.CacheKey key = helper.getKey();
        Matches kept = perSegment.get(key);
        if (kept != null) return kept;
        Matches computed = compute(searcher, context);
        if (perSegment.putIfAbsent(key, computed) == null) helper.addClosedListener(perSegment::remove);
        return computed;
    }

    private Matches compute(IndexSearcher searcher, LeafReaderContext context) throws IOException {
        Weight weight = searcher.createWeight(searcher.rewrite(inner), ScoreMode.COMPLETE_NO_SCORES, 1f);
        Scorer scorer = weight.scorer(context);
        if (scorer == null) return NONE;
        FixedBitSet bits = new FixedBitSet(context.reader().maxDoc());
        DocIdSetIterator it = scorer.iterator();
        for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) bits.set(doc);
        int count = bits.cardinality();
        return count == 0 ? NONE : new Matches(bits, count);
    }

    @Override
    public void visit(QueryVisitor visitor) {
        inner.visit(visitor.getSubVisitor(org.apache.lucene.search.BooleanClause.Occur.FILTER, this));
    }

    @Override
    public String toString(String field) {
        return "SegmentCached(" + inner.toString(field) + ")";
    }

    @Override
    public boolean equals(Object other) {
        return sameClassAs(other) && inner.equals(((SegmentCachedQuery) other).inner);
    }

    @Override
    public int hashCode() {
        return 31 * classHash() + inner.hashCode();
    }
}
