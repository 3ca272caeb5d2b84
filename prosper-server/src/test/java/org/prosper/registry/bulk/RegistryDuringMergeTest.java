package org.prosper.registry.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.prosper.registry.bulk.ImportFixtures.FULL_HEADER;
import static org.prosper.registry.bulk.ImportFixtures.allHouseholds;
import static org.prosper.registry.bulk.ImportFixtures.household;
import static org.prosper.registry.bulk.ImportFixtures.households;
import static org.prosper.registry.bulk.ImportFixtures.importJob;
import static org.prosper.registry.bulk.ImportFixtures.prefix;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.prosper.access.Actor;
import org.prosper.geo.GeoService;
import org.prosper.geo.InProgress;
import org.prosper.geo.OrgUnit;
import org.prosper.platform.EmbeddedDatabase;
import org.prosper.registry.HouseholdDraft;
import org.prosper.registry.HouseholdService;
import org.prosper.registry.InvalidHouseholdProblem;
import org.prosper.registry.Person;
import org.prosper.registry.bulk.ImportFixtures.Csv;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Households saved while an administrator merges their village: the save waits for the merge and is refused, naming
 * where the village went, instead of leaving households in the retired village, outside every list of the one it went
 * into.
 */
@DatabaseTest
class RegistryDuringMergeTest {

    @Autowired MockMvc mvc;
    @Autowired JsonMapper json;
    @Autowired JdbcClient db;
    @Autowired GeoService geo;
    @Autowired HouseholdService households;
    @Autowired HouseholdImportService imports;
    @Autowired PlatformTransactionManager transactions;
    @Autowired javax.sql.DataSource dataSource;

    @AfterEach
    void noHook() {
        imports.beforeVillagesHeld(null);
    }

    /** Two new villages beside a Cambodian pilot village: one to be merged into the other. */
    private record Villages(OrgUnit merged, OrgUnit target) {
    }

    private Villages villages(String p) {
        OrgUnit pilot = geo.unitByCode("KH-PILOT-ANGCHORK").orElseThrow();
        String commune = geo.unit(pilot.parentId()).code();
        return new Villages(geo.create(Actor.system(), new GeoService.NewUnit(p + "-A", commune, "Village A " + p, null, null, null, null)),
                geo.create(Actor.system(), new GeoService.NewUnit(p + "-B", commune, "Village B " + p, null, null, null, null)));
    }

    @Test
    void anImportWhoseVillageIsMergedWhileItIsReadIsRefusedWhole() throws Exception {
        String p = prefix("MRG");
        Villages v = villages(p);
        Csv csv = household(new Csv(FULL_HEADER), p + "-1", v.merged().code(), "Sok Dara", "Sok Vichet");
        household(csv, p + "-2", "KH-PILOT-ANGCHORK", "Chan Dara", "Chan Vichet");
        household(csv, p + "-3", v.merged().code(), "Keo Dara", "Keo Vichet");
        long before = allHouseholds(db);
        List<InProgress> merges = new ArrayList<>();
        // the file is read and checked; the merge does its work before the import holds its villages, and commits a moment later
        imports.beforeVillagesHeld(() -> {
            if (merges.isEmpty()) merges.add(InProgress.merge(transactions, geo, v.merged(), v.target(), Duration.ofMillis(300)).start());
        });

        JsonNode job = importJob(mvc, json, "coordinator-kh", "households.csv", csv.bytes(), null);
        merges.getFirst().join();

        assertThat(job.path("state").asString()).as(job.toString()).isEqualTo("FAILED");
        assertThat(job.path("result").path("imported").asBoolean()).isFalse();
        JsonNode problem = job.path("result").path("problems").get(0);
        assertThat(problem.path("column").asString()).isEqualTo("village_code");
        assertThat(problem.path("message").asString()).contains("village " + v.merged().code() + " was retired (now " + v.target().code() + ")")
                .contains("nothing was written");
        assertThat(households(db, p)).isZero();
        assertThat(allHouseholds(db)).isEqualTo(before);
    }

    @Test
    void anImportWhoseVillagesStayAsTheyWereIsWrittenAsBefore() throws Exception {
        String p = prefix("MRG");
        Villages v = villages(p);
        Csv csv = household(new Csv(FULL_HEADER), p + "-1", v.merged().code(), "Sok Dara", "Sok Vichet");
        boolean[] held = {false};
        imports.beforeVillagesHeld(() -> held[0] = true);

        JsonNode job = importJob(mvc, json, "coordinator-kh", "households.csv", csv.bytes(), null);

        assertThat(job.path("state").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(held[0]).isTrue();
        assertThat(households(db, p)).isEqualTo(1);
    }

    @Test
    void aHouseholdRegisteredWhileItsVillageIsBeingMergedIsRefusedNamingWhereItWent() throws Exception {
        String p = prefix("MRG");
        Villages v = villages(p);
        long before = allHouseholds(db);
        HouseholdDraft draft = new HouseholdDraft(p + "-1", v.merged().id(), "road 1", null, null, "Sok Dara", null, null,
                "WOOD", "C", 30.0, null, "PIPED", "NONE", "WOOD", true, 0.5, "POOR", 4_000_000.0, 2025, null,
                List.of(new Person(null, 0, "Sok Dara", null, "F", LocalDate.of(1980, 5, 1), "HEAD", "Khmer", "PRIMARY", false, false,
                        true, "FULL", "farmer", false)));
        InProgress merge = InProgress.merge(transactions, geo, v.merged(), v.target(), Duration.ofMillis(300)).start();

        assertThatThrownBy(() -> households.create(Actor.system(), draft)).isInstanceOfSatisfying(InvalidHouseholdProblem.class,
                e -> assertThat(e.problems()).anySatisfy(f -> {
                    assertThat(f.field()).isEqualTo("orgUnitId");
                    assertThat(f.message()).isEqualTo(v.merged().code() + " was retired (now " + v.target().code() + ")");
                }));
        merge.join();
        assertThat(allHouseholds(db)).isEqualTo(before);
    }

    /**
     * Another save holding a village (as an import does while it writes there): on PostgreSQL saves share the hold and do
     * not wait for one another; on H2, which has no shared row lock, a save waits up to the lock timeout and then is told
     * to try again (503, nothing saved) rather than getting a server error.
     */
    @Test
    void aHouseholdSavedWhileAnotherSaveHoldsItsVillageSharesTheHoldOrIsToldToTryAgain() throws Exception {
        String p = prefix("MRG");
        Villages v = villages(p);
        long before = allHouseholds(db);
        InProgress importing = InProgress.hold(transactions, geo, v.merged(), java.time.Duration.ofMillis(3_000)).start();
        String body = """
                {"code": "%s-1", "orgUnitId": %d, "registrationStatus": "POOR",
                 "members": [{"fullName": "Sok Dara", "sex": "F", "relation": "HEAD", "birthDate": "1980-05-01"}]}
                """.formatted(p, v.merged().id());

        var response = mvc.perform(post("/api/v1/households").with(httpBasic("coordinator-kh", "demo"))
                .contentType(MediaType.APPLICATION_JSON).content(body)).andReturn().getResponse();
        importing.join();

        if (EmbeddedDatabase.isH2(dataSource)) {
            assertThat(response.getStatus()).isEqualTo(503);
            assertThat(response.getHeader("Retry-After")).isEqualTo("5");
            assertThat(json.readTree(response.getContentAsString()).path("error").asString())
                    .startsWith("the records are held by another change that is still running").contains("nothing was saved");
            assertThat(allHouseholds(db)).isEqualTo(before);
        } else {
            assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
            assertThat(households(db, p)).isEqualTo(1);
        }
    }
}
