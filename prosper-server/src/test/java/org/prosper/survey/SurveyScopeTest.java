package org.prosper.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.prosper.survey.SurveyFixtures.*;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.prosper.access.AccessDeniedProblem;
import org.prosper.access.Actor;
import org.prosper.access.UserService;
import org.prosper.registry.HouseholdService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/** A user sees and changes survey data only inside their org units, whatever they send. */
@DatabaseTest
class SurveyScopeTest {

    private static final String LA_HOUSEHOLD = "LA-XIENGDA-0001";

    @Autowired MockMvc mvc;
    @Autowired FormService forms;
    @Autowired RoundService rounds;
    @Autowired SubmissionService submissions;
    @Autowired SubmissionProcessor processor;
    @Autowired HouseholdService households;
    @Autowired UserService users;

    private Actor actorOf(String user) {
        return users.find(user).orElseThrow().actor();
    }

    private long processedSubmission(String formId, String user, String household, String village) {
        long id = submissions.receive(actorOf(user), simpleXml(formId, instanceId(), household, village).getBytes(StandardCharsets.UTF_8),
                List.of(), "OPENROSA").submissionId();
        processor.process(id);
        return id;
    }

    private static MockMultipartFile workbook(String formId, String version) {
        return new MockMultipartFile("file", formId + ".xlsx", "application/octet-stream", Workbooks.simpleForm(formId, version));
    }

    @Test
    void anEditThatWouldMoveASubmissionIntoAnotherCountryIsRefusedAndNothingIsKept() throws Exception {
        assertThat(households.findByCode(Actor.system(), LA_HOUSEHOLD)).isPresent();
        String formId = formWithRound(forms, rounds, KH_VILLAGE);
        long id = processedSubmission(formId, "enumerator-kh", KH_HOUSEHOLD, KH_VILLAGE);
        Submission before = submissions.get(Actor.system(), id);
        String xml = submissions.xml(Actor.system(), id);
        String instance = before.instanceId();

        String intoLaos = simpleXml(formId, instance, LA_HOUSEHOLD, KH_VILLAGE);
        mvc.perform(put("/api/v1/survey/submissions/" + id + "/xml").contentType("text/xml").content(intoLaos).with(httpBasic("officer-kh", "demo")))
                .andExpect(status().isForbidden());
        String villageInLaos = simpleXml(formId, instance, unique("KH-NEW").toUpperCase().replace('_', '-'), LA_VILLAGE);
        mvc.perform(post("/survey/submissions/" + id + "/xml").param("xml", villageInLaos).with(user(users.find("officer-kh").orElseThrow())).with(csrf()))
                .andExpect(status().isForbidden());

        Submission after = submissions.get(Actor.system(), id);
        assertThat(after.orgPath()).isEqualTo(before.orgPath());
        assertThat(after.householdCode()).isEqualTo(KH_HOUSEHOLD);
        assertThat(after.review()).isEqualTo("RECEIVED");
        assertThat(after.version()).isEqualTo(before.version());
        assertThat(submissions.xml(Actor.system(), id)).isEqualTo(xml);
        assertThat(submissions.history(Actor.system(), id)).isEmpty();
        assertThat(submissions.get(actorOf("officer-kh"), id).id()).isEqualTo(id);

        // the administrator reaches both countries
        submissions.edit(actorOf("admin"), id, intoLaos.getBytes(StandardCharsets.UTF_8), "household moved");
        assertThat(submissions.get(Actor.system(), id).householdCode()).isEqualTo(LA_HOUSEHOLD);
    }

    @Test
    void anExistingFormIsRepublishedOnlyByThoseWhoReachAllItsRounds() throws Exception {
        String formId = formWithRound(forms, rounds, KH_VILLAGE);
        mvc.perform(multipart("/api/v1/survey/forms").file(workbook(formId, "2")).with(httpBasic("coordinator-cn", "demo")))
                .andExpect(status().isForbidden());
        mvc.perform(multipart("/survey/forms").file(workbook(formId, "3")).with(user(users.find("coordinator-la").orElseThrow())).with(csrf()))
                .andExpect(status().isForbidden());
        assertThat(forms.versions(formId)).containsExactly("1");
        mvc.perform(multipart("/api/v1/survey/forms").file(workbook(formId, "2")).with(httpBasic("coordinator-kh", "demo")))
                .andExpect(status().isCreated());
        assertThat(forms.versions(formId)).containsExactly("1", "2");

        // the baseline form's rounds cover several countries: no single country's coordinator changes it
        byte[] baseline = Workbooks.simpleForm("household_baseline", "99");
        assertThatThrownBy(() -> forms.publish(actorOf("coordinator-kh"), baseline, "household_baseline.xlsx")).isInstanceOf(AccessDeniedProblem.class);

        // a form no round uses yet: its publisher only, or an administrator
        String fresh = unique("fresh");
        mvc.perform(multipart("/api/v1/survey/forms").file(workbook(fresh, "1")).with(httpBasic("coordinator-cn", "demo")))
                .andExpect(status().isCreated());
        mvc.perform(multipart("/api/v1/survey/forms").file(workbook(fresh, "2")).with(httpBasic("coordinator-kh", "demo")))
                .andExpect(status().isForbidden());
        mvc.perform(multipart("/api/v1/survey/forms").file(workbook(fresh, "2")).with(httpBasic("coordinator-cn", "demo")))
                .andExpect(status().isCreated());
        mvc.perform(multipart("/api/v1/survey/forms").file(workbook(fresh, "3")).with(httpBasic("admin", "demo")))
                .andExpect(status().isCreated());
        assertThat(forms.versions(fresh)).containsExactly("1", "2", "3");

        // nor can another designer make it theirs by setting up its first round in their own area
        String cnVillage = "CN-DEMO-GX-DAZHAI";
        assertThatThrownBy(() -> rounds.create(actorOf("coordinator-kh"), new RoundService.NewRound(unique("R"), "Taken over",
                SurveyRound.Kind.MONITORING, fresh, LocalDate.now(), LocalDate.now().plusDays(30), List.of(KH_VILLAGE))))
                .isInstanceOf(AccessDeniedProblem.class).hasMessageContaining("only they or an administrator may set up its first round");
        rounds.create(actorOf("coordinator-cn"), new RoundService.NewRound(unique("R"), "First round", SurveyRound.Kind.MONITORING, fresh,
                LocalDate.now(), LocalDate.now().plusDays(30), List.of(cnVillage)));
        // once the form is in use, a designer adds a round in their own area, which gives no say over the form
        rounds.create(actorOf("coordinator-kh"), new RoundService.NewRound(unique("R"), "Second round", SurveyRound.Kind.MONITORING, fresh,
                LocalDate.now(), LocalDate.now().plusDays(30), List.of(KH_VILLAGE)));
        assertThatThrownBy(() -> forms.publish(actorOf("coordinator-kh"), Workbooks.simpleForm(fresh, "4"), fresh + ".xlsx"))
                .isInstanceOf(AccessDeniedProblem.class);
    }

    @Test
    void aFormsMappingIsChangedOnlyByThoseWhoReachAllItsRounds() throws Exception {
        String formId = formWithRound(forms, rounds, KH_VILLAGE);
        Map<String, String> before = forms.mapping(forms.find(formId, null).orElseThrow().formKey());
        String mapping = "{\"household_id\":\"household.code\",\"village\":\"household.village\",\"income\":\"household.annualIncome\"}";
        mvc.perform(put("/api/v1/survey/forms/" + formId + "/mapping").contentType("application/json").content(mapping)
                .with(httpBasic("coordinator-cn", "demo"))).andExpect(status().isForbidden());
        assertThat(forms.mapping(forms.find(formId, null).orElseThrow().formKey())).isEqualTo(before);
        mvc.perform(put("/api/v1/survey/forms/" + formId + "/mapping").contentType("application/json").content(mapping)
                .with(httpBasic("coordinator-kh", "demo"))).andExpect(status().isOk());
        assertThat(forms.mapping(forms.find(formId, null).orElseThrow().formKey())).containsEntry("income", "household.annualIncome");
    }

    @Test
    void anUnplacedSubmissionIsForItsSenderAndAdministratorsOnly() throws Exception {
        String formId = formWithRound(forms, rounds, KH_VILLAGE);
        long id = processedSubmission(formId, "enumerator-kh", "KH-NOT-THERE-" + System.nanoTime(), "");
        assertThat(submissions.get(Actor.system(), id).orgPath()).isNull();

        for (String outsider : List.of("officer-kh", "officer-cn", "coordinator-la")) {
            Actor actor = actorOf(outsider);
            assertThatThrownBy(() -> submissions.get(actor, id)).isInstanceOf(AccessDeniedProblem.class);
            assertThat(submissions.list(actor, new SubmissionService.Query(formId, null, null, null, 0, 50)).total()).isZero();
        }
        mvc.perform(get("/api/v1/survey/submissions/" + id + "/xml").with(httpBasic("officer-cn", "demo"))).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/survey/submissions/" + id + "/reject").contentType("application/json").content("{\"comment\":\"not ours\"}")
                .with(httpBasic("officer-kh", "demo"))).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/survey/submissions/" + id + "/reprocess").with(httpBasic("officer-cn", "demo"))).andExpect(status().isForbidden());
        String fixed = simpleXml(formId, submissions.get(Actor.system(), id).instanceId(), KH_HOUSEHOLD, KH_VILLAGE);
        mvc.perform(put("/api/v1/survey/submissions/" + id + "/xml").contentType("text/xml").content(fixed).with(httpBasic("officer-kh", "demo")))
                .andExpect(status().isForbidden());
        assertThat(submissions.get(Actor.system(), id).review()).isEqualTo("RECEIVED");

        assertThat(submissions.get(actorOf("enumerator-kh"), id).id()).isEqualTo(id);
        assertThat(submissions.list(actorOf("enumerator-kh"), new SubmissionService.Query(formId, null, null, null, 0, 50)).items())
                .extracting(Submission::id).contains(id);
        assertThat(submissions.list(actorOf("admin"), new SubmissionService.Query(formId, null, null, null, 0, 50)).items())
                .extracting(Submission::id).contains(id);
        // an administrator places it; then its country's reviewers have it
        submissions.edit(actorOf("admin"), id, fixed.getBytes(StandardCharsets.UTF_8), "household found");
        assertThat(submissions.get(actorOf("officer-kh"), id).householdCode()).isEqualTo(KH_HOUSEHOLD);
    }

    @Test
    void aRoundIsOpenedOrClosedOnlyByThoseWhoReachAllItsOrgUnits() throws Exception {
        String formId = formWithRound(forms, rounds, KH_VILLAGE);
        SurveyRound both = rounds.create(Actor.system(), new RoundService.NewRound(unique("R"), "Two countries", SurveyRound.Kind.ENDLINE, formId,
                LocalDate.now(), LocalDate.now().plusDays(30), List.of(KH_VILLAGE, LA_VILLAGE)));
        assertThat(rounds.create(Actor.system(), new RoundService.NewRound(unique("R"), "Named twice", SurveyRound.Kind.ENDLINE, formId,
                LocalDate.now(), LocalDate.now().plusDays(30), List.of(KH_VILLAGE, KH_VILLAGE))).orgUnitCodes()).containsExactly(KH_VILLAGE);
        for (String user : List.of("coordinator-kh", "officer-kh", "coordinator-la")) {
            mvc.perform(post("/api/v1/survey/rounds/" + both.id() + "/close").with(httpBasic(user, "demo"))).andExpect(status().isForbidden());
        }
        assertThat(rounds.get(Actor.system(), both.id()).open()).isTrue();
        mvc.perform(post("/api/v1/survey/rounds/" + both.id() + "/close").with(httpBasic("admin", "demo"))).andExpect(status().isOk());
        assertThat(rounds.get(Actor.system(), both.id()).open()).isFalse();

        SurveyRound kh = rounds.list(Actor.system()).stream().filter(r -> r.formId().equals(formId) && r.id() != both.id()).findFirst().orElseThrow();
        mvc.perform(post("/api/v1/survey/rounds/" + kh.id() + "/close").with(httpBasic("officer-kh", "demo"))).andExpect(status().isOk());
        assertThat(rounds.get(Actor.system(), kh.id()).open()).isFalse();
    }

    @Test
    void aFormSharedByTwoCountriesCountsEachUserTheSubmissionsFromTheirOwnOrgUnits() throws Exception {
        String formId = formWithRound(forms, rounds, KH_VILLAGE);
        rounds.create(Actor.system(), new RoundService.NewRound(unique("R"), "Laos", SurveyRound.Kind.MONITORING, formId,
                LocalDate.now().minusDays(1), LocalDate.now().plusDays(30), List.of(LA_VILLAGE)));
        processedSubmission(formId, "enumerator-kh", KH_HOUSEHOLD, KH_VILLAGE);
        processedSubmission(formId, "enumerator-kh", KH_HOUSEHOLD, KH_VILLAGE);
        processedSubmission(formId, "enumerator-la", LA_HOUSEHOLD, LA_VILLAGE);

        assertThat(submissionsCounted("admin", formId)).isEqualTo(3);
        assertThat(submissionsCounted("coordinator-kh", formId)).isEqualTo(2);
        assertThat(submissionsCounted("officer-kh", formId)).isEqualTo(2);
        assertThat(submissionsCounted("coordinator-la", formId)).isEqualTo(1);
        assertThat(submissionsCounted("enumerator-la", formId)).isEqualTo(1);
    }

    private long submissionsCounted(String user, String formId) {
        return forms.list(actorOf(user)).stream().filter(f -> f.formId().equals(formId)).findFirst().orElseThrow().submissions();
    }

    @Test
    void problemsShowTheAnswerOnlyToThoseWhoMaySeePersonalData() throws Exception {
        String formId = formWithRound(forms, rounds, KH_VILLAGE);
        String xml = simpleXml(formId, "1", instanceId(), KH_HOUSEHOLD, KH_VILLAGE, "2",
                List.of(Map.of("name", "Sok", "age", "ID KH-8812-445"), Map.of("name", "Dara", "age", "12")));
        long id = submissions.receive(actorOf("enumerator-kh"), xml.getBytes(StandardCharsets.UTF_8), List.of(), "OPENROSA").submissionId();
        processor.process(id);

        assertThat(submissions.get(actorOf("officer-kh"), id).problems()).anySatisfy(p -> assertThat(p).contains("'ID KH-8812-445' is not a whole number"));
        for (String user : List.of("viewer", "manager")) {
            Submission seen = submissions.get(actorOf(user), id);
            assertThat(seen.problems()).as(user).anySatisfy(p -> assertThat(p).endsWith(": '…' is not a whole number"))
                    .noneSatisfy(p -> assertThat(p).contains("8812"));
            assertThat(submissions.list(actorOf(user), new SubmissionService.Query(formId, null, null, null, 0, 50)).items())
                    .singleElement().satisfies(s -> assertThat(s.problems()).noneSatisfy(p -> assertThat(p).contains("8812")));
            String json = mvc.perform(get("/api/v1/survey/submissions/" + id).with(httpBasic(user, "demo"))).andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString();
            assertThat(json).contains("is not a whole number").doesNotContain("8812");
        }
        // the pages say the problems in the reader's language, the answer only to those who may see it
        String officer = mvc.perform(get("/survey/submissions/" + id).param("lang", "zh").with(user(users.loadUserByUsername("officer-kh"))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(officer).contains("members[1]/Age：“ID KH-8812-445”不是整数").doesNotContain("is not a whole number");
        for (String user : List.of("viewer", "manager")) {
            String page = mvc.perform(get("/survey/submissions/" + id).param("lang", "zh").with(user(users.loadUserByUsername(user))))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
            assertThat(page).as(user).contains("members[1]/Age：“…”不是整数").doesNotContain("8812");
            String list = mvc.perform(get("/survey/submissions").param("form", formId).param("lang", "zh").with(user(users.loadUserByUsername(user))))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
            assertThat(list).as(user).contains("“…”不是整数").doesNotContain("8812");
        }
    }

    @Test
    void rawSurveyDataIsOnlyForThoseWhoMaySeePersonalData() throws Exception {
        String formId = formWithRound(forms, rounds, KH_VILLAGE);
        long id = processedSubmission(formId, "enumerator-kh", KH_HOUSEHOLD, KH_VILLAGE);
        String xml = submissions.xml(Actor.system(), id);
        submissions.edit(Actor.system(), id, xml.replace("<hh_size>2</hh_size>", "<hh_size>3</hh_size>").getBytes(StandardCharsets.UTF_8), "recount");

        for (String user : List.of("viewer", "manager")) {
            mvc.perform(get("/api/v1/survey/submissions/" + id + "/xml").with(httpBasic(user, "demo"))).andExpect(status().isForbidden());
            mvc.perform(get("/api/v1/survey/forms/" + formId + "/export").param("format", "csv").with(httpBasic(user, "demo")))
                    .andExpect(status().isForbidden());
            mvc.perform(get("/api/v1/survey/forms/" + formId + "/export").param("format", "xlsx").with(httpBasic(user, "demo")))
                    .andExpect(status().isForbidden());
            mvc.perform(get("/api/v1/survey/forms/" + formId + "/export").param("format", "measure").with(httpBasic(user, "demo")))
                    .andExpect(status().isOk());
            assertThat(submissions.history(actorOf(user), id)).singleElement().satisfies(h -> assertThat(h.xmlBefore()).isNull());
            String page = mvc.perform(get("/survey/submissions/" + id).with(user(users.find(user).orElseThrow()))).andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString();
            assertThat(page).doesNotContain("Dara");
        }
        mvc.perform(get("/api/v1/survey/submissions/" + id + "/xml").with(httpBasic("officer-kh", "demo"))).andExpect(status().isOk());
        mvc.perform(get("/api/v1/survey/forms/" + formId + "/export").param("format", "csv").with(httpBasic("officer-kh", "demo")))
                .andExpect(status().isOk());
        assertThat(submissions.history(actorOf("officer-kh"), id)).singleElement().satisfies(h -> assertThat(h.xmlBefore()).isEqualTo(xml));
    }
}
