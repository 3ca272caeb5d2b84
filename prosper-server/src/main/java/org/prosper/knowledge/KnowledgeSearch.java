package org.prosper.knowledge;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;

import org.prosper.access.Actor;
import org.prosper.access.AuditLog;
import org.prosper.access.Permission;
import org.prosper.knowledge.search.Audience;
import org.prosper.knowledge.search.Glossary;
import org.prosper.knowledge.search.IndexDoc;
import org.prosper.knowledge.search.KnowledgeAnalyzers;
import org.prosper.knowledge.search.SearchIndex;
import org.prosper.knowledge.search.SearchRequest;
import org.prosper.knowledge.search.SearchResult;
import org.prosper.platform.TransactionEnd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The knowledge index as the application sees it. The database is the source of truth: items are indexed after
 * their transaction commits, an index on disk is reused only if it was built from this database and is complete,
 * and a rebuild fills a new index while searches go on against the old one.
 */
@Service
public class KnowledgeSearch implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(KnowledgeSearch.class);

    private final JdbcClient db;
    private final ObjectProvider<KnowledgeSource> sources;
    private final AuditLog audit;
    private final SearchIndex index;
    private final AtomicReference<String> lastRebuild = new AtomicReference<>("");

    public KnowledgeSearch(JdbcClient db, ObjectProvider<KnowledgeSource> sources, AuditLog audit,
                           @Value("${prosper.knowledge.index-dir:${prosper.data-dir}/index}") Path indexDir,
                           @Value("${prosper.knowledge.glossary:}") String glossaryFile) throws IOException {
        this.db = db;
        this.sources = sources;
        this.audit = audit;
        this.index = SearchIndex.open(indexDir, new KnowledgeAnalyzers(), glossary(glossaryFile), instanceId());
    }

    private static Glossary glossary(String file) throws IOException {
        if (file != null && !file.isBlank()) {
            try (Reader r = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
                return Glossary.parse(r, file);
            }
        }
        try (Reader r = new InputStreamReader(KnowledgeSearch.class.getResourceAsStream("/knowledge/glossary.tsv"), StandardCharsets.UTF_8)) {
            return Glossary.parse(r, "knowledge/glossary.tsv");
        }
    }

    private String instanceId() {
        return db.sql("select meta_value from kn_meta where name = 'instance'").query(String.class).optional().orElseGet(() -> {
            String id = UUID.randomUUID().toString();
            db.sql("insert into kn_meta(name, meta_value) values ('instance', ?)").param(id).update();
            return id;
        });
    }

    @Override
    public void afterSingletonsInstantiated() {
        long expected = sources.orderedStream().mapToLong(KnowledgeSource::count).sum();
        if (index.isFresh()) {
            if (expected > 0) rebuildNow();
        } else if (index.count() != expected) {
            log.info("Knowledge index has {} items, the database {}: rebuilding in the background", index.count(), expected);
            rebuildInBackground();
        }
    }

    public SearchResult search(Actor actor, SearchRequest request) {
        return search(KnowledgeAccess.audience(actor), request);
    }

    /**
     * Refuses (400) a text with more different words than one search can weigh: each word is looked for in several
     * languages' fields, and Lucene stops at 1,024 such clauses (a paragraph of a hundred and fifty words).
     */
    public SearchResult search(Audience audience, SearchRequest request) {
        try {
            return index.search(request, audience);
        } catch (org.apache.lucene.search.IndexSearcher.TooManyClauses e) {
            throw new KnowledgeProblem(400, TOO_MANY_WORDS);
        }
    }

    static final String TOO_MANY_WORDS = "the search text has more different words than one search can weigh: use fewer words";

    public List<SearchResult.Hit> similar(Actor actor, String type, long id, int size) {
        return index.moreLikeThis(type, id, KnowledgeAccess.audience(actor), size);
    }

    /** Indexes the item once the current transaction commits (at once if there is none). */
    public void put(IndexDoc doc) {
        TransactionEnd.afterCommit(() -> index.put(doc));
    }

    public void putAll(List<IndexDoc> docs) {
        TransactionEnd.afterCommit(() -> index.putAll(docs));
    }

    public void delete(String type, long id) {
        TransactionEnd.afterCommit(() -> index.delete(type, id));
    }

    public int count() {
        return index.count();
    }

    public boolean isRebuilding() {
        return index.isRebuilding();
    }

    public String lastRebuild() {
        return lastRebuild.get();
    }

    /** Starts a rebuild from the database; searches keep answering from the current index until it is done. */
    public boolean rebuild(Actor actor) {
        actor.require(Permission.MANAGE_USERS);
        if (index.isRebuilding()) return false;
        audit.record(actor, "REBUILD", "knowledge_index", null, null, null, null, "rebuild requested");
        rebuildInBackground();
        return true;
    }

    private void rebuildInBackground() {
        Thread t = new Thread(this::rebuildNow, "knowledge-index-rebuild");
        t.setDaemon(true);
        t.start();
    }

    private void rebuildNow() {
        try {
            SearchIndex.RebuildReport report = index.rebuild(sink -> sources.orderedStream().forEach(s -> s.forEach(sink)),
                    Runtime.getRuntime().availableProcessors());
            lastRebuild.set(report.documents() + " items in " + report.millis() + " ms");
            log.info("Knowledge index rebuilt: {} items in {} ms ({} written meanwhile)", report.documents(), report.millis(), report.replayed());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @PreDestroy
    void close() throws IOException {
        index.close();
    }
}
