package org.prosper.projects;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.prosper.access.Actor;
import org.prosper.access.AuditLog;
import org.prosper.platform.FieldProblem;
import org.prosper.projects.ProjectData.*;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * The evaluation lifecycle around a project: ex-ante appraisal, process monitoring with traffic lights, computed
 * actuals from survey data, and ex-post evaluations with OECD DAC ratings and a difference-in-differences estimate.
 */
@Service
public class EvaluationService {

    public static final List<String> CRITERIA = List.of("RELEVANCE", "COHERENCE", "EFFECTIVENESS", "EFFICIENCY", "IMPACT", "SUSTAINABILITY");
    public static final List<String> RECOMMENDATIONS = List.of("APPROVE", "REVISE", "REJECT");

    public record Did(long projectId, String dataset, String variable, double estimate, double se, double projectBaseline,
                      double projectEndline, double comparisonBaseline, double comparisonEndline, int[] households,
                      List<String> projectVillages, List<String> comparisonVillages, int clusters, String method) {
    }

    public record Rating(int rating, String evidence) {
    }

    public record EvaluationDraft(String kind, LocalDate evaluatedOn, String evaluator, String summary, Map<String, Rating> ratings,
                                  String didDataset, String didVariable) {
    }

    public record Evaluation(long id, long projectId, String kind, LocalDate evaluatedOn, String evaluator, String summary,
                             Map<String, Rating> ratings, String didDataset, String didVariable, Double didEstimate, Double didSe,
                             String createdBy, Instant createdAt) {
    }

    public record AppraisalDraft(LocalDate appraisedOn, String appraiser, String summary, String recommendation, String baselineRound) {
    }

    public record Appraisal(long id, long projectId, LocalDate appraisedOn, String appraiser, String summary, String recommendation,
                            String baselineRound, String createdBy) {
    }

    /** Progress of one indicator in one period: share of the way from baseline to target, and its light. */
    public record Light(long indicatorId, String indicator, String family, LocalDate periodStart, LocalDate periodEnd,
                        Double baseline, Double target, Double actual, Double progress, String light) {
    }

    private final ProjectService projects;
    private final ProjectRepository repository;
    private final OutcomeDatasets datasets;
    private final SurveyOutcomes surveys;
    private final JdbcClient db;
    private final JsonMapper json;
    private final AuditLog audit;

    public EvaluationService(ProjectService projects, ProjectRepository repository, OutcomeDatasets datasets, SurveyOutcomes surveys,
                             JdbcClient db, JsonMapper json, AuditLog audit) {
        this.projects = projects;
        this.repository = repository;
        this.datasets = datasets;
        this.surveys = surveys;
        this.db = db;
        this.json = json;
        this.audit = audit;
    }

    /** Where a dataset's household outcomes come from: survey rounds ("survey:<formId>") or an imported dataset. */
    private OutcomeSource source(String dataset) {
        return SurveyOutcomes.handles(dataset) ? surveys : datasets;
    }

    private boolean exists(String dataset) {
        return SurveyOutcomes.handles(dataset) ? surveys.exists(dataset) : datasets.exists(dataset);
    }

    // ------------------------------------------------------------------ difference in differences

    public Did did(Actor actor, long projectId, String dataset, String variable) {
        ProjectData p = projects.get(actor, projectId);
        return did(p, dataset, variable);
    }

    Did did(ProjectData p, String dataset, String variable) {
        if (dataset == null || variable == null) throw new InvalidProjectProblem("the estimate cannot be made", List.of(FieldProblem.of(null, "dataset, variable", "problem.required")));
        if (!exists(dataset)) {
            throw new InvalidProjectProblem("the estimate cannot be made", List.of(FieldProblem.of(null, "dataset",
                    SurveyOutcomes.handles(dataset) ? "problem.project.noSurveyDataset" : "problem.project.noDataset", dataset)));
        }
        if (p.comparisonVillages().isEmpty()) {
            throw new InvalidProjectProblem("the estimate cannot be made", List.of(FieldProblem.of(null, "comparisonVillages", "problem.project.noComparison", p.id())));
        }
        OutcomeSource outcomes = source(dataset);
        List<DidEstimator.Row> rows = DidEstimator.rows(outcomes.values(dataset, variable, "BASELINE", p.villages()),
                outcomes.values(dataset, variable, "ENDLINE", p.villages()),
                outcomes.values(dataset, variable, "BASELINE", p.comparisonVillages()),
                outcomes.values(dataset, variable, "ENDLINE", p.comparisonVillages()));
        DidEstimator.Result r;
        try {
            r = DidEstimator.estimate(rows);
        } catch (IllegalArgumentException e) {
            throw InvalidProjectProblem.said("the estimate cannot be made", List.of(variable + " in " + dataset + ": " + e.getMessage()));
        }
        return new Did(p.id(), dataset, variable, r.estimate(), r.se(), r.projectBaseline(), r.projectEndline(), r.comparisonBaseline(),
                r.comparisonEndline(), r.counts(), p.villages(), p.comparisonVillages(), r.villages(),
                "household means; SE by Taylor linearization with villages as PSUs (one stratum, with replacement), G/(G-1) factor");
    }

    // ------------------------------------------------------------------ ex-post evaluation

    @Transactional
    public Evaluation evaluate(Actor actor, long projectId, EvaluationDraft d) {
        projects.requireEditable(actor, projectId);
        List<FieldProblem> problems = new ArrayList<>();
        String kind = d.kind() == null ? "EX_POST" : d.kind();
        if (!List.of("EX_POST", "MID_TERM").contains(kind)) problems.add(FieldProblem.of(null, "kind", "problem.eitherOr", "EX_POST", "MID_TERM"));
        if (d.evaluatedOn() == null) problems.add(FieldProblem.of(null, "evaluatedOn", "problem.required"));
        if (d.evaluator() == null || d.evaluator().isBlank()) problems.add(FieldProblem.of(null, "evaluator", "problem.required"));
        Map<String, Rating> ratings = d.ratings() == null ? Map.of() : d.ratings();
        for (String c : CRITERIA) {
            Rating r = ratings.get(c);
            if (r == null) problems.add(FieldProblem.of(null, "ratings." + c, "problem.project.rateEvery"));
            else {
                if (r.rating() < 1 || r.rating() > 4) problems.add(FieldProblem.of(null, "ratings." + c + ".rating", "problem.project.rating"));
                if (r.evidence() == null || r.evidence().isBlank()) problems.add(FieldProblem.of(null, "ratings." + c + ".evidence", "problem.project.ratingEvidence"));
            }
        }
        for (String c : ratings.keySet()) if (!CRITERIA.contains(c)) problems.add(FieldProblem.of(null, "ratings." + c, "problem.project.notCriterion"));
        if (!problems.isEmpty()) throw new InvalidProjectProblem("the evaluation is not valid", problems);
        Did did = d.didDataset() == null ? null : did(projects.load(projectId), d.didDataset(), d.didVariable());
        var key = new org.springframework.jdbc.support.GeneratedKeyHolder();
        db.sql("insert into project_evaluation(project_id, kind, evaluated_on, evaluator, summary, did_dataset, did_variable, did_estimate, did_se, did_detail, created_by) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(projectId, kind, java.sql.Date.valueOf(d.evaluatedOn()), d.evaluator(), d.summary(), d.didDataset(), d.didVariable(),
                        did == null ? null : did.estimate(), did == null || Double.isNaN(did.se()) ? null : did.se(),
                        did == null ? null : json.writeValueAsString(did), actor.username())
                .update(key, "id");
        long id = key.getKey().longValue();
        for (String c : CRITERIA) {
            Rating r = ratings.get(c);
            db.sql("insert into evaluation_rating(evaluation_id, criterion, rating, evidence) values (?, ?, ?, ?)").params(id, c, r.rating(), r.evidence()).update();
        }
        Evaluation saved = evaluations(actor, projectId).stream().filter(e -> e.id() == id).findFirst().orElseThrow();
        audit.record(actor, "EVALUATE", "project", String.valueOf(projectId), null, null, saved);
        return saved;
    }

    public List<Evaluation> evaluations(Actor actor, long projectId) {
        projects.get(actor, projectId);
        Map<Long, Map<String, Rating>> ratings = new LinkedHashMap<>();
        db.sql("select r.evaluation_id, r.criterion, r.rating, r.evidence from evaluation_rating r join project_evaluation e on e.id = r.evaluation_id where e.project_id = ?")
                .param(projectId).query(rs -> {
                    ratings.computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>()).put(rs.getString(2), new Rating(rs.getInt(3), rs.getString(4)));
                });
        return db.sql("select * from project_evaluation where project_id = ? order by evaluated_on, id").param(projectId)
                .query((rs, n) -> new Evaluation(rs.getLong("id"), projectId, rs.getString("kind"), rs.getDate("evaluated_on").toLocalDate(),
                        rs.getString("evaluator"), rs.getString("summary"), ordered(ratings.getOrDefault(rs.getLong("id"), Map.of())),
                        rs.getString("did_dataset"), rs.getString("did_variable"), (Double) rs.getObject("did_estimate", Double.class),
                        (Double) rs.getObject("did_se", Double.class), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    private static Map<String, Rating> ordered(Map<String, Rating> r) {
        Map<String, Rating> out = new LinkedHashMap<>();
        for (String c : CRITERIA) if (r.containsKey(c)) out.put(c, r.get(c));
        return out;
    }

    // ------------------------------------------------------------------ ex-ante appraisal

    @Transactional
    public Appraisal appraise(Actor actor, long projectId, AppraisalDraft d) {
        projects.requireEditable(actor, projectId);
        List<FieldProblem> problems = new ArrayList<>();
        if (d.appraisedOn() == null) problems.add(FieldProblem.of(null, "appraisedOn", "problem.required"));
        if (d.appraiser() == null || d.appraiser().isBlank()) problems.add(FieldProblem.of(null, "appraiser", "problem.required"));
        if (d.summary() == null || d.summary().isBlank()) problems.add(FieldProblem.of(null, "summary", "problem.required"));
        if (d.recommendation() == null || !RECOMMENDATIONS.contains(d.recommendation())) {
            problems.add(FieldProblem.of(null, "recommendation", "problem.eitherOr", "APPROVE, REVISE", "REJECT"));
        }
        if (!problems.isEmpty()) throw new InvalidProjectProblem("the appraisal is not valid", problems);
        var key = new org.springframework.jdbc.support.GeneratedKeyHolder();
        db.sql("insert into project_appraisal(project_id, appraised_on, appraiser, summary, recommendation, baseline_round, created_by) values (?, ?, ?, ?, ?, ?, ?)")
                .params(projectId, java.sql.Date.valueOf(d.appraisedOn()), d.appraiser(), d.summary(), d.recommendation(), d.baselineRound(), actor.username())
                .update(key, "id");
        Appraisal a = appraisals(actor, projectId).stream().filter(x -> x.id() == key.getKey().longValue()).findFirst().orElseThrow();
        audit.record(actor, "APPRAISE", "project", String.valueOf(projectId), null, null, a);
        return a;
    }

    public List<Appraisal> appraisals(Actor actor, long projectId) {
        projects.get(actor, projectId);
        return db.sql("select * from project_appraisal where project_id = ? order by appraised_on, id").param(projectId)
                .query((rs, n) -> new Appraisal(rs.getLong("id"), projectId, rs.getDate("appraised_on").toLocalDate(), rs.getString("appraiser"),
                        rs.getString("summary"), rs.getString("recommendation"), rs.getString("baseline_round"), rs.getString("created_by")))
                .list();
    }

    // ------------------------------------------------------------------ monitoring

    /** Traffic lights: green at 90% or more of the way from baseline to target, amber from 60%, red below; none without data. */
    public List<Light> monitoring(Actor actor, long projectId) {
        return lights(projects.get(actor, projectId));
    }

    static List<Light> lights(ProjectData p) {
        List<Light> out = new ArrayList<>();
        for (Result r : p.results()) {
            for (Indicator i : r.indicators()) {
                Double baseline = i.baselines().stream().filter(Value::total).map(v -> number(v.value())).filter(java.util.Objects::nonNull).findFirst().orElse(null);
                for (Period per : i.periods()) {
                    Double target = per.targets().stream().filter(Value::total).map(v -> number(v.value())).filter(java.util.Objects::nonNull).findFirst().orElse(null);
                    Double actual = per.actuals().stream().filter(Value::total).map(v -> number(v.value())).filter(java.util.Objects::nonNull).findFirst().orElse(null);
                    Double progress = null;
                    String light = "NONE";
                    if (target != null && actual != null) {
                        double from = baseline == null ? 0 : baseline;
                        if (target == from) progress = actual.equals(target) ? 1.0 : (Boolean.FALSE.equals(i.ascending()) ? (actual < target ? 1.0 : 0.0) : (actual > target ? 1.0 : 0.0));
                        else progress = (actual - from) / (target - from);
                        light = progress >= 0.9 ? "GREEN" : progress >= 0.6 ? "AMBER" : "RED";
                    }
                    out.add(new Light(i.id(), Plan.indicatorName(i), i.family(), per.start(), per.end(), baseline, target, actual, progress, light));
                }
            }
        }
        return out;
    }

    static Double number(String v) {
        if (v == null) return null;
        try {
            return new BigDecimal(v.trim()).doubleValue();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ computed actuals

    /**
     * Recomputes every computed indicator of the project: the baseline from the dataset's BASELINE round and each period's
     * actual from the round its period names (round_code), over the households of the villages the project serves.
     */
    /** Recomputes the project's computed indicators on request: new survey submissions raise no event, a dataset import does. */
    @Transactional
    public int recompute(Actor actor, long projectId) {
        projects.requireEditable(actor, projectId);
        int written = recompute(projectId);
        audit.record(actor, "RECOMPUTE", "project", String.valueOf(projectId), null, null, Map.of("values", written));
        return written;
    }

    @Transactional
    public int recompute(long projectId) {
        ProjectData p = projects.load(projectId);
        int written = 0;
        for (Result r : p.results()) {
            for (Indicator i : r.indicators()) {
                if (!i.computed() || i.dataset() == null || !exists(i.dataset())) continue;
                OutcomeSource outcomes = source(i.dataset());
                Double base = statistic(i, outcomes.values(i.dataset(), i.variable(), "BASELINE", p.villages()));
                if (base != null) {
                    int year = i.periods().isEmpty() ? LocalDate.now().getYear() : i.periods().getFirst().start().getYear();
                    Integer baseYear = i.baselines().isEmpty() ? year : i.baselines().getFirst().year();
                    repository.replaceValues(i.id(), null, "BASELINE", List.of(new Value(baseYear, null, format(base), List.of(), List.of(),
                            Map.of(), "computed from " + i.dataset() + " BASELINE", "COMPUTED", null)));
                    written++;
                }
                for (Period per : i.periods()) {
                    if (per.roundCode() == null) continue;
                    Double actual = statistic(i, outcomes.values(i.dataset(), i.variable(), per.roundCode(), p.villages()));
                    if (actual == null) continue;
                    List<Value> kept = new ArrayList<>(per.actuals().stream().filter(v -> !v.total()).toList());
                    kept.addFirst(new Value(null, null, format(actual), List.of(), List.of(), Map.of(),
                            "computed from " + i.dataset() + " " + per.roundCode(), "COMPUTED", null));
                    repository.replaceValues(i.id(), per.id(), "ACTUAL", kept);
                    written++;
                }
            }
        }
        if (written > 0) repository.touch(projectId);
        return written;
    }

    @EventListener
    public void onDatasetChanged(OutcomeDatasets.DatasetChanged changed) {
        List<Long> ids = db.sql("select distinct project_id from project_indicator where source = 'COMPUTED' and dataset = ?")
                .param(changed.code()).query(Long.class).list();
        for (long id : ids) recompute(id);
    }

    private static Double statistic(Indicator i, List<OutcomeSource.Observation> values) {
        if (values.isEmpty()) return null;
        double s = 0;
        for (var o : values) s += "SHARE_BELOW".equals(i.statistic()) ? (o.value() < i.threshold() ? 1 : 0) : o.value();
        double mean = s / values.size();
        return "SHARE_BELOW".equals(i.statistic()) && "2".equals(i.measure()) ? 100 * mean : mean;
    }

    private static String format(double v) {
        return BigDecimal.valueOf(v).setScale(4, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
