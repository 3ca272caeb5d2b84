package org.prosper.registry.bulk;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.prosper.registry.Household;

/**
 * Writes checked households with their members, a batch at a time, inside the import's transaction. A batch is
 * prepared first, on the thread that reads the file, so that the writing thread only hands it to the database.
 */
interface HouseholdWriter {

    /** A batch as {@link #write(Prepared)} takes it. */
    interface Prepared {
    }

    /** Makes a batch ready to write; may use its own connection (it reads nothing the import's transaction wrote). */
    Prepared prepare(List<Household> batch) throws SQLException;

    /** Writes a batch prepared by a writer of the same database (or keeps it to write with the next ones). */
    void write(Prepared batch) throws SQLException;

    /** How many batches {@link #write} gathers before it sends them: the queue of batches to it holds twice as many. */
    default int batchesPerWrite() {
        return 1;
    }

    /** Writes what {@link #write} has kept; called once after the last batch. */
    default void flush() throws SQLException {
    }

    /** Which of these codes the registry already has. */
    Set<String> existingCodes(Collection<String> codes) throws SQLException;

    /** COPY on PostgreSQL, JDBC batches elsewhere (H2). */
    static HouseholdWriter on(Connection connection) throws SQLException {
        if (connection.isWrapperFor(org.postgresql.PGConnection.class)) return new PostgresCopyWriter(connection);
        return new JdbcBatchWriter(connection);
    }
}
