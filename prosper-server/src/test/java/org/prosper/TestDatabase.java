package org.prosper;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points each test application context at a fresh database: embedded H2 (system property prosper.test.db=h2, the
 * default) or a real PostgreSQL (prosper.test.db=postgres): the server named by PROSPER_TEST_PG_URL /
 * PROSPER_TEST_PG_USER / PROSPER_TEST_PG_PASSWORD if set, otherwise an embedded PostgreSQL started once per JVM.
 */
public class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    public static String kind() {
        return System.getProperty("prosper.test.db", "h2");
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Map<String, Object> properties = "postgres".equals(kind()) ? postgresDatabase() : Map.of(
                "spring.datasource.url", "jdbc:h2:mem:prosper-" + UUID.randomUUID()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "spring.datasource.username", "sa",
                "spring.datasource.password", "");
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("prosper-test-database", properties));
    }

    private static synchronized Map<String, Object> postgresDatabase() {
        String name = "prosper_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        String external = System.getenv("PROSPER_TEST_PG_URL");
        if (external != null && !external.isBlank()) {
            String user = System.getenv().getOrDefault("PROSPER_TEST_PG_USER", "postgres");
            String password = System.getenv().getOrDefault("PROSPER_TEST_PG_PASSWORD", "");
            try (Connection c = java.sql.DriverManager.getConnection(external, user, password); Statement s = c.createStatement()) {
                s.execute("create database " + name);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create test database on " + external, e);
            }
            return Map.of("spring.datasource.url", external.replaceAll("/[^/?]*(\\?.*)?$", "/" + name + "$1"),
                    "spring.datasource.username", user, "spring.datasource.password", password);
        }
        try {
            if (postgres == null) {
                postgres = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        postgres.close();
                    } catch (IOException ignored) {
                        // the JVM is going away; the data directory is temporary
                    }
                }));
            }
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("create database " + name);
            }
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot start embedded PostgreSQL", e);
        }
        return Map.of("spring.datasource.url", postgres.getJdbcUrl("postgres", name),
                "spring.datasource.username", "postgres", "spring.datasource.password", "postgres");
    }
}
