package org.prosper.measure.table;

import org.junit.jupiter.api.Test;
import org.prosper.measure.lines.PovertyLine;
import org.prosper.measure.monetary.MonetaryAnalysis;
import org.prosper.measure.monetary.MonetarySpec;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcReaderTest {
    @Test
    void readsAQueryIntoColumns() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:jdbcreader;DB_CLOSE_DELAY=-1")) {
            try (Statement s = c.createStatement()) {
                s.execute("create table hh(id int, income double precision, weight decimal(10,2), area varchar(10))");
                s.execute("insert into hh values (1, 0, 1.5, 'urban'), (2, 5, 2, 'rural'), (3, 10, 1, 'rural'), (4, null, 1, null)");
            }
            Table t = JdbcReader.query(c, "select income, weight, area from hh where id <= ? order by id", 4);
            assertThat(t.rowCount()).isEqualTo(4);
            assertThat(t.doubles("INCOME").values()).containsExactly(0, 5, 10, Double.NaN);
            assertThat(t.doubles("WEIGHT").values()).containsExactly(1.5, 2, 1, 1);
            assertThat(t.strings("AREA").get(1)).isEqualTo("rural");
            assertThat(t.strings("AREA").isMissing(3)).isTrue();
            var r = MonetaryAnalysis.of(t, MonetarySpec.of("INCOME", "WEIGHT", PovertyLine.absolute(6))).run();
            assertThat(r.observations()).isEqualTo(3);
            assertThat(r.estimates().get("fgt0").value()).isEqualTo(3.5 / 4.5);
        }
    }
}
