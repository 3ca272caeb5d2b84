package org.prosper.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.prosper.survey.SurveyFixtures.*;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.prosper.access.Actor;
import org.prosper.access.UserService;
import org.prosper.registry.Household;
import org.prosper.registry.HouseholdService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** A submission is approved into the registry once, and only as the reviewer saw it. */
@DatabaseTest
class SubmissionApprovalTest {

    private static final String HOUSEHOLD = "KH-SVAYAMPEAR-0003";

    @Autowired MockMvc mvc;
    @Autowired FormService forms;
    @Autowired RoundService rounds;
    @Autowired SubmissionService submissions;
    @Autowired SubmissionProcessor processor;
    @Autowired HouseholdService households;
    @Autowired UserService users;

    /** A processed submission whose approval sets the household's annual income. */
    private long processed(String formId, String income) {
        long id = submissions.receive(users.find("enumerator-kh").orElseThrow().actor(),
                simpleXml(formId, instanceId(), HOUSEHOLD, KH_VILLAGE).replace("<income>1200</income>", "<income>" + income + "</income>")
                        .getBytes(StandardCharsets.UTF_8), List.of(), "OPENROSA").submissionId();
        processor.process(id);
        assertThat(submissions.get(Actor.system(), id).processing()).isEqualTo("PROCESSED");
        return id;
    }

    private String mappedForm() {
        String formId = formWithRound(forms, rounds, KH_VILLAGE);
        forms.setMapping(Actor.system(), formId, Map.of("household_id", "household.code", "village", "household.village", "income", "household.annualIncome"));
        return formId;
    }

    private Double income() {
        return households.findByCode(Actor.system(), HOUSEHOLD).map(Household::annualIncome).orElseThrow();
    }

    private long registryChanges() {
        return households.findByCode(Actor.system(), HOUSEHOLD).map(Household::version).orElseThrow();
    }

    @Test
    void anApprovedSubmissionIsNotApprovedAgainNorAppliedToTheRegistryTwice() throws Exception {
        long id = processed(mappedForm(), "1300");
        mvc.perform(post("/api/v1/survey/submissions/" + id + "/approve").with(httpBasic("officer-kh", "demo"))).andExpect(status().isOk());
        long changes = registryChanges();

        mvc.perform(post("/api/v1/survey/submissions/" + id + "/approve").with(httpBasic("officer-kh", "demo")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.error").value("submission " + id + " is already approved and its data is in the registry; it cannot be approved again"));
        assertThat(registryChanges()).isEqualTo(changes);
        assertThat(submissions.history(Actor.system(), id)).extracting(SubmissionService.HistoryEntry::action).containsExactly("APPROVE");
    }

    @Test
    void aRejectedSubmissionIsNotApprovedUntilItIsCorrected() throws Exception {
        double before = income();
        long id = processed(mappedForm(), "1400");
        submissions.reject(users.find("officer-kh").orElseThrow().actor(), id, "visited twice");

        mvc.perform(post("/api/v1/survey/submissions/" + id + "/approve").with(httpBasic("officer-kh", "demo")))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.error").value(Matchers.containsString("was rejected (visited twice)")));
        assertThat(income()).isEqualTo(before);
        assertThat(submissions.get(Actor.system(), id).review()).isEqualTo("REJECTED");
    }

    @Test
    void anApprovalOfAVersionSomeoneHasEditedSinceIsRefusedAndTheCurrentOneIsApproved() throws Exception {
        double before = income();
        String formId = mappedForm();
        long id = processed(formId, "1500");
        Submission seen = submissions.get(Actor.system(), id);
        String edited = simpleXml(formId, seen.instanceId(), HOUSEHOLD, KH_VILLAGE).replace("<income>1200</income>", "<income>99000</income>");
        mvc.perform(put("/api/v1/survey/submissions/" + id + "/xml").contentType("text/xml").content(edited).with(httpBasic("officer-kh", "demo")))
                .andExpect(status().isOk());

        mvc.perform(post("/api/v1/survey/submissions/" + id + "/approve").contentType("application/json")
                        .content("{\"comment\":\"ok\",\"version\":" + seen.version() + "}").with(httpBasic("officer-kh", "demo")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.error").value("submission " + id + " was changed since you saw it (version " + seen.version() + ", now "
                        + (seen.version() + 1) + "); reload it and review it again"));
        assertThat(income()).isEqualTo(before);
        assertThat(submissions.get(Actor.system(), id).review()).isEqualTo("EDITED");

        // the review page sends the version it shows
        mvc.perform(get("/survey/submissions/" + id).with(user(users.find("officer-kh").orElseThrow())))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(Matchers.containsString("name=\"version\" value=\"" + (seen.version() + 1) + "\"")));
        mvc.perform(post("/survey/submissions/" + id + "/review").param("action", "approve").param("version", String.valueOf(seen.version()))
                        .with(user(users.find("officer-kh").orElseThrow())).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("problem", Matchers.containsString("was changed since you saw it")));
        assertThat(income()).isEqualTo(before);

        mvc.perform(post("/survey/submissions/" + id + "/review").param("action", "approve").param("version", String.valueOf(seen.version() + 1))
                        .with(user(users.find("officer-kh").orElseThrow())).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("saved", true));
        assertThat(income()).isEqualTo(99000.0);
        assertThat(submissions.get(Actor.system(), id).review()).isEqualTo("APPROVED");
    }

    @Test
    void anApprovedSubmissionIsNotRejectedForItsDataIsInTheRegistryNorIsARejectedOneRejectedAgain() throws Exception {
        long id = processed(mappedForm(), "1600");
        mvc.perform(post("/api/v1/survey/submissions/" + id + "/approve").with(httpBasic("officer-kh", "demo"))).andExpect(status().isOk());
        assertThat(income()).isEqualTo(1600.0);

        mvc.perform(post("/api/v1/survey/submissions/" + id + "/reject").contentType("application/json").content("{\"comment\":\"wrong household\"}")
                        .with(httpBasic("officer-kh", "demo")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.error").value("submission " + id + " is approved and its data is in the registry; it cannot be rejected. "
                        + "Correct its XML (which puts it back for review) or have a new submission made"));
        assertThat(submissions.get(Actor.system(), id).review()).isEqualTo("APPROVED");
        assertThat(submissions.history(Actor.system(), id)).extracting(SubmissionService.HistoryEntry::action).containsExactly("APPROVE");

        long other = processed(mappedForm(), "1700");
        submissions.reject(users.find("officer-kh").orElseThrow().actor(), other, "visited twice");
        mvc.perform(post("/api/v1/survey/submissions/" + other + "/reject").contentType("application/json").content("{\"comment\":\"again\"}")
                        .with(httpBasic("officer-kh", "demo")))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.error").value("submission " + other + " is already rejected (visited twice)"));
        assertThat(submissions.get(Actor.system(), other).reviewComment()).isEqualTo("visited twice");
    }

    @Test
    void aRejectionOfAVersionSomeoneHasEditedSinceIsRefused() throws Exception {
        String formId = mappedForm();
        long id = processed(formId, "1800");
        Submission seen = submissions.get(Actor.system(), id);
        String edited = simpleXml(formId, seen.instanceId(), HOUSEHOLD, KH_VILLAGE).replace("<income>1200</income>", "<income>1900</income>");
        mvc.perform(put("/api/v1/survey/submissions/" + id + "/xml").contentType("text/xml").content(edited).with(httpBasic("officer-kh", "demo")))
                .andExpect(status().isOk());

        mvc.perform(post("/api/v1/survey/submissions/" + id + "/reject").contentType("application/json")
                        .content("{\"comment\":\"implausible income\",\"version\":" + seen.version() + "}").with(httpBasic("officer-kh", "demo")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.error").value("submission " + id + " was changed since you saw it (version " + seen.version() + ", now "
                        + (seen.version() + 1) + "); reload it and review it again"));
        mvc.perform(post("/survey/submissions/" + id + "/review").param("action", "reject").param("comment", "implausible income")
                        .param("version", String.valueOf(seen.version())).with(user(users.find("officer-kh").orElseThrow())).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("problem", Matchers.containsString("was changed since you saw it")));
        assertThat(submissions.get(Actor.system(), id).review()).isEqualTo("EDITED");

        mvc.perform(post("/survey/submissions/" + id + "/review").param("action", "reject").param("comment", "implausible income")
                        .param("version", String.valueOf(seen.version() + 1)).with(user(users.find("officer-kh").orElseThrow())).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("saved", true));
        assertThat(submissions.get(Actor.system(), id).review()).isEqualTo("REJECTED");
    }
}
