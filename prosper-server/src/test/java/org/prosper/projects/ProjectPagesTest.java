package org.prosper.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
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
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The project pages in English and Chinese: list, project with results and evaluation, plan changes, IATI import; scoping. */
@DatabaseTest
class ProjectPagesTest {

    @Autowired MockMvc mvc;
    @Autowired UserService users;
    @Autowired ProjectService projects;
    @Autowired PlanChangeService plans;
    @Autowired EvaluationService evaluations;

    private RequestPostProcessor as(String username) {
        return user(users.loadUserByUsername(username));
    }

    private String page(String url, String username) throws Exception {
        return mvc.perform(get(url).with(as(username))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private long id(String identifier) {
        return projects.list(Actor.system(), new ProjectService.ProjectQuery(null, null, identifier)).stream()
                .filter(s -> s.iatiIdentifier().equals(identifier)).findFirst().orElseThrow().id();
    }

    @Test
    void theListShowsOnlyProjectsInTheUsersOrgUnitsAndFilters() throws Exception {
        String la = page("/projects", "manager-la");
        assertThat(la).contains("EAPRCI village pilot: Xiengda").contains("href=\"/projects/" + id("XM-PROSPER-EAPRCI-LA-XIENGDA") + "\"")
                .doesNotContain("XM-PROSPER-EAPRCI-MM-").doesNotContain("XM-PROSPER-EAPRCI-KH-");
        String mm = page("/projects?country=MM&status=2", "manager");
        assertThat(mm).contains("XM-PROSPER-EAPRCI-MM-MINPYIN").doesNotContain("XM-PROSPER-EAPRCI-KH-SVAYAMPEAR").doesNotContain("XM-PROSPER-LMC-WATER-2022");
        String closed = page("/projects?status=4", "manager");
        assertThat(closed).doesNotContain("XM-PROSPER-EAPRCI-MM-MINPYIN");
        String water = page("/projects?programme=LMC-FUND", "manager");
        assertThat(water).contains("XM-PROSPER-LMC-WATER-2022").doesNotContain("XM-PROSPER-EAPRCI-LA-XIENGDA");
        String zh = page("/projects?lang=zh", "manager");
        assertThat(zh).contains("合作项目").contains("东亚减贫合作倡议").contains("<td>实施</td>");
        assertThat(page("/", "viewer")).contains("href=\"/projects\"");
        assertThat(page("/", "expert")).doesNotContain("href=\"/projects\"");
        mvc.perform(get("/projects").with(as("expert"))).andExpect(status().isForbidden());
    }

    @Test
    void theProjectPageShowsSummaryMoneyResultsChartsAndEvaluation() throws Exception {
        long kh = id("XM-PROSPER-EAPRCI-KH-SVAYAMPEAR");
        String html = page("/projects/" + kh, "manager");
        assertThat(html).contains("EAPRCI village pilot: Svay Ampear")
                .contains("International Poverty Reduction Center in China").contains("Funding").contains("43040 60%")
                .contains("KH-PILOT-SVAYAMPEAR").contains("KH-DEMO-PREKTAMEAK")
                .contains("Disbursement").contains("Expenditure")
                .contains("Mean annual income per capita").contains("data-light=\"GREEN\"")
                .contains("id=\"chart-").contains("/webjars/echarts/5.1.2/echarts.min.js")
                .contains("/api/v1/projects/" + kh + "/report.pdf").contains("/api/v1/projects/" + kh + "/indicators.xlsx")
                .contains("/api/v1/projects/" + kh + "/iati")
                .contains("Relevance").contains("Targets the poorest villages").contains("Sustainability")
                .contains("Impact estimate (difference in differences)");
        // the estimate and its standard error as stored by the evaluation, to two decimals
        EvaluationService.Evaluation e = evaluations.evaluations(Actor.system(), kh).stream().filter(x -> x.didEstimate() != null).findFirst().orElseThrow();
        assertThat(html).contains(String.format(java.util.Locale.ROOT, "%,.2f", e.didEstimate()))
                .contains("standard error " + String.format(java.util.Locale.ROOT, "%,.2f", e.didSe()));
        // the chart data carry baseline, targets and actuals per indicator
        assertThat(html).containsPattern("\"code\":\"ENV-1\",\"title\":\"Households with safe drinking water\",\"unit\":\"%\",\"labels\":\\[\"2021\",\"2022\"");
        String zh = page("/projects/" + kh + "?lang=zh", "manager");
        assertThat(zh).contains("东亚减贫示范合作项目").contains("人均年收入均值").contains("相关性").contains("标准误").contains("合作伙伴");
    }

    @Test
    void aLaoManagerGetsForbiddenOnAMyanmarProjectPageAndNotFoundOnNone() throws Exception {
        long mm = id("XM-PROSPER-EAPRCI-MM-MINPYIN");
        String denied = mvc.perform(get("/projects/" + mm).with(as("manager-la"))).andExpect(status().isForbidden())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(denied).doesNotContain("Min Pyin");
        mvc.perform(get("/projects/" + mm + "/changes").with(as("manager-la"))).andExpect(status().isForbidden());
        mvc.perform(post("/projects/" + mm + "/changes").param("reason", "x").param("kind", "ADD_ACTIVITY").param("text", "t")
                .with(csrf()).with(as("manager-la"))).andExpect(status().isForbidden());
        assertThat(plans.list(Actor.system(), mm).stream().noneMatch(r -> r.requestedBy().equals("manager-la"))).isTrue();
        mvc.perform(get("/projects/999999999").with(as("manager-la"))).andExpect(status().isNotFound());
        page("/projects/" + mm, "coordinator-mm");
    }

    @Test
    void actualsBrokenDownBySexAreShownBesideTheTotal() throws Exception {
        ProjectData p = projects.create(Actor.system(), laoProject("XM-TEST-PAGES-BREAKDOWN", List.of("sex")));
        long indicator = p.results().getFirst().indicators().getFirst().id();
        LocalDate start = LocalDate.of(2025, 1, 1), end = LocalDate.of(2025, 12, 31);
        projects.enterActual(Actor.system(), p.id(), indicator, new ProjectService.ActualEntry(start, end, "58", List.of(), "Village register", null));
        projects.enterActual(Actor.system(), p.id(), indicator,
                new ProjectService.ActualEntry(start, end, "61", List.of(new Dimension("sex", "F")), "Village register", null));
        // a breakdown made the project page fail from the first disaggregated actual on
        String html = page("/projects/" + p.id(), "manager-la");
        assertThat(html).contains("<span class=\"tag\">sex=F: 61</span>").contains("58");
    }

    @Test
    void aPlanChangeIsRequestedApprovedAndShownWithBothVersionsAndTheApprover() throws Exception {
        long id = projects.create(Actor.system(), laoProject("XM-TEST-PAGES-PLAN-1")).id();
        // a request with a bad date and no reason: every problem named, nothing written
        mvc.perform(post("/projects/" + id + "/changes").param("kind", "TARGET").param("indicator", "PG-1")
                        .param("periodStart", "2025-13-01").param("periodEnd", "2025-12-31").param("value", "70")
                        .with(csrf()).with(as("manager-la")))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("problems", Matchers.hasItem("Row 1, Period start: '2025-13-01' is not a date (yyyy-mm-dd)")));
        mvc.perform(post("/projects/" + id + "/changes").param("kind", "TARGET").param("indicator", "PG-1")
                        .param("periodStart", "2025-13-01").param("periodEnd", "2025-12-31").param("value", "70").param("lang", "zh")
                        .with(csrf()).with(as("manager-la")))
                .andExpect(flash().attribute("problems", Matchers.contains("第 1 行，期间开始：“2025-13-01”不是日期（yyyy-mm-dd）")));
        assertThat(plans.list(Actor.system(), id)).isEmpty();
        mvc.perform(post("/projects/" + id + "/changes").param("kind", "TARGET").param("indicator", "PG-1")
                        .param("periodStart", "2025-01-01").param("periodEnd", "2025-12-31").param("value", "70")
                        .with(csrf()).with(as("manager-la")))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("problems", Matchers.hasItem("Reason: say why the plan changes")));
        // a change's problem names its row of the table, counting a row left empty above it
        mvc.perform(post("/projects/" + id + "/changes").param("reason", "mid-term review").param("kind", "", "BUDGET")
                        .param("indicator", "", "").param("periodStart", "", "2025-01-01").param("periodEnd", "", "2025-12-31")
                        .param("value", "", "lots").with(csrf()).with(as("manager-la")))
                .andExpect(flash().attribute("problems", Matchers.contains("Row 2, Value: 'lots' is not a number")));
        mvc.perform(post("/projects/" + id + "/changes").param("reason", "mid-term review").param("kind", "TARGET").param("lang", "zh")
                        .with(csrf()).with(as("manager-la")))
                .andExpect(flash().attribute("problems", Matchers.contains("第 1 行，调整类型：TARGET 变更需要指标、periodStart、periodEnd 和数值")));
        assertThat(plans.list(Actor.system(), id)).isEmpty();

        mvc.perform(post("/projects/" + id + "/changes").param("reason", "Drought: target lowered, budget follows")
                        .param("kind", "TARGET", "BUDGET", "").param("indicator", "PG-1", "", "")
                        .param("periodStart", "2025-01-01", "2025-01-01", "").param("periodEnd", "2025-12-31", "2025-12-31", "")
                        .param("value", "55", "9000", "").param("currency", "", "USD", "").param("text", "", "", "").param("village", "", "", "")
                        .with(csrf()).with(as("manager-la")))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("done", "requested"));
        PlanChangeService.ChangeRequest cr = plans.list(Actor.system(), id).getFirst();
        assertThat(cr.status()).isEqualTo("PENDING");
        assertThat(cr.changes()).hasSize(2);

        String pending = page("/projects/" + id + "/changes", "coordinator-la");
        assertThat(pending).contains("Pending").contains("Target PG-1 2025-01-01..2025-12-31: 60 -&gt; 55").contains("id=\"approve-" + cr.id() + "\"");
        // the programme manager may request but not approve: no decision form, and a forged decision is refused
        assertThat(page("/projects/" + id + "/changes", "manager-la")).doesNotContain("id=\"approve-" + cr.id() + "\"");
        mvc.perform(post("/projects/change-requests/" + cr.id() + "/decision").param("decision", "approve").with(csrf()).with(as("manager-la")))
                .andExpect(status().isForbidden());
        // rejecting needs a comment
        mvc.perform(post("/projects/change-requests/" + cr.id() + "/decision").param("decision", "reject").with(csrf()).with(as("coordinator-la")))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("problems", Matchers.hasItem("Comment (required to reject): say why the change is rejected")));
        mvc.perform(post("/projects/change-requests/" + cr.id() + "/decision").param("decision", "approve").param("comment", "Agreed at the review")
                        .with(csrf()).with(as("coordinator-la")))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("done", "approve"));
        // a second decision (another approver's page still open) is refused, said in the reader's language
        mvc.perform(post("/projects/change-requests/" + cr.id() + "/decision").param("decision", "reject").param("comment", "no")
                        .param("lang", "zh").with(csrf()).with(as("coordinator-la")))
                .andExpect(flash().attribute("problem", "变更申请 " + cr.id() + " 已由 coordinator-la 批准"));

        String after = page("/projects/" + id + "/changes", "manager-la");
        assertThat(after).contains("Approved").contains("From version 1 to version 2")
                .contains("approved by coordinator-la (Country coordinator)").contains("requested by manager-la")
                .contains("Target PG-1 2025-01-01..2025-12-31: 60 -&gt; 55")
                .contains("Budget 2025-01-01..2025-12-31: 8000 USD -&gt; 9000 USD")
                .contains("Version 1").contains("Version 2").contains("Agreed at the review");
        String zh = page("/projects/" + id + "/changes?lang=zh", "manager-la");
        assertThat(zh).contains("已批准").contains("国家协调员").contains("从第1版到第2版");
        assertThat(page("/projects/" + id, "manager-la")).contains("data-light=\"NONE\"");
    }

    @Test
    void theIatiImportPageShowsTheReport() throws Exception {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <iati-activities version="2.03">
                  <iati-activity default-currency="USD" xml:lang="en">
                    <iati-identifier>XM-TEST-PAGES-IMPORT-1</iati-identifier>
                    <reporting-org ref="XM-TEST" type="10"><narrative>Test reporter</narrative></reporting-org>
                    <title><narrative>Imported from the page</narrative></title>
                    <description><narrative>Imported</narrative></description>
                    <participating-org role="1" type="10" ref="XM-TEST"><narrative>Funder</narrative></participating-org>
                    <activity-status code="2"/>
                    <activity-date type="1" iso-date="2024-01-01"/>
                    <recipient-country code="LA" percentage="100"/>
                    <sector vocabulary="1" code="99999" percentage="100"/>
                  </iati-activity>
                </iati-activities>
                """;
        assertThat(page("/projects/iati-import", "admin")).contains("id=\"iati-form\"");
        String report = mvc.perform(multipart("/projects/iati-import").file(new MockMultipartFile("file", "page-import.xml", "application/xml",
                        xml.getBytes(StandardCharsets.UTF_8))).with(csrf()).with(as("admin")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(report).contains("Import report: page-import.xml").contains("XM-TEST-PAGES-IMPORT-1").contains("Created")
                .contains("Breaks a codelist").contains("99999");
        String broken = mvc.perform(multipart("/projects/iati-import").file(new MockMultipartFile("file", "broken.xml", "application/xml",
                        "<iati-activities".getBytes(StandardCharsets.UTF_8))).with(csrf()).with(as("admin")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(broken).contains("id=\"iati-problem\"").doesNotContain("id=\"iati-report\"");
        mvc.perform(get("/projects/iati-import").with(as("viewer"))).andExpect(status().isForbidden());
    }

    private static ProjectData laoProject(String identifier) {
        return laoProject(identifier, List.of());
    }

    private static ProjectData laoProject(String identifier, List<String> disaggregations) {
        Indicator indicator = new Indicator(null, "PG-1", Map.of("en", "Households with a latrine"), Map.of(), "SOCIAL", "%", "2", true, null,
                disaggregations, "ENTERED", null, null, null, null, null,
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
