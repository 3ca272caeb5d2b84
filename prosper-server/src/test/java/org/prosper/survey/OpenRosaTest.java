package org.prosper.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.prosper.survey.SurveyFixtures.*;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.prosper.access.Actor;
import org.prosper.access.DigestRealm;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@DatabaseTest
class OpenRosaTest {

    @Autowired MockMvc mvc;
    @Autowired FormService forms;
    @Autowired RoundService rounds;
    @Autowired SubmissionService submissions;
    @Autowired JdbcClient db;
    @LocalServerPort int port;

    private ResultActions submit(String user, String xml) throws Exception {
        return mvc.perform(multipart("/openrosa/submission")
                .file(new MockMultipartFile("xml_submission_file", "submission.xml", "text/xml", xml.getBytes(StandardCharsets.UTF_8)))
                .with(httpBasic(user, "demo")));
    }

    private long stored(String instanceId) {
        return db.sql("select count(*) from survey_submission where instance_id = ?").param(instanceId).query(Long.class).single();
    }

    private long total() {
        return db.sql("select count(*) from survey_submission").query(Long.class).single();
    }

    @Test
    void formListShowsOnlyFormsOfRoundsInTheEnumeratorsScope() throws Exception {
        String khForm = formWithRound(forms, rounds, KH_VILLAGE);
        String kh = mvc.perform(get("/openrosa/formList").with(httpBasic("enumerator-kh", "demo")))
                .andExpect(status().isOk()).andExpect(header().string("X-OpenRosa-Version", "1.0"))
                .andReturn().getResponse().getContentAsString();
        assertThat(kh).contains("<formID>household_baseline</formID>").contains("<formID>" + khForm + "</formID>")
                .contains("<hash>md5:").contains("/openrosa/forms/" + khForm + "/1/form.xml").contains("<manifestUrl>");
        String la = mvc.perform(get("/openrosa/formList").with(httpBasic("enumerator-la", "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(la).contains("<formID>household_baseline</formID>").doesNotContain(khForm);
    }

    @Test
    void formDownloadAndManifest() throws Exception {
        String khForm = formWithRound(forms, rounds, KH_VILLAGE);
        String xform = mvc.perform(get("/openrosa/forms/" + khForm + "/1/form.xml").with(httpBasic("enumerator-kh", "demo")))
                .andExpect(status().isOk()).andExpect(header().string("X-OpenRosa-Version", "1.0"))
                .andReturn().getResponse().getContentAsString();
        assertThat(xform).contains("<h:html").contains("id=\"" + khForm + "\"").contains("jr:preload=\"uid\"");
        assertThat(DigestRealm.md5(xform)).isEqualTo(forms.find(khForm, "1").orElseThrow().md5());
        mvc.perform(get("/openrosa/forms/" + khForm + "/1/manifest").with(httpBasic("enumerator-kh", "demo")))
                .andExpect(status().isOk()).andExpect(content().string(org.hamcrest.Matchers.containsString("xformsManifest")));
        mvc.perform(get("/openrosa/forms/" + khForm + "/1/form.xml").with(httpBasic("enumerator-la", "demo"))).andExpect(status().isForbidden());
        mvc.perform(get("/openrosa/forms/" + khForm + "/9/form.xml").with(httpBasic("enumerator-kh", "demo"))).andExpect(status().isNotFound());
    }

    @Test
    void headAnnouncesTheSizeLimit() throws Exception {
        mvc.perform(head("/openrosa/submission").with(httpBasic("enumerator-kh", "demo")))
                .andExpect(status().isNoContent()).andExpect(header().string("X-OpenRosa-Version", "1.0"))
                .andExpect(header().exists("X-OpenRosa-Accept-Content-Length"));
    }

    @Test
    void submissionIsStoredAnsweredWith201AndADuplicateWith202() throws Exception {
        String khForm = formWithRound(forms, rounds, KH_VILLAGE);
        String id = instanceId();
        String xml = simpleXml(khForm, id, KH_HOUSEHOLD, KH_VILLAGE);
        String body = submit("enumerator-kh", xml).andExpect(status().isCreated()).andExpect(header().string("X-OpenRosa-Version", "1.0"))
                .andReturn().getResponse().getContentAsString();
        assertThat(body).contains("<OpenRosaResponse xmlns=\"http://openrosa.org/http/response\">").contains("submit_success");
        assertThat(stored(id)).isEqualTo(1);
        assertThat(db.sql("select xml from survey_submission where instance_id = ?").param(id).query(String.class).single()).isEqualTo(xml);
        submit("enumerator-kh", xml).andExpect(status().isAccepted()).andExpect(content().string(org.hamcrest.Matchers.containsString("Duplicate")));
        assertThat(stored(id)).isEqualTo(1);
    }

    @Test
    void attachmentsAreStoredWithTheSubmission() throws Exception {
        String khForm = formWithRound(forms, rounds, KH_VILLAGE);
        String id = instanceId();
        mvc.perform(multipart("/openrosa/submission")
                        .file(new MockMultipartFile("xml_submission_file", "submission.xml", "text/xml", simpleXml(khForm, id, KH_HOUSEHOLD, KH_VILLAGE).getBytes(StandardCharsets.UTF_8)))
                        .file(new MockMultipartFile("photo.jpg", "photo.jpg", "image/jpeg", new byte[] {1, 2, 3}))
                        .with(httpBasic("enumerator-kh", "demo")))
                .andExpect(status().isCreated());
        long sid = db.sql("select id from survey_submission where instance_id = ?").param(id).query(Long.class).single();
        assertThat(submissions.attachments(Actor.system(), sid)).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("photo.jpg");
            assertThat(a.data()).containsExactly(1, 2, 3);
        });
    }

    @Test
    void requestsThatAreNotSubmissionsGet400AndNothingIsStored() throws Exception {
        String khForm = formWithRound(forms, rounds, KH_VILLAGE);
        long before = total();
        String malformed = simpleXml(khForm, instanceId(), KH_HOUSEHOLD, KH_VILLAGE).replace("</village>", "</vilage>");
        submit("enumerator-kh", malformed).andExpect(status().isBadRequest())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("not well formed")));
        mvc.perform(multipart("/openrosa/submission").file(new MockMultipartFile("other", "x.txt", "text/plain", new byte[] {1}))
                        .with(httpBasic("enumerator-kh", "demo")))
                .andExpect(status().isBadRequest()).andExpect(content().string(org.hamcrest.Matchers.containsString("no xml_submission_file")));
        mvc.perform(post("/openrosa/submission").contentType("text/xml").content("<a/>").with(httpBasic("enumerator-kh", "demo")))
                .andExpect(status().isBadRequest());
        submit("enumerator-kh", simpleXml("no_such_form", instanceId(), KH_HOUSEHOLD, KH_VILLAGE)).andExpect(status().isBadRequest())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("unknown form no_such_form")));
        submit("enumerator-kh", simpleXml(khForm, "7", instanceId(), KH_HOUSEHOLD, KH_VILLAGE, "1", List.of())).andExpect(status().isBadRequest())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("version 7")));
        submit("enumerator-kh", simpleXml(khForm, "", KH_HOUSEHOLD, KH_VILLAGE)).andExpect(status().isBadRequest())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("instanceID")));
        assertThat(total()).isEqualTo(before);
    }

    @Test
    void oversizedSubmissionGets413() throws Exception {
        String khForm = formWithRound(forms, rounds, KH_VILLAGE);
        long limit = Long.parseLong(mvc.perform(head("/openrosa/submission").with(httpBasic("enumerator-kh", "demo")))
                .andReturn().getResponse().getHeader("X-OpenRosa-Accept-Content-Length"));
        String id = instanceId();
        mvc.perform(multipart("/openrosa/submission")
                        .file(new MockMultipartFile("xml_submission_file", "submission.xml", "text/xml", simpleXml(khForm, id, KH_HOUSEHOLD, KH_VILLAGE).getBytes(StandardCharsets.UTF_8)))
                        .file(new MockMultipartFile("video.mp4", "video.mp4", "video/mp4", new byte[(int) limit + 1]))
                        .with(httpBasic("enumerator-kh", "demo")))
                .andExpect(status().isPayloadTooLarge());
        assertThat(stored(id)).isZero();

        // the answers' XML has a limit of its own, below the submission's (which is for its media)
        String padded = simpleXml(khForm, id, KH_HOUSEHOLD, KH_VILLAGE).replace("<assets_other>boat</assets_other>",
                "<assets_other>" + "b".repeat((int) OpenRosaController.MAX_XML_BYTES) + "</assets_other>");
        String answer = mvc.perform(multipart("/openrosa/submission")
                        .file(new MockMultipartFile("xml_submission_file", "submission.xml", "text/xml", padded.getBytes(StandardCharsets.UTF_8)))
                        .with(httpBasic("enumerator-kh", "demo")))
                .andExpect(status().isPayloadTooLarge()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(answer).contains("over the limit of 10485760 bytes for a form&#39;s answers");
        assertThat(stored(id)).isZero();
    }

    @Test
    void outOfScopeSubmissionsAreRefusedWith403AndNotStored() throws Exception {
        String khForm = formWithRound(forms, rounds, KH_VILLAGE);
        String id = instanceId();
        submit("enumerator-la", simpleXml(khForm, id, KH_HOUSEHOLD, KH_VILLAGE)).andExpect(status().isForbidden());
        // the shared baseline form is in both enumerators' scope, but not a household of the other village
        String baseline = "<household_baseline id=\"household_baseline\" version=\"" + forms.find("household_baseline", null).orElseThrow().version()
                + "\"><country>KH</country><village>" + KH_VILLAGE + "</village><household_id>" + KH_HOUSEHOLD
                + "</household_id><meta><instanceID>" + id + "</instanceID></meta></household_baseline>";
        submit("enumerator-la", baseline).andExpect(status().isForbidden())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("outside the org units of enumerator-la")));
        String newInKh = baseline.replace(KH_HOUSEHOLD, unique("KH-NEW").toUpperCase().replace('_', '-'));
        submit("enumerator-la", newInKh).andExpect(status().isForbidden());
        assertThat(stored(id)).isZero();
        submit("enumerator-kh", baseline).andExpect(status().isCreated());
        assertThat(stored(id)).isEqualTo(1);
    }

    @Test
    void theAppShowsTheEnumeratorTheAnswerInTheLanguageOfTheirAccount() throws Exception {
        String khForm = formWithRound(forms, rounds, KH_VILLAGE);
        String id = instanceId();
        String xml = simpleXml(khForm, id, KH_HOUSEHOLD, KH_VILLAGE);
        try {
            users.setLocale("enumerator-kh", "zh");
            users.setLocale("enumerator-la", "zh");
            String received = submit("enumerator-kh", xml).andExpect(status().isCreated()).andReturn().getResponse()
                    .getContentAsString(StandardCharsets.UTF_8);
            assertThat(received).contains("<message nature=\"submit_success\">表单已收到：" + id + "</message>");
            assertThat(submit("enumerator-kh", xml).andExpect(status().isAccepted()).andReturn().getResponse()
                    .getContentAsString(StandardCharsets.UTF_8)).contains("重复提交：" + id);
            // refused: a sentence in the enumerator's language, the server's reason after it
            String refused = submit("enumerator-la", simpleXml(khForm, instanceId(), KH_HOUSEHOLD, KH_VILLAGE))
                    .andExpect(status().isForbidden()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
            assertThat(refused).contains("<message nature=\"error\">您无权在此发送此表单（form " + khForm);
            users.setLocale("enumerator-kh", "km");
            String khmer = submit("enumerator-kh", simpleXml("no_such_form", instanceId(), KH_HOUSEHOLD, KH_VILLAGE))
                    .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
            assertThat(khmer).contains("unknown form no_such_form").doesNotContain("The server did not accept", "服务器");
        } finally {
            users.setLocale("enumerator-kh", "en");
            users.setLocale("enumerator-la", "en");
        }
        assertThat(submit("enumerator-kh", simpleXml(khForm, instanceId(), KH_HOUSEHOLD, KH_VILLAGE)).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8)).contains("Form received: ");
    }

    @Test
    void unauthenticatedRequestsGetBothChallengesDigestFirst() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/openrosa/formList")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("X-OpenRosa-Version")).contains("1.0");
        List<String> challenges = r.headers().allValues("WWW-Authenticate");
        assertThat(challenges).hasSize(2);
        assertThat(challenges.get(0)).startsWith("Digest ").contains("realm=\"Prosper\"").contains("nonce=");
        assertThat(challenges.get(1)).startsWith("Basic ");
        HttpResponse<String> wrong = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/openrosa/formList"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("enumerator-kh:wrong".getBytes())).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(401);
    }

    @Test
    void basicAndDigestAuthenticationOverHttp() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String url = "http://localhost:" + port + "/openrosa/formList";
        HttpResponse<String> basic = client.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("enumerator-kh:demo".getBytes())).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(basic.statusCode()).isEqualTo(200);
        assertThat(basic.body()).contains("household_baseline");

        HttpResponse<String> challenge = client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        String digest = challenge.headers().allValues("WWW-Authenticate").get(0);
        String realm = param(digest, "realm"), nonce = param(digest, "nonce"), qop = param(digest, "qop");
        String uri = "/openrosa/formList", nc = "00000001", cnonce = "0a4f113b";
        String ha1 = DigestRealm.md5("enumerator-la:" + realm + ":demo");
        String response = DigestRealm.md5(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + DigestRealm.md5("GET:" + uri));
        String authorization = "Digest username=\"enumerator-la\", realm=\"" + realm + "\", nonce=\"" + nonce + "\", uri=\"" + uri
                + "\", qop=" + qop + ", nc=" + nc + ", cnonce=\"" + cnonce + "\", response=\"" + response + "\"";
        HttpResponse<String> ok = client.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("household_baseline");
        String bad = authorization.replace(response, DigestRealm.md5("tampered"));
        assertThat(client.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", bad).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(401);
    }

    @Test
    void repeatedWrongPasswordsOverBasicOrDigestLockTheAccountAsAtTheLoginPage() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String url = "http://localhost:" + port + "/openrosa/formList";
        String basicUser = "enum-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String digestUser = "enum-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        for (String name : List.of(basicUser, digestUser)) {
            users.create(Actor.system(), new org.prosper.access.UserService.NewUser(name, "Guessed", "demo-pass", org.prosper.access.Role.ENUMERATOR, "en", List.of(KH_VILLAGE)));
        }
        for (int i = 0; i < maxFailedLogins; i++) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString((basicUser + ":guess" + i).getBytes())).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(401);
        }
        for (int i = 0; i < maxFailedLogins; i++) {
            String digest = client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString())
                    .headers().allValues("WWW-Authenticate").get(0);
            String realm = param(digest, "realm"), nonce = param(digest, "nonce"), qop = param(digest, "qop");
            String ha1 = DigestRealm.md5(digestUser + ":" + realm + ":guess" + i);
            String response = DigestRealm.md5(ha1 + ":" + nonce + ":00000001:0a4f113b:" + qop + ":" + DigestRealm.md5("GET:/openrosa/formList"));
            String authorization = "Digest username=\"" + digestUser + "\", realm=\"" + realm + "\", nonce=\"" + nonce
                    + "\", uri=\"/openrosa/formList\", qop=" + qop + ", nc=00000001, cnonce=\"0a4f113b\", response=\"" + response + "\"";
            assertThat(client.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        }
        for (String name : List.of(basicUser, digestUser)) {
            assertThat(users.loadUserByUsername(name).isAccountNonLocked()).as(name).isFalse();
            HttpResponse<String> right = client.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString((name + ":demo-pass").getBytes())).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(right.statusCode()).as(name).isEqualTo(401);
        }
    }

    @Autowired org.prosper.access.UserService users;
    @org.springframework.beans.factory.annotation.Value("${prosper.security.max-failed-logins}") int maxFailedLogins;

    @Test
    void aLockOutIsSeenByTheNextSubmissionThoughUsersAreKeptBetweenRequests() throws Exception {
        String khForm = formWithRound(forms, rounds, KH_VILLAGE);
        String name = "enum-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        users.create(Actor.system(), new org.prosper.access.UserService.NewUser(name, "Burst", "demo", org.prosper.access.Role.ENUMERATOR, "en", List.of(KH_VILLAGE)));
        submit(name, simpleXml(khForm, instanceId(), KH_HOUSEHOLD, KH_VILLAGE)).andExpect(status().isCreated());
        submit(name, simpleXml(khForm, instanceId(), KH_HOUSEHOLD, KH_VILLAGE)).andExpect(status().isCreated());
        for (int i = 0; i < maxFailedLogins; i++) users.recordFailedLogin(name);
        String id = instanceId();
        submit(name, simpleXml(khForm, id, KH_HOUSEHOLD, KH_VILLAGE)).andExpect(status().isUnauthorized());
        assertThat(stored(id)).isZero();
        // a user kept from a good request still has each password checked
        String other = "enum-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        users.create(Actor.system(), new org.prosper.access.UserService.NewUser(other, "Burst", "demo", org.prosper.access.Role.ENUMERATOR, "en", List.of(KH_VILLAGE)));
        submit(other, simpleXml(khForm, instanceId(), KH_HOUSEHOLD, KH_VILLAGE)).andExpect(status().isCreated());
        String wrong = instanceId();
        mvc.perform(multipart("/openrosa/submission")
                        .file(new MockMultipartFile("xml_submission_file", "submission.xml", "text/xml", simpleXml(khForm, wrong, KH_HOUSEHOLD, KH_VILLAGE).getBytes(StandardCharsets.UTF_8)))
                        .with(httpBasic(other, "wrong")))
                .andExpect(status().isUnauthorized());
        assertThat(stored(wrong)).isZero();
    }

    private static String param(String header, String name) {
        Matcher m = Pattern.compile(name + "=\"?([^\",]*)\"?").matcher(header);
        assertThat(m.find()).as(name + " in " + header).isTrue();
        return m.group(1);
    }

    @Test
    void demoEnumeratorsCanFillTheBaselineForm() throws Exception {
        for (String user : List.of("enumerator-kh", "enumerator-la")) {
            assertThat(forms.formsToFill(new org.prosper.access.Actor(0, user, org.prosper.access.Role.ENUMERATOR,
                    List.of(user.endsWith("kh") ? pathOf(KH_VILLAGE) : pathOf(LA_VILLAGE))))).extracting(FormVersion::formId).contains("household_baseline");
        }
        assertThat(rounds.list(Actor.system())).anySatisfy(r -> {
            assertThat(r.formId()).isEqualTo("household_baseline");
            assertThat(r.kind()).isEqualTo(SurveyRound.Kind.BASELINE);
            assertThat(r.orgUnitCodes()).containsExactlyInAnyOrderElementsOf(SurveyDemoLoader.PILOT_VILLAGES);
        });
        assertThat(forms.mapping(forms.find("household_baseline", null).orElseThrow().formKey())).containsEntry("household_id", "household.code");
    }

    @Autowired org.prosper.geo.GeoService geo;

    private String pathOf(String code) {
        return geo.unitByCode(code).orElseThrow().path();
    }

    @Test
    void formWithSubmissionsGetsANewVersionAndOldVersionStillAccepted() throws Exception {
        String khForm = formWithRound(forms, rounds, KH_VILLAGE);
        var again = forms.publish(Actor.system(), Workbooks.simpleForm(khForm, "1"), khForm + ".xlsx");
        assertThat(again.replaced()).isTrue();
        assertThat(again.version().version()).isEqualTo("1");
        submit("enumerator-kh", simpleXml(khForm, instanceId(), KH_HOUSEHOLD, KH_VILLAGE)).andExpect(status().isCreated());
        String before = forms.find(khForm, "1").orElseThrow().xform();
        var next = forms.publish(Actor.system(), Workbooks.simpleForm(khForm, "1"), khForm + ".xlsx");
        assertThat(next.replaced()).isFalse();
        assertThat(next.version().version()).isEqualTo("1.2");
        assertThat(forms.find(khForm, "1").orElseThrow().xform()).isEqualTo(before);
        assertThat(forms.versions(khForm)).containsExactly("1", "1.2");
        String list = mvc.perform(get("/openrosa/formList").with(httpBasic("enumerator-kh", "demo"))).andReturn().getResponse().getContentAsString();
        assertThat(list).contains("/openrosa/forms/" + khForm + "/1.2/form.xml").doesNotContain("/openrosa/forms/" + khForm + "/1/form.xml");
        assertThat(next.version().xform()).contains("version=\"1.2\"");
        submit("enumerator-kh", simpleXml(khForm, instanceId(), KH_HOUSEHOLD, KH_VILLAGE)).andExpect(status().isCreated());
        submit("enumerator-kh", simpleXml(khForm, "1.2", instanceId(), KH_HOUSEHOLD, KH_VILLAGE, "1", List.of(Map.of("name", "A", "age", "30"))))
                .andExpect(status().isCreated());
    }
}
