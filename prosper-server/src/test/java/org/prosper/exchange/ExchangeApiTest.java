package org.prosper.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@DatabaseTest
class ExchangeApiTest {

    @Autowired MockMvc mvc;
    @Autowired JsonMapper json;

    private ResultActions post(String url, String user, String body) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(url).with(httpBasic(user, "demo"))
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private JsonNode created(ResultActions r) throws Exception {
        return json.readTree(r.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    @Test
    void aTrainingRunsFromApplicationToCertificateWithADisaggregatedReport() throws Exception {
        long id = created(post("/api/v1/knowledge/programmes", "manager", """
                {"kind":"training","title":"Solar irrigation pumps for smallholders","year":2026,"hostCountry":"KH",
                 "languages":["km","en"],"topics":["sustainable-agriculture"],"visibility":"public"}""")).path("id").asLong();
        post("/api/v1/knowledge/programmes/" + id + "/sessions", "manager", """
                {"title":"Field day","startsOn":"2026-03-10","endsOn":"2026-03-09","mode":"offline"}""")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.problems[*].field").value(Matchers.contains("endsOn", "place")));
        long session = created(post("/api/v1/knowledge/programmes/" + id + "/sessions", "manager", """
                {"title":"Field day with solar pumps","startsOn":"2026-03-10","mode":"OFFLINE","place":"Kampong Speu","languages":["km"]}""")).path("id").asLong();
        post("/api/v1/knowledge/programmes/participants", "officer-kh", """
                {"name":"Someone","country":"KH","sex":"?"}""").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.problems[0].field").value("sex"));
        long a = created(post("/api/v1/knowledge/programmes/participants", "officer-kh", """
                {"name":"Srey Mom","organisation":"Village committee","country":"KH","role":"village leader","sex":"F"}""")).path("id").asLong();
        long b = created(post("/api/v1/knowledge/programmes/participants", "officer-kh", """
                {"name":"Dara Kim","organisation":"Commune office","country":"KH","role":"commune official","sex":"M"}""")).path("id").asLong();
        long appA = created(post("/api/v1/knowledge/programmes/" + id + "/applications", "officer-kh", "{\"participantId\":" + a + "}")).path("id").asLong();
        long appB = created(post("/api/v1/knowledge/programmes/" + id + "/applications", "officer-kh", "{\"participantId\":" + b + "}")).path("id").asLong();
        post("/api/v1/knowledge/programmes/" + id + "/applications", "officer-kh", "{\"participantId\":" + a + "}").andExpect(status().isConflict());
        post("/api/v1/knowledge/programmes/applications/" + appA + "/decision", "officer-kh", "{\"status\":\"SELECTED\"}").andExpect(status().isForbidden());
        post("/api/v1/knowledge/programmes/applications/" + appA + "/decision", "manager", "{\"status\":\"SELECTED\"}").andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("SELECTED"));
        post("/api/v1/knowledge/programmes/applications/" + appB + "/decision", "manager", "{\"status\":\"REJECTED\"}").andExpect(status().isOk());
        // only selected participants attend, give feedback and get certificates
        post("/api/v1/knowledge/programmes/sessions/" + session + "/attendance", "manager", "{\"participantId\":" + b + ",\"present\":true}")
                .andExpect(status().isConflict()).andExpect(jsonPath("$.error").value(Matchers.containsString("not selected")));
        post("/api/v1/knowledge/programmes/" + id + "/certificates", "manager", "{\"participantId\":" + a + "}")
                .andExpect(status().isConflict()).andExpect(jsonPath("$.error").value(Matchers.containsString("attended no session")));
        post("/api/v1/knowledge/programmes/sessions/" + session + "/attendance", "manager", "{\"participantId\":" + a + ",\"present\":true}")
                .andExpect(status().isNoContent());
        post("/api/v1/knowledge/programmes/" + id + "/feedback", "officer-kh", "{\"participantId\":" + a + ",\"rating\":6}")
                .andExpect(status().isUnprocessableContent());
        post("/api/v1/knowledge/programmes/" + id + "/feedback", "officer-kh", "{\"participantId\":" + a + ",\"rating\":5,\"comments\":\"useful\"}")
                .andExpect(status().isNoContent());
        JsonNode certificate = created(post("/api/v1/knowledge/programmes/" + id + "/certificates", "manager", "{\"participantId\":" + a + "}"));
        assertThat(certificate.path("number").asString()).isEqualTo("PRO-" + id + "-" + a);
        JsonNode report = json.readTree(mvc.perform(get("/api/v1/knowledge/programmes/" + id + "/report").with(httpBasic("manager", "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(report.path("applications").asLong()).isEqualTo(2);
        assertThat(report.path("selected").asLong()).isEqualTo(1);
        assertThat(report.path("bySex").path("F").asLong()).isEqualTo(1);
        assertThat(report.path("bySex").has("M")).isFalse();
        assertThat(report.path("byCountry").path("KH").asLong()).isEqualTo(1);
        assertThat(report.path("attendanceRate").asDouble()).isEqualTo(1.0);
        assertThat(report.path("averageRating").asDouble()).isEqualTo(5.0);
        assertThat(report.path("certificates").asLong()).isEqualTo(1);
        // visitors see the programme but not who applied
        JsonNode open = json.readTree(mvc.perform(get("/api/v1/knowledge/programmes/" + id)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
        assertThat(open.path("applications").size()).isZero();
        assertThat(open.path("sessions").get(0).path("place").asString()).isEqualTo("Kampong Speu");
        mvc.perform(get("/api/v1/knowledge/programmes/" + id + "/report")).andExpect(status().isForbidden());
        // the programme is searchable at once
        JsonNode hits = json.readTree(mvc.perform(get("/api/v1/knowledge/search").param("q", "solar irrigation pumps").param("type", "programme"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(hits.path("items").get(0).path("id").asLong()).isEqualTo(id);
    }

    @Test
    void exchangesRecordVisitsAndTheForumItsSpeakersAndOutcomes() throws Exception {
        JsonNode list = json.readTree(mvc.perform(get("/api/v1/knowledge/programmes")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        long exchange = -1, forum = -1;
        for (JsonNode p : list) {
            if (p.path("kind").asString().equals("EXCHANGE")) exchange = p.path("id").asLong();
            if (p.path("kind").asString().equals("FORUM")) forum = p.path("id").asLong();
        }
        assertThat(exchange).isPositive();
        assertThat(forum).isPositive();
        mvc.perform(get("/api/v1/knowledge/programmes/" + exchange)).andExpect(status().isOk())
                .andExpect(jsonPath("$.visits[0].visitingCountry").value("LA"))
                .andExpect(jsonPath("$.visits[0].learnt").value(Matchers.containsString("cooperative")));
        mvc.perform(get("/api/v1/knowledge/programmes/" + forum)).andExpect(status().isOk())
                .andExpect(jsonPath("$.sessions[0].speakers[0].expertId").isNumber())
                .andExpect(jsonPath("$.outcomes[0].title").value("Forum summary (demo)"))
                .andExpect(jsonPath("$.links[*].kind").value(Matchers.hasItem("EXPERT")));
        post("/api/v1/knowledge/programmes/" + forum + "/visits", "manager", """
                {"hostVillage":"A","hostCountry":"CN","visitingVillage":"B","visitingCountry":"LA"}""")
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.problems[0].field").value("programme"));
        long visit = created(post("/api/v1/knowledge/programmes/" + exchange + "/visits", "coordinator-vn", """
                {"hostVillage":"Lang Sen","hostCountry":"VN","visitingVillage":"Ban Xiengda","visitingCountry":"LA",
                 "learnt":"Hợp tác xã nuôi ong và bán mật ong qua mạng"}""")).path("id").asLong();
        assertThat(visit).isPositive();
        JsonNode hits = json.readTree(mvc.perform(get("/api/v1/knowledge/search").param("q", "mật ong")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
        assertThat(hits.path("items").get(0).path("type").asString()).isEqualTo("programme");
        assertThat(hits.path("items").get(0).path("id").asLong()).isEqualTo(exchange);
        post("/api/v1/knowledge/programmes", "viewer", "{\"kind\":\"FORUM\",\"title\":\"x\"}").andExpect(status().isForbidden());
        post("/api/v1/knowledge/programmes", "expert", "{\"kind\":\"FORUM\",\"title\":\"x\"}").andExpect(status().isForbidden());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/knowledge/programmes")
                .contentType(MediaType.APPLICATION_JSON).content("{}")).andExpect(status().isUnauthorized());
        String page = mvc.perform(get("/knowledge/programmes/" + exchange)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("Leaders from Ban Xiengda (LA) visited").doesNotContain("id=\"report\"");
    }
}
