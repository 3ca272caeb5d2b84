package org.prosper.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.prosper.survey.SurveyFixtures.*;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.prosper.access.Actor;
import org.prosper.access.UserService;
import org.prosper.geo.GeoService;
import org.prosper.geo.OrgUnit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An edit of a submission while survey processing holds its village and is about to write the same submission (as the
 * processing loop does for a submission just received): the edit takes the village first, as processing and org-unit
 * changes do, so neither waits for the other in a circle (on H2, whose holds are exclusive, this was a deadlock that
 * rolled the edit back).
 */
@DatabaseTest
class SubmissionLockOrderTest {

    @Autowired FormService forms;
    @Autowired RoundService rounds;
    @Autowired SubmissionService submissions;
    @Autowired SubmissionProcessor processor;
    @Autowired UserService users;
    @Autowired GeoService geo;
    @Autowired JdbcClient db;
    @Autowired PlatformTransactionManager transactions;

    @Test
    void anEditWhileProcessingHoldsTheVillageWaitsForItInsteadOfDeadlocking() throws Exception {
        String formId = formWithRound(forms, rounds, KH_VILLAGE);
        long id = submissions.receive(users.find("enumerator-kh").orElseThrow().actor(),
                simpleXml(formId, instanceId(), KH_HOUSEHOLD, KH_VILLAGE).getBytes(StandardCharsets.UTF_8), List.of(), "OPENROSA").submissionId();
        processor.process(id);
        long village = OrgUnit.idAtEndOf(submissions.get(Actor.system(), id).orgPath());
        String xml = submissions.xml(Actor.system(), id);

        // "processing": holds the village, then writes the submission half a second later
        CountDownLatch held = new CountDownLatch(1);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread processing = Thread.ofPlatform().start(() -> {
            try {
                new TransactionTemplate(transactions).executeWithoutResult(t -> {
                    geo.holdUnits(List.of(village));
                    held.countDown();
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    db.sql("update survey_submission set problems = problems where id = ?").param(id).update();
                });
            } catch (Throwable e) {
                failed.set(e);
            }
        });
        assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();

        submissions.edit(Actor.system(), id, xml.replace("<hh_size>2</hh_size>", "<hh_size>3</hh_size>").getBytes(StandardCharsets.UTF_8), "recount");
        processing.join();

        assertThat(failed.get()).as("the processing side").isNull();
        assertThat(submissions.xml(Actor.system(), id)).contains("<hh_size>3</hh_size>");
        assertThat(submissions.get(Actor.system(), id).version()).isGreaterThan(0);
    }
}
