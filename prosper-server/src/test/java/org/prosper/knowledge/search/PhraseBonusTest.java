package org.prosper.knowledge.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.SplittableRandom;

import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field.Store;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryRescorer;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

/** The bonus reads positions of the window's items only, and ranks exactly as Lucene's rescorer adding the two scores. */
class PhraseBonusTest {

    /** Lucene's rescorer changes the scores of the hits given to it. */
    private static ScoreDoc[] copy(ScoreDoc[] hits, int n) {
        ScoreDoc[] out = new ScoreDoc[n];
        for (int i = 0; i < n; i++) out[i] = new ScoreDoc(hits[i].doc, hits[i].score);
        return out;
    }

    private static final String[] WORDS = {"rice", "terraces", "water", "village", "road", "market", "school", "clinic"};

    @Test
    void ranksAsLucenesRescorerOverSeveralSegments() throws IOException {
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
            SplittableRandom r = new SplittableRandom(11);
            try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(new WhitespaceAnalyzer()).setMergePolicy(NoMergePolicy.INSTANCE))) {
                for (int segment = 0; segment < 4; segment++) {
                    for (int i = 0; i < 700; i++) {
                        StringBuilder text = new StringBuilder();
                        for (int n = r.nextInt(3, 40); n > 0; n--) text.append(WORDS[r.nextInt(WORDS.length)]).append(' ');
                        Document d = new Document();
                        d.add(new TextField("f", text.toString(), Store.NO));
                        w.addDocument(d);
                    }
                    w.commit();
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                assertThat(reader.leaves()).hasSize(4);
                IndexSearcher searcher = new IndexSearcher(reader);
                for (String[] words : new String[][] {{"rice", "terraces"}, {"water", "school", "clinic"}, {"road", "market"}}) {
                    BooleanQuery.Builder all = new BooleanQuery.Builder();
                    PhraseQuery.Builder phrase = new PhraseQuery.Builder().setSlop(2);
                    for (String word : words) {
                        all.add(new TermQuery(new Term("f", word)), Occur.MUST);
                        phrase.add(new Term("f", word));
                    }
                    Query bonus = new BoostQuery(phrase.build(), 1.5f);
                    TopDocs first = searcher.search(all.build(), 80);
                    assertThat(first.scoreDocs).hasSize(80);

                    float[] firstScores = new float[first.scoreDocs.length];
                    for (int i = 0; i < firstScores.length; i++) firstScores[i] = first.scoreDocs[i].score;
                    TopDocs mine = PhraseBonus.apply(searcher, first, bonus, 70);
                    for (int i = 0; i < firstScores.length; i++) {
                        assertThat(first.scoreDocs[i].score).as("the first pass is left as it was").isEqualTo(firstScores[i]);
                    }
                    TopDocs lucene = new QueryRescorer(bonus) {
                        @Override
                        protected float combine(float firstPassScore, boolean secondPassMatches, float secondPassScore) {
                            return secondPassMatches ? firstPassScore + secondPassScore : firstPassScore;
                        }
                    }.rescore(searcher, new TopDocs(first.totalHits, copy(first.scoreDocs, PhraseBonus.WINDOW)), PhraseBonus.WINDOW);

                    assertThat(mine.scoreDocs).hasSize(70);
                    int changed = 0;
                    for (int i = 0; i < PhraseBonus.WINDOW; i++) {
                        ScoreDoc a = mine.scoreDocs[i], b = lucene.scoreDocs[i];
                        assertThat(a.doc).as("%s, rank %d", String.join(" ", words), i).isEqualTo(b.doc);
                        assertThat(a.score).as("%s, rank %d", String.join(" ", words), i).isEqualTo(b.score);
                        if (a.doc != first.scoreDocs[i].doc) changed++;
                    }
                    assertThat(changed).as("the bonus reorders the window for %s", String.join(" ", words)).isPositive();
                    for (int i = PhraseBonus.WINDOW; i < 70; i++) {
                        assertThat(mine.scoreDocs[i].doc).as("after the window, first-pass order").isEqualTo(first.scoreDocs[i].doc);
                    }
                }
            }
        }
    }
}
