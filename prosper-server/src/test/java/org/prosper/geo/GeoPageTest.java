package org.prosper.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.prosper.access.Actor;
import org.prosper.access.AuditLog;
import org.prosper.access.UserService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

@DatabaseTest
class GeoPageTest {

    /** A Cambodian province that the country coordinator of Cambodia reaches and the officer of Kien Svay does not edit. */
    private static final String PROVINCE = "KHM-1786";

    @Autowired MockMvc mvc;
    @Autowired UserService users;
    @Autowired GeoService geo;
    @Autowired BoundaryService boundaries;
    @Autowired org.springframework.transaction.PlatformTransactionManager transactions;
    @Autowired javax.sql.DataSource dataSource;
    @Autowired AuditLog audit;

    private RequestPostProcessor as(String username) {
        return user(users.loadUserByUsername(username));
    }

    private static String prefix() {
        return "GP" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    }

    private OrgUnit district(String code, String name) {
        return geo.create(Actor.system(), new GeoService.NewUnit(code, PROVINCE, name, null, null, null, null));
    }

    @Test
    void countriesAreListedInEnglishAndLocalScriptWithTheirAdminLevels() throws Exception {
        mvc.perform(get("/geo").with(as("viewer")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Cambodia")))
                .andExpect(content().string(containsString("កម្ពុជា")))
                .andExpect(content().string(containsString("中国")))
                .andExpect(content().string(containsString("Commune")))
                .andExpect(content().string(not(containsString("id=\"import-units\""))));
        long cambodia = geo.countryUnit("KH").id();
        mvc.perform(get("/geo/" + cambodia).with(as("viewer")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Province")))
                .andExpect(content().string(containsString("ខេត្ត")))
                .andExpect(content().string(containsString("/geo/" + geo.unitByCode(PROVINCE).orElseThrow().id())))
                .andExpect(content().string(not(containsString("id=\"edit-geo\""))));
        mvc.perform(get("/geo/" + cambodia).with(as("viewer")).cookie(new Cookie("prosper-lang", "zh")))
                .andExpect(content().string(containsString("行政区划")));
    }

    @Test
    void aRetiredUnitShowsAsRetiredWithItsHistoryAndSuccessor() throws Exception {
        String p = prefix();
        OrgUnit kept = district(p + "-KEPT", "Kept district " + p);
        OrgUnit gone = district(p + "-GONE", "Gone district " + p);
        geo.merge(Actor.system(), List.of(gone.id()), kept.id(), null, "test merge " + p);
        mvc.perform(get("/geo/" + gone.id()).with(as("viewer")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"retired-note\"")))
                .andExpect(content().string(containsString("Merged")))
                .andExpect(content().string(containsString("test merge " + p)))
                .andExpect(content().string(containsString("Kept district " + p + " (" + p + "-KEPT)")));
        mvc.perform(get("/geo/" + geo.unitByCode(PROVINCE).orElseThrow().id()).with(as("viewer")))
                .andExpect(content().string(containsString("Gone district " + p)))
                .andExpect(content().string(containsString("class=\"retired\"")));
    }

    @Test
    void aBadCsvShowsLineAndColumnAndWritesNothing() throws Exception {
        String p = prefix();
        String csv = """
                code,parent_code,name_en,name_local,latitude,longitude
                %s-1,%s,Good district,,,
                %s-2,NOPE-%s,Orphan,,,
                %s-3,%s,Bad latitude,,north,105
                """.formatted(p, PROVINCE, p, p, p, PROVINCE);
        long before = geo.unitCount();
        mvc.perform(multipart("/geo/import").file(csvFile("units.csv", csv)).with(csrf()).with(as("coordinator-kh")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("The file was not imported")))
                .andExpect(content().string(containsString("units.csv line 3, column parent_code: no org unit with code NOPE-" + p)))
                .andExpect(content().string(containsString("units.csv line 4, column latitude: &#39;north&#39; is not a number")));
        assertThat(geo.unitCount()).isEqualTo(before);
        assertThat(geo.unitByCode(p + "-1")).isEmpty();
        // in the reader's language, the lines and columns as the file has them
        mvc.perform(multipart("/geo/import").file(csvFile("units.csv", csv)).param("lang", "zh").with(csrf()).with(as("coordinator-kh")))
                .andExpect(content().string(containsString("units.csv 第 3 行，parent_code 列：没有代码为 NOPE-" + p + " 的组织单位（上级单位必须已存在或在文件中更早出现）")))
                .andExpect(content().string(containsString("units.csv 第 4 行，latitude 列：“north”不是数字")));
        mvc.perform(multipart("/geo/import").file(csvFile("units.csv", "code,name_en\nX,Y\n")).param("lang", "zh").with(csrf()).with(as("coordinator-kh")))
                .andExpect(content().string(containsString("units.csv：缺少列“parent_code”")));
        assertThat(geo.unitCount()).isEqualTo(before);
        // switching the language on the report page (a GET of the form's URL) leads back to the list
        mvc.perform(get("/geo/import").param("lang", "zh").with(as("coordinator-kh"))).andExpect(redirectedUrl("/geo"));
    }

    @Test
    void aGoodCsvIsImportedAndReported() throws Exception {
        String p = prefix();
        String csv = "code,parent_code,name_en,name_local\n%s-D,%s,District %s,ស្រុក\n%s-C,%s-D,Commune %s,\n"
                .formatted(p, PROVINCE, p, p, p, p);
        mvc.perform(multipart("/geo/import").file(csvFile("good.csv", csv)).with(csrf()).with(as("coordinator-kh")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("2 units imported.")));
        assertThat(geo.unitByCode(p + "-C")).get().extracting(OrgUnit::depth).isEqualTo(3);
    }

    @Test
    void rolesWithoutEditGeographyAreRefusedAndNothingIsWritten() throws Exception {
        String p = prefix();
        String csv = "code,parent_code,name_en\n%s-1,%s,Officer's district\n".formatted(p, PROVINCE);
        mvc.perform(multipart("/geo/import").file(csvFile("units.csv", csv)).with(csrf()).with(as("officer-kh")))
                .andExpect(status().isForbidden())
                .andExpect(content().string(containsString("may not edit geography")));
        long province = geo.unitByCode(PROVINCE).orElseThrow().id();
        mvc.perform(post("/geo/" + province + "/children").with(csrf()).with(as("viewer"))
                        .param("code", p + "-2").param("nameEn", "Viewer's district"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/geo/" + province + "/move").with(csrf()).with(as("enumerator-kh")).param("parentCode", "KH"))
                .andExpect(status().isForbidden());
        assertThat(geo.unitByCode(p + "-1")).isEmpty();
        assertThat(geo.unitByCode(p + "-2")).isEmpty();
        // a coordinator of another country reaches neither the file's parent nor the unit
        mvc.perform(post("/geo/" + province + "/children").with(csrf()).with(as("coordinator-cn"))
                        .param("code", p + "-3").param("nameEn", "Across the border"))
                .andExpect(status().isForbidden());
        assertThat(geo.unitByCode(p + "-3")).isEmpty();
    }

    @Test
    void postFormsRequireTheCsrfToken() throws Exception {
        String p = prefix();
        long province = geo.unitByCode(PROVINCE).orElseThrow().id();
        mvc.perform(post("/geo/" + province + "/children").with(as("coordinator-kh")).param("code", p).param("nameEn", "No token"))
                .andExpect(status().isForbidden());
        mvc.perform(multipart("/geo/import").file(csvFile("u.csv", "code,parent_code,name_en\n%s-9,%s,X\n".formatted(p, PROVINCE)))
                        .with(as("coordinator-kh")))
                .andExpect(status().isForbidden());
        assertThat(geo.unitByCode(p)).isEmpty();
        assertThat(geo.unitByCode(p + "-9")).isEmpty();
    }

    @Test
    void createMoveMergeAndSplitThroughTheForms() throws Exception {
        String p = prefix();
        long province = geo.unitByCode(PROVINCE).orElseThrow().id();
        mvc.perform(post("/geo/" + province + "/children").with(csrf()).with(as("coordinator-kh"))
                        .param("code", p + "-A").param("nameEn", "District A").param("nameLocal", "ស្រុក A"))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("noticeKey", "geo.created"));
        OrgUnit a = geo.unitByCode(p + "-A").orElseThrow();
        assertThat(a.parentId()).isEqualTo(province);
        OrgUnit b = district(p + "-B", "District B");
        OrgUnit commune = geo.create(Actor.system(), new GeoService.NewUnit(p + "-C", a.code(), "Commune C", null, null, null, null));

        mvc.perform(post("/geo/" + commune.id() + "/move").with(csrf()).with(as("coordinator-kh"))
                        .param("parentCode", b.code()).param("effective", "2025-07-01").param("reason", "boundary survey"))
                .andExpect(redirectedUrl("/geo/" + commune.id()));
        assertThat(geo.unit(commune.id()).parentId()).isEqualTo(b.id());

        mvc.perform(post("/geo/" + commune.id() + "/move").with(csrf()).with(as("coordinator-kh")).param("parentCode", "NO-" + p))
                .andExpect(redirectedUrl("/geo/" + commune.id()))
                .andExpect(flash().attribute("problem", "Code of the new parent: no org unit with code NO-" + p))
                .andExpect(flash().attribute("problemForm", "move"));
        // in the reader's language, the field by the form's label
        mvc.perform(post("/geo/" + commune.id() + "/move").with(csrf()).with(as("coordinator-kh")).param("parentCode", "NO-" + p).param("lang", "zh"))
                .andExpect(flash().attribute("problem", "新上级单位代码：没有代码为 NO-" + p + " 的组织单位"));
        mvc.perform(post("/geo/" + commune.id() + "/move").with(csrf()).with(as("coordinator-kh")).param("parentCode", commune.code()).param("lang", "zh"))
                .andExpect(flash().attribute("problem", "单位不能移到它自己或其下级单位之下"));

        mvc.perform(post("/geo/" + a.id() + "/merge").with(csrf()).with(as("coordinator-kh")).param("targetCode", b.code()))
                .andExpect(redirectedUrl("/geo/" + b.id()));
        assertThat(geo.unit(a.id()).active()).isFalse();
        assertThat(geo.successors(a.id())).extracting(OrgUnit::id).containsExactly(b.id());

        mvc.perform(post("/geo/" + b.id() + "/split").with(csrf()).with(as("coordinator-kh"))
                        .param("parts", p + "-N, North " + p + "\n" + p + "-S, South " + p + ", ភាគខាងត្បូង\n")
                        .param("assignment", commune.code() + " = " + p + "-S"))
                .andExpect(redirectedUrl("/geo/" + province));
        assertThat(geo.unit(b.id()).active()).isFalse();
        OrgUnit south = geo.unitByCode(p + "-S").orElseThrow();
        assertThat(south.nameLocal()).isEqualTo("ភាគខាងត្បូង");
        assertThat(geo.unit(commune.id()).parentId()).isEqualTo(south.id());
        assertThat(audit.search(Actor.system(), new AuditLog.AuditQuery("coordinator-kh", "SPLIT", "org_unit", b.code(), 0, 5)).total())
                .isEqualTo(1);

        mvc.perform(post("/geo/" + south.id() + "/split").with(csrf()).with(as("coordinator-kh")).param("parts", "only-one-field"))
                .andExpect(flash().attribute("problem", "New units, line 1: expected \"code, English name[, local name]\", got \"only-one-field\""));
        assertThat(geo.unit(south.id()).active()).isTrue();
    }

    @Test
    void boundariesAreReplacedAndUnmatchedFeaturesReported() throws Exception {
        String p = prefix();
        OrgUnit d = district(p + "-BD", "Bounded district");
        String geojson = """
                {"type": "FeatureCollection", "features": [
                  {"type": "Feature", "properties": {"code": "%s"},
                   "geometry": {"type": "Polygon", "coordinates": [[[104.9, 11.5], [105.0, 11.5], [105.0, 11.6], [104.9, 11.5]]]}},
                  {"type": "Feature", "properties": {"code": "NOWHERE-%s"},
                   "geometry": {"type": "Polygon", "coordinates": [[[1, 1], [2, 1], [2, 2], [1, 1]]]}}
                ]}""".formatted(d.code(), p);
        mvc.perform(multipart("/geo/boundaries").file(new MockMultipartFile("file", "official.geojson", "application/geo+json",
                                geojson.getBytes(StandardCharsets.UTF_8)))
                        .param("codeProperty", "code").param("source", "Official " + p).with(csrf()).with(as("coordinator-kh")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Boundaries replaced: 1.")))
                .andExpect(content().string(containsString("feature 2: no org unit with code = &#39;NOWHERE-" + p + "&#39;")));
        assertThat(boundaries.current(d.id())).get().asString().contains("104.9");

        mvc.perform(multipart("/geo/boundaries").file(new MockMultipartFile("file", "broken.geojson", "application/geo+json",
                                "{not json".getBytes(StandardCharsets.UTF_8)))
                        .with(csrf()).with(as("coordinator-kh")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("broken.geojson: not valid JSON")));

        // features are read one at a time; a file that breaks after a good feature writes nothing, and the collection's
        // type may come after its features
        String truncated = """
                {"features": [{"type": "Feature", "properties": {"code": "%s"},
                   "geometry": {"type": "Polygon", "coordinates": [[[106.1, 11.5], [106.2, 11.5], [106.2, 11.6], [106.1, 11.5]]]}},
                  {"type": "Feature", "properties": {"code": \"""".formatted(d.code());
        mvc.perform(multipart("/geo/boundaries").file(new MockMultipartFile("file", "cut.geojson", "application/geo+json",
                                truncated.getBytes(StandardCharsets.UTF_8)))
                        .param("codeProperty", "code").with(csrf()).with(as("coordinator-kh")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("cut.geojson: not valid JSON")));
        assertThat(boundaries.current(d.id())).get().asString().contains("104.9").doesNotContain("106.1");
        String typeLast = truncated.replace("{\"features\"", "{\"name\": \"x\", \"features\"").replaceAll(",\\s*\\{\"type\": \"Feature\", \"properties\": \\{\"code\": \"$", "")
                + "], \"type\": \"FeatureCollection\"}";
        mvc.perform(multipart("/geo/boundaries").file(new MockMultipartFile("file", "last.geojson", "application/geo+json",
                                typeLast.getBytes(StandardCharsets.UTF_8)))
                        .param("codeProperty", "code").param("source", "Type last " + p).with(csrf()).with(as("coordinator-kh")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Boundaries replaced: 1.")));
        assertThat(boundaries.current(d.id())).get().asString().contains("106.1");
        String notCollection = typeLast.replace("\"FeatureCollection\"", "\"GeometryCollection\"");
        mvc.perform(multipart("/geo/boundaries").file(new MockMultipartFile("file", "geom.geojson", "application/geo+json",
                                notCollection.getBytes(StandardCharsets.UTF_8)))
                        .param("codeProperty", "code").with(csrf()).with(as("coordinator-kh")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("geom.geojson: expected a GeoJSON FeatureCollection")));

        mvc.perform(get("/geo/" + geo.unitByCode(PROVINCE).orElseThrow().id() + "/boundaries").with(as("viewer")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("\"code\":\"" + d.code() + "\"")));
    }

    private static MockMultipartFile csvFile(String name, String text) {
        return new MockMultipartFile("file", name, "text/csv", text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A unit added on the page while another save holds its parent (as an import holds the villages it writes to): on
     * PostgreSQL the holds are shared and the unit is added; on H2, which has none, the page waits up to the lock timeout
     * and then says to try again in a moment (503), with nothing saved, instead of a server error.
     */
    @Test
    void aUnitAddedWhileAnotherSaveHoldsItsParentIsAddedOrToldToTryAgain() throws Exception {
        String p = "GB" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        OrgUnit township = geo.create(Actor.system(), new GeoService.NewUnit(p + "-T", "CN-DEMO-L3-LONGLIN", "Township " + p, null, null, null, null));
        InProgress saving = InProgress.hold(transactions, geo, township, java.time.Duration.ofMillis(3_000)).start();

        var response = mvc.perform(post("/geo/" + township.id() + "/children").with(csrf()).with(user(users.loadUserByUsername("admin")))
                .param("code", p + "-V").param("nameEn", "Village " + p)).andReturn().getResponse();
        saving.join();

        if (org.prosper.platform.EmbeddedDatabase.isH2(dataSource)) {
            assertThat(response.getStatus()).isEqualTo(503);
            assertThat(response.getHeader("Retry-After")).isEqualTo("5");
            assertThat(response.getContentAsString(StandardCharsets.UTF_8)).contains("Another change to the same records is still running");
            assertThat(geo.unitByCode(p + "-V")).isEmpty();
        } else {
            assertThat(response.getStatus()).isEqualTo(302);
            assertThat(geo.unitByCode(p + "-V")).isPresent();
        }
    }
}
