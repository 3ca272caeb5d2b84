package org.prosper.survey;

import java.io.ByteArrayInputStream;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.prosper.access.AccessDeniedProblem;
import org.prosper.access.Actor;
import org.prosper.access.AuditLog;
import org.prosper.access.DigestRealm;
import org.prosper.access.NotFoundProblem;
import org.prosper.access.Role;
import org.prosper.access.ScopeSql;
import org.prosper.platform.TransactionEnd;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * Survey forms and their versions. Publishing an XLSForm makes a new version unless the same version has no
 * submissions yet, in which case it is replaced; a version with submissions is never changed.
 * <p>
 * Who may change a form: a brand-new form id may be published by any role that designs forms. An existing form (a
 * new version, or its field mapping) is what devices download and how their data reaches the registry in every org
 * unit its rounds cover, so changing it needs a system administrator or a designer who reaches every one of those
 * org units; a form no round uses yet may be changed by whoever first published it (or an administrator).
 */
@Service
public class FormService {

    /** Targets a form field can be mapped to. */
    public static final List<String> HOUSEHOLD_TARGETS = List.of("code", "village", "location", "headName", "phone",
            "address", "housingStructure", "housingCondition", "floorArea", "assets", "waterSource", "sanitation",
            "cookingFuel", "electricity", "landArea", "annualIncome");
    public static final List<String> MEMBER_TARGETS = List.of("fullName", "sex", "birthDate", "relation", "education",
            "inSchool", "disability", "occupation");

    private final JdbcClient db;
    private final AuditLog audit;
    private final JsonMapper json;
    private final Map<Long, FormVersion> cache = new ConcurrentHashMap<>();
    private final Map<String, Long> idsByKey = new ConcurrentHashMap<>();

    public FormService(JdbcClient db, AuditLog audit, JsonMapper json) {
        this.db = db;
        this.audit = audit;
        this.json = json;
    }

    public record Published(FormVersion version, boolean replaced) {
    }

    /** Parses, converts and stores an XLSForm; refused with every problem (sheet, row, column) if it has any. */
    @Transactional
    public Published publish(Actor actor, byte[] xlsx, String fileName) {
        SurveyAccess.requireDesign(actor);
        XlsFormParser.requireFormSized(xlsx, fileName);
        FormDefinition parsed = XlsFormParser.parse(new ByteArrayInputStream(xlsx), fileName);
        Long formKey = db.sql("select id from survey_form where form_id = ?").param(parsed.formId()).query(Long.class).optional().orElse(null);
        if (formKey != null) requireMayChange(actor, formKey, parsed.formId());
        if (formKey == null) {
            var key = new GeneratedKeyHolder();
            db.sql("insert into survey_form(form_id, title, created_by) values (?, ?, ?)")
                    .params(parsed.formId(), parsed.title(), actor.username()).update(key, "id");
            formKey = key.getKey().longValue();
        } else {
            db.sql("update survey_form set title = ? where id = ?").params(parsed.title(), formKey).update();
        }
        String version = parsed.version() == null || parsed.version().isBlank()
                ? LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss")) : parsed.version().trim();
        Long existing = versionKey(formKey, version).orElse(null);
        boolean replaced = false;
        if (existing != null) {
            if (submissionCount(existing) == 0) {
                replaced = true;
            } else {
                String base = version;
                int n = 2;
                while (versionKey(formKey, base + "." + n).isPresent()) n++;
                version = base + "." + n;
                existing = null;
            }
        }
        FormDefinition form = parsed.withVersion(version);
        String xform = XFormWriter.write(form);
        String md5 = DigestRealm.md5(xform);
        String definition = json.writeValueAsString(form);
        long id;
        if (existing != null) {
            db.sql("update survey_form_version set title = ?, file_name = ?, xlsform = ?, xform = ?, xform_md5 = ?, definition = ?, published_at = ?, published_by = ? where id = ?")
                    .params(form.title(), fileName, xlsx, xform, md5, definition, Timestamp.from(java.time.Instant.now()), actor.username(), existing).update();
            id = existing;
            long replacedId = existing;
            TransactionEnd.forget(() -> cache.remove(replacedId));
        } else {
            var key = new GeneratedKeyHolder();
            db.sql("insert into survey_form_version(form_id, version, title, file_name, xlsform, xform, xform_md5, definition, published_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(formKey, version, form.title(), fileName, xlsx, xform, md5, definition, actor.username()).update(key, "id");
            id = key.getKey().longValue();
        }
        TransactionEnd.forget(idsByKey::clear);
        audit.record(actor, replaced ? "REPLACE" : "PUBLISH", "survey_form", form.formId(), null, null,
                Map.of("formId", form.formId(), "version", version, "file", fileName == null ? "" : fileName));
        // read, not cached: the cache may hold the version this one replaces until the commit
        return new Published(load(id), replaced);
    }

    /** Refuses (403) a change to an existing form by anyone but those the class comment names. */
    private void requireMayChange(Actor actor, long formKey, String formId) {
        if (actor.role() == Role.SYSTEM_ADMIN || actor.isGlobal()) return;
        List<String> paths = db.sql("select distinct u.org_path from survey_round r join survey_round_unit u on u.round_id = r.id where r.form_id = ?")
                .param(formKey).query(String.class).list();
        if (paths.isEmpty()) {
            requirePublisher(actor, formKey, formId, "change it");
            return;
        }
        for (String path : paths) {
            if (!actor.reaches(path)) {
                throw new AccessDeniedProblem("form " + formId + " is used by rounds outside the org units of " + actor.username()
                        + "; only an administrator or someone who reaches all of them may change it");
            }
        }
    }

    /**
     * Refuses (403) the first round of a form no round uses yet to anyone but its publisher or an administrator: whoever
     * set up all of a form's rounds may change the form, so another designer's first round would make the form theirs.
     */
    void requireMayStartRounds(Actor actor, long formKey, String formId) {
        if (actor.role() == Role.SYSTEM_ADMIN || actor.isGlobal()) return;
        long rounds = db.sql("select count(*) from survey_round where form_id = ?").param(formKey).query(Long.class).single();
        if (rounds == 0) requirePublisher(actor, formKey, formId, "set up its first round");
    }

    private void requirePublisher(Actor actor, long formKey, String formId, String what) {
        String publisher = db.sql("select created_by from survey_form where id = ?").param(formKey).query(String.class).single();
        if (!actor.username().equals(publisher)) {
            throw new AccessDeniedProblem("form " + formId + " was published by " + publisher + "; only they or an administrator may " + what);
        }
    }

    private Optional<Long> versionKey(long formKey, String version) {
        return db.sql("select id from survey_form_version where form_id = ? and version = ?").params(formKey, version).query(Long.class).optional();
    }

    private long submissionCount(long versionId) {
        return db.sql("select count(*) from survey_submission where form_version_id = ?").param(versionId).query(Long.class).single();
    }

    /**
     * A version by its key; versions are cached because devices and processing read them for every submission (read
     * inside computeIfAbsent, so that forgetting them after a commit waits for a read of the old state in progress).
     */
    public FormVersion version(long id) {
        return cache.computeIfAbsent(id, this::load);
    }

    private FormVersion load(long id) {
        return db.sql("select v.id, v.form_id, f.form_id, v.version, v.title, v.xform, v.xform_md5, v.definition, v.published_at, v.published_by from survey_form_version v join survey_form f on f.id = v.form_id where v.id = ?")
                .param(id)
                .query((rs, n) -> new FormVersion(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), json.readValue(rs.getString(8), FormDefinition.class),
                        rs.getTimestamp(9).toInstant(), rs.getString(10)))
                .optional().orElseThrow(() -> new NotFoundProblem("form version " + id));
    }

    /** The version with this form id and version string (the latest if version is null). */
    public Optional<FormVersion> find(String formId, String version) {
        Long id = idsByKey.computeIfAbsent(formId + "\u0000" + version, k -> (version == null
                ? db.sql("select v.id from survey_form_version v join survey_form f on f.id = v.form_id where f.form_id = ? order by v.id desc limit 1").param(formId)
                : db.sql("select v.id from survey_form_version v join survey_form f on f.id = v.form_id where f.form_id = ? and v.version = ?").params(formId, version))
                .query(Long.class).optional().orElse(null));
        return id == null ? Optional.empty() : Optional.of(version(id));
    }

    public FormVersion latest(Actor actor, String formId) {
        SurveyAccess.requireView(actor);
        FormVersion v = find(formId, null).orElseThrow(() -> new NotFoundProblem("form " + formId));
        requireFormInScope(actor, v.formKey(), formId);
        return v;
    }

    public List<SurveyForm> list(Actor actor) {
        SurveyAccess.requireView(actor);
        String scope = actor.isGlobal() || SurveyAccess.mayDesign(actor) ? "1=1" : "f.id in (select r.form_id from survey_round r join survey_round_unit u on u.round_id = r.id where " + intersect(actor).clause() + ")";
        // a form is shared by rounds in several countries: each user counts the submissions from their own org units
        ScopeSql counted = ScopeSql.of(actor, "s.org_path");
        List<Object> params = new java.util.ArrayList<>(counted.params());
        if (!(actor.isGlobal() || SurveyAccess.mayDesign(actor))) params.addAll(intersect(actor).params());
        return db.sql("select f.id, f.form_id, f.title, (select v.version from survey_form_version v where v.form_id = f.id order by v.id desc limit 1), "
                        + "(select count(*) from survey_form_version v where v.form_id = f.id), "
                        + "(select count(*) from survey_submission s join survey_form_version v on v.id = s.form_version_id where v.form_id = f.id and "
                        + counted.clause() + ") from survey_form f where " + scope + " order by f.form_id")
                .params(params)
                .query((rs, n) -> new SurveyForm(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getLong(6)))
                .list();
    }

    /** The latest version of every form used by an open round whose org units overlap the actor's scope. */
    public List<FormVersion> formsToFill(Actor actor) {
        SurveyAccess.requireSubmit(actor);
        ScopeSql overlap = intersect(actor);
        return db.sql("select max(v.id) from survey_form_version v where v.form_id in (select r.form_id from survey_round r join survey_round_unit u on u.round_id = r.id where r.open = true and "
                        + overlap.clause() + ") group by v.form_id order by max(v.id)")
                .params(overlap.params())
                .query(Long.class).list().stream().map(this::version).toList();
    }

    private final Map<String, Boolean> formInScope = new ConcurrentHashMap<>();

    /** Refuses (403) an actor whose scope meets no round of this form (answers are cached until a round changes). */
    public void requireFormInScope(Actor actor, long formKey, String formId) {
        if (actor.isGlobal()) return;
        boolean inScope = formInScope.computeIfAbsent(formKey + "|" + String.join("|", actor.scopePaths()), k -> {
            ScopeSql overlap = intersect(actor);
            List<Object> params = new java.util.ArrayList<>(overlap.params());
            params.addFirst(formKey);
            return db.sql("select count(*) from survey_round r join survey_round_unit u on u.round_id = r.id where r.form_id = ? and " + overlap.clause())
                    .params(params).query(Long.class).single() > 0;
        });
        if (!inScope) throw new AccessDeniedProblem("form " + formId + " is not used by any round in the org units of " + actor.username());
    }

    /** Forgets cached scope answers: a round was created, opened, closed or moved. */
    void roundsChanged() {
        TransactionEnd.forget(formInScope::clear);
    }

    /** Round units that overlap the actor's subtrees: inside them, or above them. */
    static ScopeSql intersect(Actor actor) {
        if (actor.isGlobal()) return new ScopeSql("1=1", List.of());
        if (actor.scopePaths().isEmpty()) return new ScopeSql("1=0", List.of());
        StringBuilder sql = new StringBuilder("(");
        List<Object> params = new java.util.ArrayList<>();
        for (String path : actor.scopePaths()) {
            if (!params.isEmpty()) sql.append(" or ");
            sql.append("u.org_path like ? or ? like u.org_path || '%'");
            params.add(path + "%");
            params.add(path);
        }
        return new ScopeSql(sql.append(')').toString(), params);
    }

    private final Map<Long, Map<String, String>> mappings = new ConcurrentHashMap<>();

    /** Field -> target of a form (cached: every submission reads it). */
    public Map<String, String> mapping(long formKey) {
        return mappings.computeIfAbsent(formKey, this::loadMapping);
    }

    private Map<String, String> loadMapping(long formKey) {
        Map<String, String> map = new LinkedHashMap<>();
        db.sql("select field, target from survey_field_map where form_id = ? order by field").param(formKey)
                .query((rs, n) -> map.put(rs.getString(1), rs.getString(2))).list();
        return java.util.Collections.unmodifiableMap(map);
    }

    /** Replaces the mapping from form fields to registry attributes and measurement variables. */
    @Transactional
    public Map<String, String> setMapping(Actor actor, String formId, Map<String, String> mapping) {
        SurveyAccess.requireDesign(actor);
        FormVersion v = find(formId, null).orElseThrow(() -> new NotFoundProblem("form " + formId));
        requireMayChange(actor, v.formKey(), formId);
        Map<String, FormNode> fields = v.definition().byName();
        List<String> problems = new java.util.ArrayList<>();
        for (var e : mapping.entrySet()) {
            if (!fields.containsKey(e.getKey())) problems.add("field '" + e.getKey() + "' is not in form " + formId);
            String t = e.getValue() == null ? "" : e.getValue();
            boolean ok = t.startsWith("household.") && HOUSEHOLD_TARGETS.contains(t.substring(10))
                    || t.startsWith("member.") && MEMBER_TARGETS.contains(t.substring(7))
                    || t.matches("variable\\.[a-z][a-z0-9_]{0,99}");
            if (!ok) problems.add("field '" + e.getKey() + "': unknown target '" + t + "' (household.<" + String.join("|", HOUSEHOLD_TARGETS)
                    + ">, member.<" + String.join("|", MEMBER_TARGETS) + ">, variable.<name>)");
        }
        if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("; ", problems));
        Map<String, String> before = mapping(v.formKey());
        db.sql("delete from survey_field_map where form_id = ?").param(v.formKey()).update();
        for (var e : mapping.entrySet()) {
            db.sql("insert into survey_field_map(form_id, field, target) values (?, ?, ?)").params(v.formKey(), e.getKey(), e.getValue()).update();
        }
        TransactionEnd.forget(() -> mappings.remove(v.formKey()));
        audit.record(actor, "MAP", "survey_form", formId, null, before, mapping);
        return loadMapping(v.formKey());
    }

    public List<String> versions(String formId) {
        return db.sql("select v.version from survey_form_version v join survey_form f on f.id = v.form_id where f.form_id = ? order by v.id")
                .param(formId).query(String.class).list();
    }

    public byte[] xlsform(Actor actor, long versionId) {
        SurveyAccess.requireView(actor);
        return db.sql("select xlsform from survey_form_version where id = ?").param(versionId).query(byte[].class).optional()
                .orElseThrow(() -> new NotFoundProblem("form version " + versionId));
    }

    public boolean isEmpty() {
        return db.sql("select count(*) from survey_form").query(Long.class).single() == 0;
    }
}
