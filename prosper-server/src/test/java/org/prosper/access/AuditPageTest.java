package org.prosper.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

@DatabaseTest
class AuditPageTest {

    @Autowired MockMvc mvc;
    @Autowired UserService users;
    @Autowired AuditLog audit;

    private RequestPostProcessor as(String username) {
        return user(users.loadUserByUsername(username));
    }

    /** Three entries by an actor no other test uses: two updates of one household, one deletion of another. */
    private String actorWithEntries() {
        String name = "auditee-" + UUID.randomUUID().toString().substring(0, 8);
        Actor actor = new Actor(0, name, Role.SYSTEM_ADMIN, List.of("/"));
        audit.record(actor, "UPDATE", "household", "H-1", "/1/", new TreeMap<>(Map.of("phone", "012", "size", 4, "status", "POOR")),
                new TreeMap<>(Map.of("phone", "099", "size", 5, "status", "POOR")));
        audit.record(actor, "UPDATE", "household", "H-1", "/1/", Map.of("status", "POOR"), Map.of("status", "EX_POOR"));
        audit.record(actor, "DELETE", "household", "H-2", "/1/", Map.of("code", "H-2"), null, "duplicate of H-1");
        return name;
    }

    @Test
    void rolesWithoutViewAuditGetTheForbiddenPage() throws Exception {
        for (String name : List.of("coordinator-kh", "officer-kh", "viewer", "expert")) {
            mvc.perform(get("/admin/audit").with(as(name)))
                    .andExpect(status().isForbidden())
                    .andExpect(content().string(containsString("You may not see or change this.")));
        }
        mvc.perform(get("/admin/audit").with(as("admin"))).andExpect(status().isOk());
    }

    @Test
    void filtersByActorActionRecordTypeAndId() throws Exception {
        String actor = actorWithEntries();
        mvc.perform(get("/admin/audit").param("actor", actor).with(as("admin")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Entries found: 3")))
                .andExpect(content().string(containsString("duplicate of H-1")));
        mvc.perform(get("/admin/audit").param("actor", actor).param("action", "UPDATE").with(as("admin")))
                .andExpect(content().string(containsString("Entries found: 2")))
                .andExpect(content().string(not(containsString("duplicate of H-1"))));
        mvc.perform(get("/admin/audit").param("actor", actor).param("entityType", "household").param("entityId", "H-2").with(as("admin")))
                .andExpect(content().string(containsString("Entries found: 1")))
                .andExpect(content().string(containsString("duplicate of H-1")));
        mvc.perform(get("/admin/audit").param("actor", actor).param("entityType", "org_unit").with(as("admin")))
                .andExpect(content().string(containsString("Entries found: 0")))
                .andExpect(content().string(containsString("No entries match.")));
    }

    @Test
    void beforeAndAfterAreIndentedAndTheChangedFieldsNamed() throws Exception {
        String actor = actorWithEntries();
        String page = mvc.perform(get("/admin/audit").param("actor", actor).param("action", "UPDATE").with(as("admin")))
                .andReturn().getResponse().getContentAsString();
        // the first update changed phone and size but not status; the second changed only status
        assertThat(page).contains("<code>phone</code><span>, </span><code>size</code>", "<code>status</code>");
        assertThat(page.split("<code>status").length - 1).isEqualTo(1);
        assertThat(page).containsPattern("<pre class=\"json\">\\{\\R  &quot;phone&quot; : &quot;012&quot;,\\R  &quot;size&quot; : 4,");
    }

    @Test
    void pagesThroughLongResults() throws Exception {
        String actor = actorWithEntries();
        // newest first: the deletion and the second update, then the first update
        mvc.perform(get("/admin/audit").param("actor", actor).param("size", "2").with(as("admin")))
                .andExpect(content().string(containsString("Page 1 of 2")))
                .andExpect(content().string(containsString("id=\"audit-next\"")))
                .andExpect(content().string(containsString("duplicate of H-1")))
                .andExpect(content().string(not(containsString("&quot;phone&quot;"))));
        mvc.perform(get("/admin/audit").param("actor", actor).param("size", "2").param("page", "1").with(as("admin")))
                .andExpect(content().string(containsString("Page 2 of 2")))
                .andExpect(content().string(containsString("&quot;phone&quot;")))
                .andExpect(content().string(not(containsString("duplicate of H-1"))))
                .andExpect(content().string(not(containsString("id=\"audit-next\""))));
    }

    @Test
    void theLogHasNoWritePath() throws Exception {
        String actor = actorWithEntries();
        mvc.perform(post("/admin/audit").param("actor", actor).with(csrf()).with(as("admin"))).andExpect(status().is4xxClientError());
        mvc.perform(put("/admin/audit").with(csrf()).with(as("admin"))).andExpect(status().is4xxClientError());
        mvc.perform(delete("/admin/audit").with(csrf()).with(as("admin"))).andExpect(status().is4xxClientError());
        assertThat(audit.search(Actor.system(), new AuditLog.AuditQuery(actor, null, null, null, 0, 10)).total()).isEqualTo(3);
    }
}
