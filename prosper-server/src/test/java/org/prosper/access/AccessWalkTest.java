package org.prosper.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.prosper.geo.GeoService;
import org.prosper.projects.ProjectService;
import org.prosper.registry.HouseholdQuery;
import org.prosper.registry.HouseholdService;
import org.prosper.survey.FormService;
import org.prosper.survey.RoundService;
import org.prosper.survey.SubmissionService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Walks every API endpoint for every role and asserts who is refused. Each endpoint must be declared below with who
 * may use it and a probe request; an endpoint added without a declaration fails this test, so that nobody ships a door
 * whose lock was never tried. Probes use ids and bodies that make allowed calls fail harmlessly (validation, not
 * found, a conflict) so the walk changes nothing; where only a real record proves the lock (delete, reprocess), the
 * real record is probed only by those who must be refused.
 */
@DatabaseTest
class AccessWalkTest {

    /** One demo user per role, each scoped so that the probe records (in Svay Ampear, Cambodia) are inside it. */
    private static final Map<String, Role> USERS = new LinkedHashMap<>();
    /** Every demo user's role, outsiders included. */
    private static final Map<String, Role> ROLE_OF = new LinkedHashMap<>();
    /** Users whose role would let them in but whose org units do not reach Svay Ampear. */
    private static final List<String> OUTSIDERS = List.of("coordinator-cn", "coordinator-la");

    static {
        USERS.put("admin", Role.SYSTEM_ADMIN);
        USERS.put("coordinator-kh", Role.COUNTRY_COORDINATOR);
        USERS.put("officer-kh", Role.LOCAL_OFFICER);
        USERS.put("enumerator-kh", Role.ENUMERATOR);
        USERS.put("manager", Role.PROGRAMME_MANAGER);
        USERS.put("expert", Role.EXPERT);
        USERS.put("viewer", Role.VIEWER);
        ROLE_OF.putAll(USERS);
        for (String c : List.of("cn", "la", "mm", "vn")) ROLE_OF.put("coordinator-" + c, Role.COUNTRY_COORDINATOR);
        ROLE_OF.put("officer-cn", Role.LOCAL_OFFICER);
        ROLE_OF.put("enumerator-la", Role.ENUMERATOR);
        ROLE_OF.put("manager-la", Role.PROGRAMME_MANAGER);
    }

    /**
     * Who a door lets in, as its feature documents it: {@code lets} gets the demo user name, or null for an anonymous
     * caller. Rules that are not one Permission (role sets of a feature, owner or manager, visibility) say so here.
     */
    record Who(String text, Predicate<String> lets) {
        static Who need(Permission p) {
            return new Who(p.name(), u -> u != null && ROLE_OF.get(u).may(p));
        }

        static Who signedIn() {
            return new Who("any signed-in user", u -> u != null);
        }

        static Who anyone() {
            return new Who("anyone, anonymous callers included", u -> true);
        }

        static Who roles(Role... roles) {
            Set<Role> set = EnumSet.copyOf(List.of(roles));
            return new Who(set.toString(), u -> u != null && set.contains(ROLE_OF.get(u)));
        }

        /** Signed-in users in a working role: the knowledge bank's audience for PARTNERS items (not VIEWER). */
        static Who partners() {
            return new Who("partners (signed in, not VIEWER)", u -> u != null && ROLE_OF.get(u) != Role.VIEWER);
        }

        Who orUser(String user) {
            return new Who(text + " or " + user, u -> lets.test(u) || user.equals(u));
        }
    }

    /** Users who pass the role rule but must be refused because the probed record lies outside their org units. */
    record Outside(Probe probe, List<String> users, boolean notFound) {
        Outside(Probe probe, List<String> users) {
            this(probe, users, false);
        }
    }

    /**
     * An endpoint, who may use it, and how to probe it: {@code probe} is sent to allowed users (null: none of them is
     * probed, the only allowed call would act), {@code refusedProbe} to those who must be refused, {@code hides} says
     * a refusal may be a 404 (the feature hides what the caller may not see), and {@code outside} lists outsiders.
     */
    record Door(String method, String pattern, Who who, Probe probe, Probe refusedProbe, boolean hides, List<Outside> outside) {

        Door(String method, String pattern, Permission needs, boolean scoped, Probe probe) {
            this(method, pattern, needs == null ? Who.signedIn() : Who.need(needs), probe, probe, false,
                    scoped ? List.of(new Outside(probe, OUTSIDERS)) : List.of());
        }

        Door(String method, String pattern, Who who, Probe probe) {
            this(method, pattern, who, probe, probe, false, List.of());
        }

        /** Refused callers and outsiders get this probe of a real record instead. */
        Door onRecord(Probe real) {
            return new Door(method, pattern, who, probe, real, hides, outside.stream().map(o -> new Outside(real, o.users(), o.notFound())).toList());
        }

        /** The probed record is in Svay Ampear: these users' org units do not reach it. */
        Door scoped(String... outsiders) {
            List<Outside> more = new ArrayList<>(outside);
            more.add(new Outside(refusedProbe, outsiders.length == 0 ? OUTSIDERS : List.of(outsiders)));
            return new Door(method, pattern, who, probe, refusedProbe, hides, more);
        }

        /** The record lies outside these users' org units and the feature answers as if it did not exist (404). */
        Door scopedNotFound(String... outsiders) {
            List<Outside> more = new ArrayList<>(outside);
            more.add(new Outside(refusedProbe, List.of(outsiders), true));
            return new Door(method, pattern, who, probe, refusedProbe, hides, more);
        }

        Door outside(Probe real, String... outsiders) {
            List<Outside> more = new ArrayList<>(outside);
            more.add(new Outside(real, List.of(outsiders)));
            return new Door(method, pattern, who, probe, refusedProbe, hides, more);
        }

        Door hiding() {
            return new Door(method, pattern, who, probe, refusedProbe, true, outside);
        }

        boolean refused(int status) {
            return status == 401 || status == 403 || hides && status == 404;
        }

        /** GET endpoints that SecurityConfig opens to anonymous callers: there the service, not a 401, refuses. */
        boolean anonymousPassesTheFilter() {
            return method.equals("GET") && (pattern.equals("/api/v1/knowledge/search") || Stream.of("experts", "practices", "documents", "programmes")
                    .anyMatch(p -> pattern.startsWith("/api/v1/knowledge/" + p)));
        }

        String name() {
            return method + " " + pattern;
        }
    }

    interface Probe {
        AbstractMockHttpServletRequestBuilder<?> build(Ids ids);
    }

    /** Ids of demo records inside the USERS' scopes (Svay Ampear, Cambodia), read before each test. */
    record Ids(long household, long cambodia, long submission, long round, long project, long indicator, long changeRequest,
               long waterProject, long publicExpert, long partnerExpert, long publicPractice, long partnerPractice,
               long programme, long session, long application, long village) {
    }

    @Autowired MockMvc mvc;
    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;
    @Autowired HouseholdService households;
    @Autowired GeoService geo;
    @Autowired UserService users;
    @Autowired FormService forms;
    @Autowired RoundService rounds;
    @Autowired SubmissionService submissions;
    @Autowired ProjectService projects;
    @Autowired JdbcClient db;

    private Ids ids;

    @BeforeEach
    void probeIds() {
        long household = households.list(Actor.system(), new HouseholdQuery(null, geo.unitByCode("KH-PILOT-SVAYAMPEAR").orElseThrow().id(),
                null, null, 0, 1)).items().getFirst().id();
        long project = one("select id from project where iati_identifier = ?", "XM-PROSPER-EAPRCI-KH-SVAYAMPEAR");
        long indicator = projects.get(Actor.system(), project).results().stream().flatMap(r -> r.indicators().stream())
                .filter(i -> i.code().equals("ENV-1")).findFirst().orElseThrow().id();
        long programme = one("select min(id) from ex_programme where kind = ?", "TRAINING");
        ids = new Ids(household, geo.countryUnit("KH").id(), khSubmission(),
                rounds.idByCode("BASELINE-" + java.time.LocalDate.now().getYear()).orElseThrow(), project, indicator,
                one("select min(id) from plan_change_request where project_id = ?", project),
                one("select id from project where iati_identifier = ?", "XM-PROSPER-LMC-WATER-2022"),
                one("select id from kn_expert where name = ?", "Li Wen"), one("select id from kn_expert where name = ?", "Sokha Chan"),
                one("select id from kn_practice where title = ?", "Farmer cooperatives for upland coffee"),
                one("select id from kn_practice where title = ?", "Vocational training for rural youth (partner report)"),
                programme, one("select min(id) from ex_session where programme_id = ?", programme),
                one("select min(id) from ex_application where programme_id = ?", programme),
                geo.unitByCode("KH-PILOT-SVAYAMPEAR").orElseThrow().id());
    }

    private long one(String sql, Object param) {
        Long id = db.sql(sql).param(param).query(Long.class).single();
        assertThat(id).as(sql + " [" + param + "]").isNotNull();
        return id;
    }

    /**
     * A submission in Svay Ampear that processing quarantines (its household size is not a number), so that approving
     * it is refused with 400 for reviewers and the walk changes nothing; received once per database.
     */
    private long khSubmission() {
        String instance = "uuid:access-walk-kh-quarantined";
        String version = forms.find("household_baseline", null).orElseThrow().version();
        String xml = "<household_baseline id=\"household_baseline\" version=\"" + version + "\"><country>KH</country>"
                + "<village>KH-PILOT-SVAYAMPEAR</village><household_id>KH-SVAYAMPEAR-0001</household_id><head_name>Access walk</head_name>"
                + "<hh_size>two</hh_size><meta><instanceID>" + instance + "</instanceID></meta></household_baseline>";
        Actor enumerator = users.find("enumerator-kh").orElseThrow().actor();
        return submissions.receive(enumerator, xml.getBytes(StandardCharsets.UTF_8), List.of(), "OPENROSA").submissionId();
    }

    private static MockHttpServletRequestBuilder json(HttpMethod method, String url, String body) {
        return request(method, url).contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private static AbstractMockHttpServletRequestBuilder<?> upload(String url, String content) {
        return MockMvcRequestBuilders.multipart(url).file(new MockMultipartFile("file", "probe.csv", "text/csv", content.getBytes()));
    }

    private static AbstractMockHttpServletRequestBuilder<?> get(String url) {
        return request(HttpMethod.GET, url);
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
        d.add(new Door("PUT", "/api/v1/users/{id}/scopes", Permission.MANAGE_USERS, false,
                i -> json(HttpMethod.PUT, "/api/v1/users/999999999/scopes", "{\"scopeCodes\":[]}")));
        d.add(new Door("GET", "/api/v1/tokens", null, false, i -> request(HttpMethod.GET, "/api/v1/tokens")));
        d.add(new Door("POST", "/api/v1/tokens", null, false, i -> json(HttpMethod.POST, "/api/v1/tokens", "{\"name\":\"\"}")));
        d.add(new Door("DELETE", "/api/v1/tokens/{id}", null, false, i -> request(HttpMethod.DELETE, "/api/v1/tokens/999999999")));
        d.add(new Door("GET", "/api/v1/audit", Permission.VIEW_AUDIT, false, i -> request(HttpMethod.GET, "/api/v1/audit")));
        projectDoors(d);
        surveyDoors(d);
        knowledgeDoors(d);
        exchangeDoors(d);
        analysisDoors(d);
        monitoringDoors(d);
        return d;
    }

    /**
     * Projects: VIEW_PROJECTS to read, EDIT_PROJECTS to change, APPROVE_PLAN_CHANGES to decide on a change request;
     * a project is seen by those whose org units reach a village it serves and changed only by those who reach all its
     * villages. Probes hit the Svay Ampear pilot with bodies that fail validation, or its already approved change
     * request (409).
     */
    private static void projectDoors(List<Door> d) {
        String none = "/api/v1/projects/999999999";
        Probe kh = i -> get("/api/v1/projects/" + i.project());
        d.add(new Door("GET", "/api/v1/projects", Permission.VIEW_PROJECTS, false, i -> get("/api/v1/projects")));
        d.add(new Door("GET", "/api/v1/projects/{id}", Who.need(Permission.VIEW_PROJECTS), kh).scoped("coordinator-cn", "coordinator-la", "manager-la"));
        d.add(new Door("POST", "/api/v1/projects", Permission.EDIT_PROJECTS, false, i -> json(HttpMethod.POST, "/api/v1/projects", "{}")));
        // a save keeps what the body leaves out, so "{}" would save the project unchanged: an invalid status fails it
        String invalidStatus = "{\"status\": \"probe\"}";
        d.add(new Door("PUT", "/api/v1/projects/{id}", Who.need(Permission.EDIT_PROJECTS), i -> json(HttpMethod.PUT, "/api/v1/projects/" + i.project(), invalidStatus))
                .scoped("coordinator-cn", "coordinator-la", "manager-la")
                // the water works serve Lao PDR and Cambodia: each country's coordinator sees them but may not change them
                .outside(i -> json(HttpMethod.PUT, "/api/v1/projects/" + i.waterProject(), invalidStatus), "coordinator-kh", "coordinator-la"));
        d.add(new Door("DELETE", "/api/v1/projects/{id}", Who.need(Permission.EDIT_PROJECTS), i -> request(HttpMethod.DELETE, none))
                .onRecord(i -> request(HttpMethod.DELETE, "/api/v1/projects/" + i.project())).scoped("coordinator-cn", "manager-la"));
        d.add(new Door("POST", "/api/v1/projects/{id}/indicators/{indicatorId}/actuals", Who.need(Permission.EDIT_PROJECTS),
                i -> json(HttpMethod.POST, "/api/v1/projects/" + i.project() + "/indicators/" + i.indicator() + "/actuals", "{}")).scoped());
        d.add(new Door("GET", "/api/v1/programmes", Permission.VIEW_PROJECTS, false, i -> get("/api/v1/programmes")));
        d.add(new Door("POST", "/api/v1/programmes", Permission.EDIT_PROJECTS, false, i -> json(HttpMethod.POST, "/api/v1/programmes", "{}")));
        d.add(new Door("GET", "/api/v1/iati/activities", Permission.VIEW_PROJECTS, false, i -> get("/api/v1/iati/activities")));
        d.add(new Door("POST", "/api/v1/iati/activities", Permission.EDIT_PROJECTS, false, i -> upload("/api/v1/iati/activities", "<not-xml")));
        d.add(new Door("POST", "/api/v1/iati/activities", Permission.EDIT_PROJECTS, false,
                i -> request(HttpMethod.POST, "/api/v1/iati/activities").contentType(MediaType.APPLICATION_XML).content("<not-xml")));
        d.add(new Door("GET", "/api/v1/projects/{id}/iati", Who.need(Permission.VIEW_PROJECTS), i -> get("/api/v1/projects/" + i.project() + "/iati")).scoped());
        d.add(new Door("POST", "/api/v1/projects/{id}/change-requests", Who.need(Permission.EDIT_PROJECTS),
                i -> json(HttpMethod.POST, "/api/v1/projects/" + i.project() + "/change-requests", "{}")).scoped("coordinator-cn", "manager-la"));
        d.add(new Door("GET", "/api/v1/projects/{id}/change-requests", Who.need(Permission.VIEW_PROJECTS),
                i -> get("/api/v1/projects/" + i.project() + "/change-requests")).scoped());
        d.add(new Door("POST", "/api/v1/change-requests/{id}/approve", Who.need(Permission.APPROVE_PLAN_CHANGES),
                i -> json(HttpMethod.POST, "/api/v1/change-requests/" + i.changeRequest() + "/approve", "{}")).scoped());
        d.add(new Door("POST", "/api/v1/change-requests/{id}/reject", Who.need(Permission.APPROVE_PLAN_CHANGES),
                i -> json(HttpMethod.POST, "/api/v1/change-requests/" + i.changeRequest() + "/reject", "{}")).scoped());
        for (String part : List.of("plan-versions", "plan-diff?from=1&to=2", "monitoring", "appraisals", "evaluations", "did?dataset=NO-SUCH&variable=y",
                "report.pdf", "indicators.xlsx")) {
            String pattern = "/api/v1/projects/{id}/" + part.replaceAll("\\?.*", "");
            d.add(new Door("GET", pattern, Who.need(Permission.VIEW_PROJECTS), i -> get("/api/v1/projects/" + i.project() + "/" + part)).scoped());
        }
        d.add(new Door("POST", "/api/v1/projects/{id}/appraisals", Who.need(Permission.EDIT_PROJECTS),
                i -> json(HttpMethod.POST, "/api/v1/projects/" + i.project() + "/appraisals", "{}")).scoped());
        d.add(new Door("POST", "/api/v1/projects/{id}/evaluations", Who.need(Permission.EDIT_PROJECTS),
                i -> json(HttpMethod.POST, "/api/v1/projects/" + i.project() + "/evaluations", "{}")).scoped());
        d.add(new Door("GET", "/api/v1/outcome-datasets", Permission.VIEW_PROJECTS, false, i -> get("/api/v1/outcome-datasets")));
        d.add(new Door("POST", "/api/v1/outcome-datasets", Permission.EDIT_PROJECTS, false, i -> upload("/api/v1/outcome-datasets", "x")));
        d.add(new Door("GET", "/api/v1/projects/rollups", Permission.VIEW_PROJECTS, false, i -> get("/api/v1/projects/rollups?by=nothing")));
        d.add(new Door("GET", "/api/v1/outcome-datasets/{code}/rows", Permission.VIEW_PROJECTS, false, i -> get("/api/v1/outcome-datasets/NO-SUCH/rows")));
    }

    /**
     * Surveys (SurveyAccess): forms are designed by administrators and coordinators; rounds are run, submissions
     * reviewed, data imported by them and local officers; every role but the expert views survey data, and raw answers
     * (submission XML, the xlsx and csv exports) need VIEW_PERSONAL_DATA. Forms and rounds are seen where a round's org
     * units meet the caller's, submissions where they are placed; changing an existing form or opening and closing a
     * round needs reach over every org unit of its rounds. The probe submission is a quarantined one in Svay Ampear, so
     * approving it is a 400 and edits fail on their XML.
     */
    private static void surveyDoors(List<Door> d) {
        Role[] design = {Role.SYSTEM_ADMIN, Role.COUNTRY_COORDINATOR};
        Role[] review = {Role.SYSTEM_ADMIN, Role.COUNTRY_COORDINATOR, Role.LOCAL_OFFICER};
        Role[] view = {Role.SYSTEM_ADMIN, Role.COUNTRY_COORDINATOR, Role.LOCAL_OFFICER, Role.ENUMERATOR, Role.PROGRAMME_MANAGER, Role.VIEWER};
        String api = "/api/v1/survey";
        String form = api + "/forms/household_baseline";
        List<String> formOutsiders = List.of("coordinator-cn", "coordinator-vn", "officer-cn");
        d.add(new Door("GET", api + "/forms", Who.roles(view), i -> get(api + "/forms")));
        d.add(new Door("POST", api + "/forms", Who.roles(design), i -> upload(api + "/forms", "not a workbook")));
        d.add(new Door("GET", api + "/forms/{formId}", Who.roles(view), i -> get(form)).scoped(formOutsiders.toArray(String[]::new)));
        d.add(new Door("GET", api + "/forms/{formId}/xform", Who.roles(view), i -> get(form + "/xform")).scoped(formOutsiders.toArray(String[]::new)));
        d.add(new Door("GET", api + "/forms/{formId}/mapping", Who.roles(view), i -> get(form + "/mapping")).scoped(formOutsiders.toArray(String[]::new)));
        // the baseline form's rounds cover villages in several countries: no country's coordinator reaches them all
        Who changesBaseline = new Who("SYSTEM_ADMIN (or a designer reaching every org unit of the form's rounds)",
                u -> u != null && ROLE_OF.get(u) == Role.SYSTEM_ADMIN);
        d.add(new Door("PUT", api + "/forms/{formId}/mapping", changesBaseline, i -> json(HttpMethod.PUT, form + "/mapping", "{\"no_such_field\":\"nowhere\"}")));
        d.add(new Door("POST", api + "/forms/{formId}/import", Who.roles(review),
                i -> MockMvcRequestBuilders.multipart(form + "/import").file(new MockMultipartFile("file", "probe.csv", "text/csv", "x\n".getBytes()))
                        .param("round", "NO-SUCH-ROUND")));
        d.add(new Door("GET", api + "/forms/{formId}/export", Who.roles(view), i -> get(form + "/export?format=measure")));
        d.add(new Door("GET", api + "/forms/{formId}/export", Who.need(Permission.VIEW_PERSONAL_DATA), i -> get(form + "/export?format=csv"))
                .scoped(formOutsiders.toArray(String[]::new)));
        d.add(new Door("GET", api + "/rounds", Who.roles(view), i -> get(api + "/rounds")));
        d.add(new Door("POST", api + "/rounds", Who.roles(review), i -> json(HttpMethod.POST, api + "/rounds", "{}")));
        for (String action : List.of("close", "open")) {
            // an unknown round for those allowed; the real baseline round only for those who must be refused (a round outside is not found)
            d.add(new Door("POST", api + "/rounds/{id}/" + action, Who.roles(review), i -> request(HttpMethod.POST, api + "/rounds/999999999/" + action))
                    .onRecord(i -> request(HttpMethod.POST, api + "/rounds/" + i.round() + "/" + action)).scopedNotFound("coordinator-cn", "officer-cn")
                    // sees the round (it has a village in Laos) but does not reach its Cambodian ones
                    .outside(i -> request(HttpMethod.POST, api + "/rounds/" + i.round() + "/" + action), "coordinator-la"));
        }
        d.add(new Door("GET", api + "/submissions", Who.roles(view), i -> get(api + "/submissions")));
        String[] submissionOutsiders = {"coordinator-cn", "coordinator-la", "enumerator-la"};
        d.add(new Door("GET", api + "/submissions/{id}", Who.roles(view), i -> get(api + "/submissions/" + i.submission())).scoped(submissionOutsiders));
        d.add(new Door("GET", api + "/submissions/{id}/xml", Who.need(Permission.VIEW_PERSONAL_DATA), i -> get(api + "/submissions/" + i.submission() + "/xml"))
                .scoped(submissionOutsiders));
        d.add(new Door("GET", api + "/submissions/{id}/history", Who.roles(view), i -> get(api + "/submissions/" + i.submission() + "/history"))
                .scoped(submissionOutsiders));
        d.add(new Door("PUT", api + "/submissions/{id}/xml", Who.roles(review),
                i -> request(HttpMethod.PUT, api + "/submissions/" + i.submission() + "/xml").contentType(MediaType.TEXT_XML).content("<not-xml")).scoped());
        d.add(new Door("POST", api + "/submissions/{id}/approve", Who.roles(review), i -> json(HttpMethod.POST, api + "/submissions/" + i.submission() + "/approve", "{}"))
                .scoped());
        d.add(new Door("POST", api + "/submissions/{id}/reject", Who.roles(review), i -> json(HttpMethod.POST, api + "/submissions/" + i.submission() + "/reject", "{}"))
                .scoped());
        d.add(new Door("POST", api + "/submissions/{id}/reprocess", Who.roles(review), i -> request(HttpMethod.POST, api + "/submissions/999999999/reprocess"))
                .onRecord(i -> request(HttpMethod.POST, api + "/submissions/" + i.submission() + "/reprocess")).scoped());
    }

    /**
     * Knowledge bank (KnowledgeAccess): reads are open to anonymous callers as visibility allows (PUBLIC to everyone,
     * PARTNERS to working roles, not VIEWER; what may not be seen is not found); contributors (every working role but
     * the enumerator) add practices, documents and run matching; administrators and programme managers manage experts
     * and edit any practice, an expert edits their own profile (the demo user expert owns Li Wen's).
     */
    private static void knowledgeDoors(List<Door> d) {
        String api = "/api/v1/knowledge";
        Who contributors = Who.roles(Role.SYSTEM_ADMIN, Role.COUNTRY_COORDINATOR, Role.LOCAL_OFFICER, Role.PROGRAMME_MANAGER, Role.EXPERT);
        Who managers = Who.roles(Role.SYSTEM_ADMIN, Role.PROGRAMME_MANAGER);
        d.add(new Door("GET", api + "/search", Who.anyone(), i -> get(api + "/search?q=water")));
        d.add(new Door("GET", api + "/experts", Who.anyone(), i -> get(api + "/experts")));
        d.add(new Door("GET", api + "/experts/{id}", Who.anyone(), i -> get(api + "/experts/" + i.publicExpert())));
        d.add(new Door("GET", api + "/experts/{id}", Who.partners(), i -> get(api + "/experts/" + i.partnerExpert())).hiding());
        d.add(new Door("GET", api + "/experts/{id}/similar", Who.anyone(), i -> get(api + "/experts/" + i.partnerExpert() + "/similar")));
        d.add(new Door("POST", api + "/experts", managers, i -> json(HttpMethod.POST, api + "/experts", "{}")));
        d.add(new Door("PUT", api + "/experts/{id}", managers.orUser("expert"), i -> json(HttpMethod.PUT, api + "/experts/" + i.publicExpert(), "{}")));
        d.add(new Door("PUT", api + "/experts/{id}", managers, i -> json(HttpMethod.PUT, api + "/experts/" + i.partnerExpert(), "{}")).hiding());
        d.add(new Door("DELETE", api + "/experts/{id}", managers, i -> request(HttpMethod.DELETE, api + "/experts/999999999"))
                .onRecord(i -> request(HttpMethod.DELETE, api + "/experts/" + i.publicExpert())));
        for (String kind : List.of("practices", "documents")) {
            String one = api + "/" + kind + "/{id}";
            d.add(new Door("GET", one, Who.anyone(), i -> get(api + "/" + kind + "/" + i.publicPractice())));
            d.add(new Door("GET", one, Who.partners(), i -> get(api + "/" + kind + "/" + i.partnerPractice())).hiding());
            d.add(new Door("GET", one + "/similar", Who.partners(), i -> get(api + "/" + kind + "/" + i.partnerPractice() + "/similar")).hiding());
            // the demo practices have no file: every caller gets 404, so this only shows the door is open (no 401)
            d.add(new Door("GET", one + "/file", Who.anyone(), i -> get(api + "/" + kind + "/" + i.publicPractice() + "/file")));
            d.add(new Door("PUT", one, managers, i -> json(HttpMethod.PUT, api + "/" + kind + "/" + i.publicPractice(), "{\"language\": \"probe\"}")));
            d.add(new Door("DELETE", one, managers, i -> request(HttpMethod.DELETE, api + "/" + kind + "/999999999"))
                    .onRecord(i -> request(HttpMethod.DELETE, api + "/" + kind + "/" + i.publicPractice())));
        }
        d.add(new Door("POST", api + "/practices", contributors, i -> json(HttpMethod.POST, api + "/practices", "{}")));
        d.add(new Door("POST", api + "/documents", contributors,
                i -> MockMvcRequestBuilders.multipart(api + "/documents").file(new MockMultipartFile("file", "probe.txt", "text/plain", "probe".getBytes()))));
        d.add(new Door("POST", api + "/match", contributors, i -> json(HttpMethod.POST, api + "/match", "{}")));
        d.add(new Door("GET", api + "/index", managers, i -> get(api + "/index")));
        // a rebuild is the only allowed call and it acts: only those who must be refused are probed
        d.add(new Door("POST", api + "/index/rebuild", Who.need(Permission.MANAGE_USERS), null, i -> request(HttpMethod.POST, api + "/index/rebuild"), false, List.of()));
    }

    /**
     * Training, exchange and forum programmes (ProgrammeService): read as visibility allows (the demo programmes are
     * public); administrators, coordinators and programme managers run them; every contributor registers participants,
     * applies and gives feedback. Probes use the demo training with bodies that fail validation or name no participant.
     */
    private static void exchangeDoors(List<Door> d) {
        String api = "/api/v1/knowledge/programmes";
        Who runners = Who.roles(Role.SYSTEM_ADMIN, Role.COUNTRY_COORDINATOR, Role.PROGRAMME_MANAGER);
        Who contributors = Who.roles(Role.SYSTEM_ADMIN, Role.COUNTRY_COORDINATOR, Role.LOCAL_OFFICER, Role.PROGRAMME_MANAGER, Role.EXPERT);
        d.add(new Door("GET", api, Who.anyone(), i -> get(api)));
        d.add(new Door("GET", api + "/{id}", Who.anyone(), i -> get(api + "/" + i.programme())));
        d.add(new Door("GET", api + "/{id}/report", runners, i -> get(api + "/" + i.programme() + "/report")));
        d.add(new Door("POST", api, runners, i -> json(HttpMethod.POST, api, "{}")));
        for (String part : List.of("sessions", "visits", "outcomes", "links")) {
            d.add(new Door("POST", api + "/{id}/" + part, runners, i -> json(HttpMethod.POST, api + "/" + i.programme() + "/" + part, "{}")));
        }
        d.add(new Door("POST", api + "/sessions/{sessionId}/speakers", runners, i -> json(HttpMethod.POST, api + "/sessions/" + i.session() + "/speakers", "{}")));
        d.add(new Door("POST", api + "/sessions/{sessionId}/attendance", runners,
                i -> json(HttpMethod.POST, api + "/sessions/" + i.session() + "/attendance", "{\"participantId\":0,\"present\":true}")));
        d.add(new Door("POST", api + "/participants", contributors, i -> json(HttpMethod.POST, api + "/participants", "{}")));
        d.add(new Door("POST", api + "/{id}/applications", contributors, i -> json(HttpMethod.POST, api + "/" + i.programme() + "/applications", "{\"participantId\":0}")));
        d.add(new Door("POST", api + "/applications/{applicationId}/decision", runners,
                i -> json(HttpMethod.POST, api + "/applications/" + i.application() + "/decision", "{\"status\":\"MAYBE\"}")));
        d.add(new Door("POST", api + "/{id}/feedback", contributors, i -> json(HttpMethod.POST, api + "/" + i.programme() + "/feedback", "{\"participantId\":0,\"rating\":3}")));
        d.add(new Door("POST", api + "/{id}/certificates", runners, i -> json(HttpMethod.POST, api + "/" + i.programme() + "/certificates", "{\"participantId\":0}")));
    }

    /**
     * Monitoring: alerts and cases carry health and hardship details of households, so only the roles that work on cases
     * (administrators, coordinators, local officers) pass, inside their org units; profiles are changed by administrators
     * only. Probes use unknown ids (404), invalid bodies (400/422) or the Svay Ampear household and village (read only).
     */
    private static void monitoringDoors(List<Door> d) {
        String api = "/api/v1/monitoring";
        Who work = Who.roles(Role.SYSTEM_ADMIN, Role.COUNTRY_COORDINATOR, Role.LOCAL_OFFICER);
        String none = "999999999";
        d.add(new Door("GET", api + "/alerts", work, i -> get(api + "/alerts?country=KH&size=1")));
        d.add(new Door("GET", api + "/alerts.csv", work, i -> get(api + "/alerts.csv?country=KH&status=NEW&riskType=ACCIDENT")));
        d.add(new Door("GET", api + "/alerts/{id}", work, i -> get(api + "/alerts/" + none)));
        d.add(new Door("POST", api + "/alerts/{id}/case", work, i -> json(HttpMethod.POST, api + "/alerts/" + none + "/case", "{}")));
        d.add(new Door("POST", api + "/runs", work, i -> json(HttpMethod.POST, api + "/runs?wait=true", "{\"country\":\"XX\"}")));
        d.add(new Door("GET", api + "/runs", work, i -> get(api + "/runs?country=KH&limit=1")));
        d.add(new Door("GET", api + "/runs/{id}", work, i -> get(api + "/runs/" + none)));
        d.add(new Door("POST", api + "/households/{id}/evaluate", work, i -> request(HttpMethod.POST, api + "/households/" + none + "/evaluate")));
        d.add(new Door("GET", api + "/households/{id}/timeline", work, i -> get(api + "/households/" + i.household() + "/timeline")).scoped());
        d.add(new Door("GET", api + "/dashboard", work, i -> get(api + "/dashboard")));
        d.add(new Door("GET", api + "/notice", work, i -> get(api + "/notice?orgUnit=" + i.village())).scoped());
        d.add(new Door("GET", api + "/profiles", work, i -> get(api + "/profiles")));
        d.add(new Door("GET", api + "/profiles/{code}", work, i -> get(api + "/profiles/KH")));
        d.add(new Door("GET", api + "/profiles/{code}/versions", work, i -> get(api + "/profiles/KH/versions")));
        d.add(new Door("GET", api + "/profiles/{code}/versions/{version}", work, i -> get(api + "/profiles/KH/versions/" + none)));
        d.add(new Door("PUT", api + "/profiles/{code}", Who.roles(Role.SYSTEM_ADMIN), i -> json(HttpMethod.PUT, api + "/profiles/KH", "{}")));
        d.add(new Door("POST", api + "/dept-files", work, i -> upload(api + "/dept-files?country=KH", "household_code,kind\n")));
        d.add(new Door("GET", api + "/cases", work, i -> get(api + "/cases?size=1")));
        d.add(new Door("GET", api + "/cases.csv", work, i -> get(api + "/cases.csv?state=CLOSED")));
        d.add(new Door("POST", api + "/cases", work, i -> json(HttpMethod.POST, api + "/cases", "{}")));
        d.add(new Door("GET", api + "/cases/{id}", work, i -> get(api + "/cases/" + none)));
        d.add(new Door("POST", api + "/cases/{id}/steps", work, i -> json(HttpMethod.POST, api + "/cases/" + none + "/steps", "{\"action\":\"VERIFY\"}")));
        d.add(new Door("GET", api + "/cases/{id}/evidence/{evidenceId}", work, i -> get(api + "/cases/" + none + "/evidence/1")));
        d.add(new Door("POST", api + "/cases/{id}/support", work, i -> json(HttpMethod.POST, api + "/cases/" + none + "/support", "{}")));
        d.add(new Door("PUT", api + "/support/{id}", work, i -> json(HttpMethod.PUT, api + "/support/" + none, "{}")));
        d.add(new Door("GET", api + "/support/catalogue", work, i -> get(api + "/support/catalogue")));
    }

    /**
     * Analysis: VIEW_REGISTRY to measure a unit the caller reaches (refused before the request is checked further),
     * results only for their owner or an administrator (an unknown id is not found for everyone), price factors set by
     * administrators only.
     */
    private static void analysisDoors(List<Door> d) {
        String api = "/api/v1/analysis";
        String none = api + "/00000000-0000-0000-0000-000000000000";
        d.add(new Door("POST", api, Who.need(Permission.VIEW_REGISTRY),
                i -> json(HttpMethod.POST, api, "{\"orgUnitId\":" + i.village() + ",\"welfareUnit\":\"nonsense\"}")).scoped());
        d.add(new Door("GET", api + "/{id}", null, false, i -> get(none)));
        d.add(new Door("GET", api + "/{id}/result.csv", null, false, i -> get(none + "/result.csv")));
        d.add(new Door("GET", api + "/{id}/result.xlsx", null, false, i -> get(none + "/result.xlsx")));
        d.add(new Door("GET", api + "/lines", Permission.VIEW_REGISTRY, false, i -> get(api + "/lines?country=KH")));
        d.add(new Door("GET", api + "/factors", Permission.VIEW_REGISTRY, false, i -> get(api + "/factors?country=KH")));
        d.add(new Door("PUT", api + "/factors", Who.roles(Role.SYSTEM_ADMIN), i -> json(HttpMethod.PUT, api + "/factors", "{}")));
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

    /** The status of a probe; an exception that escapes the handlers counts as the 500 a client would get. */
    private int status(AbstractMockHttpServletRequestBuilder<?> request) throws Exception {
        try {
            return mvc.perform(request).andReturn().getResponse().getStatus();
        } catch (jakarta.servlet.ServletException e) {
            return 500;
        }
    }

    @Test
    void anonymousCallersAreRefusedEverywhere() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Door door : doors()) {
            boolean allowed = door.who().lets().test(null);
            Probe probe = allowed ? door.probe() : door.refusedProbe();
            int status = status(probe.build(ids));
            boolean ok = allowed ? !door.refused(status) && status < 500
                    : door.anonymousPassesTheFilter() ? door.refused(status) : status == 401;
            if (!ok) wrong.add(door.name() + " without credentials: " + status + (allowed ? " (should answer)" : " (should be refused)"));
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void eachRoleIsRefusedExactlyWhereItLacksThePermission() throws Exception {
        List<Integer> versions = probedVersions();
        List<String> wrong = new ArrayList<>();
        for (Door door : doors()) {
            for (String user : USERS.keySet()) {
                boolean allowed = door.who().lets().test(user);
                Probe probe = allowed ? door.probe() : door.refusedProbe();
                if (probe == null) continue;
                int status = status(probe.build(ids).with(httpBasic(user, "demo")));
                if (allowed == door.refused(status) || status >= 500) {
                    wrong.add(door.name() + " as " + user + ": " + status + (allowed ? " (should be allowed: " : " (should be refused: ") + door.who().text() + ")");
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(probedVersions()).as("versions of the probed project, water project and practice: a probe must change nothing").isEqualTo(versions);
    }

    private List<Integer> probedVersions() {
        return List.of(db.sql("select version from project where id = ?").param(ids.project()).query(Integer.class).single(),
                db.sql("select version from project where id = ?").param(ids.waterProject()).query(Integer.class).single(),
                db.sql("select version from kn_practice where id = ?").param(ids.publicPractice()).query(Integer.class).single());
    }

    @Test
    void scopedDoorsRefuseRecordsOutsideTheUsersOrgUnits() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Door door : doors()) {
            for (Outside outside : door.outside()) {
                for (String outsider : outside.users()) {
                    assertThat(door.who().lets().test(outsider)).as(outsider + " is no outsider of " + door.name() + ": the role alone refuses").isTrue();
                    int status = status(outside.probe().build(ids).with(httpBasic(outsider, "demo")));
                    if (!(status == 403 || (door.hides() || outside.notFound()) && status == 404)) wrong.add(door.name() + " as " + outsider + ": " + status);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** The open knowledge reads leave out what an anonymous caller may not see (a partners-only expert). */
    @Test
    void anonymousCallersSeeOnlyPublicKnowledge() throws Exception {
        String anonymous = mvc.perform(get("/api/v1/knowledge/experts")).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        String partner = mvc.perform(get("/api/v1/knowledge/experts").with(httpBasic("officer-kh", "demo"))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(anonymous).contains("Li Wen").doesNotContain("Sokha Chan");
        assertThat(partner).contains("Li Wen", "Sokha Chan");
        String search = mvc.perform(get("/api/v1/knowledge/search?q=Sokha%20Chan")).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(search).doesNotContain("Sokha Chan");
        String viewerSearch = mvc.perform(get("/api/v1/knowledge/search?q=Sokha%20Chan").with(httpBasic("viewer", "demo"))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(viewerSearch).doesNotContain("Sokha Chan");
        assertThat(mvc.perform(get("/api/v1/knowledge/search?q=Sokha%20Chan").with(httpBasic("expert", "demo"))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8)).contains("Sokha Chan");
    }
}
