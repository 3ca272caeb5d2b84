package org.prosper.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.prosper.access.UserService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may act on a programme: a contributor who does not run programmes registers, applies and gives feedback only as
 * the participant linked to their own account, while those who run programmes act for anyone; the participation report
 * (counts by country, sex and role, ratings) is for those who run programmes, in the detail as at /report.
 */
@DatabaseTest
class ProgrammeAccessTest {

    private static final String API = "/api/v1/knowledge/programmes";

    @Autowired MockMvc mvc;
    @Autowired JsonMapper json;
    @Autowired UserService users;

    private JsonNode post(String url, String user, String body, int expect) throws Exception {
        String out = mvc.perform(MockMvcRequestBuilders.post(url).with(httpBasic(user, "demo")).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().is(expect)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        return out.isEmpty() ? null : json.readTree(out);
    }

    private JsonNode read(MockHttpServletRequestBuilder request) throws Exception {
        return json.readTree(mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    private long programme(String title) throws Exception {
        return post(API, "manager", "{\"kind\":\"TRAINING\",\"title\":\"" + title + "\",\"hostCountry\":\"LA\",\"visibility\":\"public\"}", 201)
                .path("id").asLong();
    }

    private long participant(String user, String name, String sex) throws Exception {
        return post(API + "/participants", user, "{\"name\":\"" + name + "\",\"country\":\"KH\",\"role\":\"village leader\",\"sex\":\"" + sex + "\"}", 201)
                .path("id").asLong();
    }

    @Test
    void contributorsActOnlyForThemselvesAndThoseTheyRegistered() throws Exception {
        long id = programme("Participant checks");
        long officerId = users.loadUserByUsername("officer-kh").id();
        long expertId = users.loadUserByUsername("expert").id();
        // an officer registers a village leader of the visit: the leader's record is not the officer's account
        JsonNode officerRecord = post(API + "/participants", "officer-kh", "{\"name\":\"Sok Leader\",\"country\":\"KH\",\"sex\":\"M\"}", 201);
        assertThat(officerRecord.path("userId").isNull()).isTrue();
        long officer = officerRecord.path("id").asLong();
        JsonNode self = post(API + "/participants", "expert", "{\"name\":\"Expert Self\",\"country\":\"KH\",\"sex\":\"F\",\"userId\":" + expertId + "}", 201);
        assertThat(self.path("userId").asLong()).isEqualTo(expertId);
        long expert = self.path("id").asLong();
        JsonNode other = post(API + "/participants", "officer-kh", "{\"name\":\"Someone else\",\"country\":\"KH\",\"sex\":\"F\",\"userId\":" + expertId + "}", 403);
        assertThat(other.path("error").asString()).contains("may link a participant to no account but their own");
        assertThat(officerId).isNotEqualTo(expertId);
        long leader = participant("manager", "Srey Leader", "F");

        JsonNode forged = post(API + "/" + id + "/applications", "expert", "{\"participantId\":" + leader + "}", 403);
        assertThat(forged.toString()).doesNotContain("Srey Leader");
        post(API + "/" + id + "/applications", "officer-kh", "{\"participantId\":" + expert + "}", 403);
        long a1 = post(API + "/" + id + "/applications", "officer-kh", "{\"participantId\":" + officer + "}", 201).path("id").asLong();
        long a2 = post(API + "/" + id + "/applications", "expert", "{\"participantId\":" + expert + "}", 201).path("id").asLong();
        long a3 = post(API + "/" + id + "/applications", "manager", "{\"participantId\":" + leader + ",\"motivation\":\"nominated\"}", 201).path("id").asLong();
        for (long a : new long[] {a1, a2, a3}) post(API + "/applications/" + a + "/decision", "manager", "{\"status\":\"SELECTED\"}", 200);

        post(API + "/" + id + "/feedback", "manager", "{\"participantId\":" + leader + ",\"rating\":5}", 204);
        JsonNode overwrite = post(API + "/" + id + "/feedback", "expert", "{\"participantId\":" + leader + ",\"rating\":1}", 403);
        assertThat(overwrite.path("error").asString()).contains("their own participant record and those they registered");
        post(API + "/" + id + "/feedback", "officer-kh", "{\"participantId\":" + expert + ",\"rating\":1}", 403);
        post(API + "/" + id + "/feedback", "officer-kh", "{\"participantId\":" + officer + ",\"rating\":4}", 204);
        post(API + "/" + id + "/feedback", "expert", "{\"participantId\":" + expert + ",\"rating\":3}", 204);
        JsonNode report = read(get(API + "/" + id + "/report").with(httpBasic("manager", "demo")));
        assertThat(report.path("feedbackCount").asLong()).isEqualTo(3);
        assertThat(report.path("averageRating").asDouble()).isEqualTo(4.0);
    }

    @Test
    void theParticipationReportIsShownOnlyToThoseWhoRunProgrammes() throws Exception {
        long id = post(API, "manager", "{\"kind\":\"TRAINING\",\"title\":\"Report visibility\",\"hostCountry\":\"LA\",\"visibility\":\"public\"}", 201)
                .path("id").asLong();
        long leader = post(API + "/participants", "manager", "{\"name\":\"Report Leader\",\"country\":\"KH\",\"sex\":\"F\"}", 201).path("id").asLong();
        long application = post(API + "/" + id + "/applications", "manager", "{\"participantId\":" + leader + "}", 201).path("id").asLong();
        post(API + "/applications/" + application + "/decision", "manager", "{\"status\":\"SELECTED\"}", 200);

        assertThat(read(get(API + "/" + id)).path("report").path("selected").isMissingNode()).isTrue();
        for (String user : new String[] {"viewer", "expert", "officer-kh"}) {
            JsonNode detail = read(get(API + "/" + id).with(httpBasic(user, "demo")));
            assertThat(detail.path("programme").path("title").asString()).isEqualTo("Report visibility");
            assertThat(detail.path("report").path("selected").isMissingNode()).as(user).isTrue();
        }
        for (String user : new String[] {"manager", "coordinator-kh", "admin"}) {
            assertThat(read(get(API + "/" + id).with(httpBasic(user, "demo"))).path("report").path("bySex").path("F").asLong()).as(user).isEqualTo(1);
        }

        String anonymous = mvc.perform(get("/knowledge/programmes/" + id)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(anonymous).contains("Report visibility").doesNotContain("id=\"report\"").doesNotContain("id=\"by-sex\"");
        String manager = mvc.perform(get("/knowledge/programmes/" + id).with(user(users.loadUserByUsername("manager")))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(manager).contains("id=\"report\"").contains("id=\"selected-count\">1<");
    }
}
