package org.prosper.registry.bulk;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.prosper.registry.Household;
import org.prosper.registry.Person;
import org.prosper.registry.RegistryRows;

/** Writes households and persons with JDBC batch inserts (H2, and any database without COPY). */
final class JdbcBatchWriter implements HouseholdWriter {

    private final Connection connection;

    JdbcBatchWriter(Connection connection) {
        this.connection = connection;
    }

    /** The households as they are: JDBC batches bind them on the writing thread. */
    private record Rows(List<Household> list) implements Prepared {
    }

    @Override
    public Prepared prepare(List<Household> batch) {
        return new Rows(batch);
    }

    @Override
    public void write(Prepared prepared) throws SQLException {
        if (!(prepared instanceof Rows(List<Household> batch))) throw new IllegalArgumentException("a batch prepared for another database");
        long[] ids = new long[batch.size()];
        try (PreparedStatement ps = connection.prepareStatement(RegistryRows.HOUSEHOLD_INSERT, new String[] {"id"})) {
            for (Household h : batch) {
                RegistryRows.bindHousehold(ps, h);
                ps.addBatch();
            }
            ps.executeBatch();
            int n = 0;
            try (ResultSet keys = ps.getGeneratedKeys()) {
                while (keys.next() && n < ids.length) ids[n++] = keys.getLong(1);
            }
            if (n != ids.length) idsByCode(batch, ids);
        }
        long persons = 0;
        try (PreparedStatement ps = connection.prepareStatement(RegistryRows.PERSON_INSERT)) {
            for (int i = 0; i < batch.size(); i++) {
                for (Person p : batch.get(i).members()) {
                    RegistryRows.bindPerson(ps, ids[i], p);
                    ps.addBatch();
                    persons++;
                }
            }
            if (persons > 0) ps.executeBatch();
        }
    }

    /** Drivers that return no keys for a batch: read the new ids back by code (codes are unique). */
    private void idsByCode(List<Household> batch, long[] ids) throws SQLException {
        Map<String, Long> byCode = new HashMap<>();
        List<String> codes = batch.stream().map(Household::code).toList();
        for (int from = 0; from < codes.size(); from += 500) {
            List<String> chunk = codes.subList(from, Math.min(codes.size(), from + 500));
            try (PreparedStatement ps = connection.prepareStatement("select id, code from household where code in ("
                    + "?,".repeat(chunk.size() - 1) + "?)")) {
                for (int i = 0; i < chunk.size(); i++) ps.setString(i + 1, chunk.get(i));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) byCode.put(rs.getString(2), rs.getLong(1));
                }
            }
        }
        for (int i = 0; i < batch.size(); i++) ids[i] = byCode.get(batch.get(i).code());
    }

    @Override
    public Set<String> existingCodes(Collection<String> codes) throws SQLException {
        Set<String> found = new HashSet<>();
        List<String> all = new ArrayList<>(codes);
        for (int from = 0; from < all.size(); from += 500) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
            try (PreparedStatement ps = connection.prepareStatement("select code from household where code in ("
                    + "?,".repeat(chunk.size() - 1) + "?)")) {
                for (int i = 0; i < chunk.size(); i++) ps.setString(i + 1, chunk.get(i));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) found.add(rs.getString(1));
                }
            }
        }
        return found;
    }
}
