package org.prosper.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@DatabaseTest
class ProjectReportsTest {

    @Autowired MockMvc mvc;
    @Autowired JsonMapper json;

    private long projectId(String identifier) throws Exception {
        JsonNode list = json.readTree(mvc.perform(get("/api/v1/projects?q=" + identifier).with(httpBasic("admin", "demo"))).andReturn().getResponse().getContentAsString());
        for (JsonNode p : list) if (p.path("iatiIdentifier").asString().equals(identifier)) return p.path("id").asLong();
        throw new AssertionError(identifier);
    }

    @Test
    void projectReportPdfHasTheProjectInTheReadersLanguage() throws Exception {
        long id = projectId("XM-PROSPER-EAPRCI-KH-SVAYAMPEAR");
        byte[] pdf = mvc.perform(get("/api/v1/projects/" + id + "/report.pdf?lang=zh").with(httpBasic("manager", "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");
        Path out = Path.of(System.getProperty("java.io.tmpdir"), "prosper-project-report-test.pdf");
        Files.write(out, pdf);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(doc.getNumberOfPages()).isGreaterThanOrEqualTo(1);
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("XM-PROSPER-EAPRCI-KH-SVAYAMPEAR", "KH-PILOT-SVAYAMPEAR", "ECO-1".isEmpty() ? "" : "2025-01-01");
            assertThat(text).contains("东亚减贫示范合作项目", "预算与交易", "相关性");
        }
        mvc.perform(get("/api/v1/projects/" + projectId("XM-PROSPER-EAPRCI-MM-MINPYIN") + "/report.pdf").with(httpBasic("manager-la", "demo")))
                .andExpect(status().isForbidden());
    }

    @Test
    void indicatorsWorkbookListsBaselinesTargetsAndActuals() throws Exception {
        long id = projectId("XM-PROSPER-EAPRCI-LA-XIENGDA");
        byte[] xlsx = mvc.perform(get("/api/v1/projects/" + id + "/indicators.xlsx?lang=zh").with(httpBasic("manager-la", "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = wb.getSheetAt(0);
            assertThat(sheet.getSheetName()).isEqualTo("指标");
            assertThat(sheet.getRow(0).getCell(2).getStringCellValue()).isEqualTo("指标");
            assertThat(sheet.getRow(0).getCell(12).getStringCellValue()).isEqualTo("东亚减贫示范合作项目：Xiengda村");
            boolean env2025Target = false;
            int actuals = 0;
            for (Row r : sheet) {
                if (r.getRowNum() == 0) continue;
                if ("ENV-1".equals(r.getCell(1).getStringCellValue()) && "目标".equals(r.getCell(5).getStringCellValue())
                        && "2025-01-01".equals(r.getCell(6).getStringCellValue())) {
                    assertThat(r.getCell(9).getNumericCellValue()).isEqualTo(80.0);
                    assertThat(r.getCell(3).getStringCellValue()).isEqualTo("环境");
                    env2025Target = true;
                }
                if ("实际".equals(r.getCell(5).getStringCellValue())) actuals++;
            }
            assertThat(env2025Target).isTrue();
            assertThat(actuals).isGreaterThanOrEqualTo(9);
        }
    }

    @Test
    void moneyRollsUpToProgrammesCountriesAndThemes() throws Exception {
        JsonNode byProgramme = json.readTree(mvc.perform(get("/api/v1/projects/rollups?by=programme").with(httpBasic("manager", "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        JsonNode pilot = null;
        for (JsonNode r : byProgramme) if (r.path("key").asString().equals("EAPRCI-PILOT") && r.path("currency").asString().equals("CNY")) pilot = r;
        assertThat(pilot).isNotNull();
        // six pilots: 5 x 400000 budget each, one raised to 460000 for 2025 by the plan adjustment; and the joint impact
        // evaluation: 120000 + 150000 budget, 270000 committed
        assertThat(new BigDecimal(pilot.path("budget").asString())).isEqualByComparingTo("12330000");
        assertThat(new BigDecimal(pilot.path("commitments").asString())).isEqualByComparingTo("12270000");
        assertThat(pilot.path("projects").asInt()).isEqualTo(7);

        JsonNode laOnly = json.readTree(mvc.perform(get("/api/v1/projects/rollups?by=country").with(httpBasic("manager-la", "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        BigDecimal laPilotBudget = BigDecimal.ZERO;
        for (JsonNode r : laOnly) {
            assertThat(r.path("key").asString()).as("a Lao manager's roll-up holds no Myanmar-only money").isNotEqualTo("MM-ONLY");
            if (r.path("key").asString().equals("LA") && r.path("currency").asString().equals("CNY")) laPilotBudget = new BigDecimal(r.path("budget").asString());
        }
        // two Lao pilots (2 x 2,000,000), a third of the training programme's 1,200,000 and of the joint evaluation's
        // 270,000 (KH, LA, MM equally)
        assertThat(laPilotBudget).isCloseTo(new BigDecimal("4490000"), org.assertj.core.data.Offset.offset(new BigDecimal("1")));
        mvc.perform(get("/api/v1/projects/rollups?by=colour").with(httpBasic("manager", "demo"))).andExpect(status().isBadRequest());
    }
}
