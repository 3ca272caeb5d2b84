package org.prosper.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.prosper.access.Actor;
import org.prosper.geo.GeoService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What users type into search boxes is matched as text: '%' and '_' are characters, not wildcards. */
@DatabaseTest
class SearchTextTest {

    @Autowired MockMvc mvc;
    @Autowired JsonMapper json;
    @Autowired HouseholdService households;
    @Autowired GeoService geo;

    private JsonNode search(String path, String q, String user) throws Exception {
        return json.readTree(mvc.perform(get(path).param("q", q).with(httpBasic(user, "demo"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    private void household(String code, String head) {
        long unit = geo.unitByCode("KH-PILOT-SVAYAMPEAR").orElseThrow().id();
        List<Person> members = new ArrayList<>(List.of(new Person(null, 0, head, null, "F", LocalDate.of(1980, 1, 1), "HEAD", null, null,
                null, null, null, null, null, null)));
        households.create(Actor.system(), new HouseholdDraft(code, unit, null, null, null, head, null, null, null, null, null, null, null,
                null, null, null, null, "POOR", null, null, null, members));
    }

    @Test
    void householdSearchMatchesPercentAndUnderscoreAsTyped() throws Exception {
        String run = Long.toString(System.nanoTime() % 1_000_000_000L);
        household("LK_" + run, "Sok 100% Dara");
        household("LKX" + run, "Sok 1000 Dara");

        JsonNode underscore = search("/api/v1/households", "LK_" + run, "admin");
        assertThat(underscore.path("total").asLong()).isEqualTo(1);
        assertThat(underscore.path("items").get(0).path("code").asString()).isEqualTo("LK_" + run);
        assertThat(search("/api/v1/households", "LKX" + run, "admin").path("total").asLong()).isEqualTo(1);

        // a name search: "100%" is the text 100%, not "100 followed by anything"
        JsonNode percent = search("/api/v1/households", "100% Dara", "admin");
        assertThat(percent.path("items")).extracting(i -> i.path("code").asString()).containsExactly("LK_" + run);
        // a lone '%' or '_' matches the names that hold one, not the whole registry
        JsonNode lone = search("/api/v1/households", "%", "admin");
        assertThat(lone.path("total").asLong()).isPositive().isLessThan(search("/api/v1/households", "", "admin").path("total").asLong());
        assertThat(lone.path("items")).allSatisfy(i -> assertThat(i.path("headName").asString()).contains("%"));
        assertThat(search("/api/v1/households", "_", "coordinator-kh").path("total").asLong()).isZero();
        // a trailing backslash is a character too, not an escape of the search's own wildcard
        assertThat(search("/api/v1/households", "LK_" + run + "\\", "admin").path("total").asLong()).isZero();
    }

    @Test
    void orgUnitSearchMatchesPercentAsTyped() throws Exception {
        assertThat(search("/api/v1/org-units", "%", "admin").size()).isZero();
        assertThat(search("/api/v1/org-units", "_", "admin").size()).isZero();
        assertThat(search("/api/v1/org-units", "PILOT-SVAY", "admin").size()).isPositive();
    }
}
