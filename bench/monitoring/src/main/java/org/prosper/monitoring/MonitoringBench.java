package org.prosper.monitoring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.prosper.bench.monitoring.Generator;
import org.prosper.registry.Household;
import org.prosper.registry.RegistryStream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * Monitoring benchmark: a generated registry of N households in H2 (file) and embedded PostgreSQL, created with the
 * server's own migrations; then, with the server's streaming read, rule engine and alert writing: a read-only pass,
 * a first full run (writes every alert), a rerun on unchanged data (writes none), and incremental evaluations of one
 * household (unchanged, and after a change of its income as a new submission would bring). Writes RESULTS.md.
 */
public final class MonitoringBench {

    private record Figures(String db, long households, long persons, long deptRows, double loadSeconds, double readSeconds,
                           double firstSeconds, long firstNew, long found, double rerunSeconds, long rerunNew,
                           double[] unchangedMs, double[] changedMs, int rules) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        int households = Integer.parseInt(opts.getOrDefault("households", "1000000"));
        Path server = Path.of(opts.getOrDefault("server", "../../prosper-server")).toAbsolutePath();
        Path work = Path.of(opts.getOrDefault("work", "target/work")).toAbsolutePath();
        Path out = Path.of(opts.getOrDefault("out", "RESULTS.md")).toAbsolutePath();
        List<String> dbs = Arrays.asList(opts.getOrDefault("dbs", "h2,postgres").split(","));
        JsonMapper json = JsonMapper.builder().build();
        CountryProfile profile = json.readValue(Files.readString(server.resolve("src/main/resources/monitoring/profiles/CN.json")), CountryProfile.class);
        Map<String, String> paths = Map.of("CN", "/1/", "CN-42", "/1/42/", "CN-41", "/1/41/", "CN-36", "/1/36/", "CN-45", "/1/45/");
        RuleEngine engine = RuleEngine.compile("CN", 1, profile, "CNY", paths::get);
        List<Figures> results = new ArrayList<>();
        for (String db : dbs) {
            Files.createDirectories(work);
            if (db.equals("h2")) {
                Path dir = work.resolve("h2");
                boolean reuse = Boolean.parseBoolean(opts.getOrDefault("reuse-h2", "false")) && Files.exists(dir.resolve("bench.mv.db"));
                if (!reuse) deleteTree(dir);
                String url = "jdbc:h2:file:" + dir.resolve("bench") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
                SingleConnectionDataSource ds = new SingleConnectionDataSource(url, "sa", "", true);
                results.add(run("H2 2.4 (file)", "h2", ds, server, households, engine, json, reuse));
                ds.destroy();
            } else {
                try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
                    SingleConnectionDataSource ds = new SingleConnectionDataSource(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", true);
                    results.add(run("PostgreSQL (embedded, zonky)", "postgresql", ds, server, households, engine, json, false));
                    ds.destroy();
                }
            }
        }
        write(out, results, households);
    }

    private static Figures run(String name, String vendor, SingleConnectionDataSource ds, Path server, int n, RuleEngine engine,
                               JsonMapper json, boolean reuse) throws Exception {
        Path migrations = server.resolve("src/main/resources/db/migration");
        Connection con = ds.getConnection();
        long t0 = System.nanoTime();
        long persons;
        long dept;
        double load;
        if (reuse) {
            // the database of an earlier run of the same size: keep the registry, forget its monitoring
            try (Statement s = con.createStatement()) {
                s.execute("delete from monitoring_alert");
                s.execute("delete from monitoring_run");
            }
            persons = new JdbcTemplate(ds).queryForObject("select count(*) from person", Long.class);
            dept = new JdbcTemplate(ds).queryForObject("select count(*) from monitoring_dept_record", Long.class);
            long have = new JdbcTemplate(ds).queryForObject("select count(*) from household", Long.class);
            if (have != n) throw new IllegalStateException("the kept H2 database has " + have + " households, not " + n);
            load = Double.NaN;
        } else {
            System.err.println("bench: " + name + ": creating the schema and " + n + " households");
            try (Statement s = con.createStatement()) {
            s.execute(Files.readString(migrations.resolve("common/V3__registry.sql")).replace("references org_unit(id)", ""));
            s.execute("create index household_scope_pattern_bench on household(org_path" + (vendor.equals("postgresql") ? " varchar_pattern_ops" : "") + ", id)");
            s.execute(Files.readString(migrations.resolve("common/V10__registry_bulk_indexes.sql")));
            s.execute(Files.readString(migrations.resolve(vendor + "/V11__household_status_scope_index.sql")));
            s.execute(Files.readString(migrations.resolve("common/V40__monitoring.sql")));
            }
            persons = Generator.households(con, n);
            dept = Generator.departmental(con, n);
            con.setAutoCommit(true);
            if (vendor.equals("postgresql")) try (Statement s = con.createStatement()) {
                s.execute("analyze");
            }
            load = seconds(t0);
        }
        System.err.println("bench: " + name + ": loaded " + n + " households, " + persons + " persons, " + dept + " departmental rows in " + load + " s");

        JdbcTemplate jdbc = new JdbcTemplate(ds);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
        TransactionTemplate read = new TransactionTemplate(new DataSourceTransactionManager(ds));
        read.setReadOnly(true);
        RegistryStream registry = new RegistryStream(jdbc);
        AlertRepository alerts = new AlertRepository(JdbcClient.create(jdbc), jdbc, json);
        DeptRepository deptData = new DeptRepository(JdbcClient.create(jdbc), jdbc);
        LocalDate today = LocalDate.now();

        long[] count = {0};
        read.executeWithoutResult(s -> registry.forEachInCountry("CN", h -> count[0]++)); // warms the JIT and the caches
        t0 = System.nanoTime();
        read.executeWithoutResult(s -> registry.forEachInCountry("CN", h -> count[0] += h.members().size()));
        double readOnly = seconds(t0);
        System.err.println("bench: " + name + ": read pass " + readOnly + " s");

        Evaluation.Outcome first = fullRun(registry, alerts, deptData, engine, json, tx, read, today);
        double firstSeconds = lastSeconds;
        System.err.println("bench: " + name + ": first full run " + firstSeconds + " s, " + first.created().size() + " new alerts of " + first.found());
        Evaluation.Outcome rerun = fullRun(registry, alerts, deptData, engine, json, tx, read, today);
        double rerunSeconds = lastSeconds;
        System.err.println("bench: " + name + ": rerun " + rerunSeconds + " s, " + rerun.created().size() + " new alerts");

        SplittableRandom r = new SplittableRandom(3);
        double[] unchanged = new double[300];
        for (int i = 0; i < unchanged.length; i++) {
            long id = 1 + r.nextInt(n);
            long s = System.nanoTime();
            Evaluation.Outcome o = incremental(id, registry, alerts, deptData, engine, json, tx, read, today);
            unchanged[i] = (System.nanoTime() - s) / 1e6;
            if (!o.created().isEmpty()) throw new IllegalStateException("an unchanged household got a new alert");
        }
        double[] changed = new double[100];
        for (int i = 0; i < changed.length; i++) {
            long id = 1 + r.nextInt(n);
            jdbc.update("update household set annual_income = ?, version = version + 1 where id = ?", 1000 + r.nextInt(2000), id);
            long s = System.nanoTime();
            incremental(id, registry, alerts, deptData, engine, json, tx, read, today);
            changed[i] = (System.nanoTime() - s) / 1e6;
        }
        Arrays.sort(unchanged);
        Arrays.sort(changed);
        return new Figures(name, n, persons, dept, load, readOnly, firstSeconds, first.created().size(), first.found(), rerunSeconds,
                rerun.created().size(), unchanged, changed, engine.ruleCount());
    }

    private static double lastSeconds;

    /** As RunService does for a full run of a country by a global actor. */
    private static Evaluation.Outcome fullRun(RegistryStream registry, AlertRepository alerts, DeptRepository dept, RuleEngine engine,
                                              JsonMapper json, TransactionTemplate tx, TransactionTemplate read, LocalDate today) {
        long t0 = System.nanoTime();
        long runId = tx.execute(s -> alerts.insertRun("CN", "FULL", "CN", 1, "/", "bench", "bench", null));
        Map<String, Long> open = alerts.openAlerts("country_code = ? and 1=1", List.of("CN"));
        Evaluation.Outcome o = Evaluation.run(engine, 1, today, open, dept.forCountry("CN"),
                each -> read.executeWithoutResult(s -> registry.forEachInCountry("CN", each)), json, done -> { });
        tx.executeWithoutResult(s -> {
            alerts.insertAlerts(runId, o.created());
            alerts.resolve(runId, o.gone());
            alerts.finishRun(runId, "SUCCEEDED", o.households(), o.found(), o.created().size(), o.gone().size(), null);
        });
        lastSeconds = seconds(t0);
        return o;
    }

    /** As RunService.evaluate does for one household. */
    private static Evaluation.Outcome incremental(long id, RegistryStream registry, AlertRepository alerts, DeptRepository dept,
                                                  RuleEngine engine, JsonMapper json, TransactionTemplate tx, TransactionTemplate read,
                                                  LocalDate today) {
        List<Household> list = read.execute(s -> registry.withoutIdentifiers(List.of(id)));
        long runId = tx.execute(s -> alerts.insertRun("CN", "INCREMENTAL", "CN", 1, "/", "bench", "bench", null));
        Map<String, Long> open = alerts.openAlerts("household_id in (?)", List.of(id));
        Evaluation.Outcome o = Evaluation.run(engine, 1, today, open, dept.forHouseholds(List.of(id)), each -> list.forEach(each), json, done -> { });
        tx.executeWithoutResult(s -> {
            alerts.insertAlerts(runId, o.created());
            alerts.resolve(runId, o.gone());
            alerts.finishRun(runId, "SUCCEEDED", o.households(), o.found(), o.created().size(), o.gone().size(), null);
        });
        return o;
    }

    private static double seconds(long from) {
        return Math.round((System.nanoTime() - from) / 1e7) / 100.0;
    }

    private static double pct(double[] sorted, double p) {
        return Math.round(sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] * 10) / 10.0;
    }

    private static void write(Path out, List<Figures> results, int n) throws IOException {
        StringBuilder s = new StringBuilder();
        s.append("# Monitoring benchmark\n\n");
        s.append("Measured ").append(LocalDateTime.now().withNano(0)).append(" on this machine (").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, shared with other builds), JDK ").append(System.getProperty("java.version")).append(", heap ")
                .append(Runtime.getRuntime().maxMemory() / (1024 * 1024)).append(" MB. `bench/monitoring/run.sh` reproduces it.\n\n");
        s.append("Data: ").append(String.format("%,d", n)).append(" generated rural households in 1,000 villages (Guangxi-like), with their members, ")
                .append("and departmental records (hospital costs, last year's incomes, disaster losses) for about 3.6% of them. Schema from the ")
                .append("server's migrations (V3, V10, V11, V40). Rules: the Chinese profile (CN.json), ").append(results.isEmpty() ? 0 : results.getFirst().rules())
                .append(" rules. Code: the server's own `HouseholdRepository.forEachWhere` (two cursors merged by household id), `RuleEngine`, ")
                .append("`Evaluation` and `AlertRepository`, compiled from its sources; each full run reads every household and member from the ")
                .append("database, evaluates every rule, and writes its alerts in one transaction.\n\n");
        s.append("| database | households | persons | load (s) | read pass (s) | first full run (s) | alerts written | findings | rerun, unchanged data (s) | new alerts on rerun | one household, unchanged: median / p95 (ms) | one household after a change: median / p95 (ms) |\n");
        s.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Figures f : results) {
            s.append("| ").append(f.db()).append(" | ").append(String.format("%,d", f.households())).append(" | ").append(String.format("%,d", f.persons()))
                    .append(" | ").append(f.loadSeconds()).append(" | ").append(f.readSeconds()).append(" | ").append(f.firstSeconds())
                    .append(" | ").append(String.format("%,d", f.firstNew())).append(" | ").append(String.format("%,d", f.found()))
                    .append(" | ").append(f.rerunSeconds()).append(" | ").append(f.rerunNew())
                    .append(" | ").append(pct(f.unchangedMs(), 0.5)).append(" / ").append(pct(f.unchangedMs(), 0.95))
                    .append(" | ").append(pct(f.changedMs(), 0.5)).append(" / ").append(pct(f.changedMs(), 0.95)).append(" |\n");
        }
        s.append("\nTargets: a full run over 1,000,000 households with 10 rules under 10 s, database reads included; one new submission ")
                .append("evaluated in under 50 ms. The rerun is the steady state of a scheduled run (it finds the same alerts and writes none); ")
                .append("the first run also writes every alert with its reason in English and Chinese and its evidence as JSON. ")
                .append("\"One household\" is an incremental run as `RunService.evaluate` does it: read the household and its members, its ")
                .append("departmental records and open alerts, evaluate, and write the run and any change in one transaction.\n");
        Files.writeString(out, s.toString());
        System.err.println(s);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

}
