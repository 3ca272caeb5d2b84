package org.prosper.monitoring;

import java.sql.Date;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Departmental data files and their rows matched to households. */
@Repository
class DeptRepository {

    private static final String RECORD = "select r.household_id, r.id, r.batch_id, r.row_no, r.kind, r.amount, r.event_date from monitoring_dept_record r ";

    private final JdbcClient db;
    private final JdbcTemplate jdbc;

    DeptRepository(JdbcClient db, JdbcTemplate jdbc) {
        this.db = db;
        this.jdbc = jdbc;
    }

    /** Every record of a country's files, by household (departmental data is sparse: a small share of households). */
    Map<Long, List<HouseholdFacts.DeptRecord>> forCountry(String country) {
        Map<Long, List<HouseholdFacts.DeptRecord>> result = new HashMap<>();
        db.sql(RECORD + "join monitoring_dept_batch b on b.id = r.batch_id where b.country_code = ?").param(country)
                .query(rs -> {
                    result.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(map(rs));
                });
        return result;
    }

    Map<Long, List<HouseholdFacts.DeptRecord>> forHouseholds(Collection<Long> households) {
        Map<Long, List<HouseholdFacts.DeptRecord>> result = new HashMap<>();
        List<Long> all = new ArrayList<>(households);
        for (int from = 0; from < all.size(); from += 500) {
            List<Object> chunk = new ArrayList<>(all.subList(from, Math.min(all.size(), from + 500)));
            db.sql(RECORD + "where r.household_id in (" + "?,".repeat(chunk.size() - 1) + "?)").params(chunk).query(rs -> {
                result.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(map(rs));
            });
        }
        return result;
    }

    private static HouseholdFacts.DeptRecord map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new HouseholdFacts.DeptRecord(rs.getLong(2), rs.getLong(3), rs.getInt(4), rs.getString(5), rs.getDouble(6),
                rs.getDate(7).toLocalDate());
    }

    Optional<Long> batchBySha(String country, String sha256) {
        return db.sql("select id from monitoring_dept_batch where country_code = ? and sha256 = ?").params(country, sha256)
                .query(Long.class).optional();
    }

    long insertBatch(String country, String source, String fileName, String sha256, int rows, String by) {
        var key = new GeneratedKeyHolder();
        db.sql("insert into monitoring_dept_batch(country_code, source_name, file_name, sha256, row_count, imported_by) values (?, ?, ?, ?, ?, ?)")
                .params(country, source, fileName, sha256, rows, by).update(key, "id");
        return key.getKey().longValue();
    }

    /** A row to store: its number in the file, the matched household, kind, amount and date. */
    record Row(int rowNo, long householdId, String kind, double amount, java.time.LocalDate date) {
    }

    void insertRecords(long batchId, List<Row> rows) {
        jdbc.batchUpdate("insert into monitoring_dept_record(batch_id, row_no, household_id, kind, amount, event_date) values (?, ?, ?, ?, ?, ?)",
                rows, 1000, (ps, r) -> {
                    ps.setLong(1, batchId);
                    ps.setInt(2, r.rowNo());
                    ps.setLong(3, r.householdId());
                    ps.setString(4, r.kind());
                    ps.setDouble(5, r.amount());
                    ps.setDate(6, Date.valueOf(r.date()));
                });
    }

    long recordCount() {
        return db.sql("select count(*) from monitoring_dept_record").query(Long.class).single();
    }

    /** Batches of a country, newest first. */
    List<Map<String, Object>> batches(String country, int limit) {
        return db.sql("select id, source_name, file_name, row_count, imported_by, imported_at from monitoring_dept_batch where country_code = ? order by id desc limit " + limit)
                .param(country).query((rs, n) -> {
                    Map<String, Object> m = new java.util.LinkedHashMap<>();
                    m.put("id", rs.getLong(1));
                    m.put("source", rs.getString(2));
                    m.put("fileName", rs.getString(3));
                    m.put("rows", rs.getInt(4));
                    m.put("importedBy", rs.getString(5));
                    m.put("importedAt", rs.getTimestamp(6).toInstant());
                    return m;
                }).list();
    }
}
