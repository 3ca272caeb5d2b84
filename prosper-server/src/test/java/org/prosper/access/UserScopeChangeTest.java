package org.prosper.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.prosper.geo.GeoService;
import org.prosper.geo.OrgUnit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An administrator scopes a user to other org units (a merged village, an officer moved): refused for unknown and
 * retired units, audited, in force from the user's next request even in a session signed in before; a scope whose
 * unit was merged since is shown with where it went.
 */
@DatabaseTest
class UserScopeChangeTest {

    @Autowired MockMvc mvc;
    @Autowired JsonMapper json;
    @Autowired UserService users;
    @Autowired GeoService geo;
    @Autowired AuditLog audit;

    /** Two new villages beside a Cambodian pilot village, and an enumerator scoped to the first. */
    private record Fixture(String username, long userId, OrgUnit first, OrgUnit second) {
    }

    private Fixture fixture() {
        String p = "SC" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String commune = geo.unit(geo.unitByCode("KH-PILOT-ANGCHORK").orElseThrow().parentId()).code();
        OrgUnit first = geo.create(Actor.system(), new GeoService.NewUnit(p + "-A", commune, "Village A " + p, null, null, null, null));
        OrgUnit second = geo.create(Actor.system(), new GeoService.NewUnit(p + "-B", commune, "Village B " + p, null, null, null, null));
        String username = "enum-" + p.toLowerCase();
        long id = users.create(Actor.system(), new UserService.NewUser(username, "Enumerator " + p, "secret-1", Role.ENUMERATOR, "en",
                List.of(first.code())));
        return new Fixture(username, id, first, second);
    }

    private int putScopes(String as, long userId, String body) throws Exception {
        return mvc.perform(put("/api/v1/users/" + userId + "/scopes").with(httpBasic(as, "demo"))
                .contentType(MediaType.APPLICATION_JSON).content(body)).andReturn().getResponse().getStatus();
    }

    private JsonNode userRow(String username) throws Exception {
        JsonNode list = json.readTree(mvc.perform(get("/api/v1/users").with(httpBasic("admin", "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
        for (JsonNode u : list) if (u.path("username").asString().equals(username)) return u;
        throw new AssertionError("no user " + username);
    }

    @Test
    void anAdministratorChangesAScopeAndASignedInUserWorksWithItFromTheNextRequest() throws Exception {
        Fixture f = fixture();
        MockHttpSession session = (MockHttpSession) mvc.perform(formLogin("/login").user(f.username()).password("secret-1"))
                .andReturn().getRequest().getSession();
        String before = mvc.perform(get("/").session(session)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(before).contains(f.first().nameEn()).doesNotContain(f.second().nameEn());

        assertThat(putScopes("admin", f.userId(), "{\"scopeCodes\": [\"" + f.second().code() + "\"]}")).isEqualTo(204);

        String after = mvc.perform(get("/").session(session)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(after).contains(f.second().nameEn()).doesNotContain(f.first().nameEn());
        assertThat(userRow(f.username()).path("scopeCodes").toString()).isEqualTo("[\"" + f.second().code() + "\"]");
        assertThat(audit.search(Actor.system(), new AuditLog.AuditQuery("admin", "SCOPE", "user", String.valueOf(f.userId()), 0, 10)).items())
                .singleElement().satisfies(e -> assertThat(String.valueOf(e.after())).contains(f.second().code()));
    }

    @Test
    void unknownAndRetiredUnitsAndOtherRolesAreRefusedAndNothingChanges() throws Exception {
        Fixture f = fixture();
        assertThat(putScopes("coordinator-kh", f.userId(), "{\"scopeCodes\": [\"" + f.second().code() + "\"]}")).isEqualTo(403);
        mvc.perform(post("/admin/users/" + f.userId() + "/scopes").with(csrf()).with(user(users.loadUserByUsername("coordinator-kh")))
                .param("scopes", f.second().code())).andExpect(status().isForbidden());
        assertThat(putScopes("admin", f.userId(), "{\"scopeCodes\": [\"NO-SUCH-UNIT\"]}")).isEqualTo(400);
        geo.merge(Actor.system(), List.of(f.second().id()), f.first().id(), null, "villages merged");
        var refused = mvc.perform(put("/api/v1/users/" + f.userId() + "/scopes").with(httpBasic("admin", "demo"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"scopeCodes\": [\"" + f.second().code() + "\"]}")).andReturn().getResponse();
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString()).contains("scope: " + f.second().code() + " was retired (now " + f.first().code() + ")");
        JsonNode problem = json.readTree(refused.getContentAsString(StandardCharsets.UTF_8)).path("problems").get(0);
        assertThat(problem.path("field").asString()).isEqualTo("scope");
        assertThat(problem.path("key").asString()).isEqualTo("problem.unit.retiredNow");
        assertThat(problem.path("args").toString()).isEqualTo("[\"" + f.second().code() + "\",\"" + f.first().code() + "\"]");
        assertThat(putScopes("admin", 999_999_999L, "{\"scopeCodes\": []}")).isEqualTo(404);
        assertThat(userRow(f.username()).path("scopeCodes").toString()).isEqualTo("[\"" + f.first().code() + "\"]");
        assertThat(users.loadUserByUsername(f.username()).scopePaths()).containsExactly(f.first().path());
    }

    @Test
    void aScopeWhoseVillageWasMergedSaysWhereItWentAndIsChangedFromThePage() throws Exception {
        Fixture f = fixture();
        geo.merge(Actor.system(), List.of(f.first().id()), f.second().id(), null, "villages merged");
        String expected = f.first().code() + " was retired (now " + f.second().code() + ")";
        assertThat(userRow(f.username()).path("retiredScopes").toString()).contains(expected);
        String page = mvc.perform(get("/admin/users").with(user(users.loadUserByUsername("admin")))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("retired: " + expected);
        String home = mvc.perform(get("/").with(user(users.loadUserByUsername(f.username())))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(home).contains("id=\"retired-scopes\"").contains(expected);

        mvc.perform(post("/admin/users/" + f.userId() + "/scopes").with(csrf()).with(user(users.loadUserByUsername("admin")))
                .param("scopes", f.second().code())).andExpect(status().is3xxRedirection());
        assertThat(userRow(f.username()).path("retiredScopes").size()).isZero();
        assertThat(users.loadUserByUsername(f.username()).scopePaths()).containsExactly(f.second().path());
        assertThat(mvc.perform(get("/").with(user(users.loadUserByUsername(f.username())))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8)).doesNotContain("id=\"retired-scopes\"");

        String refused = mvc.perform(post("/admin/users/" + f.userId() + "/scopes").with(csrf()).with(user(users.loadUserByUsername("admin")))
                .param("scopes", f.first().code())).andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(refused).contains("id=\"scope-problem\"").contains("Scope: " + expected);
        assertThat(users.loadUserByUsername(f.username()).scopePaths()).containsExactly(f.second().path());
    }
}
