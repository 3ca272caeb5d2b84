package org.prosper.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.prosper.survey.SurveyFixtures.*;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.prosper.access.Actor;
import org.prosper.access.AuditLog;
import org.prosper.access.UserService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** Every display of a submission's answers as typed to a real user is in the audit log, once per request. */
@DatabaseTest
class SurveyPersonalDataAuditTest {

    @Autowired MockMvc mvc;
    @Autowired FormService forms;
    @Autowired RoundService rounds;
    @Autowired SubmissionService submissions;
    @Autowired SubmissionProcessor processor;
    @Autowired UserService users;
    @Autowired AuditLog audit;

    private Actor actorOf(String user) {
        return users.find(user).orElseThrow().actor();
    }

    private long submission(String formId, List<SubmissionJournal.Attachment> attachments) {
        long id = submissions.receive(actorOf("enumerator-kh"), simpleXml(formId, instanceId(), KH_HOUSEHOLD, KH_VILLAGE).getBytes(StandardCharsets.UTF_8),
                attachments, "OPENROSA").submissionId();
        processor.process(id);
        return id;
    }

    private List<AuditLog.Entry> views(String entityType, Object entityId) {
        return audit.search(Actor.system(), new AuditLog.AuditQuery(null, "VIEW_PERSONAL_DATA", entityType, String.valueOf(entityId), 0, 500)).items();
    }

    @Test
    void rawXmlShownByApiOrPageIsRecordedOncePerRequestButNotTheServicesOwnReads() throws Exception {
        String formId = formWithRound(forms, rounds, KH_VILLAGE);
        long id = submission(formId, List.of());
        submissions.xml(Actor.system(), id);
        assertThat(views("survey_submission", id)).isEmpty();

        mvc.perform(get("/api/v1/survey/submissions/" + id + "/xml").with(httpBasic("officer-kh", "demo"))).andExpect(status().isOk());
        assertThat(views("survey_submission", id)).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo("officer-kh");
            assertThat(e.detail()).startsWith("raw XML of submission " + id);
        });

        mvc.perform(get("/survey/submissions/" + id).with(user(users.find("officer-kh").orElseThrow()))).andExpect(status().isOk());
        assertThat(views("survey_submission", id)).hasSize(2);
        // who may not see the XML is shown none, and nothing is recorded
        mvc.perform(get("/survey/submissions/" + id).with(user(users.find("viewer").orElseThrow()))).andExpect(status().isOk());
        assertThat(views("survey_submission", id)).hasSize(2);
    }

    @Test
    void earlierXmlVersionsInTheHistoryAreRecordedForThoseWhoSeeThem() throws Exception {
        String formId = formWithRound(forms, rounds, KH_VILLAGE);
        long id = submission(formId, List.of());
        String xml = submissions.xml(Actor.system(), id);
        submissions.edit(Actor.system(), id, xml.replace("<hh_size>2</hh_size>", "<hh_size>3</hh_size>").getBytes(StandardCharsets.UTF_8), "recount");

        submissions.history(actorOf("viewer"), id);
        submissions.history(Actor.system(), id);
        assertThat(views("survey_submission", id)).isEmpty();
        mvc.perform(get("/api/v1/survey/submissions/" + id + "/history").with(httpBasic("officer-kh", "demo"))).andExpect(status().isOk());
        assertThat(views("survey_submission", id)).singleElement()
                .satisfies(e -> assertThat(e.detail()).isEqualTo("1 earlier XML version of submission " + id + " (" + submissions.get(Actor.system(), id).instanceId() + ")"));
        // the page shows the current XML and who changed what, not the earlier versions: one entry for the page
        mvc.perform(get("/survey/submissions/" + id).with(user(users.find("officer-kh").orElseThrow()))).andExpect(status().isOk());
        assertThat(views("survey_submission", id)).hasSize(2).first().satisfies(e -> assertThat(e.detail()).startsWith("raw XML of submission " + id));
    }

    @Test
    void attachmentsAreRecordedWhenShown() {
        String formId = formWithRound(forms, rounds, KH_VILLAGE);
        long id = submission(formId, List.of(new SubmissionJournal.Attachment("face.jpg", "image/jpeg", new byte[] {1, 2, 3})));
        submissions.attachments(Actor.system(), id);
        assertThat(views("survey_submission", id)).isEmpty();
        assertThat(submissions.attachments(actorOf("officer-kh"), id)).hasSize(1);
        assertThat(views("survey_submission", id)).singleElement().satisfies(e -> assertThat(e.detail()).contains("face.jpg"));
    }

    @Test
    void fullExportsAreRecordedOncePerRequestTheMeasurementTableIsNot() throws Exception {
        String formId = formWithRound(forms, rounds, KH_VILLAGE);
        submission(formId, List.of());
        submission(formId, List.of());
        for (String format : List.of("csv", "xlsx", "measure")) {
            mvc.perform(get("/api/v1/survey/forms/" + formId + "/export").param("format", format).with(httpBasic("officer-kh", "demo")))
                    .andExpect(status().isOk());
        }
        assertThat(views("survey_form", formId)).extracting(AuditLog.Entry::detail)
                .containsExactlyInAnyOrder("csv export of form " + formId + ": 2 submissions", "xlsx export of form " + formId + ": 2 submissions");
    }
}
