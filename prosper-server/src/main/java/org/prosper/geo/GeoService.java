package org.prosper.geo;

import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.prosper.access.Actor;
import org.prosper.access.AuditLog;
import org.prosper.access.NotFoundProblem;
import org.prosper.access.Permission;
import org.prosper.access.ScopeSql;
import org.prosper.platform.FieldProblem;
import org.prosper.platform.Like;
import org.prosper.platform.NulCharacters;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The org-unit tree: countries, their admin levels, units down to villages, and how units changed over time. */
@Service
public class GeoService {

    private final OrgUnitRepository units;
    private final JdbcClient db;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private volatile Map<String, Country> countries;

    public GeoService(OrgUnitRepository units, JdbcClient db, AuditLog audit, ApplicationEventPublisher events) {
        this.units = units;
        this.db = db;
        this.audit = audit;
        this.events = events;
    }

    public List<Country> countries() {
        return List.copyOf(countryMap().values());
    }

    public Country country(String code) {
        Country c = countryMap().get(code == null ? "" : code.toUpperCase());
        if (c == null) throw new NotFoundProblem("country " + code);
        return c;
    }

    public boolean isCountry(String code) {
        return code != null && countryMap().containsKey(code.toUpperCase());
    }

    private Map<String, Country> countryMap() {
        Map<String, Country> cached = countries;
        if (cached == null || cached.isEmpty()) {
            Map<String, List<Country.AdminLevel>> levels = new HashMap<>();
            db.sql("select country_code, depth, name_en, name_local from admin_level order by country_code, depth")
                    .query(rs -> {
                        levels.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                                .add(new Country.AdminLevel(rs.getInt(2), rs.getString(3), rs.getString(4)));
                    });
            Map<String, Country> map = new LinkedHashMap<>();
            db.sql("select code, iso3, name_en, name_local, local_language, currency from country order by name_en")
                    .query(rs -> {
                        String code = rs.getString(1).trim();
                        map.put(code, new Country(code, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                rs.getString(6), List.copyOf(levels.getOrDefault(code, List.of()))));
                    });
            countries = cached = map;
        }
        return cached;
    }

    /**
     * Replaces a country's admin levels (names per depth, below the country). A level that already holds units cannot
     * be removed, so existing units always have a level name.
     */
    @Transactional
    public Country setLevels(Actor actor, String countryCode, List<Country.AdminLevel> levels) {
        actor.require(Permission.EDIT_GEOGRAPHY);
        Country before = country(countryCode);
        actor.requireReach(countryUnit(before.code()).path(), "country " + before.code());
        if (levels == null || levels.isEmpty()) throw new GeoProblem("levels: a country has at least one admin level");
        for (int i = 0; i < levels.size(); i++) {
            Country.AdminLevel level = levels.get(i);
            if (level.depth() != i + 1) throw new GeoProblem("levels: depths must run 1, 2, 3, ... (level " + (i + 1) + " has depth " + level.depth() + ")");
            if (level.nameEn() == null || level.nameEn().isBlank()) throw new GeoProblem("levels: level " + level.depth() + " needs an English name");
        }
        int deepest = db.sql("select coalesce(max(depth), 0) from org_unit where country_code = ?").param(before.code()).query(Integer.class).single();
        if (deepest > levels.size()) {
            throw new GeoProblem("levels: " + before.nameEn() + " has units at depth " + deepest + "; keep at least " + deepest + " levels");
        }
        db.sql("delete from admin_level where country_code = ?").param(before.code()).update();
        for (Country.AdminLevel level : levels) {
            db.sql("insert into admin_level(country_code, depth, name_en, name_local) values (?, ?, ?, ?)")
                    .params(before.code(), level.depth(), level.nameEn().trim(), level.nameLocal()).update();
        }
        forgetCountries();
        Country after = country(countryCode);
        audit.record(actor, "UPDATE", "admin_levels", before.code(), null, before.levels(), after.levels());
        return after;
    }

    void forgetCountries() {
        countries = null;
    }

    public OrgUnit unit(long id) {
        return units.byId(id).orElseThrow(() -> new NotFoundProblem("org unit " + id));
    }

    public Optional<OrgUnit> unitByCode(String code) {
        return units.byCode(code);
    }

    public OrgUnit countryUnit(String countryCode) {
        return units.byCode(countryCode.toUpperCase()).orElseThrow(() -> new NotFoundProblem("country " + countryCode));
    }

    public List<OrgUnit> children(long parentId) {
        return units.children(parentId, false);
    }

    public List<OrgUnit> childrenIncludingRetired(long parentId) {
        return units.children(parentId, true);
    }

    /** The unit and its ancestors, country first. */
    public List<OrgUnit> lineage(OrgUnit unit) {
        List<String> paths = new ArrayList<>();
        String path = unit.path();
        for (int i = 1; i < path.length(); i++) {
            if (path.charAt(i) == '/') paths.add(path.substring(0, i + 1));
        }
        return units.byPaths(paths).stream().sorted(java.util.Comparator.comparingInt(OrgUnit::depth)).toList();
    }

    /** The units where the actor's scopes start (for a global actor: every country). */
    public List<OrgUnit> scopeRoots(Actor actor) {
        return actor.isGlobal() ? units.countries() : units.byPaths(actor.scopePaths());
    }

    /** Active units inside the actor's scope whose name or code contains the text, for pickers and filters. */
    public List<OrgUnit> search(Actor actor, String text, Integer depth, String countryCode, int limit) {
        ScopeSql scope = ScopeSql.of(actor, "path");
        StringBuilder where = new StringBuilder("active and ").append(scope.clause());
        List<Object> params = new ArrayList<>(scope.params());
        if (text != null && !text.isBlank()) {
            where.append(" and (lower(name_en) like ?" + Like.ESCAPE + " or lower(code) like ?" + Like.ESCAPE + " or name_local like ?" + Like.ESCAPE + ")");
            String like = "%" + Like.literal(text.trim().toLowerCase()) + "%";
            params.add(like);
            params.add(like);
            params.add("%" + Like.literal(text.trim()) + "%");
        }
        if (depth != null) {
            where.append(" and depth = ?");
            params.add(depth);
        }
        if (countryCode != null && !countryCode.isBlank()) {
            where.append(" and country_code = ?");
            params.add(countryCode.toUpperCase());
        }
        return units.query(where.toString(), params, Math.min(Math.max(limit, 1), 500));
    }

    /** Villages: units at the deepest admin level of their country. */
    public List<OrgUnit> villages(Actor actor, String countryCode, int limit) {
        return search(actor, null, countryCode == null ? null : country(countryCode).villageDepth(), countryCode, limit)
                .stream().filter(u -> u.depth() == country(u.countryCode()).villageDepth()).toList();
    }

    public boolean isVillage(OrgUnit unit) {
        return unit.depth() == country(unit.countryCode()).villageDepth();
    }

    @Transactional
    public OrgUnit create(Actor actor, NewUnit unit) {
        actor.require(Permission.EDIT_GEOGRAPHY);
        OrgUnit named = units.byCode(unit.parentCode())
                .orElseThrow(() -> GeoProblem.of("parent_code", "problem.unit.noCode", unit.parentCode()));
        // held, then read as it is: a merge or split of the parent in progress has committed (and retired it), one
        // starting later waits and moves the new unit with the parent's other children
        units.share(List.of(named.id()));
        OrgUnit parent = unit(named.id());
        actor.requireReach(parent.path(), "org unit " + parent.code());
        OrgUnit created = insertChild(parent, unit);
        audit.record(actor, "CREATE", "org_unit", created.code(), created.path(), null, created);
        return created;
    }

    private OrgUnit insertChild(OrgUnit parent, NewUnit unit) {
        validate(unit);
        if (!parent.active()) throw new GeoProblem(retired("parent_code", parent));
        Country country = country(parent.countryCode());
        int depth = parent.depth() + 1;
        if (depth > country.villageDepth()) {
            throw GeoProblem.of("parent_code", "problem.geo.lowestLevel", parent.code(), country.levelName(parent.depth()), country.nameEn());
        }
        if (units.byCode(unit.code()).isPresent()) {
            throw GeoProblem.of("code", "problem.alreadyUsed", unit.code());
        }
        long id = units.insert(parent.id(), parent.countryCode(), depth, unit.code(), unit.nameEn(), unit.nameLocal(),
                parent.path(), unit.latitude(), unit.longitude(), unit.validFrom());
        return unit(id);
    }

    private static void validate(NewUnit unit) {
        if (unit.code() == null || !unit.code().matches("[A-Za-z0-9._-]{1,60}")) {
            throw GeoProblem.of("code", "problem.geo.code", unit.code());
        }
        if (unit.nameEn() == null || unit.nameEn().isBlank()) {
            throw GeoProblem.of("name_en", "problem.required");
        }
        if (unit.latitude() != null && (unit.latitude() < -90 || unit.latitude() > 90)) {
            throw GeoProblem.of("latitude", "problem.range", unit.latitude(), -90, 90);
        }
        if (unit.longitude() != null && (unit.longitude() < -180 || unit.longitude() > 180)) {
            throw GeoProblem.of("longitude", "problem.range", unit.longitude(), -180, 180);
        }
    }

    /**
     * Imports units from CSV with columns code, parent_code, name_en, name_local, latitude, longitude. A parent may
     * be defined earlier in the same file. All rows are checked first; one bad row rejects the file and nothing is
     * written.
     */
    /** An org-unit file is read whole (China's 500,000 villages take about 50 MB): beyond this it is refused before reading. */
    public static final long MAX_UNIT_FILE_BYTES = 64L * 1024 * 1024;

    /** Refuses an org-unit file over {@link #MAX_UNIT_FILE_BYTES}; the pages and the API ask with the upload's size. */
    public void checkUnitFileSize(String fileName, long size) {
        if (size > MAX_UNIT_FILE_BYTES) {
            throw new GeoProblem(String.format(Locale.ROOT, "%s is %,d bytes, more than the %,d bytes an org-unit file may have: split it by province",
                    fileName, size, MAX_UNIT_FILE_BYTES));
        }
    }

    @Transactional
    public UnitImportReport importUnits(Actor actor, Reader csv, String fileName) {
        actor.require(Permission.EDIT_GEOGRAPHY);
        List<FieldProblem> problems = new ArrayList<>();
        List<NewUnit> rows = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).get().parse(csv)) {
            for (String required : List.of("code", "parent_code", "name_en")) {
                if (!parser.getHeaderMap().containsKey(required)) {
                    throw GeoProblem.of(null, "problem.geo.missingColumn", fileName, required);
                }
            }
            for (CSVRecord r : parser) {
                long line = r.getRecordNumber() + 1;
                int nul = NulCharacters.firstIn(r.toList());
                if (nul >= 0) {
                    problems.add(FieldProblem.of((int) line, NulCharacters.column(parser.getHeaderNames(), nul), "problem.nul"));
                    continue;
                }
                try {
                    rows.add(new NewUnit(r.get("code"), r.get("parent_code"), r.get("name_en"), optional(r, "name_local"),
                            number(r, "latitude", line, fileName), number(r, "longitude", line, fileName), null));
                    lines.add(line);
                } catch (GeoProblem e) {
                    problems.add(e.problem());
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new GeoProblem(fileName + ": not a readable CSV file (" + e.getMessage() + ")");
        }
        // the parents already in the tree, held before they are read (as for one new unit)
        units.share(rows.stream().map(NewUnit::parentCode).filter(java.util.Objects::nonNull).distinct()
                .map(units::byCode).flatMap(Optional::stream).map(OrgUnit::id).toList());
        Map<String, String> pathInFile = new HashMap<>();
        Map<String, Integer> lineOf = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            NewUnit u = rows.get(i);
            int line = lines.get(i).intValue();
            try {
                validate(u);
            } catch (GeoProblem e) {
                problems.add(atLine(line, e.problem()));
                continue;
            }
            if (lineOf.containsKey(u.code()) || units.byCode(u.code()).isPresent()) {
                problems.add(FieldProblem.of(line, "code", "problem.alreadyUsed", u.code()));
                continue;
            }
            lineOf.put(u.code(), i);
            Optional<OrgUnit> parent = units.byCode(u.parentCode());
            if (parent.isEmpty() && !lineOf.containsKey(u.parentCode())) {
                problems.add(FieldProblem.of(line, "parent_code", "problem.geo.parentMissing", u.parentCode()));
            } else if (parent.isPresent() && !actor.reaches(parent.get().path())) {
                problems.add(FieldProblem.of(line, "parent_code", "problem.geo.parentOutside", u.parentCode()));
            } else if (parent.isPresent() && !parent.get().active()) {
                problems.add(atLine(line, retired("parent_code", parent.get())));
            }
        }
        if (!problems.isEmpty()) {
            return UnitImportReport.refused(fileName, problems);
        }
        for (NewUnit u : rows) {
            insertChild(units.byCode(u.parentCode()).orElseThrow(), u);
        }
        audit.record(actor, "IMPORT", "org_unit", fileName, null, null, null, rows.size() + " units imported");
        pathInFile.clear();
        return new UnitImportReport(rows.size(), List.of(), List.of());
    }

    private static FieldProblem atLine(int line, FieldProblem p) {
        return new FieldProblem(line, p.field(), p.message(), p.key(), p.args());
    }

    private static String optional(CSVRecord r, String column) {
        return r.isMapped(column) && !r.get(column).isBlank() ? r.get(column) : null;
    }

    private static Double number(CSVRecord r, String column, long line, String file) {
        String v = optional(r, column);
        if (v == null) return null;
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new GeoProblem(FieldProblem.of((int) line, column, "problem.notNumber", v));
        }
    }

    /**
     * A number that grows with every move, merge and split committed: work computed from the tree outside a transaction
     * (a submission's village and round) can tell, before writing it, whether the tree changed meanwhile.
     */
    public long treeVersion() {
        return units.lastEventId();
    }

    /**
     * Holds units as they are until the caller's transaction ends. A move, merge or split locks the units it changes
     * before it moves their records, so one in progress over these units is waited for (and then seen by
     * {@link #treeVersion()}), and one starting later waits for the caller and moves what the caller wrote.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public void holdUnits(java.util.Collection<Long> unitIds) {
        if (!unitIds.isEmpty()) units.share(unitIds);
    }

    /**
     * The units of these codes as they stand once held ({@link #holdUnits}): a merge or split in progress over any of
     * them has committed by then, so a retired one reads as retired. All are held in one statement, in the order a
     * merge holds its units, so that a save naming several units and a merge of two of them cannot wait on each other.
     * Codes without a unit are left out; null and blank codes too.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public Map<String, OrgUnit> holdByCode(java.util.Collection<String> codes) {
        Map<String, Long> ids = new LinkedHashMap<>();
        for (String code : codes) {
            if (code != null && !code.isBlank()) unitByCode(code).ifPresent(u -> ids.put(code, u.id()));
        }
        holdUnits(ids.values());
        Map<String, OrgUnit> held = new LinkedHashMap<>();
        ids.forEach((code, id) -> held.put(code, unit(id)));
        return held;
    }

    /** Moves a unit with its whole subtree under a new parent; households follow through {@link OrgUnitsMoved}. */
    @Transactional
    public OrgUnit move(Actor actor, long unitId, long newParentId, LocalDate effective, String reason) {
        actor.require(Permission.EDIT_GEOGRAPHY);
        // both held until the move commits, and read as they are once held (as a merge holds its units)
        units.lock(List.of(unitId, newParentId));
        OrgUnit unit = unit(unitId);
        OrgUnit parent = unit(newParentId);
        actor.requireReach(unit.path(), "org unit " + unit.code());
        actor.requireReach(parent.path(), "org unit " + parent.code());
        if (unit.depth() == 0) throw GeoProblem.of(null, "problem.geo.countryMoved");
        if (!unit.active()) throw new GeoProblem(retired(null, unit));
        if (!parent.active()) throw new GeoProblem(retired("new parent", parent));
        if (parent.path().startsWith(unit.path())) throw GeoProblem.of(null, "problem.geo.underItself");
        if (!parent.countryCode().equals(unit.countryCode())) throw GeoProblem.of(null, "problem.geo.otherCountry");
        if (parent.depth() != unit.depth() - 1) {
            throw GeoProblem.of("new parent", "problem.geo.parentLevel", country(unit.countryCode()).levelName(unit.depth() - 1));
        }
        long event = units.recordEvent("MOVE", effective == null ? LocalDate.now() : effective, reason, actor.username());
        units.linkEvent(event, unit.id(), "SOURCE", unit.parentId());
        units.linkEvent(event, unit.id(), "TARGET", parent.id());
        units.move(unit, parent);
        OrgUnit moved = unit(unitId);
        events.publishEvent(new OrgUnitsMoved(unit.path(), moved.path(), unit.countryCode()));
        audit.record(actor, "MOVE", "org_unit", unit.code(), moved.path(), unit, moved, reason);
        return moved;
    }

    /**
     * Merges units into one target (an existing unit of the same level, or a new one). Sources are retired, not
     * deleted; their children and records move to the target; the event keeps the link for time series.
     */
    @Transactional
    public OrgUnit merge(Actor actor, List<Long> sourceIds, long targetId, LocalDate effective, String reason) {
        actor.require(Permission.EDIT_GEOGRAPHY);
        if (sourceIds == null || sourceIds.isEmpty()) throw GeoProblem.of("sources", "problem.geo.mergeNone");
        if (sourceIds.stream().anyMatch(java.util.Objects::isNull)) throw GeoProblem.of("sources", "problem.geo.emptyId");
        // held until the merge commits, and read as they are once held: another change of them is waited for
        List<Long> held = new ArrayList<>(sourceIds);
        held.add(targetId);
        units.lock(held);
        OrgUnit target = unit(targetId);
        actor.requireReach(target.path(), "org unit " + target.code());
        if (!target.active()) throw new GeoProblem(retired("target", target));
        LocalDate when = effective == null ? LocalDate.now() : effective;
        long event = units.recordEvent("MERGE", when, reason, actor.username());
        units.linkEvent(event, target.id(), "TARGET", null);
        for (long id : sourceIds) {
            OrgUnit source = unit(id);
            actor.requireReach(source.path(), "org unit " + source.code());
            if (source.id() == target.id()) throw GeoProblem.of("sources", "problem.geo.mergeItself");
            if (source.depth() != target.depth() || !source.countryCode().equals(target.countryCode())) {
                throw GeoProblem.of("sources", "problem.geo.mergeLevel", source.code(), target.code());
            }
            if (!source.active()) throw GeoProblem.of("sources", "problem.geo.alreadyRetired", source.code());
            units.linkEvent(event, source.id(), "SOURCE", source.parentId());
            for (OrgUnit child : units.children(source.id(), false)) {
                units.move(child, target);
                events.publishEvent(new OrgUnitsMoved(child.path(), target.path() + child.id() + "/", child.countryCode()));
            }
            events.publishEvent(new RecordsReassigned(source.id(), target, Map.of()));
            units.retire(source.id(), when);
            audit.record(actor, "MERGE", "org_unit", source.code(), source.path(), source, target, reason);
        }
        return unit(targetId);
    }

    /**
     * Splits a unit into new units under the same parent. {@code assignment} maps the code of each child unit and
     * of each record (household) to the code of the part it goes to; anything not listed goes to the first part.
     */
    @Transactional
    public List<OrgUnit> split(Actor actor, long sourceId, List<NewUnit> parts, Map<String, String> assignment,
                               LocalDate effective, String reason) {
        actor.require(Permission.EDIT_GEOGRAPHY);
        units.lock(List.of(sourceId)); // read once held: a merge or split of it in progress has committed by then
        OrgUnit source = unit(sourceId);
        actor.requireReach(source.path(), "org unit " + source.code());
        if (source.depth() == 0) throw GeoProblem.of(null, "problem.geo.countrySplit");
        if (!source.active()) throw GeoProblem.of(null, "problem.geo.alreadyRetired", source.code());
        if (parts.size() < 2) throw GeoProblem.of("parts", "problem.geo.splitParts");
        OrgUnit parent = unit(source.parentId());
        LocalDate when = effective == null ? LocalDate.now() : effective;
        long event = units.recordEvent("SPLIT", when, reason, actor.username());
        units.linkEvent(event, source.id(), "SOURCE", source.parentId());
        Map<String, OrgUnit> created = new LinkedHashMap<>();
        for (NewUnit part : parts) {
            OrgUnit unit = insertChild(parent, new NewUnit(part.code(), parent.code(), part.nameEn(), part.nameLocal(),
                    part.latitude(), part.longitude(), when));
            created.put(unit.code(), unit);
            units.linkEvent(event, unit.id(), "TARGET", null);
        }
        Map<String, OrgUnit> byRecord = new HashMap<>();
        for (var e : assignment.entrySet()) {
            OrgUnit to = created.get(e.getValue());
            if (to == null) throw GeoProblem.of("assignment", "problem.geo.notAPart", e.getKey(), e.getValue());
            byRecord.put(e.getKey(), to);
        }
        OrgUnit first = created.values().iterator().next();
        for (OrgUnit child : units.children(source.id(), false)) {
            OrgUnit to = byRecord.getOrDefault(child.code(), first);
            units.move(child, to);
            events.publishEvent(new OrgUnitsMoved(child.path(), to.path() + child.id() + "/", child.countryCode()));
        }
        events.publishEvent(new RecordsReassigned(source.id(), first, byRecord));
        units.retire(source.id(), when);
        audit.record(actor, "SPLIT", "org_unit", source.code(), source.path(), source, created.keySet(), reason);
        return List.copyOf(created.values());
    }

    /** "X was retired (now Y, Z)": what a user who names a retired unit needs to know to name the right one. */
    public String retired(OrgUnit unit) {
        return retired(null, unit).message();
    }

    /** The same as a problem of the field that named the unit, in any language (messages/problems). */
    public FieldProblem retired(String field, OrgUnit unit) {
        List<String> now = successors(unit.id()).stream().map(OrgUnit::code).toList();
        return now.isEmpty() ? FieldProblem.of(null, field, "problem.unit.retired", unit.code())
                : FieldProblem.of(null, field, "problem.unit.retiredNow", unit.code(), String.join(", ", now));
    }

    /**
     * The unit as it stands today: itself while active, else the one unit that carries it on (a merge's target);
     * empty when none or several do (a split: which part is meant cannot be told).
     */
    public Optional<OrgUnit> current(OrgUnit unit) {
        if (unit.active()) return Optional.of(unit);
        List<OrgUnit> now = successors(unit.id());
        return now.size() == 1 ? Optional.of(now.getFirst()) : Optional.empty();
    }

    public List<OrgUnitEvent> history(long unitId) {
        return units.events(unitId);
    }

    /** The active units that carry on a retired unit today, following merges and splits; the unit itself if active. */
    public List<OrgUnit> successors(long unitId) {
        OrgUnit unit = unit(unitId);
        if (unit.active()) return List.of(unit);
        List<OrgUnit> result = new ArrayList<>();
        for (OrgUnitEvent e : units.events(unitId)) {
            if (e.sources().contains(unitId) && !"MOVE".equals(e.kind())) {
                for (long t : e.targets()) result.addAll(successors(t));
            }
        }
        return result.stream().distinct().toList();
    }

    public long unitCount() {
        return units.count();
    }

    public record NewUnit(String code, String parentCode, String nameEn, String nameLocal, Double latitude,
                          Double longitude, LocalDate validFrom) {
    }

    /**
     * What an org-unit file import did: {@code problems} as "file line N, column c: English text", {@code problemDetails}
     * the same with their line ({@code member}), column, key of messages/problems and values.
     */
    public record UnitImportReport(int imported, List<String> problems, List<FieldProblem> problemDetails) {
        public boolean ok() {
            return problems.isEmpty();
        }

        /** A file refused with these problems (each of a line and column, or of the whole file). */
        public static UnitImportReport refused(String fileName, List<FieldProblem> problems) {
            return new UnitImportReport(0, problems.stream().map(p -> p.member() == null ? p.message()
                    : fileName + " line " + p.member() + ", column " + p.field() + ": " + p.message()).toList(), problems);
        }
    }
}
