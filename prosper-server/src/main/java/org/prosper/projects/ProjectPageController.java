package org.prosper.projects;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.prosper.access.Actor;
import org.prosper.access.Permission;
import org.prosper.access.ProsperUser;
import org.prosper.geo.GeoService;
import org.prosper.geo.OrgUnit;
import org.prosper.platform.FieldProblem;
import org.prosper.projects.ProjectData.*;
import org.prosper.web.ProblemTexts;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import tools.jackson.databind.json.JsonMapper;

/**
 * Project pages: the list of projects in the user's org units, a project with its results framework and charts,
 * plan change requests with the difference between plan versions, evaluations, and IATI import. Every read and write
 * goes through the projects services, which check role and scope themselves.
 */
@Controller
@RequestMapping("/projects")
public class ProjectPageController {

    static final List<String> STATUSES = List.of("1", "2", "3", "4", "5", "6");
    static final List<String> CHANGE_KINDS = List.of("TARGET", "BUDGET", "ADD_ACTIVITY", "REMOVE_ACTIVITY", "ADD_VILLAGE", "REMOVE_VILLAGE",
            "ADD_COMPARISON_VILLAGE", "REMOVE_COMPARISON_VILLAGE");

    private final ProjectService projects;
    private final PlanChangeService plans;
    private final EvaluationService evaluations;
    private final IatiImporter importer;
    private final GeoService geo;
    private final JsonMapper json;
    private final ProblemTexts problemTexts;

    public ProjectPageController(ProjectService projects, PlanChangeService plans, EvaluationService evaluations, IatiImporter importer,
                                 GeoService geo, JsonMapper json, ProblemTexts problemTexts) {
        this.projects = projects;
        this.plans = plans;
        this.evaluations = evaluations;
        this.importer = importer;
        this.geo = geo;
        this.json = json;
        this.problemTexts = problemTexts;
    }

    public record Filter(String country, String status, String programme, String q) {
    }

    @GetMapping
    String list(@AuthenticationPrincipal ProsperUser user, @RequestParam(required = false) String country,
                @RequestParam(required = false) String status, @RequestParam(required = false) String programme,
                @RequestParam(required = false) String q, Model model) {
        Actor actor = user.actor();
        List<ProjectSummary> all = projects.list(actor, null);
        List<ProjectSummary> shown = projects.list(actor, new ProjectService.ProjectQuery(blank(country), blank(programme), blank(q))).stream()
                .filter(s -> blank(status) == null || status.equals(s.status())).toList();
        model.addAttribute("projects", shown);
        model.addAttribute("countries", all.stream().flatMap(s -> s.countries().stream()).distinct().sorted().toList());
        model.addAttribute("programmes", projects.programmes(actor));
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("filter", new Filter(blank(country), blank(status), blank(programme), blank(q)));
        model.addAttribute("mayEdit", actor.may(Permission.EDIT_PROJECTS));
        return "projects/index";
    }

    /** One level of the results framework as the page shows it. */
    public record ResultView(Result result, List<IndicatorView> indicators) {
    }

    public record IndicatorView(Indicator indicator, String baseline, Integer baselineYear, List<PeriodView> periods) {
    }

    public record PeriodView(LocalDate start, LocalDate end, String roundCode, String target, String actual, String evidence,
                             String progress, String light, List<String> breakdowns) {
    }

    public record Place(String code, String name, String country) {
    }

    public record MoneyLine(String type, String currency, BigDecimal total) {
    }

    @GetMapping("/{id}")
    String project(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, Locale locale, Model model) {
        Actor actor = user.actor();
        ProjectData p = projects.get(actor, id);
        String lang = locale.getLanguage();
        model.addAttribute("p", p);
        model.addAttribute("projectTitle", Texts.pick(p.title(), lang));
        model.addAttribute("description", Texts.pick(p.description(), lang));
        model.addAttribute("objectives", Texts.pick(p.objectives(), lang));
        model.addAttribute("villages", places(p.villages(), lang));
        model.addAttribute("comparison", places(p.comparisonVillages(), lang));
        model.addAttribute("results", results(p, EvaluationService.lights(p)));
        model.addAttribute("chartsJson", safeJson(charts(p, lang)));
        model.addAttribute("money", money(p));
        model.addAttribute("requests", plans.list(actor, id));
        model.addAttribute("versions", plans.versions(actor, id));
        model.addAttribute("appraisals", evaluations.appraisals(actor, id));
        model.addAttribute("evaluations", evaluations.evaluations(actor, id));
        model.addAttribute("criteria", EvaluationService.CRITERIA);
        model.addAttribute("mayEdit", projects.mayEdit(actor, id));
        model.addAttribute("recommendations", EvaluationService.RECOMMENDATIONS);
        for (String form : List.of("actualForm", "appraisalForm", "evaluationForm")) {
            if (!model.containsAttribute(form)) model.addAttribute(form, Map.of());
        }
        return "projects/project";
    }

    /** An actual entered on the page for one indicator and period (one of its periods, or dates for a new one), with its evidence. */
    @PostMapping("/{id}/indicators/{indicatorId}/actuals")
    String enterActual(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, @PathVariable long indicatorId,
                       @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        List<FieldProblem> problems = new ArrayList<>();
        String period = blank(form.get("period"));
        LocalDate start, end;
        if (period != null) {
            String[] parts = period.split("/", 2);
            start = date(parts[0], null, "period", problems);
            end = parts.length < 2 ? null : date(parts[1], null, "period", problems);
        } else {
            start = date(blank(form.get("periodStart")), null, "periodStart", problems);
            end = date(blank(form.get("periodEnd")), null, "periodEnd", problems);
        }
        try {
            if (!problems.isEmpty()) throw new InvalidProjectProblem("the actual is not valid", problems);
            projects.enterActual(user.actor(), id, indicatorId, new ProjectService.ActualEntry(start, end, blank(form.get("value")), List.of(),
                    blank(form.get("evidence")), blank(form.get("comment"))));
            redirect.addFlashAttribute("saved", "actual");
        } catch (InvalidProjectProblem e) {
            problem(redirect, e);
            Map<String, String> back = new LinkedHashMap<>(form);
            back.put("indicatorId", String.valueOf(indicatorId));
            redirect.addFlashAttribute("actualForm", back);
        }
        return "redirect:/projects/" + id + "#indicator-" + indicatorId;
    }

    @PostMapping("/{id}/appraisals")
    String appraise(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, @RequestParam Map<String, String> form,
                    RedirectAttributes redirect) {
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate on = date(blank(form.get("appraisedOn")), null, "appraisedOn", problems);
        try {
            if (!problems.isEmpty()) throw new InvalidProjectProblem("the appraisal is not valid", problems);
            evaluations.appraise(user.actor(), id, new EvaluationService.AppraisalDraft(on, blank(form.get("appraiser")), blank(form.get("summary")),
                    blank(form.get("recommendation")), blank(form.get("baselineRound"))));
            redirect.addFlashAttribute("saved", "appraisal");
        } catch (InvalidProjectProblem e) {
            problem(redirect, e);
            redirect.addFlashAttribute("appraisalForm", form);
        }
        return "redirect:/projects/" + id + "#evaluation";
    }

    /** An evaluation with a rating (rating.CRITERION, 1 to 4) and evidence (evidence.CRITERION) per DAC criterion, and an optional DiD source. */
    @PostMapping("/{id}/evaluations")
    String evaluate(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, @RequestParam Map<String, String> form,
                    RedirectAttributes redirect) {
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate on = date(blank(form.get("evaluatedOn")), null, "evaluatedOn", problems);
        Map<String, EvaluationService.Rating> ratings = new LinkedHashMap<>();
        for (String c : EvaluationService.CRITERIA) {
            String rating = blank(form.get("rating." + c));
            String evidence = blank(form.get("evidence." + c));
            if (rating == null && evidence == null) continue;
            int value = 0;
            if (rating == null) problems.add(FieldProblem.of(null, "ratings." + c + ".rating", "problem.required"));
            else {
                try {
                    value = Integer.parseInt(rating);
                } catch (NumberFormatException e) {
                    problems.add(FieldProblem.of(null, "ratings." + c + ".rating", "problem.project.ratingNumber", rating));
                }
            }
            ratings.put(c, new EvaluationService.Rating(value, evidence));
        }
        try {
            if (!problems.isEmpty()) throw new InvalidProjectProblem("the evaluation is not valid", problems);
            evaluations.evaluate(user.actor(), id, new EvaluationService.EvaluationDraft(blank(form.get("kind")), on, blank(form.get("evaluator")),
                    blank(form.get("summary")), ratings, blank(form.get("didDataset")), blank(form.get("didVariable"))));
            redirect.addFlashAttribute("saved", "evaluation");
        } catch (InvalidProjectProblem e) {
            problem(redirect, e);
            redirect.addFlashAttribute("evaluationForm", form);
        }
        return "redirect:/projects/" + id + "#evaluation";
    }

    private void problem(RedirectAttributes redirect, InvalidProjectProblem e) {
        redirect.addFlashAttribute("problem", problemTexts.text("projects.notSaved", List.of(), e.getMessage()));
        redirect.addFlashAttribute("problems", said(e));
    }

    /** Each problem in the reader's language, a field of a form by the label the form shows, a change by its row. */
    private List<String> said(InvalidProjectProblem e) {
        return e.fieldProblems().stream().map(f -> {
            Matcher change = f.field() == null ? null : CHANGE.matcher(f.field());
            if (change != null && change.matches()) {
                String part = change.group(2) == null ? "kind" : change.group(2);
                return row(Integer.parseInt(change.group(1)) + 1, CHANGE_LABELS.getOrDefault(part, part), f);
            }
            if (f.member() == null) return problemTexts.of(f, LABELS);
            return row(f.member(), LABELS.getOrDefault(f.field(), f.field()), f);
        }).toList();
    }

    /** The request's problems with each change numbered by its row of the page's table (rows left empty are not changes). */
    private static InvalidProjectProblem onTable(InvalidProjectProblem e, List<Integer> tableRows) {
        return new InvalidProjectProblem("the change request is not valid", e.fieldProblems().stream().map(f -> {
            Matcher change = f.field() == null ? null : CHANGE.matcher(f.field());
            if (change == null || !change.matches() || Integer.parseInt(change.group(1)) >= tableRows.size()) return f;
            String field = "changes[" + tableRows.get(Integer.parseInt(change.group(1))) + "]" + (change.group(2) == null ? "" : "." + change.group(2));
            return new FieldProblem(f.member(), field, f.message(), f.key(), f.args());
        }).toList());
    }

    private String row(int row, String labelKey, FieldProblem f) {
        String column = problemTexts.label(labelKey, f.field());
        return problemTexts.ofRow(row, column, f.key(), f.args(), f.message());
    }

    /** A change of a change request as the service names it (changes[0].value): a row of the page's table. */
    private static final Pattern CHANGE = Pattern.compile("changes\\[(\\d+)](?:\\.(\\w+))?");
    private static final Map<String, String> CHANGE_LABELS = Map.of("kind", "projects.changes.kind", "indicator", "projects.col.indicator",
            "value", "projects.col.value", "title", "projects.changes.activity", "village", "projects.changes.village");

    /** The labels the project, change and evaluation forms show for the fields a problem may name. */
    private static final Map<String, String> LABELS = labels();

    private static Map<String, String> labels() {
        Map<String, String> m = new java.util.HashMap<>(Map.ofEntries(Map.entry("period", "projects.period"),
                Map.entry("periodStart", "projects.col.periodStart"), Map.entry("periodEnd", "projects.col.periodEnd"),
                Map.entry("periodStart, periodEnd", "projects.period"), Map.entry("value", "projects.col.actual"),
                Map.entry("evidence", "projects.col.evidence"), Map.entry("appraisedOn", "projects.date"),
                Map.entry("evaluatedOn", "projects.date"), Map.entry("appraiser", "projects.appraiser"),
                Map.entry("evaluator", "projects.evaluator"), Map.entry("summary", "projects.summary"),
                Map.entry("recommendation", "projects.recommendation"), Map.entry("kind", "projects.form.kind"),
                Map.entry("dataset", "projects.form.didDataset"), Map.entry("dataset, variable", "projects.form.didDataset"),
                Map.entry("reason", "projects.changes.reason"), Map.entry("comment", "projects.changes.comment")));
        for (String c : EvaluationService.CRITERIA) {
            for (String f : List.of("ratings." + c, "ratings." + c + ".rating", "ratings." + c + ".evidence")) m.put(f, "projects.criterion." + c);
        }
        return Map.copyOf(m);
    }

    @PostMapping("/{id}/recompute")
    String recompute(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("recomputed", evaluations.recompute(user.actor(), id));
        } catch (InvalidProjectProblem e) {
            problem(redirect, e);
        }
        return "redirect:/projects/" + id;
    }

    @GetMapping("/{id}/changes")
    String changes(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, @RequestParam(required = false) Integer from,
                   @RequestParam(required = false) Integer to, Locale locale, Model model) {
        Actor actor = user.actor();
        ProjectData p = projects.get(actor, id);
        List<PlanVersions.Version> versions = plans.versions(actor, id);
        List<PlanChangeService.ChangeRequest> requests = plans.list(actor, id);
        int last = versions.isEmpty() ? 1 : versions.getLast().version();
        int b = to == null ? last : to;
        int a = from == null ? Math.max(1, b - 1) : from;
        model.addAttribute("p", p);
        model.addAttribute("projectTitle", Texts.pick(p.title(), locale.getLanguage()));
        model.addAttribute("versions", versions);
        model.addAttribute("requests", requests);
        Map<Long, List<String>> previews = new LinkedHashMap<>();
        for (var r : requests) {
            if (!"PENDING".equals(r.status())) continue;
            try {
                previews.put(r.id(), plans.preview(actor, r.id()));
            } catch (InvalidProjectProblem e) {
                previews.put(r.id(), said(e));
            }
        }
        model.addAttribute("previews", previews);
        if (versions.size() > 1 || (from != null && to != null)) model.addAttribute("diff", plans.diff(actor, id, a, b));
        model.addAttribute("mayRequest", projects.mayEdit(actor, id));
        model.addAttribute("mayApprove", actor.may(Permission.APPROVE_PLAN_CHANGES) && projects.mayEditScope(actor, id));
        model.addAttribute("kinds", CHANGE_KINDS);
        model.addAttribute("indicatorCodes", p.results().stream().flatMap(r -> r.indicators().stream()).map(Plan::indicatorName).toList());
        model.addAttribute("activities", p.results().stream().filter(r -> "ACTIVITY".equals(r.level())).map(r -> Texts.pick(r.title(), "en")).toList());
        model.addAttribute("username", actor.username());
        return "projects/changes";
    }

    /** A change request from the page: a reason and up to three changes, rows left without a kind are ignored. */
    @PostMapping("/{id}/changes")
    String request(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, @RequestParam(required = false) String reason,
                   @RequestParam(required = false) List<String> kind, @RequestParam(required = false) List<String> indicator,
                   @RequestParam(required = false) List<String> periodStart, @RequestParam(required = false) List<String> periodEnd,
                   @RequestParam(required = false) List<String> value, @RequestParam(required = false) List<String> currency,
                   @RequestParam(required = false) List<String> text, @RequestParam(required = false) List<String> village,
                   RedirectAttributes redirect) {
        List<PlanChange> changes = new ArrayList<>();
        List<FieldProblem> problems = new ArrayList<>();
        List<Integer> tableRows = new ArrayList<>();
        int rows = kind == null ? 0 : kind.size();
        for (int i = 0; i < rows; i++) {
            String k = blank(kind.get(i));
            if (k == null) continue;
            tableRows.add(i);
            changes.add(new PlanChange(k, at(indicator, i), date(at(periodStart, i), i + 1, "periodStart", problems),
                    date(at(periodEnd, i), i + 1, "periodEnd", problems), at(value, i), at(currency, i), at(text, i), at(village, i)));
        }
        try {
            if (!problems.isEmpty()) throw new InvalidProjectProblem("the change request is not valid", problems);
            var cr = plans.request(user.actor(), id, new PlanChangeService.Draft(reason, changes));
            redirect.addFlashAttribute("done", "requested");
            redirect.addFlashAttribute("doneId", cr.id());
        } catch (InvalidProjectProblem e) {
            problem(redirect, onTable(e, tableRows));
            redirect.addFlashAttribute("reason", reason);
        } catch (ProjectConflictProblem e) {
            redirect.addFlashAttribute("problem", problemTexts.text(e.key(), e.args(), e.getMessage()));
        }
        return "redirect:/projects/" + id + "/changes";
    }

    @PostMapping("/change-requests/{requestId}/decision")
    String decide(@AuthenticationPrincipal ProsperUser user, @PathVariable long requestId, @RequestParam String decision,
                  @RequestParam(required = false) String comment, RedirectAttributes redirect) {
        Actor actor = user.actor();
        long projectId = plans.get(actor, requestId).projectId();
        try {
            var d = new PlanChangeService.Decision(blank(comment));
            if ("approve".equals(decision)) plans.approve(actor, requestId, d);
            else if ("reject".equals(decision)) plans.reject(actor, requestId, d);
            else throw new InvalidProjectProblem("the decision is not valid", List.of(FieldProblem.of(null, "decision", "problem.eitherOr", "approve", "reject")));
            redirect.addFlashAttribute("done", decision);
            redirect.addFlashAttribute("doneId", requestId);
        } catch (InvalidProjectProblem e) {
            problem(redirect, e);
        } catch (ProjectConflictProblem e) {
            redirect.addFlashAttribute("problem", problemTexts.text(e.key(), e.args(), e.getMessage()));
        }
        return "redirect:/projects/" + projectId + "/changes";
    }

    @GetMapping("/iati-import")
    String importPage(@AuthenticationPrincipal ProsperUser user) {
        user.actor().require(Permission.EDIT_PROJECTS);
        return "projects/iati-import";
    }

    @PostMapping("/iati-import")
    String importFile(@AuthenticationPrincipal ProsperUser user, @RequestParam(value = "file", required = false) MultipartFile file,
                      Model model) throws IOException {
        Actor actor = user.actor();
        actor.require(Permission.EDIT_PROJECTS);
        if (file == null || file.isEmpty()) {
            model.addAttribute("problem", "file: choose an IATI activity XML file");
            return "projects/iati-import";
        }
        try {
            model.addAttribute("report", importer.importFile(actor, file.getOriginalFilename(), file.getInputStream()));
        } catch (IatiFileProblem e) {
            model.addAttribute("problem", e.getMessage() + " (" + e.where() + ")");
        } catch (InvalidProjectProblem e) {
            model.addAttribute("problem", problemTexts.text("projects.notImported", List.of(), e.getMessage()));
            model.addAttribute("problems", said(e));
        }
        return "projects/iati-import";
    }

    // ------------------------------------------------------------------ views

    private List<Place> places(List<String> codes, String lang) {
        return codes.stream().map(c -> geo.unitByCode(c).map(u -> new Place(c, u.displayName(lang), u.countryCode()))
                .orElse(new Place(c, c, ""))).toList();
    }

    static List<ResultView> results(ProjectData p, List<EvaluationService.Light> lights) {
        Map<String, EvaluationService.Light> byPeriod = new LinkedHashMap<>();
        for (var l : lights) byPeriod.put(l.indicatorId() + "|" + l.periodStart() + "|" + l.periodEnd(), l);
        List<ResultView> out = new ArrayList<>();
        for (Result r : p.results()) {
            List<IndicatorView> indicators = new ArrayList<>();
            for (Indicator i : r.indicators()) {
                Value base = i.baselines().stream().filter(Value::total).findFirst().orElse(null);
                List<PeriodView> periods = new ArrayList<>();
                for (Period per : i.periods()) {
                    Value target = per.targets().stream().filter(Value::total).findFirst().orElse(null);
                    Value actual = per.actuals().stream().filter(Value::total).findFirst().orElse(null);
                    EvaluationService.Light l = byPeriod.get(i.id() + "|" + per.start() + "|" + per.end());
                    List<String> breakdowns = per.actuals().stream().filter(v -> !v.total()).map(v -> Plan.breakdown(v) + ": " + v.value()).toList();
                    periods.add(new PeriodView(per.start(), per.end(), per.roundCode(), target == null ? null : target.value(),
                            actual == null ? null : actual.value(), actual == null ? null : actual.evidence(),
                            l == null || l.progress() == null ? null : String.format(Locale.ROOT, "%.0f%%", 100 * l.progress()),
                            l == null ? "NONE" : l.light(), breakdowns));
                }
                indicators.add(new IndicatorView(i, base == null ? null : base.value(), base == null ? null : base.year(), periods));
            }
            out.add(new ResultView(r, indicators));
        }
        return out;
    }

    /** Per indicator: baseline, then each period's target and actual, for the charts. */
    static List<Map<String, Object>> charts(ProjectData p, String lang) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Result r : p.results()) {
            for (Indicator i : r.indicators()) {
                if (i.id() == null) continue;
                Value base = i.baselines().stream().filter(Value::total).findFirst().orElse(null);
                List<String> labels = new ArrayList<>();
                List<Double> baseline = new ArrayList<>();
                List<Double> targets = new ArrayList<>();
                List<Double> actuals = new ArrayList<>();
                Double b = base == null ? null : EvaluationService.number(base.value());
                if (base != null) {
                    labels.add(base.year() != null ? String.valueOf(base.year()) : base.isoDate() != null ? base.isoDate().toString() : "baseline");
                    baseline.add(b);
                    targets.add(null);
                    actuals.add(b);
                }
                for (Period per : i.periods()) {
                    labels.add(per.start().getYear() == per.end().getYear() ? String.valueOf(per.end().getYear()) : per.start() + "–" + per.end());
                    baseline.add(b);
                    targets.add(per.targets().stream().filter(Value::total).map(v -> EvaluationService.number(v.value())).findFirst().orElse(null));
                    actuals.add(per.actuals().stream().filter(Value::total).map(v -> EvaluationService.number(v.value())).findFirst().orElse(null));
                }
                Map<String, Object> chart = new LinkedHashMap<>();
                chart.put("id", i.id());
                chart.put("code", Plan.indicatorName(i));
                chart.put("title", Texts.pick(i.title(), lang));
                chart.put("unit", i.unit() == null ? "" : i.unit());
                chart.put("labels", labels);
                chart.put("baseline", baseline);
                chart.put("targets", targets);
                chart.put("actuals", actuals);
                out.add(chart);
            }
        }
        return out;
    }

    /** Sums of budgets and of transactions by type and currency. */
    static List<MoneyLine> money(ProjectData p) {
        Map<String, BigDecimal> sums = new TreeMap<>();
        for (Budget b : p.budgets()) {
            if (b.value() == null) continue;
            sums.merge("BUDGET|" + nz(b.currency(), p.defaultCurrency()), b.value(), BigDecimal::add);
        }
        for (Transaction t : p.transactions()) {
            if (t.value() == null) continue;
            sums.merge("tx." + t.type() + "|" + nz(t.currency(), p.defaultCurrency()), t.value(), BigDecimal::add);
        }
        List<MoneyLine> out = new ArrayList<>();
        sums.forEach((k, v) -> {
            String[] parts = k.split("\\|", 2);
            out.add(new MoneyLine(parts[0], parts[1], v));
        });
        return out;
    }

    private String safeJson(Object value) {
        // The data travels to the chart script inside the page; "</" cannot close the script element that holds it.
        return json.writeValueAsString(value).replace("</", "<\\/");
    }

    /** Text in the reader's language, else English, else any; for the templates. */
    public static String text(Map<String, String> text, String lang) {
        return Texts.pick(text, lang);
    }

    /** A share as written by people: 60 rather than 60.0000. */
    public static String percent(BigDecimal v) {
        return v == null ? "" : v.stripTrailingZeros().toPlainString() + "%";
    }

    public static String amount(BigDecimal v) {
        return v == null ? "" : String.format(Locale.ROOT, "%,.2f", v).replaceAll("\\.00$", "");
    }

    private static String nz(String a, String b) {
        return a != null && !a.isBlank() ? a : b == null ? "" : b;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String at(List<String> list, int i) {
        return list == null || i >= list.size() ? null : blank(list.get(i));
    }

    /** A date of the form; {@code row} is the row of the change request's table, or null. */
    private static LocalDate date(String s, Integer row, String field, List<FieldProblem> problems) {
        if (s == null) return null;
        try {
            return LocalDate.parse(s);
        } catch (java.time.format.DateTimeParseException e) {
            problems.add(FieldProblem.of(row, field, "problem.notDate", s));
            return null;
        }
    }
}
