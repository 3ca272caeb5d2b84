package org.prosper.registry.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.prosper.registry.Household;
import org.prosper.registry.Person;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The JDBC writer (H2's) on both databases: several batches of households with one to seven members, each member read
 * back under its own household with its own values.
 */
@DatabaseTest
class JdbcBatchWriterTest {

    @Autowired DataSource dataSource;
    @Autowired JdbcClient db;

    @Test
    void everyMemberIsWrittenUnderItsOwnHousehold() throws Exception {
        record Village(long id, String countryCode, String path) {
        }
        Village village = db.sql("select id, country_code, path from org_unit where code = 'KH-PILOT-ANGCHORK'")
                .query((rs, n) -> new Village(rs.getLong(1), rs.getString(2), rs.getString(3))).single();
        String prefix = ImportFixtures.prefix("MULTIROW");
        List<List<Household>> batches = List.of(households(prefix, 0, 237, village.id(), village.countryCode(), village.path()),
                households(prefix, 237, 100, village.id(), village.countryCode(), village.path()),
                households(prefix, 337, 1, village.id(), village.countryCode(), village.path()));
        int persons = batches.stream().flatMap(List::stream).mapToInt(h -> h.members().size()).sum();
        assertThat(persons).isEqualTo(1_347);

        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                JdbcBatchWriter writer = new JdbcBatchWriter(connection);
                for (List<Household> batch : batches) writer.write(writer.prepare(batch));
                try (PreparedStatement ps = connection.prepareStatement("select h.code, h.floor_area, p.line_no, p.full_name, p.birth_date "
                        + "from household h join person p on p.household_id = h.id where h.code like ? order by h.code, p.line_no")) {
                    ps.setString(1, prefix + "%");
                    List<String> read = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            read.add(rs.getString(1) + " " + rs.getDouble(2) + " " + rs.getInt(3) + " " + rs.getString(4) + " "
                                    + rs.getObject(5, LocalDate.class));
                        }
                    }
                    List<String> expected = new ArrayList<>();
                    batches.stream().flatMap(List::stream).sorted(java.util.Comparator.comparing(Household::code)).forEach(h -> {
                        for (Person p : h.members()) {
                            expected.add(h.code() + " " + h.floorArea() + " " + p.lineNo() + " " + p.fullName() + " " + p.birthDate());
                        }
                    });
                    assertThat(read).hasSize(persons).isEqualTo(expected);
                }
            } finally {
                connection.rollback();
            }
        }
    }

    private static List<Household> households(String prefix, int from, int count, long villageId, String country, String path) {
        List<Household> out = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            String code = prefix + "-" + String.format("%04d", i);
            List<Person> members = new ArrayList<>();
            for (int line = 1; line <= i % 7 + 1; line++) {
                members.add(new Person(null, line, code + " member " + line, null, line % 2 == 0 ? "F" : "M",
                        LocalDate.of(1950 + i % 60, 1 + line, 1 + i % 28), line == 1 ? "HEAD" : "CHILD", null, null, null,
                        null, null, null, null, null));
            }
            out.add(new Household(null, code, villageId, country, path, "House " + i, null, null, code + " member 1", null,
                    null, null, null, 10.0 + i, null, null, null, null, null, null, "POOR", null, null, null, 0, null, members));
        }
        return out;
    }
}
