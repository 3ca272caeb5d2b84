package org.prosper.projects;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

import org.prosper.access.ProsperUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.*;
import org.springframework.web.multipart.MultipartFile;

/** Plan adjustments, appraisal, monitoring, evaluations and the outcome datasets behind computed figures. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Project lifecycle", description = "Plan changes with versions, appraisal, monitoring, ex-post evaluation, difference in differences")
public class LifecycleApiController {

    private final PlanChangeService plans;
    private final EvaluationService evaluations;
    private final OutcomeDatasets datasets;

    public LifecycleApiController(PlanChangeService plans, EvaluationService evaluations, OutcomeDatasets datasets) {
        this.plans = plans;
        this.evaluations = evaluations;
        this.datasets = datasets;
    }

    @PostMapping("/projects/{id}/change-requests")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Request a plan change (targets, budget, activities, villages) with the reason")
    public PlanChangeService.ChangeRequest request(@AuthenticationPrincipal ProsperUser user, @PathVariable long id,
                                                   @RequestBody PlanChangeService.Draft draft) {
        return plans.request(user.actor(), id, draft);
    }

    @GetMapping("/projects/{id}/change-requests")
    public List<PlanChangeService.ChangeRequest> requests(@AuthenticationPrincipal ProsperUser user, @PathVariable long id) {
        return plans.list(user.actor(), id);
    }

    @PostMapping("/change-requests/{id}/approve")
    @Operation(summary = "Approve a change request (not one's own); writes a new plan version")
    public PlanChangeService.ChangeRequest approve(@AuthenticationPrincipal ProsperUser user, @PathVariable long id,
                                                   @RequestBody(required = false) PlanChangeService.Decision decision) {
        return plans.approve(user.actor(), id, decision);
    }

    @PostMapping("/change-requests/{id}/reject")
    public PlanChangeService.ChangeRequest reject(@AuthenticationPrincipal ProsperUser user, @PathVariable long id,
                                                  @RequestBody(required = false) PlanChangeService.Decision decision) {
        return plans.reject(user.actor(), id, decision);
    }

    @GetMapping("/projects/{id}/plan-versions")
    public List<PlanVersions.Version> versions(@AuthenticationPrincipal ProsperUser user, @PathVariable long id) {
        return plans.versions(user.actor(), id);
    }

    @GetMapping("/projects/{id}/plan-diff")
    @Operation(summary = "Two plan versions side by side, the changes between them and who approved the later one")
    public PlanChangeService.VersionDiff diff(@AuthenticationPrincipal ProsperUser user, @PathVariable long id,
                                              @RequestParam int from, @RequestParam int to) {
        return plans.diff(user.actor(), id, from, to);
    }

    @GetMapping("/projects/{id}/monitoring")
    @Operation(summary = "Progress against targets per indicator and period, with traffic lights")
    public List<EvaluationService.Light> monitoring(@AuthenticationPrincipal ProsperUser user, @PathVariable long id) {
        return evaluations.monitoring(user.actor(), id);
    }

    @PostMapping("/projects/{id}/appraisals")
    @ResponseStatus(HttpStatus.CREATED)
    public EvaluationService.Appraisal appraise(@AuthenticationPrincipal ProsperUser user, @PathVariable long id,
                                                @RequestBody EvaluationService.AppraisalDraft draft) {
        return evaluations.appraise(user.actor(), id, draft);
    }

    @GetMapping("/projects/{id}/appraisals")
    public List<EvaluationService.Appraisal> appraisals(@AuthenticationPrincipal ProsperUser user, @PathVariable long id) {
        return evaluations.appraisals(user.actor(), id);
    }

    @PostMapping("/projects/{id}/evaluations")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Record an evaluation: OECD DAC ratings with evidence and, optionally, a difference-in-differences estimate")
    public EvaluationService.Evaluation evaluate(@AuthenticationPrincipal ProsperUser user, @PathVariable long id,
                                                 @RequestBody EvaluationService.EvaluationDraft draft) {
        return evaluations.evaluate(user.actor(), id, draft);
    }

    @GetMapping("/projects/{id}/evaluations")
    public List<EvaluationService.Evaluation> evaluationList(@AuthenticationPrincipal ProsperUser user, @PathVariable long id) {
        return evaluations.evaluations(user.actor(), id);
    }

    @GetMapping("/projects/{id}/did")
    @Operation(summary = "Difference in differences between project and comparison villages, baseline to endline, with its standard error")
    public EvaluationService.Did did(@AuthenticationPrincipal ProsperUser user, @PathVariable long id,
                                     @RequestParam String dataset, @RequestParam String variable) {
        return evaluations.did(user.actor(), id, dataset, variable);
    }

    @GetMapping("/outcome-datasets")
    public List<OutcomeDatasets.Summary> datasetList(@AuthenticationPrincipal ProsperUser user) {
        return datasets.list(user.actor());
    }

    @PostMapping(value = "/outcome-datasets", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Import (or replace) an evaluation dataset: CSV household_code,village_code,round,variable,value")
    public OutcomeDatasets.Summary importDataset(@AuthenticationPrincipal ProsperUser user, @RequestParam(required = false) String code,
                                                 @RequestParam(required = false) String name, @RequestParam("file") MultipartFile file) throws IOException {
        String fileName = file.getOriginalFilename() == null ? "upload.csv" : file.getOriginalFilename();
        datasets.checkFileSize(fileName, file.getSize());
        try (var in = file.getInputStream()) {
            return datasets.importCsv(user.actor(), code, name, fileName, in);
        }
    }

    @GetMapping("/outcome-datasets/{code}/rows")
    @Operation(summary = "The dataset's rows for the villages the caller reaches, as CSV (the exported survey rounds)")
    public void exportDataset(@AuthenticationPrincipal ProsperUser user, @PathVariable String code, HttpServletResponse response) throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + code + ".csv\"");
        var writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        datasets.exportCsv(user.actor(), code, writer);
        writer.flush();
    }
}
