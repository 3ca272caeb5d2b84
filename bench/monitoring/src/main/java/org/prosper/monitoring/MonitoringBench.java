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
import com.zaxxer.hikari.HikariDataSource;
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
                           double coldFirstSeconds, double firstSeconds, long firstNew, long found, double rerunSeconds, long rerunNew,
                           double[] unchangedMs, double[] changedMs, int rules) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        int households = Integer.parseInt(opts.getOrDefault("households", "1000000"));
        Path server = Path.of(opts.getOrDefault("server", "../../prosper-server")).toAbsolutePath();
        Path work = Path.of(opts.getOrDefault("work", "target/work")).toAbsolutePath();
        Path out = Path.of(opts.getOrDefault("out", "RESULTS.md")).toAbsolutePath();
        reruns = Integer.parseInt(opts.getOrDefault("reruns", "3"));
        dump = opts.containsKey("dump") ? Path.of(opts.get("dump")) : null;
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
                boolean reuse = reuse(opts) && Files.exists(dir.resolve("bench.mv.db"));
                if (!reuse) deleteTree(dir);
                String url = "jdbc:h2:file:" + dir.resolve("bench") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
                HikariDataSource ds = pool(url, "sa", "");
                Cpu.dataDir = null;
                results.add(run("H2 2.4 (file)", "h2", ds, server, households, engine, json, reuse));
                ds.close();
            } else {
                Path dir = work.resolve("pg");
                boolean reuse = reuse(opts) && Files.exists(dir.resolve("postgresql.conf"));
                if (!reuse) deleteTree(dir);
                Cpu.dataDir = dir.toString();
                try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false).start()) {
                    HikariDataSource ds = pool(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
                    ds.setMaximumPoolSize(8);
                    results.add(run("PostgreSQL (embedded, zonky)", "postgresql", ds, server, households, engine, json, reuse));
                    ds.close();
                }
            }
        }
        write(out, results, households);
    }

    /** --reuse true keeps the databases of an earlier run of the same size (the registry; its monitoring is emptied). */
    private static boolean reuse(Map<String, String> opts) {
        return Boolean.parseBoolean(opts.getOrDefault("reuse", opts.getOrDefault("reuse-h2", "false")));
    }

    private static int reruns;

    private static final JsonMapper CANON = JsonMapper.builder().build();

    /** JSON with the members of every object sorted by name: the order of a profile's parameters varies from JVM to JVM. */
    private static String canonical(tools.jackson.databind.JsonNode node) {
        if (node.isObject()) {
            java.util.TreeMap<String, String> members = new java.util.TreeMap<>();
            for (var e : node.properties()) members.put(e.getKey(), canonical(e.getValue()));
            StringBuilder s = new StringBuilder("{");
            members.forEach((k, v) -> s.append(s.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
            return s.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder s = new StringBuilder("[");
            for (var e : node) s.append(s.length() > 1 ? "," : "").append(canonical(e));
            return s.append(']').toString();
        }
        return node.toString();
    }

    /** With --dump DIR, every alert of the first run is written there as text (to compare two versions of the code). */
    private static Path dump;

    /** A connection pool as the server has (HikariCP): a full run reads its ranges of households on connections of their own. */
    private static HikariDataSource pool(String url, String user, String password) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(url);
        ds.setUsername(user);
        ds.setPassword(password);
        ds.setMaximumPoolSize(8);
        ds.setMinimumIdle(1);
        return ds;
    }

    /** Ranges of households read and evaluated at once, as RunService does. */
    private static final int READERS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private static Figures run(String name, String vendor, HikariDataSource ds, Path server, int n, RuleEngine engine,
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
                s.execute("truncate table monitoring_alert");
                s.execute("truncate table monitoring_run");
                s.execute("drop index if exists monitoring_alert_household"); // V41, V42 and V44, on a database kept from before them
                s.execute("alter table monitoring_alert add column if not exists reason_local varchar(1000)");
                if (vendor.equals("postgresql") && new JdbcTemplate(ds).queryForObject(
                        "select count(*) from pg_indexes where indexname = 'monitoring_alert_scope_pattern'", Long.class) == 0) {
                    s.execute(Files.readString(migrations.resolve("postgresql/V42__monitoring_alert_scope_pattern_index.sql")));
                }
            }
            persons = new JdbcTemplate(ds).queryForObject("select count(*) from person", Long.class);
            dept = new JdbcTemplate(ds).queryForObject("select count(*) from monitoring_dept_record", Long.class);
            long have = new JdbcTemplate(ds).queryForObject("select count(*) from household", Long.class);
            if (have != n) throw new IllegalStateException("the kept database has " + have + " households, not " + n);
            load = Double.NaN;
        } else {
            System.err.println("bench: " + name + ": creating the schema and " + n + " households");
            try (Statement s = con.createStatement()) {
            s.execute(Files.readString(migrations.resolve("common/V3__registry.sql")).replace("references org_unit(id)", ""));
            s.execute("create index household_scope_pattern_bench on household(org_path" + (vendor.equals("postgresql") ? " varchar_pattern_ops" : "") + ", id)");
            s.execute(Files.readString(migrations.resolve("common/V10__registry_bulk_indexes.sql")));
            s.execute(Files.readString(migrations.resolve(vendor + "/V11__household_status_scope_index.sql")));
            s.execute(Files.readString(migrations.resolve("common/V40__monitoring.sql")));
            s.execute(Files.readString(migrations.resolve("common/V41__monitoring_alert_one_household_index.sql")));
            if (vendor.equals("postgresql")) s.execute(Files.readString(migrations.resolve("postgresql/V42__monitoring_alert_scope_pattern_index.sql")));
            s.execute(Files.readString(migrations.resolve("common/V44__monitoring_alert_local_reason.sql")));
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
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(ds);
        TransactionTemplate tx = new TransactionTemplate(transactions);
        TransactionTemplate read = new TransactionTemplate(transactions);
        read.setReadOnly(true);
        RegistryStream registry = new RegistryStream(jdbc, transactions);
        AlertRepository alerts = new AlertRepository(JdbcClient.create(jdbc), jdbc, json);
        DeptRepository deptData = new DeptRepository(JdbcClient.create(jdbc), jdbc);
        LocalDate today = LocalDate.now();

        java.util.concurrent.atomic.AtomicLong count = new java.util.concurrent.atomic.AtomicLong();
        registry.forEachInCountry("CN", engine.fields(), READERS, part -> h -> count.incrementAndGet()); // warms the JIT and the caches
        t0 = System.nanoTime();
        registry.forEachInCountry("CN", engine.fields(), READERS, part -> {
            long[] mine = {0};
            return h -> {
                if (++mine[0] % 10_000 == 0) count.addAndGet(10_000);
            };
        });
        double readOnly = seconds(t0);
        System.err.println("bench: " + name + ": read pass " + readOnly + " s");

        // The first run in this fresh JVM compiles the code that writes alerts as it goes; a server has run it before (on
        // other countries, earlier screenings, single households). So, as bench/measure does, the first run is timed twice:
        // cold, then again on emptied alerts in the warmed JVM. Both are reported.
        Evaluation.Outcome cold = fullRun(registry, alerts, deptData, engine, json, tx, read, today);
        double coldFirstSeconds = lastSeconds;
        String coldDigest = digest(jdbc, null);
        System.err.println("bench: " + name + ": first full run, cold JVM " + coldFirstSeconds + " s, " + cold.created() + " new alerts of "
                + cold.found() + ", digest " + coldDigest);
        jdbc.execute("truncate table monitoring_alert");
        jdbc.execute("truncate table monitoring_run");
        if (vendor.equals("postgresql")) jdbc.execute("checkpoint"); // the cold run's writes are not flushed during the timed one
        Evaluation.Outcome first = fullRun(registry, alerts, deptData, engine, json, tx, read, today);
        double firstSeconds = lastSeconds;
        String firstDigest = digest(jdbc, dump == null ? null : dump.resolve(vendor + "-first.txt"));
        System.err.println("bench: " + name + ": first full run, warmed JVM " + firstSeconds + " s, " + first.created() + " new alerts of "
                + first.found() + ", digest " + firstDigest);
        if (!firstDigest.equals(coldDigest) || first.created() != cold.created())
            throw new IllegalStateException("the two first runs wrote different alerts");
        // how the alert list of one county is found (the scope index, V42 on PostgreSQL)
        String path = first.created() == 0 ? "/" : jdbc.queryForObject("select org_path from monitoring_alert order by id limit 1", String.class);
        String county = path.substring(0, path.lastIndexOf('/', path.lastIndexOf('/', path.length() - 2) - 1) + 1);
        System.err.println("bench: " + name + ": the open alerts of " + county + ": "
                + String.join(" / ", jdbc.queryForList("explain select id from monitoring_alert where resolved_run_id is null and org_path like '"
                + county + "%' order by id limit 50", String.class)).replaceAll("\\s+", " "));
        Evaluation.Outcome rerun = null;
        double rerunSeconds = Double.MAX_VALUE;
        for (int i = 0; i < reruns; i++) { // the best of a few: the machine is shared
            rerun = fullRun(registry, alerts, deptData, engine, json, tx, read, today);
            rerunSeconds = Math.min(rerunSeconds, lastSeconds);
            if (rerun.created() != 0 || !rerun.gone().isEmpty()) throw new IllegalStateException("a rerun on unchanged data changed alerts");
        }
        System.err.println("bench: " + name + ": rerun " + rerunSeconds + " s, " + rerun.created() + " new alerts, "
                + rerun.gone().size() + " resolved, digest " + digest(jdbc, null));

        SplittableRandom r = new SplittableRandom(3);
        double[] unchanged = new double[300];
        for (int i = 0; i < unchanged.length; i++) {
            long id = 1 + r.nextInt(n);
            long s = System.nanoTime();
            Evaluation.Outcome o = incremental(id, registry, alerts, deptData, engine, json, tx, read, today);
            unchanged[i] = (System.nanoTime() - s) / 1e6;
            if (o.created() != 0) throw new IllegalStateException("an unchanged household got a new alert");
        }
        double[] changed = new double[100];
        for (int i = 0; i < changed.length; i++) {
            long id = 1 + r.nextInt(n);
            Double income = jdbc.queryForObject("select annual_income from household where id = ?", Double.class, id);
            jdbc.update("update household set annual_income = ?, version = version + 1 where id = ?", 1000 + r.nextInt(2000), id);
            long s = System.nanoTime();
            incremental(id, registry, alerts, deptData, engine, json, tx, read, today);
            changed[i] = (System.nanoTime() - s) / 1e6;
            // as it was, so that a kept database (--reuse) gives the same alerts again
            jdbc.update("update household set annual_income = ?, version = version - 1 where id = ?", income, id);
        }
        Arrays.sort(unchanged);
        Arrays.sort(changed);
        return new Figures(name, n, persons, dept, load, readOnly, coldFirstSeconds, firstSeconds, first.created(), first.found(), rerunSeconds,
                rerun.created(), unchanged, changed, engine.ruleCount());
    }

    private static double lastSeconds;

    /** CPU seconds used by this JVM and by the PostgreSQL server processes (from /proc), to tell work from waiting on a shared machine. */
    private record Cpu(double jvm, double gc, double db, double jit) {
        Cpu(double jvm, double gc, double db) {
            this(jvm, gc, db, compiled());
        }

        static double compiled() {
            return java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime() / 1e3;
        }

        /** The data directory of the PostgreSQL server being measured (its postmaster and that one's children count), or null. */
        static volatile String dataDir;

        static Cpu now() {
            double jvm = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
            double db = 0;
            double gc = 0;
            for (var b : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) gc += b.getCollectionTime() / 1e3;
            if (dataDir == null) return new Cpu(jvm, gc, 0);
            try (var procs = Files.list(Path.of("/proc"))) {
                Map<Long, double[]> ticks = new HashMap<>(); // pid -> ppid, cpu seconds
                long postmaster = -1;
                for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                    try {
                        String stat = Files.readString(p.resolve("stat"));
                        String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                        if (!comm.equals("postgres")) continue;
                        long pid = Long.parseLong(p.getFileName().toString());
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks.put(pid, new double[] {Long.parseLong(f[1]), (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0}); // utime, stime in ticks
                        if (Files.readString(p.resolve("cmdline")).contains(dataDir)) postmaster = pid;
                    } catch (IOException | RuntimeException gone) {
                        // the process ended meanwhile
                    }
                }
                for (var e : ticks.entrySet()) {
                    if (e.getKey() == postmaster || e.getValue()[0] == postmaster) db += e.getValue()[1];
                }
            } catch (IOException e) {
                return new Cpu(jvm, gc, Double.NaN);
            }
            return new Cpu(jvm, gc, db);
        }

        String since() {
            Cpu n = now();
            return String.format("CPU: this JVM %.2f s (GC %.2f s, JIT %.2f s), database %.2f s", n.jvm - jvm, n.gc - gc, compiled() - jit, n.db - db);
        }
    }

    /** A digest of every alert's household, rule, fingerprint, reasons, evidence and state: equal alerts, equal digest. */
    private static String digest(JdbcTemplate jdbc, Path to) {
        try (var out = to == null ? null : Files.newBufferedWriter(to)) {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            jdbc.query("select household_id, household_code, org_path, rule_id, risk_type, severity, reason, reason_zh, evidence, fingerprint, "
                    + "profile_version, resolved_run_id is null from monitoring_alert order by household_id, rule_id, fingerprint", rs -> {
                for (int i = 1; i <= 12; i++) {
                    String v = i == 9 ? canonical(CANON.readTree(rs.getString(i))) : String.valueOf(rs.getObject(i));
                    md.update(v.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    md.update((byte) 0);
                    if (out != null) try {
                        out.write(v);
                        out.write(i == 12 ? '\n' : '\t');
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
            return java.util.HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** As RunService does for a full run of a country by a global actor. */
    private static Evaluation.Outcome fullRun(RegistryStream registry, AlertRepository alerts, DeptRepository dept, RuleEngine engine,
                                              JsonMapper json, TransactionTemplate tx, TransactionTemplate read, LocalDate today) {
        long t0 = System.nanoTime();
        Cpu cpu = Cpu.now();
        long runId = tx.execute(s -> alerts.insertRun("CN", "FULL", "CN", 1, "/", "bench", "bench", null));
        OpenAlerts open = alerts.openAlerts("country_code = ? and 1=1", List.of("CN"), engine.ruleIds());
        var records = dept.forCountry("CN");
        long t1 = System.nanoTime();
        long[] t2 = new long[1];
        Cpu[] writeStart = new Cpu[1];
        String[] evaluateCpu = new String[1];
        Evaluation.Outcome o = tx.execute(s -> { // as RunService: the new alerts written as they are found, in the run's transaction
            Evaluation.Outcome outcome;
            try (AlertRepository.Inserting inserting = alerts.inserting(runId)) {
                outcome = Evaluation.run(engine, 1, today, open, records,
                        parts -> registry.forEachInCountry("CN", engine.fields(), READERS, parts), json, done -> { }, inserting::write, true);
                t2[0] = System.nanoTime();
                evaluateCpu[0] = cpu.since();
                writeStart[0] = Cpu.now();
                inserting.finish();
            }
            alerts.resolve(runId, outcome.gone());
            alerts.finishRun(runId, "SUCCEEDED", outcome.households(), outcome.found(), outcome.created(), outcome.gone().size(), null);
            return outcome;
        });
        lastSeconds = seconds(t0);
        System.err.printf("bench:   open alerts and records %.2f s, read, evaluate and write as found %.2f s (%s), rest of the write %.2f s (%s)%n", (t1 - t0) / 1e9,
                (t2[0] - t1) / 1e9, evaluateCpu[0], (System.nanoTime() - t2[0]) / 1e9, writeStart[0].since());
        return o;
    }

    /** As RunService.evaluate does for one household. */
    private static Evaluation.Outcome incremental(long id, RegistryStream registry, AlertRepository alerts, DeptRepository dept,
                                                  RuleEngine engine, JsonMapper json, TransactionTemplate tx, TransactionTemplate read,
                                                  LocalDate today) {
        List<Household> list = read.execute(s -> registry.withoutIdentifiers(List.of(id)));
        long runId = tx.execute(s -> alerts.insertRun("CN", "INCREMENTAL", "CN", 1, "/", "bench", "bench", null));
        OpenAlerts open = alerts.openAlerts("household_id in (?)", List.of(id), engine.ruleIds());
        var records = dept.forHouseholds(List.of(id));
        return tx.execute(s -> {
            Evaluation.Outcome o;
            try (AlertRepository.Inserting inserting = alerts.inserting(runId)) {
                o = Evaluation.run(engine, 1, today, open, records, parts -> list.forEach(parts.apply(0)), json, done -> { }, inserting::write, true);
                inserting.finish();
            }
            alerts.resolve(runId, o.gone());
            alerts.finishRun(runId, "SUCCEEDED", o.households(), o.found(), o.created(), o.gone().size(), null);
            return o;
        });
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
                .append("server's migrations (V3, V10, V11, V40, V41, V42 on PostgreSQL). Rules: the Chinese profile (CN.json), ").append(results.isEmpty() ? 0 : results.getFirst().rules())
                .append(" rules. Code: the server's own registry read (`HouseholdRanges` and `HouseholdRepository.forEachWhere`: the fields the ")
                .append("rules use, one range of household ids per core, each on its own pooled connection, households and members merged by id), ")
                .append("`RuleEngine`, `Evaluation`, `OpenAlerts` and `AlertRepository`, compiled from its sources; each full run reads every ")
                .append("household and member from the database, evaluates every rule, and writes its alerts in one transaction. The first run is timed ")
                .append("twice: in the fresh JVM (cold: the JIT compiles as it runs) and then, its alerts deleted, again in the warmed JVM, as ")
                .append("a running server would do it (the same alerts both times). The rerun is the best of ").append(reruns).append(".\n\n");
        s.append("| database | households | persons | load (s) | read pass (s) | first full run, cold JVM (s) | first full run, warmed (s) | alerts written | findings | rerun, unchanged data (s) | new alerts on rerun | one household, unchanged: median / p95 (ms) | one household after a change: median / p95 (ms) |\n");
        s.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Figures f : results) {
            s.append("| ").append(f.db()).append(" | ").append(String.format("%,d", f.households())).append(" | ").append(String.format("%,d", f.persons()))
                    .append(" | ").append(f.loadSeconds()).append(" | ").append(f.readSeconds()).append(" | ").append(f.coldFirstSeconds())
                    .append(" | ").append(f.firstSeconds())
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
