package org.prosper.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.prosper.access.Actor;
import org.prosper.access.UserService;
import org.prosper.registry.Household;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.HtmlUtils;

/**
 * An alert carries its reason in the country's own language where the profile explains the rule in it: a Khmer reader
 * of a Cambodian alert reads Khmer, a Chinese reader Chinese, anyone else English; a Chinese alert has no third reason.
 */
@DatabaseTest
class AlertReasonLanguagesTest {

    @Autowired MonitoringFixtures fixtures;
    @Autowired RunService runs;
    @Autowired AlertService alerts;
    @Autowired ProfileStore profiles;
    @Autowired MockMvc mvc;
    @Autowired UserService users;
    @Autowired CaseService cases;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient db;
    @Autowired org.prosper.geo.GeoService geo;

    private final Actor admin = Actor.system();

    private Alert noLabourAlert(Household h) {
        List<Run> done = runs.evaluate(admin, List.of(h.id()), LocalDate.now(), "test: reasons in the country's language");
        fixtures.settle();
        return alerts.list(admin, new AlertService.AlertQuery(null, null, "NO_LABOUR", null, null, done.getFirst().id(), h.id(), 0, 10))
                .items().getFirst();
    }

    private String explanation(String profile, String language) {
        return profiles.current(profile).profile().rules().stream().filter(r -> r.id().equals("NO_LABOUR")).findFirst().orElseThrow()
                .explanation().get(language);
    }

    @Test
    void aCambodianAlertGivesItsReasonInKhmerToKhmerReadersAndInChineseOrEnglishToOthers() throws Exception {
        Household h = fixtures.create("KH-PILOT-SVAYAMPEAR", 4_000_000, "NOT_POOR",
                List.of(MonitoringFixtures.person("HEAD", 78, "NONE"), MonitoringFixtures.person("SPOUSE", 75, "NONE")));
        Alert alert = noLabourAlert(h);

        String khmer = explanation("KH", "km").replace("{members}", "2");
        assertThat(khmer).isNotBlank().doesNotContain("{");
        assertThat(alert.reasonLocal()).isEqualTo(khmer);
        assertThat(alert.reasonIn("km")).isEqualTo(khmer);
        assertThat(alert.reasonIn("zh")).isEqualTo(explanation("KH", "zh").replace("{members}", "2"));
        assertThat(alert.reasonIn("en")).isEqualTo("none of the 2 member(s) is able to work");
        assertThat(alert.reasonIn("lo")).isEqualTo(alert.reason());

        long caseId = cases.open(admin, new CaseService.OpenRequest(h.id(), "CADRE", "test: reasons in the country's language")).id();
        String page = mvc.perform(get("/monitoring/cases/" + caseId).param("lang", "km")
                        .with(user(users.loadUserByUsername("coordinator-kh"))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains(HtmlUtils.htmlEscape(khmer, "UTF-8"));
        String timeline = mvc.perform(get("/monitoring/households/" + h.id()).param("lang", "km")
                        .with(user(users.loadUserByUsername("coordinator-kh"))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(timeline).contains(HtmlUtils.htmlEscape(khmer, "UTF-8"));
    }

    /** An alert raised before its rule had a local reason gets it when a run finds it again (after an upgrade). */
    @Test
    void anOpenAlertRaisedWithoutALocalReasonGetsItWhenFoundAgain() {
        Household h = fixtures.create("KH-PILOT-SVAYAMPEAR", 4_000_000, "NOT_POOR",
                List.of(MonitoringFixtures.person("HEAD", 81, "NONE"), MonitoringFixtures.person("SPOUSE", 79, "NONE")));
        Alert alert = noLabourAlert(h);
        String khmer = alert.reasonLocal();
        assertThat(khmer).isNotBlank();
        db.sql("update monitoring_alert set reason_local = null where id = ?").param(alert.id()).update();

        List<Run> again = runs.evaluate(admin, List.of(h.id()), LocalDate.now(), "test: found again");
        fixtures.settle();
        assertThat(again.getFirst().alertsNew()).isZero();
        Alert found = alerts.get(admin, alert.id());
        assertThat(found.reasonLocal()).isEqualTo(khmer);
        assertThat(found.reason()).isEqualTo(alert.reason());
        assertThat(found.resolvedRunId()).isNull();
    }

    @Test
    void aChineseAlertKeepsItsReasonsInChineseAndEnglishOnly() {
        Household h = fixtures.create("CN-DEMO-GX-DAZHAI", 30_000, "NOT_POOR",
                List.of(MonitoringFixtures.person("HEAD", 78, "NONE"), MonitoringFixtures.person("SPOUSE", 75, "NONE")));
        Alert alert = noLabourAlert(h);
        assertThat(alert.reasonLocal()).isNull();
        assertThat(alert.reasonIn("zh")).isEqualTo(alert.reasonZh()).isNotEqualTo(alert.reason());
    }

    /** A village's public notice is headed with its name in the reader's language when it is the country's. */
    @Test
    void theNoticeNamesTheVillageInKhmerForKhmerReadersAndInEnglishForChineseOnes() throws Exception {
        org.prosper.geo.OrgUnit village = geo.unitByCode("KH-PILOT-SVAYAMPEAR").orElseThrow();
        assertThat(village.nameLocal()).isNotBlank().isNotEqualTo(village.nameEn());
        assertThat(notice(village.id(), "km")).contains(village.nameLocal()).doesNotContain(village.nameEn());
        assertThat(notice(village.id(), "zh")).contains(village.nameEn()).doesNotContain(village.nameLocal());
    }

    private String notice(long orgUnit, String language) throws Exception {
        return mvc.perform(get("/monitoring/notice").param("orgUnit", String.valueOf(orgUnit)).param("lang", language)
                        .with(user(users.loadUserByUsername("coordinator-kh"))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }
}
