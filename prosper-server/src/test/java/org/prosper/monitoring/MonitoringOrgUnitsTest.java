package org.prosper.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.prosper.access.AccessDeniedProblem;
import org.prosper.access.Actor;
import org.prosper.access.Role;
import org.prosper.access.UserService;
import org.prosper.geo.GeoService;
import org.prosper.geo.InProgress;
import org.prosper.geo.OrgUnit;
import org.prosper.job.JobProgress;
import org.prosper.registry.Household;
import org.prosper.registry.HouseholdDraft;
import org.prosper.registry.HouseholdService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Alerts, cases and support follow their village when units are moved, merged or split, and so does who sees them. */
@DatabaseTest
class MonitoringOrgUnitsTest {

    @Autowired GeoService geo;
    @Autowired MonitoringFixtures fixtures;
    @Autowired CaseService cases;
    @Autowired CaseRepository caseRows;
    @Autowired AlertService alerts;
    @Autowired RunService runs;
    @Autowired JdbcClient db;
    @Autowired HouseholdService households;
    @Autowired ProfileStore profiles;
    @Autowired JsonMapper json;
    @Autowired PlatformTransactionManager transactions;
    @Autowired MockMvc mvc;
    @Autowired UserService users;
    @Autowired SupportService support;

    private final Actor admin = Actor.system();

    /** Two townships of their own in Longlin county, a village in the first, and a household there with a case and support. */
    private record Fixture(String prefix, OrgUnit township1, OrgUnit township2, OrgUnit village, Household household, long caseId) {
    }

    private Fixture fixture() {
        String p = "MO" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        OrgUnit t1 = geo.create(admin, new GeoService.NewUnit(p + "-T1", "CN-DEMO-L3-LONGLIN", "Township 1 " + p, null, null, null, null));
        OrgUnit t2 = geo.create(admin, new GeoService.NewUnit(p + "-T2", "CN-DEMO-L3-LONGLIN", "Township 2 " + p, null, null, null, null));
        OrgUnit village = geo.create(admin, new GeoService.NewUnit(p + "-V", t1.code(), "Village " + p, null, null, null, null));
        Household h = fixtures.create(village.code(), 9_000, "NOT_POOR", List.of(MonitoringFixtures.person("HEAD", 40, "FULL"),
                MonitoringFixtures.person("SPOUSE", 38, "FULL"), MonitoringFixtures.person("CHILD", 10, "NONE")));
        long caseId = cases.open(admin, new CaseService.OpenRequest(h.id(), "CADRE", "test")).id();
        assertThat(cases.get(admin, caseId).alerts()).isNotEmpty();
        caseRows.insertSupport(caseId, h.id(), h.orgPath(), "EDUCATION_AID", "SCHOOLING", 100.0, "CNY", LocalDate.now(), null, null, null, null, "test");
        return new Fixture(p, t1, t2, village, h, caseId);
    }

    private void assertEverythingAt(Fixture f, String path) {
        MonitoringCase c = cases.get(admin, f.caseId());
        assertThat(c.orgPath()).isEqualTo(path);
        assertThat(c.alerts()).isNotEmpty().allSatisfy(a -> assertThat(a.orgPath()).isEqualTo(path));
        assertThat(db.sql("select org_path from monitoring_support where case_id = ?").param(f.caseId()).query(String.class).list())
                .singleElement().isEqualTo(path);
    }

    private static Actor officer(OrgUnit unit) {
        return new Actor(900 + unit.id() % 50, "officer-" + unit.code(), Role.LOCAL_OFFICER, List.of(unit.path()));
    }

    @Test
    void movingAVillageTakesItsCasesAlertsAndSupportToTheNewTownship() {
        Fixture f = fixture();
        long openAlerts = cases.get(admin, f.caseId()).alerts().size();
        OrgUnit moved = geo.move(admin, f.village().id(), f.township2().id(), null, "boundary reform");
        assertEverythingAt(f, moved.path());

        Actor newTownship = officer(geo.unit(f.township2().id()));
        Actor oldTownship = officer(geo.unit(f.township1().id()));
        assertThat(cases.get(newTownship, f.caseId()).id()).isEqualTo(f.caseId());
        long alertId = cases.get(admin, f.caseId()).alerts().getFirst().id();
        assertThat(alerts.get(newTownship, alertId).id()).isEqualTo(alertId);
        assertThatThrownBy(() -> cases.get(oldTownship, f.caseId())).isInstanceOf(AccessDeniedProblem.class);
        assertThatThrownBy(() -> alerts.get(oldTownship, alertId)).isInstanceOf(AccessDeniedProblem.class);

        // a run of the new township finds the household's alerts open already: nothing new, nothing resolved
        Run run = runs.run(newTownship, "CN", "UPDATE", LocalDate.now(), JobProgress.none(null), "test");
        assertThat(run.households()).isEqualTo(1);
        assertThat(run.alertsNew()).isZero();
        assertThat(run.alertsResolved()).isZero();
        assertThat(cases.get(admin, f.caseId()).alerts()).hasSize((int) openAlerts).allSatisfy(a -> assertThat(a.resolvedRunId()).isNull());
    }

    @Test
    void mergingAVillageTakesItsCasesAlertsAndSupportToTheMergedVillage() {
        Fixture f = fixture();
        OrgUnit target = geo.create(admin, new GeoService.NewUnit(f.prefix() + "-VT", f.township1().code(), "Merged village", null, null, null, null));
        geo.merge(admin, List.of(f.village().id()), target.id(), null, "villages merged");
        assertEverythingAt(f, target.path());
    }

    @Test
    void mergingATownshipTakesItsVillagesCasesAlongUnderTheTarget() {
        Fixture f = fixture();
        geo.merge(admin, List.of(f.township1().id()), f.township2().id(), null, "townships merged");
        assertEverythingAt(f, geo.unit(f.village().id()).path());
        assertThat(geo.unit(f.village().id()).path()).startsWith(f.township2().path());
        assertThat(cases.get(officer(f.township2()), f.caseId()).id()).isEqualTo(f.caseId());
    }

    @Test
    void splittingAVillageTakesEachHouseholdsCasesToItsPart() {
        Fixture f = fixture();
        List<OrgUnit> parts = geo.split(admin, f.village().id(), List.of(
                        new GeoService.NewUnit(f.prefix() + "-N", null, "North", null, null, null, null),
                        new GeoService.NewUnit(f.prefix() + "-S", null, "South", null, null, null, null)),
                Map.of(f.household().code(), f.prefix() + "-S"), null, "split");
        assertEverythingAt(f, parts.get(1).path());
    }

    @Test
    void aHouseholdMovedToAnotherVillageByARegistryEditTakesItsCasesAlertsAndSupportAlong() {
        Fixture f = fixture();
        OrgUnit other = geo.create(admin, new GeoService.NewUnit(f.prefix() + "-V2", f.township2().code(), "Village 2 " + f.prefix(), null, null, null, null));
        Household h = households.get(admin, f.household().id());
        HouseholdDraft same = HouseholdDraft.of(h);
        HouseholdDraft moved = new HouseholdDraft(same.code(), other.id(), same.address(), same.latitude(), same.longitude(), same.headName(),
                same.headNationalId(), same.phone(), same.housingStructure(), same.housingCondition(), same.floorArea(), same.assets(),
                same.waterSource(), same.sanitation(), same.cookingFuel(), same.electricity(), same.landArea(), same.registrationStatus(),
                same.annualIncome(), same.incomeYear(), same.version(), same.members());
        assertThat(households.update(admin, h.id(), moved).orgPath()).isEqualTo(other.path());
        fixtures.settle();
        assertEverythingAt(f, other.path());

        assertThat(cases.get(officer(other), f.caseId()).id()).isEqualTo(f.caseId());
        long alertId = cases.get(admin, f.caseId()).alerts().getFirst().id();
        assertThat(alerts.get(officer(other), alertId).id()).isEqualTo(alertId);
        assertThatThrownBy(() -> cases.get(officer(f.village()), f.caseId())).isInstanceOf(AccessDeniedProblem.class);
    }

    /** The CN profile with a monitoring line of its own for one unit, as a version no stored profile has (its engine is this test's). */
    private ProfileStore.Stored withLineOf(String unitCode, String lineId) {
        ProfileStore.Stored cn = profiles.current("CN");
        ObjectNode root = (ObjectNode) json.readTree(cn.json());
        ((ArrayNode) root.get("lines")).addObject().put("id", lineId).put("kind", "MONITORING").put("area", unitCode).put("fromYear", 2020)
                .put("amount", 9_999).put("unit", "PERSON").put("period", "YEAR").put("source", "test line");
        String text = json.writeValueAsString(root);
        return new ProfileStore.Stored("CN", ThreadLocalRandom.current().nextInt(1_000_000, Integer.MAX_VALUE), null, "EDIT", "test",
                Instant.now(), null, profiles.parse(text, "test"), text);
    }

    @Test
    void aLineOfAMovedUnitStillAppliesToItsVillagesOnceTheMoveIsCommittedWithoutARestart() {
        String p = "ML" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        OrgUnit longlin = geo.unitByCode("CN-DEMO-L3-LONGLIN").orElseThrow();
        OrgUnit otherCounty = geo.create(admin, new GeoService.NewUnit(p + "-C", geo.unit(longlin.parentId()).code(), "County " + p, null, null, null, null));
        OrgUnit township = geo.create(admin, new GeoService.NewUnit(p + "-T", longlin.code(), "Township " + p, null, null, null, null));
        OrgUnit village = geo.create(admin, new GeoService.NewUnit(p + "-V", township.code(), "Village " + p, null, null, null, null));
        ProfileStore.Stored profile = withLineOf(township.code(), p + "-LINE");
        int year = LocalDate.now().getYear() - 1;
        RuleEngine before = profiles.engine(profile, "CN");
        assertThat(before.line("MONITORING", village.path(), year).id()).isEqualTo(p + "-LINE");

        RuleEngine duringTheMove = new TransactionTemplate(transactions).execute(status -> {
            geo.move(admin, township.id(), otherCounty.id(), null, "boundary reform");
            return profiles.engine(profile, "CN");
        });
        assertThat(duringTheMove).as("not forgotten before the commit, when other runs would still compile the old paths").isSameAs(before);

        String moved = geo.unit(village.id()).path();
        assertThat(moved).startsWith(otherCounty.path());
        assertThat(profiles.engine(profile, "CN").line("MONITORING", moved, year).id()).isEqualTo(p + "-LINE");
    }

    /**
     * A profile in force that names a unit merged since keeps its version (its lines are legal texts) but says which
     * fields name a retired unit and where it went, in the API and on the page; a new version naming it is refused.
     */
    @Test
    void aProfileNamingAUnitMergedSinceSaysSoAndANewVersionNamingItIsRefused() throws Exception {
        String p = "MP" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        OrgUnit t1 = geo.create(admin, new GeoService.NewUnit(p + "-T1", "CN-DEMO-L3-LONGLIN", "Township 1 " + p, null, null, null, null));
        OrgUnit t2 = geo.create(admin, new GeoService.NewUnit(p + "-T2", "CN-DEMO-L3-LONGLIN", "Township 2 " + p, null, null, null, null));
        ProfileStore.Stored original = profiles.current("CN");
        ProfileStore.Stored withLine = withLineOf(t1.code(), p + "-LINE");
        ObjectNode withArea = (ObjectNode) json.readTree(withLine.json());
        withArea.putObject("areas").putArray("MOUNTAIN").add(t1.code());
        String text = json.writeValueAsString(withArea);
        int line = withLine.profile().lines().size() - 1;
        try {
            int saved = profiles.save(admin, "CN", text, "line of " + t1.code()).version();
            assertThat(profiles.retiredUnits(profiles.current("CN").profile())).isEmpty();

            geo.merge(admin, List.of(t1.id()), t2.id(), null, "townships merged");

            String expected = t1.code() + " was retired (now " + t2.code() + ")";
            assertThat(profiles.retiredUnits(profiles.current("CN").profile())).containsExactly(
                    new ProfileProblem.Field("lines[" + line + "].area", expected), new ProfileProblem.Field("areas.MOUNTAIN", expected));
            JsonNode body = json.readTree(mvc.perform(get("/api/v1/monitoring/profiles/CN").with(httpBasic("admin", "demo")))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
            assertThat(body.path("version").asInt()).isEqualTo(saved);
            assertThat(body.path("retiredUnits").get(0).path("field").asString()).isEqualTo("lines[" + line + "].area");
            assertThat(body.path("retiredUnits").get(0).path("message").asString()).isEqualTo(expected);
            String page = mvc.perform(get("/monitoring/profiles?code=CN").with(user(users.loadUserByUsername("admin"))))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
            assertThat(page).contains("id=\"profile-retired-units\"").contains("lines[" + line + "].area: " + expected);

            JsonNode refused = json.readTree(mvc.perform(put("/api/v1/monitoring/profiles/CN").with(httpBasic("admin", "demo"))
                            .contentType(MediaType.APPLICATION_JSON).content(text))
                    .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
            assertThat(refused.toString()).contains("lines[" + line + "].area").contains("areas.MOUNTAIN").contains(expected);
            assertThat(profiles.current("CN").version()).isEqualTo(saved);
            assertThatThrownBy(() -> profiles.save(admin, "CN", text, "again")).isInstanceOf(ProfileProblem.class);
            assertThat(profiles.current("CN").version()).isEqualTo(saved);
        } finally {
            profiles.save(admin, "CN", original.json(), "back to the shipped content");
        }
        assertThat(profiles.retiredUnits(profiles.current("CN").profile())).isEmpty();
    }

    /** A village with a household at risk, and the village it is about to be merged into. */
    private record ToMerge(OrgUnit village, OrgUnit target, Household household) {
    }

    private ToMerge toMerge() {
        String p = "MM" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        OrgUnit township = geo.create(admin, new GeoService.NewUnit(p + "-T", "CN-DEMO-L3-LONGLIN", "Township " + p, null, null, null, null));
        OrgUnit village = geo.create(admin, new GeoService.NewUnit(p + "-V", township.code(), "Village " + p, null, null, null, null));
        OrgUnit target = geo.create(admin, new GeoService.NewUnit(p + "-VT", township.code(), "Merged village " + p, null, null, null, null));
        Household h = fixtures.create(village.code(), 9_000, "NOT_POOR", List.of(MonitoringFixtures.person("HEAD", 40, "FULL"),
                MonitoringFixtures.person("SPOUSE", 38, "FULL"), MonitoringFixtures.person("CHILD", 10, "NONE")));
        return new ToMerge(village, target, h);
    }

    /**
     * A run that reads its households while their village is being merged writes their alerts with the old village's
     * path; the merge moved the alerts it found, not these. The run holds the villages it wrote to and, as the geography
     * changed meanwhile, gives its alerts their households' paths as they are now.
     */
    @Test
    void aRunWrittenWhileItsVillageIsBeingMergedPutsItsAlertsInTheMergedVillage() throws Exception {
        ToMerge m = toMerge();
        db.sql("delete from monitoring_alert where household_id = ?").param(m.household().id()).update();
        InProgress geography = InProgress.merge(transactions, geo, m.village(), m.target(), Duration.ofMillis(1_500)).start();

        List<Run> done = runs.evaluate(admin, List.of(m.household().id()), LocalDate.now(), "test: a run during a merge");
        geography.join();
        fixtures.settle();

        assertThat(done).singleElement().satisfies(r -> assertThat(r.alertsNew()).isPositive());
        assertThat(db.sql("select org_path from monitoring_alert where household_id = ? and first_run_id = ?")
                .params(m.household().id(), done.getFirst().id()).query(String.class).list())
                .isNotEmpty().allSatisfy(path -> assertThat(path).isEqualTo(m.target().path()));
        assertThat(alerts.list(officer(m.target()), new AlertService.AlertQuery(null, null, null, null, null, done.getFirst().id(),
                m.household().id(), 0, 50)).total()).isPositive();
    }

    /**
     * A merge started once a run has written alerts in the village (not yet committed) is not held up by them, on H2
     * either, and the run, which holds its villages only at its end, waits for the merge and gives its alerts the merged
     * village. Were the run to hold the village while the merge waited on the run's alerts, each would wait for the other
     * until one gave up.
     */
    @Test
    void aMergeStartedWhileARunIsWrittenInTheVillageGoesAheadAndTheRunFollowsIt() throws Exception {
        ToMerge m = toMerge();
        db.sql("delete from monitoring_alert where household_id = ?").param(m.household().id()).update();
        AtomicReference<Thread> merge = new AtomicReference<>();
        AtomicReference<Throwable> mergeFailed = new AtomicReference<>();
        runs.afterAlertsWritten(() -> {
            merge.set(Thread.ofPlatform().start(() -> {
                try {
                    geo.merge(admin, List.of(m.village().id()), m.target().id(), null, "merged while a run is written");
                } catch (Throwable t) {
                    mergeFailed.set(t);
                }
            }));
            try {
                Thread.sleep(500); // the merge reaches the village (PostgreSQL: and is done) before the run goes on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        List<Run> done;
        try {
            done = runs.evaluate(admin, List.of(m.household().id()), LocalDate.now(), "test: a merge during a run");
        } finally {
            runs.afterAlertsWritten(null);
        }
        merge.get().join();
        fixtures.settle();

        assertThat(mergeFailed.get()).as("the merge").isNull();
        assertThat(done).singleElement().satisfies(r -> assertThat(r.alertsNew()).isPositive());
        assertThat(db.sql("select org_path from monitoring_alert where household_id = ? and first_run_id = ?")
                .params(m.household().id(), done.getFirst().id()).query(String.class).list())
                .isNotEmpty().allSatisfy(path -> assertThat(path).isEqualTo(m.target().path()));
    }

    /** A case opened while its household's village is being merged waits for the merge and is opened in the merged village. */
    @Test
    void aCaseOpenedWhileItsVillageIsBeingMergedIsOpenedInTheMergedVillage() throws Exception {
        ToMerge m = toMerge();
        InProgress geography = InProgress.merge(transactions, geo, m.village(), m.target(), Duration.ofMillis(1_500)).start();

        long caseId = cases.open(admin, new CaseService.OpenRequest(m.household().id(), "CADRE", "opened during a merge")).id();
        geography.join();

        assertThat(cases.get(admin, caseId).orgPath()).isEqualTo(m.target().path());
        assertThat(cases.get(officer(m.target()), caseId).id()).isEqualTo(caseId);
    }

    /** Support planned while the case's village is being merged waits for the merge and is kept in the merged village. */
    @Test
    void supportPlannedWhileTheVillageIsBeingMergedIsKeptInTheMergedVillage() throws Exception {
        ToMerge m = toMerge();
        long caseId = cases.open(admin, new CaseService.OpenRequest(m.household().id(), "CADRE", "for support")).id();
        db.sql("update monitoring_case set state = 'ENROLLED' where id = ?").param(caseId).update(); // the steps before are other tests'
        InProgress geography = InProgress.merge(transactions, geo, m.village(), m.target(), Duration.ofMillis(1_500)).start();

        var planned = support.plan(admin, caseId, new SupportService.PlanRequest("EDUCATION_AID", "SCHOOLING", 100.0, null, null, null,
                "county education bureau", "planned during a merge"));
        geography.join();

        assertThat(db.sql("select org_path from monitoring_support where id = ?").param(planned.id()).query(String.class).single())
                .isEqualTo(m.target().path());
    }
}
