package org.prosper.registry.bulk;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.prosper.platform.BinaryCopyRows;
import org.prosper.registry.Household;
import org.prosper.registry.Person;
import org.prosper.registry.RegistryRows;

/**
 * Writes households and persons with COPY in its binary format, several times faster than INSERT batches. Household
 * ids are drawn from the table's identity sequence beforehand, so that persons can be copied with their household's id
 * without reading anything back. The encoding follows the column types of V3__registry.sql: a change of a column's type
 * there needs the matching {@link BinaryCopyRows} method here (the import tests on PostgreSQL read every value back).
 */
final class PostgresCopyWriter implements HouseholdWriter {

    private static final String HOUSEHOLD_COPY = "copy household(id, " + RegistryRows.HOUSEHOLD_COLUMNS + ") from stdin (format binary)";
    private static final String PERSON_COPY = "copy person(household_id, " + RegistryRows.PERSON_COLUMNS + ") from stdin (format binary)";

    private final Connection connection;
    private final CopyManager copy;
    private final String idSequence;
    private final int batchesPerCopy;
    private final List<Encoded> kept = new ArrayList<>();

    PostgresCopyWriter(Connection connection) throws SQLException {
        this(connection, 1);
    }

    /**
     * A writer that sends {@code batchesPerCopy} batches in one COPY per table. Each COPY statement has a cost of its
     * own in PostgreSQL (a few milliseconds per 2,000 households: a quarter of the database's time for rows without
     * indexes); only a writer whose persons need not follow their households statement by statement (an exclusive load,
     * without the reference checks) may gather them.
     */
    PostgresCopyWriter(Connection connection, int batchesPerCopy) throws SQLException {
        this.connection = connection;
        this.batchesPerCopy = batchesPerCopy;
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
        // looked up once: drawing ids then touches the sequence only, never the household table, which an exclusive
        // load holds locked while this writer's connection draws ids for it (PostgresExclusiveLoad)
        try (PreparedStatement ps = connection.prepareStatement("select pg_get_serial_sequence('household', 'id')");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            this.idSequence = rs.getString(1);
        }
    }

    /** A batch's rows in COPY's binary format. */
    private record Encoded(long persons, List<byte[]> householdRows, List<byte[]> personRows) implements Prepared {
    }

    /**
     * Draws the batch's ids (on this writer's connection: a sequence is outside transactions) and encodes its rows, so
     * that the writing thread's only work is sending them, while PostgreSQL, the slower side, stays busy.
     */
    @Override
    public Prepared prepare(List<Household> batch) throws SQLException {
        long[] ids = ids(batch.size());
        BinaryCopyRows rows = new BinaryCopyRows();
        for (int i = 0; i < batch.size(); i++) {
            Household h = batch.get(i);
            rows.row(24);
            rows.int8(ids[i]);
            rows.text(h.code()); rows.int8(h.orgUnitId()); rows.text(h.countryCode()); rows.text(h.orgPath()); rows.text(h.address());
            rows.float8(h.latitude()); rows.float8(h.longitude()); rows.text(h.headName()); rows.text(h.headNationalId()); rows.text(h.phone());
            rows.text(h.housingStructure()); rows.text(h.housingCondition()); rows.float8(h.floorArea()); rows.text(h.assets());
            rows.text(h.waterSource()); rows.text(h.sanitation()); rows.text(h.cookingFuel()); rows.bool(h.electricity()); rows.float8(h.landArea());
            rows.text(h.registrationStatus()); rows.float8(h.annualIncome()); rows.text(h.incomeCurrency()); rows.int4(h.incomeYear());
        }
        List<byte[]> households = rows.take();
        long persons = 0;
        for (int i = 0; i < batch.size(); i++) {
            for (Person p : batch.get(i).members()) {
                rows.row(15);
                rows.int8(ids[i]);
                rows.int4(p.lineNo()); rows.text(p.fullName()); rows.text(p.nationalId()); rows.text(p.sex());
                rows.date(p.birthDate()); rows.text(p.relation()); rows.text(p.ethnicity());
                rows.text(p.education()); rows.bool(p.inSchool()); rows.bool(p.disability()); rows.bool(p.healthInsurance());
                rows.text(p.labourCapacity()); rows.text(p.occupation()); rows.bool(p.migrantWorker());
                persons++;
            }
        }
        return new Encoded(persons, households, rows.take());
    }

    @Override
    public void write(Prepared prepared) throws SQLException {
        if (!(prepared instanceof Encoded batch)) throw new IllegalArgumentException("a batch prepared for another database");
        kept.add(batch);
        if (kept.size() >= batchesPerCopy) flush();
    }

    @Override
    public int batchesPerWrite() {
        return batchesPerCopy;
    }

    @Override
    public void flush() throws SQLException {
        if (kept.isEmpty()) return;
        run(HOUSEHOLD_COPY, kept.stream().map(Encoded::householdRows).toList());
        if (kept.stream().anyMatch(b -> b.persons() > 0)) run(PERSON_COPY, kept.stream().map(Encoded::personRows).toList());
        kept.clear();
    }

    /**
     * Draws n ids in one row: their range, and the ids themselves only when another connection drew from the sequence
     * meanwhile (the range then has gaps). Reading n rows back cost the thread that prepares batches a tenth of its time.
     */
    private long[] ids(int n) throws SQLException {
        long[] ids = new long[n];
        try (PreparedStatement ps = connection.prepareStatement("select min(v), max(v), case when max(v) - min(v) + 1 = count(*) "
                + "then null else array_agg(v order by v) end from (select nextval(?::regclass) v from generate_series(1, ?)) drawn")) {
            ps.setString(1, idSequence);
            ps.setInt(2, n);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long first = rs.getLong(1);
                Array scattered = rs.getArray(3);
                if (scattered == null) {
                    for (int i = 0; i < n; i++) ids[i] = first + i;
                } else {
                    Object[] values = (Object[]) scattered.getArray();
                    for (int i = 0; i < n; i++) ids[i] = ((Number) values[i]).longValue();
                }
            }
        }
        return ids;
    }

    /** One COPY of the takes' rows: the first take's header, every take's rows, the last take's trailer. */
    private void run(String sql, List<List<byte[]>> takes) throws SQLException {
        var in = copy.copyIn(sql);
        try {
            for (int t = 0; t < takes.size(); t++) {
                List<byte[]> blocks = takes.get(t);
                for (int b = 0; b < blocks.size(); b++) {
                    byte[] block = blocks.get(b);
                    int from = t > 0 && b == 0 ? BinaryCopyRows.HEADER_BYTES : 0;
                    int to = t < takes.size() - 1 && b == blocks.size() - 1 ? block.length - BinaryCopyRows.TRAILER_BYTES : block.length;
                    if (to > from) in.writeToCopy(block, from, to - from);
                }
            }
            in.endCopy();
        } finally {
            if (in.isActive()) in.cancelCopy();
        }
    }

    @Override
    public Set<String> existingCodes(Collection<String> codes) throws SQLException {
        Set<String> found = new HashSet<>();
        if (codes.isEmpty()) return found;
        try (PreparedStatement ps = connection.prepareStatement("select code from household where code = any(?)")) {
            Array array = connection.createArrayOf("varchar", codes.toArray());
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) found.add(rs.getString(1));
            }
        }
        return found;
    }
}
