package org.prosper.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.prosper.access.Actor;
import org.prosper.access.UserService;
import org.prosper.geo.GeoService;
import org.prosper.registry.Household;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The monitoring pages in English and Chinese: work list, case page and its actions, dashboard, timeline, runs, notice, profiles. */
@DatabaseTest
class MonitoringPagesTest {

    @Autowired MockMvc mvc;
    @Autowired UserService users;
    @Autowired GeoService geo;
    @Autowired CaseService cases;
    @Autowired RunService runs;
    @Autowired MonitoringFixtures fixtures;

    private RequestPostProcessor as(String username) {
        return user(users.loadUserByUsername(username));
    }

    private String page(String url, String username) throws Exception {
        return mvc.perform(get(url).with(as(username))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void theWorkListShowsNewAlertsCasesAndOverdueStepsInBothLanguages() throws Exception {
        String en = page("/monitoring?country=CN", "coordinator-cn");
        assertThat(en).contains("New alerts without a case").contains("Cases by state").contains("below the monitoring line").contains("Open a case");
        String zh = page("/monitoring?country=CN&lang=zh", "coordinator-cn");
        assertThat(zh).contains("尚未立案的新预警").contains("低于防止返贫监测线").contains("按状态的案件");
        assertThat(page("/", "officer-kh")).contains("href=\"/monitoring\"");
        assertThat(page("/", "viewer")).doesNotContain("href=\"/monitoring\"");
        mvc.perform(get("/monitoring").with(as("viewer"))).andExpect(status().isForbidden());
    }

    @Test
    void theCasePageTakesStepsAndShowsWhyAStepIsRefused() throws Exception {
        Household h = fixtures.chinese(9_000);
        runs.evaluate(Actor.system(), List.of(h.id()), java.time.LocalDate.now(), "page test");
        long id = cases.open(Actor.system(), new CaseService.OpenRequest(h.id(), "CADRE", null)).id();
        String before = page("/monitoring/cases/" + id, "officer-cn");
        assertThat(before).contains("Home verification").contains("per-capita net income of 3,000 CNY");
        mvc.perform(multipart("/monitoring/cases/" + id + "/step").param("action", "VERIFY").with(csrf()).with(as("officer-cn")))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("problem", org.hamcrest.Matchers.containsString("signed commitment and authorisation")));
        assertThat(page("/monitoring/cases/" + id, "officer-cn")).contains("id=\"case-state\">Alert<");
        mvc.perform(multipart("/monitoring/cases/" + id + "/step").file(new MockMultipartFile("files", "photo.jpg", "image/jpeg", new byte[] {1, 2, 3}))
                        .param("action", "VERIFY").param("consent", "true").param("note", "visited").with(csrf()).with(as("officer-cn")))
                .andExpect(status().is3xxRedirection());
        String after = page("/monitoring/cases/" + id + "?lang=zh", "officer-cn");
        assertThat(after).contains("已入户核实").contains("photo.jpg").contains("信息比对");
        String timeline = page("/monitoring/households/" + h.id(), "officer-cn");
        assertThat(timeline).contains("Case step").contains("Alert").contains("VERIFY");
    }

    @Test
    void aRefusedStepOrSupportMeasureIsSaidInTheReadersLanguageWithTheFormsLabels() throws Exception {
        Household h = fixtures.chinese(9_001);
        runs.evaluate(Actor.system(), List.of(h.id()), java.time.LocalDate.now(), "page test");
        long id = cases.open(Actor.system(), new CaseService.OpenRequest(h.id(), "CADRE", null)).id();
        String url = "/monitoring/cases/" + id;
        mvc.perform(multipart(url + "/step").param("action", "VERIFY").param("lang", "zh").with(csrf()).with(as("officer-cn")))
                .andExpect(flash().attribute("problem", "入户核实通过前，须记录农户签署的承诺授权书（授权查询家庭资产和收入）"));
        mvc.perform(multipart(url + "/step").param("action", "VERIFY").param("consent", "true").param("note", "n".repeat(2_001))
                        .param("lang", "zh").with(csrf()).with(as("officer-cn")))
                .andExpect(flash().attribute("problem", "备注：2,001 个字符，超过允许的 2,000 个"));
        // a measure is planned once the household is enrolled: a rule of the case, said without a field, the state by its name
        mvc.perform(post(url + "/support").param("measure", "INDUSTRY").param("lang", "zh").with(csrf()).with(as("officer-cn")))
                .andExpect(flash().attribute("problem", "案件 " + id + " 处于 预警 状态：农户纳入监测后才能安排帮扶"));
        mvc.perform(multipart(url + "/step").param("action", "VERIFY").param("consent", "true").param("noticeFrom", "2020-01-01")
                        .param("lang", "en").with(csrf()).with(as("officer-cn")))
                .andExpect(flash().attribute("problem", org.hamcrest.Matchers.nullValue()));
        mvc.perform(multipart(url + "/step").param("action", "CROSS_CHECK").param("lang", "en").with(csrf()).with(as("officer-cn")))
                .andExpect(flash().attribute("problem", "Note: required: the results of the data cross-check"));
        mvc.perform(multipart(url + "/step").param("action", "CROSS_CHECK").param("lang", "zh").with(csrf()).with(as("officer-cn")))
                .andExpect(flash().attribute("problem", "备注：必填：数据比对的结果"));
    }

    @Test
    void aRefusedDepartmentalFileListsEachRowsProblemInTheReadersLanguage() throws Exception {
        String csv = "household_code,kind,amount,date\nX,NOPE,-1,2020-13-01\n";
        mvc.perform(multipart("/monitoring/dept-files").file(new MockMultipartFile("file", "bad.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
                        .param("country", "CN").param("lang", "zh").with(csrf()).with(as("admin")))
                .andExpect(flash().attribute("problem", "bad.csv 被拒绝，未导入任何内容："))
                .andExpect(flash().attribute("problems", org.hamcrest.Matchers.contains(
                        org.hamcrest.Matchers.startsWith("第 2 行，kind：“NOPE”不是 ["),
                        org.hamcrest.Matchers.is("第 2 行，amount：必须为 0 或以上，收到 -1"),
                        org.hamcrest.Matchers.is("第 2 行，date：“2020-13-01”不是日期（YYYY-MM-DD）"))));
        mvc.perform(multipart("/monitoring/dept-files").file(new MockMultipartFile("file", "empty.csv", "text/csv", new byte[0]))
                        .param("country", "CN").param("lang", "zh").with(csrf()).with(as("admin")))
                .andExpect(flash().attribute("problem", "文件：empty.csv 是空文件"))
                .andExpect(flash().attribute("problems", org.hamcrest.Matchers.nullValue()));
    }

    @Test
    void dashboardRunsNoticeAndProfilePagesRender() throws Exception {
        String dashboard = page("/monitoring/dashboard", "admin");
        assertThat(dashboard).contains("Open alerts").contains("Eliminated this year").contains("China");
        long cn = geo.countryUnit("CN").id();
        assertThat(page("/monitoring/dashboard?orgUnit=" + cn + "&lang=zh", "coordinator-cn")).contains("未处理预警").contains("广西");
        String runsPage = page("/monitoring/runs", "admin");
        assertThat(runsPage).contains("Run monitoring now").contains("Full screening").contains("household_code");
        mvc.perform(multipart("/monitoring/dept-files").file(new MockMultipartFile("file", "bad.csv", "text/csv",
                        "household_code,kind,amount,date\nX,NOPE,1,2020-01-01\n".getBytes(StandardCharsets.UTF_8)))
                        .param("country", "CN").with(csrf()).with(as("admin")))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("problem", org.hamcrest.Matchers.containsString("bad.csv was refused")));
        mvc.perform(post("/monitoring/runs").param("country", "KH").with(csrf()).with(as("coordinator-kh"))).andExpect(status().is3xxRedirection());
        long village = geo.unitByCode("CN-DEMO-GX-DAZHAI").orElseThrow().id();
        assertThat(page("/monitoring/notice?orgUnit=" + village, "officer-cn")).contains("Public notice").contains("no ID numbers");
        String profiles = page("/monitoring/profiles?code=VN", "admin");
        assertThat(profiles).contains("Decree 07/2021/ND-CP").contains("VN-POOR-R-2022").contains("Save as a new version");
        assertThat(page("/monitoring/profiles?code=CN&lang=zh", "officer-cn")).contains("防止返贫动态监测").doesNotContain("profile-form");
    }
}
