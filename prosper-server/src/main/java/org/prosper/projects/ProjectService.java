package org.prosper.projects;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.prosper.access.AccessDeniedProblem;
import org.prosper.access.Actor;
import org.prosper.access.AuditLog;
import org.prosper.access.NotFoundProblem;
import org.prosper.access.Permission;
import org.prosper.access.ScopeSql;
import org.prosper.geo.GeoService;
import org.prosper.geo.OrgUnit;
import org.prosper.platform.FieldProblem;
import org.prosper.projects.ProjectData.*;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.node.ObjectNode;

/**
 * Projects and programmes. A project is visible to an actor whose scope reaches any org unit it serves, and editable
 * (with EDIT_PROJECTS) by one whose scope reaches every unit it serves or compares with. Projects that serve no unit
 * of the org-unit tree (imported activities elsewhere) are seen and edited by global actors only.
 */
@Service
public class ProjectService {

    private final ProjectRepository projects;
    private final ProjectValidator validator;
    private final GeoService geo;
    private final JdbcClient db;
    private final AuditLog audit;
    private final PlanVersions versions;
    private final FullSave fullSave;

    public ProjectService(ProjectRepository projects, ProjectValidator validator, GeoService geo, JdbcClient db, AuditLog audit,
                          PlanVersions versions, FullSave fullSave) {
        this.projects = projects;
        this.validator = validator;
        this.geo = geo;
        this.db = db;
        this.audit = audit;
        this.versions = versions;
        this.fullSave = fullSave;
    }

    public record ProjectQuery(String country, String programme, String q) {
    }

    public List<ProjectSummary> list(Actor actor, ProjectQuery query) {
        actor.require(Permission.VIEW_PROJECTS);
        StringBuilder where = new StringBuilder(" where 1=1");
        List<Object> params = new ArrayList<>();
        if (!actor.isGlobal()) {
            ScopeSql scope = ScopeSql.of(actor, "pu.org_path");
            where.append(" and exists (select 1 from project_unit pu where pu.project_id = p.id and pu.kind = 'SERVED' and ").append(scope.clause()).append(")");
            params.addAll(scope.params());
        }
        if (query != null && query.country() != null && !query.country().isBlank()) {
            where.append(" and exists (select 1 from project_country c where c.project_id = p.id and c.code = ?)");
            params.add(query.country().trim().toUpperCase());
        }
        if (query != null && query.programme() != null && !query.programme().isBlank()) {
            where.append(" and g.code = ?");
            params.add(query.programme().trim());
        }
        List<ProjectSummary> rows = db.sql("select p.id, p.iati_identifier, p.title, p.status, g.code, p.theme, p.planned_start, p.planned_end, p.source, p.plan_version "
                        + "from project p left join programme g on g.id = p.programme_id" + where + " order by g.code, p.iati_identifier")
                .params(params)
                .query((rs, n) -> new ProjectSummary(rs.getLong(1), rs.getString(2), projects.text(rs.getString(3)), rs.getString(4), rs.getString(5),
                        rs.getString(6), List.of(), local(rs.getDate(7)), local(rs.getDate(8)), rs.getString(9), rs.getInt(10)))
                .list();
        Map<Long, List<String>> countries = new java.util.HashMap<>();
        db.sql("select project_id, code from project_country order by project_id, seq")
                .query(rs -> { countries.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2)); });
        // the text is looked for in the titles' words, in every language, and in the identifier: the stored title is
        // JSON ({"en": ..., "zh": ...}), where a LIKE would also find language codes and quotes
        String text = query == null || query.q() == null || query.q().isBlank() ? null : query.q().strip().toLowerCase(Locale.ROOT);
        return rows.stream().filter(s -> text == null || matches(s, text))
                .map(s -> new ProjectSummary(s.id(), s.iatiIdentifier(), s.title(), s.status(), s.programmeCode(), s.theme(),
                        countries.getOrDefault(s.id(), List.of()), s.plannedStart(), s.plannedEnd(), s.source(), s.planVersion())).toList();
    }

    private static boolean matches(ProjectSummary project, String text) {
        if (project.iatiIdentifier() != null && project.iatiIdentifier().toLowerCase(Locale.ROOT).contains(text)) return true;
        return project.title().values().stream().anyMatch(t -> t != null && t.toLowerCase(Locale.ROOT).contains(text));
    }

    public ProjectData get(Actor actor, long id) {
        actor.require(Permission.VIEW_PROJECTS);
        requireVisible(actor, id);
        return projects.find(id).orElseThrow(() -> new NotFoundProblem("project " + id));
    }

    public boolean mayEdit(Actor actor, long id) {
        return actor.may(Permission.EDIT_PROJECTS) && reachesAll(actor, id);
    }

    /** Visible to the actor, else 404 when it does not exist and 403 when it lies outside the actor's org units. */
    void requireVisible(Actor actor, long id) {
        List<ProjectRepository.UnitRow> units = unitsOrNotFound(id);
        if (actor.isGlobal()) return;
        boolean reaches = units.stream().anyMatch(u -> "SERVED".equals(u.kind()) && actor.reaches(u.orgPath()));
        if (!reaches) throw new AccessDeniedProblem("project " + id + " is outside the org units of " + actor.username());
    }

    void requireEditable(Actor actor, long id) {
        actor.require(Permission.EDIT_PROJECTS);
        requireVisible(actor, id);
        if (!reachesAll(actor, id)) {
            throw new AccessDeniedProblem("project " + id + " serves org units outside those of " + actor.username() + "; only a user who reaches all of them may change it");
        }
    }

    boolean mayEditScope(Actor actor, long id) {
        return reachesAll(actor, id);
    }

    private boolean reachesAll(Actor actor, long id) {
        List<ProjectRepository.UnitRow> units = projects.units(id);
        if (actor.isGlobal()) return true;
        return !units.isEmpty() && units.stream().allMatch(u -> actor.reaches(u.orgPath()));
    }

    private List<ProjectRepository.UnitRow> unitsOrNotFound(long id) {
        if (db.sql("select count(*) from project where id = ?").param(id).query(Long.class).single() == 0) {
            throw new NotFoundProblem("project " + id);
        }
        return projects.units(id);
    }

    @Transactional
    public ProjectData create(Actor actor, ProjectData data) {
        actor.require(Permission.EDIT_PROJECTS);
        validator.requireWithinLimits(data);
        if (data.iatiIdentifier() != null && projects.idByIdentifier(data.iatiIdentifier()).isPresent()) {
            throw new InvalidProjectProblem("the project is not valid", List.of(FieldProblem.of(null, "iatiIdentifier", "problem.alreadyUsed", data.iatiIdentifier())));
        }
        ProjectData fresh = withDerivedCountries(data.withId(null));
        Long programmeId = check(actor, fresh);
        List<ProjectRepository.UnitRow> units = units(actor, fresh);
        fresh = new ProjectData(null, fresh.iatiIdentifier(), fresh.programmeCode(), fresh.language(), fresh.title(), fresh.description(),
                fresh.objectives(), fresh.status(), fresh.plannedStart(), fresh.plannedEnd(), fresh.actualStart(), fresh.actualEnd(),
                fresh.defaultCurrency(), fresh.theme(), fresh.reportingOrg(), fresh.hierarchy(), "PROSPER", 1, fresh.partners(),
                fresh.villages(), fresh.comparisonVillages(), fresh.countries(), fresh.sectors(), fresh.tags(), fresh.budgets(),
                fresh.transactions(), fresh.results(), null);
        long id = projects.save(defaults(fresh), programmeId, units, actor.username());
        ProjectData created = projects.find(id).orElseThrow();
        versions.record(id, 1, Plan.of(created), actor.username(), null);
        audit.record(actor, "CREATE", "project", String.valueOf(id), firstPath(units), null, created);
        return created;
    }

    /**
     * Saves a project whole over the stored one ({@link FullSave}: what the body leaves out stays as it is), refused
     * if the body names a version others have changed since. While the project is in the pipeline (status 1)
     * everything may change; afterwards its plan (targets, budget, activities, villages) changes only through an
     * approved change request, so a plan change here is refused.
     */
    @Transactional
    public ProjectData update(Actor actor, long id, ObjectNode body) {
        requireEditable(actor, id);
        ProjectData before = projects.find(id).orElseThrow();
        ProjectData data = fullSave.over(before, body);
        validator.requireWithinLimits(data);
        if (!data.version().equals(before.version())) throw ProjectConflictProblem.changedMeanwhile(id, before.version(), data.version());
        ProjectData after = withDerivedCountries(data.withId(id));
        Long programmeId = check(actor, after);
        if (!"1".equals(before.status())) {
            List<String> planChanges = Plan.of(before).diff(Plan.of(after));
            if (!planChanges.isEmpty()) {
                throw new ProjectConflictProblem("project " + id + " is past the pipeline stage: its plan changes only through a change request ("
                        + String.join("; ", planChanges) + ")");
            }
        }
        List<ProjectRepository.UnitRow> units = units(actor, after);
        after = new ProjectData(id, after.iatiIdentifier(), after.programmeCode(), after.language(), after.title(), after.description(),
                after.objectives(), after.status(), after.plannedStart(), after.plannedEnd(), after.actualStart(), after.actualEnd(),
                after.defaultCurrency(), after.theme(), after.reportingOrg(), after.hierarchy(), before.source(), before.planVersion(),
                after.partners(), after.villages(), after.comparisonVillages(), after.countries(), after.sectors(), after.tags(),
                after.budgets(), after.transactions(), after.results(), data.version());
        projects.save(defaults(after), programmeId, units, actor.username());
        ProjectData saved = projects.find(id).orElseThrow();
        if ("1".equals(before.status()) && !Plan.of(before).diff(Plan.of(saved)).isEmpty()) {
            versions.replaceCurrent(id, saved.planVersion(), Plan.of(saved), actor.username());
        }
        audit.record(actor, "UPDATE", "project", String.valueOf(id), firstPath(units), before, saved);
        return saved;
    }

    @Transactional
    public void delete(Actor actor, long id) {
        requireEditable(actor, id);
        ProjectData before = projects.find(id).orElseThrow();
        projects.delete(id);
        audit.record(actor, "DELETE", "project", String.valueOf(id), null, before, null);
    }

    /** Saves a project as a change request's approval made it: a new plan version, same ids. */
    void savePlan(Actor actor, ProjectData after) {
        Long programmeId = programmeId(after.programmeCode()).orElse(null);
        projects.save(after, programmeId, units(actor, after), actor.username());
    }

    /** Checks a project as a whole (codes, villages, programme), as create and update do; throws with every problem. */
    void validate(ProjectData p) {
        check(Actor.system(), p);
    }

    ProjectData load(long id) {
        return projects.find(id).orElseThrow(() -> new NotFoundProblem("project " + id));
    }

    /** Inserts or replaces an imported activity (the import has checked permission and scope). */
    long saveImported(Actor actor, ProjectData data, List<ProjectRepository.UnitRow> units) {
        units = heldAsTheyAre(units);
        Optional<Long> existing = projects.idByIdentifier(data.iatiIdentifier());
        ProjectData before = existing.flatMap(projects::find).orElse(null);
        ProjectData toSave = data.withId(existing.orElse(null));
        // as for an edit in the page: past the pipeline stage the plan changes only through a change request (an import
        // used to replace it, and the approved plan version with it)
        boolean pipeline = before == null || "1".equals(before.status());
        if (!pipeline) {
            List<String> planChanges = Plan.of(before).diff(Plan.of(toSave));
            if (!planChanges.isEmpty()) {
                throw new ProjectConflictProblem("project " + before.id() + " is past the pipeline stage: its plan changes only through a change request ("
                        + String.join("; ", planChanges) + ")");
            }
        }
        long id = projects.save(toSave, null, units, actor.username());
        ProjectData saved = projects.find(id).orElseThrow();
        if (pipeline) versions.replaceCurrent(id, saved.planVersion(), Plan.of(saved), actor.username());
        audit.record(actor, before == null ? "CREATE" : "UPDATE", "project", String.valueOf(id), firstPath(units), before, saved, "IATI import");
        return id;
    }

    /**
     * The units an imported activity was mapped to, held until the import commits and read again, as the import maps a
     * unit already retired: one merged while the file was read serves the unit it went into (the merge moved the projects
     * it found, not this one), one split is refused, one moved takes its new path. A change starting later waits for the
     * import and moves the project with the others.
     */
    private List<ProjectRepository.UnitRow> heldAsTheyAre(List<ProjectRepository.UnitRow> units) {
        geo.holdUnits(units.stream().map(ProjectRepository.UnitRow::orgUnitId).toList());
        Map<Long, ProjectRepository.UnitRow> now = new java.util.LinkedHashMap<>();
        for (ProjectRepository.UnitRow u : units) {
            OrgUnit read = geo.unit(u.orgUnitId());
            OrgUnit unit = geo.current(read).orElseThrow(() -> new ProjectConflictProblem(
                    "location " + geo.retired(read) + " while the file was imported; name the unit the project serves now"));
            if (unit.id() != read.id()) geo.holdUnits(List.of(unit.id())); // the unit a merge carried it into
            now.putIfAbsent(unit.id(), new ProjectRepository.UnitRow(unit.id(), unit.path(), u.kind()));
        }
        return List.copyOf(now.values());
    }

    /** Records an actual (entered, with evidence) for one indicator and period; replaces what was there for the same breakdown. */
    @Transactional
    public ProjectData enterActual(Actor actor, long projectId, long indicatorId, ActualEntry entry) {
        requireEditable(actor, projectId);
        ProjectData p = projects.find(projectId).orElseThrow();
        Indicator indicator = indicator(p, indicatorId);
        List<FieldProblem> problems = new ArrayList<>();
        if (entry.periodStart() == null || entry.periodEnd() == null) problems.add(FieldProblem.of(null, "periodStart, periodEnd", "problem.required"));
        else if (entry.periodEnd().isBefore(entry.periodStart())) problems.add(FieldProblem.of(null, "periodEnd", "problem.project.beforePeriodStart"));
        if (entry.value() == null || entry.value().isBlank()) problems.add(FieldProblem.of(null, "value", "problem.required"));
        else if (!"5".equals(indicator.measure())) {
            try { new BigDecimal(entry.value().trim()); } catch (NumberFormatException e) { problems.add(FieldProblem.of(null, "value", "problem.notNumber", entry.value())); }
        }
        if (entry.evidence() == null || entry.evidence().isBlank()) problems.add(FieldProblem.of(null, "evidence", "problem.project.evidence"));
        if (indicator.computed()) problems.add(FieldProblem.of(null, "indicator " + indicatorId, "problem.project.computedActuals"));
        List<Dimension> given = entry.dimensions();
        if (given.size() > ProjectLimits.DIMENSIONS) problems.add(FieldProblem.of(null, "dimensions", "problem.project.tooManyEntries", given.size(), ProjectLimits.DIMENSIONS));
        else for (Dimension d : given) {
            if (!indicator.disaggregations().contains(d.name())) problems.add(FieldProblem.of(null, "dimensions", "problem.project.notDisaggregated", d.name()));
        }
        if (!problems.isEmpty()) throw new InvalidProjectProblem("the actual is not valid", problems);
        Period period = indicator.periods().stream().filter(x -> x.start().equals(entry.periodStart()) && x.end().equals(entry.periodEnd()))
                .findFirst().orElse(null);
        long periodId = period != null ? period.id() : projects.insertPeriod(indicatorId, entry.periodStart(), entry.periodEnd());
        List<Dimension> dims = entry.dimensions();
        List<Value> kept = new ArrayList<>();
        if (period != null) {
            for (Value v : period.actuals()) if (!v.dimensions().equals(dims) || !v.locations().isEmpty()) kept.add(v);
        }
        kept.add(new Value(null, null, entry.value().trim(), dims, List.of(), Texts.of(p.language(), entry.comment()), entry.evidence().trim(), "ENTERED", null));
        projects.replaceValues(indicatorId, periodId, "ACTUAL", kept);
        projects.touch(projectId);
        audit.record(actor, "ENTER_ACTUAL", "project_indicator", String.valueOf(indicatorId), null, period == null ? null : period.actuals(), entry);
        return projects.find(projectId).orElseThrow();
    }

    public record ActualEntry(LocalDate periodStart, LocalDate periodEnd, String value, List<Dimension> dimensions, String evidence, String comment) {
        public ActualEntry {
            dimensions = Lists.of(dimensions); // as a project's lists: a null entry is no entry
        }
    }

    static Indicator indicator(ProjectData p, long indicatorId) {
        for (Result r : p.results()) for (Indicator i : r.indicators()) if (i.id() != null && i.id() == indicatorId) return i;
        throw new NotFoundProblem("indicator " + indicatorId + " of project " + p.id());
    }

    // ------------------------------------------------------------------ programmes

    public record Programme(long id, String code, Map<String, String> title, Map<String, String> description, String theme) {
    }

    public List<Programme> programmes(Actor actor) {
        actor.require(Permission.VIEW_PROJECTS);
        return db.sql("select id, code, title, description, theme from programme order by code")
                .query((rs, n) -> new Programme(rs.getLong(1), rs.getString(2), projects.text(rs.getString(3)), projects.text(rs.getString(4)), rs.getString(5)))
                .list();
    }

    @Transactional
    public Programme createProgramme(Actor actor, Programme p) {
        actor.require(Permission.EDIT_PROJECTS);
        List<FieldProblem> problems = new ArrayList<>();
        if (p.code() == null || !p.code().matches("[A-Za-z0-9._-]{2,60}")) problems.add(FieldProblem.of(null, "code", "problem.project.programmeCode"));
        else if (programmeId(p.code()).isPresent()) problems.add(FieldProblem.of(null, "code", "problem.alreadyUsed", p.code()));
        if (Texts.isEmpty(p.title())) problems.add(FieldProblem.of(null, "title", "problem.required"));
        ProjectLimits.exceeded(p).forEach(t -> problems.add(InvalidProjectProblem.text(t)));
        if (!problems.isEmpty()) throw new InvalidProjectProblem("the programme is not valid", problems);
        db.sql("insert into programme(code, title, description, theme) values (?, ?, ?, ?)")
                .params(p.code(), projects.text(p.title()), projects.text(p.description()), p.theme()).update();
        Programme created = programmes(Actor.system()).stream().filter(x -> x.code().equals(p.code())).findFirst().orElseThrow();
        audit.record(actor, "CREATE", "programme", p.code(), null, null, created);
        return created;
    }

    Optional<Long> programmeId(String code) {
        if (code == null || code.isBlank()) return Optional.empty();
        return db.sql("select id from programme where code = ?").param(code).query(Long.class).optional();
    }

    Optional<Long> idByIdentifier(String iatiIdentifier) {
        return projects.idByIdentifier(iatiIdentifier);
    }

    /** Every project the actor may see, complete, for exports and reports. */
    public List<ProjectData> visibleProjects(Actor actor) {
        return list(actor, null).stream().map(s -> projects.find(s.id()).orElseThrow()).toList();
    }

    public long countProjects() {
        return db.sql("select count(*) from project").query(Long.class).single();
    }

    // ------------------------------------------------------------------ helpers

    private Long check(Actor actor, ProjectData p) {
        validator.requireWithinLimits(p);
        List<FieldProblem> problems = new ArrayList<>(validator.problems(p));
        Long programmeId = null;
        if (p.programmeCode() != null && !p.programmeCode().isBlank()) {
            programmeId = programmeId(p.programmeCode()).orElse(null);
            if (programmeId == null) problems.add(FieldProblem.of(null, "programmeCode", "problem.project.noProgramme", p.programmeCode()));
        }
        if (p.villages().isEmpty()) problems.add(FieldProblem.of(null, "villages", "problem.project.noVillages"));
        // held until the project is written: a merge or split in progress over them is waited for (a retired unit is
        // then refused), and one starting later moves the project's units with the unit's other records
        List<String> named = new ArrayList<>(p.villages());
        named.addAll(p.comparisonVillages());
        Map<String, OrgUnit> held = geo.holdByCode(named);
        for (String code : p.villages()) unitProblem("villages", code, held).ifPresent(problems::add);
        for (String code : p.comparisonVillages()) {
            unitProblem("comparisonVillages", code, held).ifPresent(problems::add);
            if (p.villages().contains(code)) problems.add(FieldProblem.of(null, "comparisonVillages", "problem.project.alsoServed", code));
        }
        if (!problems.isEmpty()) throw new InvalidProjectProblem("the project is not valid", problems);
        return programmeId;
    }

    /**
     * What is wrong with naming this unit in a plan: none, or a retired one (the project's own units follow merges and
     * splits, so only a unit newly named can be retired).
     */
    private Optional<FieldProblem> unitProblem(String field, String code, Map<String, OrgUnit> held) {
        OrgUnit unit = held.get(code);
        if (unit == null) return Optional.of(FieldProblem.of(null, field, "problem.unit.unknown", code));
        return unit.active() ? Optional.empty() : Optional.of(geo.retired(field, unit));
    }

    private List<ProjectRepository.UnitRow> units(Actor actor, ProjectData p) {
        List<ProjectRepository.UnitRow> rows = new ArrayList<>();
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        for (String code : p.villages()) {
            if (!seen.add(code)) continue;
            OrgUnit u = geo.unitByCode(code).orElseThrow(() -> new NotFoundProblem("org unit " + code));
            actor.requireReach(u.path(), "org unit " + code);
            rows.add(new ProjectRepository.UnitRow(u.id(), u.path(), "SERVED"));
        }
        for (String code : p.comparisonVillages()) {
            if (!seen.add(code)) continue;
            OrgUnit u = geo.unitByCode(code).orElseThrow(() -> new NotFoundProblem("org unit " + code));
            actor.requireReach(u.path(), "org unit " + code);
            rows.add(new ProjectRepository.UnitRow(u.id(), u.path(), "COMPARISON"));
        }
        return rows;
    }

    /** Recipient countries follow the villages served when none are given. */
    private ProjectData withDerivedCountries(ProjectData p) {
        if (!p.countries().isEmpty()) return p;
        LinkedHashSet<String> codes = new LinkedHashSet<>();
        for (String v : p.villages()) geo.unitByCode(v).ifPresent(u -> codes.add(u.countryCode().trim()));
        List<CountryShare> shares = new ArrayList<>();
        if (codes.size() == 1) shares.add(new CountryShare(codes.iterator().next(), null));
        else for (String c : codes) shares.add(new CountryShare(c, BigDecimal.valueOf(100).divide(BigDecimal.valueOf(codes.size()), 4, java.math.RoundingMode.HALF_UP)));
        return new ProjectData(p.id(), p.iatiIdentifier(), p.programmeCode(), p.language(), p.title(), p.description(), p.objectives(), p.status(),
                p.plannedStart(), p.plannedEnd(), p.actualStart(), p.actualEnd(), p.defaultCurrency(), p.theme(), p.reportingOrg(), p.hierarchy(),
                p.source(), p.planVersion(), p.partners(), p.villages(), p.comparisonVillages(), shares, p.sectors(), p.tags(), p.budgets(),
                p.transactions(), p.results(), p.version());
    }

    /** The reporting organisation defaults to the cooperation's secretariat; the language to English. */
    private ProjectData defaults(ProjectData p) {
        Org reporting = p.reportingOrg() != null && p.reportingOrg().ref() != null && !p.reportingOrg().ref().isBlank()
                ? p.reportingOrg() : new Org(REPORTING_REF, "10", null, null, Map.of("en", "China-ASEAN poverty reduction cooperation secretariat", "zh", "中国—东盟减贫合作秘书处"));
        return new ProjectData(p.id(), p.iatiIdentifier(), p.programmeCode(), p.language() == null ? "en" : p.language(), p.title(), p.description(),
                p.objectives(), p.status(), p.plannedStart(), p.plannedEnd(), p.actualStart(), p.actualEnd(), p.defaultCurrency(), p.theme(), reporting,
                p.hierarchy(), p.source(), p.planVersion(), p.partners(), p.villages(), p.comparisonVillages(), p.countries(), p.sectors(), p.tags(),
                p.budgets(), p.transactions(), p.results(), p.version());
    }

    static final String REPORTING_REF = "XM-PROSPER";

    private static String firstPath(List<ProjectRepository.UnitRow> units) {
        return units.isEmpty() ? null : units.getFirst().orgPath();
    }

    private static LocalDate local(java.sql.Date d) {
        return d == null ? null : d.toLocalDate();
    }
}
