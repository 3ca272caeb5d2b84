package org.prosper.survey;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.prosper.access.AccessDeniedProblem;
import org.prosper.access.ProsperUser;
import org.prosper.registry.ConflictProblem;
import org.prosper.web.ProblemTexts;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Survey pages: forms and rounds, web data entry, submissions with the quarantine and review. */
@Controller
@RequestMapping("/survey")
public class SurveyPageController {

    private static final List<String> ENTRY_TEXTS = List.of("saveDraft", "submit", "discard", "addRepeat", "removeRepeat", "required",
            "invalid", "notNumber", "notInteger", "draftSaved", "draftRestored", "submitted", "duplicate", "fixErrors", "failed", "offline",
            "location", "language");

    private final FormService forms;
    private final RoundService rounds;
    private final SubmissionService submissions;
    private final MessageSource messages;
    private final tools.jackson.databind.json.JsonMapper json;
    private final ProblemTexts problemTexts;

    public SurveyPageController(FormService forms, RoundService rounds, SubmissionService submissions, MessageSource messages,
                                tools.jackson.databind.json.JsonMapper json, ProblemTexts problemTexts) {
        this.json = json;
        this.problemTexts = problemTexts;
        this.forms = forms;
        this.rounds = rounds;
        this.submissions = submissions;
        this.messages = messages;
    }

    @GetMapping
    public String index(@AuthenticationPrincipal ProsperUser user, Model model) {
        var actor = user.actor();
        boolean maySubmit = isAllowed(() -> SurveyAccess.requireSubmit(actor));
        model.addAttribute("toFill", maySubmit ? forms.formsToFill(actor) : List.of());
        model.addAttribute("forms", forms.list(actor));
        model.addAttribute("rounds", rounds.list(actor));
        model.addAttribute("kinds", labels("survey.kind.", List.of("BASELINE", "MONITORING", "ENDLINE")));
        model.addAttribute("mayDesign", SurveyAccess.mayDesign(actor));
        model.addAttribute("openRosaUrl", ServletUriComponentsBuilder.fromCurrentContextPath().path("/openrosa").build().toUriString());
        return "survey/index";
    }

    private static boolean isAllowed(Runnable check) {
        try {
            check.run();
            return true;
        } catch (AccessDeniedProblem e) {
            return false;
        }
    }

    private Map<String, String> labels(String prefix, List<String> values) {
        Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        Map<String, String> out = new LinkedHashMap<>();
        for (String v : values) out.put(v, messages.getMessage(prefix + v, null, v, locale));
        return out;
    }

    @PostMapping("/forms")
    public String publish(@AuthenticationPrincipal ProsperUser user, @RequestParam("file") MultipartFile file, RedirectAttributes redirect) throws IOException {
        try {
            FormVersion v = forms.publish(user.actor(), file.getBytes(), file.getOriginalFilename()).version();
            redirect.addFlashAttribute("published", List.of(v.formId(), v.version()));
        } catch (InvalidFormProblem e) {
            redirect.addFlashAttribute("formProblems", e.problems());
        }
        return "redirect:/survey";
    }

    @GetMapping("/forms/{formId}/fill")
    public String fill(@AuthenticationPrincipal ProsperUser user, @PathVariable String formId, Model model) {
        SurveyAccess.requireSubmit(user.actor());
        FormVersion v = forms.latest(user.actor(), formId);
        model.addAttribute("form", v);
        Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        Map<String, String> texts = new LinkedHashMap<>();
        for (String k : ENTRY_TEXTS) texts.put(k, messages.getMessage("survey.entry." + k, null, locale));
        model.addAttribute("textsJson", json.writeValueAsString(texts));
        return "survey/fill";
    }

    /** The parsed form for the browser's data entry. */
    @GetMapping("/forms/{formId}/definition")
    @ResponseBody
    public FormDefinition definition(@AuthenticationPrincipal ProsperUser user, @PathVariable String formId) {
        SurveyAccess.requireSubmit(user.actor());
        return forms.latest(user.actor(), formId).definition();
    }

    /** A form filled in the browser: the same XML through the same door as a phone's submission. */
    @PostMapping(value = "/forms/{formId}/submit", consumes = {"text/xml", "application/xml"})
    @ResponseBody
    public ResponseEntity<Map<String, Object>> submit(@AuthenticationPrincipal ProsperUser user, @PathVariable String formId, @RequestBody String xml) {
        SubmissionService.Receipt r = submissions.receive(user.actor(), xml.getBytes(StandardCharsets.UTF_8), List.of(), "WEB");
        return ResponseEntity.status(r.outcome() == SubmissionService.Outcome.CREATED ? HttpStatus.CREATED : HttpStatus.ACCEPTED)
                .body(Map.of("outcome", r.outcome().name(), "instanceId", r.instanceId(), "submissionId", r.submissionId()));
    }

    @ExceptionHandler(BadSubmissionProblem.class)
    @ResponseBody
    ResponseEntity<Map<String, Object>> bad(BadSubmissionProblem e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }

    @GetMapping("/submissions")
    public String list(@AuthenticationPrincipal ProsperUser user, @RequestParam(required = false) String processing,
                       @RequestParam(required = false) String form, @RequestParam(defaultValue = "0") int page, Model model) {
        var result = submissions.list(user.actor(), new SubmissionService.Query(form, null, processing, null, page, 100));
        model.addAttribute("result", result);
        Map<Long, String> problems = new java.util.HashMap<>();
        for (Submission s : result.items()) problems.put(s.id(), String.join("; ", said(s)));
        model.addAttribute("problemTexts", problems);
        model.addAttribute("processing", processing);
        model.addAttribute("processingLabels", labels("survey.processing.", List.of("PENDING", "PROCESSED", "QUARANTINED")));
        model.addAttribute("reviewLabels", labels("survey.review.", List.of("RECEIVED", "APPROVED", "REJECTED", "EDITED")));
        return "survey/submissions";
    }

    /** Why a submission is quarantined, in the reader's language, each question by its label in that language if the form has one. */
    private List<String> said(Submission s) {
        if (s.problemDetails().isEmpty()) return List.of();
        FormDefinition form = forms.find(s.formId(), s.formVersion()).map(FormVersion::definition).orElse(null);
        String language = org.springframework.context.i18n.LocaleContextHolder.getLocale().getLanguage();
        return s.problemDetails().stream().map(p -> {
            if (form == null || p.field() == null) return problemTexts.of(p, Map.of());
            // a repeat's question as "members[2]/age": the repeat's row before the question's label
            int slash = p.field().lastIndexOf('/');
            String question = p.field().substring(slash + 1);
            return form.label(question, language).map(l -> problemTexts.withLabel(p.field().substring(0, slash + 1) + l, p))
                    .orElseGet(() -> problemTexts.of(p, Map.of()));
        }).toList();
    }

    @GetMapping("/submissions/{id}")
    public String detail(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, Model model) {
        Submission s = submissions.get(user.actor(), id);
        model.addAttribute("s", s);
        model.addAttribute("problemTexts", said(s));
        boolean personal = user.actor().may(org.prosper.access.Permission.VIEW_PERSONAL_DATA);
        model.addAttribute("xml", personal ? submissions.xml(user.actor(), id) : null);
        model.addAttribute("history", submissions.reviewTrail(user.actor(), id));
        model.addAttribute("mayReview", SurveyAccess.mayReview(user.actor()));
        model.addAttribute("processingLabels", labels("survey.processing.", List.of("PENDING", "PROCESSED", "QUARANTINED")));
        model.addAttribute("reviewLabels", labels("survey.review.", List.of("RECEIVED", "APPROVED", "REJECTED", "EDITED")));
        return "survey/submission";
    }

    @PostMapping("/submissions/{id}/xml")
    public String edit(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, @RequestParam String xml,
                       @RequestParam(required = false) String comment, @RequestParam(required = false) Integer version,
                       RedirectAttributes redirect) {
        try {
            submissions.edit(user.actor(), id, xml.getBytes(StandardCharsets.UTF_8), comment, version);
        } catch (UnprocessableEditProblem | ConflictProblem | IllegalArgumentException e) {
            // XML broken in the editing, another instance or form, a comment too long: said on the submission's page
            redirect.addFlashAttribute("problem", e.getMessage());
            return "redirect:/survey/submissions/" + id;
        }
        redirect.addFlashAttribute("saved", true);
        return "redirect:/survey/submissions/" + id;
    }

    @PostMapping("/submissions/{id}/review")
    public String review(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, @RequestParam String action,
                         @RequestParam(required = false) String comment, @RequestParam(required = false) Integer version,
                         HttpServletRequest request, RedirectAttributes redirect) {
        try {
            switch (action) {
                case "approve" -> submissions.approve(user.actor(), id, comment, version);
                case "reject" -> submissions.reject(user.actor(), id, comment, version);
                case "reprocess" -> submissions.reprocess(user.actor(), id);
                default -> throw new IllegalArgumentException("action: approve, reject or reprocess");
            }
        } catch (ConflictProblem e) {
            redirect.addFlashAttribute("problem", e.getMessage());
            return "redirect:/survey/submissions/" + id;
        }
        redirect.addFlashAttribute("saved", true);
        return "redirect:/survey/submissions/" + id;
    }
}
