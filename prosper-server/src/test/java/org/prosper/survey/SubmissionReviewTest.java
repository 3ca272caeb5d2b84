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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.prosper.access.Actor;
import org.prosper.registry.Household;
import org.prosper.registry.HouseholdService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

@DatabaseTest
class SubmissionReviewTest {

    @Autowired MockMvc mvc;
    @Autowired FormService forms;
    @Autowired RoundService rounds;
    @Autowired SubmissionService submissions;
    @Autowired SubmissionProcessor processor;
    @Autowired HouseholdService households;
    @Autowired JdbcClient db;

    private long receive(String user, String xml) {
        Actor actor = actorOf(user);
        return submissions.receive(actor, xml.getBytes(StandardCharsets.UTF_8), List.of(), "OPENROSA").submissionId();
    }

    @Autowired org.prosper.access.UserService users;

    private Actor actorOf(String user) {
        return users.find(user).orElseThrow().actor();
    }

    private Submission processed(long id) {
        processor.process(id);
        return submissions.get(Actor.system(), id);
    }

    @Test
    void invalidContentIsStoredAndQuarantinedWithReasonsThenFixedAndReprocessed() throws Exception {
        String formId = formWithRound(forms, rounds, KH_VILLAGE);
        String instance = instanceId();
        String bad = simpleXml(formId, "1", instance, KH_HOUSEHOLD, KH_VILLAGE, "two", List.of(Map.of("name", "Sok", "age", "forty")))
                .replace("<water_source>PIPED</water_source>", "<water_source>TAP</water_source>");
        long id = receive("enumerator-kh", bad);
        Submission q = processed(id);
        assertThat(q.processing()).isEqualTo("QUARANTINED");
        assertThat(q.problems()).contains("hh_size: 'two' is not a whole number", "members[1]/age: 'forty' is not a whole number",
                "water_source: 'TAP' is not a choice of list water");
        assertThat(q.householdCode()).isEqualTo(KH_HOUSEHOLD);
        assertThat(submissions.list(actorOf("officer-kh"), new SubmissionService.Query(formId, null, "QUARANTINED", null, 0, 50)).items())
                .extracting(Submission::id).contains(id);
        // each problem also by its key and values, for a page or client in another language
        assertThat(q.problemDetails()).anySatisfy(p -> {
            assertThat(p.field()).isEqualTo("water_source");
            assertThat(p.key()).isEqualTo("problem.survey.notChoice");
            assertThat(p.args()).containsExactly("TAP", "water");
        });

        String fixed = simpleXml(formId, "1", instance, KH_HOUSEHOLD, KH_VILLAGE, "2", List.of(Map.of("name", "Sok", "age", "40")));
        mvc.perform(put("/api/v1/survey/submissions/" + id + "/xml").param("comment", "typed the numbers again")
                        .contentType("text/xml").content(fixed).with(httpBasic("officer-kh", "demo")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.processing").value("PROCESSED")).andExpect(jsonPath("$.review").value("EDITED"));
        List<SubmissionService.HistoryEntry> history = submissions.history(Actor.system(), id);
        assertThat(history).singleElement().satisfies(h -> {
            assertThat(h.action()).isEqualTo("EDIT");
            assertThat(h.actor()).isEqualTo("officer-kh");
            assertThat(h.xmlBefore()).isEqualTo(bad);
            assertThat(h.comment()).isEqualTo("typed the numbers again");
        });
        assertThat(submissions.xml(Actor.system(), id)).isEqualTo(fixed);
        // an edit must keep the instance
        mvc.perform(put("/api/v1/survey/submissions/" + id + "/xml").contentType("text/xml").content(fixed.replace(instance, instanceId()))
                .with(httpBasic("officer-kh", "demo"))).andExpect(status().isBadRequest());
    }

    static String baselineXml(String version, String instanceId, String code, String village) {
        return "<household_baseline id=\"household_baseline\" version=\"" + version + "\"><start/><end/><today/><country>KH</country>"
                + "<village>" + village + "</village><household_id>" + code + "</household_id><head_name>Sok Dara</head_name>"
                + "<location>11.5012 105.0213 10 5</location><housing><water_source>PROTECTED_WELL</water_source><sanitation>IMPROVED_PIT</sanitation>"
                + "<cooking_fuel>WOOD</cooking_fuel><electricity>yes</electricity></housing><hh_size>2</hh_size>"
                + "<members><member_name>Sok Dara</member_name><sex>M</sex><birth_date>1980-03-04</birth_date><relation>HEAD</relation><education>PRIMARY</education></members>"
                + "<members><member_name>Sok Mealea</member_name><sex>F</sex><birth_date>2012-07-01</birth_date><relation>CHILD</relation><education>PRIMARY</education></members>"
                + "<income><income_crops>900</income_crops><income_livestock>300</income_livestock><income_wage>0</income_wage><income_business>0</income_business>"
                + "<income_remittances>200</income_remittances><income_total>1400</income_total><income_note/></income>"
                + "<consumption_month>95.5</consumption_month><assets>radio bicycle</assets><assets_other/><thanks/>"
                + "<meta><instanceID>" + instanceId + "</instanceID></meta></household_baseline>";
    }

    @Test
    void unknownHouseholdWithAVillageIsProposedAndCreatedOnApproval() throws Exception {
        String version = forms.find("household_baseline", null).orElseThrow().version();
        String code = unique("KH-SURVEY").toUpperCase().replace('_', '-');
        long id = receive("enumerator-kh", baselineXml(version, instanceId(), code, KH_VILLAGE));
        Submission s = processed(id);
        assertThat(s.problems()).isEmpty();
        assertThat(s.processing()).isEqualTo("PROCESSED");
        assertThat(s.newHousehold()).isTrue();
        assertThat(s.roundId()).isEqualTo(rounds.list(Actor.system()).stream().filter(r -> r.formId().equals("household_baseline")).findFirst().orElseThrow().id());
        assertThat(db.sql("select num_value from survey_value where submission_id = ? and variable = 'income_crops'").param(id).query(Double.class).single()).isEqualTo(900.0);
        assertThat(db.sql("select num_value from survey_value where submission_id = ? and variable = 'consumption_month'").param(id).query(Double.class).single()).isEqualTo(95.5);
        assertThat(households.findByCode(Actor.system(), code)).isEmpty();
        mvc.perform(post("/api/v1/survey/submissions/" + id + "/approve").contentType("application/json").content("{\"comment\":\"new household confirmed\"}")
                        .with(httpBasic("officer-kh", "demo")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.review").value("APPROVED"));
        Household created = households.findByCode(Actor.system(), code).orElseThrow();
        assertThat(created.headName()).isEqualTo("Sok Dara");
        assertThat(created.waterSource()).isEqualTo("PROTECTED_WELL");
        assertThat(created.electricity()).isTrue();
        assertThat(created.annualIncome()).isEqualTo(1400.0);
        assertThat(created.latitude()).isEqualTo(11.5012);
        assertThat(created.assets()).isEqualTo("radio,bicycle");
        assertThat(created.members()).extracting(org.prosper.registry.Person::relation).containsExactly("HEAD", "CHILD");
        assertThat(submissions.get(Actor.system(), id).householdId()).isEqualTo(created.id());
    }

    @Test
    void anApprovalCommittedWhileTheSubmissionIsReprocessedKeepsTheHouseholdItCreated() {
        String version = forms.find("household_baseline", null).orElseThrow().version();
        String code = unique("KH-SURVEY").toUpperCase().replace('_', '-');
        long id = receive("enumerator-kh", baselineXml(version, instanceId(), code, KH_VILLAGE));
        SurveyFixtures.awaitNotPending(submissions, id);
        assertThat(submissions.get(Actor.system(), id).newHousehold()).isTrue();

        // worked out with the household still only proposed; approved (and so registered) before the outcome is written
        boolean[] approved = {false};
        processor.beforeWrite(() -> {
            if (approved[0]) return;
            approved[0] = true;
            submissions.approve(actorOf("officer-kh"), id, "confirmed");
        });
        try {
            processor.process(id);
        } finally {
            processor.beforeWrite(null);
        }

        assertThat(approved[0]).isTrue();
        Household created = households.findByCode(Actor.system(), code).orElseThrow();
        Submission after = submissions.get(Actor.system(), id);
        assertThat(after.review()).isEqualTo("APPROVED");
        assertThat(after.householdId()).isEqualTo(created.id());
        // processed again now, it finds the household the approval registered
        processor.process(id);
        assertThat(submissions.get(Actor.system(), id).householdId()).isEqualTo(created.id());
        assertThat(submissions.get(Actor.system(), id).newHousehold()).isFalse();
    }

    @Test
    void approvalThatTheRegistryRefusesChangesNothing() throws Exception {
        String formId = formWithRound(forms, rounds, KH_VILLAGE);
        forms.setMapping(Actor.system(), formId, Map.of("household_id", "household.code", "village", "household.village", "member_name", "member.fullName"));
        String code = unique("KH-SURVEY").toUpperCase().replace('_', '-');
        long id = receive("enumerator-kh", simpleXml(formId, instanceId(), code, KH_VILLAGE));
        assertThat(processed(id).processing()).isEqualTo("PROCESSED");
        // the roster gives names only: no member is the HEAD, so the registry refuses the new household
        mvc.perform(post("/api/v1/survey/submissions/" + id + "/approve").with(httpBasic("officer-kh", "demo")))
                .andExpect(status().isUnprocessableContent());
        assertThat(submissions.get(Actor.system(), id).review()).isEqualTo("RECEIVED");
        assertThat(households.findByCode(Actor.system(), code)).isEmpty();
        assertThat(submissions.history(Actor.system(), id)).isEmpty();
    }

    @Test
    void approvalUpdatesTheExistingHouseholdAndReviewHistoryIsKept() throws Exception {
        String formId = formWithRound(forms, rounds, KH_VILLAGE);
        Household before = households.findByCode(Actor.system(), "KH-SVAYAMPEAR-0002").orElseThrow();
        forms.setMapping(Actor.system(), formId, Map.of("household_id", "household.code", "village", "household.village",
                "water_source", "household.waterSource", "income", "household.annualIncome"));
        long id = receive("enumerator-kh", simpleXml(formId, instanceId(), before.code(), KH_VILLAGE));
        assertThat(processed(id).processing()).isEqualTo("PROCESSED");
        mvc.perform(post("/api/v1/survey/submissions/" + id + "/approve").with(httpBasic("enumerator-kh", "demo"))).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/survey/submissions/" + id + "/approve").contentType("application/json").content("{\"comment\":\"ok\"}")
                .with(httpBasic("officer-kh", "demo"))).andExpect(status().isOk()).andExpect(jsonPath("$.review").value("APPROVED"));
        Household after = households.findByCode(Actor.system(), before.code()).orElseThrow();
        assertThat(after.waterSource()).isEqualTo("PIPED");
        assertThat(after.annualIncome()).isEqualTo(1200.0);
        assertThat(after.members()).hasSameSizeAs(before.members());

        long other = receive("enumerator-kh", simpleXml(formId, instanceId(), before.code(), KH_VILLAGE));
        processed(other);
        mvc.perform(post("/api/v1/survey/submissions/" + other + "/reject").with(httpBasic("officer-kh", "demo")))
                .andExpect(status().isBadRequest());
        String essay = "ວ".repeat(SubmissionService.MAX_COMMENT + 1);
        mvc.perform(post("/api/v1/survey/submissions/" + other + "/reject").contentType("application/json").content("{\"comment\":\"" + essay + "\"}")
                .with(httpBasic("officer-kh", "demo"))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value("comment: 2,001 characters; a review comment holds at most 2,000"));
        assertThat(submissions.get(Actor.system(), other).review()).isEqualTo("RECEIVED");
        assertThat(submissions.history(Actor.system(), other)).isEmpty();
        mvc.perform(post("/api/v1/survey/submissions/" + other + "/reject").contentType("application/json").content("{\"comment\":\"visited twice\"}")
                .with(httpBasic("officer-kh", "demo"))).andExpect(status().isOk()).andExpect(jsonPath("$.review").value("REJECTED"))
                .andExpect(jsonPath("$.reviewComment").value("visited twice"));
        assertThat(submissions.history(Actor.system(), other)).extracting(SubmissionService.HistoryEntry::review).containsExactly("REJECTED");
        assertThat(submissions.history(Actor.system(), id)).extracting(SubmissionService.HistoryEntry::action).containsExactly("APPROVE");
        // out of scope reviewer
        mvc.perform(post("/api/v1/survey/submissions/" + other + "/approve").with(httpBasic("officer-cn", "demo"))).andExpect(status().isForbidden());
    }

    @Test
    void submissionsProcessedTogetherEachGetTheirOwnOutcomeAndUnreadableXmlIsQuarantinedNotStuck() {
        String formId = formWithRound(forms, rounds, KH_VILLAGE);
        long good = receive("enumerator-kh", simpleXml(formId, instanceId(), KH_HOUSEHOLD, KH_VILLAGE));
        long unknown = receive("enumerator-kh", simpleXml(formId, instanceId(), "KH-NOT-THERE-" + System.nanoTime(), ""));
        long other = receive("enumerator-kh", simpleXml(formId, instanceId(), "KH-SVAYAMPEAR-0002", KH_VILLAGE));
        // the server's own processing may be handling them already: let it finish, or it would write its outcome over this test's
        awaitNotPending(submissions, good, unknown, other);
        // stored XML that no longer reads (as an import with HTML entities once wrote it)
        db.sql("update survey_submission set xml = ? where id = ?").params("<" + formId + " id=\"" + formId + "\"><a>&eacute;</a></" + formId + ">", other).update();
        processor.process(List.of(good, unknown, other));
        assertThat(submissions.get(Actor.system(), good).processing()).isEqualTo("PROCESSED");
        assertThat(submissions.get(Actor.system(), good).householdCode()).isEqualTo(KH_HOUSEHOLD);
        assertThat(submissions.get(Actor.system(), good).householdId()).isNotNull();
        assertThat(submissions.get(Actor.system(), good).roundId()).isNotNull();
        assertThat(submissions.get(Actor.system(), unknown).processing()).isEqualTo("QUARANTINED");
        assertThat(submissions.get(Actor.system(), unknown).problems()).anyMatch(p -> p.contains("is not in the registry"));
        Submission broken = submissions.get(Actor.system(), other);
        assertThat(broken.processing()).isEqualTo("QUARANTINED");
        assertThat(broken.problems()).anyMatch(p -> p.contains("not well formed"));
        assertThat(db.sql("select count(*) from survey_value where submission_id in (?, ?)").params(unknown, other).query(Long.class).single()).isZero();
    }

    @Test
    void quarantinedSubmissionCannotBeApprovedAndUnknownHouseholdWithoutVillageIsQuarantined() {
        String formId = formWithRound(forms, rounds, KH_VILLAGE);
        long id = receive("enumerator-kh", simpleXml(formId, instanceId(), "KH-NOT-THERE-" + System.nanoTime(), ""));
        Submission s = processed(id);
        assertThat(s.processing()).isEqualTo("QUARANTINED");
        assertThat(s.problems()).anyMatch(p -> p.contains("is not in the registry and no village is given"));
        // unplaced, so only its sender and administrators see it
        assertThatThrownBy(() -> submissions.approve(actorOf("admin"), id, null)).hasMessageContaining("quarantined");
    }

    @Test
    void xlsFormErrorsComeBackFromTheApiWithSheetRowAndColumn() throws Exception {
        byte[] bad = Workbooks.xlsx(List.of(Workbooks.row("type", "name", "label"), Workbooks.row("integer", "a", "A"),
                Workbooks.row("select_one nope", "b", "B"), Workbooks.row("text", "a", "Again"), Workbooks.row("begin group", "g", "G")), null, null);
        mvc.perform(multipart("/api/v1/survey/forms").file(new MockMultipartFile("file", "bad.xlsx", "application/octet-stream", bad))
                        .with(httpBasic("coordinator-kh", "demo")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.problems[0].sheet").value("survey"))
                .andExpect(jsonPath("$.problems[0].row").value(3))
                .andExpect(jsonPath("$.problems[0].column").value("A (type)"))
                .andExpect(jsonPath("$.problems[1].row").value(4))
                .andExpect(jsonPath("$.problems[2].message").value(org.hamcrest.Matchers.containsString("no end group")));
        mvc.perform(multipart("/api/v1/survey/forms").file(new MockMultipartFile("file", "x.xlsx", "application/octet-stream", "not excel".getBytes()))
                .with(httpBasic("coordinator-kh", "demo"))).andExpect(status().isUnprocessableContent());
        mvc.perform(multipart("/api/v1/survey/forms").file(new MockMultipartFile("file", "ok.xlsx", "application/octet-stream", Workbooks.simpleForm(unique("f"), "1")))
                .with(httpBasic("enumerator-kh", "demo"))).andExpect(status().isForbidden());
        String id = unique("api");
        mvc.perform(multipart("/api/v1/survey/forms").file(new MockMultipartFile("file", id + ".xlsx", "application/octet-stream", Workbooks.simpleForm(id, "3")))
                .with(httpBasic("coordinator-kh", "demo"))).andExpect(status().isCreated()).andExpect(jsonPath("$.version").value("3"));
    }

    @Test
    void roundsAreValidatedAndScoped() {
        String formId = formWithRound(forms, rounds, KH_VILLAGE);
        assertThatThrownBy(() -> rounds.create(actorOf("coordinator-kh"), new RoundService.NewRound(unique("R"), "x", SurveyRound.Kind.ENDLINE, formId,
                java.time.LocalDate.now(), java.time.LocalDate.now(), List.of(LA_VILLAGE)))).isInstanceOf(org.prosper.access.AccessDeniedProblem.class);
        assertThatThrownBy(() -> rounds.create(actorOf("coordinator-kh"), new RoundService.NewRound("bad code!", "x", null, "nope",
                java.time.LocalDate.now(), java.time.LocalDate.now().minusDays(1), List.of("NOPE"))))
                .hasMessageContaining("code:").hasMessageContaining("kind:").hasMessageContaining("periodEnd").hasMessageContaining("no form nope")
                .hasMessageContaining("no org unit NOPE");
        assertThat(rounds.list(actorOf("enumerator-la"))).extracting(SurveyRound::formId).doesNotContain(formId);
        assertThat(rounds.list(actorOf("enumerator-kh"))).extracting(SurveyRound::formId).contains(formId);
    }

    @Test
    void aHouseholdIdLongerThanACodeIsTakenAndQuarantinedWithTheReason() {
        String formId = formWithRound(forms, rounds, KH_VILLAGE);
        String scanned = "KH-" + "9".repeat(70);
        long id = receive("enumerator-kh", simpleXml(formId, instanceId(), scanned, KH_VILLAGE));
        Submission q = processed(id);
        assertThat(q.processing()).isEqualTo("QUARANTINED");
        assertThat(q.problems()).containsExactly("household_id: '" + scanned.substring(0, 60) + "…' is longer than a household code can be (60 characters)");
        assertThat(q.householdCode()).isNull();
        // the submission stays in its village, for the village's reviewers to correct
        assertThat(q.orgPath()).isNotNull();
    }

    private boolean storedAsSentence(long id) {
        String stored = db.sql("select problems from survey_submission where id = ?").param(id).query(String.class).single();
        return stored != null && stored.startsWith("[\"");
    }

    private static boolean pause() throws InterruptedException {
        Thread.sleep(250);
        return true;
    }

    @Test
    void problemsStoredAsSentencesBeforeTheyHadKeysReadAsTheyWere() throws Exception {
        String formId = formWithRound(forms, rounds, KH_VILLAGE);
        long id = receive("enumerator-kh", simpleXml(formId, "1", instanceId(), KH_HOUSEHOLD, KH_VILLAGE, "two", List.of()));
        processed(id);
        // the background thread may process the submission once more after this one: written again until it stays
        for (int attempt = 0; attempt < 40 && !(storedAsSentence(id) && pause() && storedAsSentence(id)); attempt++) {
            db.sql("update survey_submission set problems = ?, version = version + 1 where id = ?").params("[\"hh_size: 'two' is not a whole number\"]", id).update();
            pause();
        }
        Submission old = submissions.get(actorOf("officer-kh"), id);
        assertThat(old.problems()).containsExactly("hh_size: 'two' is not a whole number");
        assertThat(old.problemDetails()).singleElement().satisfies(p -> assertThat(p.key()).isNull());
        assertThat(submissions.get(actorOf("viewer"), id).problems()).containsExactly("hh_size: '…' is not a whole number");
        String page = mvc.perform(get("/survey/submissions/" + id).param("lang", "zh").with(user(users.loadUserByUsername("viewer"))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(page).contains("hh_size: &#39;…&#39; is not a whole number").doesNotContain("&#39;two&#39;");
    }

    @Test
    void aTextVariableLongerThanItsColumnIsAProblemToReviewNotAFailedWrite() {
        String formId = formWithRound(forms, rounds, KH_VILLAGE);
        forms.setMapping(Actor.system(), formId, Map.of("household_id", "household.code", "village", "household.village",
                "assets_other", "variable.assets_note"));
        String note = "boat ".repeat(500);
        long id = receive("enumerator-kh", simpleXml(formId, instanceId(), KH_HOUSEHOLD, KH_VILLAGE)
                .replace("<assets_other>boat</assets_other>", "<assets_other>" + note.strip() + "</assets_other>"));
        Submission q = processed(id);
        assertThat(q.processing()).isEqualTo("QUARANTINED");
        assertThat(q.problems()).containsExactly("assets_other: 2,499 characters, more than a measurement variable holds (2,000)");
    }

    @Test
    void anEditOfASubmissionChangedSinceTheEditorOpenedItIsRefusedAndTheOtherEditKept() throws Exception {
        String formId = formWithRound(forms, rounds, KH_VILLAGE);
        String instance = instanceId();
        long id = receive("enumerator-kh", simpleXml(formId, instance, KH_HOUSEHOLD, KH_VILLAGE));
        int seen = processed(id).version();
        var officer = users.find("officer-kh").orElseThrow();
        String page = mvc.perform(get("/survey/submissions/" + id).with(user(officer))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String editForm = page.substring(page.indexOf("id=\"edit-form\""), page.indexOf("</form>", page.indexOf("id=\"edit-form\"")));
        assertThat(editForm).contains("name=\"version\" value=\"" + seen + "\"");

        String first = simpleXml(formId, "1", instance, KH_HOUSEHOLD, KH_VILLAGE, "3", List.of(Map.of("name", "Sok", "age", "40")));
        mvc.perform(put("/api/v1/survey/submissions/" + id + "/xml").param("version", String.valueOf(seen)).contentType("text/xml").content(first)
                .with(httpBasic("officer-kh", "demo"))).andExpect(status().isOk());
        String second = simpleXml(formId, "1", instance, KH_HOUSEHOLD, KH_VILLAGE, "4", List.of(Map.of("name", "Sok", "age", "40")));
        String stale = "submission " + id + " was changed since you opened it (version " + seen + ", now " + (seen + 1)
                + "); reload it and make your edit again on the current XML";
        mvc.perform(put("/api/v1/survey/submissions/" + id + "/xml").param("version", String.valueOf(seen)).contentType("text/xml").content(second)
                .with(httpBasic("officer-kh", "demo"))).andExpect(status().isConflict()).andExpect(jsonPath("$.error").value(stale));
        mvc.perform(post("/survey/submissions/" + id + "/xml").param("xml", second).param("version", String.valueOf(seen)).with(user(officer)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("problem", stale));
        assertThat(submissions.xml(Actor.system(), id)).isEqualTo(first);
        assertThat(submissions.history(Actor.system(), id)).hasSize(1);

        mvc.perform(post("/survey/submissions/" + id + "/xml").param("xml", second).param("version", String.valueOf(seen + 1)).with(user(officer)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("saved", true));
        assertThat(submissions.xml(Actor.system(), id)).isEqualTo(second);
        // XML broken while editing it in the page: said on the page, nothing changed
        mvc.perform(post("/survey/submissions/" + id + "/xml").param("xml", second.substring(0, second.length() - 5)).param("version", String.valueOf(seen + 2))
                        .with(user(officer)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("problem", org.hamcrest.Matchers.startsWith("the submission XML is not well formed")));
        assertThat(submissions.xml(Actor.system(), id)).isEqualTo(second);
        // a client that does not send the version edits the current one
        mvc.perform(put("/api/v1/survey/submissions/" + id + "/xml").contentType("text/xml").content(first).with(httpBasic("officer-kh", "demo")))
                .andExpect(status().isOk());
        assertThat(submissions.history(Actor.system(), id)).hasSize(3);
    }
}
