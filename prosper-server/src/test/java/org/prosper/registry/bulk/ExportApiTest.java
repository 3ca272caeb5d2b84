package org.prosper.registry.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.prosper.registry.bulk.ImportFixtures.FULL_HEADER;
import static org.prosper.registry.bulk.ImportFixtures.household;
import static org.prosper.registry.bulk.ImportFixtures.households;
import static org.prosper.registry.bulk.ImportFixtures.importJob;
import static org.prosper.registry.bulk.ImportFixtures.persons;
import static org.prosper.registry.bulk.ImportFixtures.prefix;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.prosper.access.Actor;
import org.prosper.access.AuditLog;
import org.prosper.geo.GeoService;
import org.prosper.registry.bulk.ImportFixtures.Csv;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@DatabaseTest
class ExportApiTest {

    @Autowired MockMvc mvc;
    @Autowired JsonMapper json;
    @Autowired JdbcClient db;
    @Autowired AuditLog audit;
    @Autowired GeoService geo;

    private MockHttpServletResponse export(String user, String query) throws Exception {
        return mvc.perform(get("/api/v1/households/export?" + query).with(httpBasic(user, "demo")))
                .andReturn().getResponse();
    }

    private static List<CSVRecord> csv(MockHttpServletResponse response) throws Exception {
        String body = response.getContentAsString(StandardCharsets.UTF_8);
        assertThat(body).startsWith("\uFEFF" + FULL_HEADER + "\r\n");
        return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(body.substring(1))).getRecords();
    }

    private String importTwo(String p, String village) throws Exception {
        Csv file = household(new Csv(FULL_HEADER), p + "-1", village, "សុខ ដារា", "សុខ វិចិត្រ");
        household(file, p + "-2", village, "王小红", "王明");
        JsonNode job = importJob(mvc, json, "coordinator-kh", "two.csv", file.bytes(), null);
        assertThat(job.path("state").asString()).isEqualTo("SUCCEEDED");
        return p;
    }

    @Test
    void csvExportIsScopedFilteredAndInTheImportLayout() throws Exception {
        String p = importTwo(prefix("EXP"), "KH-PILOT-ANGCHORK");
        MockHttpServletResponse response = export("coordinator-kh", "format=csv&q=" + p);
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentType()).startsWith("text/csv");
        assertThat(response.getHeader("Content-Disposition")).startsWith("attachment;").contains(".csv");
        List<CSVRecord> rows = csv(response);
        assertThat(rows).hasSize(4);
        CSVRecord first = rows.get(0);
        assertThat(first.get("household_code")).isEqualTo(p + "-1");
        assertThat(first.get("village_code")).isEqualTo("KH-PILOT-ANGCHORK");
        assertThat(first.get("registration_status")).isEqualTo("POOR");
        assertThat(first.get("annual_income")).isEqualTo("4800000");
        assertThat(first.get("floor_area")).isEqualTo("32.5");
        assertThat(first.get("assets")).isEqualTo("radio,tv");
        assertThat(first.get("electricity")).isEqualTo("true");
        assertThat(first.get("full_name")).isEqualTo("សុខ ដារា");
        assertThat(first.get("birth_date")).isEqualTo("1980-05-01");
        CSVRecord second = rows.get(1);
        assertThat(second.get("household_code")).isEqualTo(p + "-1");
        assertThat(second.get("village_code")).isEmpty();
        assertThat(second.get("full_name")).isEqualTo("សុខ វិចិត្រ");
        assertThat(rows.get(3).get("full_name")).isEqualTo("王明");

        // scope: a coordinator of another country, an enumerator of another village see none of them
        assertThat(csv(export("coordinator-cn", "q=" + p))).isEmpty();
        assertThat(csv(export("enumerator-kh", "q=" + p))).isEmpty();
        // filters: country, status, org unit
        assertThat(csv(export("admin", "country=LA&q=" + p))).isEmpty();
        assertThat(csv(export("admin", "country=KH&status=POOR&q=" + p))).hasSize(4);
        assertThat(csv(export("admin", "status=NOT_POOR&q=" + p))).isEmpty();
        long other = geo.unitByCode("KH-PILOT-SVAYAMPEAR").orElseThrow().id();
        assertThat(csv(export("admin", "orgUnit=" + other + "&q=" + p))).isEmpty();

        List<CSVRecord> country = csv(export("coordinator-kh", "format=csv"));
        assertThat(country.size()).isGreaterThan(540);
        assertThat(country.stream().map(r -> r.get("village_code")).filter(v -> !v.isEmpty()))
                .isNotEmpty().allSatisfy(v -> assertThat(geo.unitByCode(v).orElseThrow().countryCode()).isEqualTo("KH"));
    }

    @Test
    void identifiersAreMaskedForRolesWithoutPersonalDataAndUnmaskedExportsAreAudited() throws Exception {
        String p = importTwo(prefix("MASK"), "KH-PILOT-ANGCHORK");
        long maskedBefore = auditCount("viewer", "EXPORT");
        List<CSVRecord> masked = csv(export("viewer", "q=" + p));
        assertThat(masked).hasSize(4);
        assertThat(masked.get(0).get("full_name")).isEqualTo("ស** ដ***");
        assertThat(masked.get(0).get("national_id")).isEqualTo("************");
        assertThat(masked.get(0).get("phone")).matches("\\*+");
        assertThat(masked.get(0).get("address")).isEqualTo("***");
        assertThat(masked.get(0).get("birth_date")).isEqualTo("1980");
        assertThat(masked.get(0).get("latitude")).isEqualTo("11.47");
        assertThat(masked.get(2).get("full_name")).isEqualTo("王**");
        assertThat(auditCount("viewer", "EXPORT")).isEqualTo(maskedBefore + 1);

        long before = auditCount("coordinator-kh", "VIEW_PERSONAL_DATA");
        List<CSVRecord> clear = csv(export("coordinator-kh", "q=" + p));
        assertThat(clear.get(0).get("full_name")).isEqualTo("សុខ ដារា");
        assertThat(clear.get(0).get("national_id")).isEqualTo("KH1234567890");
        assertThat(clear.get(0).get("birth_date")).isEqualTo("1980-05-01");
        assertThat(auditCount("coordinator-kh", "VIEW_PERSONAL_DATA")).isEqualTo(before + 1);
        AuditLog.Entry entry = audit.search(Actor.system(), new AuditLog.AuditQuery("coordinator-kh", "VIEW_PERSONAL_DATA", "household", null, 0, 1)).items().getFirst();
        assertThat(entry.detail()).startsWith("export csv of 2 households (4 rows)").contains("q=" + p);

        assertThat(export("expert", "format=csv").getStatus()).isEqualTo(403);
        assertThat(export("admin", "format=pdf").getStatus()).isEqualTo(400);
    }

    private long auditCount(String user, String action) {
        return audit.search(Actor.system(), new AuditLog.AuditQuery(user, action, "household", null, 0, 1)).total();
    }

    @Test
    void xlsxExportHasTypedCellsAndTheAllowedValuesSheet() throws Exception {
        String p = importTwo(prefix("XEXP"), "KH-PILOT-ANGCHORK");
        MockHttpServletResponse response = export("coordinator-kh", "format=xlsx&q=" + p);
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentType()).isEqualTo(ImportFormat.XLSX.mediaType());
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(response.getContentAsByteArray()))) {
            Sheet sheet = wb.getSheet("households");
            assertThat(sheet.getLastRowNum()).isEqualTo(4);
            Row header = sheet.getRow(0);
            assertThat(header.getCell(0).getStringCellValue()).isEqualTo("household_code");
            assertThat(header.getCell(30).getStringCellValue()).isEqualTo("migrant_worker");
            Row first = sheet.getRow(1);
            assertThat(first.getCell(0).getStringCellValue()).isEqualTo(p + "-1");
            assertThat(first.getCell(16).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(first.getCell(16).getNumericCellValue()).isEqualTo(4_800_000);
            assertThat(first.getCell(14).getBooleanCellValue()).isTrue();
            Cell birth = first.getCell(21);
            assertThat(DateUtil.isCellDateFormatted(birth)).isTrue();
            assertThat(birth.getLocalDateTimeCellValue().toLocalDate()).hasToString("1980-05-01");
            assertThat(first.getCell(18).getStringCellValue()).isEqualTo("សុខ ដារា");
            assertThat(sheet.getRow(4).getCell(18).getStringCellValue()).isEqualTo("王明");
            Sheet values = wb.getSheet("values");
            assertThat(values.getRow(1).getCell(0).getStringCellValue()).isEqualTo("housing_structure");
        }
    }

    /** Every household and member value of the households with codes starting with the prefix, code suffix as key. */
    private Map<String, String> snapshot(String p) throws Exception {
        Map<String, String> values = new TreeMap<>();
        JsonNode page = json.readTree(mvc.perform(get("/api/v1/households?size=100&q=" + p).with(httpBasic("admin", "demo")))
                .andReturn().getResponse().getContentAsString());
        for (JsonNode item : page.path("items")) {
            JsonNode h = json.readTree(mvc.perform(get("/api/v1/households/" + item.path("id").asLong()).with(httpBasic("admin", "demo")))
                    .andReturn().getResponse().getContentAsString());
            String key = h.path("code").asString().substring(p.length());
            for (String field : List.of("registrationStatus", "address", "latitude", "longitude", "headName", "headNationalId",
                    "phone", "housingStructure", "housingCondition", "floorArea", "assets", "waterSource", "sanitation",
                    "cookingFuel", "electricity", "landArea", "annualIncome", "incomeCurrency", "incomeYear")) {
                values.put(key + "." + field, h.path(field).toString());
            }
            List<String> members = new ArrayList<>();
            for (JsonNode m : h.path("members")) {
                var copy = (tools.jackson.databind.node.ObjectNode) m.deepCopy();
                copy.remove("id");
                members.add(copy.toString());
            }
            values.put(key + ".members", members.toString());
        }
        return values;
    }

    @Test
    void anExportImportsAgainAfterDeletingAndIntoOtherCodesAndVillages() throws Exception {
        String p = importTwo(prefix("RT"), "KH-PILOT-ANGCHORK");
        Map<String, String> original = snapshot(p);
        assertThat(original).hasSize(40);
        byte[] csvExport = export("coordinator-kh", "format=csv&q=" + p).getContentAsByteArray();
        byte[] xlsxExport = export("coordinator-kh", "format=xlsx&q=" + p).getContentAsByteArray();

        // delete, then import the CSV export: the same households come back
        JsonNode page = json.readTree(mvc.perform(get("/api/v1/households?q=" + p).with(httpBasic("admin", "demo")))
                .andReturn().getResponse().getContentAsString());
        for (JsonNode item : page.path("items")) {
            mvc.perform(delete("/api/v1/households/" + item.path("id").asLong()).with(httpBasic("coordinator-kh", "demo")))
                    .andExpect(status().isNoContent());
        }
        assertThat(households(db, p)).isZero();
        JsonNode back = importJob(mvc, json, "coordinator-kh", "export.csv", csvExport, null);
        assertThat(back.path("state").asString()).as(back.toString()).isEqualTo("SUCCEEDED");
        assertThat(snapshot(p)).isEqualTo(original);

        // the XLSX export, with other codes, imports too and carries the same values
        String q = prefix("RTX");
        byte[] renamed = renameCodes(xlsxExport, p, q);
        JsonNode copy = importJob(mvc, json, "coordinator-kh", "export.xlsx", renamed, null);
        assertThat(copy.path("state").asString()).as(copy.toString()).isEqualTo("SUCCEEDED");
        assertThat(snapshot(q)).isEqualTo(original);

        // and into another village of the user's scope, with the village code set in the file
        String r = prefix("RTV");
        String moved = new String(csvExport, StandardCharsets.UTF_8).replace(p, r).replace("KH-PILOT-ANGCHORK", "KH-DEMO-PREKTAMEAK");
        JsonNode other = importJob(mvc, json, "coordinator-kh", "moved.csv", moved.getBytes(StandardCharsets.UTF_8), null);
        assertThat(other.path("state").asString()).isEqualTo("SUCCEEDED");
        assertThat(households(db, r)).isEqualTo(2);
        assertThat(persons(db, r)).isEqualTo(4);
        long village = geo.unitByCode("KH-DEMO-PREKTAMEAK").orElseThrow().id();
        assertThat(db.sql("select count(*) from household where code like ? and org_unit_id = ?").params(r + "%", village)
                .query(Long.class).single()).isEqualTo(2);
        assertThat(snapshot(r)).isEqualTo(original);
    }

    private static byte[] renameCodes(byte[] xlsx, String from, String to) throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = wb.getSheet("households");
            for (int i = 1; i <= sheet.getLastRowNum(); i++) {
                // as a spreadsheet program saves an edited cell: a new cell with a shared string
                Row row = sheet.getRow(i);
                String renamed = row.getCell(0).getStringCellValue().replace(from, to);
                row.removeCell(row.getCell(0));
                row.createCell(0).setCellValue(renamed);
            }
            var out = new java.io.ByteArrayOutputStream();
            wb.write(out);
            return out.toByteArray();
        }
    }
}
