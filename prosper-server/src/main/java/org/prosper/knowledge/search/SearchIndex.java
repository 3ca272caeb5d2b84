package org.prosper.knowledge.search;

import java.io.Closeable;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.Field.Store;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.BytesRef;

/**
 * The knowledge index on disk: one generation directory ({@code gen-<time>-<random>}) with its IndexWriter and a
 * SearcherManager. A rebuild fills a new generation from the source of truth while searches keep using the current
 * one; writes made meanwhile go to the current generation and are replayed into the new one, which then replaces it
 * atomically. Each generation's commit records the database instance it was built from and the analysis format
 * ({@link KnowledgeAnalyzers#FORMAT}), so an index left from another database or written by other analysis chains is
 * never reused: the application then finds the index fresh and rebuilds it.
 */
public final class SearchIndex implements Closeable {

    /** Streams every item that should be searchable, for a rebuild. */
    @FunctionalInterface
    public interface DocSource {
        void forEach(Consumer<IndexDoc> sink) throws Exception;
    }

    public record RebuildReport(long documents, long millis, int replayed) {
    }

    private record Generation(Path dir, Directory directory, IndexWriter writer, SearcherManager manager) {
    }

    static final String INSTANCE = "prosper.instance";
    static final String FORMAT = "prosper.format";
    /** Doc values: an item's {@link Listing}, and the beginning of its text for highlighting and "more like this". */
    static final String LISTING = "listing";
    static final String TEXT = "text";

    /**
     * Searchers without Lucene's query cache: its map and usage statistics are synchronized, and with 50 concurrent
     * searches threads queued for them (hundreds of waits over a millisecond in 15 s); without it one search costs the
     * same CPU, what is worth keeping between searches (the glossary concepts' matches) being kept by
     * {@link SegmentCachedQuery}.
     */
    private static final SearcherFactory SEARCHERS = new SearcherFactory() {
        @Override
        public IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader) {
            IndexSearcher searcher = new IndexSearcher(reader);
            searcher.setQueryCache(null);
            return searcher;
        }
    };

    private final Path root;
    private final KnowledgeAnalyzers analyzers;
    private final QueryFactory queries;
    private final String instanceId;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Object rebuildMonitor = new Object();
    private volatile Generation current;
    private final boolean fresh;
    private Map<String, IndexDoc> pending; // guarded by writeLock; non-null while a rebuild runs (null value = delete)
    private volatile boolean rebuilding;
    private final Semaphore searching; // null: no limit

    private SearchIndex(Path root, KnowledgeAnalyzers analyzers, Glossary glossary, String instanceId, Settings settings) throws IOException {
        this.root = root;
        this.searching = settings.concurrentSearches() > 0 ? new Semaphore(settings.concurrentSearches(), true) : null;
        this.analyzers = analyzers;
        this.queries = new QueryFactory(analyzers, glossary);
        this.instanceId = instanceId;
        Files.createDirectories(root);
        Generation reused = reuse();
        this.fresh = reused == null;
        this.current = reused != null ? reused : create();
        removeUnused();
    }

    /** Opens the newest generation built from this database instance, or a new empty one (see {@link #isFresh()}). */
    public static SearchIndex open(Path root, KnowledgeAnalyzers analyzers, Glossary glossary, String instanceId) throws IOException {
        return open(root, analyzers, glossary, instanceId, Settings.defaults());
    }

    public static SearchIndex open(Path root, KnowledgeAnalyzers analyzers, Glossary glossary, String instanceId, Settings settings)
            throws IOException {
        return new SearchIndex(root, analyzers, glossary, instanceId, settings);
    }

    /**
     * How searches are run.
     *
     * @param concurrentSearches at most this many searches run at once, the others wait their turn in arrival order
     *                           (0: no limit). A search is pure CPU work: more searches than cores only share the
     *                           cores, and the operating system runs them in no particular order, so that under load
     *                           some wait many times longer than others; in turn, every search waits about as long as
     *                           the queue ahead of it. The default is one more than the cores, so that a core does not
     *                           sit idle while the next search in the queue is woken (with exactly one per core, 50
     *                           clients got 1,153-1,238 searches/s and p95 60-65 ms; with one more, 1,647-1,738/s and
     *                           p95 44-48 ms)
     */
    public record Settings(int concurrentSearches) {
        public static Settings defaults() {
            return new Settings(Runtime.getRuntime().availableProcessors() + 1);
        }
    }

    /** True when no index of this database was found and the caller should fill it with {@link #rebuild}. */
    public boolean isFresh() {
        return fresh;
    }

    public boolean isRebuilding() {
        return rebuilding;
    }

    public Path directory() {
        return current.dir();
    }

    public QueryFactory queries() {
        return queries;
    }

    private Generation reuse() throws IOException {
        for (Path dir : generations()) {
            Directory directory = FSDirectory.open(dir);
            try {
                if (!DirectoryReader.indexExists(directory)) {
                    directory.close();
                    continue;
                }
                IndexWriter writer = new IndexWriter(directory, config(IndexWriterConfig.OpenMode.APPEND));
                String built = null, format = null;
                Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
                if (data != null) {
                    for (Map.Entry<String, String> e : data) {
                        if (e.getKey().equals(INSTANCE)) built = e.getValue();
                        if (e.getKey().equals(FORMAT)) format = e.getValue();
                    }
                }
                if (instanceId.equals(built) && KnowledgeAnalyzers.FORMAT.equals(format)) return new Generation(dir, directory, writer, new SearcherManager(writer, SEARCHERS));
                writer.close();
                directory.close();
            } catch (LockObtainFailedException inUse) {
                directory.close();
            }
        }
        return null;
    }

    private List<Path> generations() throws IOException {
        try (Stream<Path> list = Files.list(root)) {
            return list.filter(p -> Files.isDirectory(p) && p.getFileName().toString().startsWith("gen-"))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed()).toList();
        }
    }

    private Generation create() throws IOException {
        Path dir = root.resolve("gen-" + String.format("%015d", System.currentTimeMillis()) + "-" + UUID.randomUUID().toString().substring(0, 8));
        Directory directory = FSDirectory.open(dir);
        IndexWriter writer = new IndexWriter(directory, config(IndexWriterConfig.OpenMode.CREATE));
        writer.setLiveCommitData(Map.of(INSTANCE, instanceId, FORMAT, KnowledgeAnalyzers.FORMAT).entrySet());
        writer.commit();
        return new Generation(dir, directory, writer, new SearcherManager(writer, SEARCHERS));
    }

    private IndexWriterConfig config(IndexWriterConfig.OpenMode mode) {
        IndexWriterConfig config = new IndexWriterConfig(analyzers.perField());
        config.setOpenMode(mode);
        config.setRAMBufferSizeMB(128);
        return config;
    }

    /** Deletes generation directories that no writer holds (left by earlier runs or by a finished rebuild). */
    private void removeUnused() throws IOException {
        for (Path dir : generations()) {
            if (dir.equals(current.dir())) continue;
            try (Directory directory = FSDirectory.open(dir)) {
                Lock lock;
                try {
                    lock = directory.obtainLock(IndexWriter.WRITE_LOCK_NAME);
                } catch (LockObtainFailedException inUse) {
                    continue;
                }
                lock.close();
            }
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a later start removes what is left
        }
    }

    // ---------------------------------------------------------------- writing

    Document toDocument(IndexDoc d) {
        Document doc = new Document();
        String title = Zawgyi.toUnicode(d.title() == null ? "" : d.title());
        String body = Zawgyi.toUnicode(d.summary().isEmpty() ? d.text() : d.summary() + "\n" + d.text());
        String all = title + "\n" + body;
        doc.add(new StringField("key", d.key(), Store.YES));
        facet(doc, "type", d.type());
        String summary = Zawgyi.toUnicode(d.summary().isEmpty() ? d.text() : d.summary());
        Listing listing = new Listing(d.id(), d.type(), title, List.copyOf(new java.util.LinkedHashSet<>(d.languages())), blankToNull(d.country()),
                d.year(), List.copyOf(new java.util.LinkedHashSet<>(d.themes())), summary.length() > 400 ? summary.substring(0, 400) + "…" : summary);
        doc.add(new BinaryDocValuesField(LISTING, listing.encode()));
        doc.add(new BinaryDocValuesField(TEXT, new BytesRef(Snippets.head(body))));
        doc.add(new TextField(KnowledgeAnalyzers.TITLE, title, Store.NO));
        doc.add(new TextField(KnowledgeAnalyzers.ICU, all, Store.NO));
        SpacelessScriptFilter.Scripts scripts = SpacelessScriptFilter.Scripts.of(all);
        if (scripts.spaceless()) {
            doc.add(new Field(KnowledgeAnalyzers.GRAM, all, KnowledgeAnalyzers.GRAM_TYPE));
        }
        if (scripts.han()) doc.add(new TextField(KnowledgeAnalyzers.ZH, all, Store.NO));
        if (scripts.latin()) {
            Set<String> langs = new HashSet<>(d.languages());
            boolean any = langs.isEmpty() || d.type().equals("expert") || d.type().equals("programme");
            if (any || langs.contains("en")) doc.add(new TextField(KnowledgeAnalyzers.EN, all, Store.NO));
            if (any || langs.contains("id") || langs.contains("ms")) doc.add(new TextField(KnowledgeAnalyzers.IDMS, all, Store.NO));
        }
        for (String lang : listing.languages()) facet(doc, "language", lang);
        if (listing.country() != null) facet(doc, "country", listing.country());
        for (String theme : listing.themes()) facet(doc, "theme", theme);
        if (d.year() != null) facet(doc, "year", d.year().toString());
        doc.add(new StringField("vis", d.visibility() == null ? "ADMINS" : d.visibility(), Store.YES));
        if (d.ownerUserId() != null) doc.add(new StringField("owner", d.ownerUserId().toString(), Store.YES));
        return doc;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /**
     * What a hit shows, kept in one binary doc value per item so that a page of hits is read without decompressing
     * stored documents (which cost a fifth of a search).
     */
    record Listing(long id, String type, String title, List<String> languages, String country, Integer year, List<String> themes,
                   String summary) {

        BytesRef encode() {
            try {
                ByteBuffersDataOutput out = new ByteBuffersDataOutput();
                out.writeVLong(id);
                out.writeString(type);
                out.writeString(title);
                out.writeVInt(languages.size());
                for (String l : languages) out.writeString(l);
                out.writeString(country == null ? "" : country);
                out.writeVInt(year == null ? 0 : year + 1);
                out.writeVInt(themes.size());
                for (String t : themes) out.writeString(t);
                out.writeString(summary);
                return new BytesRef(out.toArrayCopy());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static Listing decode(BytesRef bytes) {
            try {
                ByteArrayDataInput in = new ByteArrayDataInput(bytes.bytes, bytes.offset, bytes.length);
                long id = in.readVLong();
                String type = in.readString();
                String title = in.readString();
                List<String> languages = new ArrayList<>();
                for (int n = in.readVInt(); n > 0; n--) languages.add(in.readString());
                String country = in.readString();
                int year = in.readVInt();
                List<String> themes = new ArrayList<>();
                for (int n = in.readVInt(); n > 0; n--) themes.add(in.readString());
                String summary = in.readString();
                return new Listing(id, type, title, List.copyOf(languages), country.isEmpty() ? null : country, year == 0 ? null : year - 1,
                        List.copyOf(themes), summary);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void facet(Document doc, String dimension, String value) {
        doc.add(new StringField(dimension, value, Store.NO));
        doc.add(new SortedSetDocValuesField("f_" + dimension, new BytesRef(value)));
    }

    /** Adds or replaces one item and makes it searchable before returning. */
    public void put(IndexDoc doc) {
        putAll(List.of(doc));
    }

    public void putAll(List<IndexDoc> docs) {
        if (docs.isEmpty()) return;
        List<Document> built = docs.stream().map(this::toDocument).toList();
        writeLock.lock();
        try {
            Generation g = current;
            for (int i = 0; i < docs.size(); i++) {
                g.writer().updateDocument(new Term("key", docs.get(i).key()), built.get(i));
                if (pending != null) pending.put(docs.get(i).key(), docs.get(i));
            }
            g.writer().commit();
            g.manager().maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writeLock.unlock();
        }
    }

    public void delete(String type, long id) {
        String key = IndexDoc.key(type, id);
        writeLock.lock();
        try {
            Generation g = current;
            g.writer().deleteDocuments(new Term("key", key));
            if (pending != null) pending.put(key, null);
            g.writer().commit();
            g.manager().maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Builds a new generation from the source on {@code threads} threads and swaps it in. Searches go on against the
     * current generation throughout; only the final swap (replaying writes made during the rebuild) holds the lock.
     */
    public RebuildReport rebuild(DocSource source, int threads) throws IOException {
        synchronized (rebuildMonitor) {
            long start = System.nanoTime();
            rebuilding = true;
            Generation next = create();
            writeLock.lock();
            try {
                pending = new LinkedHashMap<>();
            } finally {
                writeLock.unlock();
            }
            AtomicLong count = new AtomicLong();
            try {
                fill(next, source, threads, count);
                // one segment: every search pays per segment for its terms' lookups and scorers, a third of a
                // search over the six segments that indexing leaves; merging 100,000 items takes seconds
                next.writer().forceMerge(1);
                next.writer().commit();
            } catch (Exception e) {
                writeLock.lock();
                try {
                    pending = null;
                } finally {
                    writeLock.unlock();
                }
                rebuilding = false;
                retire(next);
                if (e instanceof IOException io) throw io;
                throw new IllegalStateException("rebuilding the knowledge index failed: " + e.getMessage(), e);
            }
            Generation old;
            int replayed;
            writeLock.lock();
            try {
                replayed = pending.size();
                for (Map.Entry<String, IndexDoc> e : pending.entrySet()) {
                    if (e.getValue() == null) next.writer().deleteDocuments(new Term("key", e.getKey()));
                    else next.writer().updateDocument(new Term("key", e.getKey()), toDocument(e.getValue()));
                }
                next.writer().commit();
                next.manager().maybeRefreshBlocking();
                old = current;
                current = next;
                pending = null;
            } finally {
                writeLock.unlock();
            }
            rebuilding = false;
            retire(old);
            return new RebuildReport(count.get(), (System.nanoTime() - start) / 1_000_000, replayed);
        }
    }

    private void fill(Generation next, DocSource source, int threads, AtomicLong count) throws Exception {
        int workers = Math.max(1, threads);
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "knowledge-rebuild");
            t.setDaemon(true);
            return t;
        });
        Semaphore inFlight = new Semaphore(workers * 2);
        List<Future<?>> futures = new ArrayList<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<IndexDoc>[] batch = new List[] {new ArrayList<IndexDoc>()};
        Consumer<List<IndexDoc>> submit = docs -> {
            try {
                inFlight.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            futures.add(pool.submit(() -> {
                try {
                    for (IndexDoc d : docs) next.writer().addDocument(toDocument(d));
                    count.addAndGet(docs.size());
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                } finally {
                    inFlight.release();
                }
            }));
        };
        try {
            source.forEach(doc -> {
                batch[0].add(doc);
                if (batch[0].size() == 500) {
                    submit.accept(batch[0]);
                    batch[0] = new ArrayList<>();
                }
            });
            if (!batch[0].isEmpty()) submit.accept(batch[0]);
            for (Future<?> f : futures) f.get();
        } finally {
            pool.shutdownNow();
        }
        if (failure.get() != null) throw failure.get();
    }

    private void retire(Generation g) {
        try {
            g.manager().close();
            g.writer().close();
            g.directory().close();
        } catch (IOException | RuntimeException ignored) {
            // the directory is removed below or at the next start
        }
        deleteTree(g.dir());
    }

    // ---------------------------------------------------------------- reading

    private record Lease(Generation generation, IndexSearcher searcher) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            try {
                generation.manager().release(searcher);
            } catch (AlreadyClosedException ignored) {
                // the generation was retired; its reader closes with the last release
            }
        }
    }

    private Lease acquire() throws IOException {
        for (int attempt = 0; ; attempt++) {
            Generation g = current;
            try {
                return new Lease(g, g.manager().acquire());
            } catch (AlreadyClosedException swapped) {
                if (attempt >= 5) throw swapped;
            }
        }
    }

    /** Number of searchable items (all visibilities). */
    public int count() {
        try (Lease lease = acquire()) {
            return lease.searcher().getIndexReader().numDocs();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Pages answered recently, by the index version they were read from, the request and the audience: a popular query
     * asked again within the same version of the index (any write makes a new one) is answered without searching or
     * waiting for a turn. Caffeine's TinyLFU keeps the pages asked often; weight is a page's hits.
     */
    private final Cache<Answered, SearchResult> answered = Caffeine.newBuilder()
            .maximumWeight(20_000).weigher((Answered k, SearchResult r) -> 1 + r.items().size())
            .executor(Runnable::run).recordStats().build();

    /** How many searches were answered from {@link #answered} pages, of how many, since the index was opened. */
    public record Answers(long fromRecent, long all) {
    }

    public Answers answers() {
        var stats = answered.stats();
        return new Answers(stats.hitCount(), stats.requestCount());
    }

    private record Answered(String generation, long version, SearchRequest request, Audience audience) {
    }

    /** One page of results; unless answered recently, the search waits its turn for one of the {@link Settings#concurrentSearches()}. */
    public SearchResult search(SearchRequest request, Audience audience) {
        try (Lease lease = acquire()) {
            IndexReader reader = lease.searcher().getIndexReader();
            Answered key = new Answered(lease.generation().dir().getFileName().toString(),
                    reader instanceof DirectoryReader d ? d.getVersion() : System.identityHashCode(reader), request, audience);
            SearchResult known = answered.getIfPresent(key);
            if (known != null) return known;
            if (searching != null) searching.acquireUninterruptibly();
            try {
                SearchResult result = searchNow(lease.searcher(), request, audience);
                answered.put(key, result);
                return result;
            } finally {
                if (searching != null) searching.release();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SearchResult searchNow(IndexSearcher searcher, SearchRequest request, Audience audience) throws IOException {
        QueryFactory.Built built = queries.build(request.q(), request.queryLanguage());
        BooleanQuery.Builder full = new BooleanQuery.Builder().add(built.query(), Occur.MUST);
        Query visible = visibility(audience);
        if (visible != null) full.add(visible, Occur.FILTER);
        if (!request.types().isEmpty()) {
            BooleanQuery.Builder types = new BooleanQuery.Builder();
            for (String t : request.types()) types.add(new TermQuery(new Term("type", t)), Occur.SHOULD);
            full.add(types.build(), Occur.FILTER);
        }
        filter(full, "country", request.country());
        filter(full, "theme", request.theme());
        filter(full, "language", request.language());
        filter(full, "year", request.year() == null ? null : request.year().toString());
        int wanted = (request.page() + 1) * request.size();
        int firstPass = built.phrase() == null ? wanted : Math.max(wanted, PhraseBonus.WINDOW);
        TopDocs top;
        Map<String, Map<String, Long>> counts;
        if (request.facets()) {
            Object[] found = searcher.search(full.build(),
                    new MultiCollectorManager(new TopScoreDocCollectorManager(firstPass, Integer.MAX_VALUE), new FacetCounts()));
            top = (TopDocs) found[0];
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Long>> all = (Map<String, Map<String, Long>>) found[1];
            counts = all;
        } else {
            top = searcher.search(full.build(), new TopScoreDocCollectorManager(firstPass, Math.max(firstPass, SearchRequest.EXACT_TOTAL)));
            counts = Map.of();
        }
        if (built.phrase() != null) top = PhraseBonus.apply(searcher, top, built.phrase(), wanted);
        int from = Math.min(request.page() * request.size(), top.scoreDocs.length);
        List<SearchResult.Hit> hits = hits(searcher, java.util.Arrays.copyOfRange(top.scoreDocs, from, top.scoreDocs.length), built.needles());
        return new SearchResult(hits, top.totalHits.value(), top.totalHits.relation() == org.apache.lucene.search.TotalHits.Relation.EQUAL_TO,
                facets(counts), built.concepts());
    }

    /** Items like the given one (by the words of its text), visible to the audience, the item itself excluded. */
    public List<SearchResult.Hit> moreLikeThis(String type, long id, Audience audience, int size) {
        try (Lease lease = acquire()) {
            IndexSearcher searcher = lease.searcher();
            String key = IndexDoc.key(type, id);
            TopDocs self = searcher.search(new TermQuery(new Term("key", key)), 1);
            if (self.scoreDocs.length == 0) return List.of();
            Document doc = searcher.storedFields().document(self.scoreDocs[0].doc);
            if (!audience.sees(doc.get("vis"), doc.get("owner") == null ? null : Long.valueOf(doc.get("owner")))) return List.of();
            String title = docValue(searcher, self.scoreDocs[0].doc, LISTING, bytes -> Listing.decode(bytes).title());
            String text = docValue(searcher, self.scoreDocs[0].doc, TEXT, BytesRef::utf8ToString);
            MoreLikeThis mlt = new MoreLikeThis(searcher.getIndexReader());
            mlt.setAnalyzer(analyzers.icu());
            mlt.setFieldNames(new String[] {KnowledgeAnalyzers.ICU});
            mlt.setMinTermFreq(1);
            mlt.setMinDocFreq(1);
            mlt.setMinWordLen(2);
            mlt.setMaxQueryTerms(30);
            Query like = mlt.like(KnowledgeAnalyzers.ICU, new StringReader(title + "\n" + text));
            BooleanQuery.Builder q = new BooleanQuery.Builder().add(like, Occur.MUST)
                    .add(new TermQuery(new Term("key", key)), Occur.MUST_NOT);
            Query visible = visibility(audience);
            if (visible != null) q.add(visible, Occur.FILTER);
            TopDocs top = searcher.search(q.build(), size);
            return hits(searcher, top.scoreDocs, List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void filter(BooleanQuery.Builder q, String field, String value) {
        if (value != null && !value.isBlank()) q.add(new TermQuery(new Term(field, value)), Occur.FILTER);
    }

    /**
     * What an audience may see, by level, matched once per segment and kept as a bit set (the filter is consulted for
     * every candidate of every search); an item's change of visibility is a new document, so kept sets stay right.
     */
    private static final Query PUBLIC_ITEMS = new SegmentCachedQuery(new TermQuery(new Term("vis", "PUBLIC")));
    private static final Query PARTNER_ITEMS = new SegmentCachedQuery(new BooleanQuery.Builder()
            .add(new TermQuery(new Term("vis", "PUBLIC")), Occur.SHOULD).add(new TermQuery(new Term("vis", "PARTNERS")), Occur.SHOULD).build());

    private static Query visibility(Audience audience) {
        if (audience.level() == Audience.Level.ADMIN) return null;
        Query level = audience.level() == Audience.Level.PARTNER ? PARTNER_ITEMS : PUBLIC_ITEMS;
        if (audience.userId() == null) return level;
        return new BooleanQuery.Builder().add(level, Occur.SHOULD)
                .add(new TermQuery(new Term("owner", audience.userId().toString())), Occur.SHOULD).build();
    }

    /** The hits of a page, their listing and text read from doc values in index order, one pass per segment. */
    private static List<SearchResult.Hit> hits(IndexSearcher searcher, ScoreDoc[] page, List<String> needles) throws IOException {
        Integer[] order = new Integer[page.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, Comparator.comparingInt(i -> page[i].doc));
        Snippets.Usable usable = needles.isEmpty() ? null : Snippets.usable(needles);
        Snippets.Scratch scratch = usable == null ? null : new Snippets.Scratch();
        SearchResult.Hit[] hits = new SearchResult.Hit[page.length];
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = null;
        BinaryDocValues listings = null, texts = null;
        for (int i : order) {
            int doc = page[i].doc;
            if (leaf == null || doc >= leaf.docBase + leaf.reader().maxDoc()) {
                leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
                listings = DocValues.getBinary(leaf.reader(), LISTING);
                texts = usable == null ? null : DocValues.getBinary(leaf.reader(), TEXT);
            }
            Listing l = Listing.decode(value(listings, doc - leaf.docBase, LISTING));
            String highlight = usable == null ? null : Snippets.highlight(value(texts, doc - leaf.docBase, TEXT), usable, scratch);
            hits[i] = new SearchResult.Hit(l.id(), l.type(), l.title(), l.languages().isEmpty() ? null : l.languages().getFirst(), l.country(), l.year(),
                    l.themes(), l.summary(), highlight, page[i].score);
        }
        return List.of(hits);
    }

    private static BytesRef value(BinaryDocValues values, int doc, String field) throws IOException {
        if (!values.advanceExact(doc)) throw new IllegalStateException("item without " + field + " in the knowledge index");
        return values.binaryValue();
    }

    private static <T> T docValue(IndexSearcher searcher, int doc, String field, java.util.function.Function<BytesRef, T> read) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        return read.apply(value(DocValues.getBinary(leaf.reader(), field), doc - leaf.docBase, field));
    }

    private static Map<String, List<SearchResult.FacetValue>> facets(Map<String, Map<String, Long>> counts) {
        Map<String, List<SearchResult.FacetValue>> out = new LinkedHashMap<>();
        counts.forEach((dim, values) -> out.put(dim, values.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(30).map(e -> new SearchResult.FacetValue(e.getKey(), e.getValue())).toList()));
        return java.util.Collections.unmodifiableMap(out);
    }

    @Override
    public void close() throws IOException {
        Generation g = current;
        g.manager().close();
        g.writer().close();
        g.directory().close();
    }
}
