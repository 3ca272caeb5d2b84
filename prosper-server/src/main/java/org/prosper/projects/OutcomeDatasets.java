package org.prosper.projects;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.prosper.access.AccessDeniedProblem;
import org.prosper.access.Actor;
import org.prosper.access.AuditLog;
import org.prosper.access.NotFoundProblem;
import org.prosper.access.Permission;
import org.prosper.geo.GeoService;
import org.prosper.geo.OrgUnit;
import org.prosper.platform.NulCharacters;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imported evaluation datasets: household outcomes per round as CSV (household_code, village_code, round, variable,
 * value). Import is all-or-nothing with every bad cell named by row and column; export gives back the rows of the
 * villages the caller reaches, in the same format, so that estimates can be checked independently.
 */
@Service
public class OutcomeDatasets implements OutcomeSource {

    public static final List<String> HEADER = List.of("household_code", "village_code", "round", "variable", "value");
    public static final Set<String> ROUNDS = Set.of("BASELINE", "MIDLINE", "ENDLINE");

    public record DatasetChanged(String code) {
    }

    public record Summary(String code, String name, String source, long rows, List<String> variables, List<String> rounds) {
    }

    private final JdbcClient db;
    private final GeoService geo;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final org.springframework.jdbc.core.JdbcTemplate jdbc;

    public OutcomeDatasets(JdbcClient db, org.springframework.jdbc.core.JdbcTemplate jdbc, GeoService geo, AuditLog audit,
                           ApplicationEventPublisher events) {
        this.db = db;
        this.jdbc = jdbc;
        this.geo = geo;
        this.audit = audit;
        this.events = events;
    }

    /** A dataset file's rows are held in memory until all are checked: beyond this size it is refused before reading. */
    public static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

    /** Refuses a dataset file over {@link #MAX_FILE_BYTES}; the API asks with the upload's size. */
    public void checkFileSize(String file, long size) {
        if (size > MAX_FILE_BYTES) {
            throw InvalidProjectProblem.said("the dataset is not valid", List.of(String.format(java.util.Locale.ROOT,
                    "%s is %,d bytes, more than the %,d bytes a dataset file may have: split it by round or by country", file, size, MAX_FILE_BYTES)));
        }
    }

    @Transactional
    public Summary importCsv(Actor actor, String code, String name, String file, InputStream csv) throws IOException {
        actor.require(Permission.EDIT_PROJECTS);
        List<String> problems = new ArrayList<>();
        if (code == null || !code.matches("[A-Za-z0-9._-]{2,60}")) problems.add("code: 2 to 60 letters, digits or . _ -");
        if (name == null || name.isBlank()) problems.add("name: required");
        if (!problems.isEmpty()) throw InvalidProjectProblem.said("the dataset is not valid", problems);
        requireReachOverExistingRows(actor, code);
        List<Object[]> rows = new ArrayList<>();
        Map<String, OrgUnit> villages = new HashMap<>();
        Set<String> keys = new HashSet<>();
        try (CSVParser parser = CSVParser.parse(new InputStreamReader(csv, StandardCharsets.UTF_8),
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get())) {
            List<String> header = parser.getHeaderNames();
            for (String h : HEADER) if (!header.contains(h)) problems.add(file + ": header: column " + h + " is missing (expected " + String.join(",", HEADER) + ")");
            if (!problems.isEmpty()) throw InvalidProjectProblem.said("the dataset is not valid", problems);
            for (CSVRecord r : parser) {
                long line = parser.getCurrentLineNumber();
                String where = file + " row " + line;
                int nul = NulCharacters.firstIn(r.toList());
                if (nul >= 0) {
                    problems.add(where + ", column " + NulCharacters.column(header, nul) + ": contains " + NulCharacters.WHAT);
                    continue;
                }
                String hh = r.get("household_code"), village = r.get("village_code"), round = r.get("round").toUpperCase(), variable = r.get("variable"), value = r.get("value");
                if (hh.isEmpty()) problems.add(where + ", column household_code: empty");
                OrgUnit unit = villages.computeIfAbsent(village, v -> geo.unitByCode(v).orElse(null));
                if (unit == null) problems.add(where + ", column village_code: no org unit " + village);
                else if (!actor.reaches(unit.path())) problems.add(where + ", column village_code: " + village + " is outside the org units of " + actor.username());
                if (!ROUNDS.contains(round)) problems.add(where + ", column round: '" + r.get("round") + "' is not BASELINE, MIDLINE or ENDLINE");
                if (!variable.matches("[A-Za-z][A-Za-z0-9_]{0,59}")) problems.add(where + ", column variable: '" + variable + "' is not a variable name");
                double v = Double.NaN;
                try {
                    v = Double.parseDouble(value);
                    if (!Double.isFinite(v)) problems.add(where + ", column value: '" + value + "' is not a finite number");
                } catch (NumberFormatException e) {
                    problems.add(where + ", column value: '" + value + "' is not a number");
                }
                if (!keys.add(hh + "\u0000" + round + "\u0000" + variable)) problems.add(where + ": household " + hh + " has " + variable + " twice in round " + round);
                if (problems.size() > 200) break;
                rows.add(new Object[]{hh, village, round, variable, v});
            }
        }
        if (rows.isEmpty() && problems.isEmpty()) problems.add(file + ": no data rows");
        if (!problems.isEmpty()) throw InvalidProjectProblem.said("the dataset is not valid", problems);
        Optional<Long> existing = db.sql("select id from outcome_dataset where code = ?").param(code).query(Long.class).optional();
        long id;
        if (existing.isPresent()) {
            id = existing.get();
            db.sql("delete from outcome_value where dataset_id = ?").param(id).update();
            db.sql("update outcome_dataset set name = ?, source = ?, imported_by = ?, imported_at = current_timestamp where id = ?")
                    .params(name, file, actor.username(), id).update();
        } else {
            var key = new org.springframework.jdbc.support.GeneratedKeyHolder();
            db.sql("insert into outcome_dataset(code, name, source, imported_by) values (?, ?, ?, ?)").params(code, name, file, actor.username()).update(key, "id");
            id = key.getKey().longValue();
        }
        List<Object[]> batch = new ArrayList<>();
        for (Object[] r : rows) batch.add(new Object[]{id, r[0], r[1], r[2], r[3], r[4]});
        jdbc.batchUpdate("insert into outcome_value(dataset_id, household_code, village_code, round, variable, val) values (?, ?, ?, ?, ?, ?)", batch);
        audit.record(actor, existing.isPresent() ? "REPLACE" : "CREATE", "outcome_dataset", code, null, null, Map.of("rows", rows.size(), "file", file));
        events.publishEvent(new DatasetChanged(code));
        return summary(code);
    }

    /**
     * A replacement deletes every row of the dataset, so the caller must reach every village it has rows for; otherwise
     * an import of one country's rows would wipe the other countries' evaluation data.
     */
    private void requireReachOverExistingRows(Actor actor, String code) {
        if (actor.isGlobal()) return;
        Optional<Long> existing = db.sql("select id from outcome_dataset where code = ?").param(code).query(Long.class).optional();
        if (existing.isEmpty()) return;
        List<String> outside = db.sql("select distinct village_code from outcome_value where dataset_id = ? order by village_code")
                .param(existing.get()).query(String.class).list().stream()
                .filter(v -> geo.unitByCode(v).map(u -> !actor.reaches(u.path())).orElse(true))
                .toList();
        if (outside.isEmpty()) return;
        throw new AccessDeniedProblem("outcome dataset " + code + " has rows for villages outside the org units of " + actor.username() + " ("
                + String.join(", ", outside.subList(0, Math.min(outside.size(), 10))) + (outside.size() > 10 ? ", ..." : "")
                + "); only a user who reaches all of them may replace it, nothing was changed");
    }

    public Summary summary(String code) {
        long id = datasetId(code);
        long rows = db.sql("select count(*) from outcome_value where dataset_id = ?").param(id).query(Long.class).single();
        List<String> variables = db.sql("select distinct variable from outcome_value where dataset_id = ? order by variable").param(id).query(String.class).list();
        List<String> rounds = db.sql("select distinct round from outcome_value where dataset_id = ? order by round").param(id).query(String.class).list();
        return db.sql("select code, name, source from outcome_dataset where id = ?").param(id)
                .query((rs, n) -> new Summary(rs.getString(1), rs.getString(2), rs.getString(3), rows, variables, rounds)).single();
    }

    public List<Summary> list(Actor actor) {
        actor.require(Permission.VIEW_PROJECTS);
        return db.sql("select code from outcome_dataset order by code").query(String.class).list().stream().map(this::summary).toList();
    }

    /** The rows of the villages the actor reaches, as CSV with the import header. */
    public void exportCsv(Actor actor, String code, Writer out) throws IOException {
        actor.require(Permission.VIEW_PROJECTS);
        long id = datasetId(code);
        Map<String, Boolean> reach = new HashMap<>();
        CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(HEADER.toArray(String[]::new)).get());
        {
            db.sql("select household_code, village_code, round, variable, val from outcome_value where dataset_id = ? order by village_code, household_code, round, variable")
                    .param(id).query(rs -> {
                        String village = rs.getString(2);
                        boolean ok = reach.computeIfAbsent(village, v -> geo.unitByCode(v).map(u -> actor.reaches(u.path())).orElse(false));
                        if (!ok) return;
                        try {
                            printer.printRecord(rs.getString(1), village, rs.getString(3), rs.getString(4), Double.toString(rs.getDouble(5)));
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
        }
        printer.flush(); // the caller owns the writer
    }

    @Override
    public List<Observation> values(String dataset, String variable, String round, Collection<String> villageCodes) {
        if (villageCodes.isEmpty()) return List.of();
        long id = datasetId(dataset);
        String marks = String.join(", ", java.util.Collections.nCopies(villageCodes.size(), "?"));
        List<Object> params = new ArrayList<>(List.of(id, variable, round));
        params.addAll(villageCodes);
        return db.sql("select household_code, village_code, val from outcome_value where dataset_id = ? and variable = ? and round = ? and village_code in ("
                        + marks + ") order by village_code, household_code")
                .params(params).query((rs, n) -> new Observation(rs.getString(1), rs.getString(2), rs.getDouble(3))).list();
    }

    public boolean exists(String code) {
        return db.sql("select count(*) from outcome_dataset where code = ?").param(code).query(Long.class).single() > 0;
    }

    private long datasetId(String code) {
        return db.sql("select id from outcome_dataset where code = ?").param(code).query(Long.class).optional()
                .orElseThrow(() -> new NotFoundProblem("outcome dataset " + code));
    }
}
