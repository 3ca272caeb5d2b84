package org.prosper.exchange;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The parts of a programme and what clients send to add them. */
public final class ProgrammeParts {

    private ProgrammeParts() {
    }

    public record Session(long id, long programmeId, String title, LocalDate startsOn, LocalDate endsOn, String place, String mode,
                          List<String> languages, List<String> topics, List<Speaker> speakers) {
    }

    public record SessionDraft(String title, LocalDate startsOn, LocalDate endsOn, String place, String mode,
                               List<String> languages, List<String> topics) {
    }

    public record Speaker(long id, long sessionId, String name, String organisation, Long expertId, String topic) {
    }

    public record SpeakerDraft(String name, String organisation, Long expertId, String topic) {
    }

    /** A village-leader exchange visit: who hosted, who visited, and what was learnt. */
    public record Visit(long id, long programmeId, String hostVillage, String hostCountry, String visitingVillage,
                        String visitingCountry, String learnt, String followUp) {
    }

    public record VisitDraft(String hostVillage, String hostCountry, String visitingVillage, String visitingCountry,
                             String learnt, String followUp) {
    }

    public record Outcome(long id, long programmeId, String title, String summary, Long practiceId) {
    }

    public record OutcomeDraft(String title, String summary, Long practiceId) {
    }

    /** A link to an expert or a practice of the knowledge bank (by id) or to a cooperation project (by code). */
    public record Link(String kind, String ref) {
    }

    public record Participant(long id, String name, String organisation, String country, String role, String sex,
                              String email, Long userId, String personRef) {
    }

    public record ParticipantDraft(String name, String organisation, String country, String role, String sex, String email,
                                   Long userId, String personRef) {
    }

    public record Application(long id, long programmeId, long participantId, String participantName, String status,
                              String motivation, String decidedBy) {
    }

    public record Certificate(long id, long programmeId, long participantId, String number, LocalDate issuedOn) {
    }

    /** Selected participants disaggregated by country, sex and role; attendance and feedback in figures. */
    public record Report(long applications, long selected, Map<String, Long> byCountry, Map<String, Long> bySex,
                         Map<String, Long> byRole, double attendanceRate, Double averageRating, long feedbackCount,
                         long certificates) {
    }

    /** Everything about one programme; the report and participant-level lists only for those who run programmes (else null and empty). */
    public record Detail(Programme programme, List<Session> sessions, List<Visit> visits, List<Outcome> outcomes,
                         List<Link> links, Report report, List<Application> applications, List<Certificate> certificates) {
    }
}
