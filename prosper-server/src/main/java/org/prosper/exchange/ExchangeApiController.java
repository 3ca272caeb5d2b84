package org.prosper.exchange;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.prosper.access.Actor;
import org.prosper.access.ProsperUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Training, exchange and forum programmes: reading is open as far as visibility allows, changes need a signed-in caller. */
@RestController
@RequestMapping("/api/v1/knowledge/programmes")
@Tag(name = "Programmes", description = "Training programmes, village-leader exchanges and the annual forum")
public class ExchangeApiController {

    private final ProgrammeService programmes;

    public ExchangeApiController(ProgrammeService programmes) {
        this.programmes = programmes;
    }

    private static Actor actor(ProsperUser user) {
        return user == null ? null : user.actor();
    }

    @GetMapping
    public List<Programme> list(@AuthenticationPrincipal ProsperUser user) {
        return programmes.list(actor(user));
    }

    @GetMapping("/{id}")
    @Operation(summary = "A programme with sessions, speakers, visits, outcomes and links; the participation report, applications and certificates for those who run programmes")
    public ProgrammeParts.Detail get(@AuthenticationPrincipal ProsperUser user, @PathVariable long id) {
        return programmes.detail(actor(user), id);
    }

    @GetMapping("/{id}/report")
    public ProgrammeParts.Report report(@AuthenticationPrincipal ProsperUser user, @PathVariable long id) {
        return programmes.report(actor(user), id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public Programme create(@AuthenticationPrincipal ProsperUser user, @RequestBody ProgrammeDraft draft) {
        return programmes.create(actor(user), draft);
    }

    @PostMapping("/{id}/sessions")
    @ResponseStatus(HttpStatus.CREATED)
    public ProgrammeParts.Session session(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, @RequestBody ProgrammeParts.SessionDraft draft) {
        return programmes.addSession(actor(user), id, draft);
    }

    @PostMapping("/sessions/{sessionId}/speakers")
    @ResponseStatus(HttpStatus.CREATED)
    public ProgrammeParts.Speaker speaker(@AuthenticationPrincipal ProsperUser user, @PathVariable long sessionId, @RequestBody ProgrammeParts.SpeakerDraft draft) {
        return programmes.addSpeaker(actor(user), sessionId, draft);
    }

    @PostMapping("/{id}/visits")
    @ResponseStatus(HttpStatus.CREATED)
    public ProgrammeParts.Visit visit(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, @RequestBody ProgrammeParts.VisitDraft draft) {
        return programmes.addVisit(actor(user), id, draft);
    }

    @PostMapping("/{id}/outcomes")
    @ResponseStatus(HttpStatus.CREATED)
    public ProgrammeParts.Outcome outcome(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, @RequestBody ProgrammeParts.OutcomeDraft draft) {
        return programmes.addOutcome(actor(user), id, draft);
    }

    @PostMapping("/{id}/links")
    public List<ProgrammeParts.Link> link(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, @RequestBody ProgrammeParts.Link link) {
        return programmes.link(actor(user), id, link);
    }

    @PostMapping("/participants")
    @ResponseStatus(HttpStatus.CREATED)
    public ProgrammeParts.Participant participant(@AuthenticationPrincipal ProsperUser user, @RequestBody ProgrammeParts.ParticipantDraft draft) {
        return programmes.addParticipant(actor(user), draft);
    }

    public record ApplicationDraft(long participantId, String motivation) {
    }

    @PostMapping("/{id}/applications")
    @ResponseStatus(HttpStatus.CREATED)
    public ProgrammeParts.Application apply(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, @RequestBody ApplicationDraft draft) {
        return programmes.apply(actor(user), id, draft.participantId(), draft.motivation());
    }

    public record Decision(String status) {
    }

    @PostMapping("/applications/{applicationId}/decision")
    public ProgrammeParts.Application decide(@AuthenticationPrincipal ProsperUser user, @PathVariable long applicationId, @RequestBody Decision decision) {
        return programmes.decide(actor(user), applicationId, decision.status());
    }

    public record Attendance(long participantId, boolean present) {
    }

    @PostMapping("/sessions/{sessionId}/attendance")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void attendance(@AuthenticationPrincipal ProsperUser user, @PathVariable long sessionId, @RequestBody Attendance a) {
        programmes.attendance(actor(user), sessionId, a.participantId(), a.present());
    }

    public record Feedback(long participantId, int rating, String comments) {
    }

    @PostMapping("/{id}/feedback")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void feedback(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, @RequestBody Feedback f) {
        programmes.feedback(actor(user), id, f.participantId(), f.rating(), f.comments());
    }

    public record CertificateRequest(long participantId) {
    }

    @PostMapping("/{id}/certificates")
    @ResponseStatus(HttpStatus.CREATED)
    public ProgrammeParts.Certificate certify(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, @RequestBody CertificateRequest c) {
        return programmes.certify(actor(user), id, c.participantId());
    }
}
