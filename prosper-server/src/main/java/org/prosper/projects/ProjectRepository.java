package org.prosper.projects;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.prosper.projects.ProjectData.*;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads and writes a project with all its parts; callers have already checked permission and scope. */
@Repository
public class ProjectRepository {

    private static final TypeReference<LinkedHashMap<String, String>> TEXT = new TypeReference<>() { };
    private static final TypeReference<List<List<String>>> PAIRS = new TypeReference<>() { };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<List<Coded>> CODED = new TypeReference<>() { };

    private final JdbcClient db;
    private final JsonMapper json;

    public ProjectRepository(JdbcClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** Served and comparison units of a project, resolved to org units by the caller. */
    public record UnitRow(long orgUnitId, String orgPath, String kind) {
    }

    // ---------------------------------------------------------------- writing

    /**
     * Inserts a new project (id null) or replaces every part of an existing one, keeping the ids of parts that have one.
     * A replacement counts as one more version; with {@code p.version()} set, it is refused if the stored version differs.
     */
    public long save(ProjectData p, Long programmeId, List<UnitRow> units, String username) {
        long id;
        Object[] head = {p.iatiIdentifier(), programmeId, p.language() == null ? "en" : p.language(), text(p.title()),
                text(p.description()), text(p.objectives()), p.status(), date(p.plannedStart()), date(p.plannedEnd()),
                date(p.actualStart()), date(p.actualEnd()), p.defaultCurrency(), p.theme(),
                p.reportingOrg() == null ? "" : nz(p.reportingOrg().ref()), p.reportingOrg() == null ? null : p.reportingOrg().type(),
                p.reportingOrg() == null ? null : text(p.reportingOrg().name()), p.hierarchy(),
                p.source() == null ? "PROSPER" : p.source(), p.planVersion() == null ? 1 : p.planVersion()};
        if (p.id() == null) {
            var key = new GeneratedKeyHolder();
            List<Object> params = new ArrayList<>(java.util.Arrays.asList(head));
            params.add(username);
            db.sql("insert into project(iati_identifier, programme_id, language, title, description, objectives, status, planned_start, "
                            + "planned_end, actual_start, actual_end, default_currency, theme, reporting_org_ref, reporting_org_type, "
                            + "reporting_org_name, hierarchy, source, plan_version, created_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(params)
                    .update(key, "id");
            id = key.getKey().longValue();
        } else {
            id = p.id();
            List<Object> all = new ArrayList<>(java.util.Arrays.asList(head));
            all.add(id);
            if (p.version() != null) all.add(p.version());
            int updated = db.sql("update project set iati_identifier = ?, programme_id = ?, language = ?, title = ?, description = ?, objectives = ?, "
                            + "status = ?, planned_start = ?, planned_end = ?, actual_start = ?, actual_end = ?, default_currency = ?, theme = ?, "
                            + "reporting_org_ref = ?, reporting_org_type = ?, reporting_org_name = ?, hierarchy = ?, source = ?, plan_version = ?, "
                            + "updated_at = current_timestamp, version = version + 1 where id = ?" + (p.version() == null ? "" : " and version = ?"))
                    .params(all).update();
            if (updated == 0) {
                int current = db.sql("select version from project where id = ?").param(id).query(Integer.class).single();
                throw ProjectConflictProblem.changedMeanwhile(id, current, p.version());
            }
            for (String table : List.of("project_partner", "project_unit", "project_country", "project_sector", "project_tag",
                    "project_budget", "project_transaction")) {
                db.sql("delete from " + table + " where project_id = ?").param(id).update();
            }
            db.sql("delete from indicator_value where indicator_id in (select id from project_indicator where project_id = ?)").param(id).update();
            db.sql("delete from indicator_period where indicator_id in (select id from project_indicator where project_id = ?)").param(id).update();
            db.sql("delete from project_indicator where project_id = ?").param(id).update();
            db.sql("delete from project_result where project_id = ?").param(id).update();
        }
        int seq = 0;
        for (Org o : p.partners()) {
            db.sql("insert into project_partner(project_id, seq, ref, type, role, activity_id, name) values (?, ?, ?, ?, ?, ?, ?)")
                    .params(id, seq++, o.ref(), o.type(), o.role(), o.activityId(), text(o.name())).update();
        }
        for (UnitRow u : units) {
            db.sql("insert into project_unit(project_id, org_unit_id, org_path, kind) values (?, ?, ?, ?)")
                    .params(id, u.orgUnitId(), u.orgPath(), u.kind()).update();
        }
        seq = 0;
        for (CountryShare c : p.countries()) {
            db.sql("insert into project_country(project_id, seq, code, percentage) values (?, ?, ?, ?)").params(id, seq++, c.code(), c.percentage()).update();
        }
        seq = 0;
        for (Sector s : p.sectors()) {
            db.sql("insert into project_sector(project_id, seq, vocabulary, code, percentage, narrative) values (?, ?, ?, ?, ?, ?)")
                    .params(id, seq++, s.vocabulary(), s.code(), s.percentage(), text(s.narrative())).update();
        }
        seq = 0;
        for (Tag t : p.tags()) {
            db.sql("insert into project_tag(project_id, seq, vocabulary, code, narrative) values (?, ?, ?, ?, ?)")
                    .params(id, seq++, t.vocabulary(), t.code(), text(t.narrative())).update();
        }
        seq = 0;
        for (Budget b : p.budgets()) {
            db.sql("insert into project_budget(project_id, seq, type, status, period_start, period_end, amount, currency, value_date) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(id, seq++, b.type(), b.status(), date(b.periodStart()), date(b.periodEnd()), b.value(), b.currency(), date(b.valueDate())).update();
        }
        seq = 0;
        for (Transaction t : p.transactions()) {
            Org pr = t.provider(), rc = t.receiver();
            db.sql("insert into project_transaction(project_id, seq, ref, humanitarian, type, tx_date, amount, currency, value_date, description, "
                            + "provider_ref, provider_type, provider_activity_id, provider_name, receiver_ref, receiver_type, receiver_activity_id, "
                            + "receiver_name, classifications) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(id, seq++, t.ref(), t.humanitarian(), t.type(), date(t.date()), t.value(), t.currency(), date(t.valueDate()),
                            text(t.description()), pr == null ? null : pr.ref(), pr == null ? null : pr.type(), pr == null ? null : pr.activityId(),
                            pr == null ? null : nullIfEmpty(pr.name()), rc == null ? null : rc.ref(), rc == null ? null : rc.type(),
                            rc == null ? null : rc.activityId(), rc == null ? null : nullIfEmpty(rc.name()),
                            t.classifications().isEmpty() ? null : json.writeValueAsString(t.classifications()))
                    .update();
        }
        int rseq = 0;
        for (Result r : p.results()) {
            long rid = insertWithId("project_result", r.id(),
                    List.of("project_id", "seq", "level", "type", "aggregation_status", "title", "description", "extra_xml"),
                    List.of(id, rseq++, r.level(), r.type() != null && !r.type().isEmpty() ? r.type() : IatiWriter.RESULT_TYPE.getOrDefault(r.level(), "9"),
                            opt(r.aggregationStatus()), opt(text(r.title())), opt(text(r.description())), opt(r.extraXml())));
            int iseq = 0;
            for (Indicator ind : r.indicators()) {
                long iid = insertWithId("project_indicator", ind.id(),
                        List.of("result_id", "project_id", "seq", "code", "title", "description", "family", "unit", "measure", "ascending",
                                "aggregation_status", "disaggregations", "source", "dataset", "variable", "statistic", "threshold", "extra_xml"),
                        List.of(rid, id, iseq++, opt(ind.code()), opt(text(ind.title())), opt(text(ind.description())), opt(ind.family()), opt(ind.unit()),
                                ind.measure() == null ? "1" : ind.measure(), opt(ind.ascending()), opt(ind.aggregationStatus()),
                                ind.disaggregations().isEmpty() ? NULL : String.join(",", ind.disaggregations()),
                                ind.source() == null ? "ENTERED" : ind.source(), opt(ind.dataset()), opt(ind.variable()), opt(ind.statistic()),
                                opt(ind.threshold()), opt(ind.extraXml())));
                int vseq = 0;
                for (Value v : ind.baselines()) insertValue(iid, null, "BASELINE", vseq++, v);
                int pseq = 0;
                for (Period per : ind.periods()) {
                    long pid = insertWithId("indicator_period", per.id(), List.of("indicator_id", "seq", "period_start", "period_end", "round_code"),
                            List.of(iid, pseq++, date(per.start()), date(per.end()), opt(per.roundCode())));
                    int tseq = 0;
                    for (Value v : per.targets()) insertValue(iid, pid, "TARGET", tseq++, v);
                    int aseq = 0;
                    for (Value v : per.actuals()) insertValue(iid, pid, "ACTUAL", aseq++, v);
                }
            }
        }
        return id;
    }

    private void insertValue(long indicatorId, Long periodId, String kind, int seq, Value v) {
        List<List<String>> dims = v.dimensions().stream().map(d -> List.of(nz(d.name()), nz(d.value()))).toList();
        db.sql("insert into indicator_value(indicator_id, period_id, kind, seq, base_year, iso_date, val, dimensions, locations, comment, evidence, "
                        + "source, computed_at, extra_xml) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(indicatorId, periodId, kind, seq, v.year(), date(v.isoDate()), v.value(),
                        dims.isEmpty() ? null : json.writeValueAsString(dims),
                        v.locations().isEmpty() ? null : json.writeValueAsString(v.locations()),
                        nullIfEmpty(v.comment()), v.evidence(), v.source() == null ? "ENTERED" : v.source(),
                        "COMPUTED".equals(v.source()) ? java.sql.Timestamp.from(java.time.Instant.now()) : null, v.extraXml())
                .update();
    }

    /** Inserts a row keeping its id when it has one, so that links to results and indicators survive a plan change. */
    private long insertWithId(String table, Long id, List<String> columns, List<Object> values) {
        List<Object> params = new ArrayList<>(unwrap(values));
        String cols = String.join(", ", columns);
        String marks = String.join(", ", java.util.Collections.nCopies(columns.size(), "?"));
        if (id != null) {
            params.addFirst(id);
            db.sql("insert into " + table + "(id, " + cols + ") values (?, " + marks + ")").params(params).update();
            return id;
        }
        var key = new GeneratedKeyHolder();
        db.sql("insert into " + table + "(" + cols + ") values (" + marks + ")").params(params).update(key, "id");
        return key.getKey().longValue();
    }

    /** Replaces the baseline or a period's values of one kind for an indicator (actual entry and computed actuals). */
    public void replaceValues(long indicatorId, Long periodId, String kind, List<Value> values) {
        if (periodId == null) {
            db.sql("delete from indicator_value where indicator_id = ? and period_id is null and kind = ?").params(indicatorId, kind).update();
        } else {
            db.sql("delete from indicator_value where indicator_id = ? and period_id = ? and kind = ?").params(indicatorId, periodId, kind).update();
        }
        int seq = 0;
        for (Value v : values) insertValue(indicatorId, periodId, kind, seq++, v);
    }

    public long insertPeriod(long indicatorId, LocalDate start, LocalDate end) {
        int seq = db.sql("select coalesce(max(seq), -1) + 1 from indicator_period where indicator_id = ?").param(indicatorId).query(Integer.class).single();
        return insertWithId("indicator_period", null, List.of("indicator_id", "seq", "period_start", "period_end", "round_code"),
                List.of(indicatorId, seq, date(start), date(end), NULL));
    }

    public void delete(long id) {
        db.sql("delete from project where id = ?").param(id).update();
    }

    /** Records a change made to a part of the project (an actual entered or computed): one more version. */
    public void touch(long id) {
        db.sql("update project set updated_at = current_timestamp, version = version + 1 where id = ?").param(id).update();
    }

    // ---------------------------------------------------------------- reading

    public Optional<Long> idByIdentifier(String iatiIdentifier) {
        return db.sql("select id from project where iati_identifier = ?").param(iatiIdentifier).query(Long.class).optional();
    }

    public List<UnitRow> units(long projectId) {
        return db.sql("select org_unit_id, org_path, kind from project_unit where project_id = ? order by kind desc, org_path")
                .param(projectId).query((rs, n) -> new UnitRow(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
    }

    public Optional<ProjectData> find(long id) {
        return db.sql("select p.*, g.code as programme_code from project p left join programme g on g.id = p.programme_id where p.id = ?")
                .param(id).query((rs, n) -> head(rs)).optional().map(this::complete);
    }

    private ProjectData head(ResultSet rs) throws SQLException {
        return new ProjectData(rs.getLong("id"), rs.getString("iati_identifier"), rs.getString("programme_code"), rs.getString("language"),
                text(rs.getString("title")), text(rs.getString("description")), text(rs.getString("objectives")), rs.getString("status"),
                local(rs.getDate("planned_start")), local(rs.getDate("planned_end")), local(rs.getDate("actual_start")),
                local(rs.getDate("actual_end")), rs.getString("default_currency"), rs.getString("theme"),
                new Org(emptyNull(rs.getString("reporting_org_ref")), rs.getString("reporting_org_type"), null, null, text(rs.getString("reporting_org_name"))),
                (Integer) rs.getObject("hierarchy"), rs.getString("source"), rs.getInt("plan_version"),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), rs.getInt("version"));
    }

    private ProjectData complete(ProjectData h) {
        long id = h.id();
        List<Org> partners = db.sql("select ref, type, role, activity_id, name from project_partner where project_id = ? order by seq").param(id)
                .query((rs, n) -> new Org(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), text(rs.getString(5)))).list();
        List<String> served = new ArrayList<>(), comparison = new ArrayList<>();
        db.sql("select u.code, pu.kind from project_unit pu join org_unit u on u.id = pu.org_unit_id where pu.project_id = ? order by u.path")
                .param(id).query(rs -> {
                    ("COMPARISON".equals(rs.getString(2)) ? comparison : served).add(rs.getString(1));
                });
        List<CountryShare> countries = db.sql("select code, percentage from project_country where project_id = ? order by seq").param(id)
                .query((rs, n) -> new CountryShare(rs.getString(1), rs.getBigDecimal(2))).list();
        List<Sector> sectors = db.sql("select vocabulary, code, percentage, narrative from project_sector where project_id = ? order by seq").param(id)
                .query((rs, n) -> new Sector(rs.getString(1), rs.getString(2), rs.getBigDecimal(3), text(rs.getString(4)))).list();
        List<Tag> tags = db.sql("select vocabulary, code, narrative from project_tag where project_id = ? order by seq").param(id)
                .query((rs, n) -> new Tag(rs.getString(1), rs.getString(2), text(rs.getString(3)))).list();
        List<Budget> budgets = db.sql("select type, status, period_start, period_end, amount, currency, value_date from project_budget where project_id = ? order by seq")
                .param(id).query((rs, n) -> new Budget(rs.getString(1), rs.getString(2), local(rs.getDate(3)), local(rs.getDate(4)),
                        strip(rs.getBigDecimal(5)), rs.getString(6), local(rs.getDate(7)))).list();
        List<Transaction> txs = db.sql("select * from project_transaction where project_id = ? order by seq").param(id)
                .query((rs, n) -> new Transaction(rs.getString("ref"), (Boolean) rs.getObject("humanitarian"), rs.getString("type"),
                        local(rs.getDate("tx_date")), strip(rs.getBigDecimal("amount")), rs.getString("currency"), local(rs.getDate("value_date")),
                        text(rs.getString("description")),
                        org(rs.getString("provider_ref"), rs.getString("provider_type"), rs.getString("provider_activity_id"), rs.getString("provider_name")),
                        org(rs.getString("receiver_ref"), rs.getString("receiver_type"), rs.getString("receiver_activity_id"), rs.getString("receiver_name")),
                        rs.getString("classifications") == null ? List.of() : json.readValue(rs.getString("classifications"), CODED))).list();
        Map<Long, List<Value>> baselines = new LinkedHashMap<>();
        Map<Long, List<Value>> targets = new LinkedHashMap<>();
        Map<Long, List<Value>> actuals = new LinkedHashMap<>();
        db.sql("select v.* from indicator_value v join project_indicator i on i.id = v.indicator_id where i.project_id = ? order by v.indicator_id, v.period_id, v.kind, v.seq")
                .param(id).query(rs -> {
                    Value v = value(rs);
                    String kind = rs.getString("kind");
                    if ("BASELINE".equals(kind)) baselines.computeIfAbsent(rs.getLong("indicator_id"), k -> new ArrayList<>()).add(v);
                    else (kind.equals("TARGET") ? targets : actuals).computeIfAbsent(rs.getLong("period_id"), k -> new ArrayList<>()).add(v);
                });
        Map<Long, List<Period>> periods = new LinkedHashMap<>();
        db.sql("select p.* from indicator_period p join project_indicator i on i.id = p.indicator_id where i.project_id = ? order by p.indicator_id, p.seq")
                .param(id).query(rs -> {
                    long pid = rs.getLong("id");
                    periods.computeIfAbsent(rs.getLong("indicator_id"), k -> new ArrayList<>()).add(new Period(pid, local(rs.getDate("period_start")),
                            local(rs.getDate("period_end")), rs.getString("round_code"), targets.getOrDefault(pid, List.of()), actuals.getOrDefault(pid, List.of())));
                });
        Map<Long, List<Indicator>> indicators = new LinkedHashMap<>();
        db.sql("select * from project_indicator where project_id = ? order by result_id, seq").param(id).query(rs -> {
            long iid = rs.getLong("id");
            String dis = rs.getString("disaggregations");
            indicators.computeIfAbsent(rs.getLong("result_id"), k -> new ArrayList<>()).add(new Indicator(iid, rs.getString("code"),
                    text(rs.getString("title")), text(rs.getString("description")), rs.getString("family"), rs.getString("unit"),
                    rs.getString("measure"), (Boolean) rs.getObject("ascending"), (Boolean) rs.getObject("aggregation_status"),
                    dis == null ? List.of() : List.of(dis.split(",")), rs.getString("source"), rs.getString("dataset"), rs.getString("variable"),
                    rs.getString("statistic"), (Double) rs.getObject("threshold", Double.class), rs.getString("extra_xml"),
                    baselines.getOrDefault(iid, List.of()), periods.getOrDefault(iid, List.of())));
        });
        List<Result> results = db.sql("select * from project_result where project_id = ? order by seq").param(id)
                .query((rs, n) -> new Result(rs.getLong("id"), rs.getString("level"), rs.getString("type"), (Boolean) rs.getObject("aggregation_status"),
                        text(rs.getString("title")), text(rs.getString("description")), rs.getString("extra_xml"),
                        indicators.getOrDefault(rs.getLong("id"), List.of()))).list();
        return new ProjectData(h.id(), h.iatiIdentifier(), h.programmeCode(), h.language(), h.title(), h.description(), h.objectives(),
                h.status(), h.plannedStart(), h.plannedEnd(), h.actualStart(), h.actualEnd(), h.defaultCurrency(), h.theme(), h.reportingOrg(),
                h.hierarchy(), h.source(), h.planVersion(), partners, served, comparison, countries, sectors, tags, budgets, txs, results, h.version());
    }

    private Value value(ResultSet rs) throws SQLException {
        String dims = rs.getString("dimensions");
        String locs = rs.getString("locations");
        List<Dimension> dimensions = dims == null ? List.of() : json.readValue(dims, PAIRS).stream().map(p -> new Dimension(p.get(0), p.get(1))).toList();
        return new Value((Integer) rs.getObject("base_year", Integer.class), local(rs.getDate("iso_date")), rs.getString("val"), dimensions,
                locs == null ? List.of() : json.readValue(locs, STRINGS), text(rs.getString("comment")), rs.getString("evidence"),
                rs.getString("source"), rs.getString("extra_xml"));
    }

    private Org org(String ref, String type, String activityId, String name) {
        if (ref == null && type == null && activityId == null && name == null) return null;
        return new Org(ref, type, null, activityId, text(name));
    }

    // ---------------------------------------------------------------- helpers

    private static final Object NULL = new Object();

    private static Object opt(Object o) {
        return o == null ? NULL : o;
    }

    private static List<Object> unwrap(List<Object> values, Object... more) {
        List<Object> out = new ArrayList<>();
        for (Object o : values) out.add(o == NULL ? null : o);
        for (Object o : more) out.add(o);
        return out;
    }

    String text(Map<String, String> t) {
        return t == null || t.isEmpty() ? null : json.writeValueAsString(t);
    }

    private String nullIfEmpty(Map<String, String> t) {
        return text(t);
    }

    Map<String, String> text(String s) {
        return s == null || s.isBlank() ? Map.of() : Texts.copy(json.readValue(s, TEXT));
    }

    private static Date date(LocalDate d) {
        return d == null ? null : Date.valueOf(d);
    }

    private static LocalDate local(Date d) {
        return d == null ? null : d.toLocalDate();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String emptyNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    static BigDecimal strip(BigDecimal b) {
        if (b == null) return null;
        BigDecimal s = b.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
