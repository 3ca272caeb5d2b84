package org.prosper.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.prosper.access.Actor;
import org.prosper.access.AuditLog;
import org.prosper.access.UserService;
import org.prosper.TestDatabase;
import org.prosper.geo.GeoService;
import org.prosper.registry.ConflictProblem;
import org.prosper.registry.Household;
import org.prosper.registry.HouseholdDraft;
import org.prosper.registry.HouseholdService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultMatcher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A case through every step and back, illegal steps refused, social protection, scoping and the public notice. */
@DatabaseTest
class MonitoringCaseTest {

    @Autowired MockMvc mvc;
    @Autowired JsonMapper json;
    @Autowired AuditLog audit;
    @Autowired UserService users;
    @Autowired GeoService geo;
    @Autowired HouseholdService households;
    @Autowired MonitoringFixtures fixtures;
    @Autowired CaseService caseService;
    @Autowired AlertRepository alertRows;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient db;
    @Autowired PlatformTransactionManager transactions;

    private JsonNode call(org.springframework.test.web.servlet.RequestBuilder request, ResultMatcher expected) throws Exception {
        String body = mvc.perform(request).andExpect(expected).andReturn().getResponse().getContentAsString();
        return body.isEmpty() ? null : json.readTree(body);
    }

    private JsonNode step(long caseId, String user, String body, ResultMatcher expected) throws Exception {
        return call(post("/api/v1/monitoring/cases/" + caseId + "/steps").with(httpBasic(user, "demo"))
                .contentType(MediaType.APPLICATION_JSON).content(body), expected);
    }

    private long openCase(Household h, String user) throws Exception {
        call(post("/api/v1/monitoring/households/" + h.id() + "/evaluate").with(httpBasic(user, "demo")), status().isOk());
        JsonNode alerts = call(get("/api/v1/monitoring/alerts?householdId=" + h.id()).with(httpBasic(user, "demo")), status().isOk());
        assertThat(alerts.path("total").asLong()).isPositive();
        JsonNode c = call(post("/api/v1/monitoring/alerts/" + alerts.path("items").get(0).path("id").asLong() + "/case")
                .with(httpBasic(user, "demo")).contentType(MediaType.APPLICATION_JSON).content("{\"note\":\"found by the run\"}"), status().isCreated());
        assertThat(c.path("state").asString()).isEqualTo("ALERT");
        assertThat(c.path("alerts").size()).isEqualTo(alerts.path("total").asInt());
        return c.path("id").asLong();
    }

    /** Takes a case from ALERT to SUPPORTED (notice backdated past its window), planning and delivering one measure. */
    private JsonNode toSupported(long id, String user) throws Exception {
        step(id, user, "{\"action\":\"VERIFY\",\"consent\":true}", status().isOk());
        step(id, user, "{\"action\":\"CROSS_CHECK\",\"note\":\"no vehicle, no company, no property\"}", status().isOk());
        step(id, user, "{\"action\":\"VILLAGE_REVIEW\",\"noticeFrom\":\"" + LocalDate.now().minusDays(7) + "\"}", status().isOk());
        step(id, user, "{\"action\":\"TOWNSHIP_REVIEW\"}", status().isOk());
        step(id, user, "{\"action\":\"COUNTY_APPROVE\"}", status().isOk());
        step(id, user, "{\"action\":\"ENROL\",\"category\":\"EDGE\"}", status().isOk());
        JsonNode s = call(post("/api/v1/monitoring/cases/" + id + "/support").with(httpBasic(user, "demo")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"measure\":\"MINIMUM_LIVING_GUARANTEE\",\"riskType\":\"LACK_OF_LABOUR\",\"amount\":4800}"), status().isCreated());
        step(id, user, "{\"action\":\"PLAN_SUPPORT\"}", status().isOk());
        call(put("/api/v1/monitoring/support/" + s.path("id").asLong()).with(httpBasic(user, "demo")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"status\":\"DELIVERED\"}"), status().isOk());
        return step(id, user, "{\"action\":\"RECORD_SUPPORT\"}", status().isOk());
    }

    @Test
    void aCaseGoesThroughEveryStepAndBackAndEveryStepIsAudited() throws Exception {
        Household h = fixtures.chinese(9_000);
        String user = "officer-cn";
        long id = openCase(h, user);

        // home verification needs the household's consent; an evidence file is kept with its hash
        JsonNode refused = step(id, user, "{\"action\":\"VERIFY\"}", status().isBadRequest());
        assertThat(refused.path("problems").get(0).path("field").asString()).isEqualTo("consent");
        byte[] form = "监测核查表 signed".getBytes(StandardCharsets.UTF_8);
        JsonNode verified = call(multipart("/api/v1/monitoring/cases/" + id + "/steps")
                .file(new MockMultipartFile("step", "", "application/json", "{\"action\":\"VERIFY\",\"consent\":true,\"note\":\"visited\"}".getBytes(StandardCharsets.UTF_8)))
                .file(new MockMultipartFile("files", "核查表.pdf", "application/pdf", form))
                .with(httpBasic(user, "demo")), status().isOk());
        assertThat(verified.path("state").asString()).isEqualTo("HOME_VERIFICATION");
        JsonNode evidence = verified.path("steps").get(1).path("evidence").get(0);
        assertThat(evidence.path("fileName").asString()).isEqualTo("核查表.pdf");
        assertThat(evidence.path("size").asLong()).isEqualTo(form.length);
        byte[] back = mvc.perform(get("/api/v1/monitoring/cases/" + id + "/evidence/" + evidence.path("id").asLong()).with(httpBasic(user, "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(back).isEqualTo(form);

        // a step the state does not allow is refused and changes nothing
        JsonNode illegal = step(id, user, "{\"action\":\"ENROL\"}", status().isConflict());
        assertThat(illegal.path("error").asString()).contains("ENROL is not allowed on case " + id + " in state HOME_VERIFICATION");
        step(id, user, "{\"action\":\"FLY\"}", status().isBadRequest());
        step(id, user, "{\"action\":\"CROSS_CHECK\"}", status().isBadRequest()); // the results are required
        step(id, user, "{\"action\":\"CROSS_CHECK\",\"note\":\"no vehicle, no company, no property\"}", status().isOk());
        // the notice runs its days before the township review
        step(id, user, "{\"action\":\"VILLAGE_REVIEW\",\"noticeFrom\":\"" + LocalDate.now().minusDays(2) + "\"}", status().isOk());
        JsonNode notice = call(get("/api/v1/monitoring/notice?orgUnit=" + h.orgUnitId()).with(httpBasic(user, "demo")), status().isOk());
        String noticeText = notice.toString();
        assertThat(noticeText).contains(h.code()).doesNotContain(h.headNationalId()).doesNotContain(h.phone()).doesNotContain("ILLNESS")
                .doesNotContain(h.members().get(1).nationalId());
        JsonNode early = step(id, user, "{\"action\":\"TOWNSHIP_REVIEW\"}", status().isConflict());
        assertThat(early.path("error").asString()).contains("public notice").contains("runs until " + LocalDate.now().plusDays(3));
        JsonNode current = call(get("/api/v1/monitoring/cases/" + id).with(httpBasic(user, "demo")), status().isOk());
        assertThat(current.path("state").asString()).isEqualTo("VILLAGE_REVIEW");
        assertThat(current.path("overdue").size()).isZero();
        assertThat(current.path("allowedActions").toString()).contains("TOWNSHIP_REVIEW").contains("REJECT").doesNotContain("ENROL");
        assertThat(current.path("decisionDueAt").asString()).isNotEmpty();
    }

    @Test
    void aSupportedCaseIsEliminatedRolledBackAndEveryStepIsInTheAuditLog() throws Exception {
        Household h = fixtures.chinese(9_000);
        String user = "coordinator-cn";
        long id = openCase(h, user);
        toSupported(id, user);
        // elimination within two months of enrolment needs a stated exception
        JsonNode early = step(id, user, "{\"action\":\"PROPOSE_ELIMINATION\"}", status().isBadRequest());
        assertThat(early.path("problems").get(0).path("field").asString()).isEqualTo("override");
        step(id, user, "{\"action\":\"PROPOSE_ELIMINATION\",\"override\":\"income stable for a year before enrolment\"}", status().isOk());
        step(id, user, "{\"action\":\"REVIEW_ELIMINATION\",\"note\":\"village review held\"}", status().isOk());
        step(id, user, "{\"action\":\"ELIMINATE\"}", status().isBadRequest());
        JsonNode eliminated = step(id, user, "{\"action\":\"ELIMINATE\",\"eliminationMode\":\"ASSISTED\"}", status().isOk());
        assertThat(eliminated.path("state").asString()).isEqualTo("ELIMINATED");
        assertThat(eliminated.path("eliminationMode").asString()).isEqualTo("ASSISTED");
        step(id, user, "{\"action\":\"ROLLBACK\"}", status().isBadRequest());
        JsonNode rolled = step(id, user, "{\"action\":\"ROLLBACK\",\"note\":\"the main earner fell ill\"}", status().isOk());
        assertThat(rolled.path("state").asString()).isEqualTo("SUPPORTED");
        assertThat(rolled.path("relapses").asInt()).isEqualTo(1);

        List<String> actions = new ArrayList<>();
        for (JsonNode s : rolled.path("steps")) {
            actions.add(s.path("action").asString());
            assertThat(s.path("actor").asString()).isEqualTo(user);
            assertThat(s.path("at").asString()).isNotEmpty();
        }
        List<String> expected = List.of("OPEN", "VERIFY", "CROSS_CHECK", "VILLAGE_REVIEW", "TOWNSHIP_REVIEW", "COUNTY_APPROVE", "ENROL",
                "PLAN_SUPPORT", "RECORD_SUPPORT", "PROPOSE_ELIMINATION", "REVIEW_ELIMINATION", "ELIMINATE", "ROLLBACK");
        assertThat(actions).containsExactlyElementsOf(expected);
        List<String> audited = new ArrayList<>();
        for (AuditLog.Entry e : audit.search(Actor.system(), new AuditLog.AuditQuery(null, null, "monitoring_case", String.valueOf(id), 0, 100)).items()) {
            assertThat(e.actor()).isEqualTo(user);
            audited.add(0, e.action());
        }
        assertThat(audited).containsExactlyElementsOf(expected.stream().map(a -> "CASE_" + a).toList());
        assertThat(audit.search(Actor.system(), new AuditLog.AuditQuery(user, "SUPPORT_DELIVERED", "monitoring_support", null, 0, 10)).total()).isPositive();

        // the household's timeline has its registry record, alerts, every step and the support
        JsonNode timeline = call(get("/api/v1/monitoring/households/" + h.id() + "/timeline").with(httpBasic(user, "demo")), status().isOk());
        List<String> kinds = new ArrayList<>();
        for (JsonNode e : timeline) kinds.add(e.path("kind").asString());
        assertThat(kinds).contains("REGISTRY", "ALERT", "CASE_STEP", "SUPPORT");
        assertThat(kinds.stream().filter("CASE_STEP"::equals).count()).isEqualTo(expected.size());
    }

    private List<AuditLog.Entry> viewsOf(long caseId) {
        return audit.search(Actor.system(), new AuditLog.AuditQuery(null, "VIEW_PERSONAL_DATA", "monitoring_case", String.valueOf(caseId), 0, 100))
                .items();
    }

    @Test
    void everyReadingOfACaseOrOfItsEvidenceByAPersonIsInTheAuditLogAndListsAreNot() throws Exception {
        Household h = fixtures.chinese(9_000);
        String user = "officer-cn";
        long id = openCase(h, user);
        JsonNode verified = call(multipart("/api/v1/monitoring/cases/" + id + "/steps")
                .file(new MockMultipartFile("step", "", "application/json", "{\"action\":\"VERIFY\",\"consent\":true}".getBytes(StandardCharsets.UTF_8)))
                .file(new MockMultipartFile("files", "病历.pdf", "application/pdf", new byte[] {1, 2, 3}))
                .with(httpBasic(user, "demo")), status().isOk());
        long evidenceId = verified.path("steps").get(1).path("evidence").get(0).path("id").asLong();
        assertThat(viewsOf(id)).isEmpty(); // opening and the step are recorded as such

        call(get("/api/v1/monitoring/cases/" + id).with(httpBasic(user, "demo")), status().isOk());
        mvc.perform(get("/monitoring/cases/" + id).with(user(users.loadUserByUsername(user)))).andExpect(status().isOk());
        mvc.perform(get("/api/v1/monitoring/cases/" + id + "/evidence/" + evidenceId).with(httpBasic(user, "demo"))).andExpect(status().isOk());
        // the lists show household codes, states and risk types, no names or ID numbers
        call(get("/api/v1/monitoring/cases?householdId=" + h.id()).with(httpBasic(user, "demo")), status().isOk());
        mvc.perform(get("/api/v1/monitoring/cases.csv").with(httpBasic(user, "demo"))).andExpect(status().isOk());
        caseService.get(Actor.system(), id);

        List<AuditLog.Entry> views = viewsOf(id);
        assertThat(views).hasSize(3).allSatisfy(e -> assertThat(e.actor()).isEqualTo(user));
        assertThat(views.get(0).detail()).isEqualTo("evidence " + evidenceId + " (病历.pdf) of case " + id);
        assertThat(views.get(1).detail()).isEqualTo("case " + id + " of household " + h.code());
        assertThat(db.sql("select org_path from audit_log where id = ?").param(views.get(0).id()).query(String.class).single())
                .isEqualTo(h.orgPath());
        assertThat(audit.search(Actor.system(), new AuditLog.AuditQuery(user, "VIEW_PERSONAL_DATA", "monitoring_case", null, 0, 100)).items())
                .allSatisfy(e -> assertThat(e.entityId()).isNotNull());
    }

    private static void assertRefused(JsonNode refused, String field, String message) {
        assertThat(refused.path("status").asInt()).isEqualTo(422);
        assertThat(refused.path("problems")).singleElement().satisfies(p -> {
            assertThat(p.path("field").asString()).isEqualTo(field);
            assertThat(p.path("message").asString()).isEqualTo(message);
        });
    }

    @Test
    void anOverLongNoteIsRefusedNamingItsFieldAndLimitBeforeAnythingIsWrittenAndNoneIsCut() throws Exception {
        Household h = fixtures.chinese(9_000);
        String user = "officer-cn";
        call(post("/api/v1/monitoring/households/" + h.id() + "/evaluate").with(httpBasic(user, "demo")), status().isOk());
        JsonNode alerts = call(get("/api/v1/monitoring/alerts?householdId=" + h.id()).with(httpBasic(user, "demo")), status().isOk());
        String openAlert = "/api/v1/monitoring/alerts/" + alerts.path("items").get(0).path("id").asLong() + "/case";
        assertRefused(call(post(openAlert).with(httpBasic(user, "demo")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"note\":\"" + "n".repeat(2_001) + "\"}"), status().isUnprocessableContent()),
                "note", "2,001 characters, more than the 2,000 it may have");
        assertThat(db.sql("select count(*) from monitoring_case where household_id = ?").param(h.id()).query(Long.class).single()).isZero();

        String whole = "n".repeat(1_999) + "!";
        JsonNode opened = call(post(openAlert).with(httpBasic(user, "demo")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"note\":\"" + whole + "\"}"), status().isCreated());
        assertThat(opened.path("steps").get(0).path("note").asString()).isEqualTo(whole);
        long id = opened.path("id").asLong();
        JsonNode before = toSupported(id, user);

        assertRefused(step(id, user, "{\"action\":\"PROPOSE_ELIMINATION\",\"note\":\"" + "n".repeat(2_001) + "\"}", status().isUnprocessableContent()),
                "note", "2,001 characters, more than the 2,000 it may have");
        assertRefused(step(id, user, "{\"action\":\"PROPOSE_ELIMINATION\",\"override\":\"" + "o".repeat(1_001) + "\"}", status().isUnprocessableContent()),
                "override", "1,001 characters, more than the 1,000 it may have");
        assertRefused(call(post("/api/v1/monitoring/cases/" + id + "/support").with(httpBasic(user, "demo")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"measure\":\"MINIMUM_LIVING_GUARANTEE\",\"riskType\":\"LACK_OF_LABOUR\",\"note\":\"" + "n".repeat(1_001) + "\"}"),
                status().isUnprocessableContent()), "note", "1,001 characters, more than the 1,000 it may have");
        assertRefused(call(post("/api/v1/monitoring/cases/" + id + "/support").with(httpBasic(user, "demo")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"measure\":\"MINIMUM_LIVING_GUARANTEE\",\"riskType\":\"LACK_OF_LABOUR\",\"agency\":\"" + "a".repeat(201) + "\"}"),
                status().isUnprocessableContent()), "agency", "201 characters, more than the 200 it may have");
        long supportId = before.path("support").get(0).path("id").asLong();
        assertRefused(call(put("/api/v1/monitoring/support/" + supportId).with(httpBasic(user, "demo")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"note\":\"" + "n".repeat(1_001) + "\"}"), status().isUnprocessableContent()), "note", "1,001 characters, more than the 1,000 it may have");

        JsonNode after = call(get("/api/v1/monitoring/cases/" + id).with(httpBasic(user, "demo")), status().isOk());
        assertThat(after.path("version").asInt()).isEqualTo(before.path("version").asInt());
        assertThat(after.path("steps").size()).isEqualTo(before.path("steps").size());
        assertThat(after.path("support").toString()).isEqualTo(before.path("support").toString());
    }

    @Test
    void aProfileNoteOrAFileSourceTooLongIsRefusedNamingItsField() throws Exception {
        JsonNode th = call(get("/api/v1/monitoring/profiles/TH").with(httpBasic("admin", "demo")), status().isOk());
        JsonNode refused = call(put("/api/v1/monitoring/profiles/TH").param("note", "n".repeat(501)).with(httpBasic("admin", "demo"))
                .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(th.path("profile"))), status().isUnprocessableContent());
        assertThat(refused.path("problems").get(0).path("field").asString()).isEqualTo("note");
        assertThat(refused.path("problems").get(0).path("message").asString()).isEqualTo("501 characters, more than the 500 it may have");
        assertThat(call(get("/api/v1/monitoring/profiles/TH").with(httpBasic("admin", "demo")), status().isOk()).path("version").asInt())
                .isEqualTo(th.path("version").asInt());

        Household h = fixtures.chinese(9_000);
        String file = "household_code,kind,amount,date\n" + h.code() + ",MEDICAL_OOP,10," + LocalDate.now() + "\n";
        assertRefused(call(multipart("/api/v1/monitoring/dept-files").file(new MockMultipartFile("file", "clinic.csv", "text/csv",
                        file.getBytes(StandardCharsets.UTF_8))).param("country", "CN").param("source", "s".repeat(201))
                .with(httpBasic("admin", "demo")), status().isUnprocessableContent()), "source", "201 characters, more than the 200 it may have");
    }

    @Test
    void aHouseholdWithoutLabourIsNeverEliminated() throws Exception {
        Household h = fixtures.create("CN-DEMO-GX-NONGDONG", 3_000, "EX_POOR", List.of(MonitoringFixtures.person("HEAD", 78, "NONE"),
                MonitoringFixtures.person("SPOUSE", 75, "NONE")));
        long id = openCase(h, "admin");
        JsonNode supported = toSupported(id, "admin");
        assertThat(supported.path("noLabour").asBoolean()).isTrue();
        assertThat(supported.path("allowedActions").toString()).doesNotContain("PROPOSE_ELIMINATION").doesNotContain("\"ELIMINATE\"");
        JsonNode refused = step(id, "admin", "{\"action\":\"PROPOSE_ELIMINATION\",\"override\":\"try anyway\"}", status().isConflict());
        assertThat(refused.path("error").asString()).contains("no member able to work").contains("never marked eliminated");
        assertThat(call(get("/api/v1/monitoring/cases/" + id).with(httpBasic("admin", "demo")), status().isOk()).path("state").asString())
                .isEqualTo("SUPPORTED");
        JsonNode alerts = call(get("/api/v1/monitoring/alerts?householdId=" + h.id() + "&rule=NO_LABOUR").with(httpBasic("admin", "demo")), status().isOk());
        assertThat(alerts.path("items").get(0).path("reason").asString()).isEqualTo("none of the 2 member(s) is able to work");
    }

    @Test
    void aNewAlertOnAnEliminatedCaseRollsItBackAsARelapse() throws Exception {
        Household h = fixtures.chinese(9_000);
        long id = openCase(h, "admin");
        toSupported(id, "admin");
        step(id, "admin", "{\"action\":\"PROPOSE_ELIMINATION\",\"override\":\"test\"}", status().isOk());
        step(id, "admin", "{\"action\":\"REVIEW_ELIMINATION\"}", status().isOk());
        step(id, "admin", "{\"action\":\"ELIMINATE\",\"eliminationMode\":\"NATURAL\"}", status().isOk());
        // a child leaves school: the next evaluation finds a new risk
        Household stored = households.withoutIdentifiers(Actor.system(), List.of(h.id())).getFirst();
        Household full = households.findByCode(Actor.system(), h.code()).orElseThrow();
        List<org.prosper.registry.Person> members = new ArrayList<>(full.members());
        var child = members.get(2);
        members.set(2, new org.prosper.registry.Person(null, child.lineNo(), child.fullName(), child.nationalId(), child.sex(), child.birthDate(),
                child.relation(), child.ethnicity(), child.education(), false, child.disability(), child.healthInsurance(), child.labourCapacity(),
                child.occupation(), child.migrantWorker()));
        HouseholdDraft draft = HouseholdDraft.of(full);
        households.update(Actor.system(), h.id(), new HouseholdDraft(draft.code(), draft.orgUnitId(), draft.address(), null, null, draft.headName(),
                draft.headNationalId(), draft.phone(), draft.housingStructure(), draft.housingCondition(), draft.floorArea(), draft.assets(),
                draft.waterSource(), draft.sanitation(), draft.cookingFuel(), draft.electricity(), draft.landArea(), draft.registrationStatus(),
                draft.annualIncome(), draft.incomeYear(), stored.version(), members));
        call(post("/api/v1/monitoring/households/" + h.id() + "/evaluate").with(httpBasic("admin", "demo")), status().isOk());
        JsonNode c = call(get("/api/v1/monitoring/cases/" + id).with(httpBasic("admin", "demo")), status().isOk());
        assertThat(c.path("state").asString()).isEqualTo("SUPPORTED");
        assertThat(c.path("relapses").asInt()).isEqualTo(1);
        assertThat(c.path("riskTypes").toString()).contains("SCHOOLING");
        JsonNode last = c.path("steps").get(c.path("steps").size() - 1);
        assertThat(last.path("action").asString()).isEqualTo("ROLLBACK");
        assertThat(last.path("actor").asString()).isEqualTo("system");
        assertThat(last.path("note").asString()).contains("not in school");
    }

    @Test
    void anOfficerSeesNoAlertOrCaseOutsideTheirDistrict() throws Exception {
        String kienSvay = geo.unitByCode("KH-DEMO-L2-KIENSVAY").orElseThrow().path();
        String longlin = geo.unitByCode("CN-DEMO-L3-LONGLIN").orElseThrow().path();
        JsonNode alerts = call(get("/api/v1/monitoring/alerts?size=1000").with(httpBasic("officer-kh", "demo")), status().isOk());
        assertThat(alerts.path("total").asLong()).isPositive();
        for (JsonNode a : alerts.path("items")) assertThat(a.path("orgPath").asString()).startsWith(kienSvay);
        assertThat(call(get("/api/v1/monitoring/alerts?country=CN").with(httpBasic("officer-kh", "demo")), status().isOk()).path("total").asLong()).isZero();
        JsonNode cases = call(get("/api/v1/monitoring/cases?size=500").with(httpBasic("officer-kh", "demo")), status().isOk());
        assertThat(cases.path("total").asLong()).isPositive();
        for (JsonNode c : cases.path("items")) assertThat(c.path("orgPath").asString()).startsWith(kienSvay);
        JsonNode chineseCases = call(get("/api/v1/monitoring/cases?size=500").with(httpBasic("officer-cn", "demo")), status().isOk());
        assertThat(chineseCases.path("total").asLong()).isPositive();
        for (JsonNode c : chineseCases.path("items")) assertThat(c.path("orgPath").asString()).startsWith(longlin);
        long chinese = chineseCases.path("items").get(0).path("id").asLong();
        call(get("/api/v1/monitoring/cases/" + chinese).with(httpBasic("officer-kh", "demo")), status().isForbidden());
        step(chinese, "officer-kh", "{\"action\":\"REJECT\",\"note\":\"x\"}", status().isForbidden());
        long chineseAlert = call(get("/api/v1/monitoring/alerts?country=CN&size=1").with(httpBasic("admin", "demo")), status().isOk())
                .path("items").get(0).path("id").asLong();
        call(get("/api/v1/monitoring/alerts/" + chineseAlert).with(httpBasic("officer-kh", "demo")), status().isForbidden());
        JsonNode dashboard = call(get("/api/v1/monitoring/dashboard").with(httpBasic("officer-kh", "demo")), status().isOk());
        assertThat(dashboard.path("rows").size()).isEqualTo(1);
        assertThat(dashboard.path("rows").get(0).path("code").asString()).isEqualTo("KH-DEMO-L2-KIENSVAY");
        assertThat(dashboard.path("total").path("openAlerts").asLong()).isEqualTo(alerts.path("total").asLong());
        call(get("/api/v1/monitoring/dashboard?orgUnit=" + geo.countryUnit("CN").id()).with(httpBasic("officer-kh", "demo")), status().isForbidden());
        // a country coordinator drills down from the country to a village
        JsonNode country = call(get("/api/v1/monitoring/dashboard?orgUnit=" + geo.countryUnit("CN").id()).with(httpBasic("coordinator-cn", "demo")), status().isOk());
        assertThat(country.path("rows").get(0).path("counts").path("openAlerts").asLong()).isPositive();
        long unit = country.path("rows").get(0).path("unitId").asLong();
        for (int depth = 0; depth < 6 && unit > 0; depth++) {
            JsonNode level = call(get("/api/v1/monitoring/dashboard?orgUnit=" + unit).with(httpBasic("coordinator-cn", "demo")), status().isOk());
            unit = level.path("rows").isEmpty() ? 0 : level.path("rows").get(0).path("unitId").asLong();
        }
        call(get("/api/v1/monitoring/households/" + chineseCases.path("items").get(0).path("householdId").asLong() + "/timeline")
                .with(httpBasic("officer-kh", "demo")), status().isForbidden());
    }

    @Test
    void aCaseCannotBeOpenedTwiceNorOutsideTheScope() throws Exception {
        Household h = fixtures.chinese(9_000);
        long id = openCase(h, "admin");
        call(post("/api/v1/monitoring/cases").with(httpBasic("admin", "demo")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"householdId\":" + h.id() + ",\"detection\":\"HOTLINE\"}"), status().isConflict());
        call(post("/api/v1/monitoring/cases").with(httpBasic("officer-kh", "demo")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"householdId\":" + h.id() + ",\"detection\":\"HOTLINE\"}"), status().isForbidden());
        call(post("/api/v1/monitoring/cases").with(httpBasic("admin", "demo")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"householdId\":" + h.id() + ",\"detection\":\"PIGEON\"}"), status().isBadRequest());
        JsonNode plan = call(post("/api/v1/monitoring/cases/" + id + "/support").with(httpBasic("admin", "demo")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"measure\":\"EDUCATION_AID\"}"), status().isConflict());
        assertThat(plan.path("error").asString()).contains("once the household is enrolled");
    }

    @Test
    void theWorkListFiltersByAWholeRiskTypeAndRefusesAnUnknownOne() throws Exception {
        mvc.perform(get("/api/v1/monitoring/cases").param("riskType", "D").with(httpBasic("admin", "demo")))
                .andExpect(status().is4xxClientError())
                .andExpect(jsonPath("$.problems[0].field").value("riskType"));
        JsonNode disaster = json.readTree(mvc.perform(get("/api/v1/monitoring/cases").param("riskType", "disaster").param("size", "200")
                        .with(httpBasic("admin", "demo"))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
        for (JsonNode c : disaster.path("items")) {
            List<String> types = new ArrayList<>();
            c.path("riskTypes").forEach(t -> types.add(t.asString()));
            assertThat(types).contains("DISASTER");
        }
    }

    @Test
    void evidenceOverTheLimitsIsRefusedBeforeTheStepChangesAnything() throws Exception {
        String user = "officer-cn";
        long id = openCase(fixtures.chinese(9_000), user);
        JsonNode before = json.readTree(mvc.perform(get("/api/v1/monitoring/cases/" + id).with(httpBasic(user, "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
        long configured = caseService.maxEvidenceBytes();
        caseService.maxEvidenceBytes(1_000);
        try {
            JsonNode refused = call(multipart("/api/v1/monitoring/cases/" + id + "/steps")
                    .file(new MockMultipartFile("step", "", "application/json", "{\"action\":\"VERIFY\",\"consent\":true}".getBytes(StandardCharsets.UTF_8)))
                    .file(new MockMultipartFile("files", "photo.jpg", "image/jpeg", new byte[1_001]))
                    .with(httpBasic(user, "demo")), status().isPayloadTooLarge());
            assertThat(refused.path("problems").get(0).path("message").asString())
                    .isEqualTo("photo.jpg is 1,001 bytes, more than the limit of 1,000 bytes for an evidence file (prosper.monitoring.max-evidence-file-bytes)");
            var twentyOne = multipart("/api/v1/monitoring/cases/" + id + "/steps")
                    .file(new MockMultipartFile("step", "", "application/json", "{\"action\":\"VERIFY\",\"consent\":true}".getBytes(StandardCharsets.UTF_8)));
            for (int i = 0; i < 21; i++) twentyOne.file(new MockMultipartFile("files", "p" + i + ".jpg", "image/jpeg", new byte[10]));
            call(twentyOne.with(httpBasic(user, "demo")), status().isPayloadTooLarge());
        } finally {
            caseService.maxEvidenceBytes(configured);
        }
        JsonNode unchanged = json.readTree(mvc.perform(get("/api/v1/monitoring/cases/" + id).with(httpBasic(user, "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
        assertThat(unchanged.path("state").asString()).isEqualTo(before.path("state").asString()).isNotEqualTo("HOME_VERIFICATION");
        assertThat(unchanged.path("steps").size()).isEqualTo(before.path("steps").size());
    }

    @Test
    void aRelapseWithManyLongAlertReasonsKeepsItsStepNoteWithinTheColumn() {
        Household h = fixtures.chinese(9_000);
        long id = caseService.open(Actor.system(), new CaseService.OpenRequest(h.id(), "CADRE", null)).id();
        db.sql("update monitoring_case set state = 'ELIMINATED' where id = ?").param(id).update();
        long run = alertRows.insertRun("CN", "INCREMENTAL", "CN", 1, "/", "test", "system", null);
        List<AlertRepository.NewAlert> fresh = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            fresh.add(new AlertRepository.NewAlert(h.id(), h.code(), "CN", h.orgPath(), "INC_BELOW_LINE", "OTHER", "HIGH",
                    "income far below the line, case " + i + ".".repeat(900), "收入低", null, "{}", "%016x".formatted(System.nanoTime() + i), 1));
        }
        alertRows.insertAlerts(run, fresh);
        try {
            caseService.onNewAlerts(run);
        } finally {
            alertRows.finishRun(run, "SUCCEEDED", 1, 5, 5, 0, null);
        }
        MonitoringCase relapsed = caseService.get(Actor.system(), id);
        assertThat(relapsed.state()).isEqualTo(CaseState.SUPPORTED);
        String note = relapsed.steps().getLast().note();
        assertThat(note).hasSize(2000).startsWith("risk returned: [income far below the line, case 0").endsWith("...");
    }

    @Test
    void twoOpeningACaseForOneHouseholdAtOnceGetOneCaseAndAConflictNamingIt() throws Exception {
        Household h = fixtures.chinese(9_000);
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        CountDownLatch firstOpened = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        long firstId;
        try {
            // the first opens and holds its transaction until the second waits on a lock (or 5 s have passed)
            Future<Long> first = pool.submit(() -> transaction.execute(s -> {
                long id = caseService.open(Actor.system(), new CaseService.OpenRequest(h.id(), "CADRE", "first")).id();
                firstOpened.countDown();
                awaitSomeoneWaitingOnALock();
                return id;
            }));
            assertThat(firstOpened.await(60, TimeUnit.SECONDS)).isTrue();
            Future<Long> second = pool.submit(() -> caseService.open(Actor.system(), new CaseService.OpenRequest(h.id(), "HOTLINE", "second")).id());
            firstId = first.get(60, TimeUnit.SECONDS);
            Throwable refused = null;
            try {
                second.get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                refused = e.getCause();
            }
            assertThat(refused).isInstanceOf(ConflictProblem.class)
                    .hasMessage("household " + h.code() + " already has case " + firstId + " (ALERT)");
        } finally {
            pool.shutdownNow();
        }
        var cases = caseService.list(Actor.system(), new CaseService.CaseQuery(null, null, null, null, null, h.id(), 0, 50)).items();
        assertThat(cases).extracting(MonitoringCase::id).containsExactly(firstId);
        assertThat(caseService.get(Actor.system(), firstId).alerts()).isNotEmpty();
        assertThat(db.sql("select count(*) from monitoring_alert where household_id = ? and case_id is distinct from ?")
                .params(h.id(), firstId).query(Long.class).single()).isZero();
    }

    private void awaitSomeoneWaitingOnALock() {
        String waiting = "postgres".equals(TestDatabase.kind())
                ? "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()"
                : "select count(*) from information_schema.sessions where blocker_id is not null";
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (db.sql(waiting).query(Long.class).single() == 0 && System.nanoTime() < until) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
