package org.prosper.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.prosper.access.Actor;
import org.prosper.projects.ProjectData.*;
import org.prosper.survey.FormService;
import org.prosper.survey.RoundService;
import org.prosper.survey.SubmissionProcessor;
import org.prosper.survey.SurveyRound;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Indicator actuals and the difference in differences from survey rounds ("survey:<formId>"): a baseline and an
 * endline round over two project villages and one comparison village, imported as ODK Central CSVs and processed by the
 * survey feature; the estimate, its standard error and the computed actuals equal a computation by hand.
 */
@DatabaseTest
class SurveyOutcomesTest {

    static final String P1 = "LA-PILOT-SOMSANOOK", P2 = "LA-PILOT-XIENGDA", C = "LA-DEMO-NONGTENG";

    @Autowired MockMvc mvc;
    @Autowired FormService forms;
    @Autowired RoundService rounds;
    @Autowired SubmissionProcessor processor;
    @Autowired JdbcClient db;
    @Autowired ProjectService projects;
    @Autowired EvaluationService evaluations;

    record Obs(String household, String village, double value) {
    }

    @Test
    void didAndActualsFromBaselineAndEndlineRoundsMatchAHandComputation() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String formId = "pdid_" + tag;
        forms.publish(Actor.system(), form(formId), formId + ".xlsx");
        forms.setMapping(Actor.system(), formId, Map.of("income_pc", "variable.income_pc", "hh_size", "variable.household_size"));
        String base = "B-" + tag, end = "E-" + tag;
        rounds.create(Actor.system(), new RoundService.NewRound(base, "Baseline " + tag, SurveyRound.Kind.BASELINE, formId,
                LocalDate.of(2021, 1, 1), LocalDate.of(2021, 12, 31), List.of(P1, P2, C)));
        rounds.create(Actor.system(), new RoundService.NewRound(end, "Endline " + tag, SurveyRound.Kind.ENDLINE, formId,
                LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31), List.of(P1, P2, C)));

        List<Obs> baseline = new ArrayList<>(), endline = new ArrayList<>();
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (String v : List.of(P1, P2, C)) {
            double level = 600 + random.nextDouble() * 200, growth = (v.equals(C) ? 50 : 220) + random.nextDouble() * 60;
            for (int h = 1; h <= 6; h++) {
                String hh = "PD" + tag.toUpperCase() + "-" + v.substring(v.lastIndexOf('-') + 1) + "-" + h;
                double b = Math.round(level + random.nextGaussian() * 90);
                baseline.add(new Obs(hh, v, b));
                if (h <= 5) endline.add(new Obs(hh, v, Math.round(b + growth + random.nextGaussian() * 40))); // one household lost at endline
            }
        }
        // one baseline household answered twice: only its latest submission counts
        Obs first = baseline.getFirst();
        importRound(formId, base, List.of(new Obs(first.household(), first.village(), 99_999)));
        importRound(formId, base, baseline);
        importRound(formId, end, endline);

        ProjectData created = projects.create(Actor.system(), project("XM-TEST-SURVEY-DID-" + tag, "survey:" + formId));
        EvaluationService.Did did = evaluations.did(Actor.system(), created.id(), "survey:" + formId, "income_pc");

        double pb = mean(baseline, true), pe = mean(endline, true), cb = mean(baseline, false), ce = mean(endline, false);
        assertThat(did.projectBaseline()).isCloseTo(pb, within(1e-9));
        assertThat(did.comparisonEndline()).isCloseTo(ce, within(1e-9));
        assertThat(did.estimate()).isCloseTo((pe - pb) - (ce - cb), within(1e-9));
        assertThat(did.households()).containsExactly(12, 10, 6, 5);
        assertThat(did.clusters()).isEqualTo(3);
        assertThat(did.se()).isCloseTo(handSe(baseline, endline), within(1e-9));
        assertThat(did.se()).isPositive();

        // computed actuals: baseline from the BASELINE round, the 2025 actual from the ENDLINE round, project villages only
        int written = evaluations.recompute(Actor.system(), created.id());
        assertThat(written).isEqualTo(2);
        Indicator i = projects.get(Actor.system(), created.id()).results().getFirst().indicators().getFirst();
        assertThat(Double.parseDouble(i.baselines().getFirst().value())).isCloseTo(pb, within(1e-4));
        assertThat(Double.parseDouble(i.periods().getFirst().actuals().getFirst().value())).isCloseTo(pe, within(1e-4));
        assertThat(i.periods().getFirst().actuals().getFirst().evidence()).contains("survey:" + formId, "ENDLINE");

        // a variable the rounds do not have, and a form without rounds, are named
        assertThatThrownBy(() -> evaluations.did(Actor.system(), created.id(), "survey:" + formId, "income_fishing"))
                .isInstanceOf(InvalidProjectProblem.class)
                .satisfies(e -> assertThat(((InvalidProjectProblem) e).problems()).anyMatch(p -> p.contains("income_fishing") && p.contains("income_pc")));
        assertThatThrownBy(() -> evaluations.did(Actor.system(), created.id(), "survey:no_such_form", "income_pc"))
                .isInstanceOf(InvalidProjectProblem.class)
                .satisfies(e -> assertThat(((InvalidProjectProblem) e).problems()).anyMatch(p -> p.contains("survey:no_such_form")));
        // a second ENDLINE round makes "ENDLINE" ambiguous: the error asks for a round code
        rounds.create(Actor.system(), new RoundService.NewRound("E2-" + tag, "Second endline", SurveyRound.Kind.ENDLINE, formId,
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), List.of(P1)));
        assertThatThrownBy(() -> evaluations.did(Actor.system(), created.id(), "survey:" + formId, "income_pc"))
                .isInstanceOf(InvalidProjectProblem.class)
                .satisfies(e -> assertThat(((InvalidProjectProblem) e).problems()).anyMatch(p -> p.contains("2 ENDLINE rounds") && p.contains("name one")));
    }

    private void importRound(String formId, String round, List<Obs> rows) throws Exception {
        StringBuilder csv = new StringBuilder("household_id,village,hh_size,income_pc,KEY\n");
        List<String> keys = new ArrayList<>();
        for (Obs o : rows) {
            String key = "uuid:" + UUID.randomUUID();
            keys.add(key);
            csv.append(o.household()).append(',').append(o.village()).append(",3,").append((long) o.value()).append(',').append(key).append('\n');
        }
        mvc.perform(multipart("/api/v1/survey/forms/" + formId + "/import").param("round", round)
                .file(new MockMultipartFile("file", "main.csv", "text/csv", csv.toString().getBytes(StandardCharsets.UTF_8)))
                .with(httpBasic("admin", "demo"))).andExpect(status().isCreated());
        for (String key : keys) {
            long id = db.sql("select id from survey_submission where instance_id = ?").param(key).query(Long.class).single();
            processor.process(id);
            assertThat(db.sql("select processing from survey_submission where id = ?").param(id).query(String.class).single()).as(key).isEqualTo("PROCESSED");
        }
    }

    /** Latest value per household, as the source keeps it. */
    private static List<Obs> latest(List<Obs> rows) {
        Map<String, Obs> m = new LinkedHashMap<>();
        for (Obs o : rows) m.put(o.household(), o);
        return new ArrayList<>(m.values());
    }

    private static double mean(List<Obs> rows, boolean project) {
        return latest(rows).stream().filter(o -> project != o.village().equals(C)).mapToDouble(Obs::value).average().orElseThrow();
    }

    /** Linearised SE of the contrast of the four domain means, villages as PSUs, one stratum: G/(G-1) sum (U_g - mean U)^2. */
    private static double handSe(List<Obs> baseline, List<Obs> endline) {
        Map<String, Double> u = new LinkedHashMap<>();
        for (boolean project : new boolean[] {true, false}) {
            for (int round = 0; round < 2; round++) {
                List<Obs> d = latest(round == 0 ? baseline : endline).stream().filter(o -> project != o.village().equals(C)).toList();
                double m = d.stream().mapToDouble(Obs::value).average().orElseThrow();
                double c = (project ? 1 : -1) * (round == 1 ? 1 : -1);
                for (Obs o : d) u.merge(o.village(), c * (o.value() - m) / d.size(), Double::sum);
            }
        }
        double g = u.size(), meanU = u.values().stream().mapToDouble(Double::doubleValue).sum() / g;
        double v = 0;
        for (double x : u.values()) v += (x - meanU) * (x - meanU);
        return Math.sqrt(g / (g - 1) * v);
    }

    private static ProjectData project(String identifier, String dataset) {
        Indicator income = new Indicator(null, "SV-1", Map.of("en", "Mean income per capita"), Map.of(), "ECONOMIC", "LAK", "1", true, null,
                List.of(), "COMPUTED", dataset, "income_pc", "MEAN", null, null,
                List.of(new Value(2021, null, null, List.of(), List.of(), Map.of(), null, "COMPUTED", null)),
                List.of(new Period(null, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31), "ENDLINE",
                        List.of(new Value(null, null, "1000", List.of(), List.of(), Map.of(), null, "ENTERED", null)), List.of())));
        return new ProjectData(null, identifier, null, "en", Map.of("en", "Survey-measured pilot"), Map.of(), Map.of(), "2",
                LocalDate.of(2021, 1, 1), LocalDate.of(2025, 12, 31), null, null, "LAK", null, null, null, null, null, List.of(),
                List.of(P1, P2), List.of(C), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(new Result(null, "OUTCOME", null, null, Map.of("en", "Income"), Map.of(), null, List.of(income))), null);
    }

    private static byte[] form(String formId) throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            fill(wb.createSheet("survey"), List.of(List.of("type", "name", "label", "required"), List.of("text", "household_id", "Household ID", "yes"),
                    List.of("text", "village", "Village code", "yes"), List.of("integer", "hh_size", "Size", "yes"),
                    List.of("decimal", "income_pc", "Income per person", "")));
            fill(wb.createSheet("settings"), List.of(List.of("form_title", "form_id", "version"), List.of("Outcome survey " + formId, formId, "1")));
            wb.write(out);
            return out.toByteArray();
        }
    }

    private static void fill(XSSFSheet sheet, List<List<String>> rows) {
        for (int r = 0; r < rows.size(); r++) {
            var row = sheet.createRow(r);
            for (int c = 0; c < rows.get(r).size(); c++) if (!rows.get(r).get(c).isEmpty()) row.createCell(c).setCellValue(rows.get(r).get(c));
        }
    }
}
