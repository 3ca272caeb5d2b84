package org.prosper.survey;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.prosper.access.AccessDeniedProblem;
import org.prosper.access.NotFoundProblem;
import org.prosper.access.ProsperUser;
import org.prosper.web.OpenRosaMessage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.HtmlUtils;

/**
 * The OpenRosa 1.0 server ODK Collect and KoboCollect talk to: point the app at {@code https://host/openrosa}. The
 * form list, XForm downloads, manifests and submissions (HEAD and POST), with the answers those apps expect.
 */
@Controller
@RequestMapping("/openrosa")
public class OpenRosaController {

    private static final MediaType XML = new MediaType("text", "xml", StandardCharsets.UTF_8);

    private final FormService forms;
    private final SubmissionService submissions;
    private final MessageSource messages;
    private final long maxBytes;
    /**
     * A form's answers as XML: a large household roster is some hundred KB. The XML is copied a few times on its way to
     * the database (journal, text, parse), so it has a limit of its own below the submission's, which is for media.
     */
    static final long MAX_XML_BYTES = 10 * 1024 * 1024;

    public OpenRosaController(FormService forms, SubmissionService submissions, MessageSource messages,
                              @Value("${prosper.survey.max-submission-bytes:52428800}") long maxBytes) {
        this.forms = forms;
        this.submissions = submissions;
        this.messages = messages;
        this.maxBytes = maxBytes;
    }

    private static ResponseEntity.BodyBuilder openRosa(HttpStatus status) {
        return ResponseEntity.status(status).contentType(XML).header("X-OpenRosa-Version", "1.0")
                .header("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
    }

    private static String base() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path("/openrosa").build().toUriString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @GetMapping("/formList")
    public ResponseEntity<String> formList(@AuthenticationPrincipal ProsperUser user) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xforms xmlns=\"http://openrosa.org/xforms/xformsList\">\n");
        String base = base();
        for (FormVersion v : forms.formsToFill(user.actor())) {
            String at = base + "/forms/" + enc(v.formId()) + "/" + enc(v.version());
            xml.append("  <xform>\n")
                    .append("    <formID>").append(HtmlUtils.htmlEscape(v.formId())).append("</formID>\n")
                    .append("    <name>").append(HtmlUtils.htmlEscape(v.title())).append("</name>\n")
                    .append("    <version>").append(HtmlUtils.htmlEscape(v.version())).append("</version>\n")
                    .append("    <hash>md5:").append(v.md5()).append("</hash>\n")
                    .append("    <downloadUrl>").append(HtmlUtils.htmlEscape(at + "/form.xml")).append("</downloadUrl>\n")
                    .append("    <manifestUrl>").append(HtmlUtils.htmlEscape(at + "/manifest")).append("</manifestUrl>\n")
                    .append("  </xform>\n");
        }
        return openRosa(HttpStatus.OK).body(xml.append("</xforms>\n").toString());
    }

    @GetMapping("/forms/{formId}/{version}/form.xml")
    public ResponseEntity<String> form(@AuthenticationPrincipal ProsperUser user, @PathVariable String formId, @PathVariable String version) {
        FormVersion v = visible(user, formId, version);
        return openRosa(HttpStatus.OK).body(v.xform());
    }

    @GetMapping("/forms/{formId}/{version}/manifest")
    public ResponseEntity<String> manifest(@AuthenticationPrincipal ProsperUser user, @PathVariable String formId, @PathVariable String version) {
        visible(user, formId, version);
        // Prosper's forms carry no media files or external choice lists: the manifest is empty, as OpenRosa allows.
        return openRosa(HttpStatus.OK).body("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest xmlns=\"http://openrosa.org/xforms/xformsManifest\"/>\n");
    }

    private FormVersion visible(ProsperUser user, String formId, String version) {
        SurveyAccess.requireSubmit(user.actor());
        FormVersion v = forms.find(formId, version).orElseThrow(() -> new NotFoundProblem("form " + formId + " version " + version));
        forms.requireFormInScope(user.actor(), v.formKey(), formId);
        return v;
    }

    @RequestMapping(value = "/submission", method = RequestMethod.HEAD)
    public ResponseEntity<Void> head() {
        return ResponseEntity.noContent().header("X-OpenRosa-Version", "1.0")
                .header("X-OpenRosa-Accept-Content-Length", String.valueOf(maxBytes)).build();
    }

    @RequestMapping(value = "/submission", method = RequestMethod.POST)
    public ResponseEntity<String> submit(@AuthenticationPrincipal ProsperUser user, HttpServletRequest request) throws IOException {
        long length = request.getContentLengthLong();
        if (length > maxBytes) throw new SubmissionTooLargeProblem(length, maxBytes);
        String type = request.getContentType();
        if (type == null || !type.toLowerCase().startsWith("multipart/")) {
            throw new BadSubmissionProblem("a submission is a multipart/form-data POST with an xml_submission_file part");
        }
        MultipartHttpServletRequest multipart = org.springframework.web.util.WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class);
        if (multipart == null) {
            throw new BadSubmissionProblem("a submission is a multipart/form-data POST with an xml_submission_file part");
        }
        byte[] xml = null;
        List<SubmissionJournal.Attachment> attachments = new ArrayList<>();
        long total = 0;
        for (var entry : multipart.getMultiFileMap().entrySet()) {
            for (MultipartFile file : entry.getValue()) {
                total += file.getSize();
                if (total > maxBytes) throw new SubmissionTooLargeProblem(total, maxBytes);
                if ("xml_submission_file".equals(entry.getKey())) {
                    if (file.getSize() > MAX_XML_BYTES) throw SubmissionTooLargeProblem.xml(file.getSize(), MAX_XML_BYTES);
                    xml = file.getBytes();
                } else if (file.getOriginalFilename() != null && !file.getOriginalFilename().isBlank()) {
                    String name = file.getOriginalFilename().replaceAll(".*[/\\\\]", "");
                    if (attachments.stream().noneMatch(a -> a.name().equals(name))) {
                        attachments.add(new SubmissionJournal.Attachment(name, file.getContentType(), file.getBytes()));
                    }
                }
            }
        }
        if (xml == null && request.getParameter("xml_submission_file") != null) {
            xml = request.getParameter("xml_submission_file").getBytes(StandardCharsets.UTF_8);
        }
        if (xml == null) throw new BadSubmissionProblem("the request has no xml_submission_file part");
        SubmissionService.Receipt receipt = submissions.receive(user.actor(), xml, attachments, "OPENROSA");
        if (receipt.outcome() == SubmissionService.Outcome.DUPLICATE) {
            return openRosa(HttpStatus.ACCEPTED).body(response("submit_success", said("openrosa.duplicate", receipt.instanceId())));
        }
        return openRosa(HttpStatus.CREATED).header("Location", base() + "/submission")
                .body(response("submit_success", said("openrosa.received", receipt.instanceId())));
    }

    /**
     * What the app shows the enumerator, in the language saved on their account (the app sends none of its own): the
     * reason for a refusal stays as the server said it, after a sentence they can read.
     */
    private String said(String key, Object... values) {
        return messages.getMessage(key, values, LocaleContextHolder.getLocale());
    }

    static String response(String nature, String message) {
        return OpenRosaMessage.xml(nature, message);
    }

    @ExceptionHandler(BadSubmissionProblem.class)
    ResponseEntity<String> bad(BadSubmissionProblem e) {
        return openRosa(HttpStatus.BAD_REQUEST).body(response("error", said("openrosa.refused", e.getMessage())));
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<String> badMultipart(MultipartException e) {
        if (e instanceof MaxUploadSizeExceededException) {
            return openRosa(HttpStatus.CONTENT_TOO_LARGE).body(response("error", said("openrosa.tooLarge", "the submission is too large")));
        }
        return openRosa(HttpStatus.BAD_REQUEST).body(response("error", said("openrosa.refused", "the multipart body cannot be read: " + e.getMessage())));
    }

    @ExceptionHandler(SubmissionTooLargeProblem.class)
    ResponseEntity<String> tooLarge(SubmissionTooLargeProblem e) {
        return openRosa(HttpStatus.CONTENT_TOO_LARGE).body(response("error", said("openrosa.tooLarge", e.getMessage())));
    }

    @ExceptionHandler(AccessDeniedProblem.class)
    ResponseEntity<String> denied(AccessDeniedProblem e) {
        return openRosa(HttpStatus.FORBIDDEN).body(response("error", said("openrosa.forbidden", e.getMessage())));
    }

    @ExceptionHandler(NotFoundProblem.class)
    ResponseEntity<String> notFound(NotFoundProblem e) {
        return openRosa(HttpStatus.NOT_FOUND).body(response("error", said("openrosa.notFound", e.getMessage())));
    }
}
