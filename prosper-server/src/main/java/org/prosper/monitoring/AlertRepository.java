package org.prosper.monitoring;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.prosper.platform.Clip;
import org.prosper.platform.CopyRows;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.json.JsonMapper;

/** Monitoring runs and alerts in the database. */
@Repository
class AlertRepository {

    static final String ALERT_COLUMNS = "id, household_id, household_code, country_code, org_path, rule_id, risk_type, severity, "
            + "reason, reason_zh, evidence, fingerprint, profile_version, first_run_id, resolved_run_id, case_id, created_at, reason_local";
    /** The lengths of monitoring_run.trigger_source and message (V40): a trigger names an uploaded file, a message a failure. */
    private static final int TRIGGER_LENGTH = 200, MESSAGE_LENGTH = 2000;

    static final String RUN_COLUMNS = "id, country_code, kind, state, profile_code, profile_version, scope_paths, trigger_source, "
            + "actor, job_id, households, alerts_found, alerts_new, alerts_resolved, started_at, finished_at, message";

    private final JdbcClient db;
    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    AlertRepository(JdbcClient db, JdbcTemplate jdbc, JsonMapper json) {
        this.db = db;
        this.jdbc = jdbc;
        this.json = json;
    }

    Alert mapAlert(ResultSet rs, int n) throws SQLException {
        long resolved = rs.getLong(15);
        Long resolvedRun = rs.wasNull() ? null : resolved;
        long caseId = rs.getLong(16);
        Long theCase = rs.wasNull() ? null : caseId;
        return new Alert(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), json.readTree(rs.getString(11)),
                rs.getString(12), rs.getInt(13), rs.getLong(14), resolvedRun, theCase, rs.getTimestamp(17).toInstant(), rs.getString(18));
    }

    static Run mapRun(ResultSet rs, int n) throws SQLException {
        Timestamp finished = rs.getTimestamp(16);
        return new Run(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getLong(11), rs.getLong(12),
                rs.getLong(13), rs.getLong(14), rs.getTimestamp(15).toInstant(), finished == null ? null : finished.toInstant(),
                rs.getString(17));
    }

    long insertRun(String country, String kind, String profileCode, int profileVersion, String scopePaths, String trigger,
                   String actor, String jobId) {
        var key = new org.springframework.jdbc.support.GeneratedKeyHolder();
        // started on this server's clock, as the start of the server that runs it is (see failRunsStartedBefore)
        db.sql("insert into monitoring_run(country_code, kind, state, profile_code, profile_version, scope_paths, trigger_source, actor, job_id, "
                        + "started_at) values (?, ?, 'RUNNING', ?, ?, ?, ?, ?, ?, ?)")
                .params(country, kind, profileCode, profileVersion, scopePaths, Clip.clip(trigger, TRIGGER_LENGTH), actor, jobId, Timestamp.from(java.time.Instant.now()))
                .update(key, "id");
        return key.getKey().longValue();
    }

    /** Marks FAILED, with this message, the runs still RUNNING that started before the given instant; returns how many. */
    int failRunsStartedBefore(java.time.Instant before, String message) {
        return db.sql("update monitoring_run set state = 'FAILED', finished_at = ?, message = ? where state = 'RUNNING' and started_at < ?")
                .params(Timestamp.from(java.time.Instant.now()), Clip.clip(message, MESSAGE_LENGTH), Timestamp.from(before)).update();
    }

    void finishRun(long id, String state, long households, long found, long created, long resolved, String message) {
        db.sql("update monitoring_run set state = ?, households = ?, alerts_found = ?, alerts_new = ?, alerts_resolved = ?, "
                        + "finished_at = ?, message = ? where id = ?")
                .params(state, households, found, created, resolved, Timestamp.from(java.time.Instant.now()),
                        Clip.clip(message, MESSAGE_LENGTH), id)
                .update();
    }

    java.util.Optional<Run> run(long id) {
        return db.sql("select " + RUN_COLUMNS + " from monitoring_run where id = ?").param(id).query(AlertRepository::mapRun).optional();
    }

    List<Run> runs(String where, List<Object> params, int limit) {
        return db.sql("select " + RUN_COLUMNS + " from monitoring_run where " + where + " order by id desc limit " + limit)
                .params(params).query(AlertRepository::mapRun).list();
    }

    /** The open alerts matching a condition, for the rules given (in the profile's order). */
    OpenAlerts openAlerts(String where, List<Object> params, List<String> rules) {
        OpenAlerts open = new OpenAlerts(rules);
        jdbc.query(con -> {
            var ps = con.prepareStatement("select id, household_id, rule_id, fingerprint, reason_local is null from monitoring_alert "
                    + "where resolved_run_id is null and " + where);
            ps.setFetchSize(5000);
            for (int i = 0; i < params.size(); i++) ps.setObject(i + 1, params.get(i));
            return ps;
        }, rs -> {
            open.add(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getBoolean(5));
        });
        return open.index();
    }

    /** A new alert before it is written. */
    record NewAlert(long householdId, String householdCode, String countryCode, String orgPath, String ruleId, String riskType,
                    String severity, String reason, String reasonZh, String reasonLocal, String evidence, String fingerprint, int profileVersion) {
    }

    private static final String INSERT_COLUMNS = "household_id, household_code, country_code, org_path, rule_id, risk_type, severity, "
            + "reason, reason_zh, reason_local, evidence, fingerprint, profile_version, first_run_id";

    /** Writes new alerts in the order given, on this thread's connection and transaction (see {@link #inserting}). */
    void insertAlerts(long runId, List<NewAlert> alerts) {
        try (Inserting inserting = inserting(runId)) {
            inserting.write(alerts);
            inserting.finish();
        }
    }

    /**
     * New alerts of a run written as they come, in order, on this thread's connection and transaction (open one
     * first): by COPY on PostgreSQL (a first national run writes hundreds of thousands, and its rows are sent while the
     * database inserts the ones before), else in batches. Close it after {@link Inserting#finish()}; closed before, a
     * COPY under way is cancelled (the transaction is to be rolled back anyway).
     */
    Inserting inserting(long runId) {
        return new Inserting(runId);
    }

    final class Inserting implements AutoCloseable {
        private final long runId;
        private java.sql.Connection con;
        private org.postgresql.copy.CopyIn copy;
        private CopyRows rows;
        private long written;

        private Inserting(long runId) {
            this.runId = runId;
        }

        /** Writes these alerts (each read once, in order) after those written before. */
        void write(List<NewAlert> alerts) {
            if (alerts.isEmpty()) return;
            try {
                if (con == null) {
                    con = org.springframework.jdbc.datasource.DataSourceUtils.getConnection(jdbc.getDataSource());
                    if (con.isWrapperFor(org.postgresql.PGConnection.class)) {
                        copy = con.unwrap(org.postgresql.PGConnection.class).getCopyAPI()
                                .copyIn("copy monitoring_alert(" + INSERT_COLUMNS + ") from stdin");
                        rows = new CopyRows(CHUNK);
                    }
                }
                if (copy == null) batchAlerts(runId, alerts);
                else copyRows(alerts, runId, rows, this::send);
                written += alerts.size();
            } catch (SQLException e) {
                throw new IllegalStateException("writing alerts failed after " + written + ": " + e.getMessage(), e);
            }
        }

        private void send(byte[] chunk) throws SQLException {
            copy.writeToCopy(chunk, 0, chunk.length);
        }

        /** Ends the writing: the alerts are in the table (in this transaction). */
        void finish() {
            if (copy == null) return;
            try {
                if (rows.size() > 0) send(rows.take());
                copy.endCopy();
            } catch (SQLException e) {
                throw new IllegalStateException("writing " + written + " alerts failed: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            if (con == null) return;
            try {
                if (copy != null && copy.isActive()) copy.cancelCopy();
            } catch (SQLException e) {
                // the transaction is rolled back anyway
            } finally {
                org.springframework.jdbc.datasource.DataSourceUtils.releaseConnection(con, jdbc.getDataSource());
                con = null;
            }
        }
    }

    private static final int CHUNK = 1 << 20;

    @FunctionalInterface
    interface Chunks {
        void write(byte[] chunk) throws SQLException;
    }

    /** COPY's text of the alerts in chunks of about a megabyte of UTF-8, in order. */
    static void copyText(List<NewAlert> alerts, long runId, Chunks out) throws SQLException {
        CopyRows rows = new CopyRows(CHUNK);
        copyRows(alerts, runId, rows, out);
        if (rows.size() > 0) out.write(rows.take());
    }

    /** Adds the alerts' COPY rows to {@code rows}, handing on each chunk of about a megabyte as it fills up. */
    private static void copyRows(List<NewAlert> alerts, long runId, CopyRows rows, Chunks out) throws SQLException {
        for (NewAlert a : alerts) {
            row(rows, a, runId);
            if (rows.size() > CHUNK - 8192) out.write(rows.take());
        }
    }

    private static void row(CopyRows rows, NewAlert a, long runId) {
        rows.number(a.householdId());
        rows.text(a.householdCode());
        rows.text(a.countryCode());
        rows.text(a.orgPath());
        rows.text(a.ruleId());
        rows.text(a.riskType());
        rows.text(a.severity());
        rows.text(a.reason());
        rows.text(a.reasonZh());
        rows.text(a.reasonLocal());
        rows.text(a.evidence());
        rows.text(a.fingerprint());
        rows.number(a.profileVersion());
        rows.last(runId);
    }

    private void batchAlerts(long runId, List<NewAlert> alerts) {
        for (int from = 0; from < alerts.size(); from += 2000) {
            jdbc.batchUpdate("insert into monitoring_alert(household_id, household_code, country_code, org_path, rule_id, risk_type, severity, "
                            + "reason, reason_zh, reason_local, evidence, fingerprint, profile_version, first_run_id) "
                            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    alerts.subList(from, Math.min(alerts.size(), from + 2000)), 2000, (ps, a) -> {
                        ps.setLong(1, a.householdId());
                        ps.setString(2, a.householdCode());
                        ps.setString(3, a.countryCode());
                        ps.setString(4, a.orgPath());
                        ps.setString(5, a.ruleId());
                        ps.setString(6, a.riskType());
                        ps.setString(7, a.severity());
                        ps.setString(8, a.reason());
                        ps.setString(9, a.reasonZh());
                        ps.setString(10, a.reasonLocal());
                        ps.setString(11, a.evidence());
                        ps.setString(12, a.fingerprint());
                        ps.setInt(13, a.profileVersion());
                        ps.setLong(14, runId);
                    });
        }
    }

    /** Gives the alerts a run wrote their households' paths as they are now; returns those paths. */
    Set<String> followHouseholds(long runId) {
        db.sql("update monitoring_alert set org_path = (select h.org_path from household h where h.id = monitoring_alert.household_id) "
                + "where first_run_id = ?").param(runId).update();
        return new HashSet<>(db.sql("select distinct org_path from monitoring_alert where first_run_id = ?").param(runId).query(String.class).list());
    }

    /** Gives open alerts found again their reason in their country's own language, where they were raised without one. */
    void addLocalReasons(List<Evaluation.LocalReason> reasons) {
        for (int from = 0; from < reasons.size(); from += 2000) {
            jdbc.batchUpdate("update monitoring_alert set reason_local = ? where id = ? and reason_local is null",
                    reasons.subList(from, Math.min(reasons.size(), from + 2000)), 2000, (ps, r) -> {
                        ps.setString(1, r.reason());
                        ps.setLong(2, r.alertId());
                    });
        }
    }

    void resolve(long runId, List<Long> alertIds) {
        for (int from = 0; from < alertIds.size(); from += 2000) {
            jdbc.batchUpdate("update monitoring_alert set resolved_run_id = ? where id = ? and resolved_run_id is null",
                    alertIds.subList(from, Math.min(alertIds.size(), from + 2000)), 2000, (ps, id) -> {
                        ps.setLong(1, runId);
                        ps.setLong(2, id);
                    });
        }
    }

    List<Alert> alerts(String where, List<Object> params, int limit, long offset) {
        List<Object> all = new ArrayList<>(params);
        all.add(limit);
        all.add(offset);
        return db.sql("select " + ALERT_COLUMNS + " from monitoring_alert where " + where + " order by id limit ? offset ?")
                .params(all).query(this::mapAlert).list();
    }

    long count(String where, List<Object> params) {
        return db.sql("select count(*) from monitoring_alert where " + where).params(params).query(Long.class).single();
    }

    java.util.Optional<Alert> alert(long id) {
        return db.sql("select " + ALERT_COLUMNS + " from monitoring_alert where id = ?").param(id).query(this::mapAlert).optional();
    }

    /** The new alerts of a run, by household. */
    Map<Long, List<Long>> newAlertsByHousehold(long runId) {
        Map<Long, List<Long>> result = new HashMap<>();
        db.sql("select household_id, id from monitoring_alert where first_run_id = ?").param(runId).query(rs -> {
            result.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
        });
        return result;
    }

    /** Links alerts that belong to no case yet; one linked to another case meanwhile stays with it. */
    void linkToCase(List<Long> alertIds, long caseId) {
        jdbc.batchUpdate("update monitoring_alert set case_id = ? where id = ? and case_id is null", alertIds, 1000, (ps, id) -> {
            ps.setLong(1, caseId);
            ps.setLong(2, id);
        });
    }

    static void setNullableLong(java.sql.PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) ps.setNull(i, Types.BIGINT); else ps.setLong(i, v);
    }
}
