package org.prosper.analysis;

import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.prosper.access.ProsperUser;
import org.prosper.access.Permission;
import org.prosper.geo.Country;
import org.prosper.geo.GeoService;
import org.prosper.job.Job;
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
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/analysis")
@Tag(name = "Analysis", description = "Poverty measures (monetary with a national, international or relative line; MPI) of the "
        + "households of an org unit in scope, by child unit with standard errors; aggregates only, open to every role that may "
        + "view the registry")
public class AnalysisApiController {

    private final AnalysisService analyses;
    private final PovertyLines lines;
    private final PriceFactors factors;
    private final GeoService geo;

    public AnalysisApiController(AnalysisService analyses, PovertyLines lines, PriceFactors factors, GeoService geo) {
        this.analyses = analyses;
        this.lines = lines;
        this.factors = factors;
        this.geo = geo;
    }

    @PostMapping
    @Operation(summary = "Run an analysis", description = "Answers 200 with the result for a small scope; a scope with more "
            + "households than prosper.analysis.job-threshold (default 50,000) runs as a job: 202 with the job id, to follow at "
            + "/api/v1/jobs/{id} and fetch at /api/v1/analysis/{id}. 400 names the field at fault; 403 for a unit outside your scope.")
    @ApiResponse(responseCode = "200", description = "the result")
    @ApiResponse(responseCode = "202", description = "running as a job")
    @ApiResponse(responseCode = "400", description = "a field is missing or wrong (problems: [{field, message}])")
    @ApiResponse(responseCode = "403", description = "the unit is outside your org units, or your role may not view the registry")
    public ResponseEntity<?> run(@AuthenticationPrincipal ProsperUser user, @RequestBody(required = false) AnalysisRequest request) {
        AnalysisService.Submitted submitted = analyses.submit(user.actor(), request);
        if (submitted.result() != null) return ResponseEntity.ok(submitted.result());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jobId", submitted.jobId());
        body.put("job", "/api/v1/jobs/" + submitted.jobId());
        body.put("result", "/api/v1/analysis/" + submitted.jobId());
        return ResponseEntity.status(HttpStatus.ACCEPTED).header(HttpHeaders.LOCATION, "/api/v1/analysis/" + submitted.jobId()).body(body);
    }

    @GetMapping("/{id}")
    @Operation(summary = "A result you computed", description = "200 with the result; 202 with the job while it is still running")
    public ResponseEntity<?> result(@AuthenticationPrincipal ProsperUser user, @PathVariable String id) {
        var result = analyses.result(user.actor(), id);
        if (result.isPresent()) return ResponseEntity.ok(result.get());
        Job job = analyses.job(user.actor(), id);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(job);
    }

    @GetMapping("/{id}/result.csv")
    @Operation(summary = "The result table as CSV (UTF-8): one row per child unit and a total row, each measure with its SE")
    public ResponseEntity<byte[]> csv(@AuthenticationPrincipal ProsperUser user, @PathVariable String id) {
        AnalysisResult r = ready(user, id);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultExport.csv(r, out);
        return file(out.toByteArray(), "analysis-" + r.unit().code() + ".csv", "text/csv;charset=UTF-8");
    }

    @GetMapping("/{id}/result.xlsx")
    @Operation(summary = "The result table as an Excel workbook, with a sheet on what was measured (and the MPI indicators)")
    public ResponseEntity<byte[]> xlsx(@AuthenticationPrincipal ProsperUser user, @PathVariable String id) {
        AnalysisResult r = ready(user, id);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultExport.xlsx(r, out);
        return file(out.toByteArray(), "analysis-" + r.unit().code() + ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    }

    private AnalysisResult ready(ProsperUser user, String id) {
        return analyses.result(user.actor(), id).orElseThrow(() -> new IllegalArgumentException("analysis " + id + " is still running; "
                + "follow /api/v1/jobs/" + id));
    }

    static ResponseEntity<byte[]> file(byte[] data, String name, String type) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name.replaceAll("[^A-Za-z0-9._-]", "_") + "\"")
                .contentType(MediaType.parseMediaType(type))
                .body(data);
    }

    @GetMapping("/lines")
    @Operation(summary = "The poverty lines of a country in local currency per person per year",
            description = "National lines in force, the international lines converted with PPP and CPI (with the arithmetic), and the "
                    + "relative line; year defaults to last year")
    public List<PovertyLines.Resolved> lines(@AuthenticationPrincipal ProsperUser user,
                                             @Parameter(description = "ISO 3166 alpha-2 code", example = "KH") @RequestParam String country,
                                             @RequestParam(required = false) Integer year) {
        user.actor().require(Permission.VIEW_REGISTRY);
        if (!geo.isCountry(country)) throw new AnalysisProblem("country", "unknown country '" + country + "'");
        Country c = geo.country(country);
        int y = year == null ? LocalDate.now().getYear() - 1 : year;
        if (y < 1990 || y > 2100) throw new AnalysisProblem("year", "between 1990 and 2100, got " + y);
        return lines.options(c, y);
    }

    @GetMapping("/factors")
    @Operation(summary = "PPP factors and CPI values used to convert international lines, with their sources")
    public List<PriceFactors.Factor> factors(@AuthenticationPrincipal ProsperUser user, @RequestParam(required = false) String country) {
        user.actor().require(Permission.VIEW_REGISTRY);
        return country == null ? factors.all() : factors.of(country);
    }

    @PutMapping("/factors")
    @Operation(summary = "Set one PPP factor or CPI value (system administrators); audited")
    public PriceFactors.Factor setFactor(@AuthenticationPrincipal ProsperUser user, @RequestBody PriceFactors.Factor factor) {
        return factors.set(user.actor(), factor);
    }
}
