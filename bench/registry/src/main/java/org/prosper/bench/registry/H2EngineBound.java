package org.prosper.bench.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * How fast H2 itself can take the registry's rows, with nothing else running: the bound on any H2 import. Takes the
 * H2 database a bench run left (households imported through the server), reads its households and persons into
 * memory, and writes them again into an emptied copy, the way the import writes them (JDBC batches of 2,000
 * households and their members), in these variants, alternating, each several times:
 * <ul>
 *   <li>{@code registry}: the registry's schema, one transaction (what the import does);</li>
 *   <li>{@code registry-chunked}: the same, committed after every batch (an import that could be seen half-done);</li>
 *   <li>{@code no-list-indexes}: without the list's three indexes (country, scope, status+scope), built after the commit;</li>
 *   <li>{@code bare}: the tables' primary keys only, no unique, foreign-key or list index (not a usable registry).</li>
 * </ul>
 * Usage: {@code java -cp "target/classes:target/lib/*" org.prosper.bench.registry.H2EngineBound <folder of prosper.mv.db> [rounds]}
 */
public final class H2EngineBound {

    private static final String URL_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    private static final int BATCH = 2_000;
    private static final List<String> LIST_INDEXES = List.of(
            "household_country on household(country_code, id)",
            "household_scope on household(org_path, id)",
            "household_status_scope on household(registration_status, org_path, id)");

    private record Rows(List<Object[]> households, List<Object[]> persons, String householdColumns, String personColumns) {
    }

    private record Timing(double insert, double commit, double indexes) {
        double total() {
            return insert + commit + indexes;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) throw new IllegalArgumentException("usage: H2EngineBound <folder of prosper.mv.db> [rounds]");
        Path source = Path.of(args[0]).toAbsolutePath();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path work = Files.createTempDirectory("h2-engine-bound");
        Path empty = work.resolve("empty");
        Files.createDirectories(empty);
        Files.copy(source.resolve("prosper.mv.db"), empty.resolve("prosper.mv.db"));
        Rows rows;
        try (Connection c = open(empty)) {
            rows = new Rows(read(c, "select * from household order by id"), read(c, "select * from person order by household_id, line_no"),
                    columns(c, "household"), columns(c, "person"));
            exec(c, "set referential_integrity false", "truncate table person", "truncate table household",
                    "set referential_integrity true", "checkpoint sync");
        }
        System.out.printf(Locale.ROOT, "%,d households, %,d persons; H2 %s; JDK %s%n", rows.households().size(), rows.persons().size(),
                org.h2.engine.Constants.FULL_VERSION, Runtime.version());
        Map<String, List<Timing>> results = new LinkedHashMap<>();
        for (String v : List.of("registry", "registry-chunked", "no-list-indexes", "bare")) results.put(v, new ArrayList<>());
        for (int r = 0; r < rounds; r++) {
            for (String variant : results.keySet()) {
                Timing t = run(variant, rows, empty, work.resolve("run"));
                results.get(variant).add(t);
                System.out.printf(Locale.ROOT, "round %d %-17s insert %5.2f s  commit %5.2f s  indexes %5.2f s  total %5.2f s%n",
                        r + 1, variant, t.insert(), t.commit(), t.indexes(), t.total());
            }
        }
        System.out.println();
        System.out.println("| variant | median total s | households/s | insert s | commit s | index builds s |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
        for (var e : results.entrySet()) {
            Timing m = e.getValue().stream().sorted(Comparator.comparingDouble(Timing::total)).toList().get(e.getValue().size() / 2);
            System.out.printf(Locale.ROOT, "| %s | %.2f | %,.0f | %.2f | %.2f | %.2f |%n", e.getKey(), m.total(),
                    rows.households().size() / m.total(), m.insert(), m.commit(), m.indexes());
        }
        delete(work);
    }

    private static Timing run(String variant, Rows rows, Path empty, Path dir) throws SQLException, IOException {
        delete(dir);
        Files.createDirectories(dir);
        Files.copy(empty.resolve("prosper.mv.db"), dir.resolve("prosper.mv.db"));
        try (Connection c = open(dir)) {
            if (!variant.startsWith("registry")) for (String index : LIST_INDEXES) exec(c, "drop index " + index.substring(0, index.indexOf(' ')));
            if (variant.equals("bare")) dropConstraints(c);
            c.setAutoCommit(false);
            boolean chunked = variant.equals("registry-chunked");
            long t0 = System.nanoTime();
            try (PreparedStatement hs = c.prepareStatement(insert("household", rows.householdColumns()));
                 PreparedStatement ps = c.prepareStatement(insert("person", rows.personColumns()))) {
                int person = 0;
                for (int i = 0; i < rows.households().size(); i += BATCH) {
                    long lastId = 0;
                    for (Object[] h : rows.households().subList(i, Math.min(rows.households().size(), i + BATCH))) {
                        bind(hs, h);
                        lastId = ((Number) h[0]).longValue();
                    }
                    hs.executeBatch();
                    while (person < rows.persons().size() && ((Number) rows.persons().get(person)[1]).longValue() <= lastId) bind(ps, rows.persons().get(person++));
                    ps.executeBatch();
                    if (chunked) c.commit();
                }
            }
            long t1 = System.nanoTime();
            c.commit();
            long t2 = System.nanoTime();
            if (variant.equals("no-list-indexes")) for (String index : LIST_INDEXES) exec(c, "create index " + index);
            long t3 = System.nanoTime();
            return new Timing((t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
        }
    }

    /** Unique and foreign-key constraints of the two tables, by the names H2 gave them. */
    private static void dropConstraints(Connection c) throws SQLException {
        List<String> drops = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery("select table_name, constraint_name from information_schema.table_constraints "
                + "where table_name in ('household', 'person') and constraint_type in ('FOREIGN KEY', 'UNIQUE') order by constraint_type")) {
            while (rs.next()) drops.add("alter table " + rs.getString(1) + " drop constraint \"" + rs.getString(2) + "\"");
        }
        exec(c, drops.toArray(String[]::new));
        for (String index : List.of("household_unit", "household_status_scope", "household_scope", "household_country")) exec(c, "drop index if exists " + index);
    }

    private static void bind(PreparedStatement ps, Object[] row) throws SQLException {
        for (int i = 0; i < row.length; i++) ps.setObject(i + 1, row[i]);
        ps.addBatch();
    }

    private static String insert(String table, String columns) {
        int n = columns.split(",").length;
        return "insert into " + table + "(" + columns + ") values (" + String.join(",", java.util.Collections.nCopies(n, "?")) + ")";
    }

    private static Connection open(Path dir) throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("prosper") + URL_OPTIONS, "sa", "");
    }

    private static List<Object[]> read(Connection c, String query) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Object[] row = new Object[n];
                for (int i = 0; i < n; i++) row[i] = rs.getObject(i + 1);
                rows.add(row);
            }
        }
        return rows;
    }

    private static String columns(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select * from " + table + " where 1 = 0")) {
            StringJoiner j = new StringJoiner(",");
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) j.add(rs.getMetaData().getColumnName(i));
            return j.toString();
        }
    }

    private static void exec(Connection c, String... statements) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : statements) s.execute(sql);
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    private H2EngineBound() {
    }
}
