package org.prosper.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.prosper.survey.SurveyFixtures.*;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.prosper.access.Actor;
import org.prosper.geo.GeoService;
import org.prosper.geo.InProgress;
import org.prosper.geo.OrgUnit;
import org.prosper.registry.Household;
import org.prosper.registry.HouseholdDraft;
import org.prosper.registry.HouseholdService;
import org.prosper.registry.Person;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

/** Rounds and submissions follow their org units when units are merged or split, so a successor's villages stay covered. */
@DatabaseTest
class SurveyRoundsFollowGeographyTest {

    @Autowired GeoService geo;
    @Autowired FormService forms;
    @Autowired RoundService rounds;
    @Autowired SubmissionService submissions;
    @Autowired SubmissionProcessor processor;
    @Autowired HouseholdService households;
    @Autowired PlatformTransactionManager transactions;

    private final Actor admin = Actor.system();

    /** Two townships of their own in Longlin county and a village in the first. */
    private record Units(String prefix, OrgUnit township1, OrgUnit township2, OrgUnit village) {
    }

    private Units units() {
        String p = "SV" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        OrgUnit t1 = geo.create(admin, new GeoService.NewUnit(p + "-T1", "CN-DEMO-L3-LONGLIN", "Township 1 " + p, null, null, null, null));
        OrgUnit t2 = geo.create(admin, new GeoService.NewUnit(p + "-T2", "CN-DEMO-L3-LONGLIN", "Township 2 " + p, null, null, null, null));
        OrgUnit village = geo.create(admin, new GeoService.NewUnit(p + "-V", t1.code(), "Village " + p, null, null, null, null));
        return new Units(p, t1, t2, village);
    }

    private SurveyRound round(String formId, String... unitCodes) {
        return rounds.create(admin, new RoundService.NewRound(unique("R"), "Round over " + String.join(", ", unitCodes), SurveyRound.Kind.MONITORING,
                formId, LocalDate.now().minusDays(30), LocalDate.now().plusDays(30), List.of(unitCodes)));
    }

    private String form() {
        String formId = unique("geo");
        forms.publish(admin, Workbooks.simpleForm(formId, "1"), formId + ".xlsx");
        return formId;
    }

    private SurveyRound reloaded(SurveyRound r) {
        return rounds.get(admin, r.id());
    }

    /** A submission proposing a new household in this village, processed. */
    private Submission processedFrom(String formId, String householdCode, String village) {
        long id = submissions.receive(admin, simpleXml(formId, instanceId(), householdCode, village).getBytes(StandardCharsets.UTF_8), List.of(), "OPENROSA")
                .submissionId();
        SurveyFixtures.awaitNotPending(submissions, id);
        processor.process(id);
        return submissions.get(admin, id);
    }

    @Test
    void aRoundOverAMergedTownshipCoversTheTownshipItWentIntoAndItsVillagesSubmissionsAreInTheRound() {
        Units u = units();
        String formId = form();
        SurveyRound r = round(formId, u.township1().code());

        geo.merge(admin, List.of(u.township1().id()), u.township2().id(), null, "townships merged");

        assertThat(reloaded(r).orgUnitCodes()).containsExactly(u.township2().code());
        Submission s = processedFrom(formId, u.prefix() + "-H1", u.village().code());
        assertThat(s.problems()).isEmpty();
        assertThat(s.processing()).isEqualTo("PROCESSED");
        assertThat(s.roundId()).isEqualTo(r.id());
    }

    @Test
    void aRoundOverAMergedVillageCoversTheVillageItWentIntoOnceAndItsSubmissionsGoThere() {
        Units u = units();
        OrgUnit target = geo.create(admin, new GeoService.NewUnit(u.prefix() + "-VT", u.township2().code(), "Merged village", null, null, null, null));
        String formId = form();
        SurveyRound onlySource = round(formId, u.village().code());
        SurveyRound both = round(formId, u.village().code(), target.code());
        Submission before = processedFrom(formId, u.prefix() + "-H1", u.village().code());
        assertThat(before.roundId()).isEqualTo(both.id());

        geo.merge(admin, List.of(u.village().id()), target.id(), null, "villages merged");

        assertThat(reloaded(onlySource).orgUnitCodes()).containsExactly(target.code());
        assertThat(reloaded(both).orgUnitCodes()).containsExactly(target.code());
        assertThat(submissions.get(admin, before.id()).orgPath()).isEqualTo(target.path());
        Submission after = processedFrom(formId, u.prefix() + "-H2", target.code());
        assertThat(after.processing()).isEqualTo("PROCESSED");
        assertThat(after.roundId()).isEqualTo(both.id());
    }

    @Test
    void aRoundOverASplitVillageCoversEveryPartAndEachSubmissionGoesToItsHouseholdsPart() {
        Units u = units();
        String formId = form();
        SurveyRound r = round(formId, u.village().code());
        String household = u.prefix() + "-H1";
        Submission before = processedFrom(formId, household, u.village().code());
        Submission other = processedFrom(formId, u.prefix() + "-H2", u.village().code());

        List<OrgUnit> parts = geo.split(admin, u.village().id(), List.of(
                        new GeoService.NewUnit(u.prefix() + "-N", null, "North", null, null, null, null),
                        new GeoService.NewUnit(u.prefix() + "-S", null, "South", null, null, null, null)),
                Map.of(household, u.prefix() + "-S"), null, "split");

        assertThat(reloaded(r).orgUnitCodes()).containsExactlyInAnyOrder(parts.get(0).code(), parts.get(1).code());
        assertThat(submissions.get(admin, before.id()).orgPath()).isEqualTo(parts.get(1).path());
        assertThat(submissions.get(admin, other.id()).orgPath()).isEqualTo(parts.get(0).path());
        for (OrgUnit part : parts) {
            Submission s = processedFrom(formId, part.code() + "-H", part.code());
            assertThat(s.processing()).isEqualTo("PROCESSED");
            assertThat(s.roundId()).isEqualTo(r.id());
        }
    }

    /** A registered household in the village, and a submission about it that the server has processed there. */
    private record Surveyed(Household household, long submissionId) {
    }

    private Surveyed surveyed(Units u, String formId) {
        String code = u.prefix() + "-H";
        Household h = households.create(admin, new HouseholdDraft(code, u.village().id(), "test address", null, null, "Head " + code,
                null, null, null, null, null, null, null, null, null, null, null, "NOT_POOR", null, null, null,
                List.of(new Person(null, 1, "Head " + code, null, "F", LocalDate.of(1980, 1, 1), "HEAD", null, null, null, null, null,
                        null, null, null))));
        long id = submissions.receive(admin, simpleXml(formId, instanceId(), code, u.village().code()).getBytes(StandardCharsets.UTF_8),
                List.of(), "OPENROSA").submissionId();
        SurveyFixtures.awaitNotPending(submissions, id);
        assertThat(submissions.get(admin, id).orgPath()).isEqualTo(u.village().path());
        return new Surveyed(h, id);
    }

    @Test
    void aMergeCommittedWhileASubmissionIsWorkedOutIsFollowedNotUndone() {
        Units u = units();
        OrgUnit target = geo.create(admin, new GeoService.NewUnit(u.prefix() + "-VT", u.township2().code(), "Merged village", null, null, null, null));
        String formId = form();
        SurveyRound r = round(formId, u.village().code(), target.code());
        Surveyed s = surveyed(u, formId);

        // the submission is worked out with the household in its old village; the merge commits before it is written
        boolean[] merged = {false};
        processor.beforeWrite(() -> {
            if (merged[0]) return;
            merged[0] = true;
            geo.merge(admin, List.of(u.village().id()), target.id(), null, "villages merged");
        });
        try {
            processor.process(s.submissionId());
        } finally {
            processor.beforeWrite(null);
        }

        assertThat(merged[0]).isTrue();
        Submission after = submissions.get(admin, s.submissionId());
        assertThat(after.orgPath()).isEqualTo(target.path());
        assertThat(after.householdId()).isEqualTo(s.household().id());
        assertThat(after.processing()).isEqualTo("PROCESSED");
        assertThat(after.roundId()).isEqualTo(r.id());
    }

    @Test
    void aMergeInProgressWhileASubmissionIsWrittenIsWaitedForAndFollowed() throws Exception {
        Units u = units();
        OrgUnit target = geo.create(admin, new GeoService.NewUnit(u.prefix() + "-VT", u.township2().code(), "Merged village", null, null, null, null));
        String formId = form();
        round(formId, u.village().code(), target.code());
        Surveyed s = surveyed(u, formId);

        // the merge has done its work but not committed when the outcome is written; it commits a moment later
        InProgress geography = InProgress.merge(transactions, geo, u.village(), target, Duration.ofMillis(300));
        boolean[] started = {false};
        processor.beforeWrite(() -> {
            if (started[0]) return;
            started[0] = true;
            geography.start();
        });
        try {
            processor.process(s.submissionId());
        } finally {
            processor.beforeWrite(null);
        }
        geography.join();

        Submission after = submissions.get(admin, s.submissionId());
        assertThat(after.orgPath()).isEqualTo(target.path());
        assertThat(after.processing()).isEqualTo("PROCESSED");
    }

    @Test
    void aDeviceStillOfferingAMergedVillageRegistersInTheVillageItWentInto() {
        Units u = units();
        OrgUnit target = geo.create(admin, new GeoService.NewUnit(u.prefix() + "-VT", u.township2().code(), "Merged village", null, null, null, null));
        String formId = form();
        round(formId, target.code());
        geo.merge(admin, List.of(u.village().id()), target.id(), null, "villages merged");

        Submission s = processedFrom(formId, u.prefix() + "-H1", u.village().code());

        assertThat(s.problems()).isEmpty();
        assertThat(s.orgPath()).isEqualTo(target.path());
    }

    @Test
    void aSplitVillageNamedByADeviceIsAProblemNamingItsParts() {
        Units u = units();
        String formId = form();
        round(formId, u.village().code());
        List<OrgUnit> parts = geo.split(admin, u.village().id(), List.of(
                new GeoService.NewUnit(u.prefix() + "-N", null, "North", null, null, null, null),
                new GeoService.NewUnit(u.prefix() + "-S", null, "South", null, null, null, null)), Map.of(), null, "split");

        Submission s = processedFrom(formId, u.prefix() + "-H1", u.village().code());

        assertThat(s.processing()).isEqualTo("QUARANTINED");
        assertThat(s.problems()).anySatisfy(p -> assertThat(p).contains("village " + u.village().code() + " was retired")
                .contains(parts.get(0).code()).contains(parts.get(1).code()));
    }

    @Test
    void aRoundCannotBeStartedOverARetiredVillageAndIsToldWhereItWent() {
        Units u = units();
        OrgUnit target = geo.create(admin, new GeoService.NewUnit(u.prefix() + "-VT", u.township2().code(), "Merged village", null, null, null, null));
        String formId = form();
        geo.merge(admin, List.of(u.village().id()), target.id(), null, "villages merged");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> round(formId, u.village().code()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("orgUnitCodes: " + u.village().code() + " was retired (now " + target.code() + ")");
    }

    @Test
    void aRoundStartedWhileItsVillageIsBeingMergedWaitsAndIsRefused() throws Exception {
        Units u = units();
        OrgUnit target = geo.create(admin, new GeoService.NewUnit(u.prefix() + "-VT", u.township2().code(), "Merged village", null, null, null, null));
        String formId = form();
        InProgress geography = InProgress.merge(transactions, geo, u.village(), target, Duration.ofMillis(300)).start();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> round(formId, u.village().code()))
                .hasMessageContaining(u.village().code() + " was retired");
        geography.join();
    }
}
