package org.prosper.monitoring;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.IntFunction;

import org.prosper.access.Actor;
import org.prosper.access.AuditLog;
import org.prosper.access.NotFoundProblem;
import org.prosper.access.ScopeSql;
import org.prosper.geo.GeoService;
import org.prosper.geo.OrgUnit;
import org.prosper.job.JobOutcome;
import org.prosper.job.JobProgress;
import org.prosper.job.JobService;
import org.prosper.registry.Household;
import org.prosper.registry.HouseholdService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * Monitoring runs. A run reads every household in its coverage (a country inside the actor's scope, or the households
 * that new data concerns), tests each against the country profile's rules, and, in one transaction, writes the alerts
 * it finds that were not open yet (as it finds them) and then resolves the open alerts of its coverage that it no
 * longer finds. A run
 * on unchanged data therefore writes no alert, and a failed run writes none. Runs of one country never overlap.
 */
@Service
public class RunService {

    public static final List<String> KINDS = List.of("FULL", "UPDATE");

    /** Ranges of a country's households read and evaluated at once in a full run: one per core, as the database has them too. */
    private static final int READERS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private final HouseholdService households;
    private final ProfileStore profiles;
    private final AlertRepository alerts;
    private final DeptRepository dept;
    private final CaseService cases;
    private final GeoService geo;
    private final JobService jobs;
    private final AuditLog audit;
    private final JsonMapper json;
    private final TransactionTemplate transaction;
    private final TransactionTemplate ownTransaction;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private volatile int householdsPerRun = 20_000;
    private volatile Runnable afterAlertsWritten = () -> { };

    public RunService(HouseholdService households, ProfileStore profiles, AlertRepository alerts, DeptRepository dept,
                      CaseService cases, GeoService geo, JobService jobs, AuditLog audit, JsonMapper json,
                      PlatformTransactionManager transactions) {
        this.households = households;
        this.profiles = profiles;
        this.alerts = alerts;
        this.dept = dept;
        this.cases = cases;
        this.geo = geo;
        this.jobs = jobs;
        this.audit = audit;
        this.json = json;
        this.transaction = new TransactionTemplate(transactions);
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** A run handed to the job pool: follow it at /api/v1/jobs/{jobId}; its result is the run. */
    public record Submitted(String jobId) {
    }

    public Submitted submit(Actor actor, String country, String kind) {
        String c = checkCountry(actor, country);
        String k = checkKind(kind);
        JobService.Ticket ticket = jobs.create(actor, "monitoring-run");
        jobs.start(ticket, progress -> {
            Run run = run(actor, c, k, LocalDate.now(), progress, "requested by " + actor.username());
            return JobOutcome.succeeded("run " + run.id() + ": " + run.households() + " households, " + run.alertsNew()
                    + " new alerts, " + run.alertsResolved() + " resolved", run);
        });
        return new Submitted(ticket.id());
    }

    /** Runs monitoring over a country's households in the actor's scope now, evaluated as of {@code date}. */
    public Run run(Actor actor, String country, String kind, LocalDate date, JobProgress progress, String trigger) {
        String c = checkCountry(actor, country);
        String k = checkKind(kind);
        ScopeSql scope = ScopeSql.of(actor, "org_path");
        List<Object> params = new ArrayList<>();
        params.add(c);
        params.addAll(scope.params());
        String coverage = "country_code = ? and " + scope.clause();
        return execute(actor, geo.treeVersion(), c, k, trigger, progress, date, coverage, params,
                (engine, parts) -> households.forEachInScope(actor, c, engine.fields(), READERS, parts), () -> dept.forCountry(c));
    }

    /** For tests: runs once a run's new alerts are written, before it holds their villages and commits. */
    void afterAlertsWritten(Runnable hook) {
        this.afterAlertsWritten = hook == null ? () -> { } : hook;
    }

    /** For tests of the split; otherwise 20,000 households per incremental run. */
    void householdsPerRun(int n) {
        this.householdsPerRun = n;
    }

    /**
     * Evaluates some households at once (new data arrived for them: a departmental file, a submission, an edit), as
     * one INCREMENTAL run per country; households outside the actor's scope are left out.
     */
    public List<Run> evaluate(Actor actor, Collection<Long> householdIds, LocalDate date, String trigger) {
        MonitoringAccess.requireWork(actor);
        long tree = geo.treeVersion();
        Map<String, List<Household>> byCountry = new LinkedHashMap<>();
        for (Household h : households.withoutIdentifiers(actor, householdIds)) {
            byCountry.computeIfAbsent(h.countryCode(), k -> new ArrayList<>()).add(h);
        }
        List<Run> runs = new ArrayList<>();
        for (var e : byCountry.entrySet()) {
            // the run's coverage names its households one by one: a statement takes at most 65,535 parameters
            // (PostgreSQL), so a departmental file that touches more households is evaluated in several runs
            List<Household> all = e.getValue();
            for (int from = 0; from < all.size(); from += householdsPerRun) {
                List<Household> list = all.subList(from, Math.min(all.size(), from + householdsPerRun));
                List<Long> ids = list.stream().map(Household::id).toList();
                List<Object> params = new ArrayList<>(ids);
                String coverage = "household_id in (" + "?,".repeat(ids.size() - 1) + "?)";
                runs.add(execute(actor, tree, e.getKey(), "INCREMENTAL", trigger, JobProgress.none(null), date, coverage, params,
                        (engine, parts) -> list.forEach(parts.apply(0)), () -> dept.forHouseholds(ids)));
            }
        }
        return runs;
    }

    /** @param tree the geography's version ({@link GeoService#treeVersion()}) before the households were read */
    private Run execute(Actor actor, long tree, String country, String kind, String trigger, JobProgress progress, LocalDate date,
                        String coverage, List<Object> coverageParams, java.util.function.BiConsumer<RuleEngine, IntFunction<Consumer<Household>>> source,
                        java.util.function.Supplier<Map<Long, List<HouseholdFacts.DeptRecord>>> deptData) {
        ProfileStore.Stored profile = profiles.forCountry(country);
        RuleEngine engine = profiles.engine(profile, country);
        ReentrantLock lock = locks.computeIfAbsent(country, k -> new ReentrantLock());
        lock.lock();
        try {
            long runId = ownTransaction.execute(s -> alerts.insertRun(country, kind, profile.code(), profile.version(),
                    String.join(",", actor.scopePaths()), trigger, actor.username(), "none".equals(progress.jobId()) ? null : progress.jobId()));
            try {
                OpenAlerts open = alerts.openAlerts(coverage, coverageParams, engine.ruleIds());
                Map<Long, List<HouseholdFacts.DeptRecord>> records = deptData.get();
                // Households are read on connections of their own unless a transaction is open here (its writes would not be seen there).
                boolean aside = !TransactionSynchronizationManager.isActualTransactionActive();
                // The new alerts are written in the run's transaction as the households are evaluated: a failure of either rolls back both.
                transaction.executeWithoutResult(s -> {
                    Evaluation.Outcome outcome;
                    Set<String> villages = ConcurrentHashMap.newKeySet();
                    try (AlertRepository.Inserting inserting = alerts.inserting(runId)) {
                        outcome = Evaluation.run(engine, profile.version(), date, open, records, parts -> source.accept(engine, parts), json,
                                done -> progress.update(done, null, done + " households evaluated"), batch -> {
                                    for (AlertRepository.NewAlert a : batch) villages.add(a.orgPath());
                                    inserting.write(batch);
                                }, aside);
                        progress.update(outcome.households(), outcome.households(), "writing the last of " + outcome.created() + " new alerts");
                        inserting.finish();
                    }
                    afterAlertsWritten.run();
                    followGeography(runId, tree, villages);
                    List<Long> gone = outcome.gone();
                    alerts.addLocalReasons(outcome.localReasons());
                    alerts.resolve(runId, gone);
                    if (outcome.created() > 0) cases.onNewAlerts(runId);
                    alerts.finishRun(runId, "SUCCEEDED", outcome.households(), outcome.found(), outcome.created(), gone.size(), null);
                    Map<String, Object> summary = new LinkedHashMap<>();
                    summary.put("country", country);
                    summary.put("kind", kind);
                    summary.put("profile", profile.code() + "@" + profile.version());
                    summary.put("households", outcome.households());
                    summary.put("alertsFound", outcome.found());
                    summary.put("alertsNew", outcome.created());
                    summary.put("alertsResolved", gone.size());
                    audit.record(actor, "MONITORING_RUN", "monitoring_run", String.valueOf(runId), null, null, summary, trigger);
                });
            } catch (RuntimeException e) {
                String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                ownTransaction.executeWithoutResult(s -> alerts.finishRun(runId, "FAILED", 0, 0, 0, 0, message));
                throw e;
            }
            return alerts.run(runId).orElseThrow();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The new alerts carry their households' paths as read during the run. A unit moved, merged or split meanwhile moved
     * the alerts it found, not these (not yet committed): so the villages they name are held, as survey processing
     * holds its villages, and if the geography changed since the households were read the alerts take their households'
     * paths as they are now, and those villages are held in turn. A change starting later waits for the run and moves
     * its alerts with the others.
     */
    private void followGeography(long runId, long tree, Set<String> paths) {
        long seen = tree;
        for (int attempt = 0; attempt < 5; attempt++) {
            geo.holdUnits(paths.stream().map(OrgUnit::idAtEndOf).toList());
            long now = geo.treeVersion();
            if (now == seen) return;
            paths = alerts.followHouseholds(runId);
            seen = now;
        }
        throw new IllegalStateException("org units kept being moved, merged or split while run " + runId + " was written; run it again");
    }

    private String checkCountry(Actor actor, String country) {
        MonitoringAccess.requireWork(actor);
        if (country == null || country.isBlank()) throw MonitoringProblem.of("country", "problem.countryRequired");
        String c = country.trim().toUpperCase();
        if (!geo.isCountry(c)) throw MonitoringProblem.of("country", "problem.unknownCountry", country);
        return c;
    }

    private static String checkKind(String kind) {
        String k = kind == null || kind.isBlank() ? "FULL" : kind.trim().toUpperCase();
        if (!KINDS.contains(k)) throw MonitoringProblem.of("kind", "problem.oneOfGot", KINDS, kind);
        return k;
    }

    public Run get(Actor actor, long id) {
        MonitoringAccess.requireWork(actor);
        Run run = alerts.run(id).orElseThrow(() -> new NotFoundProblem("monitoring run " + id));
        if (!actor.isGlobal() && !actor.reaches(geo.countryUnit(run.countryCode()).path())
                && actor.scopePaths().stream().noneMatch(p -> p.startsWith(geo.countryUnit(run.countryCode()).path()))) {
            throw new NotFoundProblem("monitoring run " + id);
        }
        return run;
    }

    /** Recent runs of the countries the actor works in (a country's runs are listed to anyone scoped inside it). */
    public List<Run> recent(Actor actor, String country, String jobId, int limit) {
        MonitoringAccess.requireWork(actor);
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder("1=1");
        if (country != null && !country.isBlank()) {
            where.append(" and country_code = ?");
            params.add(country.trim().toUpperCase());
        }
        if (jobId != null && !jobId.isBlank()) {
            where.append(" and job_id = ?");
            params.add(jobId);
        }
        return alerts.runs(where.toString(), params, Math.min(Math.max(limit, 1), 200)).stream()
                .filter(r -> actor.isGlobal() || actor.scopePaths().stream().anyMatch(p -> p.startsWith(geo.countryUnit(r.countryCode()).path())))
                .toList();
    }
}
