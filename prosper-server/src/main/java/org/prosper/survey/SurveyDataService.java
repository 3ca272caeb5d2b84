package org.prosper.survey;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.util.CellReference;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.prosper.access.Actor;
import org.prosper.access.AuditLog;
import org.prosper.access.NotFoundProblem;
import org.prosper.access.Permission;
import org.prosper.access.ScopeSql;
import org.prosper.geo.GeoService;
import org.prosper.geo.OrgUnit;
import org.prosper.platform.FieldProblem;
import org.prosper.registry.HouseholdPlace;
import org.prosper.registry.HouseholdService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Data collected elsewhere in, and collected data out. Imports read KoboToolbox and ODK Central exports (one row per
 * submission, repeats in their own sheets or files joined by parent key), check every row first and write nothing if
 * any row has a problem; accepted rows become submissions through the same storage and processing as OpenRosa.
 * Exports give one table per form level (repeats as linked sheets) and the measurement variables per household.
 */
@Service
public class SurveyDataService {

    private static final int MAX_PROBLEMS = 500;
    private static final java.util.regex.Pattern BARE_UUID = java.util.regex.Pattern.compile("[0-9a-fA-F-]{32,36}");
    private static final java.util.regex.Pattern WHOLE_DECIMAL = java.util.regex.Pattern.compile("-?\\d+\\.0+");
    private static final java.util.regex.Pattern SEPARATORS = java.util.regex.Pattern.compile("[,\\s]+");

    private final JdbcClient db;
    private final JdbcTemplate jdbc;
    private final FormService forms;
    private final RoundService rounds;
    private final HouseholdService households;
    private final GeoService geo;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final SubmissionProcessor processor;

    public SurveyDataService(JdbcClient db, JdbcTemplate jdbc, FormService forms, RoundService rounds, HouseholdService households,
                             GeoService geo, TransactionTemplate tx, AuditLog audit, SubmissionProcessor processor) {
        this.db = db;
        this.jdbc = jdbc;
        this.forms = forms;
        this.rounds = rounds;
        this.households = households;
        this.geo = geo;
        this.tx = tx;
        this.audit = audit;
        this.processor = processor;
    }

    public record Upload(String name, byte[] data) {
    }

    public record ImportReport(int rows, int created, int duplicates) {
    }

    private record Column(int index, String header, String field) {
    }

    private record Level(TabularReader.Table table, FormNode node, Map<String, FormNode> fields, List<Column> columns) {
    }

    // ---------------------------------------------------------------- import

    public ImportReport importData(Actor actor, String formId, String roundCode, List<Upload> uploads) {
        SurveyAccess.requireRounds(actor);
        FormVersion form = forms.find(formId, null).orElseThrow(() -> new NotFoundProblem("form " + formId));
        long roundId = rounds.idByCode(roundCode == null ? "" : roundCode).orElseThrow(() -> new IllegalArgumentException("round: no round " + roundCode));
        SurveyRound round = rounds.get(actor, roundId);
        if (!round.formId().equals(formId)) throw new IllegalArgumentException("round: " + roundCode + " collects form " + round.formId() + ", not " + formId);

        List<TabularReader.Table> tables = new ArrayList<>();
        for (Upload u : uploads) {
            if (TabularReader.isXlsx(u.data())) tables.addAll(TabularReader.xlsx(u.name(), u.data()));
            else tables.add(TabularReader.csv(u.name(), u.data()));
        }
        if (tables.isEmpty()) throw new IllegalArgumentException("file: no data");
        FormDefinition def = form.definition();
        List<FormNode> repeatNodes = def.all().stream().filter(n -> n.kind() == FormNode.Kind.REPEAT).toList();
        List<FormProblem> problems = new ArrayList<>();
        Level main = null;
        Map<String, Level> repeats = new LinkedHashMap<>();
        for (TabularReader.Table t : tables) {
            String base = t.name().replaceAll("\\.[A-Za-z]+$", "");
            Optional<FormNode> repeat = repeatNodes.stream().filter(r -> base.equals(r.name()) || base.endsWith("-" + r.name()) || base.endsWith("_" + r.name())).findFirst();
            if (repeat.isPresent()) {
                Map<String, FormNode> fields = fieldsOf(repeat.get().children());
                repeats.put(repeat.get().name(), new Level(t, repeat.get(), fields, columns(t, fields)));
            } else if (main == null) {
                Map<String, FormNode> fields = fieldsOf(def.children());
                main = new Level(t, null, fields, columns(t, fields));
            }
        }
        if (main == null) throw new IllegalArgumentException("file: no sheet with the submissions (one row per submission)");
        int idColumn = find(main.table().header(), "meta/instanceID", "meta-instanceID", "instanceID", "KEY", "_uuid");
        if (idColumn < 0) {
            throw new InvalidFormProblem("the file has 1 problem", List.of(new FormProblem(main.table().name(), 1, null,
                    "no instance ID column (meta/instanceID, KEY or _uuid)")));
        }
        int indexColumn = find(main.table().header(), "_index");

        Map<String, String> mapping = forms.mapping(form.formKey());
        String codeField = SubmissionService.fieldFor(mapping, "household.code", "household_id");
        String villageField = SubmissionService.fieldFor(mapping, "household.village", "village");

        // the submissions, keyed by instance ID and by Kobo's _index
        record Sub(int row, String instanceId, Map<String, String> values, Map<String, List<Map<String, String>>> repeats) {
        }
        Map<String, Sub> byKey = new LinkedHashMap<>();
        Map<String, Sub> byIndex = new HashMap<>();
        for (TabularReader.Row r : main.table().rows()) {
            String id = r.get(idColumn).trim();
            if (id.isEmpty()) {
                problems.add(new FormProblem(main.table().name(), r.number(), col(idColumn, main.table().header()), "no instance ID"));
                continue;
            }
            if (!id.startsWith("uuid:") && BARE_UUID.matcher(id).matches()) id = "uuid:" + id;
            Map<String, String> values = values(def, main, r, problems);
            Sub s = new Sub(r.number(), id, values, new LinkedHashMap<>());
            if (byKey.putIfAbsent(id, s) != null) {
                problems.add(new FormProblem(main.table().name(), r.number(), col(idColumn, main.table().header()), "instance ID " + id + " appears twice in the file"));
            }
            if (indexColumn >= 0) byIndex.put(r.get(indexColumn).trim(), s);
        }
        for (Level level : repeats.values()) {
            int parentKey = find(level.table().header(), "PARENT_KEY");
            int parentIndex = find(level.table().header(), "_parent_index");
            if (parentKey < 0 && parentIndex < 0) {
                problems.add(new FormProblem(level.table().name(), 1, null, "no PARENT_KEY or _parent_index column to join the rows to their submission"));
                continue;
            }
            for (TabularReader.Row r : level.table().rows()) {
                String key = parentKey >= 0 ? r.get(parentKey).trim() : r.get(parentIndex).trim();
                Sub parent = parentKey >= 0 ? byKey.get(key.startsWith("uuid:") || !BARE_UUID.matcher(key).matches() ? key : "uuid:" + key) : byIndex.get(key);
                if (parent == null) {
                    problems.add(new FormProblem(level.table().name(), r.number(), col(parentKey >= 0 ? parentKey : parentIndex, level.table().header()),
                            "'" + key + "' matches no submission in the main sheet"));
                    continue;
                }
                parent.repeats().computeIfAbsent(level.node().name(), k -> new ArrayList<>()).add(values(def, level, r, problems));
            }
        }
        // scope: a household or village outside the importer's org units is a problem of its row
        List<String> codes = new ArrayList<>(byKey.size());
        for (Sub s : byKey.values()) {
            String code = s.values().get(codeField);
            if (code != null) codes.add(code);
        }
        HouseholdService.CodeLookup known = households.placesByCode(actor, codes);
        Map<String, Optional<OrgUnit>> villageCache = new HashMap<>();
        List<Object[]> batch = new ArrayList<>();
        int codeCol = main.columns().stream().filter(c -> c.field().equals(codeField)).mapToInt(Column::index).findFirst().orElse(-1);
        int villageCol = main.columns().stream().filter(c -> c.field().equals(villageField)).mapToInt(Column::index).findFirst().orElse(-1);
        for (Sub s : byKey.values()) {
            if (problems.size() >= MAX_PROBLEMS) break;
            String code = s.values().get(codeField);
            String village = s.values().get(villageField);
            Long hid = null, unitId = null;
            String path = null;
            if (code != null) {
                String outside = known.outsideScope().get(code);
                if (outside != null) {
                    problems.add(new FormProblem(main.table().name(), s.row(), col(codeCol, main.table().header()), outside));
                    continue;
                }
                HouseholdPlace h = known.places().get(code);
                if (h != null) {
                    hid = h.id();
                    unitId = h.orgUnitId();
                    path = h.orgPath();
                }
            }
            if (path == null && village != null) {
                Optional<OrgUnit> unit = villageCache.computeIfAbsent(village, geo::unitByCode);
                if (unit.isPresent()) {
                    if (!actor.reaches(unit.get().path())) {
                        problems.add(new FormProblem(main.table().name(), s.row(), col(villageCol, main.table().header()),
                                "village " + village + " is outside the org units of " + actor.username()));
                        continue;
                    }
                    unitId = unit.get().id();
                    path = unit.get().path();
                }
            }
            String xml = xml(def, s.instanceId(), s.values(), s.repeats());
            batch.add(new Object[] {s.instanceId(), form.id(), xml, "IMPORT", actor.username(), roundId, code, hid, unitId, path});
        }
        if (!problems.isEmpty()) {
            List<FormProblem> shown = problems.size() > MAX_PROBLEMS ? problems.subList(0, MAX_PROBLEMS) : problems;
            throw new InvalidFormProblem("the file has " + (problems.size() >= MAX_PROBLEMS ? "at least " : "") + problems.size()
                    + " problem" + (problems.size() == 1 ? "" : "s") + "; nothing was imported", shown);
        }
        Set<String> existing = new HashSet<>();
        List<String> ids = batch.stream().map(b -> (String) b[0]).toList();
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            existing.addAll(db.sql("select instance_id from survey_submission where instance_id in (" + "?,".repeat(chunk.size() - 1) + "?)")
                    .params(new ArrayList<Object>(chunk)).query(String.class).list());
        }
        List<Object[]> fresh = batch.stream().filter(b -> !existing.contains((String) b[0])).toList();
        tx.executeWithoutResult(status -> {
            for (int from = 0; from < fresh.size(); from += 1000) {
                jdbc.batchUpdate("insert into survey_submission(instance_id, form_version_id, xml, source, submitted_by, round_id, household_code, household_id, org_unit_id, org_path) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        fresh.subList(from, Math.min(fresh.size(), from + 1000)));
            }
            audit.record(actor, "IMPORT", "survey_form", formId, null, null, null,
                    fresh.size() + " submissions into round " + roundCode + " from " + uploads.stream().map(Upload::name).toList());
        });
        processor.durable();
        return new ImportReport(batch.size(), fresh.size(), batch.size() - fresh.size());
    }

    private static Map<String, FormNode> fieldsOf(List<FormNode> nodes) {
        Map<String, FormNode> out = new LinkedHashMap<>();
        for (FormNode n : nodes) {
            if (n.kind() == FormNode.Kind.QUESTION) out.put(n.name(), n);
            else if (n.kind() == FormNode.Kind.GROUP) out.putAll(fieldsOf(n.children()));
        }
        return out;
    }

    /** Header -> field: the exact name, or the longest field name the header ends with after '/' or '-' (group paths). */
    private static List<Column> columns(TabularReader.Table t, Map<String, FormNode> fields) {
        List<Column> out = new ArrayList<>();
        for (int i = 0; i < t.header().size(); i++) {
            String h = t.header().get(i).trim();
            String match = null;
            if (fields.containsKey(h)) match = h;
            else {
                for (String f : fields.keySet()) {
                    if ((h.endsWith("/" + f) || h.endsWith("-" + f)) && (match == null || f.length() > match.length())) match = f;
                }
            }
            if (match != null) out.add(new Column(i, h, match));
        }
        return out;
    }

    private static int find(List<String> header, String... names) {
        for (String n : names) {
            for (int i = 0; i < header.size(); i++) if (header.get(i).trim().equalsIgnoreCase(n)) return i;
        }
        return -1;
    }

    private static String col(int index, List<String> header) {
        return index < 0 ? null : CellReference.convertNumToColString(index) + " (" + header.get(index) + ")";
    }

    private static Map<String, String> values(FormDefinition def, Level level, TabularReader.Row r, List<FormProblem> problems) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Column c : level.columns()) {
            String v = r.get(c.index()).trim();
            if (v.isEmpty()) continue;
            FormNode n = level.fields().get(c.field());
            if (n.type().equals("select_multiple")) v = SEPARATORS.matcher(v).replaceAll(" ");
            if (n.type().equals("date") && v.length() > 10 && v.charAt(10) == 'T') v = v.substring(0, 10);
            if (n.type().equals("integer") && WHOLE_DECIMAL.matcher(v).matches()) v = v.substring(0, v.indexOf('.'));
            List<FieldProblem> found = new ArrayList<>();
            SubmissionProcessor.checkValue(def, n, v, c.field(), found);
            for (FieldProblem f : found) {
                problems.add(new FormProblem(level.table().name(), r.number(), c.index() < 0 ? null : CellReference.convertNumToColString(c.index())
                        + " (" + c.header() + ")", f.said()));
            }
            out.put(c.field(), v);
        }
        return out;
    }

    /** The submission XML of one imported row, in the form's structure. */
    static String xml(FormDefinition def, String instanceId, Map<String, String> values, Map<String, List<Map<String, String>>> repeats) {
        StringBuilder x = new StringBuilder(256);
        x.append('<').append(def.rootName()).append(" id=\"");
        SubmissionXml.escape(x, def.formId()).append("\" version=\"");
        SubmissionXml.escape(x, def.version()).append("\">");
        nodes(x, def.children(), values, repeats);
        SubmissionXml.escape(x.append("<meta><instanceID>"), instanceId).append("</instanceID></meta></").append(def.rootName()).append('>');
        return x.toString();
    }

    private static void nodes(StringBuilder x, List<FormNode> nodes, Map<String, String> values, Map<String, List<Map<String, String>>> repeats) {
        for (FormNode n : nodes) {
            switch (n.kind()) {
                case QUESTION -> {
                    String v = values.get(n.name());
                    x.append('<').append(n.name()).append('>');
                    if (v != null) SubmissionXml.escape(x, v);
                    x.append("</").append(n.name()).append('>');
                }
                case GROUP -> {
                    x.append('<').append(n.name()).append('>');
                    nodes(x, n.children(), values, repeats);
                    x.append("</").append(n.name()).append('>');
                }
                case REPEAT -> {
                    for (Map<String, String> row : repeats.getOrDefault(n.name(), List.of())) {
                        x.append('<').append(n.name()).append('>');
                        nodes(x, n.children(), row, Map.of());
                        x.append("</").append(n.name()).append('>');
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- export

    public record Sheet(String name, List<String> header, List<List<String>> rows) {
    }

    /**
     * The main table and one table per repeat, with KEY / PARENT_KEY as ODK Central writes them. These are the
     * answers as typed, personal ones included whether or not a field is mapped to the registry, so only those who
     * may see personal data get them, and each export ({@code format} names it in the audit log) is recorded there; the
     * measurement table (household codes and numbers, no names) is the export for everyone else.
     */
    public List<Sheet> tables(Actor actor, String formId, Long roundId, boolean labels, String language, String format) {
        SurveyAccess.requireView(actor);
        actor.require(Permission.VIEW_PERSONAL_DATA);
        FormVersion latest = forms.latest(actor, formId);
        FormDefinition def = latest.definition();
        String lang = language != null && def.languages().contains(language) ? language : def.defaultLanguage();
        List<FormNode> mainFields = new ArrayList<>(fieldsOf(def.children()).values());
        List<FormNode> repeatNodes = def.all().stream().filter(n -> n.kind() == FormNode.Kind.REPEAT).toList();
        List<String> mainHeader = new ArrayList<>(List.of("KEY", "SubmissionDate", "SubmitterName", "ReviewState", "Processing", "household_code"));
        mainFields.forEach(f -> mainHeader.add(f.name()));
        List<List<String>> mainRows = new ArrayList<>();
        Map<String, List<List<String>>> repeatRows = new LinkedHashMap<>();
        Map<String, List<FormNode>> repeatFields = new LinkedHashMap<>();
        for (FormNode r : repeatNodes) {
            repeatFields.put(r.name(), new ArrayList<>(fieldsOf(r.children()).values()));
            repeatRows.put(r.name(), new ArrayList<>());
        }
        ScopeSql scope = ScopeSql.of(actor, "s.org_path");
        List<Object> params = new ArrayList<>();
        params.add(formId);
        params.addAll(scope.params());
        String roundFilter = "";
        if (roundId != null) {
            roundFilter = " and s.round_id = ?";
            params.add(roundId);
        }
        long last = 0;
        while (true) {
            List<Object> p = new ArrayList<>(params);
            p.add(last);
            record R(long id, String xml, String instanceId, java.sql.Timestamp at, String by, String review, String processing, String code) {
            }
            List<R> page = db.sql("select s.id, s.xml, s.instance_id, s.received_at, s.submitted_by, s.review, s.processing, s.household_code from survey_submission s "
                            + "join survey_form_version v on v.id = s.form_version_id join survey_form f on f.id = v.form_id where f.form_id = ? and "
                            + scope.clause() + roundFilter + " and s.review <> 'REJECTED' and s.id > ? order by s.id limit 1000")
                    .params(p).query((rs, n) -> new R(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getString(8))).list();
            if (page.isEmpty()) break;
            for (R r : page) {
                last = r.id();
                SubmissionXml.Parsed parsed = SubmissionXml.parse(r.xml().getBytes(StandardCharsets.UTF_8));
                SubmissionXml.Tables t = SubmissionXml.rows(parsed.root(), def, r.instanceId());
                List<String> row = new ArrayList<>(List.of(r.instanceId(), r.at().toInstant().toString(), r.by(), r.review(), r.processing(),
                        r.code() == null ? "" : r.code()));
                for (FormNode f : mainFields) row.add(show(def, f, t.main().get(f.name()), labels, lang));
                mainRows.add(row);
                for (var e : t.repeats().entrySet()) {
                    List<List<String>> target = repeatRows.get(e.getKey());
                    if (target == null) continue;
                    for (SubmissionXml.Row rr : e.getValue()) {
                        List<String> line = new ArrayList<>(List.of(rr.parentKey(), rr.key()));
                        for (FormNode f : repeatFields.get(e.getKey())) line.add(show(def, f, rr.values().get(f.name()), labels, lang));
                        target.add(line);
                    }
                }
            }
        }
        if (!Actor.system().equals(actor)) {
            audit.record(actor, "VIEW_PERSONAL_DATA", "survey_form", formId, null, null, null, String.format(Locale.ROOT,
                    "%s export of form %s%s: %,d submissions%s", format, formId, roundId == null ? "" : " round " + roundId, mainRows.size(),
                    labels ? ", with labels" : ""));
        }
        List<Sheet> sheets = new ArrayList<>();
        sheets.add(new Sheet(def.formId(), mainHeader, mainRows));
        for (var e : repeatRows.entrySet()) {
            List<String> header = new ArrayList<>(List.of("PARENT_KEY", "KEY"));
            repeatFields.get(e.getKey()).forEach(f -> header.add(f.name()));
            sheets.add(new Sheet(e.getKey(), header, e.getValue()));
        }
        return sheets;
    }

    private static String show(FormDefinition def, FormNode f, String value, boolean labels, String lang) {
        if (value == null) return "";
        if (!labels || !f.isSelect()) return value;
        List<Choice> choices = def.choices().getOrDefault(f.listName(), List.of());
        List<String> out = new ArrayList<>();
        for (String token : f.type().equals("select_one") ? List.of(value) : List.of(value.split("\\s+"))) {
            out.add(choices.stream().filter(c -> c.name().equals(token)).findFirst()
                    .map(c -> c.label().getOrDefault(lang, c.label().values().stream().findFirst().orElse(token))).orElse(token));
        }
        return String.join(f.type().equals("select_one") ? "" : " | ", out);
    }

    public void writeCsv(Sheet sheet, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write('\uFEFF');
        try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT)) {
            p.printRecord(sheet.header());
            for (List<String> row : sheet.rows()) p.printRecord(row);
        }
    }

    public void writeXlsx(List<Sheet> sheets, OutputStream out) throws IOException {
        Workbook wb = new Workbook(out, "Prosper", "1.0");
        for (Sheet s : sheets) {
            Worksheet ws = wb.newWorksheet(s.name().length() > 31 ? s.name().substring(0, 31) : s.name());
            for (int c = 0; c < s.header().size(); c++) ws.value(0, c, s.header().get(c));
            for (int r = 0; r < s.rows().size(); r++) {
                List<String> row = s.rows().get(r);
                for (int c = 0; c < row.size(); c++) if (!row.get(c).isEmpty()) ws.value(r + 1, c, row.get(c));
            }
            ws.finish();
        }
        wb.finish();
    }

    /**
     * The measurement engine's table: one row per processed, not rejected submission with its household, round and
     * every household-level variable as a column (members' variables are summed per household).
     */
    public Sheet measurementTable(Actor actor, String formId, Long roundId) {
        SurveyAccess.requireView(actor);
        forms.latest(actor, formId);
        ScopeSql scope = ScopeSql.of(actor, "s.org_path");
        List<Object> params = new ArrayList<>();
        params.add(formId);
        params.addAll(scope.params());
        String roundFilter = roundId == null ? "" : " and s.round_id = ?";
        if (roundId != null) params.add(roundId);
        Map<Long, Map<String, Double>> byRow = new LinkedHashMap<>();
        Map<Long, String[]> ids = new HashMap<>();
        Set<String> variables = new java.util.TreeSet<>();
        db.sql("select s.id, s.household_code, r.code, s.org_path, v.variable, v.num_value from survey_submission s join survey_value v on v.submission_id = s.id "
                        + "join survey_form_version fv on fv.id = s.form_version_id join survey_form f on f.id = fv.form_id left join survey_round r on r.id = s.round_id "
                        + "where f.form_id = ? and " + scope.clause() + roundFilter + " and s.processing = 'PROCESSED' and s.review <> 'REJECTED' order by s.id")
                .params(params)
                .query((rs, n) -> {
                    long id = rs.getLong(1);
                    ids.putIfAbsent(id, new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
                    String var = rs.getString(5);
                    double value = rs.getDouble(6);
                    if (!rs.wasNull()) {
                        variables.add(var);
                        byRow.computeIfAbsent(id, k -> new LinkedHashMap<>()).merge(var, value, Double::sum);
                    }
                    return null;
                }).list();
        List<String> header = new ArrayList<>(List.of("submission_id", "household_code", "round", "org_path"));
        header.addAll(variables);
        List<List<String>> rows = new ArrayList<>();
        for (var e : ids.entrySet()) {
            List<String> row = new ArrayList<>(List.of(String.valueOf(e.getKey()), nz(e.getValue()[0]), nz(e.getValue()[1]), nz(e.getValue()[2])));
            Map<String, Double> vals = byRow.getOrDefault(e.getKey(), Map.of());
            for (String v : variables) row.add(vals.containsKey(v) ? fmt(vals.get(v)) : "");
            rows.add(row);
        }
        return new Sheet("measurement", header, rows);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.format(Locale.ROOT, "%s", d);
    }

    public byte[] xlsxBytes(List<Sheet> sheets) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeXlsx(sheets, out);
        return out.toByteArray();
    }
}
