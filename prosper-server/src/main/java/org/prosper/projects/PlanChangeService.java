package org.prosper.projects;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.prosper.access.AccessDeniedProblem;
import org.prosper.access.Actor;
import org.prosper.access.AuditLog;
import org.prosper.access.NotFoundProblem;
import org.prosper.access.Permission;
import org.prosper.platform.FieldProblem;
import org.prosper.projects.ProjectData.*;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plan adjustment: a change request says what changes in targets, budget, activities or villages and why; a user with
 * APPROVE_PLAN_CHANGES who reaches the whole project, and who is not the requester, approves it. Approval writes a new
 * plan version; every version is kept and any two can be compared.
 */
@Service
public class PlanChangeService {

    public record Draft(String reason, List<PlanChange> changes) {
        public Draft {
            changes = Lists.of(changes); // as a project's lists: a null entry is no entry
        }
    }

    public record ChangeRequest(long id, long projectId, int baseVersion, String reason, List<PlanChange> changes, String status,
                                String requestedBy, Instant requestedAt, String decidedBy, String decidedRole, Instant decidedAt,
                                String decisionComment, Integer newVersion) {
    }

    public record Decision(String comment) {
    }

    public record VersionDiff(long projectId, int from, int to, Plan before, Plan after, List<String> changes,
                              ChangeRequest request) {
    }

    private static final TypeReference<List<PlanChange>> CHANGES = new TypeReference<>() { };

    private final ProjectService projects;
    private final PlanVersions versions;
    private final JdbcClient db;
    private final JsonMapper json;
    private final AuditLog audit;

    public PlanChangeService(ProjectService projects, PlanVersions versions, JdbcClient db, JsonMapper json, AuditLog audit) {
        this.projects = projects;
        this.versions = versions;
        this.db = db;
        this.json = json;
        this.audit = audit;
    }

    @Transactional
    public ChangeRequest request(Actor actor, long projectId, Draft draft) {
        projects.requireEditable(actor, projectId);
        ProjectData current = projects.load(projectId);
        List<FieldProblem> problems = new ArrayList<>();
        if (draft == null || draft.reason() == null || draft.reason().isBlank()) problems.add(FieldProblem.of(null, "reason", "problem.project.reason"));
        if (draft == null || draft.changes() == null || draft.changes().isEmpty()) problems.add(FieldProblem.of(null, "changes", "problem.project.atLeastOne"));
        List<String> tooMany = draft == null || draft.changes() == null ? List.of() : ProjectLimits.exceeded(draft.changes());
        tooMany.forEach(t -> problems.add(InvalidProjectProblem.text(t)));
        ProjectData after = null;
        if (tooMany.isEmpty() && draft != null && draft.changes() != null && !draft.changes().isEmpty()) {
            try {
                after = apply(current, draft.changes());
            } catch (InvalidProjectProblem e) {
                problems.addAll(e.fieldProblems());
            }
        }
        if (!problems.isEmpty()) throw new InvalidProjectProblem("the change request is not valid", problems);
        projects.validate(after);
        var key = new org.springframework.jdbc.support.GeneratedKeyHolder();
        db.sql("insert into plan_change_request(project_id, base_version, reason, changes, status, requested_by) values (?, ?, ?, ?, 'PENDING', ?)")
                .params(projectId, current.planVersion(), draft.reason().trim(), json.writeValueAsString(draft.changes()), actor.username())
                .update(key, "id");
        ChangeRequest created = find(key.getKey().longValue());
        audit.record(actor, "REQUEST_PLAN_CHANGE", "project", String.valueOf(projectId), null, null, created);
        return created;
    }

    @Transactional
    public ChangeRequest approve(Actor actor, long requestId, Decision decision) {
        actor.require(Permission.APPROVE_PLAN_CHANGES);
        ChangeRequest cr = find(requestId);
        requireDecider(actor, cr);
        if (cr.requestedBy().equals(actor.username())) {
            throw new AccessDeniedProblem(actor.username() + " requested change " + requestId + " and may not approve it; another approver must");
        }
        requirePending(cr);
        ProjectData current = projects.load(cr.projectId());
        if (current.planVersion() != cr.baseVersion()) {
            throw ProjectConflictProblem.of("problem.project.requestOutdated", requestId, cr.baseVersion(), current.planVersion());
        }
        int next = current.planVersion() + 1;
        ProjectData after = apply(current, cr.changes());
        after = after.withPlan(after.budgets(), after.villages(), after.comparisonVillages(), after.results(), next);
        projects.validate(after);
        projects.savePlan(actor, after);
        ProjectData saved = projects.load(cr.projectId());
        versions.record(cr.projectId(), next, Plan.of(saved), actor.username(), requestId);
        db.sql("update plan_change_request set status = 'APPROVED', decided_by = ?, decided_role = ?, decided_at = current_timestamp, decision_comment = ?, new_version = ? where id = ?")
                .params(actor.username(), actor.role().name(), decision == null ? null : decision.comment(), next, requestId).update();
        ChangeRequest done = find(requestId);
        audit.record(actor, "APPROVE_PLAN_CHANGE", "project", String.valueOf(cr.projectId()), null, Plan.of(current), Plan.of(saved),
                "change request " + requestId + " -> plan version " + next);
        return done;
    }

    @Transactional
    public ChangeRequest reject(Actor actor, long requestId, Decision decision) {
        actor.require(Permission.APPROVE_PLAN_CHANGES);
        ChangeRequest cr = find(requestId);
        requireDecider(actor, cr);
        if (cr.requestedBy().equals(actor.username())) {
            throw new AccessDeniedProblem(actor.username() + " requested change " + requestId + " and may not decide on it");
        }
        requirePending(cr);
        if (decision == null || decision.comment() == null || decision.comment().isBlank()) {
            throw new InvalidProjectProblem("the decision is not valid", List.of(FieldProblem.of(null, "comment", "problem.project.rejectReason")));
        }
        db.sql("update plan_change_request set status = 'REJECTED', decided_by = ?, decided_role = ?, decided_at = current_timestamp, decision_comment = ? where id = ?")
                .params(actor.username(), actor.role().name(), decision.comment(), requestId).update();
        ChangeRequest done = find(requestId);
        audit.record(actor, "REJECT_PLAN_CHANGE", "project", String.valueOf(cr.projectId()), null, null, done);
        return done;
    }

    public List<ChangeRequest> list(Actor actor, long projectId) {
        projects.get(actor, projectId);
        return db.sql("select * from plan_change_request where project_id = ? order by id").param(projectId).query(this::row).list();
    }

    public ChangeRequest get(Actor actor, long requestId) {
        ChangeRequest cr = find(requestId);
        projects.get(actor, cr.projectId());
        return cr;
    }

    public List<PlanVersions.Version> versions(Actor actor, long projectId) {
        projects.get(actor, projectId);
        return versions.list(projectId);
    }

    /** Two versions side by side with the changes between them and the request (with its approver) that made the later one. */
    public VersionDiff diff(Actor actor, long projectId, int from, int to) {
        projects.get(actor, projectId);
        PlanVersions.Version a = versions.get(projectId, from).orElseThrow(() -> new NotFoundProblem("plan version " + from + " of project " + projectId));
        PlanVersions.Version b = versions.get(projectId, to).orElseThrow(() -> new NotFoundProblem("plan version " + to + " of project " + projectId));
        ChangeRequest cr = b.changeRequestId() == null ? null : find(b.changeRequestId());
        return new VersionDiff(projectId, from, to, a.plan(), b.plan(), a.plan().diff(b.plan()), cr);
    }

    /** What the plan would become; used to preview a pending request. */
    public List<String> preview(Actor actor, long requestId) {
        ChangeRequest cr = get(actor, requestId);
        ProjectData current = projects.load(cr.projectId());
        return Plan.of(current).diff(Plan.of(apply(current, cr.changes())));
    }

    /** Approving and rejecting are decisions of equal weight: both need a user who reaches every village the project serves. */
    private void requireDecider(Actor actor, ChangeRequest cr) {
        projects.requireVisible(actor, cr.projectId());
        if (!projects.mayEditScope(actor, cr.projectId())) {
            throw new AccessDeniedProblem("project " + cr.projectId() + " serves org units outside those of " + actor.username());
        }
    }

    private void requirePending(ChangeRequest cr) {
        if (!"PENDING".equals(cr.status())) {
            throw ProjectConflictProblem.of("APPROVED".equals(cr.status()) ? "problem.project.requestApproved" : "problem.project.requestRejected",
                    cr.id(), cr.decidedBy());
        }
    }

    private ChangeRequest find(long id) {
        return db.sql("select * from plan_change_request where id = ?").param(id).query(this::row).optional()
                .orElseThrow(() -> new NotFoundProblem("change request " + id));
    }

    private ChangeRequest row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        java.sql.Timestamp decided = rs.getTimestamp("decided_at");
        return new ChangeRequest(rs.getLong("id"), rs.getLong("project_id"), rs.getInt("base_version"), rs.getString("reason"),
                json.readValue(rs.getString("changes"), CHANGES), rs.getString("status"), rs.getString("requested_by"),
                rs.getTimestamp("requested_at").toInstant(), rs.getString("decided_by"), rs.getString("decided_role"),
                decided == null ? null : decided.toInstant(), rs.getString("decision_comment"), (Integer) rs.getObject("new_version", Integer.class));
    }

    /** The project with the changes applied in memory; every change that cannot apply is reported with its index. */
    static ProjectData apply(ProjectData p, List<PlanChange> changes) {
        List<FieldProblem> problems = new ArrayList<>();
        List<Budget> budgets = new ArrayList<>(p.budgets());
        List<String> villages = new ArrayList<>(p.villages());
        List<String> comparison = new ArrayList<>(p.comparisonVillages());
        List<Result> results = new ArrayList<>(p.results());
        String lang = p.language() == null ? "en" : p.language();
        for (int i = 0; i < changes.size(); i++) {
            PlanChange c = changes.get(i);
            String w = "changes[" + i + "]";
            String kind = c.kind() == null ? "" : c.kind().trim().toUpperCase();
            switch (kind) {
                case "TARGET" -> {
                    if (c.periodStart() == null || c.periodEnd() == null || c.value() == null || c.value().isBlank()) {
                        problems.add(FieldProblem.of(null, w, "problem.project.targetNeeds"));
                        continue;
                    }
                    boolean found = false;
                    for (int r = 0; r < results.size() && !found; r++) {
                        Result res = results.get(r);
                        List<Indicator> inds = new ArrayList<>(res.indicators());
                        for (int k = 0; k < inds.size(); k++) {
                            Indicator ind = inds.get(k);
                            if (!Plan.indicatorName(ind).equals(c.indicator())) continue;
                            found = true;
                            List<Period> periods = new ArrayList<>(ind.periods());
                            int at = -1;
                            for (int q = 0; q < periods.size(); q++) {
                                if (periods.get(q).start().equals(c.periodStart()) && periods.get(q).end().equals(c.periodEnd())) at = q;
                            }
                            Value target = new Value(null, null, c.value().trim(), List.of(), List.of(), Map.of(), null, "ENTERED", null);
                            if (at < 0) {
                                periods.add(new Period(null, c.periodStart(), c.periodEnd(), null, List.of(target), List.of()));
                            } else {
                                Period old = periods.get(at);
                                List<Value> targets = new ArrayList<>(old.targets().stream().filter(v -> !v.total()).toList());
                                targets.addFirst(target);
                                periods.set(at, new Period(old.id(), old.start(), old.end(), old.roundCode(), targets, old.actuals()));
                            }
                            inds.set(k, new Indicator(ind.id(), ind.code(), ind.title(), ind.description(), ind.family(), ind.unit(), ind.measure(),
                                    ind.ascending(), ind.aggregationStatus(), ind.disaggregations(), ind.source(), ind.dataset(), ind.variable(),
                                    ind.statistic(), ind.threshold(), ind.extraXml(), ind.baselines(), periods));
                            results.set(r, new Result(res.id(), res.level(), res.type(), res.aggregationStatus(), res.title(), res.description(),
                                    res.extraXml(), inds));
                            break;
                        }
                    }
                    if (!found) problems.add(FieldProblem.of(null, w + ".indicator", "problem.project.noIndicator", c.indicator()));
                }
                case "BUDGET" -> {
                    if (c.periodStart() == null || c.periodEnd() == null) {
                        problems.add(FieldProblem.of(null, w, "problem.project.budgetNeeds"));
                        continue;
                    }
                    int at = -1;
                    for (int q = 0; q < budgets.size(); q++) {
                        if (budgets.get(q).periodStart().equals(c.periodStart()) && budgets.get(q).periodEnd().equals(c.periodEnd())) at = q;
                    }
                    if (c.value() == null || c.value().isBlank()) {
                        if (at < 0) problems.add(FieldProblem.of(null, w, "problem.project.noBudgetLine", c.periodStart(), c.periodEnd()));
                        else budgets.remove(at);
                        continue;
                    }
                    BigDecimal value;
                    try {
                        value = new BigDecimal(c.value().trim());
                    } catch (NumberFormatException e) {
                        problems.add(FieldProblem.of(null, w + ".value", "problem.notNumber", c.value()));
                        continue;
                    }
                    if (at < 0) budgets.add(new Budget("1", "1", c.periodStart(), c.periodEnd(), value, c.currency(), null));
                    else {
                        Budget old = budgets.get(at);
                        budgets.set(at, new Budget(old.type(), old.status(), old.periodStart(), old.periodEnd(), value,
                                c.currency() == null ? old.currency() : c.currency(), old.valueDate()));
                    }
                }
                case "ADD_ACTIVITY" -> {
                    if (c.title() == null || c.title().isBlank()) problems.add(FieldProblem.of(null, w + ".title", "problem.required"));
                    else results.add(new Result(null, "ACTIVITY", "9", null, Map.of(lang, c.title().trim()), Map.of(), null, List.of()));
                }
                case "REMOVE_ACTIVITY" -> {
                    boolean removed = results.removeIf(r -> "ACTIVITY".equals(r.level()) && r.title().containsValue(c.title()));
                    if (!removed) problems.add(FieldProblem.of(null, w + ".title", "problem.project.noActivity", c.title()));
                }
                case "ADD_VILLAGE" -> addUnit(problems, w, villages, c.village());
                case "REMOVE_VILLAGE" -> removeUnit(problems, w, villages, c.village());
                case "ADD_COMPARISON_VILLAGE" -> addUnit(problems, w, comparison, c.village());
                case "REMOVE_COMPARISON_VILLAGE" -> removeUnit(problems, w, comparison, c.village());
                default -> problems.add(FieldProblem.of(null, w + ".kind", "problem.project.changeKind", c.kind()));
            }
        }
        if (!problems.isEmpty()) throw new InvalidProjectProblem("the change request is not valid", problems);
        return p.withPlan(budgets, villages, comparison, results, p.planVersion());
    }

    private static void addUnit(List<FieldProblem> problems, String w, List<String> list, String code) {
        if (code == null || code.isBlank()) problems.add(FieldProblem.of(null, w + ".village", "problem.required"));
        else if (list.contains(code)) problems.add(FieldProblem.of(null, w + ".village", "problem.project.inPlan", code));
        else list.add(code);
    }

    private static void removeUnit(List<FieldProblem> problems, String w, List<String> list, String code) {
        if (!list.remove(code)) problems.add(FieldProblem.of(null, w + ".village", "problem.project.notInPlan", code));
    }
}
