package org.prosper.survey;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.prosper.access.Actor;
import org.prosper.access.AuditLog;
import org.prosper.access.NotFoundProblem;
import org.prosper.access.Permission;
import org.prosper.access.Role;
import org.prosper.access.ScopeSql;
import org.prosper.geo.GeoService;
import org.prosper.geo.OrgUnit;
import org.prosper.platform.FieldProblem;
import org.prosper.registry.ConflictProblem;
import org.prosper.registry.HouseholdPlace;
import org.prosper.registry.HouseholdService;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one door for submissions, whichever way they come (OpenRosa, browser, import): the raw XML is written to the
 * journal and the database and committed before the sender is told it is stored; mapping and validation come after.
 * Content that fails validation is kept and quarantined, never refused; only what is not a submission at all (400)
 * or comes from outside the sender's scope (403) is refused, and nothing of it is kept.
 */
@Service
public class SubmissionService {

    public enum Outcome { CREATED, DUPLICATE }

    public record Receipt(Outcome outcome, long submissionId, String instanceId) {
    }

    private final JdbcClient db;
    private final FormService forms;
    private final HouseholdService households;
    private final GeoService geo;
    private final SubmissionJournal journal;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final JsonMapper json;
    private final SubmissionProcessor processor;

    public SubmissionService(JdbcClient db, FormService forms, HouseholdService households, GeoService geo,
                             SubmissionJournal journal, TransactionTemplate tx, AuditLog audit, JsonMapper json,
                             SubmissionProcessor processor) {
        this.db = db;
        this.forms = forms;
        this.households = households;
        this.geo = geo;
        this.journal = journal;
        this.tx = tx;
        this.audit = audit;
        this.json = json;
        this.processor = processor;
    }

    /** A household code has at most this many characters (the registry's rule and its column). */
    static final int MAX_HOUSEHOLD_CODE = 60;

    /** Where a submission belongs as far as the door can tell: its household and village, if the form names them. */
    record Place(String householdCode, Long householdId, Long orgUnitId, String orgPath) {
    }

    public Receipt receive(Actor actor, byte[] xml, List<SubmissionJournal.Attachment> attachments, String source) {
        SurveyAccess.requireSubmit(actor);
        SubmissionXml.Header parsed = SubmissionXml.scan(xml);
        FormVersion form = forms.find(parsed.formId(), parsed.version()).orElseThrow(() -> new BadSubmissionProblem(
                "unknown form " + parsed.formId() + (parsed.version() == null ? "" : " version " + parsed.version())));
        forms.requireFormInScope(actor, form.formKey(), form.formId());
        Place place = place(actor, form, parsed);
        journal.write(parsed.instanceId(), form.id(), actor.username(), source, xml, attachments);
        long id;
        try {
            id = store(parsed.instanceId(), form.id(), actor.username(), source, xml, attachments, place);
        } catch (DuplicateKeyException e) {
            return new Receipt(Outcome.DUPLICATE, existingId(parsed.instanceId()), parsed.instanceId());
        }
        processor.committed();
        return new Receipt(Outcome.CREATED, id, parsed.instanceId());
    }

    long store(String instanceId, long formVersionId, String user, String source, byte[] xml,
               List<SubmissionJournal.Attachment> attachments, Place place) {
        Long id = tx.execute(status -> {
            var key = new GeneratedKeyHolder();
            db.sql("insert into survey_submission(instance_id, form_version_id, xml, source, submitted_by, household_code, household_id, org_unit_id, org_path) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(instanceId, formVersionId, new String(xml, StandardCharsets.UTF_8), source, user,
                            place.householdCode(), place.householdId(), place.orgUnitId(), place.orgPath())
                    .update(key, "id");
            long sid = key.getKey().longValue();
            for (SubmissionJournal.Attachment a : attachments) {
                db.sql("insert into survey_attachment(submission_id, name, content_type, size, data) values (?, ?, ?, ?, ?)")
                        .params(sid, a.name(), a.contentType(), (long) a.data().length, a.data()).update();
            }
            return sid;
        });
        return id;
    }

    private long existingId(String instanceId) {
        return db.sql("select id from survey_submission where instance_id = ?").param(instanceId).query(Long.class).optional().orElse(0L);
    }

    /** The household and village a submission names; refuses (403) one outside the sender's scope. */
    Place place(Actor actor, FormVersion form, SubmissionXml.Header instance) {
        Map<String, String> mapping = forms.mapping(form.formKey());
        String code = value(form, instance, fieldFor(mapping, "household.code", "household_id"));
        // a longer ID (a scanned label, text typed in the wrong field) is no household's: the submission is taken and
        // processing quarantines it with the reason, for a reviewer to correct
        if (code != null && code.length() > MAX_HOUSEHOLD_CODE) code = null;
        String village = value(form, instance, fieldFor(mapping, "household.village", "village"));
        if (code != null) {
            Optional<HouseholdPlace> h = households.placeByCode(actor, code);
            if (h.isPresent()) return new Place(code, h.get().id(), h.get().orgUnitId(), h.get().orgPath());
        }
        if (village != null) {
            Optional<OrgUnit> unit = geo.unitByCode(village);
            if (unit.isPresent()) {
                actor.requireReach(unit.get().path(), "village " + village);
                return new Place(code, null, unit.get().id(), unit.get().path());
            }
        }
        return new Place(code, null, null, null);
    }

    static String fieldFor(Map<String, String> mapping, String target, String conventional) {
        for (var e : mapping.entrySet()) if (e.getValue().equals(target)) return e.getKey();
        return conventional;
    }

    /** The text of a top-level (non-repeat) field of the instance, or null. */
    static String value(FormVersion form, SubmissionXml.Header instance, String field) {
        FormNode node = form.definition().byName().get(field);
        return node == null ? null : instance.text(node.path());
    }

    // ---- reading and reviewing ----

    public record Query(String formId, Long roundId, String processing, String review, int page, int size) {
        public Query {
            page = Math.max(0, page);
            size = size <= 0 ? 50 : Math.min(size, 500);
        }
    }

    public record Page(List<Submission> items, long total) {
    }

    private static final String COLUMNS = "s.id, s.instance_id, f.form_id, v.version, s.source, s.submitted_by, s.received_at, s.processing, s.problems, "
            + "s.review, s.review_comment, s.round_id, s.household_code, s.household_id, s.new_household, s.org_path, s.version";
    private static final String FROM = " from survey_submission s join survey_form_version v on v.id = s.form_version_id join survey_form f on f.id = v.form_id";

    public Page list(Actor actor, Query q) {
        SurveyAccess.requireView(actor);
        StringBuilder where = new StringBuilder(" where ");
        List<Object> params = new ArrayList<>();
        scope(actor, where, params);
        if (q.formId() != null && !q.formId().isBlank()) {
            where.append(" and f.form_id = ?");
            params.add(q.formId());
        }
        if (q.roundId() != null) {
            where.append(" and s.round_id = ?");
            params.add(q.roundId());
        }
        if (q.processing() != null && !q.processing().isBlank()) {
            where.append(" and s.processing = ?");
            params.add(q.processing().toUpperCase());
        }
        if (q.review() != null && !q.review().isBlank()) {
            where.append(" and s.review = ?");
            params.add(q.review().toUpperCase());
        }
        long total = db.sql("select count(*)" + FROM + where).params(params).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(q.size());
        pageParams.add((long) q.page() * q.size());
        List<Submission> items = db.sql("select " + COLUMNS + FROM + where + " order by s.id desc limit ? offset ?").params(pageParams)
                .query((rs, n) -> map(rs)).list();
        return new Page(items.stream().map(s -> asSeenBy(actor, s)).toList(), total);
    }

    /**
     * Scope of submissions: those placed in the actor's org units, plus unplaced ones for their sender and system
     * administrators only (a submission that names no known household or village has no country until someone fixes
     * it, so no country's reviewers may see it).
     */
    private static void scope(Actor actor, StringBuilder where, List<Object> params) {
        ScopeSql scope = ScopeSql.of(actor, "s.org_path");
        where.append("(").append(scope.clause()).append(" or (s.org_path is null and (s.submitted_by = ? or ?)))");
        params.addAll(scope.params());
        params.add(actor.username());
        params.add(seesUnplaced(actor));
    }

    private static boolean seesUnplaced(Actor actor) {
        return actor.role() == Role.SYSTEM_ADMIN || actor.isGlobal();
    }

    /** Stored problems: each a problem with its key and values, or (stored before problems had keys) a sentence. */
    private List<FieldProblem> problems(String stored) {
        if (stored == null) return List.of();
        List<FieldProblem> out = new ArrayList<>();
        for (JsonNode p : json.readTree(stored)) {
            if (p.isString()) {
                out.add(new FieldProblem(null, null, p.asString()));
                continue;
            }
            List<String> args = new ArrayList<>();
            for (JsonNode a : p.path("args")) args.add(a.asString());
            out.add(new FieldProblem(null, p.path("field").asString(null), p.path("message").asString(), p.path("key").asString(null), args));
        }
        return out;
    }

    private Submission map(java.sql.ResultSet rs) throws java.sql.SQLException {
        List<FieldProblem> details = problems(rs.getString(9));
        long household = rs.getLong(14);
        Long householdId = rs.wasNull() ? null : household;
        long round = rs.getLong(12);
        Long roundId = rs.wasNull() ? null : round;
        return new Submission(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getTimestamp(7).toInstant(), rs.getString(8), details.stream().map(FieldProblem::said).toList(), details,
                rs.getString(10), rs.getString(11), roundId,
                rs.getString(13), householdId, rs.getBoolean(15), rs.getString(16), rs.getInt(17));
    }

    public Submission get(Actor actor, long id) {
        SurveyAccess.requireView(actor);
        Submission s = db.sql("select " + COLUMNS + FROM + " where s.id = ?").param(id).query((rs, n) -> map(rs)).optional()
                .orElseThrow(() -> new NotFoundProblem("submission " + id));
        requireReach(actor, s);
        return asSeenBy(actor, s);
    }

    private static Submission asSeenBy(Actor actor, Submission s) {
        return actor.may(org.prosper.access.Permission.VIEW_PERSONAL_DATA) ? s : s.withoutAnswers();
    }

    private static void requireReach(Actor actor, Submission s) {
        if (s.orgPath() == null) {
            if (!s.submittedBy().equals(actor.username()) && !seesUnplaced(actor)) {
                throw new org.prosper.access.AccessDeniedProblem("submission " + s.id() + " is outside the org units of " + actor.username());
            }
            return;
        }
        actor.requireReach(s.orgPath(), "submission " + s.id());
    }

    /** The raw XML names people as the enumerator typed them: only for those who may see personal data. */
    public String xml(Actor actor, long id) {
        actor.require(Permission.VIEW_PERSONAL_DATA);
        Submission s = get(actor, id);
        String xml = rawXml(id);
        recordView(actor, s, "raw XML of submission " + s.id() + " (" + s.instanceId() + ")");
        return xml;
    }

    /**
     * An audit entry for a real user's display of a submission's answers as typed; the service's own reads (processing,
     * start-up work) as {@link Actor#system()} are no display.
     */
    private void recordView(Actor actor, Submission s, String detail) {
        if (Actor.system().equals(actor)) return;
        audit.record(actor, "VIEW_PERSONAL_DATA", "survey_submission", String.valueOf(s.id()), s.orgPath(), null, null, detail);
    }

    private String rawXml(long id) {
        return db.sql("select xml from survey_submission where id = ?").param(id).query(String.class).single();
    }

    public record HistoryEntry(java.time.Instant at, String actor, String action, String review, String comment, String xmlBefore) {
    }

    /** The review history; the XML an edit replaced is left out for those who may not see personal data. */
    public List<HistoryEntry> history(Actor actor, long id) {
        Submission s = get(actor, id);
        List<HistoryEntry> history = history(id, actor.may(Permission.VIEW_PERSONAL_DATA));
        long earlier = history.stream().filter(h -> h.xmlBefore() != null).count();
        if (earlier > 0) recordView(actor, s, earlier + " earlier XML version" + (earlier == 1 ? "" : "s") + " of submission " + s.id() + " (" + s.instanceId() + ")");
        return history;
    }

    /** Who reviewed or edited a submission and when, without the XML an edit replaced. */
    public List<HistoryEntry> reviewTrail(Actor actor, long id) {
        get(actor, id);
        return history(id, false);
    }

    private List<HistoryEntry> history(long id, boolean withXml) {
        return db.sql("select at, actor, action, review, comment, xml_before from survey_submission_history where submission_id = ? order by id")
                .param(id)
                .query((rs, n) -> new HistoryEntry(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        withXml ? rs.getString(6) : null))
                .list();
    }

    /** Approves a processed submission as it is now (for clients that do not say which version they saw). */
    public Submission approve(Actor actor, long id, String comment) {
        return approve(actor, id, comment, null);
    }

    /**
     * Approves a processed submission and carries its mapped values into the registry, once: an approved or rejected
     * submission is refused (409), as is one changed since the reviewer saw {@code seenVersion} (null: the current one).
     */
    public Submission approve(Actor actor, long id, String comment, Integer seenVersion) {
        SurveyAccess.requireReview(actor);
        requireCommentFits(comment);
        Submission s = get(actor, id);
        requireUndecided(s);
        if (seenVersion != null && seenVersion != s.version()) throw changedSince(s, seenVersion);
        if (!"PROCESSED".equals(s.processing())) {
            throw new IllegalArgumentException("submission " + id + " is " + s.processing().toLowerCase() + ": fix and re-process it before approving");
        }
        tx.executeWithoutResult(status -> {
            holdVillageOf(s);
            // of two approvals at once the second waits here, then finds the submission approved and applies nothing
            int n = db.sql("update survey_submission set review = 'APPROVED', review_comment = ? where id = ? and version = ? "
                            + "and processing = 'PROCESSED' and review not in ('APPROVED', 'REJECTED')")
                    .params(comment, id, s.version()).update();
            if (n == 0) {
                Submission now = get(Actor.system(), id);
                requireUndecided(now);
                throw changedSince(now, s.version());
            }
            processor.applyToRegistry(actor, id);
            record(actor, s, "APPROVE", "APPROVED", comment, null);
        });
        return get(actor, id);
    }

    /** An approved submission is in the registry already; a rejected one comes back for review only through an edit. */
    private static void requireUndecided(Submission s) {
        if ("APPROVED".equals(s.review())) {
            throw new ConflictProblem("submission " + s.id() + " is already approved and its data is in the registry; it cannot be approved again");
        }
        if ("REJECTED".equals(s.review())) {
            throw new ConflictProblem("submission " + s.id() + " was rejected" + (s.reviewComment() == null ? "" : " (" + s.reviewComment() + ")")
                    + "; correct its XML, which puts it back for review, before approving it");
        }
    }

    private static ConflictProblem changedSince(Submission now, int seenVersion) {
        return new ConflictProblem("submission " + now.id() + " was changed since you saw it (version " + seenVersion + ", now " + now.version()
                + "); reload it and review it again");
    }

    /** Rejects a submission as it is now (for clients that do not say which version they saw). */
    public Submission reject(Actor actor, long id, String comment) {
        return reject(actor, id, comment, null);
    }

    /**
     * Rejects a submission that is still to be decided, saying why: an approved one is refused (409), its data being
     * in the registry already, as is a rejected one and one changed since the reviewer saw {@code seenVersion}.
     */
    public Submission reject(Actor actor, long id, String comment, Integer seenVersion) {
        SurveyAccess.requireReview(actor);
        Submission s = get(actor, id);
        if (comment == null || comment.isBlank()) throw new IllegalArgumentException("comment: say why the submission is rejected");
        requireCommentFits(comment);
        requireRejectable(s);
        if (seenVersion != null && seenVersion != s.version()) throw changedSince(s, seenVersion);
        tx.executeWithoutResult(status -> {
            // an approval committed meanwhile wins: its data is in the registry, so the rejection is refused
            int n = db.sql("update survey_submission set review = 'REJECTED', review_comment = ? where id = ? and version = ? "
                            + "and review not in ('APPROVED', 'REJECTED')")
                    .params(comment, id, s.version()).update();
            if (n == 0) {
                Submission now = get(Actor.system(), id);
                requireRejectable(now);
                throw changedSince(now, s.version());
            }
            record(actor, s, "REJECT", "REJECTED", comment, null);
        });
        return get(actor, id);
    }

    private static void requireRejectable(Submission s) {
        if ("APPROVED".equals(s.review())) {
            throw new ConflictProblem("submission " + s.id() + " is approved and its data is in the registry; it cannot be rejected. "
                    + "Correct its XML (which puts it back for review) or have a new submission made");
        }
        if ("REJECTED".equals(s.review())) {
            throw new ConflictProblem("submission " + s.id() + " is already rejected" + (s.reviewComment() == null ? "" : " (" + s.reviewComment() + ")"));
        }
    }

    /**
     * Replaces the XML of a submission (keeping the old one in its history) and processes it again, in one
     * transaction: an edit whose household or village places the submission outside the editor's org units, or whose
     * processing fails (422, with the reason), is refused and nothing of it is kept.
     */
    public Submission edit(Actor actor, long id, byte[] xml, String comment) {
        return edit(actor, id, xml, comment, null);
    }

    /** As {@link #edit(Actor, long, byte[], String)}, refusing (409) a submission changed since the editor opened {@code seenVersion}. */
    public Submission edit(Actor actor, long id, byte[] xml, String comment, Integer seenVersion) {
        SurveyAccess.requireReview(actor);
        requireCommentFits(comment);
        Submission s = get(actor, id);
        if (seenVersion != null && seenVersion != s.version()) {
            throw new ConflictProblem("submission " + id + " was changed since you opened it (version " + seenVersion + ", now " + s.version()
                    + "); reload it and make your edit again on the current XML");
        }
        SubmissionXml.Parsed parsed;
        try {
            parsed = SubmissionXml.parse(xml);
        } catch (BadSubmissionProblem e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        if (!parsed.instanceId().equals(s.instanceId())) {
            throw new IllegalArgumentException("the edited XML has instanceID " + parsed.instanceId() + ", not " + s.instanceId());
        }
        if (!parsed.formId().equals(s.formId())) throw new IllegalArgumentException("the edited XML is for form " + parsed.formId() + ", not " + s.formId());
        String before = rawXml(id);
        tx.executeWithoutResult(status -> {
            holdVillageOf(s);
            int n = db.sql("update survey_submission set xml = ?, processing = 'PENDING', version = version + 1 where id = ? and version = ?")
                    .params(new String(xml, StandardCharsets.UTF_8), id, s.version()).update();
            if (n == 0) throw new ConflictProblem("submission " + id + " was changed by someone else; reload it");
            review(actor, s, "EDIT", "EDITED", comment, before);
            try {
                processor.processInTransaction(id);
            } catch (RuntimeException | Error e) {
                if (processor.notTheSubmissions(e)) throw e;
                throw new UnprocessableEditProblem(id, SubmissionProcessor.reason(e), e);
            }
            requireReach(actor, get(Actor.system(), id));
        });
        return get(actor, id);
    }

    public Submission reprocess(Actor actor, long id) {
        SurveyAccess.requireReview(actor);
        get(actor, id);
        processor.process(id);
        audit.record(actor, "REPROCESS", "survey_submission", String.valueOf(id), null, null, null);
        return get(actor, id);
    }

    /**
     * Holds the submission's village before its row is changed, in the order survey processing and org-unit changes take
     * them (units, then submissions): processing of the same submission, or a merge moving it, would otherwise hold the
     * village and wait for this row while this transaction, holding the row, waits for the village (a deadlock on H2,
     * whose holds are exclusive).
     */
    private void holdVillageOf(Submission s) {
        if (s.orgPath() != null && s.orgPath().length() > 1) geo.holdUnits(List.of(org.prosper.geo.OrgUnit.idAtEndOf(s.orgPath())));
    }

    /** A reviewer's comment is kept with the submission and in its history (varchar(2000) in V20). */
    static final int MAX_COMMENT = 2_000;

    private static void requireCommentFits(String comment) {
        if (comment != null && comment.length() > MAX_COMMENT) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "comment: %,d characters; a review comment holds at most %,d",
                    comment.length(), MAX_COMMENT));
        }
    }

    private void review(Actor actor, Submission s, String action, String state, String comment, String xmlBefore) {
        db.sql("update survey_submission set review = ?, review_comment = ? where id = ?").params(state, comment, s.id()).update();
        record(actor, s, action, state, comment, xmlBefore);
    }

    /** The review history and the audit log of a review action. */
    private void record(Actor actor, Submission s, String action, String state, String comment, String xmlBefore) {
        db.sql("insert into survey_submission_history(submission_id, actor, action, review, comment, xml_before) values (?, ?, ?, ?, ?, ?)")
                .params(s.id(), actor.username(), action, state, comment, xmlBefore).update();
        audit.record(actor, action, "survey_submission", String.valueOf(s.id()), s.orgPath(), Map.of("review", s.review()),
                Map.of("review", state), comment);
    }

    /** Photos, signatures and files as the enumerator sent them: like the raw XML, only for those who may see personal data. */
    public List<SubmissionJournal.Attachment> attachments(Actor actor, long id) {
        actor.require(Permission.VIEW_PERSONAL_DATA);
        Submission s = get(actor, id);
        List<SubmissionJournal.Attachment> files = db.sql("select name, content_type, data from survey_attachment where submission_id = ? order by name").param(id)
                .query((rs, n) -> new SubmissionJournal.Attachment(rs.getString(1), rs.getString(2), rs.getBytes(3))).list();
        if (!files.isEmpty()) recordView(actor, s, files.size() + " attachment" + (files.size() == 1 ? "" : "s") + " of submission " + s.id()
                + ": " + files.stream().map(SubmissionJournal.Attachment::name).toList());
        return files;
    }
}
