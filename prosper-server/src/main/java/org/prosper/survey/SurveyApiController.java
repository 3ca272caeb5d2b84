package org.prosper.survey;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.prosper.access.ProsperUser;
import org.prosper.web.ApiError;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Survey forms, rounds, mappings, submissions and their review over the REST API. */
@RestController
@RequestMapping("/api/v1/survey")
public class SurveyApiController {

    private final FormService forms;
    private final RoundService rounds;
    private final SubmissionService submissions;
    private final SurveyDataService data;

    public SurveyApiController(FormService forms, RoundService rounds, SubmissionService submissions, SurveyDataService data) {
        this.forms = forms;
        this.rounds = rounds;
        this.submissions = submissions;
        this.data = data;
    }

    /** Imports a KoboToolbox or ODK Central export (.xlsx with repeat sheets, or CSV files) into a round. */
    @PostMapping(value = "/forms/{formId}/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ResponseEntity<SurveyDataService.ImportReport> importData(@AuthenticationPrincipal ProsperUser user, @PathVariable String formId,
                                                                     @RequestParam String round, @RequestParam("file") List<MultipartFile> files) throws IOException {
        List<SurveyDataService.Upload> uploads = new java.util.ArrayList<>();
        for (MultipartFile f : files) uploads.add(new SurveyDataService.Upload(f.getOriginalFilename() == null ? f.getName() : f.getOriginalFilename(), f.getBytes()));
        return ResponseEntity.status(HttpStatus.CREATED).body(data.importData(user.actor(), formId, round, uploads));
    }

    /**
     * Exports a form's data: xlsx (one sheet per level, repeats linked by PARENT_KEY), csv (one level: table=name of a
     * repeat, default the submissions), or measure (the measurement engine's table of variables per household).
     */
    @GetMapping("/forms/{formId}/export")
    public ResponseEntity<byte[]> export(@AuthenticationPrincipal ProsperUser user, @PathVariable String formId,
                                         @RequestParam(defaultValue = "xlsx") String format, @RequestParam(required = false) String round,
                                         @RequestParam(defaultValue = "false") boolean labels, @RequestParam(required = false) String lang,
                                         @RequestParam(required = false) String table) throws IOException {
        Long roundId = round == null || round.isBlank() ? null
                : rounds.idByCode(round).orElseThrow(() -> new IllegalArgumentException("round: no round " + round));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        String name = formId + (round == null ? "" : "-" + round);
        switch (format) {
            case "xlsx" -> {
                data.writeXlsx(data.tables(user.actor(), formId, roundId, labels, lang, format), out);
                return file(out, name + ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            }
            case "csv" -> {
                List<SurveyDataService.Sheet> sheets = data.tables(user.actor(), formId, roundId, labels, lang, format);
                SurveyDataService.Sheet sheet = table == null ? sheets.getFirst()
                        : sheets.stream().filter(s -> s.name().equals(table)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("table: " + table + " is not a repeat of " + formId));
                data.writeCsv(sheet, out);
                return file(out, name + (table == null ? "" : "-" + table) + ".csv", "text/csv");
            }
            case "measure" -> {
                data.writeCsv(data.measurementTable(user.actor(), formId, roundId), out);
                return file(out, name + "-measure.csv", "text/csv");
            }
            default -> throw new IllegalArgumentException("format: one of xlsx, csv, measure");
        }
    }

    private static ResponseEntity<byte[]> file(java.io.ByteArrayOutputStream out, String name, String type) {
        return ResponseEntity.ok().header("Content-Disposition", "attachment; filename=\"" + name + "\"").contentType(MediaType.parseMediaType(type))
                .body(out.toByteArray());
    }

    public record PublishAnswer(String formId, String version, String title, boolean replaced, String md5) {
    }

    @GetMapping("/forms")
    public List<SurveyForm> forms(@AuthenticationPrincipal ProsperUser user) {
        return forms.list(user.actor());
    }

    @PostMapping(value = "/forms", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ResponseEntity<PublishAnswer> publish(@AuthenticationPrincipal ProsperUser user, @RequestParam("file") MultipartFile file) throws IOException {
        FormService.Published p = forms.publish(user.actor(), file.getBytes(), file.getOriginalFilename());
        FormVersion v = p.version();
        return ResponseEntity.status(p.replaced() ? HttpStatus.OK : HttpStatus.CREATED)
                .body(new PublishAnswer(v.formId(), v.version(), v.title(), p.replaced(), v.md5()));
    }

    @GetMapping("/forms/{formId}")
    public Map<String, Object> form(@AuthenticationPrincipal ProsperUser user, @PathVariable String formId) {
        FormVersion v = forms.latest(user.actor(), formId);
        return Map.of("formId", v.formId(), "version", v.version(), "title", v.title(), "versions", forms.versions(formId),
                "definition", v.definition(), "mapping", forms.mapping(v.formKey()));
    }

    @GetMapping(value = "/forms/{formId}/xform", produces = "text/xml")
    public String xform(@AuthenticationPrincipal ProsperUser user, @PathVariable String formId) {
        return forms.latest(user.actor(), formId).xform();
    }

    @GetMapping("/forms/{formId}/mapping")
    public Map<String, String> mapping(@AuthenticationPrincipal ProsperUser user, @PathVariable String formId) {
        return forms.mapping(forms.latest(user.actor(), formId).formKey());
    }

    @PutMapping("/forms/{formId}/mapping")
    public Map<String, String> setMapping(@AuthenticationPrincipal ProsperUser user, @PathVariable String formId, @RequestBody Map<String, String> mapping) {
        return forms.setMapping(user.actor(), formId, mapping);
    }

    @GetMapping("/rounds")
    public List<SurveyRound> rounds(@AuthenticationPrincipal ProsperUser user) {
        return rounds.list(user.actor());
    }

    @PostMapping("/rounds")
    public ResponseEntity<SurveyRound> createRound(@AuthenticationPrincipal ProsperUser user, @RequestBody RoundService.NewRound round) {
        return ResponseEntity.status(HttpStatus.CREATED).body(rounds.create(user.actor(), round));
    }

    @PostMapping("/rounds/{id}/close")
    public SurveyRound close(@AuthenticationPrincipal ProsperUser user, @PathVariable long id) {
        return rounds.setOpen(user.actor(), id, false);
    }

    @PostMapping("/rounds/{id}/open")
    public SurveyRound open(@AuthenticationPrincipal ProsperUser user, @PathVariable long id) {
        return rounds.setOpen(user.actor(), id, true);
    }

    @GetMapping("/submissions")
    public SubmissionService.Page submissions(@AuthenticationPrincipal ProsperUser user, @RequestParam(required = false) String form,
                                              @RequestParam(required = false) Long round, @RequestParam(required = false) String processing,
                                              @RequestParam(required = false) String review, @RequestParam(defaultValue = "0") int page,
                                              @RequestParam(defaultValue = "50") int size) {
        return submissions.list(user.actor(), new SubmissionService.Query(form, round, processing, review, page, size));
    }

    @GetMapping("/submissions/{id}")
    public Submission submission(@AuthenticationPrincipal ProsperUser user, @PathVariable long id) {
        return submissions.get(user.actor(), id);
    }

    @GetMapping(value = "/submissions/{id}/xml", produces = "text/xml")
    public String xml(@AuthenticationPrincipal ProsperUser user, @PathVariable long id) {
        return submissions.xml(user.actor(), id);
    }

    /** Replaces a submission's XML; the version the editor saw, if sent (older clients leave it out), refuses a stale edit (409). */
    @PutMapping(value = "/submissions/{id}/xml", consumes = {"text/xml", "application/xml"})
    public Submission edit(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, @RequestBody String xml,
                           @RequestParam(required = false) String comment, @RequestParam(required = false) Integer version) {
        return submissions.edit(user.actor(), id, xml.getBytes(StandardCharsets.UTF_8), comment, version);
    }

    @GetMapping("/submissions/{id}/history")
    public List<SubmissionService.HistoryEntry> history(@AuthenticationPrincipal ProsperUser user, @PathVariable long id) {
        return submissions.history(user.actor(), id);
    }

    /** A review's comment; an approval or rejection may carry the submission's version the reviewer saw (older clients leave it out). */
    public record Comment(String comment, Integer version) {
    }

    @PostMapping("/submissions/{id}/approve")
    public Submission approve(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, @RequestBody(required = false) Comment comment) {
        return comment == null ? submissions.approve(user.actor(), id, null) : submissions.approve(user.actor(), id, comment.comment(), comment.version());
    }

    @PostMapping("/submissions/{id}/reject")
    public Submission reject(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, @RequestBody(required = false) Comment comment) {
        return comment == null ? submissions.reject(user.actor(), id, null) : submissions.reject(user.actor(), id, comment.comment(), comment.version());
    }

    @PostMapping("/submissions/{id}/reprocess")
    public Submission reprocess(@AuthenticationPrincipal ProsperUser user, @PathVariable long id) {
        return submissions.reprocess(user.actor(), id);
    }

    @ExceptionHandler(InvalidFormProblem.class)
    ResponseEntity<ApiError> invalidForm(InvalidFormProblem e) {
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(new ApiError(422, e.getMessage(), e.problems()));
    }

    @ExceptionHandler(UnprocessableEditProblem.class)
    ResponseEntity<ApiError> unprocessableEdit(UnprocessableEditProblem e) {
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(new ApiError(422, e.getMessage(), List.of()));
    }

    @ExceptionHandler(BadSubmissionProblem.class)
    ResponseEntity<ApiError> badSubmission(BadSubmissionProblem e) {
        return ResponseEntity.badRequest().body(new ApiError(400, e.getMessage(), List.of()));
    }
}
