package org.prosper.survey;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.prosper.access.Actor;
import org.prosper.geo.GeoService;
import org.prosper.geo.OrgUnit;
import org.prosper.platform.FieldProblem;
import org.prosper.registry.Household;
import org.prosper.registry.HouseholdDraft;
import org.prosper.registry.HouseholdPlace;
import org.prosper.registry.HouseholdService;
import org.prosper.registry.Person;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * What happens to a submission after it is stored: values checked against the form, household matched (or proposed
 * as new), round found, measurement variables extracted; a submission with problems is quarantined with its
 * reasons. Runs on one background thread and can be re-run at any time. Also keeps the journal: recovers entries
 * whose rows are missing at start-up and removes entries once the database has made their rows durable.
 */
@Component
public class SubmissionProcessor implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SubmissionProcessor.class);
    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");
    /** The choice names of each list of each definition object (definitions are immutable and cached by version). */
    private static final java.util.Map<String, Set<String>> CHOICE_NAMES = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.regex.Pattern INTEGER = java.util.regex.Pattern.compile("-?\\d{1,18}");
    /** An XForms decimal, or a number as devices write it (1.0E-5); possessive, so a long value that is not one fails at once. */
    private static final java.util.regex.Pattern DECIMAL = java.util.regex.Pattern.compile("[-+]?+(\\d++(\\.\\d*+)?+|\\.\\d++)([eE][-+]?+\\d++)?+");
    /** Far longer than any number a device writes. */
    static final int MAX_NUMBER_LENGTH = 100;
    /** survey_value.text_value's length. */
    static final int MAX_VALUE_TEXT = 2_000;
    /** Unknown choices of one answer named one by one; a reviewer needs the first few, not a problem per word of a pasted text. */
    static final int MAX_UNKNOWN_CHOICES = 5;
    /** Pending submissions read at once: a device's burst, and at most so much XML (one larger submission is read alone). */
    static final int BATCH = 50;
    static final long BATCH_XML_BYTES = 8_000_000;

    private final JdbcClient db;
    private final FormService forms;
    private final RoundService rounds;
    private final HouseholdService households;
    private final GeoService geo;
    private final SubmissionJournal journal;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final javax.sql.DataSource dataSource;
    private final org.springframework.jdbc.core.JdbcTemplate jdbc;
    private volatile boolean h2;
    private volatile Thread worker;
    private volatile boolean running = true;

    public SubmissionProcessor(JdbcClient db, FormService forms, RoundService rounds, HouseholdService households, GeoService geo,
                               SubmissionJournal journal, TransactionTemplate tx, JsonMapper json, javax.sql.DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
        this.db = db;
        this.forms = forms;
        this.rounds = rounds;
        this.households = households;
        this.geo = geo;
        this.journal = journal;
        this.tx = tx;
        this.json = json;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        h2 = org.prosper.platform.EmbeddedDatabase.isH2(dataSource);
        recoverJournal(0);
        worker = Thread.ofPlatform().daemon().name("survey-processor").start(this::loop);
    }

    @Override
    public void destroy() {
        running = false;
        Thread t = worker;
        if (t != null) LockSupport.unpark(t);
    }

    /** Makes everything committed so far durable before an answer is sent (imports, which bypass the journal). */
    void durable() {
        if (h2) db.sql("checkpoint").update();
        Thread t = worker;
        if (t != null) LockSupport.unpark(t);
    }

    /** Called once a submission's row is committed: wakes the processing thread. */
    void committed() {
        Thread t = worker;
        if (t != null) LockSupport.unpark(t);
    }

    private void loop() {
        long lastCheckpoint = System.nanoTime();
        while (running) {
            try {
                int processed = processPending();
                if (System.nanoTime() - lastCheckpoint > TimeUnit.SECONDS.toNanos(10)) {
                    recoverJournal(30_000);
                    lastCheckpoint = System.nanoTime();
                }
                if (processed == 0) LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
            } catch (Throwable e) {
                // a submission that cannot be processed is set aside by process(); what reaches here is the database
                // or the server itself, and this thread is the only one processing: back off and try again
                if (!running) return;
                log.warn("survey processing: {}", e.toString());
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
            }
        }
    }

    /**
     * Replays and removes journal segments. At start-up every segment of an earlier run is taken; later, segments
     * closed at least {@code minAgeMillis} ago (so no request that wrote into them is still inserting its row). The
     * database is made durable first (H2: CHECKPOINT); then every entry without a row is inserted, and the segment goes.
     */
    synchronized void recoverJournal(long minAgeMillis) {
        List<Path> segments = minAgeMillis == 0 ? journal.closed().stream().filter(journal::fromEarlierRun).toList() : journal.closeSegment();
        long now = System.currentTimeMillis();
        List<Path> due = new ArrayList<>();
        for (Path f : segments) {
            try {
                if (minAgeMillis == 0 || now - Files.getLastModifiedTime(f).toMillis() >= minAgeMillis) due.add(f);
            } catch (java.io.IOException ignored) {
                // gone meanwhile
            }
        }
        if (due.isEmpty()) return;
        if (h2) db.sql("checkpoint").update();
        int recovered = 0;
        for (Path f : due) {
            List<SubmissionJournal.Entry> entries;
            try {
                entries = journal.read(f);
            } catch (java.io.IOException e) {
                log.error("survey journal: cannot read {} ({}); set aside", f, e.toString());
                journal.setAside(f);
                continue;
            }
            java.util.Set<String> present = new java.util.HashSet<>();
            List<String> ids = entries.stream().map(SubmissionJournal.Entry::instanceId).toList();
            for (int from = 0; from < ids.size(); from += 500) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
                present.addAll(db.sql("select instance_id from survey_submission where instance_id in (" + "?,".repeat(chunk.size() - 1) + "?)")
                        .params(new ArrayList<Object>(chunk)).query(String.class).list());
            }
            boolean failed = false;
            for (SubmissionJournal.Entry e : entries) {
                if (!present.add(e.instanceId())) continue;
                try {
                    tx.executeWithoutResult(s -> {
                        db.sql("insert into survey_submission(instance_id, form_version_id, xml, source, submitted_by) values (?, ?, ?, ?, ?)")
                                .params(e.instanceId(), e.formVersionId(), new String(e.xml(), StandardCharsets.UTF_8), e.source(), e.submittedBy()).update();
                        long id = db.sql("select id from survey_submission where instance_id = ?").param(e.instanceId()).query(Long.class).single();
                        for (var a : e.attachments()) {
                            db.sql("insert into survey_attachment(submission_id, name, content_type, size, data) values (?, ?, ?, ?, ?)")
                                    .params(id, a.name(), a.contentType(), (long) a.data().length, a.data()).update();
                        }
                    });
                    recovered++;
                } catch (DuplicateKeyException ignored) {
                    // stored meanwhile
                } catch (RuntimeException ex) {
                    log.error("survey journal: cannot replay {} from {} ({})", e.instanceId(), f, ex.toString());
                    failed = true;
                }
            }
            if (failed) {
                journal.setAside(f);
            } else {
                if (recovered > 0 && h2) db.sql("checkpoint").update();
                journal.delete(f);
            }
        }
        if (recovered > 0) log.info("survey journal: recovered {} submissions whose rows were missing", recovered);
    }

    /** Processes the oldest pending submissions, as many as {@link #BATCH} and {@link #BATCH_XML_BYTES} allow; how many. */
    int processPending() {
        List<long[]> pending = db.sql("select id, octet_length(xml) from survey_submission where processing = 'PENDING' order by id limit " + BATCH)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).list();
        List<Long> batch = new ArrayList<>();
        long bytes = 0;
        for (long[] p : pending) {
            if (!batch.isEmpty() && bytes + p[1] > BATCH_XML_BYTES) break;
            batch.add(p[0]);
            bytes += p[1];
        }
        process(batch);
        return batch.size();
    }

    /** Processes (or re-processes) one submission: PROCESSED, or QUARANTINED with the reasons. */
    public void process(long id) {
        process(List.of(id));
    }

    /**
     * Processes (or re-processes) submissions together; when that fails, each alone, and one that cannot be processed
     * at all is quarantined with the reason, so that it holds up neither the others nor the next ones. Errors of the
     * virtual machine are caught too: one submission that runs the heap or the stack out (its memory is free again once
     * it has failed) must not stop all processing, and a reviewer can reprocess it if the cause was elsewhere. Only a
     * database that is unreachable or busy is passed on, as no submission is to blame for it.
     */
    void process(List<Long> ids) {
        if (ids.isEmpty()) return;
        try {
            processTogether(ids);
            return;
        } catch (Throwable e) {
            if (notTheSubmissions(e)) throw e;
            if (ids.size() == 1) {
                setAside(ids.getFirst(), e);
                return;
            }
            log.warn("survey processing: {} submissions together failed ({}); processing each alone", ids.size(), e.toString());
        }
        for (long id : ids) {
            try {
                processTogether(List.of(id));
            } catch (Throwable e) {
                if (notTheSubmissions(e)) throw e;
                setAside(id, e);
            }
        }
    }

    /**
     * Processes one submission in the caller's transaction (an edit's): a failure is thrown for the caller to refuse
     * the whole change, not set aside, which would keep half of it.
     */
    void processInTransaction(long id) {
        processTogether(List.of(id));
    }

    boolean notTheSubmissions(Throwable e) {
        return !running || e instanceof org.springframework.dao.TransientDataAccessException
                || e instanceof org.springframework.dao.RecoverableDataAccessException
                || e instanceof org.springframework.dao.DataAccessResourceFailureException;
    }

    /** Quarantines a submission that could not be processed, with why; its measurement values go, as a quarantined one's do. */
    private void setAside(long id, Throwable e) {
        log.error("survey processing: submission {} could not be processed and is quarantined", id, e);
        FieldProblem problem = FieldProblem.of(null, null, "problem.survey.notProcessed", reason(e));
        tx.executeWithoutResult(s -> {
            db.sql("update survey_submission set processing = 'QUARANTINED', problems = ? where id = ?").params(json.writeValueAsString(List.of(problem)), id).update();
            db.sql("delete from survey_value where submission_id = ?").param(id).update();
        });
    }

    /** Why a submission could not be processed, as a reviewer can act on it. */
    static String reason(Throwable e) {
        return e instanceof OutOfMemoryError ? "it needs more memory than the server has"
                : e instanceof StackOverflowError ? "it is nested too deeply to read"
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + shown(e.getMessage(), 300));
    }

    /** Times submissions are worked out again because the org-unit tree changed while they were (see {@link #processOnce}). */
    static final int TREE_ATTEMPTS = 5;

    private volatile Runnable beforeWrite = () -> {
    };

    /** For tests: runs after the submissions are worked out and before the outcome is written. */
    void beforeWrite(Runnable hook) {
        beforeWrite = hook == null ? () -> {
        } : hook;
    }

    /**
     * Processes submissions together: one read, one household lookup and one transaction for all of them, which is
     * most of the cost of processing a device's burst one by one.
     */
    void processTogether(List<Long> ids) {
        for (int attempt = 1; !processOnce(ids); attempt++) {
            if (attempt == TREE_ATTEMPTS) {
                throw new org.springframework.dao.ConcurrencyFailureException("the org-unit tree changed " + attempt
                        + " times while submissions " + ids + " were processed; they stay as they were and are tried again");
            }
        }
    }

    /**
     * One try of {@link #processTogether}: false, with nothing written, if a move, merge or split was committed while
     * the submissions were worked out, as their villages, paths and rounds may then name a unit that is gone (the
     * change moved the submissions it found, and these were not yet among them). The villages written are held
     * against such changes while the outcome is written.
     */
    private boolean processOnce(List<Long> ids) {
        long tree = geo.treeVersion();
        record Row(long id, String xml, long versionId, String source, java.sql.Timestamp received, Long roundId, int version, String review) {
        }
        record Read(Row row, FormVersion form, Map<String, String> mapping, SubmissionXml.Tables tables, List<FieldProblem> problems) {
        }
        if (ids.isEmpty()) return true;
        List<Row> rows = db.sql("select id, xml, form_version_id, source, received_at, round_id, version, review from survey_submission where id in ("
                        + "?,".repeat(ids.size() - 1) + "?)")
                .params(new ArrayList<Object>(ids))
                .query((rs, n) -> {
                    long r = rs.getLong(6);
                    Long round = rs.wasNull() ? null : r;
                    return new Row(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getTimestamp(5), round, rs.getInt(7), rs.getString(8));
                }).list();
        List<Read> reads = new ArrayList<>(rows.size());
        Set<String> codes = new java.util.HashSet<>();
        for (Row row : rows) {
            FormVersion form = forms.version(row.versionId());
            Map<String, String> mapping = forms.mapping(form.formKey());
            List<FieldProblem> problems = new ArrayList<>();
            SubmissionXml.Tables tables;
            try {
                SubmissionXml.Parsed parsed = SubmissionXml.parse(row.xml().getBytes(StandardCharsets.UTF_8));
                tables = SubmissionXml.rows(parsed.root(), form.definition(), parsed.instanceId());
            } catch (BadSubmissionProblem e) {
                // stored XML that cannot be read (edited or imported before it was checked): a reviewer has to fix it
                problems.add(new FieldProblem(null, null, e.getMessage()));
                tables = new SubmissionXml.Tables(Map.of(), Map.of());
            }
            check(form.definition(), tables, problems);
            String code = tables.main().get(SubmissionService.fieldFor(mapping, "household.code", "household_id"));
            if (code != null && code.length() <= SubmissionService.MAX_HOUSEHOLD_CODE) codes.add(code);
            reads.add(new Read(row, form, mapping, tables, problems));
        }
        Map<String, HouseholdPlace> places = households.placesByCode(Actor.system(), codes).places();
        List<Object[]> updates = new ArrayList<>(reads.size());
        List<Object[]> values = new ArrayList<>();
        for (Read read : reads) {
            FormVersion form = read.form();
            List<FieldProblem> problems = read.problems();
            String codeField = SubmissionService.fieldFor(read.mapping(), "household.code", "household_id");
            String villageField = SubmissionService.fieldFor(read.mapping(), "household.village", "village");
            String code = read.tables().main().get(codeField);
            if (code != null && code.length() > SubmissionService.MAX_HOUSEHOLD_CODE) {
                // kept in the XML for a reviewer to correct; not a code to look up or to store beside the submission
                problems.add(FieldProblem.of(null, codeField, "problem.survey.codeTooLong", shown(code, 60), SubmissionService.MAX_HOUSEHOLD_CODE));
                code = null;
            }
            String villageCode = read.tables().main().get(villageField);
            Long householdId = null;
            Long unitId = null;
            String path = null;
            boolean proposed = false;
            if (code == null) {
                if (problems.stream().noneMatch(p -> codeField.equals(p.field()))) problems.add(FieldProblem.of(null, codeField, "problem.survey.noHouseholdId"));
            } else {
                HouseholdPlace h = places.get(code);
                if (h != null) {
                    householdId = h.id();
                    unitId = h.orgUnitId();
                    path = h.orgPath();
                }
            }
            if (householdId == null && villageCode != null) {
                // a device's choice list may still offer a village merged into another since
                Optional<OrgUnit> named = geo.unitByCode(villageCode);
                Optional<OrgUnit> unit = named.flatMap(geo::current);
                if (named.isEmpty()) problems.add(FieldProblem.of(null, villageField, "problem.survey.noVillage", villageCode));
                else if (unit.isEmpty()) problems.add(retiredVillage(villageField, named.get()));
                else if (!geo.isVillage(unit.get())) problems.add(FieldProblem.of(null, villageField, "problem.survey.notVillage", villageCode));
                else {
                    unitId = unit.get().id();
                    path = unit.get().path();
                    proposed = code != null;
                }
            } else if (householdId == null && code != null) {
                problems.add(FieldProblem.of(null, codeField, "problem.survey.notInRegistry", code));
            }
            Long roundId = null;
            Row row = read.row();
            if (path != null) {
                LocalDate day = row.received().toInstant().atZone(ZoneOffset.UTC).toLocalDate();
                // an imported submission names its round; a device's is found from its village and date
                roundId = row.roundId() != null && "IMPORT".equals(row.source()) ? row.roundId()
                        : rounds.roundFor(form.formKey(), path, day).orElse(null);
                if (roundId == null) problems.add(FieldProblem.of(null, null, "problem.survey.noRound", form.formId(), villageCode != null ? villageCode : path));
            }
            List<Object[]> own = values(read.mapping(), read.tables(), problems);
            String state = problems.isEmpty() ? "PROCESSED" : "QUARANTINED";
            updates.add(new Object[] {state, problems.isEmpty() ? null : json.writeValueAsString(problems), roundId, code, householdId, proposed,
                    unitId, path, row.id(), row.version(), row.review()});
            if (problems.isEmpty()) {
                for (Object[] v : own) values.add(new Object[] {row.id(), roundId, code, v[0], v[1], v[2], v[3]});
            }
        }
        if (reads.isEmpty()) return true;
        Set<Long> units = new java.util.HashSet<>();
        for (Object[] u : updates) {
            if (u[6] != null) units.add((Long) u[6]);
        }
        beforeWrite.run();
        return Boolean.TRUE.equals(tx.execute(s -> {
            geo.holdUnits(units);
            if (geo.treeVersion() != tree) return false;
            // a submission edited, approved or rejected since it was read keeps what that wrote (an approval's new
            // household, an edit's own processing): this outcome was worked out from what it was before
            int[] counts = jdbc.batchUpdate("update survey_submission set processing = ?, problems = ?, round_id = ?, household_code = ?, household_id = ?, new_household = ?, "
                    + "org_unit_id = ?, org_path = coalesce(?, org_path) where id = ? and version = ? and review = ?", updates);
            Set<Long> written = new java.util.HashSet<>();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] != 0) written.add((Long) updates.get(i)[8]);
            }
            if (written.isEmpty()) return true;
            db.sql("delete from survey_value where submission_id in (" + "?,".repeat(written.size() - 1) + "?)").params(new ArrayList<Object>(written)).update();
            List<Object[]> own = values.stream().filter(v -> written.contains((Long) v[0])).toList();
            if (!own.isEmpty()) {
                jdbc.batchUpdate("insert into survey_value(submission_id, round_id, household_code, variable, member_line, num_value, text_value) values (?, ?, ?, ?, ?, ?, ?)", own);
            }
            return true;
        }));
    }

    /** Types, choices and unconditional required answers, as a device would have enforced them. */
    static void check(FormDefinition form, SubmissionXml.Tables tables, List<FieldProblem> problems) {
        Map<String, FormNode> nodes = form.byName();
        checkRow(form, nodes, tables.main(), "", problems);
        for (var e : tables.repeats().entrySet()) {
            for (SubmissionXml.Row r : e.getValue()) checkRow(form, nodes, r.values(), e.getKey() + "[" + r.index() + "]/", problems);
        }
        for (FormNode n : form.all()) {
            if (n.kind() == FormNode.Kind.QUESTION && "yes".equals(n.required()) && n.relevant() == null && !n.path().contains("/")
                    && !tables.main().containsKey(n.name())) {
                problems.add(FieldProblem.of(null, n.name(), "problem.survey.requiredEmpty"));
            }
        }
    }

    private static void checkRow(FormDefinition form, Map<String, FormNode> nodes, Map<String, String> values, String where, List<FieldProblem> problems) {
        for (var e : values.entrySet()) {
            FormNode n = nodes.get(e.getKey());
            if (n != null) checkValue(form, n, e.getValue(), where + e.getKey(), problems);
        }
    }

    /** Whether a value fits its question's type (and choice list); adds "field: what is wrong" otherwise. */
    static void checkValue(FormDefinition form, FormNode n, String v, String field, List<FieldProblem> problems) {
        switch (n.type()) {
            case "integer" -> {
                if (!INTEGER.matcher(v).matches()) problems.add(FieldProblem.of(null, field, "problem.import.notWholeNumber", shown(v, 60)));
            }
            case "decimal" -> {
                if (v.length() > MAX_NUMBER_LENGTH || !DECIMAL.matcher(v).matches()) problems.add(FieldProblem.of(null, field, "problem.notNumber", shown(v, 60)));
            }
            case "date" -> {
                try {
                    LocalDate.parse(v.length() > 10 ? v.substring(0, 10) : v);
                } catch (RuntimeException ex) {
                    problems.add(FieldProblem.of(null, field, "problem.notDate", shown(v, 60)));
                }
            }
            case "geopoint" -> {
                String[] parts = v.trim().split("\\s+");
                boolean ok = parts.length >= 2;
                try {
                    if (ok) ok = Math.abs(Double.parseDouble(parts[0])) <= 90 && Math.abs(Double.parseDouble(parts[1])) <= 180;
                } catch (NumberFormatException ex) {
                    ok = false;
                }
                if (!ok) problems.add(FieldProblem.of(null, field, "problem.survey.notLocation", shown(v, 60)));
            }
            case "select_one", "select_multiple" -> {
                Set<String> names = CHOICE_NAMES.computeIfAbsent(System.identityHashCode(form) + ":" + form.formId() + ":" + form.version() + ":" + n.listName(), k -> {
                    Set<String> set = new java.util.HashSet<>();
                    for (Choice c : form.choices().getOrDefault(n.listName(), List.of())) set.add(c.name());
                    return set;
                });
                int unknown = 0;
                for (String token : "select_one".equals(n.type()) ? List.of(v) : List.of(SPACES.split(v))) {
                    if (!token.isEmpty() && !names.contains(token) && ++unknown <= MAX_UNKNOWN_CHOICES) {
                        problems.add(FieldProblem.of(null, field, "problem.survey.notChoice", shown(token, 60), n.listName()));
                    }
                }
                if (unknown > MAX_UNKNOWN_CHOICES) {
                    problems.add(FieldProblem.of(null, field, "problem.survey.moreNotChoices", unknown - MAX_UNKNOWN_CHOICES, n.listName()));
                }
            }
            default -> {
            }
        }
    }

    /** A village the device still offers that a merge or split has retired since. */
    private FieldProblem retiredVillage(String field, OrgUnit village) {
        FieldProblem retired = geo.retired(field, village);
        return retired.args().size() > 1 ? FieldProblem.of(null, field, "problem.survey.villageRetiredNow", retired.args().toArray())
                : FieldProblem.of(null, field, "problem.survey.villageRetired", retired.args().toArray());
    }

    /** A value as a problem quotes it: a long one cut short, as a reviewer needs to recognise it, not read it whole. */
    private static String shown(String v, int max) {
        return v.length() > max ? v.substring(0, max) + "…" : v;
    }

    /** The measurement variables of a submission: {variable, member line, number, text}. */
    private static List<Object[]> values(Map<String, String> mapping, SubmissionXml.Tables tables, List<FieldProblem> problems) {
        List<Object[]> out = new ArrayList<>();
        for (var m : mapping.entrySet()) {
            if (!m.getValue().startsWith("variable.")) continue;
            String variable = m.getValue().substring(9);
            String v = tables.main().get(m.getKey());
            if (v != null && fits(m.getKey(), v, problems)) out.add(new Object[] {variable, 0, number(v), v});
            for (var repeat : tables.repeats().values()) {
                for (SubmissionXml.Row r : repeat) {
                    String rv = r.values().get(m.getKey());
                    if (rv != null && fits(m.getKey() + "[" + r.index() + "]", rv, problems)) out.add(new Object[] {variable, r.index(), number(rv), rv});
                }
            }
        }
        return out;
    }

    /** A measurement variable's text is kept up to {@link #MAX_VALUE_TEXT} characters (its column); a longer one is a problem. */
    private static boolean fits(String field, String value, List<FieldProblem> problems) {
        if (value.length() <= MAX_VALUE_TEXT) return true;
        problems.add(FieldProblem.of(null, field, "problem.survey.valueTooLong", String.format(java.util.Locale.ROOT, "%,d", value.length()),
                String.format(java.util.Locale.ROOT, "%,d", MAX_VALUE_TEXT)));
        return false;
    }

    private static Double number(String v) {
        try {
            return Double.valueOf(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** On approval: the mapped household attributes and roster go into the registry (a proposed household is created). */
    void applyToRegistry(Actor actor, long id) {
        record Row(String xml, long versionId, Long householdId, boolean proposed, Long unitId, String code) {
        }
        Row row = db.sql("select xml, form_version_id, household_id, new_household, org_unit_id, household_code from survey_submission where id = ?").param(id)
                .query((rs, n) -> {
                    long h = rs.getLong(3);
                    Long hid = rs.wasNull() ? null : h;
                    long u = rs.getLong(5);
                    Long uid = rs.wasNull() ? null : u;
                    return new Row(rs.getString(1), rs.getLong(2), hid, rs.getBoolean(4), uid, rs.getString(6));
                }).single();
        FormVersion form = forms.version(row.versionId());
        Map<String, String> mapping = forms.mapping(form.formKey());
        if (mapping.values().stream().noneMatch(t -> t.startsWith("household.") && !t.equals("household.code") && !t.equals("household.village")
                || t.startsWith("member.")) && !row.proposed()) {
            return;
        }
        SubmissionXml.Parsed parsed = SubmissionXml.parse(row.xml().getBytes(StandardCharsets.UTF_8));
        SubmissionXml.Tables tables = SubmissionXml.rows(parsed.root(), form.definition(), parsed.instanceId());
        Map<String, String> attrs = new LinkedHashMap<>();
        Map<String, String> memberFields = new LinkedHashMap<>();
        for (var m : mapping.entrySet()) {
            if (m.getValue().startsWith("household.") && tables.main().containsKey(m.getKey())) attrs.put(m.getValue().substring(10), tables.main().get(m.getKey()));
            if (m.getValue().startsWith("member.")) memberFields.put(m.getKey(), m.getValue().substring(7));
        }
        List<Map<String, String>> roster = new ArrayList<>();
        if (!memberFields.isEmpty()) {
            for (var repeat : tables.repeats().values()) {
                for (SubmissionXml.Row r : repeat) {
                    Map<String, String> person = new LinkedHashMap<>();
                    for (var f : memberFields.entrySet()) if (r.values().containsKey(f.getKey())) person.put(f.getValue(), r.values().get(f.getKey()));
                    if (!person.isEmpty()) roster.add(person);
                }
            }
        }
        if (row.householdId() != null) {
            Household h = households.get(actor, row.householdId());
            households.update(actor, h.id(), RegistryDraft.merge(HouseholdDraft.of(h), attrs, roster));
        } else if (row.proposed() && row.unitId() != null) {
            HouseholdDraft base = new HouseholdDraft(row.code(), row.unitId(), null, null, null, null, null, null, null, null, null, null,
                    null, null, null, null, null, "MONITORED", null, null, null, List.of());
            Household created = households.create(actor, RegistryDraft.merge(base, attrs, roster));
            db.sql("update survey_submission set household_id = ?, new_household = false where id = ?").params(created.id(), id).update();
        }
    }
}
