package org.prosper.survey;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.prosper.access.Actor;

/** Test forms, rounds and submission XML shared by the survey database tests. */
final class SurveyFixtures {

    static final String KH_VILLAGE = "KH-PILOT-SVAYAMPEAR";
    static final String KH_HOUSEHOLD = "KH-SVAYAMPEAR-0001";
    static final String LA_VILLAGE = "LA-PILOT-XIENGDA";

    private SurveyFixtures() {
    }

    static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8).replace('-', '_');
    }

    /** Publishes the simple test form under a fresh id with a round over one village; returns its form id. */
    static String formWithRound(FormService forms, RoundService rounds, String villageCode) {
        String formId = unique("t");
        forms.publish(Actor.system(), Workbooks.simpleForm(formId, "1"), formId + ".xlsx");
        rounds.create(Actor.system(), new RoundService.NewRound(unique("R"), "Test round", SurveyRound.Kind.MONITORING, formId,
                java.time.LocalDate.now().minusDays(30), java.time.LocalDate.now().plusDays(30), List.of(villageCode)));
        return formId;
    }

    /**
     * Waits until the server's own processing is done with the submissions: a test that processes one itself and then
     * changes what it depends on (its XML, its village) would otherwise race it, and the server's outcome could land last.
     */
    static void awaitNotPending(SubmissionService submissions, long... ids) {
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        for (long id : ids) {
            while ("PENDING".equals(submissions.get(org.prosper.access.Actor.system(), id).processing())) {
                if (System.nanoTime() > until) throw new AssertionError("submission " + id + " still pending after 30 s");
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    static String instanceId() {
        return "uuid:" + UUID.randomUUID();
    }

    /** An instance of the simple test form. */
    static String simpleXml(String formId, String version, String instanceId, String household, String village, String size,
                            List<Map<String, String>> members) {
        StringBuilder x = new StringBuilder("<?xml version='1.0' ?><" + formId + " id=\"" + formId + "\" version=\"" + version
                + "\" xmlns:jr=\"http://openrosa.org/javarosa\" xmlns:orx=\"http://openrosa.org/xforms\">");
        x.append("<household_id>").append(household).append("</household_id><village>").append(village).append("</village>");
        x.append("<hh_size>").append(size).append("</hh_size><water_source>PIPED</water_source>");
        for (Map<String, String> m : members) {
            x.append("<members><member_name>").append(m.get("name")).append("</member_name><age>").append(m.get("age")).append("</age></members>");
        }
        x.append("<income>1200</income><income_pc>600</income_pc><assets>radio other</assets><assets_other>boat</assets_other>");
        x.append("<meta><instanceID>").append(instanceId).append("</instanceID></meta></").append(formId).append(">");
        return x.toString();
    }

    static String simpleXml(String formId, String instanceId, String household, String village) {
        return simpleXml(formId, "1", instanceId, household, village, "2", List.of(Map.of("name", "Sok", "age", "40"), Map.of("name", "Dara", "age", "12")));
    }
}
