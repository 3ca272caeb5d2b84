package org.prosper.registry.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.prosper.registry.bulk.ImportFixtures.FULL_HEADER;
import static org.prosper.registry.bulk.ImportFixtures.household;
import static org.prosper.registry.bulk.ImportFixtures.households;
import static org.prosper.registry.bulk.ImportFixtures.importJob;
import static org.prosper.registry.bulk.ImportFixtures.persons;
import static org.prosper.registry.bulk.ImportFixtures.prefix;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.prosper.access.Actor;
import org.prosper.access.AuditLog;
import org.prosper.registry.bulk.ImportFixtures.Csv;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@DatabaseTest
class ImportApiTest {

    @Autowired MockMvc mvc;
    @Autowired JsonMapper json;
    @Autowired JdbcClient db;
    @Autowired AuditLog audit;

    private JsonNode getJson(String url, String user) throws Exception {
        return json.readTree(mvc.perform(get(url).with(httpBasic(user, "demo"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
    }

    private JsonNode householdByCode(String code) throws Exception {
        JsonNode page = getJson("/api/v1/households?q=" + code, "admin");
        assertThat(page.path("total").asLong()).as("households with code " + code).isEqualTo(1);
        return getJson("/api/v1/households/" + page.path("items").get(0).path("id").asLong(), "admin");
    }

    @Test
    void goodCsvLandsHouseholdsAndMembersWithTheirValues() throws Exception {
        String p = prefix("CSV");
        Csv csv = household(new Csv(FULL_HEADER), p + "-1", "KH-PILOT-ANGCHORK", "សុខ ដារា", "សុខ វិចិត្រ");
        household(csv, p + "-2", "KH-DEMO-PREKTAMEAK", "王小红", "王明");
        JsonNode job = importJob(mvc, json, "coordinator-kh", "households.csv", csv.bytes(), null);

        assertThat(job.path("state").asString()).isEqualTo("SUCCEEDED");
        JsonNode report = job.path("result");
        assertThat(report.path("imported").asBoolean()).isTrue();
        assertThat(report.path("importedHouseholds").asLong()).isEqualTo(2);
        assertThat(report.path("importedPersons").asLong()).isEqualTo(4);
        assertThat(report.path("problemCount").asLong()).isZero();
        assertThat(households(db, p)).isEqualTo(2);
        assertThat(persons(db, p)).isEqualTo(4);

        JsonNode h = householdByCode(p + "-1");
        assertThat(h.path("headName").asString()).isEqualTo("សុខ ដារា");
        assertThat(h.path("headNationalId").asString()).isEqualTo("KH1234567890");
        assertThat(h.path("registrationStatus").asString()).isEqualTo("POOR");
        assertThat(h.path("assets").asString()).isEqualTo("radio,tv");
        assertThat(h.path("floorArea").asDouble()).isEqualTo(32.5);
        assertThat(h.path("latitude").asDouble()).isEqualTo(11.47);
        assertThat(h.path("electricity").asBoolean()).isTrue();
        assertThat(h.path("annualIncome").asDouble()).isEqualTo(4_800_000);
        assertThat(h.path("incomeCurrency").asString()).isEqualTo("KHR");
        assertThat(h.path("incomeYear").asInt()).isEqualTo(2025);
        JsonNode members = h.path("members");
        assertThat(members.size()).isEqualTo(2);
        assertThat(members.get(0).path("lineNo").asInt()).isEqualTo(1);
        assertThat(members.get(0).path("relation").asString()).isEqualTo("HEAD");
        assertThat(members.get(0).path("birthDate").asString()).isEqualTo("1980-05-01");
        assertThat(members.get(1).path("fullName").asString()).isEqualTo("សុខ វិចិត្រ");
        assertThat(members.get(1).path("inSchool").asBoolean()).isTrue();
        assertThat(members.get(1).path("occupation").isNull()).isTrue();
        JsonNode chinese = householdByCode(p + "-2");
        assertThat(chinese.path("headName").asString()).isEqualTo("王小红");
        assertThat(chinese.path("members").get(1).path("fullName").asString()).isEqualTo("王明");

        long audited = audit.search(Actor.system(), new AuditLog.AuditQuery("coordinator-kh", "IMPORT", "household", "households.csv", 0, 50))
                .items().stream().filter(e -> e.detail().startsWith("2 households with 4 persons")).count();
        assertThat(audited).isGreaterThanOrEqualTo(1);
    }

    @Test
    void semicolonsAndAByteOrderMarkAreUnderstood() throws Exception {
        String p = prefix("SEMI");
        String content = "\uFEFFhousehold_code;village_code;registration_status;full_name;sex;relation\r\n"
                + p + "-1;KH-PILOT-ANGCHORK;NEAR_POOR;Chan Sophea;f;head\r\n";
        JsonNode job = importJob(mvc, json, "coordinator-kh", "export from a French Excel.csv", content.getBytes(StandardCharsets.UTF_8), null);
        assertThat(job.path("state").asString()).isEqualTo("SUCCEEDED");
        JsonNode h = householdByCode(p + "-1");
        assertThat(h.path("registrationStatus").asString()).isEqualTo("NEAR_POOR");
        assertThat(h.path("members").get(0).path("sex").asString()).isEqualTo("F");
        assertThat(h.path("members").get(0).path("relation").asString()).isEqualTo("HEAD");
    }

    @Test
    void goodXlsxLandsWithNumbersDatesAndBooleansFromTypedCells() throws Exception {
        String p = prefix("XLSX");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Sheet sheet = wb.createSheet("households");
            String[] header = {"household_code", "village_code", "registration_status", "annual_income", "income_year", "floor_area",
                    "electricity", "full_name", "sex", "birth_date", "relation", "in_school"};
            Row h = sheet.createRow(0);
            for (int i = 0; i < header.length; i++) h.createCell(i).setCellValue(header[i]);
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("dd/mm/yyyy"));
            CellStyle thousands = wb.createCellStyle();
            thousands.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("#,##0"));
            Row r1 = sheet.createRow(1);
            r1.createCell(0).setCellValue(p + "-1");
            r1.createCell(1).setCellValue("KH-PILOT-ANGCHORK");
            r1.createCell(2).setCellValue("EX_POOR");
            r1.createCell(3).setCellValue(12_345_678);
            r1.getCell(3).setCellStyle(thousands);
            r1.createCell(4).setCellValue(2024);
            r1.createCell(5).setCellValue(40.25);
            r1.createCell(6).setCellValue(false);
            r1.createCell(7).setCellValue("李华 ស្រីនាង");
            r1.createCell(8).setCellValue("F");
            r1.createCell(9).setCellValue(LocalDate.of(1975, 12, 31));
            r1.getCell(9).setCellStyle(date);
            r1.createCell(10).setCellValue("HEAD");
            Row r2 = sheet.createRow(3); // an empty row in between is skipped
            r2.createCell(0).setCellValue(p + "-1");
            r2.createCell(7).setCellValue("李明");
            r2.createCell(8).setCellValue("M");
            r2.createCell(9).setCellValue("2012-06-15");
            r2.createCell(10).setCellValue("CHILD");
            r2.createCell(11).setCellValue(true);
            wb.write(out);
        }
        JsonNode job = importJob(mvc, json, "coordinator-kh", "households.xlsx", out.toByteArray(), null);
        assertThat(job.path("state").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.path("result").path("format").asString()).isEqualTo("xlsx");
        JsonNode h = householdByCode(p + "-1");
        assertThat(h.path("annualIncome").asDouble()).isEqualTo(12_345_678);
        assertThat(h.path("incomeYear").asInt()).isEqualTo(2024);
        assertThat(h.path("floorArea").asDouble()).isEqualTo(40.25);
        assertThat(h.path("electricity").asBoolean()).isFalse();
        assertThat(h.path("headName").asString()).isEqualTo("李华 ស្រីនាង");
        assertThat(h.path("members").get(0).path("birthDate").asString()).isEqualTo("1975-12-31");
        assertThat(h.path("members").get(1).path("fullName").asString()).isEqualTo("李明");
        assertThat(h.path("members").get(1).path("birthDate").asString()).isEqualTo("2012-06-15");
        assertThat(h.path("members").get(1).path("inSchool").asBoolean()).isTrue();
    }

    @Test
    void validRowsModeWritesTheValidHouseholdsAndReturnsTheRejectedRowsWithTheReason() throws Exception {
        String p = prefix("VALID");
        Csv csv = household(new Csv(FULL_HEADER), p + "-1", "KH-PILOT-ANGCHORK", "Sok Dara", "Sok Vichet");
        csv.row("household_code", p + "-2", "village_code", "KH-PILOT-ANGCHORK", "registration_status", "POOR",
                "full_name", "Keo Mony", "sex", "Q", "birth_date", "1990-01-01", "relation", "HEAD");
        csv.row("household_code", p + "-2", "full_name", "Keo Nary", "sex", "F", "birth_date", "2010-01-01", "relation", "CHILD");
        household(csv, p + "-3", "KH-PILOT-ANGCHORK", "Chan Thy", "Chan Lina");
        JsonNode job = importJob(mvc, json, "coordinator-kh", "mixed.csv", csv.bytes(), "valid-rows");

        assertThat(job.path("state").asString()).isEqualTo("SUCCEEDED");
        JsonNode report = job.path("result");
        assertThat(report.path("mode").asString()).isEqualTo("valid-rows");
        assertThat(report.path("importedHouseholds").asLong()).isEqualTo(2);
        assertThat(report.path("rejectedHouseholds").asLong()).isEqualTo(1);
        assertThat(report.path("rejectedFile").asBoolean()).isTrue();
        assertThat(households(db, p + "-1")).isEqualTo(1);
        assertThat(households(db, p + "-2")).isZero();
        assertThat(households(db, p + "-3")).isEqualTo(1);
        JsonNode problem = report.path("problems").get(0);
        assertThat(problem.path("row").asInt()).isEqualTo(4);
        assertThat(problem.path("column").asString()).isEqualTo("sex");
        assertThat(problem.path("household").asString()).isEqualTo(p + "-2");
        assertThat(problem.path("message").asString()).contains("'Q' is not one of [F, M, X]");
        // the same problem for a client that says it in its own language: the bundle's key and the values
        assertThat(problem.path("key").asString()).isEqualTo("problem.notOneOf");
        assertThat(problem.path("args").values().stream().map(JsonNode::asString).toList()).containsExactly("Q", "[F, M, X]");

        String id = job.path("id").asString();
        String rejected = mvc.perform(get("/api/v1/jobs/" + id + "/rejected").with(httpBasic("coordinator-kh", "demo")))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        List<CSVRecord> records = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(rejected.replace("\uFEFF", ""))).getRecords();
        assertThat(records).hasSize(2);
        assertThat(records.get(0).get("source_row")).isEqualTo("4");
        assertThat(records.get(0).get("household_code")).isEqualTo(p + "-2");
        assertThat(records.get(0).get("full_name")).isEqualTo("Keo Mony");
        assertThat(records.get(0).get("reason")).isEqualTo("sex: 'Q' is not one of [F, M, X]");
        assertThat(records.get(1).get("source_row")).isEqualTo("5");
        assertThat(records.get(1).get("reason")).isEqualTo("household " + p + "-2 is rejected: see row 4");

        // the corrected rejected-rows file imports as it is: source_row and reason are ignored
        String corrected = rejected.replace(",Q,", ",M,");
        JsonNode again = importJob(mvc, json, "coordinator-kh", "corrected.csv", corrected.getBytes(StandardCharsets.UTF_8), null);
        assertThat(again.path("state").asString()).as(again.toString()).isEqualTo("SUCCEEDED");
        assertThat(households(db, p + "-2")).isEqualTo(1);
        assertThat(persons(db, p + "-2")).isEqualTo(2);
    }

    @Test
    void aJobIsFollowedThroughTheApiByItsOwnerOnly() throws Exception {
        String p = prefix("JOB");
        Csv csv = new Csv(FULL_HEADER);
        for (int i = 0; i < 30; i++) household(csv, p + "-" + i, "KH-PILOT-ANGCHORK", "Sok Dara", "Sok Vichet");
        var response = mvc.perform(multipart("/api/v1/households/import")
                        .file(new MockMultipartFile("file", "many.csv", "text/csv", csv.bytes()))
                        .with(httpBasic("officer-kh", "demo")))
                .andReturn().getResponse();
        JsonNode started = json.readTree(response.getContentAsString());
        // 202 while the job runs; a job that has already finished when the answer is written is answered 200
        assertThat(response.getStatus()).isEqualTo(started.path("state").asString().matches("SUCCEEDED|FAILED") ? 200 : 202);
        String id = started.path("id").asString();
        assertThat(response.getHeader("Location")).isEqualTo("/api/v1/jobs/" + id);
        assertThat(started.path("kind").asString()).isEqualTo("household-import");
        assertThat(started.path("owner").asString()).isEqualTo("officer-kh");

        JsonNode job = getJson("/api/v1/jobs/" + id, "officer-kh");
        for (int i = 0; i < 600 && !job.path("state").asString().matches("SUCCEEDED|FAILED"); i++) {
            Thread.sleep(100);
            job = getJson("/api/v1/jobs/" + id, "officer-kh");
        }
        assertThat(job.path("state").asString()).isEqualTo("SUCCEEDED");
        assertThat(job.path("total").asLong()).isEqualTo(csv.bytes().length);
        assertThat(job.path("done").asLong()).isEqualTo(job.path("total").asLong());
        assertThat(job.path("message").asString()).isEqualTo("30 households with 60 persons imported");
        // the progress line's key went with the progress: the finished job's message is its outcome
        assertThat(job.path("messageKey").isNull()).isTrue();
        assertThat(job.path("messageArgs").isEmpty()).isTrue();
        assertThat(job.path("result").path("importedHouseholds").asLong()).isEqualTo(30);
        assertThat(job.path("finishedAt").isNull()).isFalse();
        assertThat(households(db, p)).isEqualTo(30);

        mvc.perform(get("/api/v1/jobs/" + id).with(httpBasic("coordinator-kh", "demo"))).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/jobs/" + id + "/rejected").with(httpBasic("coordinator-kh", "demo"))).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/jobs/" + id).with(httpBasic("admin", "demo"))).andExpect(status().isOk());
        mvc.perform(get("/api/v1/jobs/" + id + "/rejected").with(httpBasic("officer-kh", "demo"))).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/jobs/no-such-job").with(httpBasic("admin", "demo"))).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/jobs/" + id)).andExpect(status().isUnauthorized());
    }
}
