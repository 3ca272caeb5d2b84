package org.prosper.exchange;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.prosper.exchange.ProgrammeParts.Application;
import org.prosper.exchange.ProgrammeParts.Certificate;
import org.prosper.exchange.ProgrammeParts.Link;
import org.prosper.exchange.ProgrammeParts.Outcome;
import org.prosper.exchange.ProgrammeParts.Participant;
import org.prosper.exchange.ProgrammeParts.Session;
import org.prosper.exchange.ProgrammeParts.Speaker;
import org.prosper.exchange.ProgrammeParts.Visit;
import org.prosper.knowledge.KnowledgeSource;
import org.prosper.knowledge.search.IndexDoc;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The ex_* tables; programmes are also what this feature gives the knowledge index. */
@Repository
@Order(3)
public class ProgrammeRepository implements KnowledgeSource {

    private final JdbcClient db;

    public ProgrammeRepository(JdbcClient db) {
        this.db = db;
    }

    static List<String> split(String csv) {
        return csv == null || csv.isBlank() ? List.of() : Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    static String join(List<String> values) {
        return values == null ? "" : String.join(",", values.stream().map(String::trim).filter(s -> !s.isEmpty()).distinct().toList());
    }

    private static Programme programme(ResultSet rs, int n) throws SQLException {
        int year = rs.getInt("edition_year");
        return new Programme(rs.getLong("id"), rs.getString("kind"), rs.getString("title"), rs.getString("description"),
                rs.wasNull() ? null : year, rs.getString("host_country"), split(rs.getString("languages")), split(rs.getString("topics")),
                rs.getString("status"), rs.getString("visibility"), rs.getString("created_by"));
    }

    public Optional<Programme> find(long id) {
        return db.sql("select * from ex_programme where id = ?").param(id).query(ProgrammeRepository::programme).optional();
    }

    public List<Programme> all() {
        return db.sql("select * from ex_programme order by edition_year desc nulls last, id").query(ProgrammeRepository::programme).list();
    }

    public long countAll() {
        return db.sql("select count(*) from ex_programme").query(Long.class).single();
    }

    public long insert(Programme p) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        db.sql("insert into ex_programme(kind, title, description, edition_year, host_country, languages, topics, status, visibility, created_by) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(p.kind(), p.title(), p.description(), p.year(), p.hostCountry(), join(p.languages()), join(p.topics()),
                        p.status(), p.visibility(), p.createdBy())
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    public long insertSession(long programmeId, String title, LocalDate starts, LocalDate ends, String place, String mode,
                              List<String> languages, List<String> topics) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        db.sql("insert into ex_session(programme_id, title, starts_on, ends_on, place, mode, languages, topics) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(programmeId, title, Date.valueOf(starts), Date.valueOf(ends), place, mode, join(languages), join(topics))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    public Optional<Long> programmeOfSession(long sessionId) {
        return db.sql("select programme_id from ex_session where id = ?").param(sessionId).query(Long.class).optional();
    }

    public List<Session> sessions(long programmeId) {
        List<Speaker> speakers = db.sql("select s.* from ex_speaker s join ex_session x on x.id = s.session_id where x.programme_id = ? order by s.id")
                .param(programmeId).query((rs, n) -> {
                    long expert = rs.getLong("expert_id");
                    return new Speaker(rs.getLong("id"), rs.getLong("session_id"), rs.getString("name"), rs.getString("organisation"),
                            rs.wasNull() ? null : expert, rs.getString("topic"));
                }).list();
        return db.sql("select * from ex_session where programme_id = ? order by starts_on, id").param(programmeId)
                .query((rs, n) -> {
                    long id = rs.getLong("id");
                    return new Session(id, programmeId, rs.getString("title"), rs.getDate("starts_on").toLocalDate(),
                            rs.getDate("ends_on").toLocalDate(), rs.getString("place"), rs.getString("mode"), split(rs.getString("languages")),
                            split(rs.getString("topics")), speakers.stream().filter(s -> s.sessionId() == id).toList());
                })
                .list();
    }

    public long insertSpeaker(long sessionId, String name, String organisation, Long expertId, String topic) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        db.sql("insert into ex_speaker(session_id, name, organisation, expert_id, topic) values (?, ?, ?, ?, ?)")
                .params(sessionId, name, organisation, expertId, topic).update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    public long insertVisit(long programmeId, ProgrammeParts.VisitDraft v) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        db.sql("insert into ex_visit(programme_id, host_village, host_country, visiting_village, visiting_country, learnt, follow_up) "
                        + "values (?, ?, ?, ?, ?, ?, ?)")
                .params(programmeId, v.hostVillage().strip(), v.hostCountry().toUpperCase(), v.visitingVillage().strip(),
                        v.visitingCountry().toUpperCase(), text(v.learnt()), text(v.followUp()))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    public List<Visit> visits(long programmeId) {
        return db.sql("select * from ex_visit where programme_id = ? order by id").param(programmeId)
                .query((rs, n) -> new Visit(rs.getLong("id"), programmeId, rs.getString("host_village"), rs.getString("host_country"),
                        rs.getString("visiting_village"), rs.getString("visiting_country"), rs.getString("learnt"), rs.getString("follow_up")))
                .list();
    }

    public long insertOutcome(long programmeId, String title, String summary, Long practiceId) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        db.sql("insert into ex_outcome(programme_id, title, summary, practice_id) values (?, ?, ?, ?)")
                .params(programmeId, title, summary, practiceId).update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    public List<Outcome> outcomes(long programmeId) {
        return db.sql("select * from ex_outcome where programme_id = ? order by id").param(programmeId)
                .query((rs, n) -> {
                    long practice = rs.getLong("practice_id");
                    return new Outcome(rs.getLong("id"), programmeId, rs.getString("title"), rs.getString("summary"), rs.wasNull() ? null : practice);
                }).list();
    }

    public void link(long programmeId, String kind, String ref) {
        if (db.sql("select count(*) from ex_link where programme_id = ? and kind = ? and ref = ?").params(programmeId, kind, ref).query(Long.class).single() == 0) {
            db.sql("insert into ex_link(programme_id, kind, ref) values (?, ?, ?)").params(programmeId, kind, ref).update();
        }
    }

    public List<Link> links(long programmeId) {
        return db.sql("select kind, ref from ex_link where programme_id = ? order by kind, ref").param(programmeId)
                .query((rs, n) -> new Link(rs.getString(1), rs.getString(2))).list();
    }

    public long insertParticipant(ProgrammeParts.ParticipantDraft p, Long registeredBy) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        db.sql("insert into ex_participant(name, organisation, country, role, sex, email, user_id, person_ref, registered_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(p.name().strip(), text(p.organisation()), p.country().toUpperCase(), text(p.role()), p.sex().toUpperCase(),
                        p.email(), p.userId(), p.personRef(), registeredBy)
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    /** The user who registered the participant, if recorded. */
    public Optional<Long> registeredBy(long participantId) {
        return db.sql("select registered_by from ex_participant where id = ?").param(participantId)
                .query((rs, n) -> rs.getObject(1, Long.class)).optional();
    }

    public Optional<Participant> participant(long id) {
        return db.sql("select * from ex_participant where id = ?").param(id).query((rs, n) -> new Participant(rs.getLong("id"), rs.getString("name"),
                rs.getString("organisation"), rs.getString("country"), rs.getString("role"), rs.getString("sex"), rs.getString("email"),
                rs.getObject("user_id", Long.class), rs.getString("person_ref"))).optional();
    }

    public long insertApplication(long programmeId, long participantId, String motivation) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        db.sql("insert into ex_application(programme_id, participant_id, motivation) values (?, ?, ?)")
                .params(programmeId, participantId, text(motivation)).update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    public boolean hasApplied(long programmeId, long participantId) {
        return db.sql("select count(*) from ex_application where programme_id = ? and participant_id = ?").params(programmeId, participantId)
                .query(Long.class).single() > 0;
    }

    public Optional<Application> application(long id) {
        return db.sql("select a.*, p.name from ex_application a join ex_participant p on p.id = a.participant_id where a.id = ?").param(id)
                .query(ProgrammeRepository::application).optional();
    }

    private static Application application(ResultSet rs, int n) throws SQLException {
        return new Application(rs.getLong("id"), rs.getLong("programme_id"), rs.getLong("participant_id"), rs.getString("name"),
                rs.getString("status"), rs.getString("motivation"), rs.getString("decided_by"));
    }

    public List<Application> applications(long programmeId) {
        return db.sql("select a.*, p.name from ex_application a join ex_participant p on p.id = a.participant_id where a.programme_id = ? order by a.id")
                .param(programmeId).query(ProgrammeRepository::application).list();
    }

    public String applicationStatus(long programmeId, long participantId) {
        return db.sql("select status from ex_application where programme_id = ? and participant_id = ?").params(programmeId, participantId)
                .query(String.class).optional().orElse(null);
    }

    public void decide(long applicationId, String status, String by) {
        db.sql("update ex_application set status = ?, decided_by = ?, decided_at = current_timestamp where id = ?")
                .params(status, by, applicationId).update();
    }

    public void attendance(long sessionId, long participantId, boolean present) {
        db.sql("delete from ex_attendance where session_id = ? and participant_id = ?").params(sessionId, participantId).update();
        db.sql("insert into ex_attendance(session_id, participant_id, present) values (?, ?, ?)").params(sessionId, participantId, present).update();
    }

    public long sessionsAttended(long programmeId, long participantId) {
        return db.sql("select count(*) from ex_attendance a join ex_session s on s.id = a.session_id where s.programme_id = ? and a.participant_id = ? and a.present")
                .params(programmeId, participantId).query(Long.class).single();
    }

    public void feedback(long programmeId, long participantId, int rating, String comments) {
        db.sql("delete from ex_feedback where programme_id = ? and participant_id = ?").params(programmeId, participantId).update();
        db.sql("insert into ex_feedback(programme_id, participant_id, rating, comments) values (?, ?, ?, ?)")
                .params(programmeId, participantId, rating, text(comments)).update();
    }

    public Optional<Certificate> certificate(long programmeId, long participantId) {
        return db.sql("select * from ex_certificate where programme_id = ? and participant_id = ?").params(programmeId, participantId)
                .query(ProgrammeRepository::certificate).optional();
    }

    private static Certificate certificate(ResultSet rs, int n) throws SQLException {
        return new Certificate(rs.getLong("id"), rs.getLong("programme_id"), rs.getLong("participant_id"), rs.getString("number"),
                rs.getDate("issued_on").toLocalDate());
    }

    public List<Certificate> certificates(long programmeId) {
        return db.sql("select * from ex_certificate where programme_id = ? order by id").param(programmeId).query(ProgrammeRepository::certificate).list();
    }

    public void insertCertificate(long programmeId, long participantId, String number, LocalDate issued, String by) {
        db.sql("insert into ex_certificate(programme_id, participant_id, number, issued_on, issued_by) values (?, ?, ?, ?, ?)")
                .params(programmeId, participantId, number, Date.valueOf(issued), by).update();
    }

    public ProgrammeParts.Report report(long programmeId) {
        long applications = db.sql("select count(*) from ex_application where programme_id = ?").param(programmeId).query(Long.class).single();
        String selected = "from ex_application a join ex_participant p on p.id = a.participant_id where a.programme_id = ? and a.status = 'SELECTED'";
        long chosen = db.sql("select count(*) " + selected).param(programmeId).query(Long.class).single();
        Map<String, Long> byCountry = counts("select p.country, count(*) " + selected + " group by p.country order by p.country", programmeId);
        Map<String, Long> bySex = counts("select p.sex, count(*) " + selected + " group by p.sex order by p.sex", programmeId);
        Map<String, Long> byRole = counts("select p.role, count(*) " + selected + " group by p.role order by p.role", programmeId);
        long marked = db.sql("select count(*) from ex_attendance a join ex_session s on s.id = a.session_id where s.programme_id = ?")
                .param(programmeId).query(Long.class).single();
        long present = db.sql("select count(*) from ex_attendance a join ex_session s on s.id = a.session_id where s.programme_id = ? and a.present")
                .param(programmeId).query(Long.class).single();
        List<Double> averages = db.sql("select avg(cast(rating as double precision)) from ex_feedback where programme_id = ?").param(programmeId)
                .query((rs, n) -> {
                    double v = rs.getDouble(1);
                    return rs.wasNull() ? null : Math.round(v * 100) / 100.0;
                }).list();
        Double average = averages.isEmpty() ? null : averages.get(0);
        long feedback = db.sql("select count(*) from ex_feedback where programme_id = ?").param(programmeId).query(Long.class).single();
        long certificates = db.sql("select count(*) from ex_certificate where programme_id = ?").param(programmeId).query(Long.class).single();
        return new ProgrammeParts.Report(applications, chosen, byCountry, bySex, byRole,
                marked == 0 ? 0 : Math.round(1000.0 * present / marked) / 1000.0, average, feedback, certificates);
    }

    private Map<String, Long> counts(String sql, long programmeId) {
        Map<String, Long> out = new LinkedHashMap<>();
        db.sql(sql).param(programmeId).query((rs, n) -> out.put(rs.getString(1), rs.getLong(2))).list();
        return out;
    }

    private static String text(String s) {
        return s == null ? "" : s.strip();
    }

    /** The programme with its sessions, speakers, visits and outcomes as one searchable item. */
    IndexDoc toIndex(Programme p) {
        List<String> parts = new ArrayList<>();
        for (Session s : sessions(p.id())) {
            parts.add(s.title() + " " + s.place() + " " + String.join(" ", s.topics()));
            for (Speaker sp : s.speakers()) parts.add(sp.name() + " " + sp.organisation() + " " + sp.topic());
        }
        for (Visit v : visits(p.id())) parts.add(v.hostVillage() + " " + v.visitingVillage() + " " + v.learnt() + " " + v.followUp());
        for (Outcome o : outcomes(p.id())) parts.add(o.title() + " " + o.summary());
        return new IndexDoc("programme", p.id(), p.title(), p.description(), String.join("\n", parts), p.languages(),
                p.hostCountry(), p.topics(), p.year(), p.visibility(), null);
    }

    @Override
    public void forEach(Consumer<IndexDoc> sink) {
        for (Programme p : all()) sink.accept(toIndex(p));
    }

    @Override
    public long count() {
        return countAll();
    }
}
