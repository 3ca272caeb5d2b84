package org.prosper.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.prosper.survey.SurveyFixtures.*;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.prosper.access.Actor;
import org.prosper.access.ProsperUser;
import org.prosper.access.UserService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@DatabaseTest
class SurveyPagesTest {

    @Autowired MockMvc mvc;
    @Autowired UserService users;
    @Autowired FormService forms;
    @Autowired RoundService rounds;
    @Autowired SubmissionService submissions;
    @Autowired JdbcClient db;

    private ProsperUser as(String name) {
        return users.find(name).orElseThrow();
    }

    @Test
    void surveyPageListsTheFormsToFillAndTheOdkServerAddress() throws Exception {
        String html = mvc.perform(get("/survey").with(user(as("enumerator-kh")))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("household_baseline").contains("/survey/forms/household_baseline/fill").contains("/openrosa");
        String zh = mvc.perform(get("/survey").param("lang", "zh").with(user(as("enumerator-kh")))).andReturn().getResponse().getContentAsString();
        assertThat(zh).contains("在浏览器中填写");
    }

    @Test
    void fillPageLoadsTheDefinitionAndSubmitsThroughTheSameDoor() throws Exception {
        String html = mvc.perform(get("/survey/forms/household_baseline/fill").with(user(as("enumerator-kh")))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("id=\"survey-entry\"").contains("/js/survey/entry.js").contains("data-csrf=");
        mvc.perform(get("/survey/forms/household_baseline/definition").with(user(as("enumerator-kh")))).andExpect(status().isOk())
                .andExpect(jsonPath("$.formId").value("household_baseline"))
                .andExpect(jsonPath("$.languages[1]").value("中文 (zh)"))
                .andExpect(jsonPath("$.children[4].choiceFilter").value("country=${country}"));
        String version = forms.find("household_baseline", null).orElseThrow().version();
        String id = instanceId();
        String xml = SubmissionReviewTest.baselineXml(version, id, unique("KH-WEB").toUpperCase().replace('_', '-'), KH_VILLAGE);
        mvc.perform(post("/survey/forms/household_baseline/submit").contentType("text/xml").content(xml).with(user(as("enumerator-kh"))))
                .andExpect(status().isForbidden()); // no CSRF token
        mvc.perform(post("/survey/forms/household_baseline/submit").contentType("text/xml").content(xml).with(user(as("enumerator-kh"))).with(csrf()))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.outcome").value("CREATED"));
        assertThat(db.sql("select source from survey_submission where instance_id = ?").param(id).query(String.class).single()).isEqualTo("WEB");
        mvc.perform(post("/survey/forms/household_baseline/submit").contentType("text/xml").content(xml).with(user(as("enumerator-kh"))).with(csrf()))
                .andExpect(status().isAccepted());
        mvc.perform(post("/survey/forms/household_baseline/submit").contentType("text/xml").content("<broken").with(user(as("enumerator-kh"))).with(csrf()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("not well formed")));
        mvc.perform(get("/survey/forms/household_baseline/fill").with(user(as("viewer")))).andExpect(status().isForbidden());
    }

    @Test
    void quarantinePageShowsReasonsAndACorrectionReprocesses() throws Exception {
        String formId = formWithRound(forms, rounds, KH_VILLAGE);
        String instance = instanceId();
        String bad = simpleXml(formId, "1", instance, KH_HOUSEHOLD, KH_VILLAGE, "two", java.util.List.of());
        long id = submissions.receive(as("enumerator-kh").actor(), bad.getBytes(), java.util.List.of(), "OPENROSA").submissionId();
        submissions.reprocess(Actor.system(), id);
        String list = mvc.perform(get("/survey/submissions").param("processing", "QUARANTINED").with(user(as("officer-kh"))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(list).contains("/survey/submissions/" + id).contains("Size: &#39;two&#39; is not a whole number");
        String detail = mvc.perform(get("/survey/submissions/" + id).with(user(as("officer-kh")))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(detail).contains("Quarantined").contains("id=\"edit-form\"");
        mvc.perform(post("/survey/submissions/" + id + "/xml").param("xml", bad.replace("<hh_size>two</hh_size>", "<hh_size>2</hh_size>"))
                        .param("comment", "fixed").with(user(as("officer-kh"))).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(submissions.get(Actor.system(), id).processing()).isEqualTo("PROCESSED");
        mvc.perform(post("/survey/submissions/" + id + "/review").param("action", "reject").param("comment", "duplicate visit")
                .with(user(as("officer-kh"))).with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(submissions.get(Actor.system(), id).review()).isEqualTo("REJECTED");
        mvc.perform(get("/survey/submissions/" + id).with(user(as("officer-cn")))).andExpect(status().isForbidden());
    }
}
