package org.prosper.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.Collections;

import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Lists far beyond any real project are refused with 422 naming the field and its limit, and nothing is written. */
@DatabaseTest
class ProjectLimitsTest {

    @Autowired MockMvc mvc;
    @Autowired JsonMapper json;

    private JsonNode send(MockHttpServletRequestBuilder req, String body, int expect) throws Exception {
        String out = mvc.perform(req.with(httpBasic("admin", "demo")).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().is(expect)).andReturn().getResponse().getContentAsString();
        return json.readTree(out);
    }

    private JsonNode getJson(String url) throws Exception {
        return json.readTree(mvc.perform(get(url).with(httpBasic("admin", "demo"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
    }

    private static String repeat(String entry, int times) {
        return "[" + String.join(", ", Collections.nCopies(times, entry)) + "]";
    }

    private static String project(String identifier, String extra) {
        return "{\"iatiIdentifier\": \"" + identifier + "\", \"title\": {\"en\": \"Limits\"}, \"status\": \"1\", "
                + "\"villages\": [\"LA-PILOT-SOMSANOOK\"]" + extra + "}";
    }

    @Test
    void aNewProjectWithTooManyEntriesIsRefusedNamingTheFieldAndTheLimit() throws Exception {
        JsonNode refused = send(post("/api/v1/projects"), project("XM-TEST-LIMITS-1",
                ", \"partners\": " + repeat("{\"role\": \"1\", \"name\": {\"en\": \"Donor\"}}", 100_000)), 422);
        assertThat(refused.path("problems").toString()).contains("partners: 100000 entries, at most 100");
        assertThat(getJson("/api/v1/projects?q=XM-TEST-LIMITS-1").size()).isZero();

        JsonNode nested = send(post("/api/v1/projects"), project("XM-TEST-LIMITS-1", ", \"results\": [{\"level\": \"OUTCOME\", "
                + "\"title\": {\"en\": \"r\"}, \"indicators\": [{\"title\": {\"en\": \"i\"}, \"measure\": \"1\", \"periods\": [{\"start\": \"2025-01-01\", "
                + "\"end\": \"2025-12-31\", \"targets\": " + repeat("{\"value\": \"1\"}", 501) + "}]}]}]"), 422);
        assertThat(nested.path("problems").toString()).contains("results[0].indicators[0].periods[0].targets: 501 entries, at most 500");

        String atTheLimit = ", \"tags\": " + repeat("{\"vocabulary\": \"3\", \"code\": \"1.2\"}", ProjectLimits.TAGS);
        send(post("/api/v1/projects"), project("XM-TEST-LIMITS-1", atTheLimit), 201);
    }

    @Test
    void aSaveWithTooManyEntriesChangesNothing() throws Exception {
        long id = send(post("/api/v1/projects"), project("XM-TEST-LIMITS-2", ""), 201).path("id").asLong();
        int version = getJson("/api/v1/projects/" + id).path("version").asInt();
        JsonNode refused = send(put("/api/v1/projects/" + id), "{\"budgets\": " + repeat(
                "{\"periodStart\": \"2025-01-01\", \"periodEnd\": \"2025-12-31\", \"value\": 1, \"currency\": \"USD\"}", 201) + "}", 422);
        assertThat(refused.path("problems").toString()).contains("budgets: 201 entries, at most 200");
        JsonNode after = getJson("/api/v1/projects/" + id);
        assertThat(after.path("version").asInt()).isEqualTo(version);
        assertThat(after.path("budgets").size()).isZero();
    }

    @Test
    void aChangeRequestWithTooManyChangesIsRefused() throws Exception {
        long id = send(post("/api/v1/projects"), project("XM-TEST-LIMITS-3", ""), 201).path("id").asLong();
        JsonNode refused = send(post("/api/v1/projects/" + id + "/change-requests"), "{\"reason\": \"many\", \"changes\": "
                + repeat("{\"kind\": \"ADD_ACTIVITY\", \"title\": \"Again\"}", 201) + "}", 422);
        assertThat(refused.path("problems").toString()).contains("changes: 201 entries, at most 200");
        assertThat(getJson("/api/v1/projects/" + id + "/change-requests").size()).isZero();
    }

    @Test
    void aProgrammeTitledInTooManyLanguagesIsRefused() throws Exception {
        StringBuilder title = new StringBuilder("{");
        for (int i = 0; i <= ProjectLimits.LANGUAGES; i++) title.append(i == 0 ? "" : ", ").append("\"x-").append(i).append("\": \"T\"");
        JsonNode refused = send(post("/api/v1/programmes"), "{\"code\": \"LIMITS-P\", \"title\": " + title + "}}", 422);
        assertThat(refused.path("problems").toString()).contains("title: 51 languages, at most 50");
    }

    @Test
    void anImportedActivityWithTooManyEntriesIsRefusedAndNotWritten() throws Exception {
        String xml = "<iati-activities version=\"2.03\"><iati-activity><iati-identifier>XM-TEST-LIMITS-IATI</iati-identifier>"
                + "<title><narrative>Too many sectors</narrative></title><activity-status code=\"2\"/>"
                + "<sector code=\"11110\"/>".repeat(ProjectLimits.SECTORS + 1) + "</iati-activity></iati-activities>";
        JsonNode report = json.readTree(mvc.perform(multipart("/api/v1/iati/activities")
                        .file(new MockMultipartFile("file", "many.xml", "application/xml", xml.getBytes(StandardCharsets.UTF_8)))
                        .with(httpBasic("admin", "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(report.path("refused").asInt()).isEqualTo(1);
        assertThat(report.toString()).contains("sectors: 101 entries, at most 100");
        assertThat(getJson("/api/v1/projects?q=XM-TEST-LIMITS-IATI").size()).isZero();
    }
}
