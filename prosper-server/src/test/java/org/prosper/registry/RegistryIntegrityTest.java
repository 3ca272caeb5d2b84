package org.prosper.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The registry's references hold in the database itself, whichever way rows are written: by foreign keys on H2, by
 * set-based checks per statement on PostgreSQL (cheaper for a bulk import of millions of rows, see V12).
 */
@DatabaseTest
class RegistryIntegrityTest {

    @Autowired JdbcTemplate jdbc;
    @Autowired PlatformTransactionManager transactions;

    private Map<String, Object> someHousehold() {
        return jdbc.queryForMap("select org_unit_id, org_path, country_code from household order by id limit 1");
    }

    private long insertHousehold(String code, Object orgUnitId) {
        Map<String, Object> h = someHousehold();
        jdbc.update("insert into household(code, org_unit_id, country_code, org_path, registration_status) values (?, ?, ?, ?, 'POOR')",
                code, orgUnitId, h.get("country_code"), h.get("org_path"));
        return jdbc.queryForObject("select id from household where code = ?", Long.class, code);
    }

    private void inRolledBackTransaction(Runnable work) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            status.setRollbackOnly();
            work.run();
        });
    }

    @Test
    void aPersonOfAHouseholdThatDoesNotExistIsRefused() {
        long missing = jdbc.queryForObject("select coalesce(max(id), 0) + 1000000 from household", Long.class);
        assertThatThrownBy(() -> inRolledBackTransaction(() -> jdbc.update(
                "insert into person(household_id, line_no, sex, relation) values (?, 1, 'F', 'HEAD')", missing)))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("household");
        assertThat(jdbc.queryForObject("select count(*) from person where household_id = ?", Long.class, missing)).isZero();
    }

    @Test
    void aPersonMovedToAHouseholdThatDoesNotExistIsRefused() {
        long missing = jdbc.queryForObject("select coalesce(max(id), 0) + 1000000 from household", Long.class);
        assertThatThrownBy(() -> inRolledBackTransaction(() -> {
            long id = insertHousehold("INTEGRITY-MOVE", someHousehold().get("org_unit_id"));
            jdbc.update("insert into person(household_id, line_no, sex, relation) values (?, 1, 'F', 'HEAD')", id);
            jdbc.update("update person set household_id = ? where household_id = ?", missing, id);
        })).isInstanceOf(DataAccessException.class);
        assertThat(jdbc.queryForObject("select count(*) from household where code = 'INTEGRITY-MOVE'", Long.class)).isZero();
    }

    @Test
    void aHouseholdInAnOrgUnitThatDoesNotExistIsRefused() {
        long missing = jdbc.queryForObject("select max(id) + 1000000 from org_unit", Long.class);
        assertThatThrownBy(() -> inRolledBackTransaction(() -> insertHousehold("INTEGRITY-NO-UNIT", missing)))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("org");
        assertThatThrownBy(() -> inRolledBackTransaction(() -> {
            long id = insertHousehold("INTEGRITY-MOVED-UNIT", someHousehold().get("org_unit_id"));
            jdbc.update("update household set org_unit_id = ? where id = ?", missing, id);
        })).isInstanceOf(DataAccessException.class);
        assertThat(jdbc.queryForObject("select count(*) from household where code like 'INTEGRITY-%UNIT'", Long.class)).isZero();
    }

    @Test
    void anOrgUnitWithHouseholdsCannotBeDeleted() {
        Object unit = someHousehold().get("org_unit_id");
        assertThatThrownBy(() -> inRolledBackTransaction(() -> jdbc.update("delete from org_unit where id = ?", unit)))
                .isInstanceOf(DataAccessException.class);
        assertThat(jdbc.queryForObject("select count(*) from org_unit where id = ?", Long.class, unit)).isOne();
    }

    @Test
    void deletingAHouseholdDeletesItsMembers() {
        inRolledBackTransaction(() -> {
            long id = insertHousehold("INTEGRITY-CASCADE", someHousehold().get("org_unit_id"));
            jdbc.update("insert into person(household_id, line_no, sex, relation) values (?, 1, 'F', 'HEAD'), (?, 2, 'M', 'CHILD')", id, id);
            assertThat(jdbc.queryForObject("select count(*) from person where household_id = ?", Long.class, id)).isEqualTo(2);
            jdbc.update("delete from household where id = ?", id);
            assertThat(jdbc.queryForObject("select count(*) from person where household_id = ?", Long.class, id)).isZero();
        });
    }
}
