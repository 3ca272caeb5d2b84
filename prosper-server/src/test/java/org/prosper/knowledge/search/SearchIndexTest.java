package org.prosper.knowledge.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search engine on its own: languages, Zawgyi, glossary, facets, visibility, more-like-this and rebuilds. */
class SearchIndexTest {

    @TempDir
    Path dir;
    SearchIndex index;
    final List<IndexDoc> docs = new ArrayList<>();

    static Glossary glossary() throws IOException {
        return Glossary.parse(new InputStreamReader(SearchIndexTest.class.getResourceAsStream("/knowledge/glossary.tsv"),
                StandardCharsets.UTF_8), "glossary.tsv");
    }

    private IndexDoc doc(long id, String lang, String country, String title, String text, String visibility) {
        IndexDoc d = new IndexDoc("practice", id, title, "", text, List.of(lang), country, List.of("health"), 2024, visibility, null);
        docs.add(d);
        return d;
    }

    @BeforeEach
    void fill() throws IOException {
        index = SearchIndex.open(dir, new KnowledgeAnalyzers(), glossary(), "test-db");
        doc(1, "th", "TH", "โครงการหมู่บ้าน", "โครงการพัฒนาหมู่บ้านเพื่อแก้ไขปัญหาความยากจนในจังหวัดน่าน", "PUBLIC");
        doc(2, "th", "TH", "ตลาดชุมชน", "ตลาดชุมชนขายผักปลอดสารพิษทุกวันเสาร์", "PUBLIC");
        doc(3, "lo", "LA", "ບ້ານຊຽງດາ", "ໂຄງການຫຼຸດຜ່ອນຄວາມທຸກຍາກໃນເຂດຊົນນະບົດ", "PUBLIC");
        doc(4, "lo", "LA", "ນ້ຳປະປາ", "ລະບົບນ້ຳປະປາສຳລັບບ້ານ", "PUBLIC");
        doc(5, "km", "KH", "ភូមិស្វាយអំពារ", "ការកាត់បន្ថយភាពក្រីក្រនៅតាមជនបទ", "PUBLIC");
        doc(6, "km", "KH", "ទឹកស្អាត", "ការផ្គត់ផ្គង់ទឹកស្អាតសម្រាប់ភូមិ", "PUBLIC");
        doc(7, "my", "MM", "ကျေးရွာ", "ကျေးလက်ဒေသ ဆင်းရဲမွဲတေမှု လျှော့ချရေး စီမံကိန်း", "PUBLIC");
        doc(8, "my", "MM", "Zawgyi", "ေက်းရြာ စိုက္ပ်ိဳးေရး သမဝါယမ အသင္း", "PUBLIC"); // typed in Zawgyi: village farming cooperative
        doc(9, "zh", "CN", "电子商务进村", "电子商务助力乡村振兴，农户在网上销售茶叶。", "PUBLIC");
        doc(10, "zh", "CN", "饮水工程", "村里建成了集中供水工程，解决了饮水安全问题。扶贫资金支持。", "PUBLIC");
        doc(11, "vi", "VN", "Giảm nghèo bền vững", "Chương trình giảm nghèo bền vững ở vùng núi phía Bắc.", "PUBLIC");
        doc(12, "vi", "VN", "Nước sạch", "Cung cấp nước sạch cho các hộ dân ở nông thôn.", "PUBLIC");
        doc(13, "id", "ID", "Desa digital", "Program pengentasan kemiskinan di desa melalui koperasi.", "PUBLIC");
        doc(14, "id", "ID", "Air bersih", "Pembangunan sarana air bersih untuk warga desa.", "PUBLIC");
        doc(15, "en", "PH", "Poverty alleviation in upland villages", "A poverty alleviation programme with farmer cooperatives.", "PUBLIC");
        doc(16, "en", "PH", "Partner report", "Internal monitoring of microcredit repayments.", "PARTNERS");
        doc(17, "en", "PH", "Admin note", "Administrative note about microcredit auditing.", "ADMINS");
        index.putAll(docs);
    }

    @AfterEach
    void close() throws IOException {
        index.close();
    }

    private SearchResult search(String q) {
        return index.search(SearchRequest.of(q), Audience.admin());
    }

    private long first(String q) {
        SearchResult r = search(q);
        assertThat(r.items()).as("hits for " + q).isNotEmpty();
        return r.items().getFirst().id();
    }

    @Test
    void heldOutQueriesRankTheDocumentContainingTheWordFirst() {
        assertThat(first("ยากจน")).isEqualTo(1);
        assertThat(first("ผักปลอดสารพิษ")).isEqualTo(2);
        assertThat(first("ນ້ຳປະປາ")).isEqualTo(4);
        assertThat(first("ភាពក្រីក្រ")).isEqualTo(5);
        assertThat(first("ទឹកស្អាត")).isEqualTo(6);
        assertThat(first("ဆင်းရဲမွဲတေမှု")).isEqualTo(7);
        assertThat(first("乡村振兴")).isEqualTo(9);
        assertThat(first("茶叶")).isEqualTo(9);
        assertThat(first("饮水")).isEqualTo(10);
        assertThat(first("giảm nghèo")).isEqualTo(11);
        assertThat(first("nước sạch")).isEqualTo(12);
        assertThat(first("koperasi")).isEqualTo(13);
        assertThat(first("air bersih")).isEqualTo(14);
    }

    @Test
    void theWordsAsAPhraseRankAboveTheSameWordsApartOnEveryPage() {
        index.put(new IndexDoc("practice", 201, "Weekly note", "", "rice market days bring farmers together", List.of("en"), "PH", List.of("agriculture"), 2024, "PUBLIC", null));
        index.put(new IndexDoc("practice", 202, "Weekly note", "", "market days bring rice farmers together", List.of("en"), "PH", List.of("agriculture"), 2024, "PUBLIC", null));
        // the same words and lengths: only where the query's words stand together differs
        assertThat(search("rice market").items()).extracting(SearchResult.Hit::id).startsWith(201L, 202L);
        assertThat(search("rice farmers").items()).extracting(SearchResult.Hit::id).startsWith(202L, 201L);
        SearchResult second = index.search(new SearchRequest("rice farmers", null, Set.of(), null, null, null, null, 1, 1), Audience.admin());
        assertThat(second.items()).extracting(SearchResult.Hit::id).containsExactly(201L);
        assertThat(second.total()).isEqualTo(search("rice farmers").total());
    }

    @Test
    void pagesBeyondThePhraseWindowAgreeWithOneLongPage() {
        List<IndexDoc> many = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            String filler = "harvest ".repeat(i % 17);
            String text = i % 2 == 0 ? "rice farmers meet " + filler : "farmers grow rice " + filler; // the words together or apart
            many.add(new IndexDoc("practice", 300 + i, "Note " + i, "", text, List.of("en"), "PH", List.of("agriculture"), 2024, "PUBLIC", null));
        }
        index.putAll(many);
        SearchResult whole = index.search(new SearchRequest("rice farmers", null, Set.of(), "PH", null, null, null, 0, 100), Audience.admin());
        assertThat(whole.items()).hasSize(100); // the largest page
        List<Long> paged = new ArrayList<>();
        for (int page = 0; page < 5; page++) {
            index.search(new SearchRequest("rice farmers", null, Set.of(), "PH", null, null, null, page, 20), Audience.admin())
                    .items().forEach(h -> paged.add(h.id()));
        }
        assertThat(paged).doesNotHaveDuplicates().containsExactlyElementsOf(whole.items().stream().map(SearchResult.Hit::id).toList());
        assertThat(whole.items().getFirst().id() % 2).as("a phrase item first").isEqualTo(0);
    }

    @Test
    void aWordInsideALongerUnsegmentedRunIsFound() {
        // ICU keeps ຄວາມທຸກຍາກ whole; the n-gram field finds ທຸກຍາກ inside it
        assertThat(first("ທຸກຍາກ")).isEqualTo(3);
        assertThat(first("ສາພິດ".isEmpty() ? "" : "ຫຼຸດຜ່ອນ")).isEqualTo(3);
        assertThat(first("振兴")).isEqualTo(9);
        assertThat(first("ปลอดสาร")).isEqualTo(2);
    }

    @Test
    void theNGramFallbackMatchesOnlyWhereTheStringOccurs() {
        // both 3-grams of ກາເຟ occur in ກາເລາເຟ, but not one after the other: the decoy shares dictionary words only
        index.put(new IndexDoc("practice", 60, "decoy", "", "ກາເລາເຟ", List.of("lo"), "LA", List.of(), 2024, "PUBLIC", null));
        index.put(new IndexDoc("practice", 61, "coffee", "", "ການປູກກາເຟອາຣາບິກາ", List.of("lo"), "LA", List.of(), 2024, "PUBLIC", null));
        List<SearchResult.Hit> hits = search("ກາເຟ").items();
        assertThat(hits.getFirst().id()).isEqualTo(61L);
        assertThat(hits.getFirst().score()).isGreaterThanOrEqualTo(QueryFactory.CONTAINS);
        assertThat(hits.stream().filter(h -> h.id() == 60L)).allMatch(h -> h.score() < QueryFactory.CONTAINS);
        assertThat(search("ອາຣາບິກາ").items().getFirst().id()).isEqualTo(61L);
    }

    @Test
    void stemmingAndToneMarksAreForgiven() {
        assertThat(first("miskin")).isEqualTo(13);
        assertThat(first("giam ngheo")).isEqualTo(11);
        assertThat(first("cooperative")).isEqualTo(15);
    }

    @Test
    void zawgyiAndUnicodeFindEachOther() {
        // Zawgyi query, Unicode document
        assertThat(Zawgyi.probability("ဆင္းရဲမြဲေတမႈ")).isGreaterThan(Zawgyi.THRESHOLD);
        assertThat(first("ဆင္းရဲမြဲေတမႈ")).isEqualTo(7);
        // Unicode query, document typed in Zawgyi
        assertThat(first("သမဝါယမ")).isEqualTo(8);
        assertThat(first("စိုက်ပျိုးရေး")).isEqualTo(8);
        assertThat(Zawgyi.toUnicode("plain English")).isEqualTo("plain English");
    }

    @Test
    void glossaryFindsOtherLanguagesButKeepsExactMatchesFirst() {
        SearchResult r = search("poverty alleviation");
        List<Long> ids = r.items().stream().map(SearchResult.Hit::id).toList();
        assertThat(ids.getFirst()).isEqualTo(15);
        assertThat(ids).contains(10L, 1L, 3L, 5L, 7L, 11L, 13L);
        assertThat(r.concepts()).contains("poverty_reduction", "poverty");
        assertThat(ids).doesNotContain(2L, 4L, 14L);
        // and back: Chinese query finds the English and Thai items
        List<Long> back = search("扶贫").items().stream().map(SearchResult.Hit::id).toList();
        assertThat(back.getFirst()).isEqualTo(10);
        assertThat(back).contains(15L, 11L, 13L);
    }

    @Test
    void glossaryMatchesFollowWritesAndDeletes() {
        assertThat(search("poverty alleviation").items()).extracting(SearchResult.Hit::id).contains(3L);
        // the concept's matches are kept per segment: a new item (in a new segment) is found, a deleted one is not
        index.put(new IndexDoc("practice", 70, "ໂຄງການໃໝ່", "", "ການລຶບລ້າງຄວາມທຸກຍາກ", List.of("lo"), "LA", List.of(), 2025, "PUBLIC", null));
        index.delete("practice", 3);
        assertThat(search("poverty alleviation").items()).extracting(SearchResult.Hit::id).contains(70L).doesNotContain(3L);
        assertThat(search("扶贫").items()).extracting(SearchResult.Hit::id).contains(70L, 15L).doesNotContain(3L);
    }

    @Test
    void aHitShowsWhatTheItemSays() {
        SearchResult.Hit vi = search("Giảm nghèo bền vững").items().getFirst();
        assertThat(vi).extracting(SearchResult.Hit::id, SearchResult.Hit::type, SearchResult.Hit::title, SearchResult.Hit::language,
                SearchResult.Hit::country, SearchResult.Hit::year, SearchResult.Hit::themes)
                .containsExactly(11L, "practice", "Giảm nghèo bền vững", "vi", "VN", 2024, List.of("health"));
        assertThat(vi.summary()).isEqualTo("Chương trình giảm nghèo bền vững ở vùng núi phía Bắc.");
        index.put(new IndexDoc("expert", 80, "Somchai Wongsawat", "Water engineer", "", List.of(), null, List.of(), null, "PUBLIC", null));
        SearchResult.Hit expert = search("Somchai").items().getFirst();
        assertThat(expert).extracting(SearchResult.Hit::id, SearchResult.Hit::type, SearchResult.Hit::language, SearchResult.Hit::country,
                SearchResult.Hit::year, SearchResult.Hit::themes, SearchResult.Hit::summary)
                .containsExactly(80L, "expert", null, null, null, List.of(), "Water engineer");
    }

    @Test
    void highlightingLooksAtTheFirst50000CharactersOfALongText() {
        String filler = "lorem ipsum ".repeat(4_000); // 48,000 characters
        index.put(new IndexDoc("document", 81, "Long report", "", filler + "irrigation canal " + filler + "terraces", List.of("en"), "PH",
                List.of(), 2025, "PUBLIC", null));
        assertThat(search("irrigation").items().getFirst().highlight()).contains("<mark>irrigation</mark>");
        SearchResult.Hit late = search("terraces").items().getFirst();
        assertThat(late.id()).isEqualTo(81L);
        assertThat(late.highlight()).doesNotContain("<mark>").startsWith("lorem ipsum");
        // the kept text is cut before, never inside, a character written with two UTF-16 units
        assertThat(Snippets.head("a".repeat(49_999) + "\uD840\uDC00 and more")).hasSize(49_999);
        assertThat(Snippets.head("short")).isEqualTo("short");
    }

    @Test
    void searchesBeyondTheLimitWaitTheirTurnAndAllAnswer() throws Exception {
        index.close();
        index = SearchIndex.open(dir, new KnowledgeAnalyzers(), glossary(), "test-db", new SearchIndex.Settings(1));
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Long>> answers = new ArrayList<>();
            for (int i = 0; i < 200; i++) answers.add(clients.submit(() -> first("ยากจน")));
            for (java.util.concurrent.Future<Long> a : answers) assertThat(a.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(1L);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void highlightsMarkTheMatchInTheText() {
        SearchResult.Hit hit = search("ທຸກຍາກ").items().getFirst();
        assertThat(hit.highlight()).contains("ທຸກຍາກ</mark>").contains("<mark>");
        SearchResult.Hit vi = search("nước sạch").items().getFirst();
        assertThat(vi.highlight()).contains("<mark>nước sạch</mark>").doesNotContain("<script");
    }

    @Test
    void facetsCountEveryHitAndFiltersNarrow() {
        SearchResult all = index.search(new SearchRequest("", null, Set.of(), null, null, null, null, 0, 5), Audience.admin());
        assertThat(all.total()).isEqualTo(17);
        assertThat(all.items()).hasSize(5);
        assertThat(all.facets().get("country")).contains(new SearchResult.FacetValue("PH", 3), new SearchResult.FacetValue("TH", 2));
        assertThat(all.facets().get("type")).containsExactly(new SearchResult.FacetValue("practice", 17));
        assertThat(all.facets().get("year")).containsExactly(new SearchResult.FacetValue("2024", 17));
        SearchResult kh = index.search(new SearchRequest("", null, Set.of(), "KH", null, null, null, 0, 20), Audience.admin());
        assertThat(kh.items()).extracting(SearchResult.Hit::id).containsExactlyInAnyOrder(5L, 6L);
        SearchResult lo = index.search(new SearchRequest("", null, Set.of(), null, null, "lo", null, 0, 20), Audience.admin());
        assertThat(lo.total()).isEqualTo(2);
        SearchResult experts = index.search(new SearchRequest("", null, Set.of("expert"), null, null, null, null, 0, 20), Audience.admin());
        assertThat(experts.total()).isZero();
    }

    @Test
    void visibilityDependsOnTheAudience() {
        assertThat(index.search(SearchRequest.of("microcredit"), Audience.admin()).items()).hasSize(2); // answered first for another audience
        assertThat(index.search(SearchRequest.of("microcredit"), Audience.anonymous()).items()).isEmpty();
        assertThat(index.search(SearchRequest.of("microcredit"), new Audience(Audience.Level.PARTNER, 5L)).items())
                .extracting(SearchResult.Hit::id).containsExactly(16L);
        assertThat(index.search(SearchRequest.of("microcredit"), Audience.admin()).items()).hasSize(2);
        index.put(new IndexDoc("expert", 99, "Own profile microcredit", "", "", List.of("en"), "PH", List.of(), null, "ADMINS", 42L));
        assertThat(index.search(SearchRequest.of("microcredit"), new Audience(Audience.Level.PUBLIC, 42L)).items())
                .extracting(SearchResult.Hit::id).containsExactly(99L);
        assertThat(index.moreLikeThis("practice", 16, Audience.anonymous(), 5)).isEmpty();
    }

    @Test
    void aChangeOfVisibilityIsFollowedAtOnceByEveryAudience() {
        Audience partner = new Audience(Audience.Level.PARTNER, 5L);
        index.put(new IndexDoc("practice", 70, "Seaweed drying racks", "", "seaweed drying racks", List.of("en"), "KH", List.of(), 2025, "PUBLIC", null));
        assertThat(index.search(SearchRequest.of("seaweed"), Audience.anonymous()).items()).extracting(SearchResult.Hit::id).containsExactly(70L);
        assertThat(index.search(SearchRequest.of("seaweed"), partner).items()).extracting(SearchResult.Hit::id).containsExactly(70L);
        index.put(new IndexDoc("practice", 70, "Seaweed drying racks", "", "seaweed drying racks", List.of("en"), "KH", List.of(), 2025, "PARTNERS", null));
        assertThat(index.search(SearchRequest.of("seaweed"), Audience.anonymous()).items()).isEmpty();
        assertThat(index.search(SearchRequest.of("seaweed"), partner).items()).extracting(SearchResult.Hit::id).containsExactly(70L);
        index.put(new IndexDoc("practice", 70, "Seaweed drying racks", "", "seaweed drying racks", List.of("en"), "KH", List.of(), 2025, "ADMINS", null));
        assertThat(index.search(SearchRequest.of("seaweed"), partner).items()).isEmpty();
        assertThat(index.search(SearchRequest.of("seaweed"), Audience.admin()).items()).extracting(SearchResult.Hit::id).containsExactly(70L);
        index.put(new IndexDoc("practice", 70, "Seaweed drying racks", "", "seaweed drying racks", List.of("en"), "KH", List.of(), 2025, "PUBLIC", null));
        assertThat(index.search(SearchRequest.of("seaweed"), Audience.anonymous()).items()).extracting(SearchResult.Hit::id).containsExactly(70L);
    }

    @Test
    void moreLikeThisFindsTheNeighbour() {
        index.put(new IndexDoc("practice", 30, "Tea sales online", "", "农户在网上销售茶叶 电子商务", List.of("zh"), "CN", List.of(), 2023, "PUBLIC", null));
        List<SearchResult.Hit> like = index.moreLikeThis("practice", 9, Audience.anonymous(), 3);
        assertThat(like).isNotEmpty();
        assertThat(like.getFirst().id()).isEqualTo(30);
    }

    @Test
    void updatesAndDeletesAreSearchableAtOnce() {
        index.put(new IndexDoc("document", 40, "Rice", "", "ข้าวหอมมะลิอินทรีย์", List.of("th"), "TH", List.of(), 2025, "PUBLIC", null));
        assertThat(first("ข้าวหอมมะลิ")).isEqualTo(40);
        index.delete("document", 40);
        assertThat(search("ข้าวหอมมะลิ").items()).isEmpty();
        index.put(new IndexDoc("document", 41, "Rice again", "", "ข้าวหอมมะลิ", List.of("th"), "TH", List.of(), 2025, "PUBLIC", null));
        assertThat(first("ข้าวหอมมะลิ")).isEqualTo(41); // the same question after a write reads the new version
    }

    @Test
    void rebuildSwapsWhileSearchesGoOnAndKeepsWritesMadeMeanwhile() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger answered = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread searcher = new Thread(() -> {
            while (!stop.get()) {
                try {
                    if (index.search(SearchRequest.of("ยากจน"), Audience.admin()).items().isEmpty()) throw new AssertionError("no hit during rebuild");
                    answered.incrementAndGet();
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }
        });
        searcher.start();
        Path before = index.directory();
        SearchIndex.RebuildReport report = index.rebuild(sink -> {
            for (IndexDoc d : docs) sink.accept(d);
            for (int i = 100; i < 3000; i++) {
                sink.accept(new IndexDoc("practice", i, "Generated " + i, "", "รายงานความยากจน หมู่บ้าน " + i, List.of("th"), "TH", List.of(), 2020, "PUBLIC", null));
                if (i == 1000) index.put(new IndexDoc("document", 50, "Written during the rebuild", "", "ເຂົ້າໜຽວ", List.of("lo"), "LA", List.of(), 2025, "PUBLIC", null));
            }
        }, 2);
        stop.set(true);
        searcher.join();
        assertThat(failure.get()).isNull();
        assertThat(answered.get()).isPositive();
        assertThat(report.documents()).isEqualTo(17 + 2900);
        assertThat(report.replayed()).isEqualTo(1);
        assertThat(index.directory()).isNotEqualTo(before);
        assertThat(before).doesNotExist();
        assertThat(index.count()).isEqualTo(17 + 2900 + 1);
        assertThat(first("ເຂົ້າໜຽວ")).isEqualTo(50);
    }

    @Test
    void anIndexIsReusedOnlyForTheSameDatabase() throws IOException {
        index.close();
        try (SearchIndex same = SearchIndex.open(dir, new KnowledgeAnalyzers(), glossary(), "test-db")) {
            assertThat(same.isFresh()).isFalse();
            assertThat(same.count()).isEqualTo(17);
        }
        try (SearchIndex other = SearchIndex.open(dir, new KnowledgeAnalyzers(), glossary(), "another-db")) {
            assertThat(other.isFresh()).isTrue();
            assertThat(other.count()).isZero();
        }
        index = SearchIndex.open(dir, new KnowledgeAnalyzers(), glossary(), "test-db");
    }

    @Test
    void anIndexWrittenByOtherAnalysisChainsIsNotReused() throws IOException {
        Path generation = index.directory();
        index.close();
        // the same database, but the commit says an earlier analysis format wrote it
        try (FSDirectory directory = FSDirectory.open(generation);
             IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.APPEND))) {
            writer.setLiveCommitData(Map.of(SearchIndex.INSTANCE, "test-db", SearchIndex.FORMAT, "1").entrySet());
            writer.commit();
        }
        try (SearchIndex reopened = SearchIndex.open(dir, new KnowledgeAnalyzers(), glossary(), "test-db")) {
            assertThat(reopened.isFresh()).isTrue();
            assertThat(reopened.count()).isZero();
            assertThat(reopened.directory()).isNotEqualTo(generation);
            assertThat(generation).doesNotExist();
        }
        index = SearchIndex.open(dir, new KnowledgeAnalyzers(), glossary(), "test-db");
    }
}
