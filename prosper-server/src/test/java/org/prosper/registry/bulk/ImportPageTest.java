package org.prosper.registry.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.prosper.registry.bulk.ImportFixtures.FULL_HEADER;
import static org.prosper.registry.bulk.ImportFixtures.household;
import static org.prosper.registry.bulk.ImportFixtures.households;
import static org.prosper.registry.bulk.ImportFixtures.prefix;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.prosper.access.UserService;
import org.prosper.registry.bulk.ImportFixtures.Csv;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

@DatabaseTest
class ImportPageTest {

    @Autowired MockMvc mvc;
    @Autowired JdbcClient db;
    @Autowired UserService users;
    /** The page of the last upload's job. */
    private String lastJob;

    private RequestPostProcessor as(String username) {
        return user(users.loadUserByUsername(username));
    }

    private MockHttpServletResponse page(String url, String user) throws Exception {
        return mvc.perform(get(url).with(as(user))).andReturn().getResponse();
    }

    /** Uploads through the page's form, then polls the status fragment as htmx does until the job is finished. */
    private String uploadAndWait(String user, Csv csv, String mode) throws Exception {
        MockHttpServletResponse posted = mvc.perform(multipart("/households/import")
                        .file(new MockMultipartFile("file", "households.csv", "text/csv", csv.bytes()))
                        .param("mode", mode).with(csrf()).with(as(user)))
                .andReturn().getResponse();
        assertThat(posted.getStatus()).isEqualTo(302);
        String location = posted.getRedirectedUrl();
        assertThat(location).startsWith("/households/import/");
        lastJob = location;
        String first = page(location, user).getContentAsString(StandardCharsets.UTF_8);
        assertThat(first).contains("id=\"import-status\"");
        String fragment = "";
        for (int i = 0; i < 600; i++) {
            fragment = page(location + "/status", user).getContentAsString(StandardCharsets.UTF_8);
            if (fragment.contains("data-state=\"SUCCEEDED\"") || fragment.contains("data-state=\"FAILED\"")) break;
            assertThat(fragment).contains("hx-get=\"" + location + "/status\"", "hx-trigger=\"every 1s\"");
            Thread.sleep(100);
        }
        assertThat(fragment).doesNotContain("hx-trigger");
        return fragment;
    }

    @Test
    void theImportPageUploadsFollowsTheJobAndShowsTheReport() throws Exception {
        String form = page("/households/import", "coordinator-kh").getContentAsString(StandardCharsets.UTF_8);
        assertThat(form).contains("id=\"import-form\"", "enctype=\"multipart/form-data\"", "name=\"_csrf\"", "household_code, village_code");

        String p = prefix("PAGE");
        Csv bad = household(new Csv(FULL_HEADER), p + "-1", "KH-PILOT-ANGCHORK", "Sok Dara", "Sok Vichet");
        bad.row("household_code", p + "-2", "village_code", "KH-PILOT-ANGCHORK", "registration_status", "POOR",
                "full_name", "Keo Mony", "sex", "F", "relation", "HEAD", "birth_date", "1990-02-30");
        String refused = uploadAndWait("coordinator-kh", bad, "all-or-nothing");
        assertThat(refused).contains("data-state=\"FAILED\"", "id=\"problem-table\"", "birth_date",
                "&#39;1990-02-30&#39; is not a date in the form YYYY-MM-DD", "Nothing was imported. Problems found: 1");
        assertThat(households(db, p)).isZero();
        // the same report read in Chinese: the summary and each problem in the reader's language, columns as in the file
        String reportZh = page(lastJob + "/status?lang=zh", "coordinator-kh").getContentAsString(StandardCharsets.UTF_8);
        assertThat(reportZh).contains("没有导入任何内容。发现的问题：1", "“1990-02-30”不是 YYYY-MM-DD 格式的日期", "birth_date");
        assertThat(reportZh).doesNotContain("is not a date in the form");

        String partial = uploadAndWait("coordinator-kh", bad, "valid-rows");
        assertThat(partial).contains("data-state=\"SUCCEEDED\"", "1 households with 2 persons imported; 1 households rejected",
                "id=\"rejected-download\"");
        assertThat(households(db, p)).isEqualTo(1);
        String link = partial.replaceAll("(?s).*id=\"rejected-download\" href=\"([^\"]+)\".*", "$1");
        MockHttpServletResponse rejected = page(link, "coordinator-kh");
        assertThat(rejected.getStatus()).isEqualTo(200);
        assertThat(rejected.getContentAsString(StandardCharsets.UTF_8)).contains("Keo Mony", "birth_date: '1990-02-30' is not a date");
        assertThat(page(link, "officer-kh").getStatus()).isEqualTo(404);

        String chinese = mvc.perform(get("/households/import?lang=zh").with(as("coordinator-kh")))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(chinese).contains("导入农户", "文件格式");
    }

    @Test
    void aRunningImportsProgressLineIsInTheReadersLanguage() throws Exception {
        String id = java.util.UUID.randomUUID().toString();
        db.sql("insert into job(id, kind, owner, state, done, total, message, message_key, message_args) values (?, 'household-import', 'officer-kh', 'RUNNING', 10, 100, ?, ?, ?)")
                .params(id, "1,200 households read, 0 written, 3 problems", "import.progress", "[\"1,200\",\"0\",\"3\"]").update();
        String zh = mvc.perform(get("/households/import/" + id + "/status").param("lang", "zh").with(as("officer-kh")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(zh).contains("已读取 1,200 户，已写入 0 户，发现问题 3 个").doesNotContain("households read");
        String en = mvc.perform(get("/households/import/" + id + "/status").with(as("officer-kh")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(en).contains("1,200 households read, 0 written, 3 problems");
        // a line without a key (a job of before) is shown as it was written
        db.sql("update job set message_key = null, message_args = null where id = ?").param(id).update();
        assertThat(mvc.perform(get("/households/import/" + id + "/status").param("lang", "zh").with(as("officer-kh")))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("1,200 households read, 0 written, 3 problems");
    }

    @Test
    void rolesThatMayNotImportGetNoPageAndAFormWithoutCsrfIsRefused() throws Exception {
        assertThat(page("/households/import", "enumerator-kh").getStatus()).isEqualTo(403);
        assertThat(page("/households/import", "viewer").getStatus()).isEqualTo(403);
        String p = prefix("CSRF");
        Csv csv = household(new Csv(FULL_HEADER), p + "-1", "KH-PILOT-ANGCHORK", "Sok Dara", "Sok Vichet");
        int status = mvc.perform(multipart("/households/import")
                        .file(new MockMultipartFile("file", "households.csv", "text/csv", csv.bytes()))
                        .with(as("coordinator-kh")))
                .andReturn().getResponse().getStatus();
        assertThat(status).isEqualTo(403);
        int enumerator = mvc.perform(multipart("/households/import")
                        .file(new MockMultipartFile("file", "households.csv", "text/csv", csv.bytes()))
                        .with(csrf()).with(as("enumerator-kh")))
                .andReturn().getResponse().getStatus();
        assertThat(enumerator).isEqualTo(403);
        assertThat(households(db, p)).isZero();
    }

    @Test
    void anEmptyUploadIsRefusedOnTheFormItself() throws Exception {
        MockHttpServletResponse response = mvc.perform(multipart("/households/import")
                        .file(new MockMultipartFile("file", "nothing.csv", "text/csv", new byte[0]))
                        .with(csrf()).with(as("coordinator-kh")))
                .andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString(StandardCharsets.UTF_8)).contains("id=\"import-error\"", "nothing.csv is empty");
    }

    @Test
    void aModeTheFormDoesNotOfferIsABadRequestAndImportsNothing() throws Exception {
        String p = prefix("PAGE-MODE");
        Csv valid = household(new Csv(FULL_HEADER), p + "-1", "KH-PILOT-ANGCHORK", "Sok Dara", "Sok Vichet");
        MockHttpServletResponse badMode = mvc.perform(multipart("/households/import")
                        .file(new MockMultipartFile("file", "households.csv", "text/csv", valid.bytes()))
                        .param("mode", "everything").with(csrf()).with(as("coordinator-kh")))
                .andReturn().getResponse();
        assertThat(badMode.getStatus()).isEqualTo(400);
        assertThat(badMode.getContentAsString(StandardCharsets.UTF_8)).contains("mode &#39;everything&#39; is not one of all-or-nothing, valid-rows");
        assertThat(households(db, p)).isZero();
    }

    @Test
    void theListPageOffersExportsThatDownloadWithTheSession() throws Exception {
        String list = page("/households?country=KH", "coordinator-kh").getContentAsString(StandardCharsets.UTF_8);
        assertThat(list).contains("id=\"export-csv\"", "href=\"/households/export?format=csv&amp;country=KH&amp;", "id=\"export-xlsx\"");
        MockHttpServletResponse csv = page("/households/export?format=csv&country=KH&status=POOR", "coordinator-kh");
        assertThat(csv.getStatus()).isEqualTo(200);
        String body = csv.getContentAsString(StandardCharsets.UTF_8);
        assertThat(body).startsWith("\uFEFF" + FULL_HEADER);
        assertThat(body.lines().skip(1).filter(l -> l.contains(",KH-")).allMatch(l -> l.contains(",POOR,"))).isTrue();
        MockHttpServletResponse template = page("/households/import/template.csv", "coordinator-kh");
        assertThat(template.getContentAsString(StandardCharsets.UTF_8)).isEqualTo("\uFEFF" + FULL_HEADER + "\r\n");
    }
}
