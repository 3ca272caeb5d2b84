package org.prosper.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.prosper.geo.GeoService;
import org.prosper.registry.HouseholdQuery;
import org.prosper.registry.HouseholdService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Walks every API endpoint for every role and asserts who is refused. Each endpoint must be declared below with the
 * permission it needs and a probe request; an endpoint added without a declaration fails this test, so that nobody
 * ships a door whose lock was never tried. Probes use ids and bodies that make allowed calls fail harmlessly
 * (validation, not found) so the walk changes nothing.
 */
@DatabaseTest
class AccessWalkTest {

    /** One demo user per role, each scoped so that the probe household (in Svay Ampear, Cambodia) is inside it. */
    private static final Map<String, Role> USERS = new LinkedHashMap<>();

    static {
        USERS.put("admin", Role.SYSTEM_ADMIN);
        USERS.put("coordinator-kh", Role.COUNTRY_COORDINATOR);
        USERS.put("officer-kh", Role.LOCAL_OFFICER);
        USERS.put("enumerator-kh", Role.ENUMERATOR);
        USERS.put("manager", Role.PROGRAMME_MANAGER);
        USERS.put("expert", Role.EXPERT);
        USERS.put("viewer", Role.VIEWER);
    }

    /** An endpoint, the permission it needs (null: any signed-in user), whether it is scoped, and how to probe it. */
    record Door(String method, String pattern, Permission needs, boolean scoped, Probe probe) {
    }

    interface Probe {
        AbstractMockHttpServletRequestBuilder<?> build(Ids ids);
    }

    record Ids(long household, long cambodia) {
    }

    @Autowired MockMvc mvc;
    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;
    @Autowired HouseholdService households;
    @Autowired GeoService geo;

    private Ids ids;

    @BeforeEach
    void probeIds() {
        long household = households.list(Actor.system(), new HouseholdQuery(null, geo.unitByCode("KH-PILOT-SVAYAMPEAR").orElseThrow().id(),
                null, null, 0, 1)).items().getFirst().id();
        ids = new Ids(household, geo.countryUnit("KH").id());
    }

    private static MockHttpServletRequestBuilder json(HttpMethod method, String url, String body) {
        return request(method, url).contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private static AbstractMockHttpServletRequestBuilder<?> upload(String url, String content) {
        return MockMvcRequestBuilders.multipart(url).file(new MockMultipartFile("file", "probe.csv", "text/csv", content.getBytes()));
    }

    static List<Door> doors() {
        List<Door> d = new ArrayList<>();
        // registry
        d.add(new Door("GET", "/api/v1/households", Permission.VIEW_REGISTRY, false, i -> request(HttpMethod.GET, "/api/v1/households")));
        d.add(new Door("GET", "/api/v1/households/{id}", Permission.VIEW_REGISTRY, true, i -> request(HttpMethod.GET, "/api/v1/households/" + i.household())));
        d.add(new Door("POST", "/api/v1/households", Permission.EDIT_REGISTRY, false, i -> json(HttpMethod.POST, "/api/v1/households", "{}")));
        d.add(new Door("PUT", "/api/v1/households/{id}", Permission.EDIT_REGISTRY, true, i -> json(HttpMethod.PUT, "/api/v1/households/" + i.household(), "{}")));
        d.add(new Door("DELETE", "/api/v1/households/{id}", Permission.EDIT_REGISTRY, false, i -> request(HttpMethod.DELETE, "/api/v1/households/999999999")));
        d.add(new Door("POST", "/api/v1/households/import", Permission.IMPORT_REGISTRY, false,
                i -> upload("/api/v1/households/import?wait=true", "not,a,household\n")));
        d.add(new Door("GET", "/api/v1/households/export", Permission.VIEW_REGISTRY, false,
                i -> request(HttpMethod.GET, "/api/v1/households/export?format=csv&q=NO-SUCH-CODE")));
        // jobs: only their owner (or an administrator) may read them; an unknown id is 404 for every role
        d.add(new Door("GET", "/api/v1/jobs/{id}", null, false, i -> request(HttpMethod.GET, "/api/v1/jobs/00000000-0000-0000-0000-000000000000")));
        d.add(new Door("GET", "/api/v1/jobs/{id}/rejected", null, false,
                i -> request(HttpMethod.GET, "/api/v1/jobs/00000000-0000-0000-0000-000000000000/rejected")));
        // geography
        d.add(new Door("GET", "/api/v1/countries", null, false, i -> request(HttpMethod.GET, "/api/v1/countries")));
        d.add(new Door("PUT", "/api/v1/countries/{code}/levels", Permission.EDIT_GEOGRAPHY, false,
                i -> json(HttpMethod.PUT, "/api/v1/countries/KH/levels", "[]")));
        d.add(new Door("GET", "/api/v1/org-units", null, false, i -> request(HttpMethod.GET, "/api/v1/org-units?q=zz")));
        d.add(new Door("GET", "/api/v1/org-units/{id}", null, false, i -> request(HttpMethod.GET, "/api/v1/org-units/" + i.cambodia())));
        d.add(new Door("GET", "/api/v1/org-units/{id}/children", null, false, i -> request(HttpMethod.GET, "/api/v1/org-units/" + i.cambodia() + "/children")));
        d.add(new Door("GET", "/api/v1/org-units/{id}/history", null, false, i -> request(HttpMethod.GET, "/api/v1/org-units/" + i.cambodia() + "/history")));
        d.add(new Door("GET", "/api/v1/boundaries", null, false, i -> request(HttpMethod.GET, "/api/v1/boundaries?parent=" + i.cambodia())));
        d.add(new Door("POST", "/api/v1/org-units", Permission.EDIT_GEOGRAPHY, false,
                i -> json(HttpMethod.POST, "/api/v1/org-units", "{\"code\":\"!!\",\"parentCode\":\"KH\",\"nameEn\":\"\"}")));
        d.add(new Door("POST", "/api/v1/org-units/import", Permission.EDIT_GEOGRAPHY, false,
                i -> upload("/api/v1/org-units/import", "code,parent_code,name_en\nX!,NO-SUCH,x\n")));
        d.add(new Door("POST", "/api/v1/boundaries", Permission.EDIT_GEOGRAPHY, false, i -> upload("/api/v1/boundaries", "{not json")));
        d.add(new Door("POST", "/api/v1/org-units/{id}/move", Permission.EDIT_GEOGRAPHY, false,
                i -> json(HttpMethod.POST, "/api/v1/org-units/" + i.cambodia() + "/move", "{\"newParentId\":" + i.cambodia() + "}")));
        d.add(new Door("POST", "/api/v1/org-units/merge", Permission.EDIT_GEOGRAPHY, false,
                i -> json(HttpMethod.POST, "/api/v1/org-units/merge", "{\"sourceIds\":[],\"targetId\":" + i.cambodia() + "}")));
        d.add(new Door("POST", "/api/v1/org-units/{id}/split", Permission.EDIT_GEOGRAPHY, false,
                i -> json(HttpMethod.POST, "/api/v1/org-units/" + i.cambodia() + "/split", "{\"parts\":[]}")));
        // access
        d.add(new Door("GET", "/api/v1/me", null, false, i -> request(HttpMethod.GET, "/api/v1/me")));
        d.add(new Door("GET", "/api/v1/users", Permission.MANAGE_USERS, false, i -> request(HttpMethod.GET, "/api/v1/users")));
        d.add(new Door("POST", "/api/v1/users", Permission.MANAGE_USERS, false,
                i -> json(HttpMethod.POST, "/api/v1/users", "{\"username\":\"walk\",\"displayName\":\"w\",\"password\":\"x\",\"role\":\"VIEWER\",\"scopeCodes\":[]}")));
        d.add(new Door("GET", "/api/v1/tokens", null, false, i -> request(HttpMethod.GET, "/api/v1/tokens")));
        d.add(new Door("POST", "/api/v1/tokens", null, false, i -> json(HttpMethod.POST, "/api/v1/tokens", "{\"name\":\"\"}")));
        d.add(new Door("DELETE", "/api/v1/tokens/{id}", null, false, i -> request(HttpMethod.DELETE, "/api/v1/tokens/999999999")));
        d.add(new Door("GET", "/api/v1/audit", Permission.VIEW_AUDIT, false, i -> request(HttpMethod.GET, "/api/v1/audit")));
        // projects (ids that do not exist: allowed callers get 404 or 422, never a change)
        String none = "/api/v1/projects/999999999";
        d.add(new Door("GET", "/api/v1/projects", Permission.VIEW_PROJECTS, false, i -> request(HttpMethod.GET, "/api/v1/projects")));
        d.add(new Door("GET", "/api/v1/projects/{id}", Permission.VIEW_PROJECTS, false, i -> request(HttpMethod.GET, none)));
        d.add(new Door("POST", "/api/v1/projects", Permission.EDIT_PROJECTS, false, i -> json(HttpMethod.POST, "/api/v1/projects", "{}")));
        d.add(new Door("PUT", "/api/v1/projects/{id}", Permission.EDIT_PROJECTS, false, i -> json(HttpMethod.PUT, none, "{}")));
        d.add(new Door("DELETE", "/api/v1/projects/{id}", Permission.EDIT_PROJECTS, false, i -> request(HttpMethod.DELETE, none)));
        d.add(new Door("POST", "/api/v1/projects/{id}/indicators/{indicatorId}/actuals", Permission.EDIT_PROJECTS, false,
                i -> json(HttpMethod.POST, none + "/indicators/1/actuals", "{}")));
        d.add(new Door("GET", "/api/v1/programmes", Permission.VIEW_PROJECTS, false, i -> request(HttpMethod.GET, "/api/v1/programmes")));
        d.add(new Door("POST", "/api/v1/programmes", Permission.EDIT_PROJECTS, false, i -> json(HttpMethod.POST, "/api/v1/programmes", "{}")));
        d.add(new Door("GET", "/api/v1/iati/activities", Permission.VIEW_PROJECTS, false, i -> request(HttpMethod.GET, "/api/v1/iati/activities")));
        d.add(new Door("POST", "/api/v1/iati/activities", Permission.EDIT_PROJECTS, false, i -> upload("/api/v1/iati/activities", "<not-xml")));
        d.add(new Door("GET", "/api/v1/projects/{id}/iati", Permission.VIEW_PROJECTS, false, i -> request(HttpMethod.GET, none + "/iati")));
        d.add(new Door("POST", "/api/v1/projects/{id}/change-requests", Permission.EDIT_PROJECTS, false, i -> json(HttpMethod.POST, none + "/change-requests", "{}")));
        d.add(new Door("GET", "/api/v1/projects/{id}/change-requests", Permission.VIEW_PROJECTS, false, i -> request(HttpMethod.GET, none + "/change-requests")));
        d.add(new Door("POST", "/api/v1/change-requests/{id}/approve", Permission.APPROVE_PLAN_CHANGES, false,
                i -> json(HttpMethod.POST, "/api/v1/change-requests/999999999/approve", "{}")));
        d.add(new Door("POST", "/api/v1/change-requests/{id}/reject", Permission.APPROVE_PLAN_CHANGES, false,
                i -> json(HttpMethod.POST, "/api/v1/change-requests/999999999/reject", "{}")));
        d.add(new Door("GET", "/api/v1/projects/{id}/plan-versions", Permission.VIEW_PROJECTS, false, i -> request(HttpMethod.GET, none + "/plan-versions")));
        d.add(new Door("GET", "/api/v1/projects/{id}/plan-diff", Permission.VIEW_PROJECTS, false, i -> request(HttpMethod.GET, none + "/plan-diff?from=1&to=2")));
        d.add(new Door("GET", "/api/v1/projects/{id}/monitoring", Permission.VIEW_PROJECTS, false, i -> request(HttpMethod.GET, none + "/monitoring")));
        d.add(new Door("POST", "/api/v1/projects/{id}/appraisals", Permission.EDIT_PROJECTS, false, i -> json(HttpMethod.POST, none + "/appraisals", "{}")));
        d.add(new Door("GET", "/api/v1/projects/{id}/appraisals", Permission.VIEW_PROJECTS, false, i -> request(HttpMethod.GET, none + "/appraisals")));
        d.add(new Door("POST", "/api/v1/projects/{id}/evaluations", Permission.EDIT_PROJECTS, false, i -> json(HttpMethod.POST, none + "/evaluations", "{}")));
        d.add(new Door("GET", "/api/v1/projects/{id}/evaluations", Permission.VIEW_PROJECTS, false, i -> request(HttpMethod.GET, none + "/evaluations")));
        d.add(new Door("GET", "/api/v1/projects/{id}/did", Permission.VIEW_PROJECTS, false, i -> request(HttpMethod.GET, none + "/did?dataset=X&variable=y")));
        d.add(new Door("GET", "/api/v1/outcome-datasets", Permission.VIEW_PROJECTS, false, i -> request(HttpMethod.GET, "/api/v1/outcome-datasets")));
        d.add(new Door("POST", "/api/v1/outcome-datasets", Permission.EDIT_PROJECTS, false, i -> upload("/api/v1/outcome-datasets", "x")));
        d.add(new Door("GET", "/api/v1/projects/{id}/report.pdf", Permission.VIEW_PROJECTS, false, i -> request(HttpMethod.GET, none + "/report.pdf")));
        d.add(new Door("GET", "/api/v1/projects/{id}/indicators.xlsx", Permission.VIEW_PROJECTS, false, i -> request(HttpMethod.GET, none + "/indicators.xlsx")));
        d.add(new Door("GET", "/api/v1/projects/rollups", Permission.VIEW_PROJECTS, false, i -> request(HttpMethod.GET, "/api/v1/projects/rollups?by=nothing")));
        d.add(new Door("GET", "/api/v1/outcome-datasets/{code}/rows", Permission.VIEW_PROJECTS, false, i -> request(HttpMethod.GET, "/api/v1/outcome-datasets/NO-SUCH/rows")));
        return d;
    }

    @Test
    void everyApiEndpointIsDeclaredHere() {
        TreeSet<String> declared = new TreeSet<>();
        for (Door door : doors()) declared.add(door.method() + " " + door.pattern());
        TreeSet<String> served = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> {
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/")) continue;
                for (var method : info.getMethodsCondition().getMethods()) served.add(method.name() + " " + pattern);
            }
        });
        assertThat(declared).as("API endpoints without an access declaration in AccessWalkTest").containsAll(served);
    }

    @Test
    void anonymousCallersAreRefusedEverywhere() throws Exception {
        for (Door door : doors()) {
            int status = mvc.perform(door.probe().build(ids)).andReturn().getResponse().getStatus();
            assertThat(status).as(door.method() + " " + door.pattern() + " without credentials").isEqualTo(401);
        }
    }

    @Test
    void eachRoleIsRefusedExactlyWhereItLacksThePermission() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Door door : doors()) {
            for (var user : USERS.entrySet()) {
                boolean allowed = door.needs() == null || user.getValue().may(door.needs());
                int status = mvc.perform(door.probe().build(ids).with(httpBasic(user.getKey(), "demo"))).andReturn().getResponse().getStatus();
                boolean refused = status == 403 || status == 401;
                if (allowed == refused || status >= 500) {
                    wrong.add(door.method() + " " + door.pattern() + " as " + user.getKey() + ": " + status
                            + (allowed ? " (should be allowed)" : " (should be refused)"));
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void scopedDoorsRefuseRecordsOutsideTheUsersOrgUnits() throws Exception {
        for (Door door : doors()) {
            if (!door.scoped()) continue;
            for (String outsider : List.of("coordinator-cn", "coordinator-la")) {
                int status = mvc.perform(door.probe().build(ids).with(httpBasic(outsider, "demo"))).andReturn().getResponse().getStatus();
                assertThat(status).as(door.method() + " " + door.pattern() + " as " + outsider).isEqualTo(403);
            }
        }
    }
}
