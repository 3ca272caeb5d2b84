package org.prosper.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.prosper.access.AuditLog;
import org.prosper.access.Actor;
import org.prosper.geo.GeoService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@DatabaseTest
class HouseholdApiTest {

    @Autowired MockMvc mvc;
    @Autowired JsonMapper json;
    @Autowired GeoService geo;
    @Autowired AuditLog audit;

    private JsonNode getJson(String url, String user) throws Exception {
        String body = mvc.perform(get(url).with(httpBasic(user, "demo"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        return json.readTree(body);
    }

    @Test
    void countryCoordinatorListsOnlyTheirCountry() throws Exception {
        JsonNode all = getJson("/api/v1/households?size=500", "coordinator-kh");
        long cambodia = getJson("/api/v1/households?country=KH&size=1", "admin").path("total").asLong();
        assertThat(cambodia).isGreaterThanOrEqualTo(540);
        assertThat(all.path("total").asLong()).isEqualTo(cambodia);
        for (JsonNode item : all.path("items")) assertThat(item.path("countryCode").asString()).isEqualTo("KH");
        JsonNode other = getJson("/api/v1/households?country=CN", "coordinator-kh");
        assertThat(other.path("total").asLong()).isZero();
        JsonNode admin = getJson("/api/v1/households?country=CN&size=1", "admin");
        assertThat(admin.path("total").asLong()).isGreaterThanOrEqualTo(1500);
    }

    @Test
    void directRequestOutsideScopeIsRefused() throws Exception {
        long chinese = getJson("/api/v1/households?country=CN&size=1", "admin").path("items").get(0).path("id").asLong();
        mvc.perform(get("/api/v1/households/" + chinese).with(httpBasic("coordinator-kh", "demo")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("outside the org units")));
        mvc.perform(get("/api/v1/households/" + chinese).with(httpBasic("coordinator-cn", "demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.countryCode").value("CN"))
                .andExpect(jsonPath("$.members").isArray());
    }

    @Test
    void enumeratorSeesOnlyTheirVillage() throws Exception {
        JsonNode page = getJson("/api/v1/households?size=500", "enumerator-kh");
        long village = geo.unitByCode("KH-PILOT-SVAYAMPEAR").orElseThrow().id();
        long inVillage = getJson("/api/v1/households?size=1&orgUnit=" + village, "admin").path("total").asLong();
        assertThat(inVillage).isGreaterThanOrEqualTo(220);
        assertThat(page.path("total").asLong()).isEqualTo(inVillage);
        for (JsonNode item : page.path("items")) assertThat(item.path("orgUnitId").asLong()).isEqualTo(village);
    }

    @Test
    void viewerSeesMaskedIdentifiersAndUnmaskedViewsAreAudited() throws Exception {
        JsonNode masked = getJson("/api/v1/households/1", "viewer");
        assertThat(masked.path("headName").asString()).contains("*");
        assertThat(masked.path("headNationalId").asString()).matches("\\*+");
        assertThat(masked.path("members").get(0).path("fullName").asString()).contains("*");
        assertThat(masked.path("members").get(0).path("nationalId").asString("")).matches("\\**");

        long before = audit.search(Actor.system(), new AuditLog.AuditQuery("coordinator-kh", "VIEW_PERSONAL_DATA", "household", "1", 0, 10)).total();
        JsonNode clear = getJson("/api/v1/households/1", "coordinator-kh");
        assertThat(clear.path("headName").asString()).doesNotContain("*");
        // a masked member keeps the year of birth only
        for (int i = 0; i < clear.path("members").size(); i++) {
            JsonNode full = clear.path("members").get(i), kept = masked.path("members").get(i);
            assertThat(kept.path("birthDate").isNull()).isTrue();
            if (!full.path("birthDate").isNull()) {
                assertThat(kept.path("birthYear").asInt()).isEqualTo(java.time.LocalDate.parse(full.path("birthDate").asString()).getYear());
            }
        }
        long after = audit.search(Actor.system(), new AuditLog.AuditQuery("coordinator-kh", "VIEW_PERSONAL_DATA", "household", "1", 0, 10)).total();
        assertThat(after).isEqualTo(before + 1);
    }

    @Test
    void createValidatesEveryFieldAndWritesNothingOnError() throws Exception {
        long village = geo.unitByCode("KH-PILOT-ANGCHORK").orElseThrow().id();
        String bad = """
                {"orgUnitId": %d, "registrationStatus": "RICH", "floorArea": -3, "latitude": 95,
                 "members": [{"fullName": "A", "sex": "Q", "relation": "CHILD", "birthDate": "2090-01-01"}]}
                """.formatted(village);
        long total = getJson("/api/v1/households?size=1", "admin").path("total").asLong();
        String body = mvc.perform(post("/api/v1/households").with(httpBasic("coordinator-kh", "demo"))
                        .contentType(MediaType.APPLICATION_JSON).content(bad))
                .andExpect(status().isUnprocessableContent())
                .andReturn().getResponse().getContentAsString();
        assertThat(body).contains("registrationStatus", "floorArea", "latitude", "longitude", "sex", "birthDate", "head of household");
        // each problem also as a key and values, for a client that says it in its user's language
        JsonNode birth = null;
        for (JsonNode p : json.readTree(body).path("problems")) if (p.path("field").asString().equals("birthDate")) birth = p;
        assertThat(birth).as(body).isNotNull();
        assertThat(birth.path("member").asInt()).isEqualTo(1);
        assertThat(birth.path("message").asString()).isEqualTo("2090-01-01 is not a plausible date of birth");
        assertThat(birth.path("key").asString()).isEqualTo("problem.household.birthDate");
        assertThat(birth.path("args").get(0).asString()).isEqualTo("2090-01-01");
        assertThat(getJson("/api/v1/households?size=1", "admin").path("total").asLong()).isEqualTo(total);

        String nul = """
                {"orgUnitId": %d, "registrationStatus": "POOR", "address": "Road\\u00001",
                 "members": [{"fullName": "Sok\\u0000Dara", "sex": "F", "relation": "HEAD"}]}
                """.formatted(village);
        String refused = mvc.perform(post("/api/v1/households").with(httpBasic("coordinator-kh", "demo"))
                        .contentType(MediaType.APPLICATION_JSON).content(nul))
                .andExpect(status().isUnprocessableContent())
                .andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("address", "fullName", "NUL character");
        assertThat(getJson("/api/v1/households?size=1", "admin").path("total").asLong()).isEqualTo(total);
    }

    @Test
    void createInOwnVillageAndRefuseOtherVillage() throws Exception {
        long own = geo.unitByCode("KH-PILOT-SVAYAMPEAR").orElseThrow().id();
        long other = geo.unitByCode("KH-PILOT-ANGCHORK").orElseThrow().id();
        String household = """
                {"orgUnitId": %d, "registrationStatus": "POOR", "headName": "Chan Sophea", "annualIncome": 4800000, "incomeYear": 2025,
                 "members": [{"fullName": "Chan Sophea", "sex": "F", "relation": "HEAD", "birthDate": "1980-05-01"},
                             {"fullName": "Chan Dara", "sex": "M", "relation": "CHILD", "birthDate": "2012-02-03", "inSchool": true}]}
                """;
        String created = mvc.perform(post("/api/v1/households").with(httpBasic("enumerator-kh", "demo"))
                        .contentType(MediaType.APPLICATION_JSON).content(household.formatted(own)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.incomeCurrency").value("KHR"))
                .andExpect(jsonPath("$.members.length()").value(2))
                .andReturn().getResponse().getContentAsString();
        String id = json.readTree(created).path("id").asString();
        assertThat(audit.search(Actor.system(), new AuditLog.AuditQuery("enumerator-kh", "CREATE", "household", id, 0, 10)).total()).isEqualTo(1);
        mvc.perform(post("/api/v1/households").with(httpBasic("enumerator-kh", "demo"))
                        .contentType(MediaType.APPLICATION_JSON).content(household.formatted(other)))
                .andExpect(status().isForbidden());
    }

    @Test
    void unauthenticatedAndBadCredentialsAreRefused() throws Exception {
        mvc.perform(get("/api/v1/households")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/households").with(httpBasic("admin", "wrong"))).andExpect(status().isUnauthorized());
    }
}
