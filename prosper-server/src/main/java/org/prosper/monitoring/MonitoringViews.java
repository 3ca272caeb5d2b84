package org.prosper.monitoring;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.prosper.access.AccessDeniedProblem;
import org.prosper.access.Actor;
import org.prosper.access.AuditLog;
import org.prosper.access.ScopeSql;
import org.prosper.geo.GeoService;
import org.prosper.geo.OrgUnit;
import org.prosper.registry.Household;
import org.prosper.registry.HouseholdService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Read-only views over monitoring: dashboards with drill-down, a household's timeline, a village's public notice. */
@Service
public class MonitoringViews {

    private final JdbcClient db;
    private final GeoService geo;
    private final HouseholdService households;
    private final CaseRepository cases;
    private final AlertRepository alerts;
    private final ProfileStore profiles;
    private final AuditLog audit;
    private final JsonMapper json;

    public MonitoringViews(JdbcClient db, GeoService geo, HouseholdService households, CaseRepository cases, AlertRepository alerts,
                           ProfileStore profiles, AuditLog audit, JsonMapper json) {
        this.db = db;
        this.geo = geo;
        this.households = households;
        this.cases = cases;
        this.alerts = alerts;
        this.profiles = profiles;
        this.audit = audit;
        this.json = json;
    }

    String pathOf(Long orgUnitId) {
        return orgUnitId == null ? null : geo.unit(orgUnitId).path();
    }

    /** Counts for one unit (or a row of a dashboard). */
    public record Counts(long openAlerts, long newAlerts, long cases, long overdue, long eliminatedThisYear, long relapses,
                         Map<String, Long> byState) {
    }

    public record Row(long unitId, String code, String nameEn, String nameLocal, String countryCode, int depth, Counts counts) {

        public String displayName(String language) {
            return org.prosper.geo.LocalNames.choose(countryCode, language, nameEn, nameLocal);
        }
    }

    public record Dashboard(Long unitId, String unitName, List<OrgUnit> lineage, List<Row> rows, Counts total,
                            Map<String, Long> casesByRiskType, Map<String, Long> alertsByRiskType) {
    }

    public Dashboard dashboard(Actor actor, Long orgUnitId) {
        MonitoringAccess.requireWork(actor);
        List<OrgUnit> units;
        OrgUnit unit = null;
        if (orgUnitId == null) {
            units = geo.scopeRoots(actor);
        } else {
            unit = geo.unit(orgUnitId);
            if (!actor.reaches(unit.path())) throw new AccessDeniedProblem("org unit " + unit.code() + " is outside the org units of " + actor.username());
            units = geo.children(unit.id());
        }
        ScopeSql scope = ScopeSql.of(actor, "org_path");
        List<Object> params = new ArrayList<>(scope.params());
        String where = scope.clause();
        if (unit != null) {
            where += " and org_path like ?";
            params.add(unit.path() + "%");
        }
        Map<String, long[]> alertCounts = new HashMap<>();
        db.sql("select org_path, count(*), sum(case when case_id is null then 1 else 0 end) from monitoring_alert where resolved_run_id is null and "
                + where + " group by org_path").params(params).query(rs -> {
                    alertCounts.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
                });
        Timestamp now = Timestamp.from(Instant.now());
        Timestamp yearStart = Timestamp.from(LocalDate.now(ZoneOffset.UTC).withDayOfYear(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        List<Object> caseParams = new ArrayList<>(List.of(now, now, now, yearStart));
        caseParams.addAll(params);
        record CaseCount(String path, String state, long n, long overdue, long eliminated, long relapsed) {
        }
        List<CaseCount> caseCounts = db.sql("select org_path, state, count(*), sum(case when " + CaseService.overdueSql() + " then 1 else 0 end), "
                        + "sum(case when state = 'ELIMINATED' and eliminated_at >= ? then 1 else 0 end), sum(case when relapses > 0 then 1 else 0 end) "
                        + "from monitoring_case where " + where + " group by org_path, state")
                .params(caseParams).query((rs, n) -> new CaseCount(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6))).list();
        List<Row> rows = new ArrayList<>();
        for (OrgUnit u : units) {
            Counts c = counts(alertCounts, caseCounts.stream().map(x -> new Object[] {x.path(), x.state(), x.n(), x.overdue(), x.eliminated(), x.relapsed()}).toList(), u.path());
            if (c.openAlerts() + c.cases() > 0 || orgUnitId == null) rows.add(new Row(u.id(), u.code(), u.nameEn(), u.nameLocal(), u.countryCode(), u.depth(), c));
        }
        rows.sort(Comparator.comparing((Row r) -> -(r.counts().openAlerts() + r.counts().cases())).thenComparing(Row::code));
        Counts total = counts(alertCounts, caseCounts.stream().map(x -> new Object[] {x.path(), x.state(), x.n(), x.overdue(), x.eliminated(), x.relapsed()}).toList(), "");
        Map<String, Long> byRisk = new TreeMap<>();
        db.sql("select risk_types, count(*) from monitoring_case where " + where + " group by risk_types").params(params).query(rs -> {
            for (String t : rs.getString(1).split(",")) if (!t.isBlank()) byRisk.merge(t, rs.getLong(2), Long::sum);
        });
        Map<String, Long> alertRisk = new TreeMap<>();
        db.sql("select risk_type, count(*) from monitoring_alert where resolved_run_id is null and " + where + " group by risk_type").params(params)
                .query(rs -> {
                    alertRisk.put(rs.getString(1), rs.getLong(2));
                });
        return new Dashboard(unit == null ? null : unit.id(), unit == null ? null : unit.nameEn(), unit == null ? List.of() : geo.lineage(unit),
                rows, total, byRisk, alertRisk);
    }

    private static Counts counts(Map<String, long[]> alertCounts, List<Object[]> caseCounts, String prefix) {
        long open = 0, fresh = 0, total = 0, overdue = 0, eliminated = 0, relapses = 0;
        Map<String, Long> byState = new TreeMap<>();
        for (var e : alertCounts.entrySet()) {
            if (!e.getKey().startsWith(prefix)) continue;
            open += e.getValue()[0];
            fresh += e.getValue()[1];
        }
        for (Object[] c : caseCounts) {
            if (!((String) c[0]).startsWith(prefix)) continue;
            long n = (Long) c[2];
            total += n;
            byState.merge((String) c[1], n, Long::sum);
            overdue += (Long) c[3];
            eliminated += (Long) c[4];
            relapses += (Long) c[5];
        }
        return new Counts(open, fresh, total, overdue, eliminated, relapses, byState);
    }

    /** One thing that happened to a household. {@code kind}: REGISTRY, ALERT, ALERT_RESOLVED, CASE_STEP, SUPPORT. */
    /** {@code detailLocal}: the detail in the household's country's own language (an alert's reason), or null. */
    public record Event(Instant at, String kind, String code, String detail, String detailZh, String detailLocal, String localLanguage,
                        String actor, Long caseId, Long alertId) {

        public String detailIn(String language) {
            return Alert.inLanguage(language, localLanguage, detail, detailZh, detailLocal);
        }
    }

    public List<Event> timeline(Actor actor, long householdId) {
        MonitoringAccess.requireWork(actor);
        List<Household> found = households.withoutIdentifiers(actor, List.of(householdId));
        if (found.isEmpty()) throw new AccessDeniedProblem("household " + householdId + " is not in the org units of " + actor.username());
        List<Event> events = new ArrayList<>();
        for (AuditLog.Entry e : audit.search(org.prosper.access.Actor.system(),
                new AuditLog.AuditQuery(null, null, "household", String.valueOf(householdId), 0, 200)).items()) {
            if (!Set.of("CREATE", "UPDATE", "DELETE").contains(e.action())) continue;
            events.add(new Event(e.at(), "REGISTRY", e.action(), changedFields(e), null, null, null, e.actor(), null, null));
        }
        Map<Long, Instant> runEnds = new HashMap<>();
        for (Alert a : alerts.alerts("household_id = ?", List.of(householdId), 1000, 0)) {
            events.add(new Event(a.createdAt(), "ALERT", a.rule(), a.reason(), a.reasonZh(), a.reasonLocal(),
                    org.prosper.geo.LocalNames.languageOf(a.countryCode()), null, a.caseId(), a.id()));
            if (a.resolvedRunId() != null) {
                Instant end = runEnds.computeIfAbsent(a.resolvedRunId(), id -> alerts.run(id).map(Run::finishedAt).orElse(a.createdAt()));
                events.add(new Event(end, "ALERT_RESOLVED", a.rule(), a.reason(), a.reasonZh(), a.reasonLocal(),
                        org.prosper.geo.LocalNames.languageOf(a.countryCode()), null, a.caseId(), a.id()));
            }
        }
        for (CaseRepository.Row c : cases.forHousehold(householdId)) {
            for (MonitoringCase.Step s : cases.steps(c.id())) {
                String detail = (s.fromState() == null ? "" : s.fromState() + " → ") + s.toState() + (s.note() == null ? "" : ": " + s.note());
                events.add(new Event(s.at(), "CASE_STEP", s.action(), detail, null, null, null, s.actor(), c.id(), null));
            }
        }
        for (MonitoringCase.Support s : cases.supportOfHousehold(householdId)) {
            String amount = s.amount() == null ? "" : " " + RuleEngine.number(s.amount()) + " " + s.currency();
            events.add(new Event(s.createdAt(), "SUPPORT", s.measure(), "PLANNED" + amount + " (" + s.riskType() + ")", null, null, null, s.createdBy(), s.caseId(), null));
            if (!"PLANNED".equals(s.status()) && s.startOn() != null) {
                events.add(new Event(s.startOn().atStartOfDay().toInstant(ZoneOffset.UTC), "SUPPORT", s.measure(), s.status() + amount, null, null, null, null, s.caseId(), null));
            }
        }
        events.sort(Comparator.comparing(Event::at));
        return events;
    }

    private String changedFields(AuditLog.Entry e) {
        if (e.before() == null || e.after() == null) return null;
        JsonNode before = json.readTree(e.before());
        JsonNode after = json.readTree(e.after());
        List<String> changed = new ArrayList<>();
        for (Iterator<String> it = after.propertyNames().iterator(); it.hasNext(); ) {
            String name = it.next();
            if (Set.of("version", "updatedAt").contains(name)) continue;
            if (!after.path(name).equals(before.path(name))) changed.add(name);
        }
        return changed.isEmpty() ? null : String.join(", ", changed);
    }

    /** A village's public notice: never ID numbers, phones, bank accounts or health details. */
    public record NoticeItem(String householdCode, String headName, int members, List<String> riskTypes, boolean otherHardship,
                             LocalDate noticeFrom, LocalDate noticeTo) {
    }

    public record Notice(long unitId, String unitName, String unitNameLocal, String countryCode, List<NoticeItem> items,
                         List<String> complaintCategories, List<String> hiddenFields) {

        /** The village's name for a reader of {@code language}: its local name when that is the country's language. */
        public String unitNameIn(String language) {
            return org.prosper.geo.LocalNames.choose(countryCode, language, unitName, unitNameLocal);
        }
    }

    private static final Set<String> HEALTH = Set.of("ILLNESS", "DISABILITY");

    public Notice notice(Actor actor, long orgUnitId) {
        MonitoringAccess.requireWork(actor);
        OrgUnit unit = geo.unit(orgUnitId);
        if (!actor.reaches(unit.path())) throw new AccessDeniedProblem("org unit " + unit.code() + " is outside the org units of " + actor.username());
        List<NoticeItem> items = new ArrayList<>();
        for (CaseRepository.Row c : cases.page("state = 'VILLAGE_REVIEW' and org_path like ?", List.of(unit.path() + "%"), 500, 0)) {
            Household h = households.get(actor, c.householdId());
            List<String> shown = c.riskTypes().stream().filter(t -> !HEALTH.contains(t)).toList();
            items.add(new NoticeItem(c.householdCode(), h.headName(), h.members().size(), shown, shown.size() < c.riskTypes().size(),
                    c.noticeFrom(), c.noticeTo()));
        }
        CountryProfile p = profiles.forCountry(unit.countryCode()).profile();
        return new Notice(unit.id(), unit.nameEn(), unit.nameLocal(), unit.countryCode(), items, p.complaintCategories(), p.noticeHiddenFields());
    }

}
