package org.prosper.knowledge.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.PhraseQuery;
import org.junit.jupiter.api.Test;

class QueryFactoryTest {

    private final QueryFactory factory;

    QueryFactoryTest() throws IOException {
        factory = new QueryFactory(new KnowledgeAnalyzers(), SearchIndexTest.glossary());
    }

    @Test
    void aQueryOfUpToEightWordsGetsThePhraseBonusWithRepeatedWordsToo() {
        QueryFactory.Built built = factory.build("from village to village the of the market", null);
        assertThat(built.phrase()).isInstanceOf(BoostQuery.class);
        PhraseQuery phrase = (PhraseQuery) ((BoostQuery) built.phrase()).getQuery();
        assertThat(phrase.getTerms()).hasSize(8);
        assertThat(phrase.getSlop()).isEqualTo(2);
    }

    @Test
    void aLongerQueryIsADescriptionAndGetsNoPhraseBonusButStillMatchesItsWords() {
        // a sloppy phrase of a few dozen words, repeated ones among them, took minutes over long full texts
        QueryFactory.Built nine = factory.build("from village to village the of the market road", null);
        assertThat(nine.phrase()).isNull();
        assertThat(nine.needles()).contains("village", "market", "road");
        assertThat(factory.build("village water supply and sanitation for the upland farmers of the north ".repeat(10), null).phrase()).isNull();
    }
}
