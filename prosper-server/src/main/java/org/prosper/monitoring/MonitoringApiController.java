package org.prosper.monitoring;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.prosper.access.ProsperUser;
import org.prosper.job.JobProgress;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1/monitoring")
@Tag(name = "Monitoring", description = "Dynamic monitoring of households at risk of (returning to) poverty: country profiles, risk "
        + "rules, runs and their alerts, departmental data files, cases from alert to risk elimination, support measures, dashboards "
        + "and household timelines. For system administrators, country coordinators and local officers, inside their org units")
public class MonitoringApiController {

    private final AlertService alerts;
    private final RunService runs;
    private final CaseService cases;
    private final SupportService support;
    private final ProfileStore profiles;
    private final DeptImportService deptFiles;
    private final MonitoringViews views;
    private final JsonMapper json;

    public MonitoringApiController(AlertService alerts, RunService runs, CaseService cases, SupportService support, ProfileStore profiles,
                                   DeptImportService deptFiles, MonitoringViews views, JsonMapper json) {
        this.alerts = alerts;
        this.runs = runs;
        this.cases = cases;
        this.support = support;
        this.profiles = profiles;
        this.deptFiles = deptFiles;
        this.views = views;
        this.json = json;
    }

    @GetMapping("/alerts")
    @Operation(summary = "Alerts in your org units", description = "items (householdId, rule, riskType, severity, reason, evidence...) and "
            + "total. status OPEN (default), NEW (no case yet), RESOLVED or ALL; runId gives the list exactly as that run left it")
    public AlertService.AlertPage alerts(@AuthenticationPrincipal ProsperUser user, @RequestParam(required = false) String country,
                                         @RequestParam(required = false) Long orgUnit, @RequestParam(required = false) String rule,
                                         @RequestParam(required = false) String riskType, @RequestParam(required = false) String status,
                                         @RequestParam(required = false) Long runId, @RequestParam(required = false) Long householdId,
                                         @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return alerts.list(user.actor(), new AlertService.AlertQuery(country, orgUnit, rule, riskType, status, runId, householdId, page, size));
    }

    @GetMapping(value = "/alerts.csv", produces = "text/csv")
    @Operation(summary = "The alert list as CSV (UTF-8), with the same filters")
    public ResponseEntity<byte[]> alertsCsv(@AuthenticationPrincipal ProsperUser user, @RequestParam(required = false) String country,
                                            @RequestParam(required = false) Long orgUnit, @RequestParam(required = false) String riskType,
                                            @RequestParam(required = false) String status, @RequestParam(required = false) Long runId) {
        var page = alerts.list(user.actor(), new AlertService.AlertQuery(country, orgUnit, null, riskType, status, runId, null, 0, 1000));
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("alert", "household_code", "country", "rule", "risk_type", "severity", "reason", "first_run", "case"));
        for (Alert a : page.items()) {
            rows.add(java.util.Arrays.asList(a.id(), a.householdCode(), a.countryCode(), a.rule(), a.riskType(), a.severity(), a.reason(),
                    a.firstRunId(), a.caseId()));
        }
        return csv(rows, "alerts.csv");
    }

    @GetMapping("/alerts/{id}")
    public Alert alert(@AuthenticationPrincipal ProsperUser user, @PathVariable long id) {
        return alerts.get(user.actor(), id);
    }

    public record NoteRequest(String note) {
    }

    @PostMapping("/alerts/{id}/case")
    @Operation(summary = "Open a case from an alert (the household's other open alerts join it); 409 if the household has a live case")
    public ResponseEntity<MonitoringCase> caseFromAlert(@AuthenticationPrincipal ProsperUser user, @PathVariable long id,
                                                        @RequestBody(required = false) NoteRequest body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(cases.openFromAlert(user.actor(), id, body == null ? null : body.note()));
    }

    public record RunRequest(String country, String kind) {
    }

    @PostMapping("/runs")
    @Operation(summary = "Run monitoring over a country's households in your org units",
            description = "202 with the job to follow at /api/v1/jobs/{jobId} (its result is the run); with wait=true the run is done in the "
                    + "request and answered 200. kind FULL (default) or UPDATE")
    public ResponseEntity<?> run(@AuthenticationPrincipal ProsperUser user, @RequestBody RunRequest request,
                                 @RequestParam(defaultValue = "false") boolean wait) {
        if (request == null) throw MonitoringProblem.of("country", "problem.required");
        if (wait) {
            return ResponseEntity.ok(runs.run(user.actor(), request.country(), request.kind(), LocalDate.now(), JobProgress.none(null),
                    "requested by " + user.getUsername()));
        }
        RunService.Submitted submitted = runs.submit(user.actor(), request.country(), request.kind());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jobId", submitted.jobId());
        body.put("job", "/api/v1/jobs/" + submitted.jobId());
        body.put("runs", "/api/v1/monitoring/runs?jobId=" + submitted.jobId());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
    }

    @GetMapping("/runs")
    public List<Run> runs(@AuthenticationPrincipal ProsperUser user, @RequestParam(required = false) String country,
                          @RequestParam(required = false) String jobId, @RequestParam(defaultValue = "50") int limit) {
        return runs.recent(user.actor(), country, jobId, limit);
    }

    @GetMapping("/runs/{id}")
    public Run runById(@AuthenticationPrincipal ProsperUser user, @PathVariable long id) {
        return runs.get(user.actor(), id);
    }

    @PostMapping("/households/{id}/evaluate")
    @Operation(summary = "Evaluate one household now (new data arrived): an INCREMENTAL run of that household")
    public List<Run> evaluate(@AuthenticationPrincipal ProsperUser user, @PathVariable long id) {
        return runs.evaluate(user.actor(), List.of(id), LocalDate.now(), "household " + id + " evaluated by " + user.getUsername());
    }

    @GetMapping("/households/{id}/timeline")
    @Operation(summary = "A household's registry changes, alerts, case steps and support in one list, oldest first")
    public List<MonitoringViews.Event> timeline(@AuthenticationPrincipal ProsperUser user, @PathVariable long id) {
        return views.timeline(user.actor(), id);
    }

    @GetMapping("/dashboard")
    @Operation(summary = "Counts per child unit of an org unit (default: your scope): open and new alerts, cases by state and risk type, "
            + "overdue cases, households eliminated this year, relapses")
    public MonitoringViews.Dashboard dashboard(@AuthenticationPrincipal ProsperUser user, @RequestParam(required = false) Long orgUnit) {
        return views.dashboard(user.actor(), orgUnit);
    }

    @GetMapping("/profiles")
    public List<Map<String, Object>> profiles(@AuthenticationPrincipal ProsperUser user) {
        MonitoringAccess.requireWork(user.actor());
        List<Map<String, Object>> result = new ArrayList<>();
        for (String code : profiles.codes()) {
            ProfileStore.Stored s = profiles.current(code);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", code);
            m.put("version", s.version());
            m.put("name", s.profile().name());
            m.put("source", s.source());
            m.put("rules", s.profile().rules().size());
            result.add(m);
        }
        return result;
    }

    @GetMapping("/profiles/{code}")
    @Operation(summary = "The version in force of a profile: version, who made it, the profile itself, and the fields that name an "
            + "org unit retired since (their lines apply to no household until a new version names where the unit went)")
    public Map<String, Object> profile(@AuthenticationPrincipal ProsperUser user, @PathVariable String code) {
        MonitoringAccess.requireWork(user.actor());
        return profileBody(profiles.current(code.toUpperCase()));
    }

    @GetMapping("/profiles/{code}/versions")
    public List<ProfileStore.Version> profileVersions(@AuthenticationPrincipal ProsperUser user, @PathVariable String code) {
        MonitoringAccess.requireWork(user.actor());
        return profiles.versions(code.toUpperCase());
    }

    @GetMapping("/profiles/{code}/versions/{version}")
    public Map<String, Object> profileVersion(@AuthenticationPrincipal ProsperUser user, @PathVariable String code, @PathVariable int version) {
        MonitoringAccess.requireWork(user.actor());
        return profileBody(profiles.version(code.toUpperCase(), version));
    }

    @PutMapping(value = "/profiles/{code}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Store an edited profile as a new version (system administrators); 400 names every field at fault")
    public Map<String, Object> saveProfile(@AuthenticationPrincipal ProsperUser user, @PathVariable String code,
                                           @RequestBody String body, @RequestParam(required = false) String note) {
        return profileBody(profiles.save(user.actor(), code, body, note));
    }

    private Map<String, Object> profileBody(ProfileStore.Stored s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", s.code());
        m.put("version", s.version());
        m.put("fileVersion", s.fileVersion());
        m.put("source", s.source());
        m.put("createdBy", s.createdBy());
        m.put("createdAt", s.createdAt());
        m.put("note", s.note());
        m.put("profile", json.readTree(s.json()));
        m.put("retiredUnits", profiles.retiredUnits(s.profile()));
        return m;
    }

    @PostMapping(value = "/dept-files", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import a departmental data file (CSV: household_code or national_id, kind, amount, date)",
            description = "201 with the batch and the incremental runs of the households it concerns; 422 with every row, column and "
                    + "reason if any row is wrong (nothing is imported); 409 if the same file was imported before")
    public ResponseEntity<DeptImportService.ImportResult> deptFile(@AuthenticationPrincipal ProsperUser user, @RequestParam String country,
                                                                   @RequestParam(required = false) String source,
                                                                   @RequestPart("file") MultipartFile file) throws IOException {
        deptFiles.checkSize(file.getOriginalFilename(), file.getSize());
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(deptFiles.importFile(user.actor(), country, source, file.getOriginalFilename(), file.getBytes()));
    }

    @GetMapping("/cases")
    public CaseService.CasePage cases(@AuthenticationPrincipal ProsperUser user, @RequestParam(required = false) String country,
                                      @RequestParam(required = false) Long orgUnit, @RequestParam(required = false) String state,
                                      @RequestParam(required = false) String riskType, @RequestParam(required = false) Boolean overdue,
                                      @RequestParam(required = false) Long householdId,
                                      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return cases.list(user.actor(), new CaseService.CaseQuery(country, views.pathOf(orgUnit), state, riskType, overdue, householdId, page, size));
    }

    @GetMapping(value = "/cases.csv", produces = "text/csv")
    public ResponseEntity<byte[]> casesCsv(@AuthenticationPrincipal ProsperUser user, @RequestParam(required = false) String country,
                                           @RequestParam(required = false) Long orgUnit, @RequestParam(required = false) String state,
                                           @RequestParam(required = false) Boolean overdue) {
        var page = cases.list(user.actor(), new CaseService.CaseQuery(country, views.pathOf(orgUnit), state, null, overdue, null, 0, 500));
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("case", "household_code", "country", "state", "category", "risk_types", "opened_at", "overdue"));
        for (MonitoringCase c : page.items()) {
            rows.add(java.util.Arrays.asList(c.id(), c.householdCode(), c.countryCode(), c.state(), c.category(), String.join(" ", c.riskTypes()),
                    c.openedAt(), String.join(" ", c.overdue())));
        }
        return csv(rows, "cases.csv");
    }

    @PostMapping("/cases")
    @Operation(summary = "Open a case for a household (self-application, cadre screening, hotline...); its open alerts join the case")
    public ResponseEntity<MonitoringCase> open(@AuthenticationPrincipal ProsperUser user, @RequestBody CaseService.OpenRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(cases.open(user.actor(), request));
    }

    @GetMapping("/cases/{id}")
    @Operation(summary = "A case with its steps (who, when, note, data, evidence), alerts, support, deadlines and allowed actions")
    public MonitoringCase caseById(@AuthenticationPrincipal ProsperUser user, @PathVariable long id) {
        return cases.get(user.actor(), id);
    }

    @PostMapping(value = "/cases/{id}/steps", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Take a step (VERIFY with consent, CROSS_CHECK, VILLAGE_REVIEW, TOWNSHIP_REVIEW, COUNTY_APPROVE, ENROL, PLAN_SUPPORT, "
            + "RECORD_SUPPORT, PROPOSE_ELIMINATION, REVIEW_ELIMINATION, ELIMINATE, ROLLBACK, REJECT, CLOSE); 409 if the state does not allow it")
    public MonitoringCase step(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, @RequestBody CaseService.StepRequest request) {
        return cases.step(user.actor(), id, request, List.of());
    }

    @PostMapping(value = "/cases/{id}/steps", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Take a step with evidence files (forms, documents, photos): part 'step' (JSON) and parts 'files'")
    public MonitoringCase stepWithFiles(@AuthenticationPrincipal ProsperUser user, @PathVariable long id,
                                        @RequestPart("step") String step,
                                        @RequestPart(value = "files", required = false) List<MultipartFile> files) throws IOException {
        CaseService.StepRequest request;
        try {
            request = json.readValue(step, CaseService.StepRequest.class);
        } catch (tools.jackson.core.JacksonException e) {
            throw new MonitoringProblem("step", "not valid JSON for a step: " + e.getOriginalMessage());
        }
        List<CaseService.Upload> uploads = new ArrayList<>();
        if (files != null) for (MultipartFile f : files) {
            cases.checkEvidence(files.size(), f.getOriginalFilename(), f.getSize());
            uploads.add(new CaseService.Upload(f.getOriginalFilename(), f.getContentType(), f.getBytes()));
        }
        return cases.step(user.actor(), id, request, uploads);
    }

    @GetMapping("/cases/{id}/evidence/{evidenceId}")
    public ResponseEntity<byte[]> evidence(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, @PathVariable long evidenceId)
            throws IOException {
        Path file = cases.evidenceFile(user.actor(), id, evidenceId);
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file.getFileName() + "\"")
                .contentType(MediaType.APPLICATION_OCTET_STREAM).body(Files.readAllBytes(file));
    }

    @GetMapping("/notice")
    @Operation(summary = "The public notice of a village: households under village review with their notice window; never ID numbers, "
            + "phones, bank accounts or health details")
    public MonitoringViews.Notice notice(@AuthenticationPrincipal ProsperUser user, @RequestParam long orgUnit) {
        return views.notice(user.actor(), orgUnit);
    }

    @PostMapping("/cases/{id}/support")
    public ResponseEntity<MonitoringCase.Support> plan(@AuthenticationPrincipal ProsperUser user, @PathVariable long id,
                                                       @RequestBody SupportService.PlanRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(support.plan(user.actor(), id, request));
    }

    @PutMapping("/support/{id}")
    @Operation(summary = "Record that a measure was delivered or ended (status, amount, dates)")
    public MonitoringCase.Support updateSupport(@AuthenticationPrincipal ProsperUser user, @PathVariable long id,
                                                @RequestBody SupportService.UpdateRequest request) {
        return support.update(user.actor(), id, request);
    }

    @GetMapping("/support/catalogue")
    public Map<String, List<String>> catalogue(@AuthenticationPrincipal ProsperUser user) {
        MonitoringAccess.requireWork(user.actor());
        return support.catalogue();
    }

    static ResponseEntity<byte[]> csv(List<List<Object>> rows, String name) {
        StringBuilder s = new StringBuilder("\uFEFF");
        for (List<Object> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) s.append(',');
                Object v = row.get(i);
                String text = v == null ? "" : v.toString();
                if (text.contains(",") || text.contains("\"") || text.contains("\n")) text = '"' + text.replace("\"", "\"\"") + '"';
                s.append(text);
            }
            s.append("\r\n");
        }
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .contentType(MediaType.parseMediaType("text/csv;charset=UTF-8")).body(s.toString().getBytes(StandardCharsets.UTF_8));
    }

}
