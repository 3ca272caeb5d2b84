package org.prosper.knowledge.search;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;

/** Counts, over every hit, the values of the facet fields (doc values {@code f_<dimension>}). */
final class FacetCounts implements CollectorManager<FacetCounts.Counter, Map<String, Map<String, Long>>> {

    static final List<String> DIMENSIONS = List.of("type", "country", "theme", "language", "year");

    @Override
    public Counter newCollector() {
        return new Counter();
    }

    @Override
    public Map<String, Map<String, Long>> reduce(Collection<Counter> counters) {
        Map<String, Map<String, Long>> total = new LinkedHashMap<>();
        for (String d : DIMENSIONS) total.put(d, new HashMap<>());
        for (Counter c : counters) {
            c.counts.forEach((dim, values) -> values.forEach((v, n) -> total.get(dim).merge(v, n, Long::sum)));
        }
        return total;
    }

    static final class Counter implements Collector {
        final Map<String, Map<String, Long>> counts = new HashMap<>();

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
            SortedSetDocValues[] values = new SortedSetDocValues[DIMENSIONS.size()];
            long[][] ords = new long[DIMENSIONS.size()][];
            for (int i = 0; i < values.length; i++) {
                values[i] = DocValues.getSortedSet(context.reader(), "f_" + DIMENSIONS.get(i));
                ords[i] = new long[(int) values[i].getValueCount()];
            }
            return new LeafCollector() {
                @Override
                public void setScorer(Scorable scorer) {
                }

                @Override
                public void collect(int doc) throws IOException {
                    for (int i = 0; i < values.length; i++) {
                        if (values[i].advanceExact(doc)) {
                            for (int k = 0; k < values[i].docValueCount(); k++) ords[i][(int) values[i].nextOrd()]++;
                        }
                    }
                }

                @Override
                public void finish() throws IOException {
                    for (int i = 0; i < values.length; i++) {
                        Map<String, Long> dim = counts.computeIfAbsent(DIMENSIONS.get(i), d -> new HashMap<>());
                        SortedSetDocValues dv = DocValues.getSortedSet(context.reader(), "f_" + DIMENSIONS.get(i));
                        for (int o = 0; o < ords[i].length; o++) {
                            if (ords[i][o] > 0) dim.merge(dv.lookupOrd(o).utf8ToString(), ords[i][o], Long::sum);
                        }
                    }
                }
            };
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }
}
