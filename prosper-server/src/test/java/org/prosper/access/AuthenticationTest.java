package org.prosper.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;

@DatabaseTest
class AuthenticationTest {

    @Autowired MockMvc mvc;
    @Autowired UserService users;
    @Autowired ApiTokenService tokens;
    @Autowired PasswordEncoder passwords;

    private String newUser(Role role) {
        String name = "u" + UUID.randomUUID().toString().substring(0, 8);
        users.create(Actor.system(), new UserService.NewUser(name, "Test " + name, "secret-1", role, "en", List.of("KH")));
        return name;
    }

    @Test
    void passwordsAreStoredAsBcryptHashes() {
        String name = newUser(Role.VIEWER);
        String hash = users.loadUserByUsername(name).getPassword();
        assertThat(hash).startsWith("$2").doesNotContain("secret-1");
        assertThat(passwords.matches("secret-1", hash)).isTrue();
    }

    @Test
    void aUserGivenTheSameOrgUnitTwiceGetsItOnceAndOneWithoutARoleIsRefused() {
        String name = "u" + UUID.randomUUID().toString().substring(0, 8);
        users.create(Actor.system(), new UserService.NewUser(name, "Twice", "secret-1", Role.LOCAL_OFFICER, "en", List.of("KH", "KH")));
        assertThat(users.find(name).orElseThrow().scopePaths()).hasSize(1);
        String other = "u" + UUID.randomUUID().toString().substring(0, 8);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> users.create(Actor.system(),
                        new UserService.NewUser(other, "No role", "secret-1", null, "en", List.of("KH"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("role: required, one of");
        assertThat(users.find(other)).isEmpty();
    }

    @Test
    void onlyRolesThatCollectDataWithSurveyAppsHaveDigestCredentials() throws Exception {
        for (Role role : Role.values()) {
            String name = newUser(role);
            assertThat(users.digestHa1(name).isPresent()).as(role.name()).isEqualTo(role == Role.ENUMERATOR || role == Role.LOCAL_OFFICER);
        }
        assertThat(users.digestHa1("admin")).isEmpty();
        assertThat(users.digestHa1("coordinator-kh")).isEmpty();
        assertThat(users.digestHa1("enumerator-kh")).isPresent();
        // an administrator still signs in to the survey endpoints, with Basic
        mvc.perform(get("/openrosa/formList").with(httpBasic("admin", "demo"))).andExpect(status().isOk());
    }

    @Test
    void accountLocksAfterFiveFailedLoginsEvenForTheRightPassword() throws Exception {
        String name = newUser(Role.VIEWER);
        for (int i = 0; i < 5; i++) {
            mvc.perform(post("/login").with(csrf()).param("username", name).param("password", "wrong"))
                    .andExpect(redirectedUrl("/login?error"));
        }
        assertThat(users.loadUserByUsername(name).isAccountNonLocked()).isFalse();
        mvc.perform(post("/login").with(csrf()).param("username", name).param("password", "secret-1"))
                .andExpect(redirectedUrl("/login?error"));
        mvc.perform(get("/api/v1/me").with(httpBasic(name, "secret-1"))).andExpect(status().isUnauthorized());
    }

    @Test
    void successfulLoginResetsTheFailureCount() throws Exception {
        String name = newUser(Role.VIEWER);
        for (int i = 0; i < 4; i++) {
            mvc.perform(post("/login").with(csrf()).param("username", name).param("password", "wrong"));
        }
        mvc.perform(post("/login").with(csrf()).param("username", name).param("password", "secret-1"))
                .andExpect(redirectedUrl("/"));
        for (int i = 0; i < 4; i++) {
            mvc.perform(post("/login").with(csrf()).param("username", name).param("password", "wrong"));
        }
        assertThat(users.loadUserByUsername(name).isAccountNonLocked()).isTrue();
    }

    @Test
    void pagesTellTheBrowserToRunOnlyTheServersScriptsAndToKeepTheirAddressesToThemselves() throws Exception {
        for (String page : List.of("/login", "/households?q=Sok")) {
            var r = mvc.perform(get(page).with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                    .user(users.loadUserByUsername("officer-kh")))).andReturn().getResponse();
            assertThat(r.getHeader("Content-Security-Policy")).as(page).contains("script-src 'self';").contains("frame-ancestors 'none'");
            assertThat(r.getHeader("Referrer-Policy")).as(page).isEqualTo("same-origin");
            assertThat(r.getHeader("X-Content-Type-Options")).as(page).isEqualTo("nosniff");
        }
    }

    @Test
    void loginFormRequiresCsrfToken() throws Exception {
        mvc.perform(post("/login").param("username", "admin").param("password", "demo")).andExpect(status().isForbidden());
    }

    @Test
    void pagesRedirectAnonymousUsersToLogin() throws Exception {
        mvc.perform(get("/households")).andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", org.hamcrest.Matchers.endsWith("/login")));
    }

    @Test
    void apiTokensAuthenticateUntilRevoked() throws Exception {
        String name = newUser(Role.COUNTRY_COORDINATOR);
        Actor actor = users.loadUserByUsername(name).actor();
        String token = tokens.create(actor, "field tablet sync");
        assertThat(tokens.list(actor).getFirst().lastUsed()).isNull();
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token))
                .andExpect(status().isOk()).andExpect(jsonPath("$.username").value(name));
        java.time.Instant firstUse = tokens.list(actor).getFirst().lastUsed();
        assertThat(firstUse).isNotNull();
        mvc.perform(get("/api/v1/households?country=KH&size=1").header("Authorization", "Bearer " + token))
                .andExpect(status().isOk());
        assertThat(tokens.list(actor).getFirst().lastUsed()).as("written at most once a minute, not on every request").isEqualTo(firstUse);
        long id = tokens.list(actor).getFirst().id();
        tokens.revoke(actor, id);
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token)).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer pt_made-up")).andExpect(status().isUnauthorized());
    }

    @Test
    void tokenSecretIsNotStored() {
        String name = newUser(Role.VIEWER);
        Actor actor = users.loadUserByUsername(name).actor();
        String token = tokens.create(actor, "t");
        assertThat(ApiTokenService.hash(token)).hasSize(64).isNotEqualTo(token);
    }

    @Test
    void onlyAdministratorsManageUsersAndReadTheAuditLog() throws Exception {
        mvc.perform(get("/api/v1/users").with(httpBasic("coordinator-kh", "demo"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/audit").with(httpBasic("coordinator-kh", "demo"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/audit").with(httpBasic("admin", "demo"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.total").isNumber());
    }
}
