package org.prosper.bench.registry;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import tools.jackson.databind.JsonNode;

/**
 * The registry benchmark: imports a generated file of 100,000 and of 1,000,000 households (about 4 persons each)
 * through the running server into PostgreSQL and into H2, then times the scoped, filtered, paged household list and
 * a full export on the 1,000,000-household registry. Writes RESULTS.md.
 *
 * <p>Usage: RegistryBench --jar prosper-server.jar --work DIR --out RESULTS.md [--households 1000000] [--small 100000]
 * [--h2-households N] [--requests 1000] [--dbs postgres,h2] [--heap 512m]
 */
public final class RegistryBench {

    record ImportRun(String db, long registryBefore, int households, long persons, long bytes, double uploadSeconds, long importMillis,
                     double wallSeconds, long baselineMb, long liveMb, int samples, long gcMaxMb, double serverCpu,
                     double databaseCpu) {

        /** Households per second if each side had a core of its own: the busier side sets the pace. */
        double capacity() {
            double busier = Math.max(serverCpu, Double.isNaN(databaseCpu) ? 0 : databaseCpu);
            return busier <= 0 ? Double.NaN : households / busier;
        }
    }

    record ListRun(String db, String scenario, String query, int requests, double p50, double p95, double p99, double max,
                   long total) {
    }

    record ExportRun(String db, long households, long rows, long bytes, double seconds) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        Path jar = Path.of(o.get("jar")).toAbsolutePath();
        Path work = Path.of(o.getOrDefault("work", "target/bench")).toAbsolutePath();
        Path out = Path.of(o.getOrDefault("out", "RESULTS.md")).toAbsolutePath();
        int large = Integer.parseInt(o.getOrDefault("households", "1000000"));
        int small = Integer.parseInt(o.getOrDefault("small", "100000"));
        // H2 takes several times longer than PostgreSQL; a shorter run can give it its own large size
        int h2Large = Integer.parseInt(o.getOrDefault("h2-households", Integer.toString(large)));
        int requests = Integer.parseInt(o.getOrDefault("requests", "1000"));
        String heap = o.getOrDefault("heap", "512m");
        List<String> dbs = List.of(o.getOrDefault("dbs", "postgres,h2").split(","));
        Files.createDirectories(work);

        Map<Integer, HouseholdFile.Written> files = new LinkedHashMap<>();
        for (int n : java.util.stream.IntStream.of(small, large, h2Large).distinct().toArray()) {
            if (n == h2Large && !dbs.contains("h2") && n != large && n != small) continue;
            Path file = work.resolve("households-" + n + ".csv");
            long t = System.nanoTime();
            files.put(n, HouseholdFile.write(file, n, 20_261_122L + n));
            log("generated %s: %,d households, %,d persons, %,d bytes in %.1f s", file.getFileName(), n,
                    files.get(n).persons(), files.get(n).bytes(), (System.nanoTime() - t) / 1e9);
        }

        Path more = work.resolve("households-" + small + "-more.csv");
        HouseholdFile.Written moreFile = dbs.contains("postgres") && small < large
                ? HouseholdFile.write(more, small, 20_261_203L + small, large) : null;

        List<ImportRun> imports = new ArrayList<>();
        List<ListRun> lists = new ArrayList<>();
        List<ExportRun> exports = new ArrayList<>();
        Map<String, Settled> settled = new LinkedHashMap<>();
        String postgresVersion = null;
        Path pgData = work.resolve("pgdata");
        EmbeddedPostgres postgres = dbs.contains("postgres") ? EmbeddedPostgres.builder().setCleanDataDirectory(true)
                .setDataDirectory(pgData).setServerConfig("shared_buffers", "256MB").setServerConfig("max_wal_size", "4GB").start() : null;
        POSTGRES_DATA = postgres == null ? null : pgData;
        try {
            for (String db : dbs) {
                int dbLarge = db.equals("h2") ? h2Large : large;
                for (int n : new int[] {small, dbLarge}) {
                    Path dir = work.resolve(db + "-" + n);
                    deleteTree(dir);
                    List<String> properties = new ArrayList<>();
                    if (db.equals("postgres")) {
                        String name = "bench_" + n;
                        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                            s.execute("drop database if exists " + name);
                            s.execute("create database " + name);
                            try (ResultSet rs = s.executeQuery("select version()")) {
                                rs.next();
                                postgresVersion = rs.getString(1);
                            }
                        }
                        properties.add("-Dspring.datasource.url=" + postgres.getJdbcUrl("postgres", name));
                        properties.add("-Dspring.datasource.username=postgres");
                        properties.add("-Dspring.datasource.password=postgres");
                    }
                    try (ServerProcess server = new ServerProcess(jar, dir, heap, properties)) {
                        server.awaitReady(Duration.ofMinutes(5));
                        Api api = new Api(server.base);
                        String admin = api.token("admin");
                        imports.add(importOnce(db, 0, n, work.resolve("households-" + n + ".csv"), files.get(n), server, api, admin,
                                db.equals("postgres")));
                        if (n == dbLarge) {
                            Settled quiet = settle(server, db.equals("postgres") ? postgres.getDatabase("postgres", "bench_" + n) : null);
                            lists.addAll(listBench(db, api, requests));
                            settled.put(db, new Settled(quiet.seconds(), quiet.loadBefore(), loadAverage()));
                            exports.add(exportOnce(db, api, admin));
                            if (db.equals("postgres") && small < n) {
                                // a district's or a province's file into the national registry: written beside other users
                                settle(server, postgres.getDatabase("postgres", "bench_" + n));
                                imports.add(importOnce(db, n, small, more, moreFile, server, api, admin, true));
                            }
                        }
                    }
                }
            }
        } finally {
            if (postgres != null) postgres.close();
        }
        String results = results(imports, lists, exports, settled, heap, postgresVersion, requests);
        Files.writeString(out, results);
        System.out.println(results);
    }

    private static Path POSTGRES_DATA;

    /** CPU seconds used so far by PostgreSQL's processes (the postmaster's descendants that are still alive). */
    private static double postgresCpu() throws Exception {
        if (POSTGRES_DATA == null) return Double.NaN;
        long pid = Long.parseLong(Files.readAllLines(POSTGRES_DATA.resolve("postmaster.pid")).getFirst().strip());
        var postmaster = ProcessHandle.of(pid).orElseThrow();
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(postmaster), postmaster.descendants())
                .mapToDouble(p -> p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0)).sum();
    }

    private static ImportRun importOnce(String db, long registryBefore, int n, Path path, HouseholdFile.Written file,
                                        ServerProcess server, Api api, String token, boolean postgres) throws Exception {
        server.fullGc();
        double before = server.uptime();
        long[] baseline = server.heapAfterGc(0, before + 1);
        // Sample the live heap with a full GC one second in and every fifteen seconds: the young-GC figures of G1
        // include garbage not yet collected from the old generation and would grow with time, not with memory held.
        // Each sample pauses the server (under a second), so they are kept few.
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> {
            try {
                server.fullGc();
            } catch (Exception ignored) {
                // a sample less
            }
        }, 1, 15, TimeUnit.SECONDS);
        double serverCpuBefore = server.cpuSeconds();
        double databaseCpuBefore = postgres ? postgresCpu() : Double.NaN;
        long start = System.nanoTime();
        String id;
        JsonNode job;
        double uploadSeconds;
        try {
            id = api.upload(token, path, "all-or-nothing");
            uploadSeconds = (System.nanoTime() - start) / 1e9;
            job = api.awaitJob(token, id, Duration.ofHours(2));
        } finally {
            sampler.shutdownNow();
            sampler.awaitTermination(10, TimeUnit.SECONDS);
        }
        double wall = (System.nanoTime() - start) / 1e9;
        double after = server.uptime();
        double serverCpu = server.cpuSeconds() - serverCpuBefore;
        double databaseCpu = postgres ? postgresCpu() - databaseCpuBefore : Double.NaN;
        long[] during = server.fullGcHeap(before + 0.5, after);
        JsonNode r = job.path("result");
        if (!"SUCCEEDED".equals(job.path("state").asString())) throw new IllegalStateException("import failed: " + job);
        long imported = r.path("importedHouseholds").asLong();
        if (imported != n) throw new IllegalStateException("imported " + imported + " of " + n);
        long[] young = server.heapAfterGc(before + 0.5, after);
        ImportRun run = new ImportRun(db, registryBefore, n, r.path("importedPersons").asLong(), file.bytes(), uploadSeconds,
                r.path("millis").asLong(), wall, baseline[1], during[0], (int) during[1], young[0], serverCpu, databaseCpu);
        log("%s %,d households: %,d ms in the server (%,.0f households/s), upload %.1f s, CPU server %.1f s / database %.1f s, "
                        + "live heap %d MB (baseline %d MB)", db, n, run.importMillis(), n * 1000.0 / run.importMillis(), uploadSeconds,
                serverCpu, databaseCpu, run.liveMb(), run.baselineMb());
        return run;
    }

    record Settled(double seconds, String loadBefore, String loadAfter) {
    }

    /**
     * Waits until the server and the database are idle: an import is followed by work of its own (the monitoring update
     * runs of the imported countries, autovacuum and analyze of the new rows), which would otherwise be timed with the
     * list as if it were the list's. Idle is under a tenth of a core for five seconds running, each side, and on
     * PostgreSQL nothing left for autovacuum in the registry's tables (its own rule: no more rows inserted since the last
     * vacuum than 1,000 + 20% of the table; autovacuum may start a minute after an import, after five idle seconds); at
     * most ten minutes. The list is then timed on the registry as users find it once the import has settled.
     */
    private static Settled settle(ServerProcess server, javax.sql.DataSource database) throws Exception {
        boolean postgres = database != null;
        long start = System.nanoTime();
        while (postgres && vacuumPending(database) && System.nanoTime() - start < Duration.ofMinutes(10).toNanos()) Thread.sleep(1000);
        int quiet = 0;
        double server0 = server.cpuSeconds();
        double database0 = postgres ? postgresCpu() : 0;
        while (quiet < 5 && System.nanoTime() - start < Duration.ofMinutes(10).toNanos()) {
            Thread.sleep(1000);
            double server1 = server.cpuSeconds();
            double database1 = postgres ? postgresCpu() : 0;
            // a database process that ended takes its CPU time with it: a drop is not taken for quiet
            boolean idle = server1 - server0 < 0.1 && database1 - database0 < 0.1 && database1 >= database0;
            quiet = idle ? quiet + 1 : 0;
            server0 = server1;
            database0 = database1;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String load = loadAverage();
        log("settled after %.0f s (server and database idle for 5 s%s), load average %s", seconds,
                postgres ? ", autovacuum done" : "", load);
        return new Settled(seconds, load, null);
    }

    /** Whether autovacuum would still vacuum household or person for the rows inserted into them. */
    private static boolean vacuumPending(javax.sql.DataSource database) throws Exception {
        try (Connection c = database.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "select count(*) from pg_stat_user_tables where relname in ('household', 'person') "
                        + "and n_ins_since_vacuum > 1000 + 0.2 * n_live_tup")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }

    private static String loadAverage() throws Exception {
        String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return parts[0] + " " + parts[1] + " " + parts[2];
    }

    private static List<ListRun> listBench(String db, Api api, int requests) throws Exception {
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String user : List.of("coordinator-kh", "officer-kh", "admin", "coordinator-cn")) tokens.put(user, api.token(user));
        long angchork = api.getJson(tokens.get("admin"), "/api/v1/org-units?q=KH-PILOT-ANGCHORK").path(0).path("id").asLong();
        record Scenario(String name, String user, String query) {
        }
        List<Scenario> scenarios = List.of(
                new Scenario("country coordinator, status filter", "coordinator-kh", "status=POOR"),
                new Scenario("country coordinator, no filter", "coordinator-cn", ""),
                new Scenario("local officer (district)", "officer-kh", "status=NOT_POOR"),
                new Scenario("admin, country + status", "admin", "country=CN&status=NEAR_POOR"),
                new Scenario("admin, village", "admin", "orgUnit=" + angchork),
                new Scenario("admin, whole registry", "admin", ""));
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 120; i++) {
            Scenario s = scenarios.get(i % scenarios.size());
            api.get(tokens.get(s.user()), "/api/v1/households?size=20&page=" + random.nextInt(50) + "&" + s.query());
        }
        Map<Scenario, List<Double>> times = new LinkedHashMap<>();
        Map<Scenario, Long> totals = new LinkedHashMap<>();
        List<Double> all = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            Scenario s = scenarios.get(i % scenarios.size());
            String path = "/api/v1/households?size=20&page=" + random.nextInt(50) + "&" + s.query();
            long t = System.nanoTime();
            HttpResponse<String> response = api.get(tokens.get(s.user()), path);
            double ms = (System.nanoTime() - t) / 1e6;
            times.computeIfAbsent(s, k -> new ArrayList<>()).add(ms);
            all.add(ms);
            if (!totals.containsKey(s)) {
                totals.put(s, new tools.jackson.databind.json.JsonMapper().readTree(response.body()).path("total").asLong());
            }
        }
        List<ListRun> runs = new ArrayList<>();
        for (var e : times.entrySet()) {
            runs.add(stats(db, e.getKey().name() + " (" + e.getKey().user() + ")", e.getKey().query(), e.getValue(), totals.get(e.getKey())));
        }
        runs.add(stats(db, "all requests", "", all, -1));
        for (ListRun r : runs) log("%s list %s: p50 %.1f ms, p99 %.1f ms", db, r.scenario(), r.p50(), r.p99());
        return runs;
    }

    private static ListRun stats(String db, String name, String query, List<Double> ms, long total) {
        double[] sorted = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new ListRun(db, name, query, sorted.length, percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99),
                sorted[sorted.length - 1], total);
    }

    private static double percentile(double[] sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static ExportRun exportOnce(String db, Api api, String token) throws Exception {
        long t = System.nanoTime();
        long rows = -1;
        long bytes = 0;
        try (var in = api.stream(token, "/api/v1/households/export?format=csv")) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                bytes += n;
                for (int i = 0; i < n; i++) if (buffer[i] == '\n') rows++;
            }
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        log("%s export: %,d rows, %,d bytes in %.1f s", db, rows, bytes, seconds);
        return new ExportRun(db, -1, rows, bytes, seconds);
    }

    private static String results(List<ImportRun> imports, List<ListRun> lists, List<ExportRun> exports, Map<String, Settled> settled, String heap,
                                  String postgresVersion, int requests) throws Exception {
        StringBuilder s = new StringBuilder();
        s.append("# Registry benchmark: results\n\n");
        s.append("Measured on ").append(LocalDate.now()).append(" by `bench/registry/run.sh` (figures from this run only).\n\n");
        s.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores (").append(cpu()).append("), ")
                .append(memory()).append(" RAM, shared with other work; JDK ").append(System.getProperty("java.version"))
                .append("; server heap -Xmx").append(heap).append("; ").append(postgresVersion == null ? "" : postgresVersion.split(",")[0])
                .append(" (embedded, shared_buffers 256MB) and H2 (file database) on the same disk.\n\n");
        s.append("## Import through the running server (CSV upload, all-or-nothing)\n\n");
        s.append("| database | registry before (+ demo) | households | persons | file | upload | import in the server | households/s | wall (upload + import) | CPU s: server / PostgreSQL | households per CPU-second of the busier side | live heap before | live heap during import (max of full-GC samples) |\n");
        s.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (ImportRun r : imports) {
            s.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %,d | %,d MB | %.1f s | %.1f s | **%,.0f** | %.1f s | %.1f / %s | %,.0f | %d MB | %d MB (%d samples) |\n",
                    r.db(), r.registryBefore(), r.households(), r.persons(), r.bytes() / 1_000_000, r.uploadSeconds(), r.importMillis() / 1000.0,
                    r.households() * 1000.0 / r.importMillis(), r.wallSeconds(), r.serverCpu(),
                    Double.isNaN(r.databaseCpu()) ? "(in the server)" : String.format(Locale.ROOT, "%.1f", r.databaseCpu()),
                    r.capacity(), r.baselineMb(), r.liveMb(), r.samples()));
        }
        s.append("\nOn PostgreSQL an import at least as large as the registry is loaded with the registry's tables locked and their "
                + "indexes built afterwards (IMPORT.md); the last PostgreSQL row is a file imported into the large registry, "
                + "written beside other users. ");
        s.append("CPU seconds include the upload's multipart parsing in the server and the full-GC samples (a few tenths of a second each). "
                + "The server and PostgreSQL work side by side: on an otherwise idle 2-core machine the import cannot go faster than "
                + "the busier side allows, which is the 'per CPU-second' column.\n");
        s.append("\n## Household list API on the largest registry of each database (").append(String.format(Locale.ROOT, "%,d", requests))
                .append(" requests, page size 20, random page 0-49, one client, bearer token)\n\n");
        s.append("| database | scenario | query | matching households | p50 ms | p95 ms | p99 ms | max ms |\n| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (ListRun r : lists) {
            s.append(String.format(Locale.ROOT, "| %s | %s | `%s` | %s | %.1f | %.1f | **%.1f** | %.1f |\n", r.db(), r.scenario(), r.query(),
                    r.total() < 0 ? "" : String.format(Locale.ROOT, "%,d", r.total()), r.p50(), r.p95(), r.p99(), r.max()));
        }
        s.append("\nThe list is timed once the import has settled: the server and the database idle (under a tenth of a core for 5 s "
                + "each), after the monitoring update runs an import starts and, on PostgreSQL, once autovacuum has vacuumed the new "
                + "rows (nothing left by its own rule; it may start a minute after the import).");
        for (var e : settled.entrySet()) {
            s.append(String.format(Locale.ROOT, " %s: settled %.0f s after the import, load average (1, 5, 15 min) %s before the list, %s after.",
                    e.getKey(), e.getValue().seconds(), e.getValue().loadBefore(), e.getValue().loadAfter()));
        }
        s.append('\n');
        s.append("\n## Full CSV export of the largest registry (admin, streamed)\n\n");
        s.append("| database | rows | size | seconds | rows/s |\n| --- | ---: | ---: | ---: | ---: |\n");
        for (ExportRun e : exports) {
            s.append(String.format(Locale.ROOT, "| %s | %,d | %,d MB | %.1f | %,.0f |\n", e.db(), e.rows(), e.bytes() / 1_000_000,
                    e.seconds(), e.rows() / e.seconds()));
        }
        return s.toString();
    }

    private static String cpu() throws Exception {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown CPU");
    }

    private static String memory() throws Exception {
        return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024 / 1024 + " GB").findFirst().orElse("?");
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        if (!o.containsKey("jar")) throw new IllegalArgumentException("usage: --jar prosper-server.jar [--work DIR] [--out RESULTS.md] " + Arrays.toString(args));
        return o;
    }

    private static void deleteTree(Path dir) throws Exception {
        if (!Files.exists(dir)) return;
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private static void log(String format, Object... args) {
        System.err.println("bench: " + String.format(Locale.ROOT, format, args));
    }
}
