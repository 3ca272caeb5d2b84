package org.prosper.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A run writes its new alerts while it still evaluates households, in its transaction: a run that fails after some
 * were sent leaves none behind, and one that finishes leaves all, in the order written.
 */
@DatabaseTest
class MonitoringWriteTest {

    @Autowired AlertRepository alerts;
    @Autowired JdbcClient db;
    @Autowired PlatformTransactionManager transactions;

    private long count(long runId) {
        return db.sql("select count(*) from monitoring_alert where first_run_id = ?").param(runId).query(Long.class).single();
    }

    @Test
    void alertsSentBeforeARunFailsAreRolledBackWithItsTransactionAndAFinishedRunKeepsThemAll() {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        long runId = tx.execute(s -> alerts.insertRun("CN", "FULL", "CN", 1, "/", "test", "test", null));
        List<AlertRepository.NewAlert> batch = new ArrayList<>();
        for (int i = 0; i < 3000; i++) { // several chunks of COPY text on PostgreSQL
            batch.add(new AlertRepository.NewAlert(900_000_000L + i, "W" + i, "CN", "/1/", "R_" + i % 7, "INCOME", "HIGH",
                    "reason\t" + "x".repeat(400) + i, "原因\n" + "字".repeat(300) + i, i % 2 == 0 ? null : "មូលហេតុ\t" + i, "{\"i\":" + i + "}", "00000000000000ff", 1));
        }
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            try (AlertRepository.Inserting inserting = alerts.inserting(runId)) {
                inserting.write(batch.subList(0, 2000));
                inserting.write(batch.subList(2000, 3000));
                throw new IllegalStateException("household 4500 cannot be read");
            }
        })).hasMessage("household 4500 cannot be read");
        assertThat(count(runId)).isZero();

        tx.executeWithoutResult(s -> {
            try (AlertRepository.Inserting inserting = alerts.inserting(runId)) {
                inserting.write(batch.subList(0, 2000));
                inserting.write(List.of());
                inserting.write(batch.subList(2000, 3000));
                inserting.finish();
            }
        });
        try {
            assertThat(count(runId)).isEqualTo(3000);
            List<String> codes = db.sql("select household_code from monitoring_alert where first_run_id = ? order by id").param(runId)
                    .query(String.class).list();
            assertThat(codes).isEqualTo(batch.stream().map(AlertRepository.NewAlert::householdCode).toList());
            assertThat(db.sql("select reason_zh from monitoring_alert where first_run_id = ? and household_code = 'W2999'").param(runId)
                    .query(String.class).single()).isEqualTo(batch.get(2999).reasonZh());
            assertThat(db.sql("select reason_local from monitoring_alert where first_run_id = ? and household_code = 'W2999'").param(runId)
                    .query(String.class).single()).isEqualTo("មូលហេតុ\t2999");
            assertThat(db.sql("select count(*) from monitoring_alert where first_run_id = ? and reason_local is null").param(runId)
                    .query(Long.class).single()).isEqualTo(1500);
        } finally {
            tx.executeWithoutResult(s -> db.sql("delete from monitoring_alert where first_run_id = ?").param(runId).update());
        }
    }
}
