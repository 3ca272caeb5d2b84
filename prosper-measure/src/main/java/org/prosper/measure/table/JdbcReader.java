package org.prosper.measure.table;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Reads a query result into a {@link Table} with plain java.sql. Numeric SQL types become {@link DoubleColumn}s,
 * everything else dictionary-encoded text; SQL NULL is missing. The caller owns the connection.
 */
public final class JdbcReader {
    private JdbcReader() { }

    public static Table query(Connection connection, String sql, Object... parameters) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) ps.setObject(i + 1, parameters[i]);
            try (ResultSet rs = ps.executeQuery()) {
                return read("query", rs);
            }
        } catch (SQLException e) {
            throw TableException.of("query", "SQL error: " + e.getMessage());
        }
    }

    /** Reads all remaining rows of {@code rs}; does not close it. */
    public static Table read(String source, ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int k = md.getColumnCount();
        Object[] builders = new Object[k];
        for (int c = 0; c < k; c++) {
            String name = md.getColumnLabel(c + 1);
            builders[c] = isNumeric(md.getColumnType(c + 1)) ? new DoubleBuilder(name, 1024) : new DictionaryBuilder(name);
        }
        int rows = 0;
        while (rs.next()) {
            for (int c = 0; c < k; c++) {
                if (builders[c] instanceof DoubleBuilder d) {
                    double v = rs.getDouble(c + 1);
                    d.add(rs.wasNull() ? Double.NaN : v);
                } else {
                    ((DictionaryBuilder) builders[c]).add(rs.getString(c + 1));
                }
            }
            rows++;
        }
        Table.Builder tb = Table.builder(source, rows);
        for (Object b : builders) {
            if (b instanceof DoubleBuilder d) tb.add(d.build());
            else tb.add(((DictionaryBuilder) b).build());
        }
        return tb.build();
    }

    private static boolean isNumeric(int sqlType) {
        return switch (sqlType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.FLOAT, Types.REAL, Types.DOUBLE,
                 Types.NUMERIC, Types.DECIMAL, Types.BOOLEAN, Types.BIT -> true;
            default -> false;
        };
    }
}
