package org.prosper.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Rejecting a plan change request needs what approving needs: reach over every village the project serves. */
@DatabaseTest
class PlanChangeDecisionScopeTest {

    @Autowired MockMvc mvc;
    @Autowired JsonMapper json;

    private JsonNode send(MockHttpServletRequestBuilder req, String user, String body, int expect) throws Exception {
        String out = mvc.perform(req.with(httpBasic(user, "demo")).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().is(expect)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        return out.isEmpty() ? null : json.readTree(out);
    }

    @Test
    void aCoordinatorOfOneOfTheCountriesCanNeitherApproveNorRejectAChangeToATwoCountryProject() throws Exception {
        long id = send(post("/api/v1/projects"), "manager", """
                {"iatiIdentifier": "XM-TEST-REJECT-KH-LA", "title": {"en": "Two countries"}, "status": "2", "defaultCurrency": "USD",
                 "villages": ["KH-PILOT-ANGCHORK", "LA-PILOT-SOMSANOOK"],
                 "budgets": [{"periodStart": "2025-01-01", "periodEnd": "2025-12-31", "value": 1000}]}
                """, 201).path("id").asLong();
        long cr = send(post("/api/v1/projects/" + id + "/change-requests"), "manager", """
                {"reason": "More budget", "changes": [{"kind": "BUDGET", "periodStart": "2025-01-01", "periodEnd": "2025-12-31", "value": "1200"}]}
                """, 201).path("id").asLong();

        send(post("/api/v1/change-requests/" + cr + "/approve"), "coordinator-la", "{\"comment\": \"ok\"}", 403);
        JsonNode refused = send(post("/api/v1/change-requests/" + cr + "/reject"), "coordinator-la", "{\"comment\": \"not for Cambodia\"}", 403);
        assertThat(refused.path("error").asString()).contains("outside those of coordinator-la");
        send(post("/api/v1/change-requests/" + cr + "/reject"), "coordinator-kh", "{\"comment\": \"not for Lao PDR\"}", 403);
        assertThat(send(get("/api/v1/projects/" + id + "/change-requests"), "admin", "", 200).get(0).path("status").asString()).isEqualTo("PENDING");

        JsonNode rejected = send(post("/api/v1/change-requests/" + cr + "/reject"), "admin", "{\"comment\": \"budget is fixed\"}", 200);
        assertThat(rejected.path("status").asString()).isEqualTo("REJECTED");
        assertThat(rejected.path("decidedBy").asString()).isEqualTo("admin");
    }
}
