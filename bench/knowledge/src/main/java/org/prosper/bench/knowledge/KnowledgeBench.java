package org.prosper.bench.knowledge;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.prosper.knowledge.search.Audience;
import org.prosper.knowledge.search.Glossary;
import org.prosper.knowledge.search.IndexDoc;
import org.prosper.knowledge.search.KnowledgeAnalyzers;
import org.prosper.knowledge.search.SearchIndex;
import org.prosper.knowledge.search.SearchRequest;

/**
 * The knowledge search engine of the server on generated documents:
 * <ol>
 * <li>indexing N documents (default 100,000) into an empty index, on as many threads as there are cores;</li>
 * <li>search latency with 50 concurrent clients, each sending queries back to back, as the API asks (no facets) and as
 * the page asks (facets), and as the API asks with no limit on concurrent searches, for comparison; the CPU time of one
 * search;</li>
 * <li>a rebuild from a database (H2, read in keyset pages as the server reads its tables) while clients keep
 * searching and a writer keeps adding documents: every search must answer, and the writes must survive the swap.</li>
 * </ol>
 * Usage: KnowledgeBench serverResourcesDir resultsFile [documents]
 */
public final class KnowledgeBench {

    /** Unmeasured searches under the measured load before the steady-state figures. */
    private static final int STEADY = 40_000;

    private static final List<Audience> AUDIENCES = List.of(Audience.anonymous(), new Audience(Audience.Level.PARTNER, 7L), Audience.admin());

    public static void main(String[] args) throws Exception {
        Path resources = Path.of(args[0]);
        Path results = Path.of(args[1]);
        int documents = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        int cores = Runtime.getRuntime().availableProcessors();
        Corpus corpus = new Corpus(resources, 20_250_901L);
        Glossary glossary;
        try (var r = new InputStreamReader(Files.newInputStream(resources.resolve("knowledge/glossary.tsv")), StandardCharsets.UTF_8)) {
            glossary = Glossary.parse(r, "glossary.tsv");
        }
        Path dir = Files.createTempDirectory("knowledge-bench");
        StringBuilder report = new StringBuilder();
        KnowledgeAnalyzers analyzers = new KnowledgeAnalyzers();
        SearchIndex index = SearchIndex.open(dir, analyzers, glossary, "bench");
        try {
            // 1. indexing
            long textBytes = 0;
            for (int i = 0; i < 2000; i++) {
                IndexDoc d = corpus.doc(i);
                textBytes += (d.title() + d.summary() + d.text()).getBytes(StandardCharsets.UTF_8).length;
            }
            System.out.printf("indexing %,d documents on %d threads%n", documents, cores);
            SearchIndex.RebuildReport indexed = index.rebuild(sink -> {
                for (long i = 0; i < documents; i++) sink.accept(corpus.doc(i));
            }, cores);
            long size = size(index.directory());
            System.out.printf("indexed %,d in %.1f s%n", indexed.documents(), indexed.millis() / 1000.0);

            // 2. search under 50 concurrent clients, as the server runs it (one search more than the cores at a time, the others
            // waiting in arrival order), then, for comparison, with every client's search running at once
            warm(index, corpus, 3000);
            load(index, corpus, 50, 100, false); // the same load, unmeasured: a running server's code is compiled
            double loadBefore = loadAverage();
            // measured early, then again once the searches have stopped getting faster: the JIT keeps improving the
            // search code over the first tens of thousands of searches (a few tens of seconds of this load)
            Latencies early = load(index, corpus, 50, 200, false);
            System.out.printf("search, early: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, %.0f queries/s%n", early.p(50), early.p(95), early.p(99), early.throughput());
            load(index, corpus, 50, STEADY / 50, false);
            SearchIndex.Answers answersBefore = index.answers();
            Latencies search = load(index, corpus, 50, 200, false);
            SearchIndex.Answers answersAfter = index.answers();
            double recentShare = 100.0 * (answersAfter.fromRecent() - answersBefore.fromRecent()) / Math.max(1, answersAfter.all() - answersBefore.all());
            System.out.printf("search: %.1f%% answered from recent pages%n", recentShare);
            System.out.printf("search: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, %.0f queries/s%n", search.p(50), search.p(95), search.p(99), search.throughput());
            Latencies faceted = load(index, corpus, 50, 100, true);
            System.out.printf("search with facets: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, %.0f queries/s%n", faceted.p(50), faceted.p(95), faceted.p(99), faceted.throughput());
            index.close();
            index = SearchIndex.open(dir, analyzers, glossary, "bench", new SearchIndex.Settings(0));
            warm(index, corpus, 1000);
            load(index, corpus, 50, 100, false);
            load(index, corpus, 50, STEADY / 50, false);
            Latencies unlimited = load(index, corpus, 50, 200, false);
            System.out.printf("search, no limit: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, %.0f queries/s%n", unlimited.p(50), unlimited.p(95), unlimited.p(99), unlimited.throughput());
            index.close();
            index = SearchIndex.open(dir, analyzers, glossary, "bench");
            double loadAfter = loadAverage();
            double cpu = cpuPerQuery(index, corpus, 5000);
            System.out.printf("CPU per search (one client): %.3f ms%n", cpu);

            // 3. rebuild from a database while searching and writing
            String url = "jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1";
            long loadStart = System.nanoTime();
            try (Connection c = DriverManager.getConnection(url, "sa", "")) {
                load(c, corpus, documents);
            }
            long loadMillis = (System.nanoTime() - loadStart) / 1_000_000;
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger written = new AtomicInteger();
            SearchIndex rebuilding = index;
            Thread writer = new Thread(() -> {
                long id = 10_000_000;
                while (!stop.get()) {
                    IndexDoc d = corpus.doc(id);
                    rebuilding.put(new IndexDoc(d.type(), id++, d.title(), d.summary(), d.text(), d.languages(), d.country(), d.themes(), d.year(), d.visibility(), null));
                    written.incrementAndGet();
                    sleep(100);
                }
            });
            Latencies during = new Latencies();
            AtomicLong errors = new AtomicLong();
            List<Thread> clients = new ArrayList<>();
            int rebuildClients = 4;
            for (int t = 0; t < rebuildClients; t++) {
                final int seed = t;
                clients.add(new Thread(() -> {
                    SplittableRandom r = new SplittableRandom(9_000 + seed);
                    while (!stop.get()) {
                        Corpus.Query q = corpus.query(r);
                        long start = System.nanoTime();
                        try {
                            rebuilding.search(new SearchRequest(q.text(), q.language(), Set.of(), q.country(), null, null, null, 0, 20, false),
                                    AUDIENCES.get(r.nextInt(AUDIENCES.size())));
                            during.add(System.nanoTime() - start);
                        } catch (RuntimeException e) {
                            errors.incrementAndGet();
                        }
                        sleep(5);
                    }
                }));
            }
            Path before = index.directory();
            clients.forEach(Thread::start);
            writer.start();
            SearchIndex.RebuildReport rebuilt = index.rebuild(sink -> readDatabase(url, sink), cores);
            stop.set(true);
            writer.join();
            for (Thread t : clients) t.join();
            int after = index.count();
            System.out.printf("rebuilt %,d from H2 in %.1f s with %,d searches answered meanwhile (%d errors)%n",
                    rebuilt.documents(), rebuilt.millis() / 1000.0, during.count(), errors.get());

            report.append("# Knowledge search benchmark\n\n");
            report.append("Measured ").append(LocalDateTime.now().withNano(0)).append(" on this machine: ").append(cores)
                    .append(" cores, JDK ").append(System.getProperty("java.version")).append(", max heap ")
                    .append(Runtime.getRuntime().maxMemory() / (1024 * 1024)).append(" MB, the JDK's vector API ")
                    .append(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() ? "readable (as `./prosper` starts the server)" : "not readable")
                    .append(". Run with `bench/knowledge/run.sh`.\n\n");
            report.append("The engine is the server's own (`org.prosper.knowledge.search`, compiled from the server's sources): every document "
                    + "goes through the ICU word field, the title field, smartcn for Chinese, the English or Indonesian/Malay stemmer by language, "
                    + "and character n-grams for Thai, Lao, Khmer, Burmese and Chinese, and the index is merged into one segment; every query is "
                    + "expanded through the glossary. As the server runs it, at most one search more than the cores runs at once and the others wait in "
                    + "arrival order (`SearchIndex.Settings`); the bonus for the query's words as a phrase reorders the best 50 results of a first pass; the API counts hits exactly up to 1,000 and reports a lower bound beyond, "
                    + "the page counts five facets over all hits; a page asked again for the same audience while the index has not changed is answered "
                    + "from recent pages (`SearchIndex.answers`), and every phase of the benchmark draws queries of its own, so only the mix's own "
                    + "repetition (popular words asked by many clients) is answered that way.\n\n");
            report.append("Documents are generated in ten languages (words of the demo summaries and the glossary, plus pseudo-words built from "
                    + "their pieces, Zipf-distributed; Thai, Lao, Khmer, Burmese and Chinese written without spaces); a document has a 4-8 word title, "
                    + "a 25-55 word summary and 60-200 words of text, about ").append(textBytes / 2000).append(" bytes of UTF-8 on average. "
                    + "Queries: 45% one common word, 20% two words, 10% a glossary term (expanded across languages), 10% a rare word, 5% Zawgyi Burmese, "
                    + "10% with a country filter; audiences anonymous, partner and administrator in turn.\n\n");
            report.append("| measure | result | target |\n|---|---|---|\n");
            report.append(String.format("| index %,d documents (%d threads) | %.1f s (%,.0f documents/s); index %,d MB on disk | under 120 s |%n",
                    indexed.documents(), cores, indexed.millis() / 1000.0, indexed.documents() * 1000.0 / indexed.millis(), size / (1024 * 1024)));
            report.append(String.format("| search as the API answers it (no facets), 50 concurrent clients back to back, %,d queries after %,d unmeasured ones under the same load (a running server) | p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms; %.0f queries/s; %.1f%% answered from recent pages | p95 under 30 ms |%n",
                    search.count(), 3000 + 5000 + early.count() + STEADY, search.p(50), search.p(95), search.p(99), search.max(), search.throughput(), recentShare));
            report.append(String.format("| the same early, after 8,000 searches (the JIT still improving the search code) | p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms; %.0f queries/s | |%n",
                    early.p(50), early.p(95), early.p(99), early.max(), early.throughput()));
            report.append(String.format("| the same, every client's search running at once (no limit, for comparison) | p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms; %.0f queries/s | |%n",
                    unlimited.p(50), unlimited.p(95), unlimited.p(99), unlimited.max(), unlimited.throughput()));
            report.append(String.format("| CPU time of one search (one client, 5,000 queries of the same mix) | %.2f ms | |%n", cpu));
            report.append(String.format("| search as the page asks it (facets over all hits), 50 concurrent clients, %,d queries | p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms; %.0f queries/s | |%n",
                    faceted.count(), faceted.p(50), faceted.p(95), faceted.p(99), faceted.max(), faceted.throughput()));
            report.append(String.format("| rebuild %,d documents from H2 (loaded in %.1f s) while %d clients search and a writer adds a document every 100 ms | %.1f s; "
                            + "%,d searches answered during the rebuild, %d errors, p95 %.1f ms, max %.1f ms; %d writes made during the rebuild replayed; "
                            + "%,d documents searchable after the swap | no downtime |%n",
                    rebuilt.documents(), loadMillis / 1000.0, rebuildClients, rebuilt.millis() / 1000.0, during.count(), errors.get(), during.p(95), during.max(),
                    rebuilt.replayed(), after));
            report.append(String.format("%nLoad average (1 minute) of the machine: %.1f before the search phases, %.1f after them.%n", loadBefore, loadAfter));
            report.append("\nThe rebuild writes a new index generation next to the one in use and swaps the searcher when it is complete "
                    + "(`SearchIndex.rebuild`); the old generation (").append(before.getFileName()).append(") is then closed and deleted.\n");
        } finally {
            index.close();
            deleteTree(dir);
        }
        Files.writeString(results, report.toString(), StandardCharsets.UTF_8);
        System.out.println(report);
    }

    private static void warm(SearchIndex index, Corpus corpus, int queries) {
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < queries; i++) {
            Corpus.Query q = corpus.query(r);
            index.search(new SearchRequest(q.text(), q.language(), Set.of(), q.country(), null, null, null, 0, 20, i % 2 == 0), AUDIENCES.get(i % 3));
        }
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** CPU time of the calling thread per search, over a sequence of queries of the benchmark's mix. */
    private static double cpuPerQuery(SearchIndex index, Corpus corpus, int queries) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        SplittableRandom r = new SplittableRandom(77);
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < queries; i++) {
            Corpus.Query q = corpus.query(r);
            index.search(new SearchRequest(q.text(), q.language(), Set.of(), q.country(), null, null, null, 0, 20, false), AUDIENCES.get(i % 3));
        }
        return (threads.getCurrentThreadCpuTime() - start) / 1e6 / queries;
    }

    /** Each load draws new queries: a phase never replays an earlier one's (which recent answers would serve). */
    private static final AtomicLong LOAD_SEEDS = new AtomicLong(1_000);

    private static Latencies load(SearchIndex index, Corpus corpus, int clients, int perClient, boolean facets) throws InterruptedException {
        Latencies latencies = new Latencies();
        long seeds = LOAD_SEEDS.getAndAdd(clients);
        CountDownLatch ready = new CountDownLatch(clients);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < clients; t++) {
            final int seed = t;
            Thread thread = new Thread(() -> {
                SplittableRandom r = new SplittableRandom(seeds + seed);
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perClient; i++) {
                    Corpus.Query q = corpus.query(r);
                    long start = System.nanoTime();
                    index.search(new SearchRequest(q.text(), q.language(), Set.of(), q.country(), null, null, null, 0, 20, facets),
                            AUDIENCES.get(r.nextInt(AUDIENCES.size())));
                    latencies.add(System.nanoTime() - start);
                }
            });
            threads.add(thread);
            thread.start();
        }
        ready.await();
        long start = System.nanoTime();
        go.countDown();
        for (Thread t : threads) t.join();
        latencies.wall = System.nanoTime() - start;
        return latencies;
    }

    private static void load(Connection c, Corpus corpus, int documents) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("create table doc (id bigint primary key, type varchar(20), title varchar(2000), summary varchar(8000), body varchar, "
                    + "language varchar(5), country varchar(2), themes varchar(200), pub_year int, visibility varchar(10))");
        }
        c.setAutoCommit(false);
        try (PreparedStatement p = c.prepareStatement("insert into doc values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (long i = 0; i < documents; i++) {
                IndexDoc d = corpus.doc(i);
                p.setLong(1, d.id());
                p.setString(2, d.type());
                p.setString(3, d.title());
                p.setString(4, d.summary());
                p.setString(5, d.text());
                p.setString(6, d.language());
                p.setString(7, d.country());
                p.setString(8, String.join(",", d.themes()));
                p.setInt(9, d.year());
                p.setString(10, d.visibility());
                p.addBatch();
                if (i % 1000 == 999) {
                    p.executeBatch();
                    c.commit();
                }
            }
            p.executeBatch();
            c.commit();
        }
    }

    /** Streams the table in keyset pages, as the server's repositories do for a rebuild. */
    private static void readDatabase(String url, java.util.function.Consumer<IndexDoc> sink) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             PreparedStatement p = c.prepareStatement("select * from doc where id > ? order by id limit 1000")) {
            long after = 0;
            while (true) {
                p.setLong(1, after);
                int rows = 0;
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        rows++;
                        after = rs.getLong("id");
                        sink.accept(new IndexDoc(rs.getString("type"), after, rs.getString("title"), rs.getString("summary"), rs.getString("body"),
                                List.of(rs.getString("language")), rs.getString("country"), Arrays.asList(rs.getString("themes").split(",")),
                                rs.getInt("pub_year"), rs.getString("visibility"), null));
                    }
                }
                if (rows == 0) return;
            }
        }
    }

    static final class Latencies {
        private final List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
        long wall;

        void add(long n) {
            nanos.add(n);
        }

        int count() {
            return nanos.size();
        }

        private long[] sorted() {
            long[] a;
            synchronized (nanos) {
                a = nanos.stream().mapToLong(Long::longValue).toArray();
            }
            Arrays.sort(a);
            return a;
        }

        double p(double percentile) {
            long[] a = sorted();
            if (a.length == 0) return 0;
            int i = (int) Math.ceil(percentile / 100.0 * a.length) - 1;
            return a[Math.max(0, Math.min(a.length - 1, i))] / 1e6;
        }

        double max() {
            long[] a = sorted();
            return a.length == 0 ? 0 : a[a.length - 1] / 1e6;
        }

        double throughput() {
            return wall == 0 ? 0 : count() / (wall / 1e9);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
