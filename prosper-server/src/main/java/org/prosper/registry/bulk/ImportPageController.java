package org.prosper.registry.bulk;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.prosper.access.Permission;
import org.prosper.access.ProsperUser;
import org.prosper.job.Job;
import org.prosper.job.JobService;
import org.prosper.job.JobsBusyProblem;
import org.prosper.platform.ProblemMessages;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import tools.jackson.databind.json.JsonMapper;

/** The import page (upload, progress polled by htmx, report, rejected rows) and the export buttons' downloads. */
@Controller
public class ImportPageController {

    private final HouseholdImportService imports;
    private final HouseholdExportService exports;
    private final JobService jobs;
    private final JsonMapper json;
    private final MessageSource messages;

    public ImportPageController(HouseholdImportService imports, HouseholdExportService exports, JobService jobs, JsonMapper json,
                                MessageSource messages) {
        this.imports = imports;
        this.exports = exports;
        this.jobs = jobs;
        this.json = json;
        this.messages = messages;
    }

    @GetMapping("/households/import")
    String form(@AuthenticationPrincipal ProsperUser user, Model model) {
        user.actor().require(Permission.IMPORT_REGISTRY);
        return page(model, null, "ALL_OR_NOTHING");
    }

    private String page(Model model, String error, String mode) {
        model.addAttribute("error", error);
        model.addAttribute("mode", mode);
        model.addAttribute("columns", Column.headers());
        model.addAttribute("maxMegabytes", imports.maxBytes() / (1024 * 1024));
        return "registry/import";
    }

    @PostMapping("/households/import")
    String upload(@AuthenticationPrincipal ProsperUser user, @RequestParam(value = "file", required = false) MultipartFile file,
                  @RequestParam(required = false) String mode, Model model, HttpServletResponse response) {
        var actor = user.actor();
        actor.require(Permission.IMPORT_REGISTRY);
        ImportMode m = ImportMode.parse(mode);
        try {
            if (file == null) throw new ImportRefusedProblem(400, "choose a CSV or .xlsx file to import");
            String id = imports.start(actor, file.getOriginalFilename(), file.getSize(), file::transferTo, m, null);
            return "redirect:/households/import/" + id;
        } catch (ImportRefusedProblem e) {
            response.setStatus(e.status());
            return page(model, e.getMessage(), m.name());
        } catch (JobsBusyProblem e) {
            response.setStatus(503);
            return page(model, e.getMessage(), m.name());
        }
    }

    @GetMapping("/households/import/{id}")
    String job(@AuthenticationPrincipal ProsperUser user, @PathVariable String id, Model model) {
        user.actor().require(Permission.IMPORT_REGISTRY);
        status(user, id, model);
        page(model, null, "ALL_OR_NOTHING");
        return "registry/import";
    }

    /** The progress, then the report: htmx polls this fragment every second until the job is finished. */
    @GetMapping("/households/import/{id}/status")
    String status(@AuthenticationPrincipal ProsperUser user, @PathVariable String id, Model model) {
        Job job = jobs.get(user.actor(), id);
        model.addAttribute("job", job);
        ImportReport report = job.result() == null ? null : json.treeToValue(job.result(), ImportReport.class);
        Locale locale = LocaleContextHolder.getLocale();
        model.addAttribute("report", report);
        model.addAttribute("summary", report == null ? job.message() : summary(report, job.message(), locale));
        model.addAttribute("progressText", job.messageKey() == null ? job.message()
                : messages.getMessage(job.messageKey(), job.messageArgs().toArray(), job.message(), locale));
        model.addAttribute("problemTexts", report == null ? List.of() : report.problems().stream()
                .map(p -> ProblemMessages.in(messages, locale, p.key(), p.args(), p.message())).toList());
        return "registry/import-status :: status";
    }

    /** The job's summary in the reader's language; a failure the report does not count (the database's) as it was said. */
    private String summary(ImportReport r, String said, Locale locale) {
        if (r.imported()) {
            return r.rejectedHouseholds() > 0
                    ? messages.getMessage("import.summary.importedRejected", new Object[] {r.importedHouseholds(), r.importedPersons(), r.rejectedHouseholds()}, locale)
                    : messages.getMessage("import.summary.imported", new Object[] {r.importedHouseholds(), r.importedPersons()}, locale);
        }
        return r.problemCount() > 0 ? messages.getMessage("import.summary.refused", new Object[] {r.problemCount()}, locale) : said;
    }

    @GetMapping("/households/import/{id}/rejected")
    ResponseEntity<Resource> rejected(@AuthenticationPrincipal ProsperUser user, @PathVariable String id) {
        return BulkApiController.rejectedFile(jobs, user, id);
    }

    /** The header row alone, as a CSV to fill in. */
    @GetMapping("/households/import/template.csv")
    ResponseEntity<String> template() {
        return ResponseEntity.ok()
                .contentType(org.springframework.http.MediaType.parseMediaType(ImportFormat.CSV.mediaType()))
                .header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"households-template.csv\"")
                .body("\uFEFF" + String.join(",", Column.headers()) + "\r\n");
    }

    @GetMapping("/households/export")
    void export(@AuthenticationPrincipal ProsperUser user, @RequestParam(defaultValue = "csv") String format,
                @RequestParam(required = false) String country, @RequestParam(required = false) Long orgUnit,
                @RequestParam(required = false) String status, @RequestParam(required = false) String q,
                HttpServletResponse response) throws IOException {
        BulkApiController.stream(exports, user, format, country, orgUnit, status, q, response);
    }
}
