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

    /**
     * The global MPI from a round whose form records the ten deprivations as 0/1 fields mapped to the spec's variables.
     * Weights 1/6 for d_nutr, d_cm, d_educ, d_satt and 1/18 for the six living standards; k = 1/3.
     */
    @Test
    void aRoundsMappedDeprivationsGiveTheGlobalMpi() throws Exception {
        String[] d = {"d_nutr", "d_cm", "d_educ", "d_satt", "d_ckfl", "d_sani", "d_wtr", "d_elct", "d_hsg", "d_asst"};
        String formId = SurveyFixtures.unique("mpi");
        java.util.List<java.util.List<String>> survey = new java.util.ArrayList<>();
        survey.add(Workbooks.row("type", "name", "label"));
        survey.add(Workbooks.row("text", "household_id", "Household ID"));
        survey.add(Workbooks.row("text", "village", "Village code"));
        survey.add(Workbooks.row("integer", "hh_size", "Size"));
        Map<String, String> mapping = new java.util.LinkedHashMap<>(Map.of("hh_size", "variable.household_size"));
        for (String name : d) {
            survey.add(Workbooks.row("integer", name, name));
            mapping.put(name, "variable." + name);
        }
        forms.publish(Actor.system(), Workbooks.xlsx(survey, java.util.List.of(Workbooks.row("list_name", "name", "label")),
                java.util.List.of(Workbooks.row("form_title", "form_id", "version"), Workbooks.row("MPI " + formId, formId, "1"))), formId + ".xlsx");
        rounds.create(Actor.system(), new RoundService.NewRound(SurveyFixtures.unique("R"), "MPI round", SurveyRound.Kind.BASELINE, formId,
                java.time.LocalDate.now().minusDays(30), java.time.LocalDate.now().plusDays(30), java.util.List.of(KH_VILLAGE)));
        forms.setMapping(Actor.system(), formId, mapping);
        SurveyRound round = rounds.list(Actor.system()).stream().filter(r -> r.formId().equals(formId)).findFirst().orElseThrow();
        // household 1 (3 persons): nutrition + child mortality = 2/6 >= 1/3: poor, score 1/3
        // household 2 (2 persons): schooling + all six living standards = 1/6 + 6/18 = 1/2: poor
        // household 3 (5 persons): water + electricity = 2/18: not poor
        // household 4 (4 persons): a missing indicator (blank d_hsg): left out
        String[][] rows = {
                {"KH-SVAYAMPEAR-0001", "3", "1", "1", "0", "0", "0", "0", "0", "0", "0", "0"},
                {"KH-SVAYAMPEAR-0002", "2", "0", "0", "1", "0", "1", "1", "1", "1", "1", "1"},
                {"KH-SVAYAMPEAR-0003", "5", "0", "0", "0", "0", "0", "0", "1", "1", "0", "0"},
                {"KH-SVAYAMPEAR-0004", "4", "0", "0", "0", "0", "0", "0", "0", "0", "", "0"}};
        StringBuilder main = new StringBuilder("household_id,village,hh_size," + String.join(",", d) + ",KEY\n");
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (String[] r : rows) {
            String id = "uuid:" + UUID.randomUUID();
            ids.add(id);
            main.append(r[0]).append(',').append(KH_VILLAGE).append(',').append(r[1]);
            for (int i = 2; i < r.length; i++) main.append(',').append(r[i]);
            main.append(',').append(id).append('\n');
        }
        mvc.perform(multipart("/api/v1/survey/forms/" + formId + "/import").param("round", round.code())
                .file(new MockMultipartFile("file", "main.csv", "text/csv", main.toString().getBytes(StandardCharsets.UTF_8)))
                .with(httpBasic("officer-kh", "demo"))).andExpect(status().isCreated());
        for (String id : ids) {
            processor.process(db.sql("select id from survey_submission where instance_id = ?").param(id).query(Long.class).single());
        }
        long village = geo.unitByCode(KH_VILLAGE).orElseThrow().id();
        String body = """
                {"orgUnitId": %d, "source": {"kind": "survey", "roundId": %d}, "mpiSpec": "global-mpi"}""".formatted(village, round.id());
        var response = mvc.perform(post("/api/v1/analysis").with(httpBasic("officer-kh", "demo")).contentType(MediaType.APPLICATION_JSON)
                .content(body)).andReturn().getResponse();
        String answer = response.getContentAsString(StandardCharsets.UTF_8);
        assertThat(response.getStatus()).as(answer).isEqualTo(200);
        JsonNode r = json.readTree(answer);
        assertThat(r.path("source").path("kind").asString()).isEqualTo("survey");
        JsonNode e = r.path("total").path("estimates");
        // persons: 3 + 2 + 5 = 10 counted; poor persons 3 + 2 = 5; scores 1/3 (x3) and 1/2 (x2)
        assertThat(e.path("H").path("value").asDouble()).isCloseTo(0.5, within(1e-12));
        assertThat(e.path("A").path("value").asDouble()).isCloseTo((3 * (1 / 3.0) + 2 * 0.5) / 5, within(1e-12));
        assertThat(e.path("M0").path("value").asDouble()).isCloseTo((3 * (1 / 3.0) + 2 * 0.5) / 10, within(1e-12));
        assertThat(r.toString()).contains("missing");

        // a spec whose variables the round does not have names them
        String vn = mvc.perform(post("/api/v1/analysis").with(httpBasic("officer-kh", "demo")).contentType(MediaType.APPLICATION_JSON)
                        .content(body.replace("global-mpi", "vietnam-2022")))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(json.readTree(vn).path("problems").get(0).path("field").asString()).isEqualTo("mpiSpec");
        assertThat(vn).contains("does not have");
    }
}
