package org.prosper.knowledge;

import java.util.function.Consumer;

import org.prosper.knowledge.search.IndexDoc;

/**
 * A feature's searchable items as stored in its tables: what a rebuild of the knowledge index reads. Experts,
 * practices and the exchange programmes each provide one.
 */
public interface KnowledgeSource {

    /** Every item that should be searchable, streamed from the database. */
    void forEach(Consumer<IndexDoc> sink);

    /** How many items {@link #forEach} gives, to tell whether the index on disk is complete. */
    long count();
}
