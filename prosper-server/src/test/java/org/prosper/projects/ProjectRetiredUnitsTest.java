package org.prosper.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.prosper.access.Actor;
import org.prosper.geo.GeoService;
import org.prosper.geo.InProgress;
import org.prosper.geo.OrgUnit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A project names the villages that exist today: a merged one is refused when named, and read as its successor from IATI. */
@DatabaseTest
class ProjectRetiredUnitsTest {

    @Autowired MockMvc mvc;
    @Autowired JsonMapper json;
    @Autowired GeoService geo;
    @Autowired ProjectService projects;
    @Autowired PlatformTransactionManager transactions;

    /** Two new villages beside a Lao pilot village, the first merged into the second. */
    private record Merged(OrgUnit retired, OrgUnit target) {
    }

    private Merged merged() {
        Merged m = toMerge();
        geo.merge(Actor.system(), List.of(m.retired().id()), m.target().id(), null, "villages merged");
        return m;
    }

    private Merged toMerge() {
        String p = "PRJ" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        OrgUnit pilot = geo.unitByCode("LA-PILOT-XIENGDA").orElseThrow();
        String parent = geo.unit(pilot.parentId()).code();
        OrgUnit a = geo.create(Actor.system(), new GeoService.NewUnit(p + "-A", parent, "Village A " + p, null, null, null, null));
        OrgUnit b = geo.create(Actor.system(), new GeoService.NewUnit(p + "-B", parent, "Village B " + p, null, null, null, null));
        return new Merged(a, b);
    }

    /**
     * A merge that has done its work but not committed while a project naming the merged village is saved: the save
     * waits for it and is refused. Without waiting it read the village as active and planned the project over the
     * village the merge had just emptied (the merge moved the projects it found, not this one).
     */
    @Test
    void aProjectSavedWhileItsVillageIsBeingMergedWaitsAndIsRefused() throws Exception {
        Merged m = toMerge();
        long before = projects.countProjects();
        InProgress geography = InProgress.merge(transactions, geo, m.retired(), m.target(), Duration.ofMillis(300)).start();

        String body = mvc.perform(post("/api/v1/projects").with(httpBasic("admin", "demo")).contentType(MediaType.APPLICATION_JSON).content("""
                        {"iatiIdentifier": "XM-TEST-MERGING-%s", "title": {"en": "Village being merged"}, "status": "1",
                         "villages": ["%s", "%s"]}
                        """.formatted(m.retired().code(), m.target().code(), m.retired().code())))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        geography.join();
        assertThat(json.readTree(body).path("problems").toString())
                .contains("villages: " + m.retired().code() + " was retired (now " + m.target().code() + ")");
        assertThat(projects.countProjects()).isEqualTo(before);
    }

    @Test
    void aProjectNamingAMergedVillageIsRefusedAndToldWhereItWent() throws Exception {
        Merged m = merged();
        long before = projects.countProjects();
        String body = mvc.perform(post("/api/v1/projects").with(httpBasic("admin", "demo")).contentType(MediaType.APPLICATION_JSON).content("""
                        {"iatiIdentifier": "XM-TEST-RETIRED-%s", "title": {"en": "Retired village"}, "status": "1",
                         "villages": ["%s"], "comparisonVillages": ["%s"]}
                        """.formatted(m.retired().code(), m.retired().code(), m.retired().code())))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        String problems = json.readTree(body).path("problems").toString();
        assertThat(problems).contains("villages: " + m.retired().code() + " was retired (now " + m.target().code() + ")",
                "comparisonVillages: " + m.retired().code() + " was retired (now " + m.target().code() + ")");
        assertThat(projects.countProjects()).isEqualTo(before);
    }

    @Test
    void anIatiActivityLocatedInAMergedVillageServesTheVillageItWentInto() throws Exception {
        Merged m = merged();
        String identifier = "XM-TEST-MERGED-" + m.retired().code();
        String xml = activityIn(identifier, m.retired().code());
        String body = mvc.perform(multipart("/api/v1/iati/activities")
                        .file(new MockMultipartFile("file", "before-merge.xml", "application/xml", xml.getBytes(StandardCharsets.UTF_8)))
                        .with(httpBasic("admin", "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        JsonNode report = json.readTree(body);
        assertThat(report.path("created").asInt()).isEqualTo(1);
        assertThat(report.path("issues").toString()).contains("NOTE", "location '" + m.retired().code() + "': "
                + m.retired().code() + " was retired (now " + m.target().code() + "); kept as " + m.target().code());
        long id = projects.idByIdentifier(identifier).orElseThrow();
        assertThat(projects.get(Actor.system(), id).villages()).containsExactly(m.target().code());
    }

    /**
     * An IATI file read while its village is being merged (the merge's transaction still open when the activity is
     * mapped): the activity waits for the merge and serves the village it went into, as one read after the merge does.
     */
    @Test
    void anIatiActivityImportedWhileItsVillageIsBeingMergedServesTheVillageItWentInto() throws Exception {
        Merged m = toMerge();
        String identifier = "XM-TEST-MERGING-IATI-" + m.retired().code();
        String xml = activityIn(identifier, m.retired().code());
        InProgress geography = InProgress.merge(transactions, geo, m.retired(), m.target(), Duration.ofMillis(1_500)).start();

        String body = mvc.perform(multipart("/api/v1/iati/activities")
                        .file(new MockMultipartFile("file", "during-merge.xml", "application/xml", xml.getBytes(StandardCharsets.UTF_8)))
                        .with(httpBasic("admin", "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        geography.join();

        JsonNode report = json.readTree(body);
        assertThat(report.path("created").asInt()).as(body).isEqualTo(1);
        long id = projects.idByIdentifier(identifier).orElseThrow();
        assertThat(projects.get(Actor.system(), id).villages()).containsExactly(m.target().code());
    }

    /** An IATI file of one Lao activity located in the village of this code. */
    private static String activityIn(String identifier, String villageCode) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <iati-activities version="2.03">
                 <iati-activity default-currency="LAK">
                  <iati-identifier>%s</iati-identifier>
                  <reporting-org ref="XM-TEST" type="10"><narrative>Test</narrative></reporting-org>
                  <title><narrative>Located in one village</narrative></title>
                  <participating-org role="4" type="10"><narrative>Somebody</narrative></participating-org>
                  <activity-status code="2"/>
                  <activity-date type="1" iso-date="2024-01-01"/>
                  <recipient-country code="LA"/>
                  <location ref="%s"/>
                 </iati-activity>
                </iati-activities>
                """.formatted(identifier, villageCode);
    }
}
