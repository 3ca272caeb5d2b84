package org.prosper.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.prosper.access.AccessDeniedProblem;
import org.prosper.access.Actor;
import org.prosper.access.AuditLog;
import org.prosper.access.NotFoundProblem;
import org.prosper.access.ScopeSql;
import org.prosper.geo.GeoService;
import org.prosper.platform.Clip;
import org.prosper.registry.ConflictProblem;
import org.prosper.registry.Household;
import org.prosper.registry.HouseholdService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * Cases and their lifecycle. Every step is checked against the state machine ({@link CaseAction}), records who took
 * it, when, with what note, data and evidence files, and goes to the audit log. Deadlines come from the country
 * profile; households without any member able to work stay under social protection and are never eliminated.
 */
@Service
public class CaseService {

    public static final List<String> CATEGORIES = List.of("UNSTABLE_EX_POOR", "EDGE", "SUDDEN_HARDSHIP");
    public static final List<String> DETECTIONS = List.of("RUN_ALERT", "DEPT_ALERT", "SELF", "CADRE", "HOTLINE", "APP", "MEDIA");

    private final CaseRepository cases;
    private final AlertRepository alerts;
    private final HouseholdService households;
    private final GeoService geo;
    private final ProfileStore profiles;
    private final AuditLog audit;
    private final JdbcClient db;
    private final JsonMapper json;
    private final Path evidenceRoot;

    public CaseService(CaseRepository cases, AlertRepository alerts, HouseholdService households, GeoService geo, ProfileStore profiles,
                       AuditLog audit, JdbcClient db, JsonMapper json, @Value("${prosper.data-dir}") String dataDir,
                       @Value("${prosper.monitoring.max-evidence-file-bytes:26214400}") long maxEvidenceBytes) {
        this.maxEvidenceBytes = maxEvidenceBytes;
        this.cases = cases;
        this.alerts = alerts;
        this.households = households;
        this.geo = geo;
        this.profiles = profiles;
        this.audit = audit;
        this.db = db;
        this.json = json;
        this.evidenceRoot = Path.of(dataDir, "evidence").toAbsolutePath();
    }

    /** A request to open a case for a household (its open alerts join the case). */
    public record OpenRequest(Long householdId, String detection, String note) {
    }

    /** A step: the action and what it needs (consent for the home visit, the notice start, category, elimination mode...). */
    public record StepRequest(String action, String note, Boolean consent, LocalDate noticeFrom, String category,
                              List<String> riskTypes, String eliminationMode, String override, Integer version) {
    }

    /** An evidence file sent with a step. */
    public record Upload(String fileName, String contentType, byte[] content) {
    }

    @Transactional
    public MonitoringCase open(Actor actor, OpenRequest request) {
        MonitoringAccess.requireWork(actor);
        if (request == null || request.householdId() == null) throw MonitoringProblem.of("householdId", "problem.required");
        String detection = request.detection() == null || request.detection().isBlank() ? "RUN_ALERT" : request.detection().trim().toUpperCase();
        if (!DETECTIONS.contains(detection)) throw MonitoringProblem.of("detection", "problem.oneOfGot", DETECTIONS, request.detection());
        String note = UserText.of("note", request.note(), NOTE_LENGTH);
        Household h = heldWhereItLives(actor, household(actor, request.householdId()));
        cases.liveForHousehold(h.id()).ifPresent(c -> {
            throw ConflictProblem.of("problem.monitoring.hasCase", h.code(), c.id(), c.state());
        });
        ProfileStore.Stored profile = profiles.forCountry(h.countryCode());
        CountryProfile.Deadlines d = profile.profile().deadlines();
        List<Alert> open = alerts.alerts("household_id = ? and resolved_run_id is null and case_id is null", List.of(h.id()), 500, 0);
        Set<String> risks = new LinkedHashSet<>();
        for (Alert a : open) risks.add(a.riskType());
        if (risks.isEmpty()) risks.add(RiskType.OTHER.name());
        Instant now = Instant.now();
        boolean noLabour = noLabour(h);
        long id = cases.insert(h.id(), h.code(), h.countryCode(), h.orgPath(), List.copyOf(risks), detection, noLabour, profile.version(),
                actor.username(), now, now.plus(Duration.ofDays(d.homeVerificationDays())), now.plus(Duration.ofDays(d.decisionDays())));
        if (!open.isEmpty()) alerts.linkToCase(open.stream().map(Alert::id).toList(), id);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("detection", detection);
        data.put("alerts", open.stream().map(Alert::id).toList());
        data.put("noLabour", noLabour);
        cases.insertStep(id, "OPEN", null, CaseState.ALERT, actor.username(), now, note, json.writeValueAsString(data));
        audit.record(actor, "CASE_OPEN", "monitoring_case", String.valueOf(id), h.orgPath(), null, data,
                "case for household " + h.code() + (note == null ? "" : ": " + note));
        return view(cases.byId(id).orElseThrow(), true);
    }

    /** Opens a case from one alert (and every other open alert of its household). */
    @Transactional
    public MonitoringCase openFromAlert(Actor actor, long alertId, String note) {
        MonitoringAccess.requireWork(actor);
        Alert alert = alerts.alert(alertId).orElseThrow(() -> new NotFoundProblem("alert " + alertId));
        actor.requireReach(alert.orgPath(), "alert " + alertId);
        if (alert.caseId() != null) throw ConflictProblem.of("problem.monitoring.alertHasCase", alertId, alert.caseId());
        return open(actor, new OpenRequest(alert.householdId(), "RUN_ALERT", note));
    }

    /**
     * The household as it is once its village and itself are held, in the order a merge holds them (units, then their
     * households). A merge, split or move in progress over the village has then committed and the case takes the
     * household's new path; one starting later waits for the case and moves it with the village's other cases. Two
     * people opening a case for one household at once: the second waits here, then finds the first's case. An edit that
     * moved the household meanwhile is read too (its new village is held as well).
     */
    private Household heldWhereItLives(Actor actor, Household read) {
        geo.holdUnits(List.of(read.orgUnitId()));
        cases.lockHousehold(read.id());
        Household now = household(actor, read.id());
        if (now.orgUnitId() != read.orgUnitId()) geo.holdUnits(List.of(now.orgUnitId()));
        return now;
    }

    private Household household(Actor actor, long id) {
        List<Household> found = households.withoutIdentifiers(actor, List.of(id));
        if (found.isEmpty()) throw new AccessDeniedProblem("household " + id + " is not in the org units of " + actor.username());
        return found.getFirst();
    }

    private static boolean noLabour(Household h) {
        return !h.members().isEmpty() && h.members().stream()
                .noneMatch(p -> "FULL".equals(p.labourCapacity()) || "PARTIAL".equals(p.labourCapacity()));
    }

    /** A case with its steps, alerts and support, for a person to read: the reading goes to the audit log. */
    public MonitoringCase get(Actor actor, long id) {
        CaseRepository.Row row = reachable(actor, id);
        recordView(actor, row, "case " + id + " of household " + row.householdCode());
        return view(row, true);
    }

    /** The case without its steps, alerts and support, for checks made on the way to a change (not recorded as a reading). */
    MonitoringCase summary(Actor actor, long id) {
        return view(reachable(actor, id), false);
    }

    private CaseRepository.Row reachable(Actor actor, long id) {
        MonitoringAccess.requireWork(actor);
        CaseRepository.Row row = cases.byId(id).orElseThrow(() -> new NotFoundProblem("case " + id));
        actor.requireReach(row.orgPath(), "case " + id);
        return row;
    }

    /** Cases carry health and hardship details of named households: every reading by a person is audited, start-up work is not. */
    private void recordView(Actor actor, CaseRepository.Row row, String detail) {
        if (Actor.system().equals(actor)) return;
        audit.record(actor, "VIEW_PERSONAL_DATA", "monitoring_case", String.valueOf(row.id()), row.orgPath(), null, null, detail);
    }

    private MonitoringCase view(CaseRepository.Row r, boolean full) {
        List<CaseAction> allowed = Arrays.stream(CaseAction.values()).filter(a -> a.allowedFrom(r.state()))
                .filter(a -> !(r.noLabour() && (a == CaseAction.PROPOSE_ELIMINATION || a == CaseAction.ELIMINATE))).toList();
        return new MonitoringCase(r.id(), r.householdId(), r.householdCode(), r.countryCode(), r.orgPath(), r.state(), r.category(),
                r.riskTypes(), r.detection(), r.noLabour(), r.profileVersion(), r.openedBy(), r.openedAt(), r.stateSince(), r.stepDueAt(),
                r.decisionDueAt(), r.supportDueAt(), r.enrolledAt(), r.eliminatedAt(), r.eliminationMode(), r.noticeFrom(), r.noticeTo(),
                r.relapses(), r.version(), overdue(r, Instant.now()), allowed,
                full ? cases.steps(r.id()) : List.of(),
                full ? alerts.alerts("case_id = ?", List.of(r.id()), 500, 0) : List.of(),
                full ? cases.support(r.id()) : List.of());
    }

    static List<String> overdue(CaseRepository.Row r, Instant now) {
        List<String> late = new ArrayList<>();
        if (r.stepDueAt() != null && now.isAfter(r.stepDueAt()) && r.state().live() && r.state() != CaseState.ELIMINATED) late.add("STEP");
        if (CaseState.IDENTIFICATION.contains(r.state()) && r.decisionDueAt() != null && now.isAfter(r.decisionDueAt())) late.add("DECISION");
        if (r.state() == CaseState.ENROLLED && r.supportDueAt() != null && now.isAfter(r.supportDueAt())) late.add("SUPPORT");
        return late;
    }

    /** The SQL condition of an overdue case, for work lists and dashboards (one parameter per ?: now). */
    static String overdueSql() {
        return "((step_due_at < ? and state not in ('ELIMINATED', 'REJECTED', 'CLOSED')) "
                + "or (decision_due_at < ? and state in ('ALERT', 'HOME_VERIFICATION', 'DATA_CROSS_CHECK', 'VILLAGE_REVIEW', 'TOWNSHIP_REVIEW', 'COUNTY_APPROVAL')) "
                + "or (support_due_at < ? and state = 'ENROLLED'))";
    }

    /** A filtered page of cases in the actor's scope. */
    public record CaseQuery(String country, String orgPathPrefix, String state, String riskType, Boolean overdue, Long householdId,
                            int page, int size) {
        public CaseQuery {
            page = Math.max(0, page);
            size = size <= 0 ? 50 : Math.min(size, 500);
        }
    }

    public record CasePage(List<MonitoringCase> items, long total, int page, int size) {
    }

    public CasePage list(Actor actor, CaseQuery q) {
        MonitoringAccess.requireWork(actor);
        ScopeSql scope = ScopeSql.of(actor, "org_path");
        StringBuilder where = new StringBuilder(scope.clause());
        List<Object> params = new ArrayList<>(scope.params());
        if (q.country() != null && !q.country().isBlank()) {
            where.append(" and country_code = ?");
            params.add(q.country().trim().toUpperCase());
        }
        if (q.orgPathPrefix() != null) {
            where.append(" and org_path like ?");
            params.add(q.orgPathPrefix() + "%");
        }
        if (q.state() != null && !q.state().isBlank()) {
            String s = q.state().trim().toUpperCase();
            if (Arrays.stream(CaseState.values()).noneMatch(v -> v.name().equals(s))) {
                throw MonitoringProblem.of("state", "problem.oneOfGot", Arrays.toString(CaseState.values()), q.state());
            }
            where.append(" and state = ?");
            params.add(s);
        }
        if (q.riskType() != null && !q.riskType().isBlank()) {
            String t = q.riskType().trim().toUpperCase();
            if (Arrays.stream(RiskType.values()).noneMatch(v -> v.name().equals(t))) {
                throw MonitoringProblem.of("riskType", "problem.oneOfGot", Arrays.toString(RiskType.values()), q.riskType());
            }
            // risk_types is a comma-joined list: match the whole name (DISASTER, not a part of another one)
            where.append(" and (',' || risk_types || ',') like ?");
            params.add("%," + t + ",%");
        }
        if (q.householdId() != null) {
            where.append(" and household_id = ?");
            params.add(q.householdId());
        }
        if (Boolean.TRUE.equals(q.overdue())) {
            java.sql.Timestamp now = java.sql.Timestamp.from(Instant.now());
            where.append(" and ").append(overdueSql());
            params.add(now);
            params.add(now);
            params.add(now);
        }
        long total = cases.count(where.toString(), params);
        List<MonitoringCase> items = cases.page(where.toString(), params, q.size(), (long) q.page() * q.size()).stream()
                .map(r -> view(r, false)).toList();
        return new CasePage(items, total, q.page(), q.size());
    }

    /** At most this many evidence files per step, each at most the configured size (a phone photo or a scanned form). */
    static final int MAX_EVIDENCE_FILES = 20;
    private volatile long maxEvidenceBytes;

    /**
     * Refuses evidence over the limits: the pages and the API ask with the uploads' sizes before reading them (each is
     * read whole into memory and kept on disk), and {@link #step} asks again with what it was given.
     */
    public void checkEvidence(int count, String fileName, long size) {
        if (count > MAX_EVIDENCE_FILES) {
            throw MonitoringProblem.of(413, "files", "problem.monitoring.tooManyFiles", count, MAX_EVIDENCE_FILES);
        }
        if (size > maxEvidenceBytes) {
            throw MonitoringProblem.of(413, "files", "problem.monitoring.evidenceTooLarge", fileName, UserText.count(size),
                    UserText.count(maxEvidenceBytes));
        }
        if (fileName != null && fileName.length() > FILE_NAME_LENGTH) {
            throw MonitoringProblem.of(422, "files", "problem.monitoring.fileNameTooLong", fileName.substring(0, 40),
                    UserText.count(fileName.length()), UserText.count(FILE_NAME_LENGTH));
        }
    }

    /** For tests of the limit; otherwise the property prosper.monitoring.max-evidence-file-bytes. */
    void maxEvidenceBytes(long bytes) {
        this.maxEvidenceBytes = bytes;
    }

    long maxEvidenceBytes() {
        return maxEvidenceBytes;
    }

    @Transactional
    public MonitoringCase step(Actor actor, long id, StepRequest request, List<Upload> files) {
        MonitoringAccess.requireWork(actor);
        if (files != null) for (Upload f : files) checkEvidence(files.size(), f.fileName(), f.content() == null ? 0 : f.content().length);
        String note = request == null ? null : UserText.of("note", request.note(), NOTE_LENGTH);
        String override = request == null ? null : UserText.of("override", request.override(), OVERRIDE_LENGTH);
        CaseRepository.Row r = cases.byId(id).orElseThrow(() -> new NotFoundProblem("case " + id));
        actor.requireReach(r.orgPath(), "case " + id);
        if (request == null || request.action() == null || request.action().isBlank()) {
            throw MonitoringProblem.of("action", "problem.requiredOneOf", Arrays.toString(CaseAction.values()));
        }
        CaseAction action;
        try {
            action = CaseAction.valueOf(request.action().trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw MonitoringProblem.of("action", "problem.oneOfGot", Arrays.toString(CaseAction.values()), request.action());
        }
        if (!action.allowedFrom(r.state())) {
            throw CaseTransitionProblem.of("problem.monitoring.notAllowed", action, id, r.state(), action.from());
        }
        if (request.version() != null && request.version() != r.version()) {
            throw ConflictProblem.of("problem.monitoring.changed", id, r.version(), request.version());
        }
        CountryProfile.Deadlines d = profiles.forCountry(r.countryCode()).profile().deadlines();
        Instant now = Instant.now();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Map<String, Object> data = new LinkedHashMap<>();
        CaseState to = action.to();
        String category = r.category();
        List<String> risks = r.riskTypes();
        boolean noLabour = r.noLabour();
        Instant stepDue = null, decisionDue = r.decisionDueAt(), supportDue = r.supportDueAt(), enrolledAt = r.enrolledAt(),
                eliminatedAt = r.eliminatedAt();
        String mode = r.eliminationMode();
        LocalDate noticeFrom = r.noticeFrom(), noticeTo = r.noticeTo();
        int relapses = r.relapses();
        switch (action) {
            case VERIFY -> {
                if (!Boolean.TRUE.equals(request.consent())) {
                    throw MonitoringProblem.of("consent", "problem.monitoring.consent");
                }
                data.put("consent", true);
                stepDue = now.plus(Duration.ofDays(d.crossCheckDays()));
            }
            case CROSS_CHECK -> {
                requireNote(note, "problem.monitoring.noteCrossCheck");
                stepDue = now.plus(Duration.ofDays(d.townshipDays()));
            }
            case VILLAGE_REVIEW -> {
                noticeFrom = request.noticeFrom() == null ? today : request.noticeFrom();
                if (noticeFrom.isAfter(today)) throw MonitoringProblem.of("noticeFrom", "problem.future", noticeFrom);
                if (noticeFrom.isBefore(today.minusDays(60))) throw MonitoringProblem.of("noticeFrom", "problem.monitoring.noticeTooOld", noticeFrom);
                noticeTo = noticeFrom.plusDays(d.noticeDays());
                data.put("noticeFrom", noticeFrom.toString());
                data.put("noticeTo", noticeTo.toString());
                data.put("noticeDays", d.noticeDays());
                stepDue = noticeTo.plusDays(d.townshipDays()).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            case TOWNSHIP_REVIEW -> {
                if (r.noticeTo() != null && today.isBefore(r.noticeTo())) {
                    throw CaseTransitionProblem.of("problem.monitoring.noticeRunning", id, r.noticeTo(), d.noticeDays(), r.noticeFrom());
                }
                stepDue = now.plus(Duration.ofDays(d.countyDays()));
            }
            case COUNTY_APPROVE -> stepDue = now.plus(Duration.ofDays(d.countyDays()));
            case ENROL -> {
                category = request.category() == null || request.category().isBlank() ? defaultCategory(r) : request.category().trim().toUpperCase();
                if (!CATEGORIES.contains(category)) throw MonitoringProblem.of("category", "problem.oneOfGot", CATEGORIES, request.category());
                if (request.riskTypes() != null && !request.riskTypes().isEmpty()) risks = riskTypes(request.riskTypes());
                enrolledAt = now;
                supportDue = now.plus(Duration.ofDays(d.supportDays()));
                stepDue = supportDue;
                decisionDue = null;
                data.put("category", category);
                data.put("riskTypes", risks);
            }
            case PLAN_SUPPORT -> {
                if (cases.supportCount(id, List.of("PLANNED", "DELIVERED", "ENDED")) == 0) {
                    throw CaseTransitionProblem.of("problem.monitoring.noSupportPlanned", id);
                }
                stepDue = now.plus(Duration.ofDays(d.supportDays()));
            }
            case RECORD_SUPPORT -> {
                if (cases.supportCount(id, List.of("DELIVERED", "ENDED")) == 0) {
                    throw CaseTransitionProblem.of("problem.monitoring.noSupportDelivered", id);
                }
            }
            case PROPOSE_ELIMINATION, ELIMINATE -> {
                noLabour = noLabour(household(actor, r.householdId()));
                if (noLabour) {
                    throw CaseTransitionProblem.of("problem.monitoring.noLabour", r.householdCode());
                }
                if (action == CaseAction.PROPOSE_ELIMINATION) {
                    Instant earliest = r.enrolledAt() == null ? now : r.enrolledAt().atZone(ZoneOffset.UTC).plusMonths(d.earlyEliminationMonths()).toInstant();
                    if (now.isBefore(earliest)) {
                        if (override == null) {
                            throw MonitoringProblem.of("override", "problem.monitoring.earlyElimination", d.earlyEliminationMonths(), r.enrolledAt());
                        }
                        data.put("override", override);
                    }
                    stepDue = now.plus(Duration.ofDays(d.countyDays()));
                } else {
                    mode = request.eliminationMode() == null ? null : request.eliminationMode().trim().toUpperCase();
                    if (mode == null || !List.of("ASSISTED", "NATURAL").contains(mode)) {
                        throw MonitoringProblem.of("eliminationMode", "problem.monitoring.eliminationMode", request.eliminationMode());
                    }
                    eliminatedAt = now;
                    data.put("eliminationMode", mode);
                }
            }
            case REVIEW_ELIMINATION -> stepDue = now.plus(Duration.ofDays(d.countyDays()));
            case ROLLBACK -> {
                requireNote(note, "problem.monitoring.noteRollback");
                if (r.state() == CaseState.ELIMINATED) relapses++;
                eliminatedAt = null;
                mode = null;
                data.put("relapse", r.state() == CaseState.ELIMINATED);
            }
            case REJECT -> {
                requireNote(note, "problem.monitoring.noteReject");
                decisionDue = null;
            }
            case CLOSE -> requireNote(note, "problem.monitoring.noteClose");
        }
        CaseRepository.Row next = new CaseRepository.Row(r.id(), r.householdId(), r.householdCode(), r.countryCode(), r.orgPath(), to,
                category, risks, r.detection(), noLabour, r.profileVersion(), r.openedBy(), r.openedAt(), now, stepDue, decisionDue,
                supportDue, enrolledAt, eliminatedAt, mode, noticeFrom, noticeTo, relapses, r.version() + 1);
        return apply(actor, r, next, action.name(), note, data, files);
    }

    private MonitoringCase apply(Actor actor, CaseRepository.Row before, CaseRepository.Row next, String action, String note,
                                 Map<String, Object> data, List<Upload> files) {
        if (!cases.update(next, before.version())) {
            throw ConflictProblem.of("problem.monitoring.changedReload", before.id());
        }
        long stepId = cases.insertStep(before.id(), action, before.state(), next.state(), actor.username(), next.stateSince(), note,
                data.isEmpty() ? null : json.writeValueAsString(data));
        List<String> stored = storeEvidence(actor, before.id(), stepId, files == null ? List.of() : files);
        Map<String, Object> after = new LinkedHashMap<>(data);
        after.put("state", next.state().name());
        if (!stored.isEmpty()) after.put("evidence", stored);
        audit.record(actor, "CASE_" + action, "monitoring_case", String.valueOf(before.id()), before.orgPath(),
                Map.of("state", before.state().name()), after, note);
        return view(cases.byId(before.id()).orElseThrow(), true);
    }

    private List<String> storeEvidence(Actor actor, long caseId, long stepId, List<Upload> files) {
        List<String> names = new ArrayList<>();
        List<Path> written = new ArrayList<>();
        try {
            Path folder = evidenceRoot.resolve("case-" + caseId);
            Files.createDirectories(folder);
            int n = 0;
            for (Upload f : files) {
                if (f.content() == null || f.content().length == 0) continue;
                String name = f.fileName() == null || f.fileName().isBlank() ? "evidence" : Path.of(f.fileName()).getFileName().toString();
                String safe = name.replaceAll("[^\\p{L}\\p{N}._-]", "_");
                Path target = folder.resolve(stepId + "-" + (++n) + "-" + safe);
                Files.write(target, f.content());
                written.add(target);
                String sha = sha256(f.content());
                cases.insertEvidence(caseId, stepId, name, f.contentType(), f.content().length, sha, target.toString(), actor.username());
                names.add(name + " (" + f.content().length + " bytes, sha256 " + sha + ")");
            }
        } catch (IOException | RuntimeException e) {
            for (Path p : written) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // the transaction rolls back the rows; a stray file is harmless
                }
            }
            if (e instanceof IOException io) throw new UncheckedIOException("cannot store evidence of case " + caseId, io);
            throw (RuntimeException) e;
        }
        return names;
    }

    /** The bytes of an evidence file, for someone who may see the case. */
    public Path evidenceFile(Actor actor, long caseId, long evidenceId) {
        CaseRepository.Row row = reachable(actor, caseId);
        CaseRepository.StoredEvidence file = cases.evidence(caseId, evidenceId)
                .orElseThrow(() -> new NotFoundProblem("evidence " + evidenceId + " of case " + caseId));
        recordView(actor, row, "evidence " + evidenceId + " (" + file.fileName() + ") of case " + caseId);
        return Path.of(file.path());
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String defaultCategory(CaseRepository.Row r) {
        List<Alert> linked = alerts.alerts("case_id = ?", List.of(r.id()), 500, 0);
        boolean shock = linked.stream().anyMatch(a -> Set.of("ILLNESS", "DISASTER", "ACCIDENT").contains(a.riskType())
                && !a.rule().startsWith("INC"));
        boolean incomeLow = linked.stream().anyMatch(a -> a.rule().startsWith("INC_BELOW") || a.rule().startsWith("INC_NEAR"));
        if (shock && !incomeLow) return "SUDDEN_HARDSHIP";
        String status = linked.isEmpty() ? null : linked.getFirst().evidence().path("data").path("registrationStatus").asString(null);
        return "EX_POOR".equals(status) ? "UNSTABLE_EX_POOR" : "EDGE";
    }

    private static List<String> riskTypes(List<String> given) {
        List<String> result = new ArrayList<>();
        for (String t : given) {
            String v = t == null ? "" : t.trim().toUpperCase();
            if (Arrays.stream(RiskType.values()).noneMatch(x -> x.name().equals(v))) {
                throw MonitoringProblem.of("riskTypes", "problem.oneOfGot", Arrays.toString(RiskType.values()), t);
            }
            if (!result.contains(v)) result.add(v);
        }
        return result;
    }

    private static void requireNote(String note, String problem) {
        if (note == null) throw MonitoringProblem.of("note", problem);
    }

    /** The length of monitoring_case_step.note. */
    static final int NOTE_LENGTH = 2000;
    /** An override goes into monitoring_case_step.step_data (4,000) as JSON, where quotes and line breaks take two characters. */
    static final int OVERRIDE_LENGTH = 1000;
    /** The length of monitoring_evidence.file_name. */
    static final int FILE_NAME_LENGTH = 300;

    /**
     * New alerts of a run join their household's live case; when that case was eliminated, the risk has returned: the
     * case is rolled back to SUPPORTED as a relapse, by the system, with the alerts named. Runs inside the run's
     * transaction.
     */
    void onNewAlerts(long runId) {
        List<CaseRepository.Row> touched = db.sql("select " + CaseRepository.COLUMNS + " from monitoring_case where state not in ('REJECTED', 'CLOSED') "
                        + "and household_id in (select household_id from monitoring_alert where first_run_id = ?)")
                .param(runId).query(CaseRepository::map).list();
        for (CaseRepository.Row r : touched) {
            List<Alert> fresh = alerts.alerts("household_id = ? and first_run_id = ?", List.of(r.householdId(), runId), 100, 0);
            alerts.linkToCase(fresh.stream().map(Alert::id).toList(), r.id());
            if (r.state() != CaseState.ELIMINATED) continue;
            Set<String> risks = new LinkedHashSet<>(r.riskTypes());
            for (Alert a : fresh) risks.add(a.riskType());
            Instant now = Instant.now();
            CaseRepository.Row next = new CaseRepository.Row(r.id(), r.householdId(), r.householdCode(), r.countryCode(), r.orgPath(),
                    CaseState.SUPPORTED, r.category(), List.copyOf(risks), r.detection(), r.noLabour(), r.profileVersion(), r.openedBy(),
                    r.openedAt(), now, null, r.decisionDueAt(), r.supportDueAt(), r.enrolledAt(), null, null, r.noticeFrom(), r.noticeTo(),
                    r.relapses() + 1, r.version() + 1);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("relapse", true);
            data.put("run", runId);
            data.put("alerts", fresh.stream().map(Alert::id).toList());
            String note = "risk returned: " + fresh.stream().map(Alert::reason).toList();
            apply(Actor.system(), r, next, CaseAction.ROLLBACK.name(), Clip.clip(note, NOTE_LENGTH), data, List.of());
        }
    }

    /** The cases of a household (for its timeline). */
    List<CaseRepository.Row> ofHousehold(long householdId) {
        return cases.forHousehold(householdId);
    }
}
