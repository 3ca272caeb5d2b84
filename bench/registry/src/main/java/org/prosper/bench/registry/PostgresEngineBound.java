package org.prosper.bench.registry;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * How fast PostgreSQL itself can take a national load the way the server's exclusive load writes it, with nothing else
 * to do: the bound on the import into PostgreSQL on this machine. Imports the household file once through the running
 * server (on the same embedded PostgreSQL and settings as {@link RegistryBench}), copies the imported households and
 * persons out in COPY's binary format (the format the import sends), and then, several times, empties the registry,
 * checkpoints, and times one transaction doing what the import's connection does: lock the two tables, drop their
 * indexes and switch off the reference-check triggers, COPY the households and the persons, build the indexes again,
 * switch the triggers on, analyze the households, commit. The rows come from files already in memory, so the time is
 * PostgreSQL's (and the socket's) alone.
 *
 * <p>Usage: {@code java -cp "target/classes:target/lib/*" org.prosper.bench.registry.PostgresEngineBound <prosper-server.jar>
 * <households.csv> <work folder> [rounds]}
 */
public final class PostgresEngineBound {

    private static final String HOUSEHOLD_COLUMNS = "id, code, org_unit_id, country_code, org_path, address, latitude, longitude, "
            + "head_name, head_national_id, phone, housing_structure, housing_condition, floor_area, assets, water_source, sanitation, "
            + "cooking_fuel, electricity, land_area, registration_status, annual_income, income_currency, income_year";
    private static final String PERSON_COLUMNS = "household_id, line_no, full_name, national_id, sex, birth_date, relation, ethnicity, "
            + "education, in_school, disability, health_insurance, labour_capacity, occupation, migrant_worker";
    private static final List<String> TRIGGERS = List.of("person person_household_insert", "household household_unit_insert");

    private record Timing(double lock, double copyHouseholds, double copyPersons, double indexes, double analyze, double commit,
                          double postgresCpu) {
        double total() {
            return lock + copyHouseholds + copyPersons + indexes + analyze + commit;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) throw new IllegalArgumentException("usage: PostgresEngineBound <prosper-server.jar> <households.csv> <work folder> [rounds]");
        Path jar = Path.of(args[0]).toAbsolutePath(), csv = Path.of(args[1]).toAbsolutePath(), work = Path.of(args[2]).toAbsolutePath();
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        Files.createDirectories(work);
        Path pgData = work.resolve("pgdata");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setCleanDataDirectory(true).setDataDirectory(pgData)
                .setServerConfig("shared_buffers", "256MB").setServerConfig("max_wal_size", "4GB").start()) {
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("create database engine");
            }
            long firstImported;
            try (ServerProcess server = new ServerProcess(jar, work.resolve("server"), "512m", List.of(
                    "-Dspring.datasource.url=" + postgres.getJdbcUrl("postgres", "engine"),
                    "-Dspring.datasource.username=postgres", "-Dspring.datasource.password=postgres"))) {
                server.awaitReady(Duration.ofMinutes(5));
                Api api = new Api(server.base);
                String admin = api.token("admin");
                try (Connection c = postgres.getDatabase("postgres", "engine").getConnection(); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("select coalesce(max(id), 0) + 1 from household")) {
                    rs.next();
                    firstImported = rs.getLong(1);
                }
                var job = api.awaitJob(admin, api.upload(admin, csv, "all-or-nothing"), Duration.ofHours(1));
                if (!"SUCCEEDED".equals(job.path("state").asString())) throw new IllegalStateException("import failed: " + job);
                System.out.printf(Locale.ROOT, "imported through the server in %,d ms%n", job.path("result").path("millis").asLong());
            }
            Path households = work.resolve("households.copy"), persons = work.resolve("persons.copy");
            long[] counts = new long[2];
            try (Connection c = postgres.getDatabase("postgres", "engine").getConnection()) {
                CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                counts[0] = copyOut(copy, "copy (select " + HOUSEHOLD_COLUMNS + " from household where id >= " + firstImported
                        + " order by id) to stdout (format binary)", households);
                counts[1] = copyOut(copy, "copy (select " + PERSON_COLUMNS + " from person where household_id >= " + firstImported
                        + " order by household_id, line_no) to stdout (format binary)", persons);
            }
            System.out.printf(Locale.ROOT, "%,d households (%,d bytes), %,d persons (%,d bytes) in COPY's binary format; %s; JDK %s%n",
                    counts[0], Files.size(households), counts[1], Files.size(persons), version(postgres), Runtime.version());
            byte[] householdBytes = Files.readAllBytes(households), personBytes = Files.readAllBytes(persons);
            List<Timing> timings = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                Timing t = round(postgres, pgData, firstImported, householdBytes, personBytes);
                timings.add(t);
                System.out.printf(Locale.ROOT, "round %d: lock+drop %.2f  copy households %.2f  copy persons %.2f  indexes %.2f  analyze %.2f  "
                                + "commit %.2f  total %.2f s (%,.0f households/s), PostgreSQL CPU %.1f s%n", r + 1, t.lock(), t.copyHouseholds(),
                        t.copyPersons(), t.indexes(), t.analyze(), t.commit(), t.total(), counts[0] / t.total(), t.postgresCpu());
            }
            Timing m = timings.stream().sorted(Comparator.comparingDouble(Timing::total)).toList().get(timings.size() / 2);
            System.out.println();
            System.out.println("| households | total s | households/s | COPY households s | COPY persons s | index builds s | analyze + commit s | PostgreSQL CPU s |");
            System.out.println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            System.out.printf(Locale.ROOT, "| %,d | %.2f | **%,.0f** | %.2f | %.2f | %.2f | %.2f | %.1f |%n", counts[0], m.total(), counts[0] / m.total(),
                    m.copyHouseholds(), m.copyPersons(), m.indexes(), m.analyze() + m.commit(), m.postgresCpu());
        }
    }

    private static Timing round(EmbeddedPostgres postgres, Path pgData, long firstImported, byte[] households, byte[] persons) throws Exception {
        try (Connection c = postgres.getDatabase("postgres", "engine").getConnection(); Statement s = c.createStatement()) {
            // the demo's households (below firstImported) stay, as they stay before a national load into a new server
            s.execute("delete from person where household_id >= " + firstImported);
            s.execute("delete from household where id >= " + firstImported);
            s.execute("vacuum full person");
            s.execute("vacuum full household");
            s.execute("checkpoint");
        }
        Thread.sleep(2_000);
        try (Connection c = postgres.getDatabase("postgres", "engine").getConnection(); Statement s = c.createStatement()) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            c.setAutoCommit(false);
            double cpu0 = postgresCpu(pgData);
            long t0 = System.nanoTime();
            s.execute("lock table household, person in access exclusive mode");
            List<String[]> indexes = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("""
                    select x.indrelid::regclass::text, pg_get_indexdef(x.indexrelid), quote_ident(c.conname), pg_get_constraintdef(c.oid),
                           x.indexrelid::regclass::text
                      from pg_index x
                      left join pg_constraint c on c.conindid = x.indexrelid and c.conrelid = x.indrelid and c.contype in ('p', 'u')
                     where x.indrelid in ('household'::regclass, 'person'::regclass)
                     order by 1, 5""")) {
                while (rs.next()) indexes.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)});
            }
            for (String[] i : indexes) {
                s.execute(i[2] != null ? "alter table " + i[0] + " drop constraint " + i[2] : "drop index " + i[4]);
            }
            for (String t : TRIGGERS) s.execute("alter table " + t.split(" ")[0] + " disable trigger " + t.split(" ")[1]);
            long t1 = System.nanoTime();
            copy.copyIn("copy household(" + HOUSEHOLD_COLUMNS + ") from stdin (format binary)", new java.io.ByteArrayInputStream(households), 65_536);
            long t2 = System.nanoTime();
            copy.copyIn("copy person(" + PERSON_COLUMNS + ") from stdin (format binary)", new java.io.ByteArrayInputStream(persons), 65_536);
            long t3 = System.nanoTime();
            for (String[] i : indexes) {
                s.execute(i[2] != null ? "alter table " + i[0] + " add constraint " + i[2] + " " + i[3] : i[1]);
            }
            for (String t : TRIGGERS) s.execute("alter table " + t.split(" ")[0] + " enable trigger " + t.split(" ")[1]);
            long t4 = System.nanoTime();
            s.execute("analyze household");
            long t5 = System.nanoTime();
            c.commit();
            long t6 = System.nanoTime();
            double cpu = postgresCpu(pgData) - cpu0;
            return new Timing((t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9, (t5 - t4) / 1e9, (t6 - t5) / 1e9, cpu);
        }
    }

    private static long copyOut(CopyManager copy, String sql, Path file) throws SQLException, IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            return copy.copyOut(sql, out);
        }
    }

    /**
     * CPU seconds used so far by PostgreSQL's processes: the postmaster's live descendants, and those that ended (the
     * parallel workers of an index build) as the postmaster's reaped children in /proc.
     */
    private static double postgresCpu(Path pgData) throws IOException {
        long pid = Long.parseLong(Files.readAllLines(pgData.resolve("postmaster.pid")).getFirst().strip());
        var postmaster = ProcessHandle.of(pid).orElseThrow();
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        double ended = (Long.parseLong(f[13]) + Long.parseLong(f[14])) / 100.0; // cutime, cstime in clock ticks of 1/100 s
        return ended + java.util.stream.Stream.concat(java.util.stream.Stream.of(postmaster), postmaster.descendants())
                .mapToDouble(p -> p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0)).sum();
    }

    private static String version(EmbeddedPostgres postgres) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select version()")) {
            rs.next();
            return rs.getString(1).replaceAll(",.*", "");
        }
    }

    private PostgresEngineBound() {
    }
}
