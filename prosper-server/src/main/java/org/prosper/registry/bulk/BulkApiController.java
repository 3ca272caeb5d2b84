package org.prosper.registry.bulk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

import org.prosper.access.NotFoundProblem;
import org.prosper.access.ProsperUser;
import org.prosper.job.Job;
import org.prosper.job.JobService;
import org.prosper.job.JobsBusyProblem;
import org.prosper.registry.HouseholdQuery;
import org.prosper.web.ApiError;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@Tag(name = "Household import and export", description = "Bulk files of households with their members (layout: IMPORT.md)")
public class BulkApiController {

    private final HouseholdImportService imports;
    private final HouseholdExportService exports;
    private final JobService jobs;

    public BulkApiController(HouseholdImportService imports, HouseholdExportService exports, JobService jobs) {
        this.imports = imports;
        this.exports = exports;
        this.jobs = jobs;
    }

    @PostMapping(path = "/api/v1/households/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import households from a CSV or .xlsx file as a job",
            description = "Answers 202 with the job (follow it at /api/v1/jobs/{id}); with wait=true, waits up to "
                    + "waitSeconds (default 120) and answers 200 with the finished job and its report. mode: "
                    + "all-or-nothing (default) or valid-rows; format: csv or xlsx, else from the file name or content.")
    public ResponseEntity<Job> importFile(@AuthenticationPrincipal ProsperUser user,
                                         @RequestParam("file") MultipartFile file,
                                         @RequestParam(required = false) String mode,
                                         @RequestParam(required = false) String format,
                                         @RequestParam(defaultValue = "false") boolean wait,
                                         @RequestParam(defaultValue = "120") int waitSeconds) throws InterruptedException {
        var actor = user.actor();
        String id = imports.start(actor, file.getOriginalFilename(), file.getSize(), file::transferTo,
                ImportMode.parse(mode), ImportFormat.parse(format));
        Job job = jobs.get(actor, id);
        long deadline = System.nanoTime() + Math.min(Math.max(waitSeconds, 0), 600) * 1_000_000_000L;
        while (wait && !job.state().finished() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            job = jobs.get(actor, id);
        }
        return ResponseEntity.status(job.state().finished() ? HttpStatus.OK : HttpStatus.ACCEPTED)
                .header(HttpHeaders.LOCATION, "/api/v1/jobs/" + id)
                .body(job);
    }

    @GetMapping("/api/v1/jobs/{id}/rejected")
    @Operation(summary = "The rejected rows of an import, as CSV with the source row and the reason")
    public ResponseEntity<Resource> rejected(@AuthenticationPrincipal ProsperUser user, @PathVariable String id) {
        return rejectedFile(jobs, user, id);
    }

    static ResponseEntity<Resource> rejectedFile(JobService jobs, ProsperUser user, String id) {
        Job job = jobs.get(user.actor(), id);
        if (!HouseholdImportService.JOB_KIND.equals(job.kind())) throw new NotFoundProblem("rejected rows of job " + id);
        Path file = jobs.file(user.actor(), id, HouseholdImportService.REJECTED_FILE);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(ImportFormat.CSV.mediaType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("rejected-" + id.substring(0, 8) + ".csv").build().toString())
                .body(new FileSystemResource(file));
    }

    @GetMapping("/api/v1/households/export")
    @Operation(summary = "Export households with their members as CSV or .xlsx, in the import layout",
            description = "Scoped to the caller and filtered like the list; identifiers masked for roles that may not see them.")
    public void export(@AuthenticationPrincipal ProsperUser user,
                       @RequestParam(defaultValue = "csv") String format,
                       @RequestParam(required = false) String country,
                       @RequestParam(required = false) Long orgUnit,
                       @RequestParam(required = false) String status,
                       @RequestParam(required = false) String q,
                       HttpServletResponse response) throws IOException {
        stream(exports, user, format, country, orgUnit, status, q, response);
    }

    static void stream(HouseholdExportService exports, ProsperUser user, String format, String country, Long orgUnit,
                       String status, String q, HttpServletResponse response) throws IOException {
        ImportFormat f = ImportFormat.parse(format == null || format.isBlank() ? "csv" : format);
        var export = exports.prepare(user.actor(), new HouseholdQuery(country, orgUnit, q, status, 0, 1), f);
        response.setContentType(f.mediaType());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("households-" + LocalDate.now() + f.extension()).build().toString());
        export.writeTo(response.getOutputStream());
        response.flushBuffer();
    }

    @ExceptionHandler(ImportRefusedProblem.class)
    ResponseEntity<ApiError> refused(ImportRefusedProblem e) {
        return ResponseEntity.status(e.status()).body(new ApiError(e.status(), e.getMessage(),
                List.of(new ImportProblem(null, null, null, e.getMessage()))));
    }

    @ExceptionHandler(JobsBusyProblem.class)
    ResponseEntity<ApiError> busy(JobsBusyProblem e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "60")
                .body(new ApiError(503, e.getMessage(), List.of()));
    }

}
