package org.prosper.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.cookie;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The users page (MANAGE_USERS) and every user's account page. */
@DatabaseTest
class UserPageTest {

    @Autowired MockMvc mvc;
    @Autowired UserService users;
    @Autowired AuditLog audit;
    @Autowired ApiTokenService tokens;

    private RequestPostProcessor as(String username) {
        return user(users.loadUserByUsername(username));
    }

    private static String uniqueName() {
        return "p" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void onlyUserManagersSeeOrChangeUsers() throws Exception {
        for (String name : List.of("coordinator-kh", "officer-kh", "manager", "viewer")) {
            mvc.perform(get("/admin/users").with(as(name))).andExpect(status().isForbidden());
        }
        String wanted = uniqueName();
        mvc.perform(post("/admin/users").with(csrf()).with(as("coordinator-kh"))
                        .param("username", wanted).param("password", "secret-1").param("role", "SYSTEM_ADMIN"))
                .andExpect(status().isForbidden());
        assertThat(users.find(wanted)).isEmpty();
    }

    @Test
    void listsUsersWithRoleScopeAndState() throws Exception {
        mvc.perform(get("/admin/users").with(as("admin")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("data-username=\"officer-kh\"")))
                .andExpect(content().string(containsString("Local officer")))
                .andExpect(content().string(containsString("Kien Svay")));
    }

    @Test
    void createsAUserWithRoleAndScopes() throws Exception {
        String name = uniqueName();
        mvc.perform(post("/admin/users").with(csrf()).with(as("admin"))
                        .param("username", name).param("displayName", "Officer " + name).param("password", "secret-1")
                        .param("role", "LOCAL_OFFICER").param("locale", "zh").param("scopes", "KH-PILOT-SVAYAMPEAR, KH-PILOT-ANGCHORK"))
                .andExpect(redirectedUrl("/admin/users"))
                .andExpect(flash().attribute("noticeKey", "users.created"));
        ProsperUser created = users.loadUserByUsername(name);
        assertThat(created.role()).isEqualTo(Role.LOCAL_OFFICER);
        assertThat(created.locale()).isEqualTo("zh");
        assertThat(created.scopePaths()).hasSize(2);
        mvc.perform(get("/api/v1/me").with(httpBasic(name, "secret-1"))).andExpect(status().isOk());
    }

    @Test
    void aRefusedUserIsExplainedAndNothingIsWritten() throws Exception {
        String name = uniqueName();
        mvc.perform(post("/admin/users").with(csrf()).with(as("admin"))
                        .param("username", name).param("password", "secret-1").param("role", "VIEWER").param("scopes", "KH, NOWHERE-" + name))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Scope: no org unit with code NOWHERE-" + name)))
                .andExpect(content().string(containsString("value=\"" + name + "\"")));
        assertThat(users.find(name)).isEmpty();
        mvc.perform(post("/admin/users").with(csrf()).with(as("admin"))
                        .param("username", "officer-kh").param("password", "secret-1").param("role", "VIEWER"))
                .andExpect(content().string(containsString("Username: officer-kh is taken")));
        // in the reader's language, the field named by the form's label
        mvc.perform(post("/admin/users").with(csrf()).with(as("admin")).param("lang", "zh")
                        .param("username", "officer-kh").param("password", "secret-1").param("role", "VIEWER"))
                .andExpect(content().string(containsString("用户名：officer-kh 已被使用")));
        mvc.perform(post("/admin/users").with(csrf()).with(as("admin")).param("lang", "zh")
                        .param("username", name).param("password", "abc").param("role", "VIEWER"))
                .andExpect(content().string(containsString("密码：至少 4 个字符")));
        assertThat(users.find(name)).isEmpty();
    }

    @Test
    void postsWithoutTheCsrfTokenAreRefused() throws Exception {
        String name = uniqueName();
        mvc.perform(post("/admin/users").with(as("admin")).param("username", name).param("password", "secret-1").param("role", "VIEWER"))
                .andExpect(status().isForbidden());
        assertThat(users.find(name)).isEmpty();
        mvc.perform(post("/account/tokens").with(as("viewer")).param("name", "no csrf")).andExpect(status().isForbidden());
        mvc.perform(post("/account/language").with(as("viewer")).param("lang", "zh")).andExpect(status().isForbidden());
    }

    @Test
    void aLockedUserIsShownAndCanBeUnlockedWithAnAuditEntry() throws Exception {
        String name = uniqueName();
        long id = users.create(Actor.system(), new UserService.NewUser(name, name, "secret-1", Role.VIEWER, "en", List.of("KH")));
        for (int i = 0; i < 5; i++) users.recordFailedLogin(name);
        assertThat(users.loadUserByUsername(name).isAccountNonLocked()).isFalse();
        mvc.perform(get("/admin/users").with(as("admin")))
                .andExpect(content().string(containsString("/admin/users/" + id + "/unlock")));
        mvc.perform(post("/admin/users/" + id + "/unlock").with(csrf()).with(as("coordinator-kh"))).andExpect(status().isForbidden());
        assertThat(users.loadUserByUsername(name).isAccountNonLocked()).isFalse();
        mvc.perform(post("/admin/users/" + id + "/unlock").with(csrf()).with(as("admin")))
                .andExpect(redirectedUrl("/admin/users"));
        assertThat(users.loadUserByUsername(name).isAccountNonLocked()).isTrue();
        mvc.perform(get("/api/v1/me").with(httpBasic(name, "secret-1"))).andExpect(status().isOk());
        assertThat(audit.search(Actor.system(), new AuditLog.AuditQuery("admin", "UNLOCK", "user", String.valueOf(id), 0, 5)).total())
                .isEqualTo(1);
        mvc.perform(post("/admin/users/987654321/unlock").with(csrf()).with(as("admin"))).andExpect(status().isNotFound());
    }

    @Test
    void aTokenSecretIsShownOnceWorksAndStopsWorkingWhenRevoked() throws Exception {
        String name = uniqueName();
        users.create(Actor.system(), new UserService.NewUser(name, name, "secret-1", Role.VIEWER, "en", List.of("KH")));
        var created = mvc.perform(post("/account/tokens").with(csrf()).with(as(name)).param("name", "laptop"))
                .andExpect(redirectedUrl("/account"))
                .andReturn();
        String token = (String) created.getFlashMap().get("newToken");
        assertThat(token).startsWith("pt_");
        mvc.perform(get("/account").with(as(name)).flashAttrs(created.getFlashMap()))
                .andExpect(content().string(containsString(token)));
        String later = mvc.perform(get("/account").with(as(name))).andReturn().getResponse().getContentAsString();
        assertThat(later).contains("laptop").doesNotContain(token);
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token)).andExpect(status().isOk());

        long tokenId = tokens.list(users.loadUserByUsername(name).actor()).getFirst().id();
        mvc.perform(post("/account/tokens/" + tokenId + "/revoke").with(csrf()).with(as("viewer"))).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token)).andExpect(status().isOk());
        mvc.perform(post("/account/tokens/" + tokenId + "/revoke").with(csrf()).with(as(name))).andExpect(redirectedUrl("/account"));
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token)).andExpect(status().isUnauthorized());

        mvc.perform(post("/account/tokens").with(csrf()).with(as(name)).param("name", " "))
                .andExpect(flash().attribute("problem", "Name: 1 to 100 characters"));
    }

    @Test
    void thePreferredLanguageIsSavedAndApplied() throws Exception {
        String name = uniqueName();
        users.create(Actor.system(), new UserService.NewUser(name, name, "secret-1", Role.VIEWER, "en", List.of("KH")));
        mvc.perform(post("/account/language").with(csrf()).with(as(name)).param("lang", "zh"))
                .andExpect(redirectedUrl("/account"))
                .andExpect(cookie().value("prosper-lang", "zh"));
        assertThat(users.loadUserByUsername(name).locale()).isEqualTo("zh");
        // without the cookie, the saved preference decides
        mvc.perform(get("/account").with(as(name))).andExpect(content().string(containsString("我的账户")));
        mvc.perform(post("/account/language").with(csrf()).with(as(name)).param("lang", "xx"))
                .andExpect(flash().attribute("problem", "Preferred language: 'xx' is not an offered language"));
        assertThat(users.loadUserByUsername(name).locale()).isEqualTo("zh");
    }
}
