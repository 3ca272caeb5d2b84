package org.prosper.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.prosper.access.UserService;
import org.prosper.geo.GeoService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The analysis page: form, result fragment with table, chart and map holders, problems, the job path, downloads. */
@DatabaseTest
@TestPropertySource(properties = "prosper.analysis.job-threshold=1000")
class AnalysisPageTest {

    @Autowired MockMvc mvc;
    @Autowired UserService users;
    @Autowired GeoService geo;

    private RequestPostProcessor as(String username) {
        return user(users.loadUserByUsername(username));
    }

    private String page(String url, String username) throws Exception {
        return mvc.perform(get(url).with(as(username))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private String run(String username, String... params) throws Exception {
        var request = post("/analysis/run").with(csrf()).with(as(username));
        for (int i = 0; i < params.length; i += 2) request.param(params[i], params[i + 1]);
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void theFormOffersUnitsInScopeLinesAndSpecsInEnglishAndChinese() throws Exception {
        String html = page("/analysis", "officer-kh");
        assertThat(html).contains("id=\"analysis-form\"", "href=\"/analysis\"", "KH-DEMO-L3-KOKIR", "EXTREME_2021", "registry-mpi",
                "/webjars/echarts/5.1.2/echarts.min.js", "/js/analysis.js");
        assertThat(html).doesNotContain("CN-DEMO-L3-LONGLIN");
        String zh = page("/analysis?lang=zh", "viewer");
        assertThat(zh).contains("贫困分析", "国际贫困线");
        mvc.perform(get("/analysis").with(as("expert"))).andExpect(status().isForbidden());
    }

    @Test
    void aSmallScopeAnswersWithTableChartMapAndDownloads() throws Exception {
        long kokir = geo.unitByCode("KH-DEMO-L3-KOKIR").orElseThrow().id();
        String html = run("coordinator-kh", "orgUnitId", String.valueOf(kokir), "measureKind", "monetary", "lineKind", "international",
                "lineId", "EXTREME_2021", "welfareUnit", "per_capita");
        assertThat(html).contains("id=\"analysis-table\"", "id=\"analysis-chart\"", "id=\"analysis-map\"", "id=\"analysis-data\"",
                "Svay Ampear", "Ang Chork", "Prek Tameak", "Headcount ratio", "data-url=\"/geo/" + kokir + "/boundaries\"", "PPP");
        assertThat(html).containsPattern("id=\"analysis-total\"[\\s\\S]*?<span>\\d+\\.\\d%</span>\\s*<small class=\"muted\">± \\d+\\.\\d</small>");
        Matcher id = Pattern.compile("/analysis/([0-9a-f-]{36})/result.csv").matcher(html);
        assertThat(id.find()).isTrue();
        String csv = page("/analysis/" + id.group(1) + "/result.csv", "coordinator-kh");
        assertThat(csv).contains("KH-PILOT-SVAYAMPEAR", "total");
        assertThat(page("/analysis/" + id.group(1), "coordinator-kh")).contains("id=\"analysis-result\"", "Svay Ampear");

        String mpi = run("coordinator-kh", "orgUnitId", String.valueOf(kokir), "measureKind", "mpi", "mpiSpec", "registry-mpi");
        assertThat(mpi).contains("id=\"analysis-indicators\"", "MPI (M0)", "school_attendance");
    }

    @Test
    void problemsAreShownNotSwallowed() throws Exception {
        long china = geo.countryUnit("CN").id();
        String outside = run("officer-kh", "orgUnitId", String.valueOf(china), "lineKind", "relative");
        assertThat(outside).contains("id=\"analysis-problems\"", "outside the org units");
        long kokir = geo.unitByCode("KH-DEMO-L3-KOKIR").orElseThrow().id();
        String spec = run("officer-kh", "orgUnitId", String.valueOf(kokir), "measureKind", "mpi", "mpiSpec", "global-mpi");
        assertThat(spec).contains("id=\"analysis-problems\"", "mpiSpec", "d_nutr");
    }

    @Test
    void aLargeScopeIsFollowedUntilItsResultIsShown() throws Exception {
        long china = geo.countryUnit("CN").id();
        String html = run("coordinator-cn", "orgUnitId", String.valueOf(china), "lineKind", "national", "area", "RURAL");
        Matcher id = Pattern.compile("/analysis/([0-9a-f-]{36})/status").matcher(html);
        assertThat(html).contains("id=\"analysis-job\"");
        assertThat(id.find()).isTrue();
        String status = html;
        for (int i = 0; i < 600 && !status.contains("id=\"analysis-result\"") && !status.contains("analysis-problems"); i++) {
            Thread.sleep(200);
            status = page("/analysis/" + id.group(1) + "/status", "coordinator-cn");
        }
        assertThat(status).contains("id=\"analysis-result\"", "Guangxi", "CNY");
    }
}
