package org.prosper.platform;

import java.util.Locale;

import javax.sql.DataSource;

/** Whether a data source is the embedded H2 database, where some statements take another form than on PostgreSQL. */
public final class EmbeddedDatabase {

    private EmbeddedDatabase() {
    }

    public static boolean isH2(DataSource dataSource) {
        try (var connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("h2");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot tell which database the server uses: " + e.getMessage(), e);
        }
    }
}
