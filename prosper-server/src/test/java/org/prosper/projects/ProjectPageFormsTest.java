package org.prosper.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.prosper.access.Actor;
import org.prosper.access.UserService;
import org.prosper.projects.ProjectData.*;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The project page's forms: an indicator actual with its evidence, an appraisal, an evaluation with DAC ratings; who may use them. */
@DatabaseTest
class ProjectPageFormsTest {

    @Autowired MockMvc mvc;
    @Autowired UserService users;
    @Autowired ProjectService projects;
    @Autowired EvaluationService evaluations;

    private RequestPostProcessor as(String username) {
        return user(users.loadUserByUsername(username));
    }

    private String page(String url, String username) throws Exception {
        return mvc.perform(get(url).with(as(username))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private long indicatorId(long project) {
        return projects.get(Actor.system(), project).results().getFirst().indicators().getFirst().id();
    }

    private Period period(long project, LocalDate start) {
        return projects.get(Actor.system(), project).results().getFirst().indicators().getFirst().periods().stream()
                .filter(p -> p.start().equals(start)).findFirst().orElse(null);
    }

    @Test
    void anEditorEntersAnActualWithEvidenceForAPeriodOrANewOne() throws Exception {
        long id = projects.create(Actor.system(), laoProject("XM-TEST-FORMS-ACTUAL")).id();
        long ind = indicatorId(id);
        assertThat(page("/projects/" + id, "manager-la")).contains("actual-form").contains("/projects/" + id + "/indicators/" + ind + "/actuals");

        // bad input: a value that is no number, no evidence, a date that is no date; every problem named, nothing written
        mvc.perform(post("/projects/" + id + "/indicators/" + ind + "/actuals").param("period", "2025-01-01/2025-12-31").param("value", "abc")
                        .param("evidence", " ").with(csrf()).with(as("manager-la")))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("problem", "Not saved. Please correct:"))
                .andExpect(flash().attribute("problems", Matchers.contains("Actual: 'abc' is not a number",
                        "Evidence: say where the figure comes from (report, survey, site visit)")))
                .andExpect(flash().attribute("actualForm", Matchers.hasEntry("value", "abc")));
        // in the reader's language, each field by the label the form shows
        mvc.perform(post("/projects/" + id + "/indicators/" + ind + "/actuals").param("period", "2025-01-01/2025-12-31").param("value", "abc")
                        .param("evidence", " ").param("lang", "zh").with(csrf()).with(as("manager-la")))
                .andExpect(flash().attribute("problem", "未保存，请更正："))
                .andExpect(flash().attribute("problems", Matchers.contains("实际：“abc”不是数字", "证据：请说明数字的来源（报告、调查、实地考察）")));
        mvc.perform(post("/projects/" + id + "/indicators/" + ind + "/actuals").param("period", "").param("periodStart", "2026-13-01")
                        .param("periodEnd", "2026-12-31").param("value", "50").param("evidence", "Site visit").with(csrf()).with(as("manager-la")))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("problems", Matchers.hasItem("Period start: '2026-13-01' is not a date (yyyy-mm-dd)")));
        assertThat(period(id, LocalDate.of(2025, 1, 1)).actuals()).isEmpty();
        assertThat(period(id, LocalDate.of(2026, 1, 1))).isNull();

        mvc.perform(post("/projects/" + id + "/indicators/" + ind + "/actuals").param("period", "2025-01-01/2025-12-31").param("value", "57.5")
                        .param("evidence", "District health office latrine census, March 2026").param("comment", "two hamlets not visited")
                        .with(csrf()).with(as("manager-la")))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("saved", "actual"));
        Value actual = period(id, LocalDate.of(2025, 1, 1)).actuals().getFirst();
        assertThat(actual.value()).isEqualTo("57.5");
        assertThat(actual.evidence()).isEqualTo("District health office latrine census, March 2026");
        assertThat(actual.source()).isEqualTo("ENTERED");

        // a period the indicator did not have yet
        mvc.perform(post("/projects/" + id + "/indicators/" + ind + "/actuals").param("period", "").param("periodStart", "2026-01-01")
                        .param("periodEnd", "2026-12-31").param("value", "64").param("evidence", "Annual progress report 2026").with(csrf()).with(as("manager-la")))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("saved", "actual"));
        assertThat(period(id, LocalDate.of(2026, 1, 1)).actuals().getFirst().value()).isEqualTo("64");
        assertThat(page("/projects/" + id, "manager-la")).contains("District health office latrine census, March 2026").contains("57.5");
    }

    @Test
    void aComputedIndicatorTakesNoEnteredActual() throws Exception {
        long id = projects.list(Actor.system(), new ProjectService.ProjectQuery(null, null, ProjectDemoLoader.EVALUATION_PROJECT)).getFirst().id();
        Indicator computed = projects.get(Actor.system(), id).results().getFirst().indicators().getFirst();
        assertThat(page("/projects/" + id, "manager")).doesNotContain("/indicators/" + computed.id() + "/actuals");
        mvc.perform(post("/projects/" + id + "/indicators/" + computed.id() + "/actuals").param("period", computed.periods().getFirst().start() + "/"
                        + computed.periods().getFirst().end()).param("value", "1").param("evidence", "guess").with(csrf()).with(as("manager")))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("problems", Matchers.hasItem(Matchers.containsString("its actuals are computed from survey rounds"))));
        assertThat(projects.get(Actor.system(), id).results().getFirst().indicators().getFirst().periods().getFirst().actuals().getFirst().source())
                .isEqualTo("COMPUTED");
    }

    @Test
    void anEditorRecordsAnAppraisalAndAnEvaluationWithDacRatings() throws Exception {
        long id = projects.create(Actor.system(), laoProject("XM-TEST-FORMS-EVAL")).id();
        String shown = page("/projects/" + id, "manager-la");
        assertThat(shown).contains("id=\"appraisal-form\"").contains("id=\"evaluation-form\"").contains("name=\"rating.SUSTAINABILITY\"");

        mvc.perform(post("/projects/" + id + "/appraisals").param("appraisedOn", "2023-11-02").param("appraiser", " ").param("summary", "Latrines needed")
                        .param("recommendation", "MAYBE").with(csrf()).with(as("manager-la")))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("problems", Matchers.hasItems("Appraiser: required", "Recommendation: APPROVE, REVISE or REJECT")));
        assertThat(evaluations.appraisals(Actor.system(), id)).isEmpty();
        mvc.perform(post("/projects/" + id + "/appraisals").param("appraisedOn", "2023-11-02").param("appraiser", "Provincial health office")
                        .param("summary", "Latrine coverage 40%; households willing to contribute labour").param("recommendation", "APPROVE")
                        .param("baselineRound", "").with(csrf()).with(as("manager-la")))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("saved", "appraisal"));
        EvaluationService.Appraisal appraisal = evaluations.appraisals(Actor.system(), id).getFirst();
        assertThat(appraisal.appraiser()).isEqualTo("Provincial health office");
        assertThat(appraisal.recommendation()).isEqualTo("APPROVE");
        assertThat(appraisal.createdBy()).isEqualTo("manager-la");

        // one criterion left out, one rating that is no number: both named, nothing written
        MockHttpServletRequestBuilder notANumber = evaluation(id, "EFFICIENCY").param("rating.EFFICIENCY", "x").param("evidence.EFFICIENCY", "e");
        mvc.perform(notANumber.with(csrf()).with(as("manager-la"))).andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("problems", Matchers.hasItem("Efficiency: 'x' is not 1, 2, 3 or 4")));
        mvc.perform(evaluation(id, "IMPACT").with(csrf()).with(as("manager-la"))).andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("problems", Matchers.hasItem("Impact: required (rate every OECD DAC criterion)")))
                .andExpect(flash().attribute("evaluationForm", Matchers.hasEntry("evaluator", "Mid-term review team")));
        mvc.perform(evaluation(id, "COHERENCE").param("rating.COHERENCE", "5").param("evidence.COHERENCE", "e").with(csrf()).with(as("manager-la"))).andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("problems", Matchers.hasItem("Coherence: 1 (unsatisfactory) to 4 (highly satisfactory)")));
        assertThat(evaluations.evaluations(Actor.system(), id)).isEmpty();

        mvc.perform(evaluation(id, null).param("didDataset", ProjectDemoLoader.DATASET).param("didVariable", "income_pc").with(csrf()).with(as("manager-la")))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("saved", "evaluation"));
        EvaluationService.Evaluation e = evaluations.evaluations(Actor.system(), id).getFirst();
        assertThat(e.kind()).isEqualTo("MID_TERM");
        assertThat(e.ratings()).hasSize(6);
        assertThat(e.ratings().get("IMPACT")).isEqualTo(new EvaluationService.Rating(3, "evidence for IMPACT"));
        EvaluationService.Did did = evaluations.did(Actor.system(), id, ProjectDemoLoader.DATASET, "income_pc");
        assertThat(e.didEstimate()).isCloseTo(did.estimate(), org.assertj.core.api.Assertions.within(Math.abs(did.estimate()) * 1e-9));
        assertThat(page("/projects/" + id, "manager-la")).contains("Mid-term review team").contains("evidence for SUSTAINABILITY");
    }

    /** An evaluation form with every criterion rated 3, except the one left out. */
    private static MockHttpServletRequestBuilder evaluation(long id, String leftOut) {
        MockHttpServletRequestBuilder req = post("/projects/" + id + "/evaluations").param("kind", "MID_TERM").param("evaluatedOn", "2025-06-30")
                .param("evaluator", "Mid-term review team").param("summary", "Half the latrines built");
        for (String c : EvaluationService.CRITERIA) {
            if (c.equals(leftOut)) continue;
            req.param("rating." + c, "3").param("evidence." + c, "evidence for " + c);
        }
        return req;
    }

    @Test
    void usersWhoMayNotEditTheProjectSeeNoFormsAndAreRefused() throws Exception {
        long id = projects.create(Actor.system(), laoProject("XM-TEST-FORMS-REFUSED")).id();
        long ind = indicatorId(id);
        String viewer = page("/projects/" + id, "viewer");
        assertThat(viewer).contains("Latrines for Somsanook").doesNotContain("actual-form").doesNotContain("appraisal-form").doesNotContain("evaluation-form");
        for (String user : List.of("viewer", "manager-la")) {
            long target = user.equals("viewer") ? id : projects.list(Actor.system(), new ProjectService.ProjectQuery(null, null, "XM-PROSPER-EAPRCI-MM-MINPYIN"))
                    .getFirst().id();
            long targetIndicator = user.equals("viewer") ? ind : indicatorId(target);
            int evaluationsBefore = evaluations.evaluations(Actor.system(), target).size();
            int appraisalsBefore = evaluations.appraisals(Actor.system(), target).size();
            mvc.perform(post("/projects/" + target + "/indicators/" + targetIndicator + "/actuals").param("period", "2025-01-01/2025-12-31")
                    .param("value", "99").param("evidence", "made up").with(csrf()).with(as(user))).andExpect(status().isForbidden());
            mvc.perform(post("/projects/" + target + "/appraisals").param("appraisedOn", "2023-11-02").param("appraiser", "x").param("summary", "x")
                    .param("recommendation", "REJECT").with(csrf()).with(as(user))).andExpect(status().isForbidden());
            mvc.perform(evaluation(target, null).with(csrf()).with(as(user))).andExpect(status().isForbidden());
            assertThat(evaluations.evaluations(Actor.system(), target)).hasSize(evaluationsBefore);
            assertThat(evaluations.appraisals(Actor.system(), target)).hasSize(appraisalsBefore);
        }
        assertThat(period(id, LocalDate.of(2025, 1, 1)).actuals()).isEmpty();
    }

    private static ProjectData laoProject(String identifier) {
        Indicator indicator = new Indicator(null, "PF-1", Map.of("en", "Households with a latrine"), Map.of(), "SOCIAL", "%", "2", true, null,
                List.of(), "ENTERED", null, null, null, null, null,
                List.of(new Value(2023, null, "40", List.of(), List.of(), Map.of(), null, "ENTERED", null)),
                List.of(new Period(null, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31), null,
                        List.of(new Value(null, null, "60", List.of(), List.of(), Map.of(), null, "ENTERED", null)), List.of())));
        return new ProjectData(null, identifier, null, "en", Map.of("en", "Latrines for Somsanook"), Map.of(), Map.of(), "2",
                LocalDate.of(2024, 1, 1), LocalDate.of(2026, 12, 31), null, null, "USD", null, null, null, null, null, List.of(),
                List.of("LA-PILOT-SOMSANOOK"), List.of("LA-DEMO-NONGTENG"), List.of(), List.of(), List.of(),
                List.of(new Budget("1", "2", LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31), BigDecimal.valueOf(8000), "USD", null)),
                List.of(), List.of(new Result(null, "OUTCOME", null, null, Map.of("en", "Sanitation"), Map.of(), null, List.of(indicator))), null);
    }
}
