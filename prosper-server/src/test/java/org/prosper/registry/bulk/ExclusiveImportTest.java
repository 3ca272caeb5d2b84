package org.prosper.registry.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.prosper.registry.bulk.ImportFixtures.FULL_HEADER;
import static org.prosper.registry.bulk.ImportFixtures.allHouseholds;
import static org.prosper.registry.bulk.ImportFixtures.allPersons;
import static org.prosper.registry.bulk.ImportFixtures.household;
import static org.prosper.registry.bulk.ImportFixtures.households;
import static org.prosper.registry.bulk.ImportFixtures.importJob;
import static org.prosper.registry.bulk.ImportFixtures.persons;
import static org.prosper.registry.bulk.ImportFixtures.prefix;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.prosper.TestDatabase;
import org.prosper.registry.bulk.ImportFixtures.Csv;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An import large against the registry is loaded with the tables locked and their indexes built afterwards
 * (PostgreSQL). These tests make every import count as large; on H2, which has no such way, the same imports must
 * give the same results the ordinary way.
 */
@DatabaseTest
class ExclusiveImportTest {

    @Autowired MockMvc mvc;
    @Autowired JsonMapper json;
    @Autowired JdbcClient db;
    @Autowired DataSource dataSource;
    @Autowired HouseholdImportService imports;

    private final boolean postgres = "postgres".equals(TestDatabase.kind());

    @BeforeEach
    void everyImportIsLarge() {
        imports.exclusiveLoad((file, registry) -> true, 2_000);
    }

    @AfterEach
    void restore() {
        imports.defaultExclusiveLoad();
    }

    /** The registry's indexes by name: their definition and object id (a rebuilt index has a new one). */
    private Map<String, List<Object>> indexes() {
        if (!postgres) return Map.of();
        return db.sql("""
                select c.relname, pg_get_indexdef(c.oid), c.oid::bigint from pg_index x join pg_class c on c.oid = x.indexrelid
                 where x.indrelid in ('household'::regclass, 'person'::regclass)""")
                .query((rs, n) -> Map.entry(rs.getString(1), List.<Object>of(rs.getString(2), rs.getLong(3)))).list()
                .stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private void assertPersonCheckOn() {
        if (!postgres) return;
        assertThat(db.sql("select tgname || ' ' || tgenabled from pg_trigger where tgname in ('person_household_insert', 'household_unit_insert') order by 1")
                .query(String.class).list()).as("the reference checks are on again")
                .containsExactly("household_unit_insert O", "person_household_insert O");
    }

    /** A connection in a transaction that has read the households: it holds a share lock on them until it ends. */
    private Connection readingTransaction() throws Exception {
        Connection c = dataSource.getConnection();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.executeQuery("select count(*) from household").close();
        }
        return c;
    }

    private static Csv oneHousehold(String code) {
        return household(new Csv(FULL_HEADER), code, "KH-PILOT-ANGCHORK", "សុខ ដារា", "សុខ វិចិត្រ");
    }

    private void assertBuiltAgain(Map<String, List<Object>> before) {
        Map<String, List<Object>> after = indexes();
        assertThat(after.keySet()).isEqualTo(before.keySet());
        for (String name : before.keySet()) {
            assertThat(after.get(name).get(0)).as(name + "'s definition").isEqualTo(before.get(name).get(0));
            assertThat(after.get(name).get(1)).as(name + " was built again").isNotEqualTo(before.get(name).get(1));
        }
    }

    private JsonNode getJson(String url) throws Exception {
        return json.readTree(mvc.perform(get(url).with(httpBasic("admin", "demo"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
    }

    @Test
    void aLargeImportIsWrittenWithItsIndexesBuiltAgainAsTheyWere() throws Exception {
        Map<String, List<Object>> before = indexes();
        String p = prefix("EXCL");
        Csv csv = household(new Csv(FULL_HEADER), p + "-1", "KH-PILOT-ANGCHORK", "សុខ ដារា", "សុខ វិចិត្រ");
        household(csv, p + "-2", "KH-DEMO-PREKTAMEAK", "王小红", "王明");

        JsonNode job = importJob(mvc, json, "coordinator-kh", "households.csv", csv.bytes(), null);

        assertThat(job.path("state").asString()).isEqualTo("SUCCEEDED");
        assertThat(households(db, p)).isEqualTo(2);
        assertThat(persons(db, p)).isEqualTo(4);
        JsonNode page = getJson("/api/v1/households?q=" + p + "-2");
        JsonNode h = getJson("/api/v1/households/" + page.path("items").get(0).path("id").asLong());
        assertThat(h.path("headName").asString()).isEqualTo("王小红");
        assertThat(h.path("floorArea").asDouble()).isEqualTo(32.5);
        assertThat(h.path("members").get(1).path("fullName").asString()).isEqualTo("王明");
        assertThat(h.path("members").get(1).path("birthDate").asString()).isEqualTo("2014-02-03");

        assertBuiltAgain(before);
        if (postgres) {
            assertThat(before).containsKeys("household_pkey", "household_code_key", "household_status_walk", "person_pkey");
            assertThat(db.sql("select count(*) from pg_constraint where conrelid in ('household'::regclass, 'person'::regclass) and contype in ('p', 'u')")
                    .query(Long.class).single()).as("primary keys and unique constraints").isEqualTo(3);
            assertThat(db.sql("select pg_get_constraintdef(oid) from pg_constraint where conname = 'person_pkey'").query(String.class).single())
                    .isEqualTo("PRIMARY KEY (household_id, line_no)");
        }
        assertPersonCheckOn();
    }

    @Test
    void aCodeTheRegistryHasIsReportedByRowAndColumnAndNothingIsWritten() throws Exception {
        String taken = db.sql("select code from household order by id limit 1").query(String.class).single();
        String p = prefix("EXCLDUP");
        Csv csv = household(new Csv(FULL_HEADER), p + "-1", "KH-PILOT-ANGCHORK", "សុខ ដារា", "សុខ វិចិត្រ");
        household(csv, taken, "KH-PILOT-ANGCHORK", "ចាន់ សុភា", "ចាន់ វណ្ណា");
        Map<String, List<Object>> before = indexes();
        long householdsBefore = allHouseholds(db);
        long personsBefore = allPersons(db);

        JsonNode job = importJob(mvc, json, "admin", "households.csv", csv.bytes(), null);

        assertThat(job.path("result").path("imported").asBoolean()).isFalse();
        JsonNode problem = job.path("result").path("problems").get(0);
        assertThat(problem.path("row").asInt()).isEqualTo(4);
        assertThat(problem.path("column").asString()).isEqualTo("household_code");
        assertThat(problem.path("message").asString()).isEqualTo("household code " + taken + " is already in the registry");
        assertThat(allHouseholds(db)).isEqualTo(householdsBefore);
        assertThat(allPersons(db)).isEqualTo(personsBefore);
        assertThat(indexes()).as("the indexes as they were: the drop was rolled back").isEqualTo(before);
        assertPersonCheckOn();

        JsonNode valid = importJob(mvc, json, "admin", "households.csv", csv.bytes(), "valid-rows");
        assertThat(valid.path("result").path("importedHouseholds").asLong()).isEqualTo(1);
        assertThat(valid.path("result").path("rejectedHouseholds").asLong()).isEqualTo(1);
        assertThat(households(db, p)).isEqualTo(1);
        assertThat(allHouseholds(db)).isEqualTo(householdsBefore + 1);
        assertPersonCheckOn();
    }

    @Test
    void aVillageRemovedDuringTheLoadFailsItAtTheEndAndTheRegistryStaysAsItWas() throws Exception {
        Map<String, List<Object>> before = indexes();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            if (!postgres) {
                assertThat(HouseholdWriter.on(c)).as("H2 has no exclusive load").isInstanceOf(JdbcBatchWriter.class);
                return;
            }
            PostgresExclusiveLoad load = PostgresExclusiveLoad.begin(c, 2_000);
            assertThat(load).isNotNull();
            long village = db.sql("select id from org_unit where code = 'KH-PILOT-ANGCHORK'").query(Long.class).single();
            assertThatThrownBy(() -> load.finish(java.util.Set.of(village, -7L)))
                    .isInstanceOf(java.sql.SQLException.class)
                    .hasMessageContaining("household refers to an org unit that does not exist (org_unit_id -7)");
            c.rollback();
        }
        assertThat(indexes()).isEqualTo(before);
        assertPersonCheckOn();
    }

    @Test
    void aShortTransactionOfAnotherUserIsWaitedForWithoutStallingOtherReaders() throws Exception {
        String p = prefix("EXCLWAIT");
        Csv csv = oneHousehold(p + "-1");
        Map<String, List<Object>> before = indexes();
        JsonNode job;
        try (Connection holder = readingTransaction(); Connection other = dataSource.getConnection()) {
            var importing = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return importJob(mvc, json, "coordinator-kh", "households.csv", csv.bytes(), null);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300); // the import is asking for the lock now
            // a request for an exclusive lock that waits makes later readers wait behind it: the import asks in short
            // attempts, so another user's read gets through within one attempt (200 ms), far within this 1 s
            other.setAutoCommit(false);
            try (Statement s = other.createStatement()) {
                for (int i = 0; i < 3; i++) {
                    if (postgres) s.execute("set local lock_timeout = 1000"); // for this transaction only
                    s.executeQuery("select count(*) from household").close();
                    other.rollback();
                    Thread.sleep(100);
                }
            }
            holder.rollback();
            job = importing.get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertThat(job.path("state").asString()).isEqualTo("SUCCEEDED");
        assertThat(households(db, p)).isEqualTo(1);
        assertBuiltAgain(before); // the lock was granted once the other transaction ended
        assertPersonCheckOn();
    }

    @Test
    void whenOtherUsersHoldTheRegistryTheImportIsWrittenBesideThem() throws Exception {
        String p = prefix("EXCLBUSY");
        Csv csv = oneHousehold(p + "-1");
        Map<String, List<Object>> before = indexes();
        try (Connection reader = readingTransaction()) {
            JsonNode job = importJob(mvc, json, "coordinator-kh", "households.csv", csv.bytes(), null);
            assertThat(job.path("state").asString()).isEqualTo("SUCCEEDED");
            reader.rollback();
        }
        assertThat(households(db, p)).isEqualTo(1);
        assertThat(persons(db, p)).isEqualTo(2);
        assertThat(indexes()).as("written the ordinary way: no index rebuilt").isEqualTo(before);
        assertPersonCheckOn();
    }
}
