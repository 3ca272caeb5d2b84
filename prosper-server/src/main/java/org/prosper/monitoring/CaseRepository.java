package org.prosper.monitoring;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.json.JsonMapper;

/** Cases, their steps and evidence, and support measures in the database. */
@Repository
class CaseRepository {

    static final String COLUMNS = "id, household_id, household_code, country_code, org_path, state, category, risk_types, detection, "
            + "no_labour, profile_version, opened_by, opened_at, state_since, step_due_at, decision_due_at, support_due_at, "
            + "enrolled_at, eliminated_at, elimination_mode, notice_from, notice_to, relapses, version";
    static final String SUPPORT_COLUMNS = "id, case_id, household_id, measure, risk_type, status, amount, currency, planned_on, start_on, "
            + "end_on, agency, note, created_by, created_at, version";

    private final JdbcClient db;
    private final JsonMapper json;

    CaseRepository(JdbcClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** A case row, without steps, alerts or support (filled in by the service). */
    record Row(long id, long householdId, String householdCode, String countryCode, String orgPath, CaseState state, String category,
               List<String> riskTypes, String detection, boolean noLabour, int profileVersion, String openedBy, Instant openedAt,
               Instant stateSince, Instant stepDueAt, Instant decisionDueAt, Instant supportDueAt, Instant enrolledAt,
               Instant eliminatedAt, String eliminationMode, LocalDate noticeFrom, LocalDate noticeTo, int relapses, int version) {
    }

    static Row map(ResultSet rs, int n) throws SQLException {
        String risks = rs.getString(8);
        return new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), CaseState.valueOf(rs.getString(6)),
                rs.getString(7), risks == null || risks.isBlank() ? List.of() : Arrays.asList(risks.split(",")), rs.getString(9),
                rs.getBoolean(10), rs.getInt(11), rs.getString(12), instant(rs, 13), instant(rs, 14), instant(rs, 15), instant(rs, 16),
                instant(rs, 17), instant(rs, 18), instant(rs, 19), rs.getString(20), date(rs, 21), date(rs, 22), rs.getInt(23), rs.getInt(24));
    }

    private static Instant instant(ResultSet rs, int i) throws SQLException {
        Timestamp t = rs.getTimestamp(i);
        return t == null ? null : t.toInstant();
    }

    private static LocalDate date(ResultSet rs, int i) throws SQLException {
        Date d = rs.getDate(i);
        return d == null ? null : d.toLocalDate();
    }

    static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    long insert(long householdId, String code, String country, String orgPath, List<String> riskTypes, String detection,
                boolean noLabour, int profileVersion, String by, Instant now, Instant stepDue, Instant decisionDue) {
        var key = new GeneratedKeyHolder();
        db.sql("insert into monitoring_case(household_id, household_code, country_code, org_path, state, risk_types, detection, no_labour, "
                        + "profile_version, opened_by, opened_at, state_since, step_due_at, decision_due_at) values (?, ?, ?, ?, 'ALERT', ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(householdId, code, country, orgPath, String.join(",", riskTypes), detection, noLabour, profileVersion, by,
                        ts(now), ts(now), ts(stepDue), ts(decisionDue))
                .update(key, "id");
        return key.getKey().longValue();
    }

    Optional<Row> byId(long id) {
        return db.sql("select " + COLUMNS + " from monitoring_case where id = ?").param(id).query(CaseRepository::map).optional();
    }

    /** Locks the household's registry row until the transaction ends, so that its cases are opened one at a time. */
    void lockHousehold(long householdId) {
        db.sql("select id from household where id = ? for update").param(householdId).query(Long.class).optional();
    }

    Optional<Row> liveForHousehold(long householdId) {
        return db.sql("select " + COLUMNS + " from monitoring_case where household_id = ? and state not in ('REJECTED', 'CLOSED') order by id desc limit 1")
                .param(householdId).query(CaseRepository::map).optional();
    }

    List<Row> forHousehold(long householdId) {
        return db.sql("select " + COLUMNS + " from monitoring_case where household_id = ? order by id").param(householdId)
                .query(CaseRepository::map).list();
    }

    List<Row> page(String where, List<Object> params, int limit, long offset) {
        List<Object> all = new ArrayList<>(params);
        all.add(limit);
        all.add(offset);
        return db.sql("select " + COLUMNS + " from monitoring_case where " + where + " order by id desc limit ? offset ?")
                .params(all).query(CaseRepository::map).list();
    }

    long count(String where, List<Object> params) {
        return db.sql("select count(*) from monitoring_case where " + where).params(params).query(Long.class).single();
    }

    /** Moves a case to a state if it is still at the version read; false if someone else moved it first. */
    boolean update(Row r, int expectedVersion) {
        return db.sql("update monitoring_case set state = ?, category = ?, risk_types = ?, no_labour = ?, state_since = ?, step_due_at = ?, "
                        + "decision_due_at = ?, support_due_at = ?, enrolled_at = ?, eliminated_at = ?, elimination_mode = ?, notice_from = ?, "
                        + "notice_to = ?, relapses = ?, version = version + 1 where id = ? and version = ?")
                .params(r.state().name(), r.category(), String.join(",", r.riskTypes()), r.noLabour(), ts(r.stateSince()), ts(r.stepDueAt()),
                        ts(r.decisionDueAt()), ts(r.supportDueAt()), ts(r.enrolledAt()), ts(r.eliminatedAt()), r.eliminationMode(),
                        r.noticeFrom() == null ? null : Date.valueOf(r.noticeFrom()), r.noticeTo() == null ? null : Date.valueOf(r.noticeTo()),
                        r.relapses(), r.id(), expectedVersion)
                .update() == 1;
    }

    long insertStep(long caseId, String action, CaseState from, CaseState to, String actor, Instant at, String note, String data) {
        var key = new GeneratedKeyHolder();
        db.sql("insert into monitoring_case_step(case_id, action, from_state, to_state, actor, at, note, step_data) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(caseId, action, from == null ? null : from.name(), to.name(), actor, ts(at), note, data)
                .update(key, "id");
        return key.getKey().longValue();
    }

    List<MonitoringCase.Step> steps(long caseId) {
        List<MonitoringCase.Evidence> evidence = evidence(caseId);
        return db.sql("select id, action, from_state, to_state, actor, at, note, step_data from monitoring_case_step where case_id = ? order by id")
                .param(caseId).query((rs, n) -> {
                    long id = rs.getLong(1);
                    String data = rs.getString(8);
                    return new MonitoringCase.Step(id, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getTimestamp(6).toInstant(), rs.getString(7), data == null ? null : json.readTree(data),
                            evidence.stream().filter(e -> e.stepId() == id).toList());
                }).list();
    }

    void insertEvidence(long caseId, long stepId, String name, String type, long size, String sha256, String path, String by) {
        db.sql("insert into monitoring_evidence(case_id, step_id, file_name, content_type, size_bytes, sha256, stored_path, uploaded_by) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(caseId, stepId, name, type, size, sha256, path, by).update();
    }

    List<MonitoringCase.Evidence> evidence(long caseId) {
        return db.sql("select id, step_id, file_name, content_type, size_bytes, sha256, uploaded_by, uploaded_at from monitoring_evidence where case_id = ? order by id")
                .param(caseId).query((rs, n) -> new MonitoringCase.Evidence(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant())).list();
    }

    /** Where an evidence file is kept and the name it was uploaded with. */
    record StoredEvidence(String path, String fileName) {
    }

    Optional<StoredEvidence> evidence(long caseId, long evidenceId) {
        return db.sql("select stored_path, file_name from monitoring_evidence where case_id = ? and id = ?").params(caseId, evidenceId)
                .query((rs, n) -> new StoredEvidence(rs.getString(1), rs.getString(2))).optional();
    }

    static MonitoringCase.Support mapSupport(ResultSet rs, int n) throws SQLException {
        double amount = rs.getDouble(7);
        Double a = rs.wasNull() ? null : amount;
        return new MonitoringCase.Support(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5), rs.getString(6),
                a, rs.getString(8), date(rs, 9), date(rs, 10), date(rs, 11), rs.getString(12), rs.getString(13), rs.getString(14),
                rs.getTimestamp(15).toInstant(), rs.getInt(16));
    }

    List<MonitoringCase.Support> support(long caseId) {
        return db.sql("select " + SUPPORT_COLUMNS + " from monitoring_support where case_id = ? order by id").param(caseId)
                .query(CaseRepository::mapSupport).list();
    }

    List<MonitoringCase.Support> supportOfHousehold(long householdId) {
        return db.sql("select " + SUPPORT_COLUMNS + " from monitoring_support where household_id = ? order by id").param(householdId)
                .query(CaseRepository::mapSupport).list();
    }

    Optional<MonitoringCase.Support> supportById(long id) {
        return db.sql("select " + SUPPORT_COLUMNS + " from monitoring_support where id = ?").param(id).query(CaseRepository::mapSupport).optional();
    }

    long insertSupport(long caseId, long householdId, String orgPath, String measure, String riskType, Double amount, String currency,
                       LocalDate plannedOn, LocalDate startOn, LocalDate endOn, String agency, String note, String by) {
        var key = new GeneratedKeyHolder();
        db.sql("insert into monitoring_support(case_id, household_id, org_path, measure, risk_type, status, amount, currency, planned_on, "
                        + "start_on, end_on, agency, note, created_by) values (?, ?, ?, ?, ?, 'PLANNED', ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(caseId, householdId, orgPath, measure, riskType, amount, currency, Date.valueOf(plannedOn),
                        startOn == null ? null : Date.valueOf(startOn), endOn == null ? null : Date.valueOf(endOn), agency, note, by)
                .update(key, "id");
        return key.getKey().longValue();
    }

    boolean updateSupport(long id, int expectedVersion, String status, Double amount, LocalDate startOn, LocalDate endOn, String note) {
        return db.sql("update monitoring_support set status = ?, amount = ?, start_on = ?, end_on = ?, note = ?, version = version + 1 "
                        + "where id = ? and version = ?")
                .params(status, amount, startOn == null ? null : Date.valueOf(startOn), endOn == null ? null : Date.valueOf(endOn), note,
                        id, expectedVersion)
                .update() == 1;
    }

    long supportCount(long caseId, List<String> statuses) {
        List<Object> params = new ArrayList<>();
        params.add(caseId);
        params.addAll(statuses);
        return db.sql("select count(*) from monitoring_support where case_id = ? and status in (" + "?,".repeat(statuses.size() - 1) + "?)")
                .params(params).query(Long.class).single();
    }
}
