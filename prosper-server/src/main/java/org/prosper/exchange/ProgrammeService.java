package org.prosper.exchange;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.prosper.access.AccessDeniedProblem;
import org.prosper.access.Actor;
import org.prosper.access.AuditLog;
import org.prosper.access.NotFoundProblem;
import org.prosper.access.Role;
import org.prosper.geo.GeoService;
import org.prosper.knowledge.KnowledgeAccess;
import org.prosper.knowledge.KnowledgeProblem;
import org.prosper.knowledge.KnowledgeSearch;
import org.prosper.knowledge.KnowledgeVocabulary;
import org.prosper.platform.FieldProblem;
import org.prosper.registry.ConflictProblem;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Training, exchange and forum programmes. Everyone sees the programmes their visibility allows (as in the knowledge
 * bank); programme managers, country coordinators and administrators run them (sessions, selection, attendance,
 * certificates). Participant lists and the disaggregated report are for those who run programmes. Every change is
 * audited and re-indexes the programme after it commits.
 * <p>
 * A participant record stands for one person and may be linked to that person's user account. Those who run programmes
 * register anyone and apply and give feedback on anyone's behalf (village leaders rarely have accounts). Any other
 * contributor (a local officer, an expert) applies and gives feedback only for the participants they registered (a
 * local officer for the village leaders of a visit) and for their own record; they may link a record to no account
 * but their own. Otherwise a request body naming another participant's id could apply in their name or overwrite
 * their feedback.
 */
@Service
public class ProgrammeService {

    private static final Set<Role> MANAGERS = EnumSet.of(Role.SYSTEM_ADMIN, Role.PROGRAMME_MANAGER, Role.COUNTRY_COORDINATOR);
    private static final List<String> KINDS = List.of("TRAINING", "EXCHANGE", "FORUM");
    private static final List<String> STATUSES = List.of("PLANNED", "OPEN", "CLOSED", "DONE");
    private static final List<String> MODES = List.of("ONLINE", "OFFLINE", "HYBRID");
    private static final List<String> DECISIONS = List.of("SELECTED", "WAITLISTED", "REJECTED");

    private final ProgrammeRepository programmes;
    private final KnowledgeSearch search;
    private final AuditLog audit;
    private final GeoService geo;
    private final TransactionTemplate tx;

    public ProgrammeService(ProgrammeRepository programmes, KnowledgeSearch search, AuditLog audit, GeoService geo, TransactionTemplate tx) {
        this.programmes = programmes;
        this.search = search;
        this.audit = audit;
        this.geo = geo;
        this.tx = tx;
    }

    public static boolean mayManage(Actor actor) {
        return actor != null && MANAGERS.contains(actor.role());
    }

    private static void requireManager(Actor actor) {
        if (actor == null) throw new AccessDeniedProblem("sign in to run programmes");
        if (!mayManage(actor)) throw new AccessDeniedProblem(actor.username() + " (" + actor.role() + ") may not run programmes");
    }

    public List<Programme> list(Actor actor) {
        return programmes.all().stream().filter(p -> KnowledgeAccess.audience(actor).sees(p.visibility(), null)).toList();
    }

    public Programme get(Actor actor, long id) {
        Programme p = programmes.find(id).orElseThrow(() -> new NotFoundProblem("programme " + id));
        if (!KnowledgeAccess.audience(actor).sees(p.visibility(), null)) throw new NotFoundProblem("programme " + id);
        return p;
    }

    public ProgrammeParts.Detail detail(Actor actor, long id) {
        Programme p = get(actor, id);
        boolean manager = mayManage(actor);
        return new ProgrammeParts.Detail(p, programmes.sessions(id), programmes.visits(id), programmes.outcomes(id), programmes.links(id),
                manager ? programmes.report(id) : null, manager ? programmes.applications(id) : List.of(), manager ? programmes.certificates(id) : List.of());
    }

    public ProgrammeParts.Report report(Actor actor, long id) {
        requireManager(actor);
        get(actor, id);
        return programmes.report(id);
    }

    public Programme create(Actor actor, ProgrammeDraft d) {
        requireManager(actor);
        List<FieldProblem> problems = new ArrayList<>();
        String kind = d.kind() == null ? "" : d.kind().trim().toUpperCase();
        if (!KINDS.contains(kind)) problems.add(new FieldProblem(null, "kind", "'" + d.kind() + "' is not one of " + KINDS));
        String title = d.title() == null ? "" : d.title().strip();
        if (title.isEmpty()) problems.add(new FieldProblem(null, "title", "is required"));
        String host = country(d.hostCountry(), "hostCountry", problems, false);
        List<String> languages = languages(d.languages(), problems);
        List<String> topics = topics(d.topics(), problems);
        String status = d.status() == null || d.status().isBlank() ? "OPEN" : d.status().trim().toUpperCase();
        if (!STATUSES.contains(status)) problems.add(new FieldProblem(null, "status", "'" + d.status() + "' is not one of " + STATUSES));
        String visibility = d.visibility() == null || d.visibility().isBlank() ? "PUBLIC" : KnowledgeVocabulary.visibility(d.visibility());
        if (visibility == null) problems.add(new FieldProblem(null, "visibility", "'" + d.visibility() + "' is not one of public, partners, admins"));
        if (d.year() != null && (d.year() < 1990 || d.year() > 2100)) problems.add(new FieldProblem(null, "year", d.year() + " is not between 1990 and 2100"));
        if (!problems.isEmpty()) throw KnowledgeProblem.invalid("the programme", problems);
        Programme saved = tx.execute(s -> {
            long id = programmes.insert(new Programme(0, kind, title, d.description() == null ? "" : d.description().strip(), d.year(), host,
                    languages, topics, status, visibility, actor.username()));
            audit.record(actor, "CREATE", "programme", String.valueOf(id), null, null, title);
            return programmes.find(id).orElseThrow();
        });
        reindex(saved.id());
        return saved;
    }

    public ProgrammeParts.Session addSession(Actor actor, long programmeId, ProgrammeParts.SessionDraft d) {
        requireManager(actor);
        get(actor, programmeId);
        List<FieldProblem> problems = new ArrayList<>();
        if (d.title() == null || d.title().isBlank()) problems.add(new FieldProblem(null, "title", "is required"));
        if (d.startsOn() == null) problems.add(new FieldProblem(null, "startsOn", "is required (YYYY-MM-DD)"));
        LocalDate ends = d.endsOn() == null ? d.startsOn() : d.endsOn();
        if (d.startsOn() != null && ends.isBefore(d.startsOn())) problems.add(new FieldProblem(null, "endsOn", ends + " is before the start " + d.startsOn()));
        String mode = d.mode() == null ? "" : d.mode().trim().toUpperCase();
        if (!MODES.contains(mode)) problems.add(new FieldProblem(null, "mode", "'" + d.mode() + "' is not one of " + MODES));
        if (!"ONLINE".equals(mode) && (d.place() == null || d.place().isBlank()) && MODES.contains(mode)) {
            problems.add(new FieldProblem(null, "place", "is required for a session held in person"));
        }
        List<String> languages = languages(d.languages(), problems);
        List<String> topics = topics(d.topics(), problems);
        if (!problems.isEmpty()) throw KnowledgeProblem.invalid("the session", problems);
        long id = tx.execute(s -> {
            long sid = programmes.insertSession(programmeId, d.title().strip(), d.startsOn(), ends, d.place() == null ? "" : d.place().strip(),
                    mode, languages, topics);
            audit.record(actor, "CREATE", "programme_session", String.valueOf(sid), null, null, d.title());
            return sid;
        });
        reindex(programmeId);
        return programmes.sessions(programmeId).stream().filter(x -> x.id() == id).findFirst().orElseThrow();
    }

    public ProgrammeParts.Speaker addSpeaker(Actor actor, long sessionId, ProgrammeParts.SpeakerDraft d) {
        requireManager(actor);
        long programmeId = programmes.programmeOfSession(sessionId).orElseThrow(() -> new NotFoundProblem("session " + sessionId));
        get(actor, programmeId);
        if (d.name() == null || d.name().isBlank()) throw KnowledgeProblem.invalid("the speaker", List.of(new FieldProblem(null, "name", "is required")));
        long id = tx.execute(s -> {
            long sp = programmes.insertSpeaker(sessionId, d.name().strip(), d.organisation() == null ? "" : d.organisation().strip(), d.expertId(),
                    d.topic() == null ? "" : d.topic().strip());
            audit.record(actor, "CREATE", "programme_speaker", String.valueOf(sp), null, null, d.name());
            if (d.expertId() != null) programmes.link(programmeId, "EXPERT", d.expertId().toString());
            return sp;
        });
        reindex(programmeId);
        return new ProgrammeParts.Speaker(id, sessionId, d.name().strip(), d.organisation(), d.expertId(), d.topic());
    }

    public ProgrammeParts.Visit addVisit(Actor actor, long programmeId, ProgrammeParts.VisitDraft d) {
        requireManager(actor);
        Programme p = get(actor, programmeId);
        List<FieldProblem> problems = new ArrayList<>();
        if (!"EXCHANGE".equals(p.kind())) problems.add(new FieldProblem(null, "programme", "visits belong to village-leader exchanges, this is a " + p.kind()));
        if (d.hostVillage() == null || d.hostVillage().isBlank()) problems.add(new FieldProblem(null, "hostVillage", "is required"));
        if (d.visitingVillage() == null || d.visitingVillage().isBlank()) problems.add(new FieldProblem(null, "visitingVillage", "is required"));
        country(d.hostCountry(), "hostCountry", problems, true);
        country(d.visitingCountry(), "visitingCountry", problems, true);
        if (!problems.isEmpty()) throw KnowledgeProblem.invalid("the visit", problems);
        long id = tx.execute(s -> {
            long v = programmes.insertVisit(programmeId, d);
            audit.record(actor, "CREATE", "exchange_visit", String.valueOf(v), null, null, d.hostVillage() + " <- " + d.visitingVillage());
            return v;
        });
        reindex(programmeId);
        return programmes.visits(programmeId).stream().filter(v -> v.id() == id).findFirst().orElseThrow();
    }

    public ProgrammeParts.Outcome addOutcome(Actor actor, long programmeId, ProgrammeParts.OutcomeDraft d) {
        requireManager(actor);
        get(actor, programmeId);
        if (d.title() == null || d.title().isBlank()) throw KnowledgeProblem.invalid("the outcome document", List.of(new FieldProblem(null, "title", "is required")));
        long id = tx.execute(s -> {
            long o = programmes.insertOutcome(programmeId, d.title().strip(), d.summary() == null ? "" : d.summary().strip(), d.practiceId());
            if (d.practiceId() != null) programmes.link(programmeId, "PRACTICE", d.practiceId().toString());
            audit.record(actor, "CREATE", "programme_outcome", String.valueOf(o), null, null, d.title());
            return o;
        });
        reindex(programmeId);
        return programmes.outcomes(programmeId).stream().filter(o -> o.id() == id).findFirst().orElseThrow();
    }

    public List<ProgrammeParts.Link> link(Actor actor, long programmeId, ProgrammeParts.Link link) {
        requireManager(actor);
        get(actor, programmeId);
        String kind = link.kind() == null ? "" : link.kind().trim().toUpperCase();
        if (!List.of("EXPERT", "PRACTICE", "PROJECT").contains(kind)) {
            throw KnowledgeProblem.invalid("the link", List.of(new FieldProblem(null, "kind", "'" + link.kind() + "' is not one of EXPERT, PRACTICE, PROJECT")));
        }
        if (link.ref() == null || link.ref().isBlank()) throw KnowledgeProblem.invalid("the link", List.of(new FieldProblem(null, "ref", "is required")));
        tx.executeWithoutResult(s -> {
            programmes.link(programmeId, kind, link.ref().trim());
            audit.record(actor, "LINK", "programme", String.valueOf(programmeId), null, null, kind + " " + link.ref());
        });
        return programmes.links(programmeId);
    }

    public ProgrammeParts.Participant addParticipant(Actor actor, ProgrammeParts.ParticipantDraft d) {
        KnowledgeAccess.requireContributor(actor);
        List<FieldProblem> problems = new ArrayList<>();
        if (d.name() == null || d.name().isBlank()) problems.add(new FieldProblem(null, "name", "is required"));
        country(d.country(), "country", problems, true);
        if (d.sex() == null || !List.of("F", "M", "X").contains(d.sex().trim().toUpperCase())) {
            problems.add(new FieldProblem(null, "sex", "'" + d.sex() + "' is not one of F, M, X (needed to disaggregate participation)"));
        }
        if (!problems.isEmpty()) throw KnowledgeProblem.invalid("the participant", problems);
        if (!mayManage(actor) && d.userId() != null && d.userId() != actor.userId()) {
            throw new AccessDeniedProblem(actor.username() + " (" + actor.role() + ") may link a participant to no account but their own; "
                    + "those who run programmes link others");
        }
        long id = tx.execute(s -> {
            long pid = programmes.insertParticipant(d, actor.userId() > 0 ? actor.userId() : null);
            audit.record(actor, "CREATE", "participant", String.valueOf(pid), null, null, d.name());
            return pid;
        });
        return programmes.participant(id).orElseThrow();
    }

    public ProgrammeParts.Application apply(Actor actor, long programmeId, long participantId, String motivation) {
        KnowledgeAccess.requireContributor(actor);
        Programme p = get(actor, programmeId);
        requireActsFor(actor, participantId);
        if (!"OPEN".equals(p.status())) throw new ConflictProblem("programme " + programmeId + " is " + p.status() + ", not open for applications");
        if (programmes.hasApplied(programmeId, participantId)) throw new ConflictProblem("participant " + participantId + " has already applied to programme " + programmeId);
        long id = tx.execute(s -> {
            long a = programmes.insertApplication(programmeId, participantId, motivation);
            audit.record(actor, "APPLY", "programme_application", String.valueOf(a), null, null, "participant " + participantId);
            return a;
        });
        return programmes.application(id).orElseThrow();
    }

    public ProgrammeParts.Application decide(Actor actor, long applicationId, String decision) {
        requireManager(actor);
        ProgrammeParts.Application a = programmes.application(applicationId).orElseThrow(() -> new NotFoundProblem("application " + applicationId));
        get(actor, a.programmeId());
        String status = decision == null ? "" : decision.trim().toUpperCase();
        if (!DECISIONS.contains(status)) {
            throw KnowledgeProblem.invalid("the decision", List.of(new FieldProblem(null, "status", "'" + decision + "' is not one of " + DECISIONS)));
        }
        tx.executeWithoutResult(s -> {
            programmes.decide(applicationId, status, actor.username());
            audit.record(actor, "DECIDE", "programme_application", String.valueOf(applicationId), null, a.status(), status);
        });
        return programmes.application(applicationId).orElseThrow();
    }

    public void attendance(Actor actor, long sessionId, long participantId, boolean present) {
        requireManager(actor);
        long programmeId = programmes.programmeOfSession(sessionId).orElseThrow(() -> new NotFoundProblem("session " + sessionId));
        get(actor, programmeId);
        requireSelected(programmeId, participantId);
        tx.executeWithoutResult(s -> {
            programmes.attendance(sessionId, participantId, present);
            audit.record(actor, "ATTENDANCE", "programme_session", String.valueOf(sessionId), null, null, participantId + (present ? " present" : " absent"));
        });
    }

    public void feedback(Actor actor, long programmeId, long participantId, int rating, String comments) {
        KnowledgeAccess.requireContributor(actor);
        get(actor, programmeId);
        requireActsFor(actor, participantId);
        requireSelected(programmeId, participantId);
        if (rating < 1 || rating > 5) throw KnowledgeProblem.invalid("the feedback", List.of(new FieldProblem(null, "rating", rating + " is not between 1 and 5")));
        tx.executeWithoutResult(s -> {
            programmes.feedback(programmeId, participantId, rating, comments);
            audit.record(actor, "FEEDBACK", "programme", String.valueOf(programmeId), null, null, "participant " + participantId + ": " + rating);
        });
    }

    /** A certificate for a selected participant who attended at least one session; issued once. */
    public ProgrammeParts.Certificate certify(Actor actor, long programmeId, long participantId) {
        requireManager(actor);
        get(actor, programmeId);
        requireSelected(programmeId, participantId);
        var existing = programmes.certificate(programmeId, participantId);
        if (existing.isPresent()) return existing.get();
        if (programmes.sessionsAttended(programmeId, participantId) == 0) {
            throw new ConflictProblem("participant " + participantId + " attended no session of programme " + programmeId + ": no certificate");
        }
        String number = "PRO-" + programmeId + "-" + participantId;
        tx.executeWithoutResult(s -> {
            programmes.insertCertificate(programmeId, participantId, number, LocalDate.now(), actor.username());
            audit.record(actor, "CERTIFY", "programme", String.valueOf(programmeId), null, null, number);
        });
        return programmes.certificate(programmeId, participantId).orElseThrow();
    }

    /** The participant exists and the actor may act for them: their own linked record, or anyone's for those who run programmes. */
    private void requireActsFor(Actor actor, long participantId) {
        ProgrammeParts.Participant participant = programmes.participant(participantId)
                .orElseThrow(() -> new NotFoundProblem("participant " + participantId));
        if (mayManage(actor)) return;
        boolean own = participant.userId() != null && participant.userId() == actor.userId();
        boolean registered = programmes.registeredBy(participantId).map(by -> by == actor.userId()).orElse(false);
        if (!own && !registered) {
            throw new AccessDeniedProblem(actor.username() + " (" + actor.role() + ") may act only for their own participant record and those they "
                    + "registered, not for participant " + participantId + "; those who run programmes act for others");
        }
    }

    private void requireSelected(long programmeId, long participantId) {
        String status = programmes.applicationStatus(programmeId, participantId);
        if (!"SELECTED".equals(status)) {
            throw new ConflictProblem("participant " + participantId + " is not selected for programme " + programmeId
                    + (status == null ? " (no application)" : " (application " + status + ")"));
        }
    }

    private void reindex(long programmeId) {
        programmes.find(programmeId).ifPresent(p -> search.put(programmes.toIndex(p)));
    }

    private String country(String value, String field, List<FieldProblem> problems, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) problems.add(new FieldProblem(null, field, "is required"));
            return null;
        }
        if (!geo.isCountry(value.trim())) {
            problems.add(new FieldProblem(null, field, "'" + value + "' is not a country code of the platform"));
            return null;
        }
        return value.trim().toUpperCase();
    }

    private static List<String> languages(List<String> values, List<FieldProblem> problems) {
        List<String> out = new ArrayList<>();
        for (String l : values == null ? List.<String>of() : values) {
            String code = KnowledgeVocabulary.language(l);
            if (code == null) problems.add(new FieldProblem(null, "languages", "'" + l + "' is not one of " + KnowledgeVocabulary.LANGUAGES));
            else if (!out.contains(code)) out.add(code);
        }
        return out;
    }

    private static List<String> topics(List<String> values, List<FieldProblem> problems) {
        List<String> out = new ArrayList<>();
        for (String t : values == null ? List.<String>of() : values) {
            String code = t == null ? "" : t.trim().toLowerCase();
            if (!KnowledgeVocabulary.THEMES.contains(code)) problems.add(new FieldProblem(null, "topics", "'" + t + "' is not one of " + KnowledgeVocabulary.THEMES));
            else if (!out.contains(code)) out.add(code);
        }
        return out;
    }
}
