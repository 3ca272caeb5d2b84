package org.prosper.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.prosper.access.UserService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

@DatabaseTest
class KnowledgePagesTest {

    @Autowired MockMvc mvc;
    @Autowired UserService users;
    @Autowired JdbcClient db;

    private String page(org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder<?> request, String username, int status) throws Exception {
        if (username != null) request = request.with(user(users.loadUserByUsername(username)));
        return mvc.perform(request).andExpect(status().is(status)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private long expertId(String name) {
        return db.sql("select id from kn_expert where name = ?").param(name).query(Long.class).single();
    }

    @Test
    void theSearchPageWorksAnonymouslyWithFacetsHighlightsAndBothLanguages() throws Exception {
        String html = page(get("/knowledge").param("q", "ສະຫະກອນ ທຸກຍາກ"), null, 200);
        assertThat(html).contains("id=\"facets\"").contains("<mark>");
        String en = page(get("/knowledge").param("q", "poverty alleviation").param("lang", "en"), null, 200);
        assertThat(en).contains("Also searched in other languages through the glossary").contains("电子商务进村助力乡村振兴");
        String zh = page(get("/knowledge").param("q", "扶贫").param("lang", "zh").header("Cookie", "prosper-lang=zh"), null, 200);
        assertThat(zh).contains("知识与专家库").contains("已通过术语表");
        String filtered = page(get("/knowledge").param("country", "KH").param("type", "practice"), null, 200);
        assertThat(filtered).contains("ទឹកស្អាតសម្រាប់ភូមិ").doesNotContain("ເຂດຊົນນະບົດ");
    }

    @Test
    void partnersOnlyProfilesAreHiddenFromVisitorsAndViewersOnPages() throws Exception {
        long sokha = expertId("Sokha Chan");
        page(get("/knowledge/experts/" + sokha), null, 404);
        page(get("/knowledge/experts/" + sokha), "viewer", 404);
        assertThat(page(get("/knowledge/experts/" + sokha), "officer-kh", 200)).contains("Sokha Chan").contains("id=\"similar\"");
        assertThat(page(get("/knowledge/experts"), null, 200)).contains("Li Wen").doesNotContain("Sokha Chan");
        assertThat(page(get("/knowledge/experts"), "viewer", 200)).doesNotContain("Sokha Chan");
        assertThat(page(get("/knowledge/experts"), "admin", 200)).contains("Sokha Chan").contains("Pending Profile");
        // pages that change things need a login
        mvc.perform(get("/knowledge/practices/new")).andExpect(status().is3xxRedirection());
    }

    @Test
    void anExpertEditsTheirOwnProfileInThePageAndNoOneElses() throws Exception {
        long own = expertId("Wang Fang");
        long other = expertId("Siti Rahmawati");
        db.sql("update kn_expert set user_id = (select id from app_user where username = 'manager-la') where id = ?").param(own).update();
        int version = db.sql("select version from kn_expert where id = ?").param(own).query(Integer.class).single();
        assertThat(page(get("/knowledge/experts/" + own + "/edit"), "manager-la", 200)).contains("id=\"expert-form\"");
        mvc.perform(post("/knowledge/experts/" + own + "/edit").with(user(users.loadUserByUsername("expert"))).with(csrf())
                .param("name", "Wang Fang").param("availability", "AVAILABLE").param("visibility", "PUBLIC").param("consent", "true")
                .param("languages", "zh").param("fields", "rural-tourism").param("version", String.valueOf(version)))
                .andExpect(status().isForbidden());
        page(get("/knowledge/experts/" + other + "/edit"), "expert", 403);
        page(get("/knowledge/experts/" + other + "/edit"), "viewer", 403);
        mvc.perform(post("/knowledge/experts/" + own + "/edit").with(user(users.loadUserByUsername("admin"))).with(csrf())
                        .param("name", "Wang Fang").param("availability", "AVAILABLE").param("visibility", "PUBLIC").param("consent", "true")
                        .param("languages", "zh", "en", "th").param("fields", "rural-tourism").param("keywords", "乡村旅游, homestays, 民宿")
                        .param("version", String.valueOf(version)))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrlPattern("/knowledge/experts/*"));
        assertThat(db.sql("select keywords from kn_expert where id = ?").param(own).query(String.class).single()).contains("民宿");
        // the form shows what is wrong and keeps the input
        String bad = page(post("/knowledge/experts/" + own + "/edit").with(csrf()).param("name", "").param("availability", "SOMETIMES")
                .param("visibility", "PUBLIC"), "admin", 200);
        assertThat(bad).contains("Not saved. Please correct:", "Name: required",
                "Availability: &#39;SOMETIMES&#39; is not one of [AVAILABLE, LIMITED, UNAVAILABLE]");
        // in the reader's language, each field by the label the form shows
        String chinese = page(post("/knowledge/experts/" + own + "/edit").with(csrf()).param("lang", "zh").param("name", "")
                .param("availability", "AVAILABLE").param("visibility", "PUBLIC").param("regions", "XX"), "admin", 200);
        assertThat(chinese).contains("未保存，请更正：", "姓名：必填", "工作过的国家：“XX”不是平台上的国家").doesNotContain("is required", "is not a country");
    }

    @Test
    void uploadsThroughThePageAreRefusedWithTheReasonOrShown() throws Exception {
        String refused = page(multipart("/knowledge/documents/new").file(new MockMultipartFile("file", "scan.pdf", "application/pdf", "%PDF-1.4 broken".getBytes()))
                .with(csrf()).param("title", "Scan").param("language", "en").param("visibility", "PUBLIC"), "officer-kh", 200);
        assertThat(refused).contains("id=\"upload-problem\"").contains("&#39;scan.pdf&#39; is not a readable PDF");
        String location = mvc.perform(multipart("/knowledge/documents/new")
                        .file(new MockMultipartFile("file", "note.txt", "text/plain", "ការបណ្តុះបណ្តាលកសិករអំពីការដាំម្រេច".getBytes(StandardCharsets.UTF_8)))
                        .with(user(users.loadUserByUsername("officer-kh"))).with(csrf())
                        .param("title", "Training note").param("language", "km").param("country", "KH").param("visibility", "PUBLIC"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(page(get(location), null, 200)).contains("Training note").contains("note.txt");
        String written = mvc.perform(post("/knowledge/practices/new").with(user(users.loadUserByUsername("officer-kh"))).with(csrf())
                        .param("title", "Bamboo weaving group").param("language", "en").param("country", "KH").param("visibility", "PUBLIC")
                        .param("summary", "Women weave bamboo baskets for the provincial market.").param("themes", "gender"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(page(get(written), "viewer", 200)).contains("Bamboo weaving group").contains("Gender equality");
    }

    @Test
    void theMatchingPageExplainsTheRanking() throws Exception {
        String html = page(get("/knowledge/match").param("text", "organic rice cooperative").param("countries", "TH")
                .param("languages", "th").param("themes", "cooperatives"), "coordinator-kh", 200);
        assertThat(html).contains("Somchai Prasert").contains("Speaks Thai".isEmpty() ? "" : "Speaks th").contains("Has worked in TH");
        page(get("/knowledge/match").param("text", "x"), "viewer", 403);
    }
}
