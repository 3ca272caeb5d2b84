package org.prosper.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.prosper.survey.SurveyFixtures.*;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.prosper.access.Actor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

@DatabaseTest
class SurveyDataTest {

    @Autowired MockMvc mvc;
    @Autowired FormService forms;
    @Autowired RoundService rounds;
    @Autowired SubmissionProcessor processor;
    @Autowired JdbcClient db;

    private String roundOf(String formId) {
        return rounds.list(Actor.system()).stream().filter(r -> r.formId().equals(formId)).findFirst().orElseThrow().code();
    }

    private long count(String formId) {
        return db.sql("select count(*) from survey_submission s join survey_form_version v on v.id = s.form_version_id join survey_form f on f.id = v.form_id where f.form_id = ?")
                .param(formId).query(Long.class).single();
    }

    @Test
    void odkCentralCsvExportWithRepeatFileIsImportedIntoTheRound() throws Exception {
        String formId = formWithRound(forms, rounds, KH_VILLAGE);
        String a = "uuid:" + UUID.randomUUID(), b = "uuid:" + UUID.randomUUID();
        String main = "SubmissionDate,household_id,village,hh_size,water_source,income,assets,meta-instanceID,KEY\n"
                + "2026-01-02T10:00:00Z," + KH_HOUSEHOLD + "," + KH_VILLAGE + ",2,PIPED,1000,radio tv," + a + "," + a + "\n"
                + "2026-01-02T11:00:00Z,KH-SVAYAMPEAR-0003," + KH_VILLAGE + ",1,SURFACE,50.5,," + b + "," + b + "\n";
        String members = "member_name,age,PARENT_KEY,KEY\nSok,40," + a + "," + a + "/members[1]\nDara,12," + a + "," + a + "/members[2]\nVannak,70," + b + "," + b + "/members[1]\n";
        mvc.perform(multipart("/api/v1/survey/forms/" + formId + "/import").param("round", roundOf(formId))
                        .file(new MockMultipartFile("file", formId + ".csv", "text/csv", main.getBytes(StandardCharsets.UTF_8)))
                        .file(new MockMultipartFile("file", formId + "-members.csv", "text/csv", members.getBytes(StandardCharsets.UTF_8)))
                        .with(httpBasic("officer-kh", "demo")))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.created").value(2)).andExpect(jsonPath("$.duplicates").value(0));
        String xml = db.sql("select xml from survey_submission where instance_id = ?").param(a).query(String.class).single();
        assertThat(xml).contains("<members><member_name>Sok</member_name><age>40</age></members><members><member_name>Dara</member_name>");
        long id = db.sql("select id from survey_submission where instance_id = ?").param(a).query(Long.class).single();
        processor.process(id);
        assertThat(db.sql("select processing from survey_submission where id = ?").param(id).query(String.class).single()).isEqualTo("PROCESSED");
        // importing the same export again creates nothing
        mvc.perform(multipart("/api/v1/survey/forms/" + formId + "/import").param("round", roundOf(formId))
                        .file(new MockMultipartFile("file", formId + ".csv", "text/csv", main.getBytes(StandardCharsets.UTF_8)))
                        .with(httpBasic("officer-kh", "demo")))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.created").value(0)).andExpect(jsonPath("$.duplicates").value(2));
    }

    @Test
    void importedNamesWithAccentsAndMarkupAreStoredAsReadableXmlAndProcessed() throws Exception {
        String formId = formWithRound(forms, rounds, KH_VILLAGE);
        String a = "uuid:" + UUID.randomUUID();
        String main = "household_id,village,hh_size,water_source,meta-instanceID,KEY\n" + KH_HOUSEHOLD + "," + KH_VILLAGE + ",1,PIPED," + a + "," + a + "\n";
        String members = "member_name,age,PARENT_KEY,KEY\n\"Élodie Nguyễn Thảo <\"\"Bé\"\"> & co\",40," + a + "," + a + "/members[1]\n";
        mvc.perform(multipart("/api/v1/survey/forms/" + formId + "/import").param("round", roundOf(formId))
                        .file(new MockMultipartFile("file", formId + ".csv", "text/csv", main.getBytes(StandardCharsets.UTF_8)))
                        .file(new MockMultipartFile("file", formId + "-members.csv", "text/csv", members.getBytes(StandardCharsets.UTF_8)))
                        .with(httpBasic("officer-kh", "demo")))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.created").value(1));
        String xml = db.sql("select xml from survey_submission where instance_id = ?").param(a).query(String.class).single();
        assertThat(xml).contains("<member_name>Élodie Nguyễn Thảo &lt;&quot;Bé&quot;&gt; &amp; co</member_name>");
        SubmissionXml.Parsed parsed = SubmissionXml.parse(xml.getBytes(StandardCharsets.UTF_8));
        assertThat(SubmissionXml.rows(parsed.root(), forms.find(formId, null).orElseThrow().definition(), a).repeats().get("members").get(0).values())
                .containsEntry("member_name", "Élodie Nguyễn Thảo <\"Bé\"> & co");
        long id = db.sql("select id from survey_submission where instance_id = ?").param(a).query(Long.class).single();
        processor.process(id);
        assertThat(db.sql("select processing from survey_submission where id = ?").param(id).query(String.class).single()).isEqualTo("PROCESSED");
        assertThat(db.sql("select household_id from survey_submission where id = ?").param(id).query(Long.class).single()).isNotNull();
    }

    @Test
    void koboXlsxWithRowErrorsIsRefusedWholeWithSheetRowAndColumn() throws Exception {
        String formId = formWithRound(forms, rounds, KH_VILLAGE);
        byte[] xlsx = kobo(List.of(
                List.of("household_id", "village", "hh_size", "water_source", "group_x/income", "_uuid", "_index"),
                List.of(KH_HOUSEHOLD, KH_VILLAGE, "2", "PIPED", "10", UUID.randomUUID().toString(), "1"),
                List.of(KH_HOUSEHOLD, KH_VILLAGE, "three", "WELL", "10", UUID.randomUUID().toString(), "2")),
                List.of(List.of("member_name", "age", "_parent_index"), List.of("Sok", "x", "1"), List.of("Dara", "3", "9")));
        long before = count(formId);
        mvc.perform(multipart("/api/v1/survey/forms/" + formId + "/import").param("round", roundOf(formId))
                        .file(new MockMultipartFile("file", "kobo.xlsx", "application/octet-stream", xlsx)).with(httpBasic("officer-kh", "demo")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("nothing was imported")))
                .andExpect(jsonPath("$.problems[0].sheet").value("data"))
                .andExpect(jsonPath("$.problems[0].row").value(3))
                .andExpect(jsonPath("$.problems[0].column").value("C (hh_size)"))
                .andExpect(jsonPath("$.problems[1].column").value("D (water_source)"))
                .andExpect(jsonPath("$.problems[2].sheet").value("members"))
                .andExpect(jsonPath("$.problems[2].row").value(2))
                .andExpect(jsonPath("$.problems[2].column").value("B (age)"))
                .andExpect(jsonPath("$.problems[3].message").value(org.hamcrest.Matchers.containsString("'9' matches no submission")));
        assertThat(count(formId)).isEqualTo(before);
        // a household of another village is outside the importer's scope
        byte[] foreign = kobo(List.of(List.of("household_id", "village", "_uuid"), List.of("X-1", LA_VILLAGE, UUID.randomUUID().toString())), null);
        mvc.perform(multipart("/api/v1/survey/forms/" + formId + "/import").param("round", roundOf(formId))
                        .file(new MockMultipartFile("file", "kobo.xlsx", "application/octet-stream", foreign)).with(httpBasic("officer-kh", "demo")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.problems[0].message").value(org.hamcrest.Matchers.containsString("outside the org units")));
        byte[] good = kobo(List.of(List.of("household_id", "village", "hh_size", "_uuid", "_index"),
                        List.of(KH_HOUSEHOLD, KH_VILLAGE, "1", UUID.randomUUID().toString(), "1")),
                List.of(List.of("member_name", "age", "_parent_index"), List.of("Sok", "33", "1")));
        mvc.perform(multipart("/api/v1/survey/forms/" + formId + "/import").param("round", roundOf(formId))
                        .file(new MockMultipartFile("file", "kobo.xlsx", "application/octet-stream", good)).with(httpBasic("officer-kh", "demo")))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.created").value(1));
        assertThat(count(formId)).isEqualTo(before + 1);
    }

    private static byte[] kobo(List<List<String>> main, List<List<String>> members) throws Exception {
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(); var out = new java.io.ByteArrayOutputStream()) {
            fill(wb.createSheet("data"), main);
            if (members != null) fill(wb.createSheet("members"), members);
            wb.write(out);
            return out.toByteArray();
        }
    }

    private static void fill(org.apache.poi.ss.usermodel.Sheet sheet, List<List<String>> rows) {
        for (int r = 0; r < rows.size(); r++) {
            var row = sheet.createRow(r);
            for (int c = 0; c < rows.get(r).size(); c++) row.createCell(c).setCellValue(rows.get(r).get(c));
        }
    }

    @Test
    void exportsHaveRepeatsAsLinkedSheetsLabelsOrCodesAndTheMeasurementTable() throws Exception {
        String formId = formWithRound(forms, rounds, KH_VILLAGE);
        forms.setMapping(Actor.system(), formId, java.util.Map.of("income", "variable.income", "hh_size", "variable.household_size"));
        String a = "uuid:" + UUID.randomUUID();
        String main = "household_id,village,hh_size,water_source,income,KEY\n" + KH_HOUSEHOLD + "," + KH_VILLAGE + ",2,PIPED,1000," + a + "\n";
        String members = "member_name,age,PARENT_KEY\nSok,40," + a + "\nDara,12," + a + "\n";
        mvc.perform(multipart("/api/v1/survey/forms/" + formId + "/import").param("round", roundOf(formId))
                .file(new MockMultipartFile("file", "main.csv", "text/csv", main.getBytes(StandardCharsets.UTF_8)))
                .file(new MockMultipartFile("file", "members.csv", "text/csv", members.getBytes(StandardCharsets.UTF_8)))
                .with(httpBasic("officer-kh", "demo"))).andExpect(status().isCreated());
        processor.process(db.sql("select id from survey_submission where instance_id = ?").param(a).query(Long.class).single());

        byte[] xlsx = mvc.perform(get("/api/v1/survey/forms/" + formId + "/export").param("format", "xlsx").param("labels", "true")
                .with(httpBasic("officer-kh", "demo"))).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (Workbook wb = WorkbookFactory.create(new ByteArrayInputStream(xlsx))) {
            var sheet = wb.getSheet(formId);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("KEY");
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo(a);
            int water = header(sheet, "water_source");
            assertThat(sheet.getRow(1).getCell(water).getStringCellValue()).isEqualTo("Piped");
            var m = wb.getSheet("members");
            assertThat(m.getRow(0).getCell(0).getStringCellValue()).isEqualTo("PARENT_KEY");
            assertThat(m.getLastRowNum()).isEqualTo(2);
            assertThat(m.getRow(2).getCell(0).getStringCellValue()).isEqualTo(a);
            assertThat(m.getRow(2).getCell(1).getStringCellValue()).isEqualTo(a + "/members[2]");
            assertThat(m.getRow(2).getCell(header(m, "member_name")).getStringCellValue()).isEqualTo("Dara");
        }
        String csv = mvc.perform(get("/api/v1/survey/forms/" + formId + "/export").param("format", "csv").with(httpBasic("officer-kh", "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(csv).contains(a).contains(",PIPED,");
        String repeat = mvc.perform(get("/api/v1/survey/forms/" + formId + "/export").param("format", "csv").param("table", "members")
                .with(httpBasic("officer-kh", "demo"))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(repeat).contains("PARENT_KEY,KEY,member_name,age").contains("Dara,12");
        String measure = mvc.perform(get("/api/v1/survey/forms/" + formId + "/export").param("format", "measure").with(httpBasic("officer-kh", "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(measure).contains("submission_id,household_code,round,org_path,household_size,income").contains("," + KH_HOUSEHOLD + ",").contains(",2,1000");
        String other = mvc.perform(get("/api/v1/survey/forms/" + formId + "/export").param("format", "csv").with(httpBasic("admin", "demo")))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(other).contains(a);
        mvc.perform(get("/api/v1/survey/forms/" + formId + "/export").param("format", "csv").with(httpBasic("enumerator-la", "demo")))
                .andExpect(status().isForbidden());
    }

    private static int header(org.apache.poi.ss.usermodel.Sheet sheet, String name) {
        for (var c : sheet.getRow(0)) if (c.getStringCellValue().equals(name)) return c.getColumnIndex();
        throw new AssertionError("no column " + name);
    }
}
