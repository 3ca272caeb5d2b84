package org.prosper.registry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.prosper.access.Actor;
import org.prosper.access.AuditLog;
import org.prosper.access.NotFoundProblem;
import org.prosper.access.Permission;
import org.prosper.access.ScopeSql;
import org.prosper.geo.GeoService;
import org.prosper.geo.OrgUnit;
import org.prosper.geo.OrgUnitsMoved;
import org.prosper.geo.RecordsReassigned;
import org.prosper.platform.FieldProblem;
import org.prosper.platform.Like;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;

/**
 * The household registry. Every method takes the acting user and enforces both the permission and the scope, so a
 * user sees and changes only households inside their org units whichever door (page, API, import) they come by.
 */
@Service
public class HouseholdService {

    private final HouseholdRepository households;
    private final HouseholdValidator validator;
    private final GeoService geo;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final HouseholdHistory history;
    private final HouseholdRanges ranges;

    public HouseholdService(HouseholdRepository households, HouseholdValidator validator, GeoService geo, AuditLog audit,
                            ApplicationEventPublisher events, HouseholdHistory history, PlatformTransactionManager transactions) {
        this.history = history;
        this.ranges = new HouseholdRanges(households, transactions);
        this.households = households;
        this.validator = validator;
        this.geo = geo;
        this.audit = audit;
        this.events = events;
    }

    public HouseholdPage list(Actor actor, HouseholdQuery query) {
        Filter filter = filter(actor, query);
        String where = filter.where();
        List<Object> params = filter.params();
        boolean personal = filter.personal();
        // Counting every match of a national registry costs more than the page itself: count up to a cap and say "more".
        long counted = households.countUpTo(where, params, HouseholdPage.COUNT_CAP + 1);
        boolean capped = counted > HouseholdPage.COUNT_CAP;
        long total = capped ? HouseholdPage.COUNT_CAP : counted;
        // a large part of the registry: the page may be looked for along the households in id order (H2)
        HouseholdCondition walk = capped ? filter.onPathAndStatus() : null;
        List<Household> items = query.after() != null ? households.page(where, params, query.after(), query.size(), 0, walk)
                : households.page(where, params, null, query.size(), (long) query.page() * query.size(), walk);
        Map<Long, Integer> sizes = households.memberCounts(items.stream().map(Household::id).toList());
        if (!personal) {
            items = items.stream().map(Household::masked).toList();
        } else if (!items.isEmpty()) {
            audit.record(actor, "VIEW_PERSONAL_DATA", "household", null, null, null, null,
                    "list: " + items.stream().map(Household::code).toList());
        }
        List<HouseholdSummary> rows = items.stream().map(h -> HouseholdSummary.of(h, sizes.getOrDefault(h.id(), 0))).toList();
        return new HouseholdPage(rows, total, query.page(), query.size(), !personal, capped);
    }

    /**
     * The households an actor may see that match the list filters, as a condition on the household table's own
     * columns (unqualified), with its parameters; {@code personal} says whether the actor may see identifiers, and
     * {@code onPathAndStatus} is the same condition on the org path and registration status alone, for an index that
     * holds only those (null when it needs other columns: a name, a country not in the tree).
     * The list and the export select with the same condition.
     */
    public record Filter(String where, List<Object> params, boolean personal, HouseholdCondition onPathAndStatus) {
    }

    public Filter filter(Actor actor, HouseholdQuery query) {
        actor.require(Permission.VIEW_REGISTRY);
        ScopeSql scope = ScopeSql.of(actor, "org_path");
        StringBuilder where = new StringBuilder(scope.clause());
        List<Object> params = new ArrayList<>(scope.params());
        // the same condition on path and status alone, while it can be written so
        StringBuilder walk = new StringBuilder(where);
        List<Object> walkParams = new ArrayList<>(params);
        boolean walkable = true;
        if (query.country() != null && !query.country().isBlank()) {
            String country = query.country().trim().toUpperCase();
            // A household's country is its village's: the country's subtree by path holds the same households, and a
            // path lets a status within a country be read from the status-scope index alone.
            OrgUnit root = geo.unitByCode(country).filter(u -> u.depth() == 0 && u.countryCode().equals(country)).orElse(null);
            if (root != null) {
                where.append(" and org_path like ?");
                params.add(root.path() + "%");
                walk.append(" and org_path like ?");
                walkParams.add(root.path() + "%");
            } else {
                where.append(" and country_code = ?");
                params.add(country);
                walkable = false;
            }
        }
        if (query.orgUnitId() != null) {
            OrgUnit unit = geo.unit(query.orgUnitId());
            if (geo.isVillage(unit)) {
                // Households live in villages only and a village's subtree is itself, so its households are exactly those
                // placed in it; the (org_unit_id, id) index gives them in id order, so a page reads its own rows rather
                // than every row of the village to sort them (33 times less database time for a 33,000-household village)
                where.append(" and org_unit_id = ?");
                params.add(unit.id());
                walk.append(" and org_path = ?");
                walkParams.add(unit.path());
            } else {
                where.append(" and org_path like ?");
                params.add(unit.path() + "%");
                walk.append(" and org_path like ?");
                walkParams.add(unit.path() + "%");
            }
        }
        if (query.registrationStatus() != null && !query.registrationStatus().isBlank()) {
            where.append(" and registration_status = ?");
            params.add(query.registrationStatus().trim());
            walk.append(" and registration_status = ?");
            walkParams.add(query.registrationStatus().trim());
        }
        boolean personal = actor.may(Permission.VIEW_PERSONAL_DATA);
        if (query.text() != null && !query.text().isBlank()) {
            // Searching by name is itself a use of personal data: only roles that may see names can do it.
            String text = query.text().trim();
            walkable = false;
            if (personal) {
                where.append(" and (code like ?" + Like.ESCAPE + " or lower(head_name) like ?" + Like.ESCAPE + ")");
                params.add(Like.literal(text) + "%");
                params.add("%" + Like.literal(text.toLowerCase()) + "%");
            } else {
                where.append(" and code like ?" + Like.ESCAPE);
                params.add(Like.literal(text) + "%");
            }
        }
        return new Filter(where.toString(), List.copyOf(params), personal,
                walkable ? new HouseholdCondition(walk.toString(), List.copyOf(walkParams)) : null);
    }

    public Household get(Actor actor, long id) {
        actor.require(Permission.VIEW_REGISTRY);
        Household h = households.byId(id).orElseThrow(() -> new NotFoundProblem("household " + id));
        actor.requireReach(h.orgPath(), "household " + id);
        if (!actor.may(Permission.VIEW_PERSONAL_DATA)) return h.masked();
        audit.record(actor, "VIEW_PERSONAL_DATA", "household", String.valueOf(id), h.orgPath(), null, null, "household " + h.code());
        return h;
    }

    @Transactional
    public Household create(Actor actor, HouseholdDraft draft) {
        actor.require(Permission.EDIT_REGISTRY);
        holdVillages(List.of(draft));
        Household h = resolve(actor, draft, null);
        long id = households.insert(h);
        Household created = households.byId(id).orElseThrow();
        audit.record(actor, "CREATE", "household", String.valueOf(id), created.orgPath(), null, created);
        events.publishEvent(new HouseholdsChanged(List.of(id), "created", actor.username()));
        return created;
    }

    @Transactional
    public Household update(Actor actor, long id, HouseholdDraft draft) {
        actor.require(Permission.EDIT_REGISTRY);
        Household before = households.byId(id).orElseThrow(() -> new NotFoundProblem("household " + id));
        actor.requireReach(before.orgPath(), "household " + id);
        holdVillages(List.of(draft));
        Household h = resolve(actor, draft, before);
        int expected = draft.version() == null ? before.version() : draft.version();
        if (!households.update(id, expected, h)) {
            throw new ConflictProblem("household " + id + " was changed by someone else (version " + before.version()
                    + ", yours " + expected + "); reload and apply your change again");
        }
        Household after = households.byId(id).orElseThrow();
        history.keep(before, after.updatedAt(), false);
        audit.record(actor, "UPDATE", "household", String.valueOf(id), after.orgPath(), before, after);
        events.publishEvent(new HouseholdsChanged(List.of(id), "changed", actor.username()));
        return after;
    }

    @Transactional
    public void delete(Actor actor, long id) {
        actor.require(Permission.EDIT_REGISTRY);
        Household before = households.byId(id).orElseThrow(() -> new NotFoundProblem("household " + id));
        actor.requireReach(before.orgPath(), "household " + id);
        history.keep(before, Instant.now(), true);
        households.delete(id);
        audit.record(actor, "DELETE", "household", String.valueOf(id), before.orgPath(), before, null);
    }

    /**
     * Holds the villages the drafts name until the saving transaction ends, before they are read: a merge or split in
     * progress over one has then committed (the village reads as retired and is refused, naming where it went), and one
     * starting later waits for the save and moves the saved households with the village's others. Without it a
     * household saved during a merge stayed in the retired village, outside every list of the village it went into.
     */
    private void holdVillages(List<HouseholdDraft> drafts) {
        geo.holdUnits(drafts.stream().map(HouseholdDraft::orgUnitId).filter(java.util.Objects::nonNull).distinct().toList());
    }

    /** Checks a draft and turns it into a household placed in its village; {@code existing} is null for a new one. */
    Household resolve(Actor actor, HouseholdDraft draft, Household existing) {
        List<FieldProblem> problems = new ArrayList<>(validator.check(draft));
        OrgUnit village = null;
        if (draft.orgUnitId() != null) {
            try {
                village = geo.unit(draft.orgUnitId());
                if (!actor.reaches(village.path())) {
                    throw new org.prosper.access.AccessDeniedProblem("org unit " + village.code() + " is outside the org units of " + actor.username());
                }
                problems.addAll(villageProblems(village));
            } catch (NotFoundProblem e) {
                problems.add(FieldProblem.of(null, "orgUnitId", "problem.unit.unknown", draft.orgUnitId()));
            }
        }
        String given = draft.code() == null || draft.code().isBlank() ? null : draft.code().trim();
        if (given != null) {
            households.idByCode(given).filter(other -> existing == null || other.longValue() != existing.id())
                    .ifPresent(other -> problems.add(FieldProblem.of(null, "code", "problem.household.codeTaken", given, other)));
        }
        String code = given;
        if (!problems.isEmpty()) throw new InvalidHouseholdProblem(problems);
        if (code == null) {
            code = existing != null ? existing.code() : village.code() + "-" + String.format("%05d", households.nextSequence(village.id()));
            while (households.idByCode(code).isPresent()) code = code + "x";
        }
        List<Person> members = new ArrayList<>();
        for (int i = 0; i < draft.members().size(); i++) members.add(draft.members().get(i).withLineNo(i + 1));
        return new Household(existing == null ? null : existing.id(), code, village.id(), village.countryCode(), village.path(),
                draft.address(), draft.latitude(), draft.longitude(), draft.headName(), draft.headNationalId(), draft.phone(),
                draft.housingStructure(), draft.housingCondition(), draft.floorArea(), draft.assets(), draft.waterSource(),
                draft.sanitation(), draft.cookingFuel(), draft.electricity(), draft.landArea(), draft.registrationStatus(),
                draft.annualIncome(), draft.annualIncome() == null ? null : geo.country(village.countryCode()).currency(),
                draft.incomeYear(), existing == null ? 0 : existing.version(), null, members);
    }

    /** What keeps a household out of this unit (not a village, retired); the same rule for form, API and import. */
    public List<FieldProblem> villageProblems(OrgUnit unit) {
        if (!geo.isVillage(unit)) {
            return List.of(FieldProblem.of(null, "orgUnitId", "problem.unit.notVillage", unit.code(),
                    geo.country(unit.countryCode()).levelName(unit.depth())));
        }
        if (!unit.active()) return List.of(geo.retired("orgUnitId", unit));
        return List.of();
    }

    /**
     * Registers many households at once, all or nothing: every draft is checked first, and if any has a problem
     * nothing is written and every problem is returned with the draft's index.
     */
    @Transactional
    public BulkResult createAll(Actor actor, List<HouseholdDraft> drafts, String source) {
        actor.require(Permission.EDIT_REGISTRY);
        List<RowProblem> problems = new ArrayList<>();
        List<Household> resolved = new ArrayList<>(drafts.size());
        java.util.Set<String> codes = new java.util.HashSet<>();
        java.util.Map<Long, Long> sequence = new java.util.HashMap<>();
        holdVillages(drafts);
        for (int i = 0; i < drafts.size(); i++) {
            HouseholdDraft d = drafts.get(i);
            try {
                Household h = resolve(actor, d, null);
                if (d.code() == null || d.code().isBlank()) {
                    long next = sequence.computeIfAbsent(h.orgUnitId(), households::nextSequence);
                    String code;
                    do {
                        code = h.code().substring(0, h.code().lastIndexOf('-') + 1) + String.format("%05d", next++);
                    } while (codes.contains(code) || households.idByCode(code).isPresent());
                    sequence.put(h.orgUnitId(), next);
                    h = new Household(null, code, h.orgUnitId(), h.countryCode(), h.orgPath(), h.address(), h.latitude(), h.longitude(),
                            h.headName(), h.headNationalId(), h.phone(), h.housingStructure(), h.housingCondition(), h.floorArea(),
                            h.assets(), h.waterSource(), h.sanitation(), h.cookingFuel(), h.electricity(), h.landArea(),
                            h.registrationStatus(), h.annualIncome(), h.incomeCurrency(), h.incomeYear(), 0, null, h.members());
                }
                if (!codes.add(h.code())) {
                    problems.add(new RowProblem(i, FieldProblem.of(null, "code", "problem.household.codeTwice", h.code(), source)));
                }
                resolved.add(h);
            } catch (InvalidHouseholdProblem e) {
                for (FieldProblem p : e.problems()) problems.add(new RowProblem(i, p));
            } catch (org.prosper.access.AccessDeniedProblem e) {
                problems.add(new RowProblem(i, new FieldProblem(null, "orgUnitId", e.getMessage())));
            }
        }
        if (!problems.isEmpty()) return new BulkResult(0, problems);
        for (int from = 0; from < resolved.size(); from += 500) {
            households.insertBatch(resolved.subList(from, Math.min(resolved.size(), from + 500)));
        }
        audit.record(actor, "IMPORT", "household", source, null, null, null, resolved.size() + " households from " + source);
        List<Long> ids = households.placesByCode(resolved.stream().map(Household::code).toList()).stream().map(HouseholdPlace::id).toList();
        events.publishEvent(new HouseholdsChanged(ids, source, actor.username()));
        return new BulkResult(resolved.size(), List.of());
    }

    /** A problem with the draft at {@code index} (0-based) of a bulk request. */
    public record RowProblem(int index, FieldProblem problem) {
    }

    public record BulkResult(int created, List<RowProblem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /**
     * The household with this code, for matching survey submissions to the registry; empty if no household has it.
     * A household outside the actor's scope is refused rather than reported missing, so a device cannot register a
     * second household under a code that already exists elsewhere.
     */
    public java.util.Optional<Household> findByCode(Actor actor, String code) {
        actor.require(Permission.VIEW_REGISTRY);
        java.util.Optional<Long> id = households.idByCode(code);
        if (id.isEmpty()) return java.util.Optional.empty();
        Household h = households.byId(id.get()).orElseThrow();
        actor.requireReach(h.orgPath(), "household " + code);
        return java.util.Optional.of(actor.may(Permission.VIEW_PERSONAL_DATA) ? h : h.masked());
    }

    /**
     * Where the household with this code is, for matching a survey submission at the door: one query, no members and
     * nothing personal. Empty if no household has the code; refused like {@link #findByCode} when it is outside the
     * actor's scope.
     */
    public java.util.Optional<HouseholdPlace> placeByCode(Actor actor, String code) {
        CodeLookup found = placesByCode(actor, List.of(code));
        if (found.outsideScope().containsKey(code)) throw new org.prosper.access.AccessDeniedProblem(found.outsideScope().get(code));
        return java.util.Optional.ofNullable(found.places().get(code));
    }

    /** Households found for a set of codes: their places by code, and the codes outside the actor's scope with the reason. */
    public record CodeLookup(Map<String, HouseholdPlace> places, Map<String, String> outsideScope) {
    }

    /**
     * The places of many households by code at once (a survey import names thousands): codes without a household are
     * in neither map; a household outside the actor's scope is reported, with the same reason {@link #findByCode} gives.
     */
    public CodeLookup placesByCode(Actor actor, java.util.Collection<String> codes) {
        actor.require(Permission.VIEW_REGISTRY);
        Map<String, HouseholdPlace> places = new java.util.HashMap<>();
        Map<String, String> outside = new java.util.HashMap<>();
        for (HouseholdPlace p : households.placesByCode(codes)) {
            if (actor.reaches(p.orgPath())) places.put(p.code(), p);
            else outside.put(p.code(), "household " + p.code() + " is outside the org units of " + actor.username());
        }
        return new CodeLookup(places, outside);
    }

    /**
     * The households of an org unit's subtree with their members, one at a time, for aggregate work (analysis,
     * measurement): names, identifiers, phone, address and coordinates are not read, so nothing personal leaves the
     * registry this way. Rows stream from a cursor in one read-only transaction; {@code each} must not keep them.
     */
    @Transactional(readOnly = true)
    public void forEachUnderUnit(Actor actor, long orgUnitId, java.util.function.Consumer<Household> each) {
        actor.require(Permission.VIEW_REGISTRY);
        OrgUnit unit = geo.unit(orgUnitId);
        actor.requireReach(unit.path(), "org unit " + unit.code());
        households.forEachUnder(unit.path(), each);
    }

    /** From when the registry keeps earlier versions: it can be read as it stood at any moment since. */
    public Instant historyKeptSince() {
        return history.keptSince();
    }

    /**
     * The households of an org unit's subtree as the registry stood at a past moment: each household in the version
     * current then (an earlier version if it has changed since, without personal identifiers), households deleted
     * since included, households registered since left out. Org units are today's: a unit's past is found under its
     * present path after moves and merges.
     */
    @Transactional(readOnly = true)
    public void forEachUnderUnitAsOf(Actor actor, long orgUnitId, Instant at, java.util.function.Consumer<Household> each) {
        actor.require(Permission.VIEW_REGISTRY);
        OrgUnit unit = geo.unit(orgUnitId);
        actor.requireReach(unit.path(), "org unit " + unit.code());
        Instant since = history.keptSince();
        if (at.isBefore(since)) throw new RegistryHistoryProblem(since);
        Map<Long, Household> earlier = history.versionsAt(unit.path(), at);
        households.forEachUnder(unit.path(), h -> {
            Household then = earlier.remove(h.id());
            if (then != null) each.accept(then);
            else if (h.updatedAt() != null && h.updatedAt().isBefore(at)) each.accept(h);
        });
        earlier.values().stream().sorted(java.util.Comparator.comparing(Household::id)).forEach(each);
    }

    /**
     * The households of a country inside the actor's scope with their members, one at a time in id order, for work
     * over a whole registry (monitoring runs): names, identifiers, phone, address and coordinates are not read.
     * Households and members stream from two cursors in one read-only transaction; {@code each} must not keep them.
     */
    public void forEachInScope(Actor actor, String countryCode, java.util.function.Consumer<Household> each) {
        forEachInScope(actor, countryCode, HouseholdFields.ALL, 1, part -> each);
    }

    /**
     * As {@link #forEachInScope(Actor, String, java.util.function.Consumer)}, reading only the fields asked for, and in
     * up to {@code parts} ranges of household ids at once, each on its own thread, connection and read-only
     * transaction, so that a pass over a national registry keeps every core (and the database's) busy.
     * {@code part.apply(i)} gives the consumer of range i (ranges in id order, each in id order), called on that range's
     * thread only. One range when the id span is small or a transaction is already open here (its writes would not be
     * seen from another connection). If a range fails, the others stop at their next window and the failure is thrown.
     */
    public void forEachInScope(Actor actor, String countryCode, HouseholdFields fields, int parts,
                               java.util.function.IntFunction<java.util.function.Consumer<Household>> part) {
        actor.require(Permission.VIEW_REGISTRY);
        ScopeSql scope = ScopeSql.of(actor, "h.org_path");
        List<Object> params = new ArrayList<>();
        params.add(countryCode);
        params.addAll(scope.params());
        ranges.read("h.country_code = ? and " + scope.clause(), params, fields, parts, part);
    }

    /**
     * The households with these ids that lie in the actor's scope, with their members and without personal
     * identifiers (as {@link #forEachInScope}); ids outside the scope or unknown are left out.
     */
    @Transactional(readOnly = true)
    public List<Household> withoutIdentifiers(Actor actor, java.util.Collection<Long> ids) {
        actor.require(Permission.VIEW_REGISTRY);
        return households.withoutIdentifiers(ids).stream().filter(h -> actor.reaches(h.orgPath())).toList();
    }

    /**
     * The household id of each national ID given that belongs to a member of a household in the actor's scope, for
     * matching departmental data files to households; IDs not found (or outside the scope) are left out.
     */
    public Map<String, Long> householdIdsByMemberNationalId(Actor actor, java.util.Collection<String> nationalIds) {
        actor.require(Permission.VIEW_REGISTRY);
        if (nationalIds.isEmpty()) return Map.of();
        ScopeSql scope = ScopeSql.of(actor, "h.org_path");
        return households.householdIdsByNationalId(nationalIds, scope.clause(), scope.params());
    }

    /** How many households lie in an org unit's subtree (inside the actor's scope). */
    public long countUnderUnit(Actor actor, long orgUnitId) {
        actor.require(Permission.VIEW_REGISTRY);
        OrgUnit unit = geo.unit(orgUnitId);
        actor.requireReach(unit.path(), "org unit " + unit.code());
        return households.count("org_path like ?", List.of(unit.path() + "%"));
    }

    public long count() {
        return households.count("1=1", List.of());
    }

    /** Households and persons per country in the actor's scope, for the home page. */
    public List<Count> countsByCountry(Actor actor) {
        if (!actor.may(Permission.VIEW_REGISTRY)) return List.of();
        ScopeSql scope = ScopeSql.of(actor, "h.org_path");
        return households.countsByCountry(scope.clause(), scope.params()).stream()
                .map(r -> new Count((String) r[0], null, (Long) r[1], (Long) r[2])).toList();
    }

    /** The villages with most households in the actor's scope. */
    public List<Count> countsByVillage(Actor actor, int limit) {
        if (!actor.may(Permission.VIEW_REGISTRY)) return List.of();
        ScopeSql scope = ScopeSql.of(actor, "h.org_path");
        return households.countsByUnit(scope.clause(), scope.params(), limit).stream()
                .map(r -> new Count(null, (Long) r[0], (Long) r[1], (Long) r[2])).toList();
    }

    public record Count(String countryCode, Long orgUnitId, long households, long persons) {
    }

    @EventListener
    void onMoved(OrgUnitsMoved moved) {
        households.repath(moved);
        history.repath(moved);
    }

    @EventListener
    void onReassigned(RecordsReassigned reassigned) {
        for (var e : reassigned.byRecordCode().entrySet()) {
            households.reassignByCode(e.getKey(), reassigned.fromUnitId(), e.getValue().id(), e.getValue().path());
        }
        OrgUnit to = reassigned.toUnit();
        households.reassign(reassigned.fromUnitId(), to.id(), to.path(), to.countryCode());
        java.util.Set<Long> targets = new java.util.HashSet<>();
        targets.add(to.id());
        reassigned.byRecordCode().values().forEach(u -> targets.add(u.id()));
        targets.forEach(history::followHouseholds);
    }
}
