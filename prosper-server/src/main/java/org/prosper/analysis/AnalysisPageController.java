package org.prosper.analysis;

import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.prosper.access.AccessDeniedProblem;
import org.prosper.access.Actor;
import org.prosper.access.Permission;
import org.prosper.access.ProsperUser;
import org.prosper.geo.GeoService;
import org.prosper.geo.OrgUnit;
import org.prosper.measure.lines.InternationalLine;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import tools.jackson.databind.json.JsonMapper;

/** The analysis page: choose a unit, source and line or MPI spec; the result (or a job's progress) comes back by htmx. */
@Controller
@RequestMapping("/analysis")
public class AnalysisPageController {

    static final Set<String> PERCENT = Set.of("fgt0", "fgt1", "fgt2", "H", "A", "M0", "vulnerable", "severe");
    static final Set<String> MONEY = Set.of("mean", "median");

    private final AnalysisService analyses;
    private final GeoService geo;
    private final JsonMapper json;

    public AnalysisPageController(AnalysisService analyses, GeoService geo, JsonMapper json) {
        this.analyses = analyses;
        this.geo = geo;
        this.json = json;
    }

    @GetMapping
    String page(@AuthenticationPrincipal ProsperUser user, Model model) {
        Actor actor = user.actor();
        actor.require(Permission.VIEW_REGISTRY);
        model.addAttribute("units", units(actor, null));
        model.addAttribute("rounds", analyses.rounds(actor));
        model.addAttribute("internationalLines", Arrays.asList(InternationalLine.values()));
        model.addAttribute("specs", RegistryIndicators.knownSpecs());
        model.addAttribute("today", LocalDate.now());
        return "analysis/index";
    }

    /** Units in scope whose name or code contains the text, as options of the unit picker. */
    @GetMapping("/units")
    String units(@AuthenticationPrincipal ProsperUser user, @RequestParam(required = false) String q, Model model) {
        user.actor().require(Permission.VIEW_REGISTRY);
        model.addAttribute("units", units(user.actor(), q));
        return "analysis/result :: units";
    }

    private List<OrgUnit> units(Actor actor, String q) {
        return geo.search(actor, q, null, null, 400).stream().sorted(Comparator.comparing(OrgUnit::path)).toList();
    }

    @PostMapping("/run")
    String run(@AuthenticationPrincipal ProsperUser user, @RequestParam(required = false) Long orgUnitId,
               @RequestParam(defaultValue = "registry") String sourceKind, @RequestParam(required = false) Long roundId,
               @RequestParam(required = false) String welfareVariables, @RequestParam(required = false) Double annualFactor,
               @RequestParam(required = false) @org.springframework.format.annotation.DateTimeFormat(iso = org.springframework.format.annotation.DateTimeFormat.ISO.DATE) java.time.LocalDate asOf,
               @RequestParam(defaultValue = "monetary") String measureKind, @RequestParam(required = false) String lineKind,
               @RequestParam(required = false) String lineId, @RequestParam(required = false) String area,
               @RequestParam(required = false) Integer year, @RequestParam(required = false) Double fraction,
               @RequestParam(required = false) String mpiSpec, @RequestParam(required = false) String welfareUnit, Model model) {
        List<String> variables = welfareVariables == null || welfareVariables.isBlank() ? null
                : Arrays.stream(welfareVariables.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
        boolean mpi = "mpi".equals(measureKind);
        AnalysisRequest request = new AnalysisRequest(orgUnitId,
                new AnalysisRequest.Source(sourceKind, "registry".equals(sourceKind) ? asOf : null, "survey".equals(sourceKind) ? roundId : null, variables, annualFactor, null),
                mpi ? null : new AnalysisRequest.Line(lineKind, lineId, year, area, fraction), mpi ? mpiSpec : null, welfareUnit);
        try {
            AnalysisService.Submitted submitted = analyses.submit(user.actor(), request);
            if (submitted.result() != null) return result(submitted.result(), model);
            model.addAttribute("job", analyses.job(user.actor(), submitted.jobId()));
            return "analysis/result :: job";
        } catch (AnalysisProblem e) {
            model.addAttribute("problems", e.problems().stream().map(AnalysisProblem.Field::toString).toList());
            return "analysis/result :: problems";
        } catch (AccessDeniedProblem e) {
            model.addAttribute("problems", List.of(e.getMessage()));
            return "analysis/result :: problems";
        }
    }

    /** Polled while a job runs; swaps in the result once it is there. */
    @GetMapping("/{id}/status")
    String status(@AuthenticationPrincipal ProsperUser user, @PathVariable String id, Model model) {
        var result = analyses.result(user.actor(), id);
        if (result.isPresent()) return result(result.get(), model);
        var job = analyses.job(user.actor(), id);
        model.addAttribute("job", job);
        if (job.state().finished()) {
            model.addAttribute("problems", List.of(job.message() == null ? job.state().name() : job.message()));
            return "analysis/result :: problems";
        }
        return "analysis/result :: job";
    }

    /** A kept result on a page of its own (a link to share with oneself, or to come back to). */
    @GetMapping("/{id}")
    String view(@AuthenticationPrincipal ProsperUser user, @PathVariable String id, Model model) {
        page(user, model);
        var result = analyses.result(user.actor(), id);
        if (result.isPresent()) {
            result(result.get(), model);
        } else {
            model.addAttribute("job", analyses.job(user.actor(), id));
        }
        return "analysis/index";
    }

    @GetMapping("/{id}/result.csv")
    ResponseEntity<byte[]> csv(@AuthenticationPrincipal ProsperUser user, @PathVariable String id) {
        AnalysisResult r = ready(user, id);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultExport.csv(r, out);
        return AnalysisApiController.file(out.toByteArray(), "analysis-" + r.unit().code() + ".csv", "text/csv;charset=UTF-8");
    }

    @GetMapping("/{id}/result.xlsx")
    ResponseEntity<byte[]> xlsx(@AuthenticationPrincipal ProsperUser user, @PathVariable String id) {
        AnalysisResult r = ready(user, id);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultExport.xlsx(r, out);
        return AnalysisApiController.file(out.toByteArray(), "analysis-" + r.unit().code() + ".xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    }

    private AnalysisResult ready(ProsperUser user, String id) {
        return analyses.result(user.actor(), id).orElseThrow(() -> new org.prosper.access.NotFoundProblem("result of analysis " + id));
    }

    private String result(AnalysisResult r, Model model) {
        model.addAttribute("result", r);
        // The result travels to the chart script inside the page; "</" cannot close the script element that holds it.
        model.addAttribute("resultJson", json.writeValueAsString(r).replace("</", "<\\/"));
        return "analysis/result :: result";
    }

    /** A measure's value as the table shows it: percent for shares, whole currency units for amounts. */
    public static String format(String measure, Double value) {
        if (value == null) return "–";
        if (PERCENT.contains(measure)) return String.format(Locale.ROOT, "%.1f%%", value * 100);
        if (MONEY.contains(measure)) return String.format(Locale.ROOT, "%,.0f", value);
        return String.format(Locale.ROOT, "%.3f", value);
    }

    /** The standard error in the measure's own units. */
    public static String formatSe(String measure, Double se) {
        if (se == null) return "";
        if (PERCENT.contains(measure)) return String.format(Locale.ROOT, "± %.1f", se * 100);
        if (MONEY.contains(measure)) return String.format(Locale.ROOT, "± %,.0f", se);
        return String.format(Locale.ROOT, "± %.3f", se);
    }
}
