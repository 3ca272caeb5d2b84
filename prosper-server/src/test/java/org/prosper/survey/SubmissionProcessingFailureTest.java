package org.prosper.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.prosper.survey.SurveyFixtures.*;

import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.prosper.access.Actor;
import org.prosper.access.AuditLog;
import org.prosper.access.UserService;
import org.prosper.geo.GeoService;
import org.prosper.registry.HouseholdService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/** One submission that cannot be processed is quarantined with the reason; the others are processed and processing goes on. */
@DatabaseTest
class SubmissionProcessingFailureTest {

    @Autowired FormService forms;
    @Autowired RoundService rounds;
    @Autowired SubmissionService submissions;
    @Autowired SubmissionProcessor processor;
    @Autowired UserService users;
    @Autowired HouseholdService households;
    @Autowired GeoService geo;
    @Autowired SubmissionJournal journal;
    @Autowired TransactionTemplate tx;
    @Autowired JsonMapper json;
    @Autowired DataSource dataSource;
    @Autowired JdbcClient db;
    @Autowired AuditLog audit;
    @Autowired SurveyApiController api;

    /** Receives a submission and waits (briefly) for the background processing to have taken it, so it does not race the test. */
    private long received(String xml) throws InterruptedException {
        long id = submissions.receive(users.find("enumerator-kh").orElseThrow().actor(), xml.getBytes(StandardCharsets.UTF_8), List.of(), "OPENROSA")
                .submissionId();
        for (int i = 0; i < 200 && "PENDING".equals(get(id).processing()); i++) Thread.sleep(25);
        return id;
    }

    private Submission get(long id) {
        return submissions.get(Actor.system(), id);
    }

    /** The processor, with one submission failing as this error would make it fail. */
    private SubmissionProcessor failingOn(long poison, RuntimeException exception, Error error) {
        return new SubmissionProcessor(db, forms, rounds, households, geo, journal, tx, json, dataSource) {
            @Override
            void processTogether(List<Long> ids) {
                if (ids.contains(poison) && error != null) throw error;
                if (ids.contains(poison)) throw exception;
                super.processTogether(ids);
            }
        };
    }

    @Test
    void aSubmissionTheDatabaseRefusesIsQuarantinedWithTheReasonAndTheOthersOfItsBatchAreProcessed() throws Exception {
        String formId = formWithRound(forms, rounds, KH_VILLAGE);
        long good = received(simpleXml(formId, instanceId(), KH_HOUSEHOLD, KH_VILLAGE));
        long bad = received(simpleXml(formId, instanceId(), KH_HOUSEHOLD, KH_VILLAGE));
        // the database refuses what this submission's processing writes (as it would a value longer than its column)
        failingOn(bad, new DataIntegrityViolationException("value too long for type character varying(60)"), null).process(List.of(good, bad));

        assertThat(get(good).processing()).isEqualTo("PROCESSED");
        assertThat(get(bad).processing()).isEqualTo("QUARANTINED");
        assertThat(get(bad).problems()).singleElement().asString()
                .startsWith("the submission could not be processed (").endsWith("); correct its XML or reprocess it");
        assertThat(db.sql("select count(*) from survey_value where submission_id = ?").param(bad).query(Long.class).single()).isZero();
    }

    @Test
    void aSubmissionThatRunsTheHeapOrTheStackOutIsQuarantinedAndTheOthersAreProcessed() throws Exception {
        String formId = formWithRound(forms, rounds, KH_VILLAGE);
        for (Error error : List.of(new OutOfMemoryError("Java heap space"), new StackOverflowError())) {
            long good = received(simpleXml(formId, instanceId(), KH_HOUSEHOLD, KH_VILLAGE));
            long bad = received(simpleXml(formId, instanceId(), KH_HOUSEHOLD, KH_VILLAGE));
            long after = received(simpleXml(formId, instanceId(), KH_HOUSEHOLD, KH_VILLAGE));

            failingOn(bad, null, error).process(List.of(good, bad, after));

            assertThat(get(good).processing()).isEqualTo("PROCESSED");
            assertThat(get(after).processing()).isEqualTo("PROCESSED");
            assertThat(get(bad).processing()).isEqualTo("QUARANTINED");
            assertThat(get(bad).problems()).singleElement().asString().contains(error instanceof OutOfMemoryError
                    ? "(it needs more memory than the server has)" : "(it is nested too deeply to read)");
        }
    }

    @Test
    void anEditWhoseProcessingFailsIsRefusedWithTheReasonAndNothingOfItIsKept() throws Exception {
        String formId = formWithRound(forms, rounds, KH_VILLAGE);
        long id = received(simpleXml(formId, instanceId(), KH_HOUSEHOLD, KH_VILLAGE));
        Submission before = get(id);
        String xml = submissions.xml(Actor.system(), id);
        // the database refuses what processing the edited submission writes, inside the edit's transaction
        SubmissionProcessor failing = new SubmissionProcessor(db, forms, rounds, households, geo, journal, tx, json, dataSource) {
            @Override
            void processTogether(List<Long> ids) {
                tx.executeWithoutResult(s -> {
                    throw new DataIntegrityViolationException("value too long for type character varying(60)");
                });
            }
        };
        SubmissionService editing = new SubmissionService(db, forms, households, geo, journal, tx, audit, json, failing);
        String edited = simpleXml(formId, before.instanceId(), KH_HOUSEHOLD, KH_VILLAGE).replace("<income>1200</income>", "<income>1300</income>");

        assertThatThrownBy(() -> editing.edit(users.find("officer-kh").orElseThrow().actor(), id, edited.getBytes(StandardCharsets.UTF_8), "typed again"))
                .isInstanceOf(UnprocessableEditProblem.class)
                .hasMessage("submission " + id + ": the edited XML could not be processed (DataIntegrityViolationException: value too long for type "
                        + "character varying(60)); nothing was saved")
                .satisfies(e -> assertThat(api.unprocessableEdit((UnprocessableEditProblem) e).getStatusCode().value()).isEqualTo(422));

        Submission after = get(id);
        assertThat(submissions.xml(Actor.system(), id)).isEqualTo(xml);
        assertThat(after.version()).isEqualTo(before.version());
        assertThat(after.review()).isEqualTo("RECEIVED");
        assertThat(after.processing()).isEqualTo("PROCESSED");
        assertThat(submissions.history(Actor.system(), id)).isEmpty();
    }

    @Test
    void aBusyDatabaseIsNotBlamedOnTheSubmission() throws Exception {
        String formId = formWithRound(forms, rounds, KH_VILLAGE);
        long id = received(simpleXml(formId, instanceId(), KH_HOUSEHOLD, KH_VILLAGE));
        SubmissionProcessor busy = failingOn(id, new CannotAcquireLockException("lock wait timeout"), null);
        assertThatThrownBy(() -> busy.process(List.of(id))).isInstanceOf(CannotAcquireLockException.class);
        assertThat(get(id).processing()).isNotEqualTo("QUARANTINED");
    }
}
