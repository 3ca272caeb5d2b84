package org.prosper.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.prosper.registry.Household;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Runs, alerts and their reasons, idempotent reruns, departmental files and profiles, through the API. */
@DatabaseTest
class MonitoringRunTest {

    @Autowired MockMvc mvc;
    @Autowired JsonMapper json;
    @Autowired JdbcClient db;
    @Autowired MonitoringFixtures fixtures;
    @Autowired DeptImportService deptFiles;
    @Autowired RunService runService;
    @Autowired AlertRepository alertRows;
    @Autowired InterruptedRuns interruptedRuns;

    private JsonNode getJson(String url, String user) throws Exception {
        return json.readTree(mvc.perform(get(url).with(httpBasic(user, "demo"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
    }

    private JsonNode postJson(String url, String user, String body) throws Exception {
        return json.readTree(mvc.perform(post(url).with(httpBasic(user, "demo")).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().is2xxSuccessful()).andReturn().getResponse().getContentAsString());
    }

    private JsonNode alertOf(JsonNode page, String rule) {
        for (JsonNode a : page.path("items")) if (a.path("rule").asString().equals(rule)) return a;
        return null;
    }

    @Test
    void demoRunsGiveReadableAlertsTracedToTheRuleAndTheData() throws Exception {
        JsonNode cn = getJson("/api/v1/monitoring/alerts?country=CN&rule=INC_BELOW_LINE&size=5", "admin");
        assertThat(cn.path("total").asLong()).isPositive();
        JsonNode alert = cn.path("items").get(0);
        for (String field : List.of("householdId", "rule", "riskType", "reason")) assertThat(alert.has(field)).as(field).isTrue();
        assertThat(alert.path("reason").asString()).contains("below the monitoring line of 6,000 CNY").contains("CN-MON-2021");
        // the reason's numbers are the registry's: household income divided by its members
        JsonNode household = getJson("/api/v1/households/" + alert.path("householdId").asLong(), "admin");
        double perCapita = household.path("annualIncome").asDouble() / household.path("members").size();
        assertThat(alert.path("evidence").path("values").path("income").asDouble()).isCloseTo(perCapita, org.assertj.core.data.Offset.offset(0.01));
        assertThat(alert.path("reason").asString()).contains(RuleEngine.number(perCapita) + " CNY");
        assertThat(alert.path("evidence").path("data").path("householdId").asLong()).isEqualTo(alert.path("householdId").asLong());
        assertThat(alert.path("evidence").path("profile").asString()).isEqualTo("CN");

        JsonNode medical = getJson("/api/v1/monitoring/alerts?country=CN&rule=MED_OOP_ABS&size=50", "admin");
        assertThat(medical.path("total").asLong()).isPositive();
        boolean found = false;
        for (JsonNode m : medical.path("items")) {
            String reason = m.path("reason").asString();
            assertThat(reason).matches("medical costs of [0-9,]+ CNY in the last 12 months exceed the (20,000|5,000) CNY threshold");
            if (reason.startsWith("medical costs of 23,400 CNY")) found = true;
            assertThat(m.path("evidence").path("values").path("records").size()).isPositive();
        }
        assertThat(found).as("the demo hospital list has 23,400 CNY rows").isTrue();

        JsonNode vn = getJson("/api/v1/monitoring/alerts?country=VN&rule=VN_POOR_NEAR_POOR&size=5", "admin");
        assertThat(vn.path("total").asLong()).isPositive();
        assertThat(vn.path("items").get(0).path("reason").asString()).contains("VND per person per month").contains("deprivations")
                .containsPattern("(poor|near-poor) household");
        JsonNode kh = getJson("/api/v1/monitoring/alerts?country=KH&rule=IDPOOR_LEVEL&size=5", "admin");
        assertThat(kh.path("total").asLong()).isPositive();
        assertThat(kh.path("items").get(0).path("reason").asString()).contains("proxy score").contains("IDPoor Level");
        assertThat(kh.path("items").get(0).path("reasonZh").asString()).contains("代理评分");
        JsonNode flood = getJson("/api/v1/monitoring/alerts?country=KH&rule=DISASTER_LOSS", "admin");
        assertThat(flood.path("total").asLong()).isPositive();
        assertThat(flood.path("items").get(0).path("reason").asString()).contains("disaster loss of").contains("KHR");
    }

    @Test
    void aHouseholdBelowTheLineGetsAnAlertStatingItsAmountsAndTheLine() throws Exception {
        Household h = fixtures.chinese(9_000);
        JsonNode runs = postJson("/api/v1/monitoring/households/" + h.id() + "/evaluate", "admin", "");
        assertThat(runs.get(0).path("kind").asString()).isEqualTo("INCREMENTAL");
        assertThat(runs.get(0).path("households").asLong()).isEqualTo(1);
        JsonNode alerts = getJson("/api/v1/monitoring/alerts?householdId=" + h.id(), "admin");
        assertThat(alerts.path("total").asLong()).isEqualTo(1);
        JsonNode a = alerts.path("items").get(0);
        assertThat(a.path("rule").asString()).isEqualTo("INC_BELOW_LINE");
        assertThat(a.path("reason").asString()).startsWith("per-capita net income of 3,000 CNY in " + (LocalDate.now().getYear() - 1)
                + " is below the monitoring line of 6,000 CNY (CN-MON-2021");
        assertThat(a.path("reasonZh").asString()).contains("人均纯收入3,000CNY").contains("6,000CNY");
        assertThat(a.path("evidence").path("values").path("householdIncome").asDouble()).isEqualTo(9_000);
        assertThat(a.path("evidence").path("values").path("members").asInt()).isEqualTo(3);

        // evaluating again on unchanged data finds the same alert and writes nothing
        JsonNode again = postJson("/api/v1/monitoring/households/" + h.id() + "/evaluate", "admin", "");
        assertThat(again.get(0).path("alertsNew").asLong()).isZero();
        assertThat(again.get(0).path("alertsFound").asLong()).isEqualTo(1);
        assertThat(getJson("/api/v1/monitoring/alerts?status=ALL&householdId=" + h.id(), "admin").path("total").asLong()).isEqualTo(1);
    }

    @Test
    void aRegistryChangeIsEvaluatedOnItsOwnOnceCommitted() throws Exception {
        Household h = fixtures.chinese(9_000); // waits for the background evaluation of the new household
        JsonNode open = getJson("/api/v1/monitoring/alerts?rule=INC_BELOW_LINE&householdId=" + h.id(), "admin");
        assertThat(open.path("total").asLong()).isEqualTo(1);
        long firstRun = open.path("items").get(0).path("firstRunId").asLong();
        JsonNode run = getJson("/api/v1/monitoring/runs/" + firstRun, "admin");
        assertThat(run.path("kind").asString()).isEqualTo("INCREMENTAL");
        assertThat(run.path("households").asLong()).isEqualTo(1);
        assertThat(run.path("trigger").asString()).isEqualTo("registry created by system");

        // an officer raises the income through the API: the alert is resolved without anyone starting a run
        JsonNode stored = getJson("/api/v1/households/" + h.id(), "admin");
        ((tools.jackson.databind.node.ObjectNode) stored).put("annualIncome", 60_000);
        mvc.perform(put("/api/v1/households/" + h.id()).with(httpBasic("officer-cn", "demo")).contentType(MediaType.APPLICATION_JSON)
                .content(stored.toString())).andExpect(status().isOk());
        fixtures.settle();
        assertThat(getJson("/api/v1/monitoring/alerts?rule=INC_BELOW_LINE&householdId=" + h.id(), "admin").path("total").asLong()).isZero();
        JsonNode all = getJson("/api/v1/monitoring/alerts?status=ALL&rule=INC_BELOW_LINE&householdId=" + h.id(), "admin");
        assertThat(all.path("total").asLong()).isEqualTo(1);
        JsonNode resolvedBy = getJson("/api/v1/monitoring/runs/" + all.path("items").get(0).path("resolvedRunId").asLong(), "admin");
        assertThat(resolvedBy.path("trigger").asString()).isEqualTo("registry changed by officer-cn");
        assertThat(resolvedBy.path("alertsResolved").asLong()).isEqualTo(1);
    }

    @Test
    void aRegistryImportUpdatesTheCountriesItWroteTo() throws Exception {
        String code = "KH-MONIMP-" + System.nanoTime() % 1_000_000_000L;
        String csv = "household_code,village_code,registration_status,housing_structure,housing_condition,water_source,sanitation,"
                + "cooking_fuel,electricity,annual_income,income_year,full_name,national_id,sex,birth_date,relation,education,in_school,"
                + "disability,health_insurance,labour_capacity\n"
                + code + ",KH-PILOT-SVAYAMPEAR,POOR,WOOD,B,PIPED,FLUSH,GAS,true,1000000," + (LocalDate.now().getYear() - 1)
                + ",Test Head,KHT" + code.hashCode() + ",F,1975-01-01,HEAD,PRIMARY,false,false,false,FULL\n"; // no health cover: an alert
        String answer = mvc.perform(multipart("/api/v1/households/import").file(new MockMultipartFile("file", "monitoring-import.csv", "text/csv",
                        csv.getBytes(StandardCharsets.UTF_8))).param("wait", "true").with(httpBasic("officer-kh", "demo")))
                .andReturn().getResponse().getContentAsString();
        assertThat(answer).as(answer).contains("SUCCEEDED");
        fixtures.settle();
        JsonNode latest = getJson("/api/v1/monitoring/runs?country=KH&limit=1", "admin").get(0);
        assertThat(latest.path("kind").asString()).isEqualTo("UPDATE");
        assertThat(latest.path("trigger").asString()).isEqualTo("registry import of monitoring-import.csv by officer-kh");
        assertThat(latest.path("state").asString()).isEqualTo("SUCCEEDED");
        long id = db.sql("select id from household where code = ?").param(code).query(Long.class).single();
        JsonNode alerts = getJson("/api/v1/monitoring/alerts?householdId=" + id, "admin");
        assertThat(alerts.path("total").asLong()).as("the imported household was screened").isPositive();
    }

    @Test
    void aRunRepeatedOnUnchangedDataCreatesNoDuplicateAlerts() throws Exception {
        JsonNode first = postJson("/api/v1/monitoring/runs?wait=true", "admin", "{\"country\":\"KH\"}");
        long all = getJson("/api/v1/monitoring/alerts?country=KH&status=ALL&size=1", "admin").path("total").asLong();
        JsonNode second = postJson("/api/v1/monitoring/runs?wait=true", "admin", "{\"country\":\"KH\",\"kind\":\"UPDATE\"}");
        assertThat(second.path("state").asString()).isEqualTo("SUCCEEDED");
        assertThat(second.path("alertsNew").asLong()).isZero();
        assertThat(second.path("alertsResolved").asLong()).isZero();
        assertThat(second.path("alertsFound").asLong()).isEqualTo(first.path("alertsFound").asLong()).isPositive();
        assertThat(getJson("/api/v1/monitoring/alerts?country=KH&status=ALL&size=1", "admin").path("total").asLong()).isEqualTo(all);
        // the run's list is versioned: exactly what it found
        assertThat(getJson("/api/v1/monitoring/alerts?runId=" + second.path("id").asLong() + "&size=1", "admin").path("total").asLong())
                .isEqualTo(second.path("alertsFound").asLong());
        Long duplicates = db.sql("select count(*) from (select household_id, rule_id, fingerprint from monitoring_alert where resolved_run_id is null "
                + "group by household_id, rule_id, fingerprint having count(*) > 1) d").query(Long.class).single();
        assertThat(duplicates).isZero();
    }

    @Test
    void aRunAsAJobReportsItsRun() throws Exception {
        JsonNode accepted = json.readTree(mvc.perform(post("/api/v1/monitoring/runs").with(httpBasic("coordinator-vn", "demo"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"country\":\"VN\"}"))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString());
        String jobId = accepted.path("jobId").asString();
        JsonNode job = null;
        for (int i = 0; i < 200; i++) {
            job = getJson("/api/v1/jobs/" + jobId, "coordinator-vn");
            if (job.path("state").asString().equals("SUCCEEDED") || job.path("state").asString().equals("FAILED")) break;
            Thread.sleep(100);
        }
        assertThat(job.path("state").asString()).isEqualTo("SUCCEEDED");
        assertThat(job.path("result").path("countryCode").asString()).isEqualTo("VN");
        JsonNode runs = getJson("/api/v1/monitoring/runs?jobId=" + jobId, "coordinator-vn");
        assertThat(runs.size()).isEqualTo(1);
        assertThat(runs.get(0).path("households").asLong()).isPositive();
        mvc.perform(post("/api/v1/monitoring/runs").with(httpBasic("admin", "demo")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"country\":\"XX\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.problems[0].field").value("country"));
    }

    @Test
    void aDepartmentalFileWithALongNameIsImportedAndEvaluatedItsRunNamingTheFileAsFarAsItsTriggerHolds() throws Exception {
        Household h = fixtures.chinese(60_000);
        String name = "县医院住院费用明细".repeat(30) + ".csv";
        String csv = "household_code,kind,amount,date\n" + h.code() + ",MEDICAL_OOP,100," + LocalDate.now().minusDays(3) + "\n";
        JsonNode result = json.readTree(mvc.perform(multipart("/api/v1/monitoring/dept-files").file(new MockMultipartFile("file", name, "text/csv",
                                csv.getBytes(StandardCharsets.UTF_8))).param("country", "CN").with(httpBasic("officer-cn", "demo")))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
        String trigger = result.path("runs").get(0).path("trigger").asString();
        assertThat(trigger).hasSize(200).startsWith("departmental file 县医院住院费用明细").endsWith("...");
        assertThat(result.path("runs").get(0).path("state").asString()).isEqualTo("SUCCEEDED");
    }

    @Test
    void aMalformedDepartmentalFileIsRefusedWithRowAndReasonAndChangesNothing() throws Exception {
        Household h = fixtures.chinese(60_000);
        long records = db.sql("select count(*) from monitoring_dept_record").query(Long.class).single();
        long batches = db.sql("select count(*) from monitoring_dept_batch").query(Long.class).single();
        long alerts = db.sql("select count(*) from monitoring_alert").query(Long.class).single();
        String csv = "household_code,kind,amount,date\n"
                + h.code() + ",MEDICAL_OOP,25000," + LocalDate.now().minusDays(3) + "\n"
                + h.code() + ",HOSPITAL,100," + LocalDate.now().minusDays(3) + "\n"
                + h.code() + ",MEDICAL_OOP,abc," + LocalDate.now().minusDays(3) + "\n"
                + "NO-SUCH-HOUSEHOLD,MEDICAL_OOP,100," + LocalDate.now().minusDays(3) + "\n"
                + h.code() + ",MEDICAL_OOP,100," + LocalDate.now().plusDays(10) + "\n";
        String body = mvc.perform(multipart("/api/v1/monitoring/dept-files").file(new MockMultipartFile("file", "hospital.csv", "text/csv",
                                csv.getBytes(StandardCharsets.UTF_8))).param("country", "CN").with(httpBasic("admin", "demo")))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        JsonNode error = json.readTree(body);
        assertThat(error.path("error").asString()).contains("hospital.csv was refused, nothing was imported");
        JsonNode problems = error.path("problems");
        assertThat(problems.size()).isEqualTo(4);
        assertThat(problems.get(0).path("row").asInt()).isEqualTo(3);
        assertThat(problems.get(0).path("field").asString()).isEqualTo("kind");
        assertThat(problems.get(0).path("message").asString()).contains("'HOSPITAL' is not one of");
        assertThat(problems.get(1).path("row").asInt()).isEqualTo(4);
        assertThat(problems.get(1).path("field").asString()).isEqualTo("amount");
        assertThat(problems.get(2).path("row").asInt()).isEqualTo(6);
        assertThat(problems.get(2).path("field").asString()).isEqualTo("date");
        assertThat(problems.get(3).path("row").asInt()).isEqualTo(5);
        assertThat(problems.get(3).path("message").asString()).contains("no household with code NO-SUCH-HOUSEHOLD");
        // a client that speaks its user's language reads the problem by key and values
        assertThat(problems.get(3).path("key").asString()).isEqualTo("problem.monitoring.noHousehold");
        assertThat(problems.get(3).path("args").toString()).isEqualTo("[\"NO-SUCH-HOUSEHOLD\"]");
        assertThat(db.sql("select count(*) from monitoring_dept_record").query(Long.class).single()).isEqualTo(records);
        assertThat(db.sql("select count(*) from monitoring_dept_batch").query(Long.class).single()).isEqualTo(batches);
        assertThat(db.sql("select count(*) from monitoring_alert").query(Long.class).single()).isEqualTo(alerts);

        // a household outside the importer's org units is a row problem too
        Household cambodian = fixtures.create("KH-PILOT-SVAYAMPEAR", 9_000_000, "NOT_POOR", List.of(MonitoringFixtures.person("HEAD", 40, "FULL")));
        mvc.perform(multipart("/api/v1/monitoring/dept-files").file(new MockMultipartFile("file", "x.csv", "text/csv",
                                ("household_code,kind,amount,date\n" + cambodian.code() + ",DISASTER_LOSS,5," + LocalDate.now() + "\n").getBytes(StandardCharsets.UTF_8)))
                        .param("country", "KH").with(httpBasic("officer-cn", "demo")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.problems[0].row").value(2))
                .andExpect(jsonPath("$.problems[0].message").value(org.hamcrest.Matchers.containsString("outside the org units of officer-cn")));

        // the same file without its bad rows goes in whole, and the household is evaluated at once
        String good = "household_code,kind,amount,date\n" + h.code() + ",MEDICAL_OOP,25000," + LocalDate.now().minusDays(3) + "\n";
        JsonNode result = json.readTree(mvc.perform(multipart("/api/v1/monitoring/dept-files").file(new MockMultipartFile("file", "hospital-ok.csv",
                                "text/csv", good.getBytes(StandardCharsets.UTF_8))).param("country", "CN").param("source", "county hospital")
                        .with(httpBasic("officer-cn", "demo")))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
        assertThat(result.path("rows").asInt()).isEqualTo(1);
        assertThat(result.path("runs").get(0).path("kind").asString()).isEqualTo("INCREMENTAL");
        JsonNode medical = getJson("/api/v1/monitoring/alerts?rule=MED_OOP_ABS&householdId=" + h.id(), "officer-cn");
        assertThat(medical.path("items").get(0).path("reason").asString())
                .isEqualTo("medical costs of 25,000 CNY in the last 12 months exceed the 20,000 CNY threshold");
        assertThat(medical.path("items").get(0).path("evidence").path("values").path("records").get(0).asString())
                .isEqualTo(result.path("batchId").asLong() + ":2");
        // the same file twice would count the costs twice: refused
        mvc.perform(multipart("/api/v1/monitoring/dept-files").file(new MockMultipartFile("file", "again.csv", "text/csv",
                        good.getBytes(StandardCharsets.UTF_8))).param("country", "CN").with(httpBasic("admin", "demo")))
                .andExpect(status().isConflict());
    }

    @Test
    void aFileImportedTwiceAtOnceIsStoredOnceAndTheSecondImportIsToldWhichBatchHasIt() {
        Household h = fixtures.chinese(9_000);
        LocalDate date = LocalDate.now().minusDays(1);
        byte[] file = ("household_code,kind,amount,date\n" + h.code() + ",MEDICAL_OOP,100," + date + "\n").getBytes(StandardCharsets.UTF_8);
        DeptImportService.ImportResult first = deptFiles.importFile(org.prosper.access.Actor.system(), "CN", "clinic", "twice.csv", file);
        String sha = db.sql("select sha256 from monitoring_dept_batch where id = ?").param(first.batchId()).query(String.class).single();
        long records = db.sql("select count(*) from monitoring_dept_record").query(Long.class).single();

        // the second of a double click checked for an earlier batch before the first was stored, and stores now
        List<DeptRepository.Row> rows = List.of(new DeptRepository.Row(2, h.id(), "MEDICAL_OOP", 100, date));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> deptFiles.store(org.prosper.access.Actor.system(), "CN", "clinic", "twice.csv", sha, rows))
                .isInstanceOfSatisfying(MonitoringProblem.class, p -> {
                    assertThat(p.status()).isEqualTo(409);
                    assertThat(p.getMessage()).isEqualTo("file: twice.csv was already imported as batch " + first.batchId());
                });
        assertThat(db.sql("select count(*) from monitoring_dept_batch where sha256 = ?").param(sha).query(Long.class).single()).isEqualTo(1);
        assertThat(db.sql("select count(*) from monitoring_dept_record").query(Long.class).single()).isEqualTo(records);
    }

    @Test
    void profilesAreLoadedFromFilesAndEveryEditIsANewVersion() throws Exception {
        JsonNode list = getJson("/api/v1/monitoring/profiles", "coordinator-cn");
        List<String> codes = new java.util.ArrayList<>();
        for (JsonNode p : list) codes.add(p.path("code").asString());
        assertThat(codes).contains("CN", "VN", "KH", "TH", "GENERIC");
        JsonNode vn = getJson("/api/v1/monitoring/profiles/VN", "admin");
        assertThat(vn.path("source").asString()).isIn("FILE", "EDIT");
        assertThat(vn.path("profile").path("lines").get(0).path("amount").asLong()).isEqualTo(1_500_000);
        assertThat(vn.path("profile").path("lines").get(0).path("source").asString()).contains("Decree 07/2021/ND-CP");

        JsonNode th = getJson("/api/v1/monitoring/profiles/TH", "admin");
        int before = th.path("version").asInt();
        String edited = json.writeValueAsString(th.path("profile")).replace("\"share\":0.4", "\"share\":0.35");
        assertThat(edited).contains("0.35");
        mvc.perform(put("/api/v1/monitoring/profiles/TH").with(httpBasic("coordinator-cn", "demo")).contentType(MediaType.APPLICATION_JSON).content(edited))
                .andExpect(status().isForbidden());
        JsonNode saved = json.readTree(mvc.perform(put("/api/v1/monitoring/profiles/TH?note=lower medical threshold").with(httpBasic("admin", "demo"))
                        .contentType(MediaType.APPLICATION_JSON).content(edited))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(saved.path("version").asInt()).isEqualTo(before + 1);
        assertThat(saved.path("source").asString()).isEqualTo("EDIT");
        JsonNode versions = getJson("/api/v1/monitoring/profiles/TH/versions", "admin");
        assertThat(versions.size()).isGreaterThanOrEqualTo(2);
        assertThat(versions.get(0).path("version").asInt()).isEqualTo(before + 1);
        assertThat(getJson("/api/v1/monitoring/profiles/TH/versions/" + before, "admin").path("profile").toString()).contains("0.4");

        String broken = edited.replace("\"kind\":\"NO_LABOUR\"", "\"kind\":\"NO_SUCH_KIND\"").replace("\"severity\":\"HIGH\"", "\"severity\":\"SEVERE\"");
        JsonNode error = json.readTree(mvc.perform(put("/api/v1/monitoring/profiles/TH").with(httpBasic("admin", "demo"))
                        .contentType(MediaType.APPLICATION_JSON).content(broken))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString());
        List<String> fields = new java.util.ArrayList<>();
        for (JsonNode p : error.path("problems")) fields.add(p.path("field").asString());
        assertThat(fields).contains("rules[3].kind", "rules[2].severity");
        assertThat(getJson("/api/v1/monitoring/profiles/TH", "admin").path("version").asInt()).isEqualTo(before + 1);
        mvc.perform(put("/api/v1/monitoring/profiles/TH").with(httpBasic("admin", "demo")).contentType(MediaType.APPLICATION_JSON).content("{\"code\":\"TH\",\"rules\":[}"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void rolesThatDoNotWorkOnCasesAreRefused() throws Exception {
        for (String user : List.of("viewer", "expert", "enumerator-kh", "manager")) {
            mvc.perform(get("/api/v1/monitoring/alerts?country=KH").with(httpBasic(user, "demo"))).andExpect(status().isForbidden());
            mvc.perform(get("/api/v1/monitoring/cases").with(httpBasic(user, "demo"))).andExpect(status().isForbidden());
            mvc.perform(get("/api/v1/monitoring/dashboard").with(httpBasic(user, "demo"))).andExpect(status().isForbidden());
            mvc.perform(post("/api/v1/monitoring/runs?wait=true").with(httpBasic(user, "demo")).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"country\":\"KH\"}")).andExpect(status().isForbidden());
        }
        mvc.perform(get("/api/v1/monitoring/alerts?country=KH")).andExpect(status().isUnauthorized());
    }

    @Test
    void aDepartmentalFileOverTheSizeLimitIsRefusedBeforeItIsRead() throws Exception {
        long batches = db.sql("select count(*) from monitoring_dept_batch").query(Long.class).single();
        long configured = deptFiles.maxFileBytes();
        deptFiles.maxFileBytes(100);
        try {
            String csv = "household_code,kind,amount,date\n" + "CN-X,MEDICAL_OOP,100,2026-01-01\n".repeat(5);
            mvc.perform(multipart("/api/v1/monitoring/dept-files").file(new MockMultipartFile("file", "hospital.csv", "text/csv",
                                    csv.getBytes(StandardCharsets.UTF_8))).param("country", "CN").with(httpBasic("admin", "demo")))
                    .andExpect(status().isPayloadTooLarge())
                    .andExpect(jsonPath("$.problems[0].field").value("file"))
                    .andExpect(jsonPath("$.problems[0].message").value(org.hamcrest.Matchers.startsWith("hospital.csv is 192 bytes, more than the limit of 100 bytes")));
        } finally {
            deptFiles.maxFileBytes(configured);
        }
        assertThat(db.sql("select count(*) from monitoring_dept_batch").query(Long.class).single()).isEqualTo(batches);
    }

    @Test
    void aDepartmentalFileTouchingManyHouseholdsIsEvaluatedInSeveralRunsThatCoverThemAll() throws Exception {
        List<Household> three = List.of(fixtures.chinese(9_000), fixtures.chinese(9_000), fixtures.chinese(9_000));
        StringBuilder csv = new StringBuilder("household_code,kind,amount,date\n");
        for (Household h : three) csv.append(h.code()).append(",MEDICAL_OOP,25000,").append(LocalDate.now().minusDays(2)).append('\n');
        runService.householdsPerRun(2);
        JsonNode result;
        try {
            result = json.readTree(mvc.perform(multipart("/api/v1/monitoring/dept-files").file(new MockMultipartFile("file", "many.csv", "text/csv",
                                    csv.toString().getBytes(StandardCharsets.UTF_8))).param("country", "CN").with(httpBasic("admin", "demo")))
                    .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
        } finally {
            runService.householdsPerRun(20_000);
        }
        assertThat(result.path("households").asInt()).isEqualTo(3);
        assertThat(result.path("runs").size()).isEqualTo(2);
        for (Household h : three) {
            assertThat(getJson("/api/v1/monitoring/alerts?rule=MED_OOP_ABS&householdId=" + h.id(), "admin").path("total").asLong())
                    .as(h.code()).isEqualTo(1);
        }
    }

    @Test
    void aRunLeftRunningByAStoppedServerIsMarkedFailedAtStartButNotOneOfThisServer() {
        long stale = alertRows.insertRun("BN", "FULL", "BN", 1, "/", "scheduled full", "system", null);
        db.sql("update monitoring_run set started_at = ? where id = ?")
                .params(java.sql.Timestamp.from(interruptedRuns.serverStart().minusSeconds(3600)), stale).update();
        long current = alertRows.insertRun("BN", "FULL", "BN", 1, "/", "scheduled full", "system", null);
        try {
            interruptedRuns.afterStart();
            Run failed = alertRows.run(stale).orElseThrow();
            assertThat(failed.state()).isEqualTo("FAILED");
            assertThat(failed.message()).isEqualTo("interrupted: the server stopped during this run; it wrote no alerts");
            assertThat(failed.finishedAt()).isNotNull();
            assertThat(alertRows.run(current).orElseThrow().state()).isEqualTo("RUNNING");
        } finally {
            alertRows.finishRun(current, "FAILED", 0, 0, 0, 0, "test run");
        }
    }
}
