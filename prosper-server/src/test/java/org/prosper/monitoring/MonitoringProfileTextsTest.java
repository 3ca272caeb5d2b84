package org.prosper.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.prosper.access.Actor;
import org.prosper.registry.Household;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultMatcher;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A profile whose texts no alert could store is refused when saved, naming the field and its limit; one that fits runs. */
@DatabaseTest
class MonitoringProfileTextsTest {

    private static final Pattern ROOM = Pattern.compile("leaves room for ([0-9,]+)");

    @Autowired MockMvc mvc;
    @Autowired JsonMapper json;
    @Autowired MonitoringFixtures fixtures;
    @Autowired RunService runs;
    @Autowired AlertRepository alerts;

    private JsonNode save(String profile, ResultMatcher expected) throws Exception {
        String body = mvc.perform(put("/api/v1/monitoring/profiles/TH").with(httpBasic("admin", "demo"))
                .contentType(MediaType.APPLICATION_JSON).content(profile)).andExpect(expected).andReturn().getResponse().getContentAsString();
        return json.readTree(body);
    }

    private JsonNode current() throws Exception {
        return json.readTree(mvc.perform(get("/api/v1/monitoring/profiles/TH").with(httpBasic("admin", "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    /** A translated explanation may only use the values the English one names: another would show as "{name}" in every alert. */
    @Test
    void anExplanationNamingAValueTheEnglishOneDoesNotIsRefused() throws Exception {
        JsonNode before = current();
        ObjectNode edited = (ObjectNode) json.readTree(json.writeValueAsString(before.path("profile")));
        ObjectNode explanation = (ObjectNode) edited.path("rules").get(0).path("explanation");
        explanation.put("th", explanation.path("th").asString() + " {membersz}");

        JsonNode refused = save(json.writeValueAsString(edited), status().isBadRequest()); // as every rule the profile's checks refuse
        assertThat(refused.path("problems")).singleElement().satisfies(p -> {
            assertThat(p.path("field").asString()).isEqualTo("rules[0].explanation.th");
            assertThat(p.path("message").asString()).startsWith("{membersz} not in the English explanation, whose values are [");
        });
        assertThat(current().path("version").asInt()).isEqualTo(before.path("version").asInt());
    }

    @Test
    void aRuleSourceNoAlertCouldHoldIsRefusedAndOneAtTheLimitIsStoredInEveryAlert() throws Exception {
        JsonNode before = current();
        String original = json.writeValueAsString(before.path("profile"));
        ObjectNode tooLong = (ObjectNode) json.readTree(original);
        int rules = tooLong.path("rules").size();
        for (int i = 0; i < rules; i++) ((ObjectNode) tooLong.path("rules").get(i)).put("source", "s".repeat(5_000));
        ObjectNode explanation = (ObjectNode) tooLong.path("rules").get(0).path("explanation");
        String en = explanation.path("en").asString(); // its placeholders kept: the other languages' may only use these
        explanation.put("en", en + " " + "e".repeat(1_001 - en.length() - 1));

        JsonNode refused = save(json.writeValueAsString(tooLong), status().isUnprocessableContent());
        List<String> fields = new ArrayList<>();
        for (JsonNode p : refused.path("problems")) fields.add(p.path("field").asString());
        List<String> expected = new ArrayList<>(List.of("rules[0].explanation.en"));
        for (int i = 0; i < rules; i++) expected.add("rules[" + i + "].source");
        assertThat(fields).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(refused.path("problems").get(0).path("message").asString()).isEqualTo("1,001 characters, more than the 1,000 an alert's reason holds");
        assertThat(refused.path("problems").get(1).path("message").asString()).startsWith("5,000 characters; this rule leaves room for ")
                .endsWith("every alert's evidence (at most 4,000 characters) holds the rule's source and params with the household's data");
        assertThat(current().path("version").asInt()).isEqualTo(before.path("version").asInt());

        // each rule's source at the length the message allows is stored, and so is every alert of it
        ObjectNode atLimit = (ObjectNode) json.readTree(original);
        List<String> sources = new ArrayList<>();
        for (JsonNode p : refused.path("problems")) {
            Matcher room = ROOM.matcher(p.path("message").asString());
            if (!room.find()) continue;
            int rule = Integer.parseInt(p.path("field").asString().replaceAll("\\D", ""));
            String source = String.valueOf((char) ('a' + rule)).repeat(Integer.parseInt(room.group(1).replace(",", "")));
            ((ObjectNode) atLimit.path("rules").get(rule)).put("source", source);
            sources.add(source);
        }
        save(json.writeValueAsString(atLimit), status().isOk());
        try {
            Household h = fixtures.create("TH-DEMO-BANNONGBUA", 0, "NOT_POOR", List.of(MonitoringFixtures.person("HEAD", 70, "NONE")));
            List<Run> evaluated = runs.evaluate(Actor.system(), List.of(h.id()), LocalDate.now(), "test");
            assertThat(evaluated).singleElement().satisfies(r -> assertThat(r.state()).isEqualTo("SUCCEEDED"));
            List<Alert> found = alerts.alerts("household_id = ?", List.of(h.id()), 100, 0);
            assertThat(found).isNotEmpty().allSatisfy(a -> assertThat(sources).contains(a.evidence().path("ruleSource").asString()));
        } finally {
            save(original, status().isOk());
        }
    }
}
