package org.prosper.monitoring;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.prosper.access.Actor;
import org.prosper.access.ProsperUser;
import org.prosper.geo.GeoService;
import org.prosper.geo.OrgUnit;
import org.prosper.registry.ConflictProblem;
import org.prosper.web.ProblemTexts;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Monitoring pages: work list, case page with its actions, dashboard with drill-down, timeline, runs and files, notice, profiles. */
@Controller
@RequestMapping("/monitoring")
public class MonitoringPageController {

    private final AlertService alerts;
    private final CaseService cases;
    private final SupportService support;
    private final RunService runs;
    private final DeptImportService deptFiles;
    private final MonitoringViews views;
    private final ProfileStore profiles;
    private final GeoService geo;
    private final ProblemTexts problemTexts;

    public MonitoringPageController(AlertService alerts, CaseService cases, SupportService support, RunService runs,
                                    DeptImportService deptFiles, MonitoringViews views, ProfileStore profiles, GeoService geo,
                                    ProblemTexts problemTexts) {
        this.alerts = alerts;
        this.cases = cases;
        this.support = support;
        this.runs = runs;
        this.deptFiles = deptFiles;
        this.views = views;
        this.profiles = profiles;
        this.geo = geo;
        this.problemTexts = problemTexts;
    }

    @GetMapping
    String workList(@AuthenticationPrincipal ProsperUser user, @RequestParam(required = false) String country,
                    @RequestParam(required = false) String riskType, @RequestParam(required = false) String state,
                    @RequestParam(defaultValue = "0") int page, Model model) {
        Actor actor = user.actor();
        String c = country == null || country.isBlank() ? null : country;
        String r = riskType == null || riskType.isBlank() ? null : riskType;
        String s = state == null || state.isBlank() ? null : state;
        model.addAttribute("newAlerts", alerts.list(actor, new AlertService.AlertQuery(c, null, null, r, "NEW", null, null, page, 50)));
        model.addAttribute("cases", cases.list(actor, new CaseService.CaseQuery(c, null, s, r, null, null, 0, 50)));
        model.addAttribute("overdue", cases.list(actor, new CaseService.CaseQuery(c, null, null, r, true, null, 0, 50)));
        MonitoringViews.Dashboard d = views.dashboard(actor, c == null ? null : geo.countryUnit(c).id());
        model.addAttribute("byState", d.total().byState());
        model.addAttribute("byRisk", d.casesByRiskType());
        model.addAttribute("countries", geo.scopeRoots(actor).stream().map(OrgUnit::countryCode).distinct().sorted().toList());
        model.addAttribute("riskTypes", RiskType.values());
        model.addAttribute("states", CaseState.values());
        model.addAttribute("filter", new Filter(c, r, s, page));
        return "monitoring/index";
    }

    public record Filter(String country, String riskType, String state, int page) {
    }

    @PostMapping("/alerts/{id}/case")
    String caseFromAlert(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, RedirectAttributes redirect) {
        try {
            MonitoringCase c = cases.openFromAlert(user.actor(), id, null);
            return "redirect:/monitoring/cases/" + c.id();
        } catch (ConflictProblem e) {
            redirect.addFlashAttribute("problem", said(e));
            return "redirect:/monitoring";
        }
    }

    @GetMapping("/cases/{id}")
    String casePage(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, Model model) {
        MonitoringCase c = cases.get(user.actor(), id);
        model.addAttribute("c", c);
        model.addAttribute("lineage", geo.lineage(geo.unit(unitIdOf(c.orgPath()))));
        model.addAttribute("measures", SupportMeasure.values());
        model.addAttribute("riskTypes", RiskType.values());
        model.addAttribute("categories", CaseService.CATEGORIES);
        model.addAttribute("today", LocalDate.now());
        return "monitoring/case";
    }

    private static long unitIdOf(String path) {
        String[] ids = path.split("/");
        return Long.parseLong(ids[ids.length - 1]);
    }

    @PostMapping("/cases/{id}/step")
    String step(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, @RequestParam String action,
                @RequestParam(required = false) String note, @RequestParam(defaultValue = "false") boolean consent,
                @RequestParam(required = false) LocalDate noticeFrom, @RequestParam(required = false) String category,
                @RequestParam(required = false) String eliminationMode, @RequestParam(required = false) String override,
                @RequestParam(required = false) Integer version, @RequestParam(required = false) List<MultipartFile> files,
                RedirectAttributes redirect) throws IOException {
        try {
            List<CaseService.Upload> uploads = new ArrayList<>();
            if (files != null) for (MultipartFile f : files) {
                if (f.isEmpty()) continue;
                cases.checkEvidence(files.size(), f.getOriginalFilename(), f.getSize());
                uploads.add(new CaseService.Upload(f.getOriginalFilename(), f.getContentType(), f.getBytes()));
            }
            cases.step(user.actor(), id, new CaseService.StepRequest(action, note, consent, noticeFrom, blank(category), null, blank(eliminationMode),
                    override, version), uploads);
            redirect.addFlashAttribute("done", action);
        } catch (MonitoringProblem | CaseTransitionProblem | ConflictProblem e) {
            redirect.addFlashAttribute("problem", said(e));
        }
        return "redirect:/monitoring/cases/" + id;
    }

    @PostMapping("/cases/{id}/support")
    String plan(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, @RequestParam String measure,
                @RequestParam(required = false) String riskType, @RequestParam(required = false) Double amount,
                @RequestParam(required = false) LocalDate plannedOn, @RequestParam(required = false) LocalDate endOn,
                @RequestParam(required = false) String agency, @RequestParam(required = false) String note, RedirectAttributes redirect) {
        try {
            support.plan(user.actor(), id, new SupportService.PlanRequest(measure, blank(riskType), amount, plannedOn, null, endOn, agency, note));
        } catch (MonitoringProblem | CaseTransitionProblem e) {
            redirect.addFlashAttribute("problem", said(e));
        }
        return "redirect:/monitoring/cases/" + id;
    }

    @PostMapping("/support/{id}")
    String updateSupport(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, @RequestParam long caseId,
                         @RequestParam String status, @RequestParam(required = false) Double amount, RedirectAttributes redirect) {
        try {
            support.update(user.actor(), id, new SupportService.UpdateRequest(status, amount, null, "ENDED".equals(status) ? LocalDate.now() : null, null, null));
        } catch (MonitoringProblem | ConflictProblem e) {
            redirect.addFlashAttribute("problem", said(e));
        }
        return "redirect:/monitoring/cases/" + caseId;
    }

    @GetMapping("/dashboard")
    String dashboard(@AuthenticationPrincipal ProsperUser user, @RequestParam(required = false) Long orgUnit, Model model) {
        model.addAttribute("d", views.dashboard(user.actor(), orgUnit));
        model.addAttribute("states", CaseState.values());
        return "monitoring/dashboard";
    }

    @GetMapping("/households/{id}")
    String timeline(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, Model model) {
        model.addAttribute("events", views.timeline(user.actor(), id));
        model.addAttribute("householdId", id);
        model.addAttribute("cases", cases.list(user.actor(), new CaseService.CaseQuery(null, null, null, null, null, id, 0, 20)).items());
        return "monitoring/timeline";
    }

    @GetMapping("/runs")
    String runsPage(@AuthenticationPrincipal ProsperUser user, Model model) {
        Actor actor = user.actor();
        model.addAttribute("runs", runs.recent(actor, null, null, 30));
        model.addAttribute("countries", geo.scopeRoots(actor).stream().map(OrgUnit::countryCode).distinct().sorted().toList());
        return "monitoring/runs";
    }

    @PostMapping("/runs")
    String startRun(@AuthenticationPrincipal ProsperUser user, @RequestParam String country, @RequestParam(defaultValue = "FULL") String kind,
                    RedirectAttributes redirect) {
        try {
            RunService.Submitted s = runs.submit(user.actor(), country, kind);
            redirect.addFlashAttribute("jobId", s.jobId());
        } catch (MonitoringProblem e) {
            redirect.addFlashAttribute("problem", said(e));
        }
        return "redirect:/monitoring/runs";
    }

    @PostMapping("/dept-files")
    String deptFile(@AuthenticationPrincipal ProsperUser user, @RequestParam String country, @RequestParam(required = false) String source,
                    @RequestParam("file") MultipartFile file, RedirectAttributes redirect) throws IOException {
        try {
            deptFiles.checkSize(file.getOriginalFilename(), file.getSize());
            DeptImportService.ImportResult r = deptFiles.importFile(user.actor(), country, source, file.getOriginalFilename(), file.getBytes());
            redirect.addFlashAttribute("imported", r);
        } catch (MonitoringProblem e) {
            boolean rows = e.problems().stream().anyMatch(f -> f.row() != null);
            redirect.addFlashAttribute("problem", rows ? problemTexts.text("problem.monitoring.refused",
                    List.of(file.getOriginalFilename() == null ? "" : file.getOriginalFilename()), e.getMessage())
                    : said(e));
            if (rows) redirect.addFlashAttribute("problems", e.problems().stream().map(this::said).toList());
        }
        return "redirect:/monitoring/runs";
    }

    @GetMapping("/notice")
    String notice(@AuthenticationPrincipal ProsperUser user, @RequestParam long orgUnit, Model model) {
        model.addAttribute("n", views.notice(user.actor(), orgUnit));
        return "monitoring/notice";
    }

    @GetMapping("/profiles")
    String profilesPage(@AuthenticationPrincipal ProsperUser user, @RequestParam(required = false) String code, Model model) {
        MonitoringAccess.requireWork(user.actor());
        List<String> codes = profiles.codes();
        String chosen = code != null && codes.contains(code) ? code : codes.isEmpty() ? null : codes.getFirst();
        model.addAttribute("codes", codes);
        if (chosen != null) {
            ProfileStore.Stored p = profiles.current(chosen);
            model.addAttribute("p", p);
            model.addAttribute("retiredUnits", profiles.retiredUnits(p.profile()));
            model.addAttribute("versions", profiles.versions(chosen));
        }
        model.addAttribute("mayConfigure", MonitoringAccess.mayConfigure(user.actor()));
        return "monitoring/profiles";
    }

    @PostMapping("/profiles/{code}")
    String saveProfile(@AuthenticationPrincipal ProsperUser user, @PathVariable String code, @RequestParam String content,
                       @RequestParam(required = false) String note, RedirectAttributes redirect) {
        try {
            profiles.save(user.actor(), code, content, note);
        } catch (ProfileProblem e) {
            redirect.addFlashAttribute("problem", e.getMessage());
            redirect.addFlashAttribute("draft", content);
        }
        return "redirect:/monitoring/profiles?code=" + code;
    }

    /** A refusal in the reader's language, each field named by the label the page shows it with. */
    private String said(RuntimeException e) {
        return switch (e) {
            case MonitoringProblem m -> String.join("; ", m.problems().stream().map(this::said).toList());
            case CaseTransitionProblem t -> problemTexts.text(t.key(), named(t.key(), t.args()), t.getMessage());
            case ConflictProblem c -> problemTexts.text(c.key(), named(c.key(), c.args()), c.getMessage());
            default -> e.getMessage();
        };
    }

    private String said(MonitoringProblem.Field f) {
        if (f.row() != null) return problemTexts.ofRow(f.row(), f.field(), f.key(), f.args(), f.message());
        List<String> args = named(f.key(), f.args());
        if (f.field() == null || NAMED_BY_PROBLEM.contains(f.field())) return problemTexts.text(f.key(), args, f.message());
        return problemTexts.ofField(LABELS.get(f.field()), f.field(), f.key(), args, f.message());
    }

    /** Case states, actions, risk types and measures in a problem named as the case page names them, not by their codes. */
    private List<String> named(String key, List<String> args) {
        List<String> labels = CODE_LABELS.get(key == null ? "" : key);
        return labels == null ? args : problemTexts.named(args, labels);
    }

    private static final Map<String, List<String>> CODE_LABELS = Map.of(
            "problem.monitoring.measureRisk", List.of("monitoring.measure.", "monitoring.risk.", "monitoring.risk."),
            "problem.monitoring.notAllowed", java.util.Arrays.asList("monitoring.action.", null, "monitoring.state.", "monitoring.state."),
            "problem.monitoring.supportNotYet", java.util.Arrays.asList(null, "monitoring.state."),
            "problem.monitoring.hasCase", java.util.Arrays.asList(null, null, "monitoring.state."));

    /** Fields whose problem says what they are (the consent's label is the sentence its problem repeats). */
    private static final Set<String> NAMED_BY_PROBLEM = Set.of("consent");

    /** The labels the case, support, run and file forms show for the fields a problem may name. */
    private static final Map<String, String> LABELS = Map.ofEntries(Map.entry("action", "monitoring.action"),
            Map.entry("note", "monitoring.note"), Map.entry("consent", "monitoring.consent"), Map.entry("noticeFrom", "monitoring.noticeFrom"),
            Map.entry("category", "monitoring.category"), Map.entry("eliminationMode", "monitoring.eliminationMode"),
            Map.entry("override", "monitoring.override"), Map.entry("files", "monitoring.evidence"), Map.entry("riskTypes", "monitoring.riskType"),
            Map.entry("measure", "monitoring.measure"), Map.entry("riskType", "monitoring.riskType"), Map.entry("amount", "monitoring.amount"),
            Map.entry("plannedOn", "monitoring.plannedOn"), Map.entry("endOn", "monitoring.endOn"), Map.entry("agency", "monitoring.agency"),
            Map.entry("status", "monitoring.status"), Map.entry("country", "monitoring.country"), Map.entry("kind", "monitoring.runKind"),
            Map.entry("source", "monitoring.source"), Map.entry("file", "monitoring.file"));

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Keys of values shown on pages, for the message bundle test. */
    static Map<String, List<String>> labelledValues() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("monitoring.state.", Arrays.stream(CaseState.values()).map(Enum::name).toList());
        m.put("monitoring.action.", Arrays.stream(CaseAction.values()).map(Enum::name).toList());
        m.put("monitoring.risk.", Arrays.stream(RiskType.values()).map(Enum::name).toList());
        m.put("monitoring.severity.", Arrays.stream(Severity.values()).map(Enum::name).toList());
        m.put("monitoring.measure.", Arrays.stream(SupportMeasure.values()).map(Enum::name).toList());
        m.put("monitoring.category.", CaseService.CATEGORIES);
        m.put("monitoring.detection.", CaseService.DETECTIONS);
        m.put("monitoring.overdue.", List.of("STEP", "DECISION", "SUPPORT"));
        m.put("monitoring.event.", List.of("REGISTRY", "ALERT", "ALERT_RESOLVED", "CASE_STEP", "SUPPORT"));
        m.put("monitoring.supportStatus.", List.of("PLANNED", "DELIVERED", "ENDED"));
        m.put("monitoring.runState.", List.of("RUNNING", "SUCCEEDED", "FAILED"));
        m.put("monitoring.runKind.", List.of("FULL", "UPDATE", "INCREMENTAL"));
        return m;
    }
}
