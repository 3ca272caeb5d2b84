package org.prosper.registry.bulk;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.prosper.registry.Household;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL import that is large against the registry, written the way PostgreSQL's manual advises for populating
 * a database: the household and person tables are locked for the import's transaction, their indexes dropped, the
 * rows copied, and the indexes built again (sorted, in one pass each) before the commit. Kept up to date row by row,
 * nine indexes and two statement-level reference checks were most of the database's work: at 1,000,000 households
 * PostgreSQL spent 59 us of CPU per household the ordinary way, 25 us this way with the index builds included
 * (bench/registry).
 *
 * <p>All of it is one transaction: a failed or refused import rolls back to the registry as it was, indexes included.
 * The price is that nobody else can read or write households and persons until the import ends (their requests wait),
 * which is why {@link HouseholdImportService} takes this way only for an import at least as large as the registry (a
 * first national load, a new country), and only if it gets the lock within a few seconds; otherwise the import is
 * written the ordinary way, beside other users.
 *
 * <p>The checking thread cannot look codes up in the locked table, so the registry's codes are read once, under the lock
 * (nobody can add one meanwhile), into a compact set. The reference checks run per COPY statement since V12 are switched
 * off for the transaction (the household's check alone was a fifth of the database's work for rows without indexes,
 * measured with COPY of 2,000 households at a time): a person's check that its household exists
 * is not needed, as the import draws its households' ids itself, writes each member with its household's id, and no
 * other transaction can delete a household while the lock is held; a household's check that its village exists is
 * made once, at the end, for the villages the import wrote to.
 */
final class PostgresExclusiveLoad {

    private static final Logger log = LoggerFactory.getLogger(PostgresExclusiveLoad.class);
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final long LOCK_ATTEMPT_MILLIS = 200, LOCK_PAUSE_MILLIS = 300;
    /** The statement triggers that check an inserted row's reference (V12): a person's household, a household's village. */
    private static final List<Trigger> REFERENCE_CHECKS = List.of(new Trigger("person", "person_household_insert"),
            new Trigger("household", "household_unit_insert"));

    private record Trigger(String table, String name) {
        String statement(String enableOrDisable) {
            return "alter table " + table + " " + enableOrDisable + " trigger " + name;
        }
    }

    /** An index as the catalog defines it; {@code constraint} names the primary key or unique constraint it serves. */
    private record Index(String table, String name, String definition, String constraint, String constraintDefinition) {
    }

    private final Connection connection;
    private final List<Index> indexes;
    private final List<Trigger> referenceChecks;
    private final CodeSet registryCodes;

    private PostgresExclusiveLoad(Connection connection, List<Index> indexes, List<Trigger> referenceChecks, CodeSet registryCodes) {
        this.connection = connection;
        this.indexes = indexes;
        this.referenceChecks = referenceChecks;
        this.registryCodes = registryCodes;
    }

    /** The size on disk of the registry's rows (households and persons, without indexes), to weigh an import against. */
    static long registryBytes(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("select pg_table_size('household'::regclass) + pg_table_size('person'::regclass)")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Locks the registry's tables in the import's transaction (trying for at most {@code lockWaitMillis} while other
     * users' transactions hold them), reads its codes and drops its indexes. Returns null, with the transaction as it was, if the
     * lock was not granted in time or the tables are not as expected: the import then takes the ordinary way.
     */
    static PostgresExclusiveLoad begin(Connection connection, long lockWaitMillis) throws SQLException {
        long deadline = System.nanoTime() + lockWaitMillis * 1_000_000;
        Savepoint before = connection.setSavepoint();
        try (Statement s = connection.createStatement()) {
            lock(s, deadline);
            CodeSet codes = new CodeSet();
            try (Statement read = connection.createStatement()) {
                read.setFetchSize(10_000); // streamed: a registry's codes as Strings all at once would be ~100 bytes each
                try (ResultSet rs = read.executeQuery("select code from household")) {
                    while (rs.next()) codes.addIfAbsent(rs.getString(1), 1);
                }
            }
            List<Index> indexes = indexes(connection);
            List<Trigger> checks = new ArrayList<>();
            for (Trigger check : REFERENCE_CHECKS) {
                if (enabledTrigger(connection, check)) checks.add(check);
            }
            for (Index index : indexes) {
                s.execute(index.constraint() != null
                        ? "alter table " + index.table() + " drop constraint " + index.constraint()
                        : "drop index " + index.name());
            }
            for (Trigger check : checks) s.execute(check.statement("disable"));
            connection.releaseSavepoint(before);
            log.info("exclusive registry load: {} indexes dropped, {} codes in the registry", indexes.size(), codes.size());
            return new PostgresExclusiveLoad(connection, indexes, checks, codes);
        } catch (SQLException e) {
            connection.rollback(before);
            log.info("registry import written beside other users instead of exclusively: {}", e.getMessage());
            return null;
        }
    }

    /**
     * Asks for the lock in short attempts until the deadline. A waiting request for an exclusive lock makes every later
     * request for the tables wait behind it, so one long wait would stall other users' reads for all of it; between
     * attempts their requests go through.
     */
    private static void lock(Statement s, long deadline) throws SQLException {
        s.execute("set local lock_timeout = " + LOCK_ATTEMPT_MILLIS);
        while (true) {
            s.execute("savepoint lock_attempt");
            try {
                s.execute("lock table household, person in access exclusive mode");
                s.execute("release savepoint lock_attempt");
                s.execute("set local lock_timeout to default");
                return;
            } catch (SQLException e) {
                s.execute("rollback to savepoint lock_attempt");
                if (!LOCK_NOT_AVAILABLE.equals(e.getSQLState()) || System.nanoTime() > deadline) throw e;
            }
            try {
                Thread.sleep(LOCK_PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting for the registry's tables", e);
            }
        }
    }

    private static List<Index> indexes(Connection connection) throws SQLException {
        List<Index> found = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("""
                select x.indrelid::regclass::text, x.indexrelid::regclass::text, pg_get_indexdef(x.indexrelid),
                       quote_ident(c.conname), pg_get_constraintdef(c.oid)
                  from pg_index x
                  left join pg_constraint c on c.conindid = x.indexrelid and c.conrelid = x.indrelid and c.contype in ('p', 'u')
                 where x.indrelid in ('household'::regclass, 'person'::regclass)
                 order by 1, 2""")) {
            while (rs.next()) found.add(new Index(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
        }
        return found;
    }

    private static boolean enabledTrigger(Connection connection, Trigger trigger) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "select 1 from pg_trigger where tgrelid = ?::regclass and tgname = ? and tgenabled <> 'D'")) {
            ps.setString(1, trigger.table());
            ps.setString(2, trigger.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** How many prepared batches go into one COPY per table (see PostgresCopyWriter's constructor). */
    private static final int BATCHES_PER_COPY = 5;

    /** The import's writer: COPY of several batches at a time, as the reference checks are off. */
    HouseholdWriter writer() throws SQLException {
        return new PostgresCopyWriter(connection, BATCHES_PER_COPY);
    }

    /**
     * A writer for the checking thread: batches are prepared by {@code delegate} (which draws ids from the sequence only),
     * codes are checked against the set read under the lock.
     */
    HouseholdWriter lookups(HouseholdWriter delegate) {
        return new HouseholdWriter() {
            @Override
            public Prepared prepare(List<Household> batch) throws SQLException {
                return delegate.prepare(batch);
            }

            @Override
            public void write(Prepared batch) {
                throw new UnsupportedOperationException("the checking thread does not write");
            }

            @Override
            public Set<String> existingCodes(Collection<String> codes) {
                Set<String> taken = new HashSet<>();
                for (String code : codes) {
                    if (registryCodes.contains(code)) taken.add(code);
                }
                return taken;
            }
        };
    }

    /**
     * Checks the import's villages as the switched-off household check would have (they exist, and are locked against
     * deletion until the commit, as a foreign key locks them), builds the indexes again as they were, switches the
     * checks back on and gathers the planner's statistics of the households, so that the registry is read with good
     * plans from the commit on (autovacuum would come later). The caller then commits.
     */
    void finish(Set<Long> villages) throws SQLException {
        long start = System.nanoTime();
        if (!villages.isEmpty()) {
            Long[] ids = villages.toArray(Long[]::new);
            Set<Long> found = new HashSet<>();
            try (PreparedStatement ps = connection.prepareStatement("select id from org_unit where id = any(?) for key share")) {
                ps.setArray(1, connection.createArrayOf("bigint", ids));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) found.add(rs.getLong(1));
                }
            }
            for (Long id : ids) {
                if (!found.contains(id)) {
                    throw new SQLException("household refers to an org unit that does not exist (org_unit_id " + id
                            + "): it was removed during the import", "23503");
                }
            }
        }
        try (Statement s = connection.createStatement()) {
            for (Index index : indexes) {
                s.execute(index.constraint() != null
                        ? "alter table " + index.table() + " add constraint " + index.constraint() + " " + index.constraintDefinition()
                        : index.definition());
            }
            for (Trigger check : referenceChecks) s.execute(check.statement("enable"));
            s.execute("analyze household");
        }
        log.info("exclusive registry load: {} indexes built in {} ms", indexes.size(), (System.nanoTime() - start) / 1_000_000);
    }
}
