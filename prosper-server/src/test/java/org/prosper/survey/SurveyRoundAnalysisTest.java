package org.prosper.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.prosper.survey.SurveyFixtures.KH_VILLAGE;
import static org.prosper.survey.SurveyFixtures.formWithRound;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.prosper.access.Actor;
import org.prosper.geo.GeoService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A survey round as the analysis's data source: welfare from the round's measurement variables, by hand. */
@DatabaseTest
@TestPropertySource(properties = "prosper.analysis.job-threshold=1000")
class SurveyRoundAnalysisTest {

    @Autowired MockMvc mvc;
    @Autowired FormService forms;
    @Autowired RoundService rounds;
    @Autowired SubmissionProcessor processor;
    @Autowired JdbcClient db;
    @Autowired JsonMapper json;
    @Autowired GeoService geo;

    @Test
    void aRoundsIncomeVariablesAreMeasuredPerPerson() throws Exception {
        String formId = formWithRound(forms, rounds, KH_VILLAGE);
        forms.setMapping(Actor.system(), formId, Map.of("income", "variable.income", "hh_size", "variable.household_size"));
        SurveyRound round = rounds.list(Actor.system()).stream().filter(r -> r.formId().equals(formId)).findFirst().orElseThrow();
        String a = "uuid:" + UUID.randomUUID();
        String b = "uuid:" + UUID.randomUUID();
        String main = "household_id,village,hh_size,water_source,income,KEY\n"
                + "KH-SVAYAMPEAR-0001," + KH_VILLAGE + ",2,PIPED,1000," + a + "\n"
                + "KH-SVAYAMPEAR-0002," + KH_VILLAGE + ",4,PIPED,8000," + b + "\n";
        mvc.perform(multipart("/api/v1/survey/forms/" + formId + "/import").param("round", round.code())
                .file(new MockMultipartFile("file", "main.csv", "text/csv", main.getBytes(StandardCharsets.UTF_8)))
                .with(httpBasic("officer-kh", "demo"))).andExpect(status().isCreated());
        for (String id : new String[] {a, b}) {
            processor.process(db.sql("select id from survey_submission where instance_id = ?").param(id).query(Long.class).single());
        }
        long village = geo.unitByCode(KH_VILLAGE).orElseThrow().id();
        String body = """
                {"orgUnitId": %d, "source": {"kind": "survey", "roundId": %d, "welfareVariables": ["income"], "annualFactor": 12},
                 "line": {"kind": "national"}}""".formatted(village, round.id());
        String answer = mvc.perform(post("/api/v1/analysis").with(httpBasic("officer-kh", "demo")).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        JsonNode r = json.readTree(answer);
        assertThat(r.path("source").path("kind").asString()).isEqualTo("survey");
        assertThat(r.path("source").path("roundId").asLong()).isEqualTo(round.id());
        assertThat(r.path("households").asLong()).isEqualTo(2);
        assertThat(r.path("population").asDouble()).isEqualTo(6);
        // per person per year: 1000 x 12 / 2 = 6,000 (2 persons), 8000 x 12 / 4 = 24,000 (4 persons)
        assertThat(r.path("total").path("estimates").path("mean").path("value").asDouble()).isCloseTo((12_000 + 96_000) / 6.0, within(1e-9));
        assertThat(r.path("total").path("estimates").path("fgt0").path("value").asDouble()).isEqualTo(1.0);

        String missing = mvc.perform(post("/api/v1/analysis").with(httpBasic("officer-kh", "demo")).contentType(MediaType.APPLICATION_JSON)
                        .content(body.replace("[\"income\"]", "[\"income_fishing\"]")))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(json.readTree(missing).path("problems").get(0).path("field").asString()).isEqualTo("source.welfareVariables");
        assertThat(missing).contains("income_fishing");
    }
}
