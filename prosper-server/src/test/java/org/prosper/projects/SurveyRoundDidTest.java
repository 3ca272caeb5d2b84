package org.prosper.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.prosper.survey.FormService;
import org.prosper.survey.SurveyDemoLoader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo's joint impact evaluation takes its difference in differences from the evaluation household survey's
 * baseline and endline rounds. Checked the way an outside reviewer would: both rounds exported through the survey
 * export API as CSV, the estimate and its village-clustered standard error computed here from those files alone.
 */
@DatabaseTest
class SurveyRoundDidTest {

    private static final List<String> PILOTS = List.of("KH-PILOT-SVAYAMPEAR", "KH-PILOT-ANGCHORK", "LA-PILOT-XIENGDA", "LA-PILOT-SOMSANOOK",
            "MM-PILOT-MINPYIN", "MM-PILOT-THAPYAYKONE");
    private static final List<String> COMPARISONS = List.of("KH-DEMO-PREKTAMEAK", "LA-DEMO-NONGTENG", "MM-DEMO-NYAUNGBIN");

    @Autowired MockMvc mvc;
    @Autowired JsonMapper json;
    @Autowired FormService forms;

    private JsonNode getJson(String url, String user) throws Exception {
        return json.readTree(mvc.perform(get(url).with(httpBasic(user, "demo"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
    }

    private long projectId(String identifier) throws Exception {
        for (JsonNode p : getJson("/api/v1/projects?q=" + identifier, "admin")) {
            if (p.path("iatiIdentifier").asString().equals(identifier)) return p.path("id").asLong();
        }
        throw new AssertionError("no project " + identifier);
    }

    /** One household's answer in an exported round. */
    private record Answer(String household, String village, double income) {
    }

    /** The round's submissions as the survey export API gives them (CSV, one row per submission), latest per household. */
    private List<Answer> exportRound(String round) throws Exception {
        byte[] body = mvc.perform(get("/api/v1/survey/forms/" + SurveyDemoLoader.EVALUATION_FORM_ID + "/export")
                        .param("format", "csv").param("round", round).with(httpBasic("admin", "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        String csv = new String(body, StandardCharsets.UTF_8);
        if (csv.startsWith("\uFEFF")) csv = csv.substring(1);
        Map<String, Answer> byHousehold = new LinkedHashMap<>();
        for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv))) {
            assertThat(r.get("Processing")).as("submission %s", r.get("KEY")).isEqualTo("PROCESSED");
            if (r.get("ReviewState").equals("REJECTED")) continue;
            // the income is recomputed from the answers as the form's calculation does, and must agree with the stored one
            double total = 0;
            for (String source : List.of("income_crops", "income_livestock", "income_wage", "income_business", "income_remittances")) {
                total += Double.parseDouble(r.get(source));
            }
            double income = Double.parseDouble(r.get("income_pc_ppp"));
            assertThat(income).isCloseTo(total / Double.parseDouble(r.get("hh_size")) / Double.parseDouble(r.get("ppp_factor")), within(1e-6));
            byHousehold.put(r.get("household_id"), new Answer(r.get("household_id"), r.get("village"), income)); // rows come in submission order
        }
        return new ArrayList<>(byHousehold.values());
    }

    @Test
    void differenceInDifferencesFromTheSurveyRoundsMatchesAComputationFromTheirExport() throws Exception {
        int year = LocalDate.now().getYear();
        List<Answer> baseline = exportRound("EVAL-BASELINE-" + (year - 1));
        List<Answer> endline = exportRound("EVAL-ENDLINE-" + year);
        for (String village : concat(PILOTS, COMPARISONS)) {
            assertThat(baseline.stream().filter(a -> a.village().equals(village)).count()).as("baseline households in " + village).isGreaterThanOrEqualTo(30);
            assertThat(endline.stream().filter(a -> a.village().equals(village)).count()).as("endline households in " + village).isGreaterThanOrEqualTo(30);
        }

        // the four cell means: T = pilot villages, C = comparison villages; B = baseline, E = endline
        Map<String, double[]> cells = new TreeMap<>();
        for (Answer a : baseline) add(cells, cell(a, "B"), a.income());
        for (Answer a : endline) add(cells, cell(a, "E"), a.income());
        cells.remove("-B");
        cells.remove("-E");
        assertThat(cells).containsOnlyKeys("TB", "TE", "CB", "CE");
        double tb = mean(cells.get("TB")), te = mean(cells.get("TE")), cb = mean(cells.get("CB")), ce = mean(cells.get("CE"));
        double did = (te - tb) - (ce - cb);

        // clustered by village: each household's share of the contrast, totalled per village
        Map<String, Double> villageTotal = new HashMap<>();
        for (List<Answer> round : List.of(baseline, endline)) {
            String when = round == baseline ? "B" : "E";
            for (Answer a : round) {
                String c = cell(a, when);
                if (c.startsWith("-")) continue;
                double sign = c.equals("TE") || c.equals("CB") ? 1 : -1;
                villageTotal.merge(a.village(), sign * (a.income() - mean(cells.get(c))) / cells.get(c)[1], Double::sum);
            }
        }
        int g = villageTotal.size();
        double average = 0;
        for (double t : villageTotal.values()) average += t / g;
        double squares = 0;
        for (double t : villageTotal.values()) squares += (t - average) * (t - average);
        double se = Math.sqrt(squares * g / (g - 1.0));

        long id = projectId(ProjectDemoLoader.EVALUATION_PROJECT);
        JsonNode api = getJson("/api/v1/projects/" + id + "/did?dataset=" + ProjectDemoLoader.SURVEY_DATASET + "&variable=income_pc_ppp", "manager");
        assertThat(g).isEqualTo(9);
        assertThat(api.path("clusters").asInt()).isEqualTo(9);
        assertThat(api.path("estimate").asDouble()).isCloseTo(did, within(Math.abs(did) * 1e-9));
        assertThat(api.path("se").asDouble()).isCloseTo(se, within(se * 1e-6));
        assertThat(se).as("a real spread between villages").isGreaterThan(1.0);
        assertThat(did).as("pilot incomes grow by about 25%, comparison incomes by about 5%").isBetween(200.0, 1000.0);
        assertThat(did / se).as("the built-in effect is detected").isGreaterThan(2.0);

        // the recorded ex-post evaluation carries the same figures
        JsonNode evaluation = getJson("/api/v1/projects/" + id + "/evaluations", "manager").get(0);
        assertThat(evaluation.path("didDataset").asString()).isEqualTo(ProjectDemoLoader.SURVEY_DATASET);
        assertThat(evaluation.path("didEstimate").asDouble()).isCloseTo(did, within(Math.abs(did) * 1e-9));
        assertThat(evaluation.path("didSe").asDouble()).isCloseTo(se, within(se * 1e-6));

        // the income indicator's baseline and endline actual are the pilot villages' means of the two rounds
        JsonNode indicator = indicator(getJson("/api/v1/projects/" + id, "manager"), "EVAL-ECO-1");
        assertThat(indicator.path("baselines").get(0).path("value").asDouble()).isCloseTo(tb, within(1e-4));
        JsonNode actual = indicator.path("periods").get(0).path("actuals").get(0);
        assertThat(actual.path("source").asString()).isEqualTo("COMPUTED");
        assertThat(actual.path("value").asDouble()).isCloseTo(te, within(1e-4));
        JsonNode share = indicator(getJson("/api/v1/projects/" + id, "manager"), "EVAL-SOC-1").path("periods").get(0).path("actuals").get(0);
        double below = endline.stream().filter(a -> PILOTS.contains(a.village())).filter(a -> a.income() < 1500).count()
                / (double) endline.stream().filter(a -> PILOTS.contains(a.village())).count();
        assertThat(share.path("value").asDouble()).isCloseTo(100 * below, within(1e-4));
    }

    @Test
    void theEvaluationSurveyMapsNoRegistryAttributeSoItsSubmissionsLeaveTheRegistryAlone() {
        Map<String, String> mapping = forms.mapping(forms.find(SurveyDemoLoader.EVALUATION_FORM_ID, null).orElseThrow().formKey());
        assertThat(mapping).containsEntry("household_id", "household.code").containsEntry("income_pc_ppp", "variable.income_pc_ppp");
        assertThat(mapping.values()).allMatch(t -> t.startsWith("variable.") || t.equals("household.code") || t.equals("household.village"));
    }

    private static String cell(Answer a, String round) {
        return (PILOTS.contains(a.village()) ? "T" : COMPARISONS.contains(a.village()) ? "C" : "-") + round;
    }

    private static void add(Map<String, double[]> cells, String cell, double value) {
        double[] c = cells.computeIfAbsent(cell, k -> new double[2]);
        c[0] += value;
        c[1] += 1;
    }

    private static double mean(double[] cell) {
        return cell[0] / cell[1];
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static JsonNode indicator(JsonNode project, String code) {
        for (JsonNode r : project.path("results")) for (JsonNode i : r.path("indicators")) if (i.path("code").asString().equals(code)) return i;
        throw new AssertionError("no indicator " + code);
    }
}
