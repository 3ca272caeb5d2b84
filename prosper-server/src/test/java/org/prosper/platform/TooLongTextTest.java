package org.prosper.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.Connection;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A text longer than its column, refused by the database, is told to the user as such on both databases. */
@DatabaseTest
class TooLongTextTest {

    @Autowired JdbcClient db;
    @Autowired DataSource dataSource;

    @Test
    void theDatabasesRefusalOfATooLongTextBecomesAMessageSayingWhatFits() throws Exception {
        db.sql("create table too_long_probe(remark varchar(5))").update();
        try {
            Throwable refused = catchThrowable(() -> db.sql("insert into too_long_probe(remark) values (?)").param("ລາວ ແລະ ກໍາປູເຈຍ").update());
            assertThat(refused).isNotNull();
            String product;
            try (Connection c = dataSource.getConnection()) {
                product = c.getMetaData().getDatabaseProductName();
            }
            assertThat(TooLongText.refusedByDatabase(refused)).contains(product.equals("H2")
                    ? "remark: a text of 16 characters where at most 5 fit: nothing was saved; shorten it and try again"
                    : "a text is longer than the 5 characters its field holds: nothing was saved; shorten it and try again");
            assertThat(db.sql("select count(*) from too_long_probe").query(Long.class).single()).isZero();
            assertThat(TooLongText.refusedByDatabase(new IllegalStateException("something else"))).isEmpty();
        } finally {
            db.sql("drop table too_long_probe").update();
        }
    }
}
