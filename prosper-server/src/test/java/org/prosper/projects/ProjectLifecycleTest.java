package org.prosper.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

@DatabaseTest
class ProjectLifecycleTest {

    @Autowired MockMvc mvc;
    @Autowired JsonMapper json;

    private JsonNode getJson(String url, String user) throws Exception {
        return json.readTree(mvc.perform(get(url).with(httpBasic(user, "demo"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
    }

    private JsonNode send(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder req, String user, String body, int expect) throws Exception {
        String out = mvc.perform(req.with(httpBasic(user, "demo")).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().is(expect)).andReturn().getResponse().getContentAsString();
        return out.isEmpty() ? null : json.readTree(out);
    }

    private long projectId(String identifier) throws Exception {
        return projectIdIfAny(identifier).orElseThrow(() -> new AssertionError("no project " + identifier));
    }

    private java.util.Optional<Long> projectIdIfAny(String identifier) throws Exception {
        for (JsonNode p : getJson("/api/v1/projects?q=" + identifier, "admin")) {
            if (p.path("iatiIdentifier").asString().equals(identifier)) return java.util.Optional.of(p.path("id").asLong());
        }
        return java.util.Optional.empty();
    }

    @Test
    void demoPlanAdjustmentShowsBothVersionsTheChangesAndTheApprover() throws Exception {
        long id = projectId("XM-PROSPER-EAPRCI-KH-SVAYAMPEAR");
        JsonNode versions = getJson("/api/v1/projects/" + id + "/plan-versions", "manager");
        assertThat(versions.size()).isGreaterThanOrEqualTo(2);
        JsonNode diff = getJson("/api/v1/projects/" + id + "/plan-diff?from=1&to=2", "manager");
        List<String> changes = new ArrayList<>();
        diff.path("changes").forEach(c -> changes.add(c.asString()));
        assertThat(changes).contains("Target ECO-1 2025-01-01..2025-12-31: 1150 -> 1250",
                "Budget 2025-01-01..2025-12-31: 400000 CNY -> 460000 CNY", "Activity added: Dry-season irrigation for 60 households");
        assertThat(diff.path("before").path("budgets").size()).isEqualTo(diff.path("after").path("budgets").size());
        assertThat(diff.path("request").path("requestedBy").asString()).isEqualTo("manager");
        assertThat(diff.path("request").path("decidedBy").asString()).isEqualTo("coordinator-kh");
        assertThat(diff.path("request").path("decidedRole").asString()).isEqualTo("COUNTRY_COORDINATOR");
        assertThat(diff.path("request").path("status").asString()).isEqualTo("APPROVED");
    }

    @Test
    void planChangesGoThroughARequestApprovedByAnotherAuthorisedUser() throws Exception {
        String body = """
                {"iatiIdentifier": "XM-TEST-PLAN-LA-1", "title": {"en": "Plan test"}, "status": "2", "defaultCurrency": "USD",
                 "villages": ["LA-PILOT-SOMSANOOK"], "comparisonVillages": ["LA-DEMO-NONGTENG"],
                 "budgets": [{"periodStart": "2025-01-01", "periodEnd": "2025-12-31", "value": 1000}],
                 "results": [{"level": "OUTCOME", "title": {"en": "More income"}, "indicators": [{"code": "P1", "title": {"en": "Income"},
                   "family": "ECONOMIC", "measure": "1", "periods": [{"start": "2025-01-01", "end": "2025-12-31", "targets": [{"value": "10"}]}]}]}]}
                """;
        long id = send(post("/api/v1/projects"), "manager-la", body, 201).path("id").asLong();
        // past the pipeline, a plan change by plain update is refused and names what would change
        JsonNode refused = send(put("/api/v1/projects/" + id), "manager-la", body.replace("\"value\": \"10\"", "\"value\": \"12\""), 409);
        assertThat(refused.path("error").asString()).contains("change request", "Target P1 2025-01-01..2025-12-31: 10 -> 12");

        JsonNode bad = send(post("/api/v1/projects/" + id + "/change-requests"), "manager-la",
                "{\"reason\": \"\", \"changes\": [{\"kind\": \"TARGET\", \"indicator\": \"NOPE\", \"periodStart\": \"2025-01-01\", \"periodEnd\": \"2025-12-31\", \"value\": \"5\"}]}", 422);
        assertThat(bad.path("problems").toString()).contains("reason: say why", "changes[0].indicator: no indicator 'NOPE'");

        JsonNode cr = send(post("/api/v1/projects/" + id + "/change-requests"), "coordinator-la", """
                {"reason": "Drought: lower target, more budget", "changes": [
                  {"kind": "TARGET", "indicator": "P1", "periodStart": "2025-01-01", "periodEnd": "2025-12-31", "value": "8"},
                  {"kind": "BUDGET", "periodStart": "2025-01-01", "periodEnd": "2025-12-31", "value": "1500"},
                  {"kind": "ADD_VILLAGE", "village": "LA-PILOT-XIENGDA"}]}
                """, 201);
        long crId = cr.path("id").asLong();
        assertThat(cr.path("status").asString()).isEqualTo("PENDING");
        // the requester may not approve; a programme manager lacks the right; a coordinator of another country is out of scope
        JsonNode own = send(post("/api/v1/change-requests/" + crId + "/approve"), "coordinator-la", "{}", 403);
        assertThat(own.path("error").asString()).contains("may not approve it");
        send(post("/api/v1/change-requests/" + crId + "/approve"), "manager-la", "{}", 403);
        send(post("/api/v1/change-requests/" + crId + "/approve"), "coordinator-kh", "{}", 403);
        assertThat(getJson("/api/v1/projects/" + id, "admin").path("planVersion").asInt()).isEqualTo(1);

        JsonNode approved = send(post("/api/v1/change-requests/" + crId + "/approve"), "admin", "{\"comment\": \"ok\"}", 200);
        assertThat(approved.path("status").asString()).isEqualTo("APPROVED");
        assertThat(approved.path("newVersion").asInt()).isEqualTo(2);
        send(post("/api/v1/change-requests/" + crId + "/approve"), "admin", "{}", 409);

        JsonNode project = getJson("/api/v1/projects/" + id, "manager-la");
        assertThat(project.path("planVersion").asInt()).isEqualTo(2);
        assertThat(project.path("villages").toString()).contains("LA-PILOT-XIENGDA");
        JsonNode diff = getJson("/api/v1/projects/" + id + "/plan-diff?from=1&to=2", "manager-la");
        List<String> changes = new ArrayList<>();
        diff.path("changes").forEach(c -> changes.add(c.asString()));
        assertThat(changes).containsExactlyInAnyOrder("Village served added: LA-PILOT-XIENGDA",
                "Budget 2025-01-01..2025-12-31: 1000 USD -> 1500 USD", "Target P1 2025-01-01..2025-12-31: 10 -> 8");
        assertThat(diff.path("before").path("targets").get(0).path("value").asString()).isEqualTo("10");
        assertThat(diff.path("after").path("targets").get(0).path("value").asString()).isEqualTo("8");
        assertThat(diff.path("request").path("decidedBy").asString()).isEqualTo("admin");
        assertThat(diff.path("request").path("requestedBy").asString()).isEqualTo("coordinator-la");
    }

    @Test
    void aSaveFromAStaleCopyIsRefusedAndAFullSaveKeepsWhatItLeavesOut() throws Exception {
        long id = send(post("/api/v1/projects"), "manager-la", """
                {"iatiIdentifier": "XM-TEST-SAVE-LA-1", "title": {"en": "Save test"}, "status": "2", "defaultCurrency": "USD",
                 "villages": ["LA-PILOT-SOMSANOOK"],
                 "transactions": [{"type": "3", "date": "2025-03-01", "value": 500, "description": {"en": "First disbursement"}}],
                 "results": [{"level": "OUTCOME", "title": {"en": "Water"}, "indicators": [{"code": "S1", "title": {"en": "Taps"},
                   "family": "SOCIAL", "measure": "1", "periods": [{"start": "2025-01-01", "end": "2025-12-31", "targets": [{"value": "10"}]}]}]}]}
                """, 201).path("id").asLong();
        ObjectNode read = (ObjectNode) getJson("/api/v1/projects/" + id, "manager-la");
        long indicator = indicator(read, "S1").path("id").asLong();
        // meanwhile an officer enters two actuals, one for a period the plan does not have yet
        for (String period : List.of("\"periodStart\": \"2025-01-01\", \"periodEnd\": \"2025-12-31\"", "\"periodStart\": \"2026-01-01\", \"periodEnd\": \"2026-12-31\"")) {
            send(post("/api/v1/projects/" + id + "/indicators/" + indicator + "/actuals"), "coordinator-la",
                    "{" + period + ", \"value\": \"7\", \"evidence\": \"Water committee register\"}", 200);
        }

        read.set("title", json.readTree("{\"en\": \"Save test, renamed\"}"));
        JsonNode stale = send(put("/api/v1/projects/" + id), "manager-la", read.toString(), 409);
        assertThat(stale.path("error").asString()).contains("project " + id + " was changed by someone else", "your copy is version "
                + read.path("version").asInt(), "reload it");
        assertThat(getJson("/api/v1/projects/" + id, "manager-la").path("title").path("en").asString()).isEqualTo("Save test");

        // the same stale copy without its version, and without transactions: the actuals and the disbursement stay
        read.remove("version");
        read.remove("transactions");
        JsonNode saved = send(put("/api/v1/projects/" + id), "manager-la", read.toString(), 200);
        assertThat(saved.path("title").path("en").asString()).isEqualTo("Save test, renamed");
        assertThat(saved.path("transactions").size()).isEqualTo(1);
        assertThat(saved.path("transactions").get(0).path("description").path("en").asString()).isEqualTo("First disbursement");
        JsonNode periods = indicator(saved, "S1").path("periods");
        assertThat(periods.size()).isEqualTo(2);
        for (JsonNode period : periods) {
            assertThat(period.path("actuals").size()).isEqualTo(1);
            assertThat(period.path("actuals").get(0).path("value").asString()).isEqualTo("7");
            assertThat(period.path("actuals").get(0).path("evidence").asString()).isEqualTo("Water committee register");
        }

        // a body with only the fields to change, and the version read: saved, and the version moves on
        int version = saved.path("version").asInt();
        JsonNode small = send(put("/api/v1/projects/" + id), "manager-la", "{\"description\": {\"en\": \"Taps in every lane\"}, \"version\": " + version + "}", 200);
        assertThat(small.path("version").asInt()).isGreaterThan(version);
        assertThat(small.path("title").path("en").asString()).isEqualTo("Save test, renamed");
        assertThat(small.path("villages").toString()).contains("LA-PILOT-SOMSANOOK");
        assertThat(indicator(small, "S1").path("periods").get(0).path("targets").get(0).path("value").asString()).isEqualTo("10");
        send(put("/api/v1/projects/" + id), "manager-la", "{\"description\": {\"en\": \"Again\"}, \"version\": " + version + "}", 409);
    }

    @Test
    void differenceInDifferencesAndItsStandardErrorMatchAnIndependentComputation() throws Exception {
        long id = projectId("XM-PROSPER-EAPRCI-KH-SVAYAMPEAR");
        JsonNode did = getJson("/api/v1/projects/" + id + "/did?dataset=EAPRCI-EVAL&variable=income_pc", "manager");
        String csv = mvc.perform(get("/api/v1/outcome-datasets/EAPRCI-EVAL/rows").with(httpBasic("admin", "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        double[] expected = independentDid(csv, "income_pc", List.of("KH-PILOT-SVAYAMPEAR"), List.of("KH-DEMO-PREKTAMEAK"));
        assertThat(did.path("estimate").asDouble()).isCloseTo(expected[0], within(1e-9));
        assertThat(did.path("se").asDouble()).isCloseTo(expected[1], within(1e-9));
        assertThat(did.path("estimate").asDouble()).as("the demo's built-in effect is about 180").isBetween(60.0, 320.0);
        assertThat(did.path("clusters").asInt()).isEqualTo(2);

        // the recorded ex-post evaluation carries the same figures
        JsonNode evaluation = getJson("/api/v1/projects/" + id + "/evaluations", "manager").get(0);
        assertThat(evaluation.path("didEstimate").asDouble()).isCloseTo(expected[0], within(1e-9));
        assertThat(evaluation.path("didSe").asDouble()).isCloseTo(expected[1], within(1e-9));
        assertThat(evaluation.path("ratings").size()).isEqualTo(6);

        // a wider comparison: both Lao pilots against the Lao comparison village, on a project created for the test
        long la = send(post("/api/v1/projects"), "admin", """
                {"iatiIdentifier": "XM-TEST-DID-LA", "title": {"en": "DiD test"}, "status": "1",
                 "villages": ["LA-PILOT-XIENGDA", "LA-PILOT-SOMSANOOK", "MM-PILOT-MINPYIN"], "comparisonVillages": ["LA-DEMO-NONGTENG", "MM-DEMO-NYAUNGBIN"]}
                """, 201).path("id").asLong();
        JsonNode wide = getJson("/api/v1/projects/" + la + "/did?dataset=EAPRCI-EVAL&variable=mpi_poor", "admin");
        double[] exp2 = independentDid(csv, "mpi_poor", List.of("LA-PILOT-XIENGDA", "LA-PILOT-SOMSANOOK", "MM-PILOT-MINPYIN"),
                List.of("LA-DEMO-NONGTENG", "MM-DEMO-NYAUNGBIN"));
        assertThat(wide.path("estimate").asDouble()).isCloseTo(exp2[0], within(1e-9));
        assertThat(wide.path("se").asDouble()).isCloseTo(exp2[1], within(1e-9));
        assertThat(wide.path("clusters").asInt()).isEqualTo(5);
    }

    /**
     * DiD and its village-clustered SE from the exported CSV, written out the long way: the saturated regression
     * y = a + b T + c Post + d T*Post with cluster-robust (CR1-type, G/(G-1) only) variance of d, which for these
     * dummies equals the linearized variance of the contrast of the four cell means.
     */
    static double[] independentDid(String csv, String variable, List<String> project, List<String> comparison) throws Exception {
        Map<String, double[]> cells = new HashMap<>();
        List<CSVRecord> rows = new ArrayList<>();
        for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv))) {
            if (!r.get("variable").equals(variable)) continue;
            String v = r.get("village_code");
            if (!project.contains(v) && !comparison.contains(v)) continue;
            rows.add(r);
            String cell = (project.contains(v) ? "T" : "C") + r.get("round");
            cells.computeIfAbsent(cell, k -> new double[2]);
            cells.get(cell)[0] += Double.parseDouble(r.get("value"));
            cells.get(cell)[1] += 1;
        }
        double tb = cells.get("TBASELINE")[0] / cells.get("TBASELINE")[1], te = cells.get("TENDLINE")[0] / cells.get("TENDLINE")[1];
        double cb = cells.get("CBASELINE")[0] / cells.get("CBASELINE")[1], ce = cells.get("CENDLINE")[0] / cells.get("CENDLINE")[1];
        double did = (te - tb) - (ce - cb);
        Map<String, Double> clusterScore = new HashMap<>();
        for (CSVRecord r : rows) {
            String v = r.get("village_code");
            String cell = (project.contains(v) ? "T" : "C") + r.get("round");
            double mean = cells.get(cell)[0] / cells.get(cell)[1];
            double sign = cell.equals("TENDLINE") || cell.equals("CBASELINE") ? 1 : -1;
            clusterScore.merge(v, sign * (Double.parseDouble(r.get("value")) - mean) / cells.get(cell)[1], Double::sum);
        }
        int g = clusterScore.size();
        double meanScore = clusterScore.values().stream().mapToDouble(Double::doubleValue).sum() / g;
        double ss = 0;
        for (double s : clusterScore.values()) ss += (s - meanScore) * (s - meanScore);
        return new double[]{did, Math.sqrt(ss * g / (g - 1))};
    }

    @Test
    void computedActualsFollowTheDatasetAndAreRecomputedWhenItChanges() throws Exception {
        long id = projectId("XM-PROSPER-EAPRCI-LA-XIENGDA");
        JsonNode eco = indicator(getJson("/api/v1/projects/" + id, "admin"), "ECO-1");
        String csv = mvc.perform(get("/api/v1/outcome-datasets/EAPRCI-EVAL/rows").with(httpBasic("admin", "demo"))).andReturn().getResponse().getContentAsString();
        double sum = 0;
        int n = 0;
        for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv))) {
            if (r.get("village_code").equals("LA-PILOT-XIENGDA") && r.get("round").equals("ENDLINE") && r.get("variable").equals("income_pc")) {
                sum += Double.parseDouble(r.get("value"));
                n++;
            }
        }
        assertThat(n).isEqualTo(40);
        JsonNode actual = eco.path("periods").get(0).path("actuals").get(0);
        assertThat(actual.path("source").asString()).isEqualTo("COMPUTED");
        assertThat(actual.path("value").asDouble()).isCloseTo(sum / n, within(1e-4));

        // a new dataset version for a test-only indicator: its actual follows the upload
        long test = send(post("/api/v1/projects"), "admin", """
                {"iatiIdentifier": "XM-TEST-COMPUTED", "title": {"en": "Computed"}, "status": "1", "villages": ["MM-PILOT-THAPYAYKONE"],
                 "results": [{"level": "OUTCOME", "title": {"en": "o"}, "indicators": [{"code": "C1", "title": {"en": "mean y"}, "measure": "1",
                   "source": "COMPUTED", "dataset": "TEST-DS", "variable": "y", "statistic": "MEAN",
                   "periods": [{"start": "2025-01-01", "end": "2025-12-31", "roundCode": "ENDLINE"}]}]}]}
                """, 201).path("id").asLong();
        upload("TEST-DS", "household_code,village_code,round,variable,value\nh1,MM-PILOT-THAPYAYKONE,ENDLINE,y,10\nh2,MM-PILOT-THAPYAYKONE,ENDLINE,y,20\n", 201);
        assertThat(indicator(getJson("/api/v1/projects/" + test, "admin"), "C1").path("periods").get(0).path("actuals").get(0).path("value").asDouble()).isEqualTo(15.0);
        upload("TEST-DS", "household_code,village_code,round,variable,value\nh1,MM-PILOT-THAPYAYKONE,ENDLINE,y,10\nh2,MM-PILOT-THAPYAYKONE,ENDLINE,y,40\n", 201);
        assertThat(indicator(getJson("/api/v1/projects/" + test, "admin"), "C1").path("periods").get(0).path("actuals").get(0).path("value").asDouble()).isEqualTo(25.0);

        JsonNode bad = upload("TEST-DS", "household_code,village_code,round,variable,value\nh1,NOWHERE,ENDLINE,y,abc\nh2,MM-PILOT-THAPYAYKONE,LATER,y,1\n", 422);
        assertThat(bad.path("problems").toString()).contains("t.csv row 2, column village_code: no org unit NOWHERE", "t.csv row 2, column value: 'abc' is not a number",
                "t.csv row 3, column round: 'LATER' is not BASELINE, MIDLINE or ENDLINE");
        assertThat(indicator(getJson("/api/v1/projects/" + test, "admin"), "C1").path("periods").get(0).path("actuals").get(0).path("value").asDouble()).isEqualTo(25.0);
    }

    private JsonNode upload(String code, String csv, int expect) throws Exception {
        String out = mvc.perform(multipart("/api/v1/outcome-datasets").file(new MockMultipartFile("file", "t.csv", "text/csv", csv.getBytes()))
                        .param("code", code).param("name", "test").with(httpBasic("admin", "demo")))
                .andExpect(status().is(expect)).andReturn().getResponse().getContentAsString();
        return json.readTree(out);
    }

    private static JsonNode indicator(JsonNode project, String code) {
        for (JsonNode r : project.path("results")) for (JsonNode i : r.path("indicators")) if (i.path("code").asString().equals(code)) return i;
        throw new AssertionError("no indicator " + code);
    }

    @Test
    void aLaoManagerCannotSeeOrEditAMyanmarProject() throws Exception {
        long mm = projectId("XM-PROSPER-EAPRCI-MM-MINPYIN");
        JsonNode list = getJson("/api/v1/projects", "manager-la");
        List<String> ids = new ArrayList<>();
        list.forEach(p -> ids.add(p.path("iatiIdentifier").asString()));
        assertThat(ids).contains("XM-PROSPER-EAPRCI-LA-XIENGDA").noneMatch(s -> s.contains("-MM-"));
        mvc.perform(get("/api/v1/projects/" + mm).with(httpBasic("manager-la", "demo"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/projects/" + mm + "/iati").with(httpBasic("manager-la", "demo"))).andExpect(status().isForbidden());
        String current = mvc.perform(get("/api/v1/projects/" + mm).with(httpBasic("manager", "demo"))).andReturn().getResponse().getContentAsString();
        send(put("/api/v1/projects/" + mm), "manager-la", current, 403);
        send(post("/api/v1/projects/" + mm + "/change-requests"), "manager-la", "{\"reason\": \"x\", \"changes\": [{\"kind\": \"ADD_ACTIVITY\", \"title\": \"t\"}]}", 403);
        byte[] all = mvc.perform(get("/api/v1/iati/activities").with(httpBasic("manager-la", "demo"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(new String(all)).contains("XM-PROSPER-EAPRCI-LA-XIENGDA").doesNotContain("XM-PROSPER-EAPRCI-MM-");
        assertThat(Iati.schemaErrors(all)).isEmpty();
        // creating a project in Myanmar is refused too
        send(post("/api/v1/projects"), "manager-la", "{\"iatiIdentifier\": \"XM-TEST-MM-BY-LA\", \"title\": {\"en\": \"x\"}, \"status\": \"1\", \"villages\": [\"MM-PILOT-MINPYIN\"]}", 403);
        // the Myanmar coordinator can
        mvc.perform(get("/api/v1/projects/" + mm).with(httpBasic("coordinator-mm", "demo"))).andExpect(status().isOk());
    }

    @Test
    void badInputIsRefusedWithEveryProblemNamed() throws Exception {
        JsonNode bad = send(post("/api/v1/projects"), "admin", """
                {"iatiIdentifier": "x", "status": "9", "defaultCurrency": "ABC", "villages": ["NOWHERE"],
                 "sectors": [{"code": "99999"}], "budgets": [{"periodStart": "2025-12-31", "periodEnd": "2025-01-01", "value": 1}],
                 "results": [{"level": "MIDDLE", "title": {"en": "r"}, "indicators": [{"title": {"en": "i"}, "family": "CULTURAL", "measure": "1",
                    "periods": [{"start": "2025-01-01", "end": "2025-12-31", "targets": [{"value": "lots"}]}]}]}]}
                """, 422);
        assertThat(bad.path("problems").toString()).contains("iatiIdentifier:", "title: required", "status: '9'", "defaultCurrency: 'ABC'",
                "villages: no org unit NOWHERE", "sectors[0].code: '99999'", "budgets[0].periodEnd", "results[0].level",
                "results[0].indicators[0].family", "results[0].indicators[0].periods[0].targets[0].value: 'lots' is not a number");
        // a result without a level, a computed indicator without a statistic, an empty disaggregation: named, not a server error
        JsonNode missing = send(post("/api/v1/projects"), "admin", """
                {"iatiIdentifier": "XM-TEST-MISSING", "title": {"en": "t"}, "status": "1", "villages": ["LA-PILOT-XIENGDA"],
                 "results": [{"level": null, "title": {"en": "r"}, "indicators": [{"title": {"en": "i"}, "source": "COMPUTED",
                    "dataset": "EAPRCI-EVAL", "variable": "income", "statistic": null, "disaggregations": ["sex", null]}]}]}
                """, 422);
        assertThat(missing.path("problems").toString()).contains("results[0].level: one of GOAL", "results[0].indicators[0].statistic: one of MEAN");
        assertThat(projectIdIfAny("XM-TEST-MISSING")).isEmpty();
        long id = projectId("XM-PROSPER-EAPRCI-LA-SOMSANOOK");
        long indicator = indicator(getJson("/api/v1/projects/" + id, "admin"), "ENV-1").path("id").asLong();
        JsonNode noEvidence = send(post("/api/v1/projects/" + id + "/indicators/" + indicator + "/actuals"), "manager-la",
                "{\"periodStart\": \"2025-01-01\", \"periodEnd\": \"2025-12-31\", \"value\": \"abc\"}", 422);
        assertThat(noEvidence.path("problems").toString()).contains("value: 'abc' is not a number", "evidence:");
        JsonNode nullDimension = send(post("/api/v1/projects/" + id + "/indicators/" + indicator + "/actuals"), "manager-la",
                "{\"periodStart\": \"2025-01-01\", \"periodEnd\": \"2025-12-31\", \"value\": \"x\", \"dimensions\": [null]}", 422);
        assertThat(nullDimension.path("problems").toString()).contains("value: 'x' is not a number", "evidence:");
        JsonNode nullChange = send(post("/api/v1/projects/" + id + "/change-requests"), "manager-la", "{\"reason\": \"r\", \"changes\": [null]}", 422);
        assertThat(nullChange.path("problems").toString()).contains("changes: at least one");
        send(post("/api/v1/projects/" + id + "/indicators/" + indicator + "/actuals"), "manager-la",
                "{\"periodStart\": \"2025-01-01\", \"periodEnd\": \"2025-12-31\", \"value\": \"79\", \"evidence\": \"Water committee register\"}", 200);
        JsonNode lights = getJson("/api/v1/projects/" + id + "/monitoring", "manager-la");
        boolean found = false;
        for (JsonNode l : lights) {
            if (l.path("indicator").asString().equals("ENV-1") && l.path("periodStart").asString().equals("2025-01-01")) {
                assertThat(l.path("actual").asDouble()).isEqualTo(79.0);
                assertThat(l.path("light").asString()).isEqualTo("GREEN");
                found = true;
            }
        }
        assertThat(found).isTrue();
    }

    @Test
    void projectSearchLooksInTheTitlesWordsNotInHowTheyAreStored() throws Exception {
        JsonNode all = getJson("/api/v1/projects", "admin");
        assertThat(all.size()).isPositive();
        // the titles are stored as JSON ({"en": ..., "zh": ...}): its punctuation and language codes are no project's words
        assertThat(search("{\"").size()).isZero();
        assertThat(search("\"en\"").size()).isZero();
        JsonNode first = all.get(0);
        String title = first.path("title").path("en").asString();
        String word = title.split(" ")[title.split(" ").length - 1];
        List<String> found = new ArrayList<>();
        for (JsonNode p : search(word.toUpperCase(java.util.Locale.ROOT))) found.add(p.path("iatiIdentifier").asString());
        assertThat(found).contains(first.path("iatiIdentifier").asString());
        for (JsonNode p : search(word)) {
            String titles = p.path("title").toString().toLowerCase(java.util.Locale.ROOT) + p.path("iatiIdentifier").asString().toLowerCase(java.util.Locale.ROOT);
            assertThat(titles).contains(word.toLowerCase(java.util.Locale.ROOT));
        }
    }

    private JsonNode search(String q) throws Exception {
        return json.readTree(mvc.perform(get("/api/v1/projects").param("q", q).with(httpBasic("admin", "demo"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
    }
}
