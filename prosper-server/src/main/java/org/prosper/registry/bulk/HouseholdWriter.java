package org.prosper.registry.bulk;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.prosper.registry.Household;

/** Writes checked households with their members, a batch at a time, inside the import's transaction. */
interface HouseholdWriter {

    /** Writes the batch; returns the number of persons written. */
    long write(List<Household> batch) throws SQLException;

    /** Which of these codes the registry already has. */
    Set<String> existingCodes(Collection<String> codes) throws SQLException;

    /** COPY on PostgreSQL, JDBC batches elsewhere (H2). */
    static HouseholdWriter on(Connection connection) throws SQLException {
        if (connection.isWrapperFor(org.postgresql.PGConnection.class)) return new PostgresCopyWriter(connection);
        return new JdbcBatchWriter(connection);
    }
}
