package org.prosper.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.prosper.access.Actor;
import org.prosper.access.UserService;
import org.prosper.geo.GeoService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A NUL character (U+0000) in what a user sends is refused with where it is, on both databases alike, and nothing is
 * written: PostgreSQL cannot store one, and used to fail the request with a bare 500 after accepting it.
 */
@DatabaseTest
class UnstorableTextTest {

    @Autowired MockMvc mvc;
    @Autowired JsonMapper json;
    @Autowired JdbcClient db;
    @Autowired UserService users;
    @Autowired GeoService geo;

    private long count(String table) {
        return db.sql("select count(*) from " + table).query(Long.class).single();
    }

    @Test
    void aJsonBodyIsRefusedWithEveryFieldThatHoldsANul() throws Exception {
        long before = count("kn_practice");
        String body = """
                {"title": "Village\\u0000 savings groups", "summary": "s", "fullText": "Groups of twenty households save together.",
                 "language": "en", "country": "KH", "themes": ["microfinance", "cooper\\u0000atives"], "visibility": "PUBLIC"}
                """;
        JsonNode error = json.readTree(mvc.perform(post("/api/v1/knowledge/practices").with(httpBasic("admin", "demo"))
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
        assertThat(error.path("error").asString()).isEqualTo("fields 'title', 'themes[1]' each contain a NUL character (U+0000), "
                + "which no text can hold: remove it");
        List<String> fields = new ArrayList<>();
        for (JsonNode p : error.path("problems")) fields.add(p.path("field").asString());
        assertThat(fields).containsExactly("title", "themes[1]");
        assertThat(count("kn_practice")).isEqualTo(before);

        // the same body without the NULs is taken: the check refuses only what it says
        mvc.perform(post("/api/v1/knowledge/practices").with(httpBasic("admin", "demo")).contentType(MediaType.APPLICATION_JSON)
                        .content(body.replace("\\u0000", "")))
                .andExpect(status().isCreated());
        assertThat(count("kn_practice")).isEqualTo(before + 1);
    }

    @Test
    void queryAndMultipartParametersAreRefusedByName() throws Exception {
        mvc.perform(get("/api/v1/households").param("q", "Sok\0").with(httpBasic("admin", "demo")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.error")
                        .value("parameter 'q' contains a NUL character (U+0000), which no text can hold: remove it"));

        long datasets = count("outcome_dataset");
        String csv = "household_code,village_code,round,variable,value\nKH-1,KH-PILOT-SVAYAMPEAR,BASELINE,income_pc,10\n";
        mvc.perform(multipart("/api/v1/outcome-datasets").file(new MockMultipartFile("file", "t.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
                        .param("code", "NUL-TEST").param("name", "Base\0line").with(httpBasic("admin", "demo")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.problems[0].field").value("name"));
        assertThat(count("outcome_dataset")).isEqualTo(datasets);
    }

    @Test
    void aPageAnswersWithAProblemPageInTheUsersLanguage() throws Exception {
        String page = mvc.perform(get("/households").param("q", "a\0b").param("lang", "zh").with(user(users.loadUserByUsername("admin"))))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("NUL 字符", "parameter &#39;q&#39;");

        long before = count("household");
        mvc.perform(post("/households").param("orgUnitId", String.valueOf(geo.unitByCode("KH-PILOT-SVAYAMPEAR").orElseThrow().id()))
                        .param("registrationStatus", "POOR").param("address", "Road\0 1").with(csrf()).with(user(users.loadUserByUsername("admin"))))
                .andExpect(status().isUnprocessableContent());
        assertThat(count("household")).isEqualTo(before);
    }

    @Test
    void fileReadersNameTheRowAndColumnAndWriteNothing() throws Exception {
        Actor admin = Actor.system();
        long units = geo.unitCount();
        var report = geo.importUnits(admin, new StringReader("code,parent_code,name_en\nNUL-A,KH,Alpha\nNUL-B,KH,Be\0ta\n"), "units.csv");
        assertThat(report.imported()).isZero();
        assertThat(report.problems()).containsExactly("units.csv line 3, column name_en: contains a NUL character (U+0000), which no text can hold");
        assertThat(geo.unitCount()).isEqualTo(units);

        long records = count("monitoring_dept_record");
        String dept = "household_code,kind,amount,date\nKH\0-1,MEDICAL_OOP,100," + LocalDate.now().minusDays(1) + "\n";
        mvc.perform(multipart("/api/v1/monitoring/dept-files").file(new MockMultipartFile("file", "hospital.csv", "text/csv",
                                dept.getBytes(StandardCharsets.UTF_8))).param("country", "KH").with(httpBasic("admin", "demo")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.problems[0].row").value(2))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.problems[0].field").value("household_code"));
        assertThat(count("monitoring_dept_record")).isEqualTo(records);

        long datasets = count("outcome_dataset");
        String outcomes = "household_code,village_code,round,variable,value\nKH-1,KH-PILOT-SVAYAMPEAR,BASELINE,income_pc,10\n"
                + "KH-2,KH-PILOT-SVAY\0AMPEAR,BASELINE,income_pc,12\n";
        String refused = mvc.perform(multipart("/api/v1/outcome-datasets").file(new MockMultipartFile("file", "t.csv", "text/csv",
                                outcomes.getBytes(StandardCharsets.UTF_8))).param("code", "NUL-TEST").param("name", "test").with(httpBasic("admin", "demo")))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(refused).contains("t.csv row 3, column village_code: contains a NUL character");
        assertThat(count("outcome_dataset")).isEqualTo(datasets);
    }
}
