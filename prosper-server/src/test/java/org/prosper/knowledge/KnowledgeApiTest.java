package org.prosper.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@DatabaseTest
class KnowledgeApiTest {

    @Autowired MockMvc mvc;
    @Autowired JsonMapper json;
    @Autowired JdbcClient db;

    private JsonNode search(String query, String user) throws Exception {
        MockHttpServletRequestBuilder req = get("/api/v1/knowledge/search");
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            req = req.param(pair.substring(0, eq), pair.substring(eq + 1));
        }
        if (user != null) req = req.with(httpBasic(user, "demo"));
        return json.readTree(mvc.perform(req).andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    private static String q(String text) {
        return "q=" + text; // sent as a request parameter, unencoded
    }

    private long upload(String name, byte[] content, String title, String language, String country, String visibility) throws Exception {
        String body = mvc.perform(multipart("/api/v1/knowledge/documents")
                        .file(new MockMultipartFile("file", name, "application/octet-stream", content))
                        .param("title", title).param("language", language).param("country", country).param("visibility", visibility)
                        .with(httpBasic("coordinator-kh", "demo")))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return json.readTree(body).path("id").asLong();
    }

    private long uploadText(String text, String title, String language, String country) throws Exception {
        return upload(title.replaceAll("\\W", "_") + ".txt", text.getBytes(StandardCharsets.UTF_8), title, language, country, "public");
    }

    private static List<Long> ids(JsonNode result) {
        List<Long> ids = new ArrayList<>();
        for (JsonNode item : result.path("items")) ids.add(item.path("id").asLong());
        return ids;
    }

    @Test
    void anonymousSearchAnswersWithPublicItemsInTheContractShape() throws Exception {
        JsonNode r = search(q("cooperative") + "&facets=true", null);
        assertThat(r.path("total").asLong()).isPositive();
        JsonNode first = r.path("items").get(0);
        assertThat(first.has("id") && first.has("type") && first.has("title") && first.has("language")).isTrue();
        assertThat(r.path("facets").path("country").isArray()).isTrue();
        // the partner report and the administrators' draft stay hidden from anonymous callers
        assertThat(search(q("vocational training"), null).path("items").toString()).doesNotContain("partner report");
        assertThat(search(q("vocational training"), "coordinator-la").path("items").toString()).contains("partner report");
        assertThat(search(q("evaluation framework"), "manager").path("items").toString()).doesNotContain("Draft evaluation");
        assertThat(search(q("evaluation framework"), "admin").path("items").toString()).contains("Draft evaluation");
    }

    @Test
    void heldOutQueriesFindTheUploadedDocumentFirst() throws Exception {
        long th = uploadText("สหกรณ์ผู้ปลูกมะม่วงหิมพานต์ในหมู่บ้านรวมกันแปรรูปและขายเมล็ด", "Cashew cooperative TH", "th", "TH");
        long km = uploadText("កសិករដាំស្វាយចន្ទីនៅខេត្តកំពង់ធំ បានបង្កើតសហគមន៍", "Cashew KH", "km", "KH");
        long lo = uploadText("ການປູກກາເຟອາຣາບິກາຢູ່ພູພຽງບໍລະເວນ ຊ່ວຍຫຼຸດຜ່ອນຄວາມທຸກຍາກ", "Coffee LA", "lo", "LA");
        long zh = uploadText("猕猴桃种植合作社带动农户增收，产品通过电商销往全国。", "Kiwi CN", "zh", "CN");
        long vi = uploadText("Hợp tác xã chế biến hạt điều giúp nông dân tăng thu nhập.", "Cashew VN", "vi", "VN");
        long id = uploadText("Kelompok tani kemiri di desa mengolah minyak kemiri untuk dijual.", "Candlenut ID", "id", "ID");
        long myZawgyi = uploadText("ေကာ္ဖီ စိုက္ပ်ိဳးေရး ကေလးငယ္ ပညာေရး", "Coffee MM Zawgyi", "my", "MM");
        long myUnicode = uploadText("လက်ဖက် စိုက်ပျိုးသူ လယ်သမား", "Tea MM Unicode", "my", "MM");

        assertThat(ids(search(q("มะม่วงหิมพานต์") + "&lang=th", null))).first().isEqualTo(th);
        assertThat(ids(search(q("ស្វាយចន្ទី") + "&lang=km", null))).first().isEqualTo(km);
        assertThat(ids(search(q("ກາເຟ") + "&lang=lo", null))).first().isEqualTo(lo);
        assertThat(ids(search(q("猕猴桃") + "&lang=zh", null))).first().isEqualTo(zh);
        assertThat(ids(search(q("hạt điều") + "&lang=vi", null))).first().isEqualTo(vi);
        assertThat(ids(search(q("kemiri") + "&lang=id", null))).first().isEqualTo(id);
        // Unicode query finds the document typed in Zawgyi, a Zawgyi query the one typed in Unicode
        assertThat(ids(search(q("ကော်ဖီ") + "&lang=my", null))).first().isEqualTo(myZawgyi);
        assertThat(ids(search(q("လက္ဖက္") + "&lang=my", null))).first().isEqualTo(myUnicode);
        // a word inside a longer unsegmented run
        assertThat(ids(search(q("ອາຣາບິກາ"), null))).contains(lo);
        JsonNode hit = search(q("猕猴桃"), null).path("items").get(0);
        assertThat(hit.path("type").asString()).isEqualTo("document");
        assertThat(hit.path("language").asString()).isEqualTo("zh");
        assertThat(hit.path("highlight").asString()).contains("<mark>猕猴桃</mark>");
    }

    @Test
    void englishPovertyAlleviationFindsChineseAndThaiPracticesThroughTheGlossary() throws Exception {
        JsonNode r = search(q("poverty alleviation") + "&lang=en&size=100", null);
        List<String> languages = new ArrayList<>();
        for (JsonNode item : r.path("items")) languages.add(item.path("language").asString());
        assertThat(languages).contains("zh", "th", "en");
        assertThat(r.path("concepts").toString()).contains("poverty_reduction");
        assertThat(r.path("items").get(0).path("language").asString()).isEqualTo("en");
    }

    @Test
    void facetsAndFiltersNarrowTheResults() throws Exception {
        JsonNode all = search("q=&size=100&facets=true", "admin");
        assertThat(all.path("facets").path("type").toString()).contains("expert", "practice");
        JsonNode kh = search("q=&country=KH&type=practice&size=100", "admin");
        assertThat(kh.path("total").asLong()).isPositive();
        for (JsonNode item : kh.path("items")) {
            assertThat(item.path("country").asString()).isEqualTo("KH");
            assertThat(item.path("type").asString()).isEqualTo("practice");
        }
        JsonNode experts = search("q=&type=expert&size=100", null);
        for (JsonNode item : experts.path("items")) assertThat(item.path("type").asString()).isEqualTo("expert");
        mvc.perform(get("/api/v1/knowledge/search?q=x&type=village")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(Matchers.containsString("parameter 'type'")));
    }

    private long expertId(String name) {
        return db.sql("select id from kn_expert where name = ?").param(name).query(Long.class).single();
    }

    @Test
    void aPartnersOnlyExpertIsHiddenFromAnonymousAndOutsideUsers() throws Exception {
        long sokha = expertId("Sokha Chan");
        mvc.perform(get("/api/v1/knowledge/experts/" + sokha)).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/knowledge/experts/" + sokha).with(httpBasic("viewer", "demo"))).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/knowledge/experts/" + sokha).with(httpBasic("coordinator-la", "demo"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("Sokha Chan"));
        assertThat(search(q("Sokha Chan") + "&type=expert", null).path("items").toString()).doesNotContain("Sokha");
        assertThat(search(q("Sokha Chan") + "&type=expert", "viewer").path("items").toString()).doesNotContain("Sokha");
        assertThat(search(q("Sokha Chan") + "&type=expert", "enumerator-kh").path("items").toString()).contains("Sokha");
        String directory = mvc.perform(get("/api/v1/knowledge/experts")).andReturn().getResponse().getContentAsString();
        assertThat(directory).contains("Li Wen").doesNotContain("Sokha").doesNotContain("Pending Profile").doesNotContain("Ahmad Faizal");
        mvc.perform(get("/api/v1/knowledge/experts/" + expertId("Ahmad Faizal")).with(httpBasic("manager-la", "demo"))).andExpect(status().isOk());
        mvc.perform(get("/api/v1/knowledge/experts/" + expertId("Ahmad Faizal")).with(httpBasic("coordinator-la", "demo"))).andExpect(status().isNotFound());
    }

    @Test
    void anExpertWithoutALoginIsUpdatedAndStaysWithoutOne() throws Exception {
        String body = """
                {"name":"Vilay Keomany","affiliation":"Lao rural roads programme","country":"LA","languages":["lo","en"],
                 "fields":["rural-infrastructure"],"regions":["LA"],"availability":"AVAILABLE","consent":true,"visibility":"PARTNERS"%s}""";
        JsonNode created = json.readTree(mvc.perform(post("/api/v1/knowledge/experts").with(httpBasic("admin", "demo"))
                .contentType(MediaType.APPLICATION_JSON).content(body.formatted(""))).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString());
        assertThat(created.path("userId").isNull()).isTrue();
        long id = created.path("id").asLong();
        mvc.perform(put("/api/v1/knowledge/experts/" + id).with(httpBasic("admin", "demo")).contentType(MediaType.APPLICATION_JSON)
                        .content(body.formatted(",\"keywords\":\"feeder roads\",\"version\":" + created.path("version").asInt())))
                .andExpect(status().isOk()).andExpect(jsonPath("$.keywords").value("feeder roads"));
        assertThat(db.sql("select user_id from kn_expert where id = ?").param(id).query(Long.class).optional()).isEmpty();
    }

    @Test
    void anExpertEditsOnlyTheirOwnProfile() throws Exception {
        long own = expertId("Li Wen");
        JsonNode profile = json.readTree(mvc.perform(get("/api/v1/knowledge/experts/" + own).with(httpBasic("expert", "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        String draft = """
                {"name":"Li Wen","affiliation":"Rural Development Research Institute","country":"CN","languages":["zh","en","lo"],
                 "fields":["ecommerce","digital-economy"],"keywords":"village e-commerce, 直播带货","regions":["CN","LA","KH"],
                 "availability":"LIMITED","consent":true,"visibility":"public","version":%d}""".formatted(profile.path("version").asInt());
        mvc.perform(put("/api/v1/knowledge/experts/" + own).with(httpBasic("expert", "demo")).contentType(MediaType.APPLICATION_JSON).content(draft))
                .andExpect(status().isOk()).andExpect(jsonPath("$.availability").value("LIMITED"));
        assertThat(ids(search(q("直播带货") + "&type=expert", null))).first().isEqualTo(own);
        // someone else's profile: refused
        long other = expertId("Somchai Prasert");
        mvc.perform(put("/api/v1/knowledge/experts/" + other).with(httpBasic("expert", "demo")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Hacked\"}"))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.error").value(Matchers.containsString("only their own profile")));
        mvc.perform(put("/api/v1/knowledge/experts/" + other).with(httpBasic("viewer", "demo")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Hacked\"}")).andExpect(status().isForbidden());
        mvc.perform(put("/api/v1/knowledge/experts/" + other).contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"Hacked\"}"))
                .andExpect(status().isUnauthorized());
        mvc.perform(post("/api/v1/knowledge/experts").with(httpBasic("expert", "demo")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"New\"}")).andExpect(status().isForbidden());
        assertThat(db.sql("select name from kn_expert where id = ?").param(other).query(String.class).single()).isEqualTo("Somchai Prasert");
        // an invalid profile names the field
        mvc.perform(put("/api/v1/knowledge/experts/" + own).with(httpBasic("expert", "demo")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Li Wen\",\"languages\":[\"xx\"],\"fields\":[\"astrology\"]}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.problems[0].field").value("languages"))
                .andExpect(jsonPath("$.problems[1].field").value("fields"));
    }

    @Test
    void updatingAPracticeWithoutExpertsKeepsItsExpertLinks() throws Exception {
        long li = expertId("Li Wen"), ahmad = expertId("Ahmad Faizal");
        JsonNode created = json.readTree(mvc.perform(post("/api/v1/knowledge/practices").with(httpBasic("manager", "demo"))
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"title":"Village e-commerce hubs","summary":"Hubs sell village produce online","language":"en",
                                 "country":"CN","experts":[%d,%d]}""".formatted(li, ahmad)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
        long id = created.path("id").asLong();
        mvc.perform(put("/api/v1/knowledge/practices/" + id).with(httpBasic("manager", "demo")).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"title":"Village e-commerce hubs","summary":"Hubs sell produce of five villages online","language":"en",
                                 "country":"CN","version":%d}""".formatted(created.path("version").asInt())))
                .andExpect(status().isOk()).andExpect(jsonPath("$.summary").value("Hubs sell produce of five villages online"))
                .andExpect(jsonPath("$.experts").value(Matchers.containsInAnyOrder((int) li, (int) ahmad)));
        assertThat(db.sql("select expert_id from kn_practice_expert where practice_id = ? order by expert_id").param(id).query(Long.class).list())
                .containsExactlyInAnyOrder(li, ahmad);
        // an empty list still unlinks them all
        mvc.perform(put("/api/v1/knowledge/practices/" + id).with(httpBasic("manager", "demo")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"title\":\"Village e-commerce hubs\",\"language\":\"en\",\"experts\":[]}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.experts").isEmpty());
    }

    @Test
    void updatingAPracticeKeepsEveryFieldTheBodyLeavesOutAndClearsOnesSentEmpty() throws Exception {
        long li = expertId("Li Wen");
        JsonNode created = json.readTree(mvc.perform(post("/api/v1/knowledge/practices").with(httpBasic("manager", "demo"))
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"title":"Solar pumps for dry-season gardens","summary":"Pumps water two gardens","fullText":"Long account",
                                 "language":"en","country":"KH","villages":"Svay Ampear","themes":["water"],"sdgTargets":["1.2","2.3"],
                                 "year":2023,"source":"Field report","licence":"CC-BY-4.0","visibility":"partners","projectRef":"XM-P-1",
                                 "experts":[%d]}""".formatted(li)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
        long id = created.path("id").asLong();
        JsonNode kept = json.readTree(mvc.perform(put("/api/v1/knowledge/practices/" + id).with(httpBasic("manager", "demo"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"title\":\"Solar pumps for three gardens\"}"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(kept.path("title").asString()).isEqualTo("Solar pumps for three gardens");
        for (String field : List.of("summary", "fullText", "language", "country", "villages", "themes", "sdgTargets", "year", "source",
                "licence", "visibility", "projectRef", "experts")) {
            assertThat(kept.path(field)).as(field).isEqualTo(created.path(field));
        }
        JsonNode cleared = json.readTree(mvc.perform(put("/api/v1/knowledge/practices/" + id).with(httpBasic("manager", "demo"))
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"fullText":"","villages":"","themes":[],"sdgTargets":[],"year":null,"source":"","licence":"",
                                 "projectRef":"","experts":[]}"""))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(cleared.path("title").asString()).isEqualTo("Solar pumps for three gardens");
        assertThat(cleared.path("summary").asString()).isEqualTo("Pumps water two gardens");
        assertThat(cleared.path("fullText").asString()).isEmpty();
        assertThat(cleared.path("villages").asString()).isEmpty();
        assertThat(cleared.path("themes")).isEmpty();
        assertThat(cleared.path("sdgTargets")).isEmpty();
        assertThat(cleared.hasNonNull("year")).isFalse();
        assertThat(cleared.path("source").asString()).isEmpty();
        assertThat(cleared.path("licence").asString()).isEmpty();
        assertThat(cleared.hasNonNull("projectRef")).isFalse();
        assertThat(cleared.path("experts")).isEmpty();
    }

    private long practiceCount() {
        return db.sql("select count(*) from kn_practice").query(Long.class).single();
    }

    @Test
    void aCorruptPdfIsRefusedAndNothingIsStoredOrIndexed() throws Exception {
        long before = practiceCount();
        byte[] corrupt = "%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage zqxjkvbw".getBytes(StandardCharsets.US_ASCII);
        mvc.perform(multipart("/api/v1/knowledge/documents").file(new MockMultipartFile("file", "broken-zqxjkvbw.pdf", "application/pdf", corrupt))
                        .param("title", "Broken zqxjkvbw").param("language", "en").param("country", "KH").param("visibility", "public")
                        .with(httpBasic("coordinator-kh", "demo")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.error").value(Matchers.containsString("'broken-zqxjkvbw.pdf' is not a readable PDF")));
        assertThat(practiceCount()).isEqualTo(before);
        assertThat(search(q("zqxjkvbw"), "admin").path("total").asLong()).isZero();
        mvc.perform(multipart("/api/v1/knowledge/documents").file(new MockMultipartFile("file", "fake.pdf", "application/pdf", "hello".getBytes()))
                        .param("title", "Fake").param("language", "en").with(httpBasic("coordinator-kh", "demo")))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.error").value(Matchers.containsString("not a PDF")));
        mvc.perform(multipart("/api/v1/knowledge/documents").file(new MockMultipartFile("file", "x.docx", "application/octet-stream", "PK\3\4broken".getBytes()))
                        .param("title", "Broken docx").param("language", "en").with(httpBasic("coordinator-kh", "demo")))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.error").value(Matchers.containsString("'x.docx' is not a readable DOCX")));
        assertThat(practiceCount()).isEqualTo(before);
    }

    @Test
    void anOversizedUploadIsRefusedWithTheLimit() throws Exception {
        long before = practiceCount();
        byte[] big = new byte[20 * 1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) 'a');
        mvc.perform(multipart("/api/v1/knowledge/documents").file(new MockMultipartFile("file", "big.txt", "text/plain", big))
                        .param("title", "Too big").param("language", "en").with(httpBasic("coordinator-kh", "demo")))
                .andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.error").value(Matchers.containsString("'big.txt' is 20971521 bytes; a document may be at most 20971520 bytes")));
        assertThat(practiceCount()).isEqualTo(before);
    }

    @Test
    void badDescriptionsAndCallersAreRefused() throws Exception {
        long before = practiceCount();
        mvc.perform(multipart("/api/v1/knowledge/documents").file(new MockMultipartFile("file", "a.txt", "text/plain", "text".getBytes()))
                        .param("title", "").param("language", "klingon").param("country", "Atlantis").param("visibility", "secret")
                        .with(httpBasic("coordinator-kh", "demo")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.problems[*].field").value(Matchers.contains("title", "language", "country", "visibility")));
        mvc.perform(multipart("/api/v1/knowledge/documents").file(new MockMultipartFile("file", "a.txt", "text/plain", "text".getBytes()))
                .param("title", "x").param("language", "en")).andExpect(status().isUnauthorized());
        mvc.perform(multipart("/api/v1/knowledge/documents").file(new MockMultipartFile("file", "a.txt", "text/plain", "text".getBytes()))
                .param("title", "x").param("language", "en").with(httpBasic("viewer", "demo"))).andExpect(status().isForbidden());
        mvc.perform(multipart("/api/v1/knowledge/documents").file(new MockMultipartFile("file", "a.txt", "text/plain", new byte[] {(byte) 0xff, (byte) 0xfe, 0x41}))
                        .param("title", "x").param("language", "en").with(httpBasic("coordinator-kh", "demo")))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.error").value(Matchers.containsString("not UTF-8")));
        mvc.perform(multipart("/api/v1/knowledge/documents").file(new MockMultipartFile("file", "a.exe", "application/octet-stream", "MZ".getBytes()))
                        .param("title", "x").param("language", "en").with(httpBasic("coordinator-kh", "demo")))
                .andExpect(status().isUnsupportedMediaType());
        assertThat(practiceCount()).isEqualTo(before);
    }

    @Test
    void pdfAndDocxTextIsExtractedAndSearchable() throws Exception {
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
                s.beginText();
                s.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                s.newLineAtOffset(72, 700);
                s.showText("Seaweed farming cooperatives reduce poverty on small islands");
                s.endText();
            }
            doc.save(pdf);
        }
        long pdfId = upload("seaweed.pdf", pdf.toByteArray(), "Seaweed farming", "en", "PH", "partners");
        ByteArrayOutputStream docx = new ByteArrayOutputStream();
        try (XWPFDocument doc = new XWPFDocument()) {
            doc.createParagraph().createRun().setText("Pengolahan rumput laut oleh koperasi nelayan");
            doc.write(docx);
        }
        long docxId = upload("rumput.docx", docx.toByteArray(), "Rumput laut", "id", "Indonesia", "public");
        assertThat(ids(search(q("seaweed"), "coordinator-kh"))).first().isEqualTo(pdfId);
        assertThat(ids(search(q("seaweed"), null))).doesNotContain(pdfId);
        assertThat(ids(search(q("rumput laut"), null))).first().isEqualTo(docxId);
        mvc.perform(get("/api/v1/knowledge/documents/" + docxId)).andExpect(status().isOk())
                .andExpect(jsonPath("$.country").value("ID")).andExpect(jsonPath("$.file.name").value("rumput.docx"));
        mvc.perform(get("/api/v1/knowledge/documents/" + pdfId)).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/knowledge/documents/" + pdfId + "/file").with(httpBasic("manager", "demo"))).andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().contentType("application/pdf"));
        assertThat(search(q("seaweed"), "coordinator-kh").path("items").get(0).path("highlight").asString()).contains("<mark>Seaweed</mark>");
        JsonNode similar = json.readTree(mvc.perform(get("/api/v1/knowledge/documents/" + docxId + "/similar")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
        assertThat(similar.isArray()).isTrue();
    }

    @Test
    void matchingRanksExpertsAndSaysWhy() throws Exception {
        String need = """
                {"text":"village water supply and sanitation","countries":["KH"],"languages":["km"],"themes":["water","sanitation"],"size":5}""";
        JsonNode r = json.readTree(mvc.perform(post("/api/v1/knowledge/match").with(httpBasic("manager", "demo"))
                .contentType(MediaType.APPLICATION_JSON).content(need)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        JsonNode first = r.path("items").get(0);
        assertThat(first.path("name").asString()).isEqualTo("Sokha Chan");
        List<String> codes = new ArrayList<>();
        for (JsonNode reason : first.path("reasons")) codes.add(reason.path("code").asString());
        assertThat(codes).contains("text", "themes", "languages", "regions", "available");
        assertThat(first.path("score").asDouble()).isGreaterThan(r.path("items").get(1).path("score").asDouble());
        // an outside user may not run matching, and partner-only experts never reach them
        mvc.perform(post("/api/v1/knowledge/match").with(httpBasic("viewer", "demo")).contentType(MediaType.APPLICATION_JSON).content(need))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/knowledge/match").with(httpBasic("manager", "demo")).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error").value(Matchers.containsString("describe the need")));
    }

    @Test
    void aNeedDescribedAtLengthIsMatchedByItsFirstWordsAndASearchWithTooManyWordsIsRefused() throws Exception {
        StringBuilder words = new StringBuilder("village water supply and sanitation");
        for (int i = 0; i < 400; i++) words.append(" wells").append(i);
        String need = "{\"text\":\"" + words + "\",\"countries\":[\"KH\"],\"themes\":[\"water\",\"sanitation\"],\"size\":5}";
        JsonNode r = json.readTree(mvc.perform(post("/api/v1/knowledge/match").with(httpBasic("manager", "demo"))
                .contentType(MediaType.APPLICATION_JSON).content(need)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(r.path("items").get(0).path("name").asString()).isEqualTo("Sokha Chan");

        StringBuilder q = new StringBuilder();
        for (int i = 0; i < 180; i++) q.append(i == 0 ? "" : " ").append("k").append(i);
        assertThat(q.length()).isLessThan(1000);
        mvc.perform(get("/api/v1/knowledge/search").param("q", q.toString()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value("the search text has more different words than one search can weigh: use fewer words"));
    }
}
