package org.prosper.registry.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.prosper.registry.bulk.ImportFixtures.FULL_HEADER;
import static org.prosper.registry.bulk.ImportFixtures.allHouseholds;
import static org.prosper.registry.bulk.ImportFixtures.allPersons;
import static org.prosper.registry.bulk.ImportFixtures.household;
import static org.prosper.registry.bulk.ImportFixtures.households;
import static org.prosper.registry.bulk.ImportFixtures.importJob;
import static org.prosper.registry.bulk.ImportFixtures.prefix;
import static org.prosper.registry.bulk.ImportFixtures.upload;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.prosper.registry.bulk.ImportFixtures.Csv;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every kind of bad file gets a clear problem naming row and column, and the registry stays as it was. */
@DatabaseTest
class ImportBadInputTest {

    @Autowired MockMvc mvc;
    @Autowired JsonMapper json;
    @Autowired JdbcClient db;
    @Autowired HouseholdImportService imports;

    private final long defaultLimit = 209_715_200;

    @AfterEach
    void restoreLimit() {
        imports.maxBytes(defaultLimit);
    }

    /** One problem as the report gives it. */
    record Problem(Integer row, String column, String message) {
    }

    /** Imports a file that must be refused whole; returns its problems, after checking nothing was written. */
    private List<Problem> refused(String user, String fileName, byte[] content, String mode) throws Exception {
        long households = allHouseholds(db);
        long persons = allPersons(db);
        JsonNode job = importJob(mvc, json, user, fileName, content, mode);
        assertThat(job.path("state").asString()).as(job.toString()).isEqualTo("FAILED");
        assertThat(job.path("message").asString()).startsWith("nothing was imported");
        assertThat(job.path("result").path("imported").asBoolean()).isFalse();
        assertThat(job.path("result").path("importedHouseholds").asLong()).isZero();
        assertThat(allHouseholds(db)).isEqualTo(households);
        assertThat(allPersons(db)).isEqualTo(persons);
        List<Problem> problems = new ArrayList<>();
        for (JsonNode p : job.path("result").path("problems")) {
            problems.add(new Problem(p.path("row").isNull() || p.path("row").isMissingNode() ? null : p.path("row").asInt(),
                    p.path("column").isNull() ? null : p.path("column").asString(), p.path("message").asString()));
        }
        assertThat(problems).isNotEmpty();
        return problems;
    }

    private List<Problem> refused(String fileName, byte[] content) throws Exception {
        return refused("coordinator-kh", fileName, content, null);
    }

    private static Csv twoGood(String p) {
        Csv csv = household(new Csv(FULL_HEADER), p + "-1", "KH-PILOT-ANGCHORK", "Sok Dara", "Sok Vichet");
        return household(csv, p + "-2", "KH-PILOT-ANGCHORK", "Chan Thy", "Chan Lina");
    }

    @Test
    void unbalancedQuotesStopTheReadingWithTheRowWhereTheyStart() throws Exception {
        String p = prefix("QUOTE");
        Csv csv = twoGood(p).line(p + "-3,KH-PILOT-ANGCHORK,POOR,\"Village road 3,,,,,,,,,,,,,,,,Neth,,F,1990-01-01,HEAD,,,,,,,,");
        household(csv, p + "-4", "KH-PILOT-ANGCHORK", "Chan Thy", "Chan Lina");
        List<Problem> problems = refused("quotes.csv", csv.bytes());
        assertThat(problems).containsExactly(new Problem(6, null, "unbalanced double quotes (\"): a quoted value that starts "
                + "in this row ends on line 7 with other characters after its closing quote; close every quoted value, and "
                + "double a quote inside one (\"\")"));
        // in valid-rows mode too: a file that cannot be read to its end is refused whole
        refused("coordinator-kh", "quotes.csv", csv.bytes(), "valid-rows");
        // a quote that is never closed at all
        Csv open = twoGood(p).line(p + "-3,KH-PILOT-ANGCHORK,POOR,\"Village road 3,,,,,,,,,,,,,,,,Neth,,F,1990-01-01,HEAD,,,,,,,,");
        assertThat(refused("open.csv", open.bytes())).containsExactly(new Problem(6, null, "a quoted value that starts on line 6 "
                + "is never closed: a double quote (\") is missing, so the rest of the file cannot be read"));
        assertThat(households(db, p)).isZero();
    }

    @Test
    void aQuoteLeftOpenInALargeFileStopsTheReadingAfterOneMegabyte() throws Exception {
        String p = prefix("LONGQ");
        Csv csv = twoGood(p).line(p + "-3,KH-PILOT-ANGCHORK,POOR,\"Village road 3,,,,,,,,,,,,,,,,Neth,,F,1990-01-01,HEAD,,,,,,,,");
        for (int i = 4; i < 20_000; i++) { // rows without quotes: the open one runs on to the end
            csv.line(p + "-" + i + ",KH-PILOT-ANGCHORK,POOR,Village road " + i + ",,,,,,,,,,,,,,,,Neth,,F,1990-01-01,HEAD,,,,,,,,");
        }
        byte[] bytes = csv.bytes();
        assertThat(bytes.length).isGreaterThan(CsvRecords.MAX_FIELD_BYTES);
        assertThat(refused("long.csv", bytes)).containsExactly(new Problem(6, null, "a value that starts on line 6 is longer "
                + "than 1 MB, so the rest of the file cannot be read: if it is quoted, its closing double quote (\") is "
                + "probably missing; otherwise the file is not a CSV table"));
        assertThat(households(db, p)).isZero();
    }

    @Test
    void aNulByteIsRefusedWithItsRowBeforeTheDatabaseSeesIt() throws Exception {
        String p = prefix("NUL");
        Csv csv = twoGood(p).line(p + "-3,KH-PILOT-ANGCHORK,POOR,Village\u0000road,,,,,,,,,,,,,,,Neth,,F,1990-01-01,HEAD,,,,,,,,");
        assertThat(refused("nul.csv", csv.bytes())).containsExactly(new Problem(6, null, "line 6 holds a NUL byte, which no "
                + "text can hold: the file is not plain text, or it was saved as UTF-16 (\"Unicode text\"); save it as "
                + "\"CSV UTF-8\" and upload again"));
        assertThat(households(db, p)).isZero();
    }

    @Test
    void randomBytesNamedXlsxAreNotAWorkbook() throws Exception {
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        List<Problem> problems = refused("households.xlsx", noise);
        assertThat(problems.getFirst().row()).isNull();
        assertThat(problems.getFirst().message()).contains("not an Excel .xlsx workbook");
    }

    @Test
    void aCellPastTheLastColumnIsRefusedWithItsRowNotReadAsMillionsOfCells() throws Exception {
        ByteArrayOutputStream made = new ByteArrayOutputStream();
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            wb.createSheet("households").createRow(0).createCell(0).setCellValue("household_code");
            wb.write(made);
        }
        StringBuilder header = new StringBuilder();
        String[] names = FULL_HEADER.split(",");
        for (int i = 0; i < names.length; i++) {
            String column = i < 26 ? String.valueOf((char) ('A' + i)) : "A" + (char) ('A' + i - 26);
            header.append("<c r=\"").append(column).append("1\" t=\"inlineStr\"><is><t>").append(names[i]).append("</t></is></c>");
        }
        String sheet = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                + "<sheetData><row r=\"1\">" + header + "</row>"
                + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>KH-1</t></is></c><c r=\"AAAAAA2\" t=\"inlineStr\"><is><t>x</t></is></c></row>"
                + "</sheetData></worksheet>";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(made.toByteArray())); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(e.getName().equals("xl/worksheets/sheet1.xml") ? sheet.getBytes(StandardCharsets.UTF_8) : in.readAllBytes());
                zip.closeEntry();
            }
        }
        List<Problem> problems = refused("households.xlsx", out.toByteArray());
        assertThat(problems).hasSize(1);
        assertThat(problems.getFirst().row()).isEqualTo(2);
        assertThat(problems.getFirst().message()).startsWith("cell AAAAAA2 lies beyond the last column a sheet can have (XFD)");
    }

    @Test
    void anOldXlsWorkbookIsRefusedWithAdvice() throws Exception {
        byte[] ole2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0};
        assertThat(refused("households.xls", ole2).getFirst().message()).contains("old Excel .xls workbook", "save it as .xlsx");
    }

    @Test
    void aMissingRequiredColumnAndAnUnknownColumnAreNamed() throws Exception {
        String p = prefix("COLS");
        Csv csv = new Csv("household_code,village_code,registration_status,full_name,relation,adress")
                .line(p + "-1,KH-PILOT-ANGCHORK,POOR,Sok Dara,HEAD,Road 1");
        List<Problem> problems = refused("columns.csv", csv.bytes());
        assertThat(problems).contains(new Problem(1, "sex", "required column sex is missing"));
        assertThat(problems).anySatisfy(pr -> {
            assertThat(pr.row()).isEqualTo(1);
            assertThat(pr.column()).isEqualTo("adress");
            assertThat(pr.message()).startsWith("unknown column 'adress' (column 6); the columns are: household_code, village_code");
        });
        assertThat(problems).hasSize(2);
    }

    @Test
    void textInANumberColumnAndABadDateAreReportedByRowAndColumn() throws Exception {
        String p = prefix("TYPE");
        Csv csv = new Csv(FULL_HEADER)
                .row("household_code", p + "-1", "village_code", "KH-PILOT-ANGCHORK", "registration_status", "POOR",
                        "floor_area", "big", "income_year", "2025.5", "annual_income", "1,200", "electricity", "maybe",
                        "full_name", "Sok Dara", "sex", "F", "relation", "HEAD", "birth_date", "1980-01-01")
                .row("household_code", p + "-1", "full_name", "Sok Vichet", "sex", "M", "relation", "CHILD", "birth_date", "31/12/1990");
        household(csv, p + "-2", "KH-PILOT-ANGCHORK", "Chan Thy", "Chan Lina");
        List<Problem> problems = refused("types.csv", csv.bytes());
        assertThat(problems).contains(
                new Problem(2, "floor_area", "'big' is not a number (digits, with a point for decimals and no thousands separator)"),
                new Problem(2, "income_year", "'2025.5' is not a whole number"),
                new Problem(2, "annual_income", "'1,200' is not a number (digits, with a point for decimals and no thousands separator)"),
                new Problem(2, "electricity", "'maybe' is not yes or no (true/false, yes/no, 1/0)"),
                new Problem(3, "birth_date", "'31/12/1990' is not a date in the form YYYY-MM-DD"));
    }

    @Test
    void valuesOutsideTheVocabularyAndOtherRuleBreachesUseTheRegistryRules() throws Exception {
        String p = prefix("VOCAB");
        Csv csv = new Csv(FULL_HEADER)
                .row("household_code", p + "-1", "village_code", "KH-PILOT-ANGCHORK", "registration_status", "RICH",
                        "water_source", "LAKE", "latitude", "95", "full_name", "Sok Dara", "sex", "F", "relation", "SPOUSE",
                        "birth_date", "2090-01-01");
        List<Problem> problems = refused("vocabulary.csv", csv.bytes());
        assertThat(problems).extracting(Problem::column)
                .contains("registration_status", "water_source", "latitude", "longitude", "birth_date", "relation");
        assertThat(problems).anySatisfy(pr -> {
            assertThat(pr.column()).isEqualTo("water_source");
            assertThat(pr.row()).isEqualTo(2);
            assertThat(pr.message()).isEqualTo("'LAKE' is not one of [PIPED, PROTECTED_WELL, UNPROTECTED_WELL, SURFACE, RAINWATER, BOTTLED, OTHER]");
        });
        assertThat(problems).anySatisfy(pr -> assertThat(pr.message()).contains("exactly one member must be the head of household (found 0)"));
    }

    @Test
    void villagesMustBeKnownAndInsideTheUsersOrgUnits() throws Exception {
        String p = prefix("VILL");
        Csv csv = twoGood(p);
        household(csv, p + "-3", "LA-PILOT-XIENGDA", "Vong Sai", "Vong Noy");
        household(csv, p + "-4", "KH-NO-SUCH-VILLAGE", "Vong Sai", "Vong Noy");
        household(csv, p + "-5", "KH", "Vong Sai", "Vong Noy");
        List<Problem> problems = refused("villages.csv", csv.bytes());
        assertThat(problems).containsExactly(
                new Problem(6, "village_code", "village LA-PILOT-XIENGDA is outside your org units"),
                new Problem(8, "village_code", "no village with code KH-NO-SUCH-VILLAGE"),
                new Problem(10, "village_code", "KH is a Country, not a village"));
    }

    @Test
    void duplicateHouseholdCodesInTheFileAndAgainstTheRegistry() throws Exception {
        String p = prefix("DUP");
        Csv csv = twoGood(p);
        household(csv, p + "-1", "KH-PILOT-ANGCHORK", "Sok Dara", "Sok Vichet");
        List<Problem> problems = refused("duplicates.csv", csv.bytes());
        assertThat(problems).containsExactly(new Problem(6, "household_code", "household " + p + "-1 already appears at row 2: "
                + "the rows of a household must be consecutive, and a household code used once in a file"));

        JsonNode first = importJob(mvc, json, "coordinator-kh", "first.csv", twoGood(p).bytes(), null);
        assertThat(first.path("state").asString()).isEqualTo("SUCCEEDED");
        Csv again = household(new Csv(FULL_HEADER), p + "-9", "KH-PILOT-ANGCHORK", "Sok Dara", "Sok Vichet");
        household(again, p + "-2", "KH-PILOT-ANGCHORK", "Sok Dara", "Sok Vichet");
        assertThat(refused("again.csv", again.bytes()))
                .containsExactly(new Problem(4, "household_code", "household code " + p + "-2 is already in the registry"));
        assertThat(households(db, p)).isEqualTo(2);
    }

    @Test
    void householdValuesThatDifferOnALaterRowAreNamed() throws Exception {
        String p = prefix("DIFF");
        Csv csv = household(new Csv(FULL_HEADER), p + "-1", "KH-PILOT-ANGCHORK", "Sok Dara", "Sok Vichet");
        csv.row("household_code", p + "-1", "village_code", "KH-PILOT-SVAYAMPEAR", "full_name", "Sok Mey", "sex", "F", "relation", "CHILD");
        assertThat(refused("differs.csv", csv.bytes())).containsExactly(new Problem(4, "village_code",
                "'KH-PILOT-SVAYAMPEAR' differs from 'KH-PILOT-ANGCHORK' on row 2, the household's first row (household columns are read from the first row)"));
    }

    @Test
    void aRowWithoutHouseholdCodeOrWithMoreValuesThanColumns() throws Exception {
        String p = prefix("ROW");
        Csv csv = twoGood(p).row("full_name", "Nobody", "sex", "F", "relation", "HEAD")
                .line(p + "-3,KH-PILOT-ANGCHORK,POOR,,,,,,,,,,,,,,,,Neth,,F,1990-01-01,HEAD,,,,,,,,,,extra");
        List<Problem> problems = refused("rows.csv", csv.bytes());
        assertThat(problems).contains(new Problem(6, "household_code", "required: every row names its household"));
        assertThat(problems).anySatisfy(pr -> {
            assertThat(pr.row()).isEqualTo(7);
            assertThat(pr.message()).contains("value 'extra' in column 33 has no column name");
        });
    }

    @Test
    void anEmptyFileAndAHeaderWithoutRows() throws Exception {
        long before = allHouseholds(db);
        MvcResult empty = upload(mvc, "coordinator-kh", "empty.csv", new byte[0], null);
        assertThat(empty.getResponse().getStatus()).isEqualTo(400);
        assertThat(empty.getResponse().getContentAsString()).contains("empty.csv is empty");
        assertThat(refused("header.csv", (FULL_HEADER + "\r\n").getBytes(StandardCharsets.UTF_8)))
                .containsExactly(new Problem(2, null, "the file has a header row but no rows of households"));
        assertThat(refused("blank.csv", "\r\n\r\n".getBytes(StandardCharsets.UTF_8)))
                .containsExactly(new Problem(null, null, "the file is empty: it has no header row"));
        assertThat(allHouseholds(db)).isEqualTo(before);
    }

    @Test
    void anUploadOverTheLimitIsRefusedAtOnce() throws Exception {
        String p = prefix("BIG");
        byte[] content = twoGood(p).bytes();
        imports.maxBytes(100);
        long before = allHouseholds(db);
        MvcResult result = upload(mvc, "coordinator-kh", "big.csv", content, null);
        assertThat(result.getResponse().getStatus()).isEqualTo(413);
        assertThat(result.getResponse().getContentAsString())
                .contains("big.csv is " + String.format(java.util.Locale.ROOT, "%,d", content.length) + " bytes, more than the import limit of 100 bytes");
        assertThat(allHouseholds(db)).isEqualTo(before);
    }

    @Test
    void onlyRolesThatMayImportCanImport() throws Exception {
        String p = prefix("ROLE");
        long before = allHouseholds(db);
        for (String user : List.of("viewer", "expert", "enumerator-kh", "manager")) {
            MvcResult result = upload(mvc, user, "households.csv", twoGood(p).bytes(), null);
            assertThat(result.getResponse().getStatus()).as(user).isEqualTo(403);
            assertThat(result.getResponse().getContentAsString()).as(user).contains("may not import registry");
        }
        assertThat(allHouseholds(db)).isEqualTo(before);
        assertThat(households(db, p)).isZero();
        assertThat(upload(mvc, "officer-kh", "households.csv", twoGood(p).bytes(), null).getResponse().getStatus()).isEqualTo(200);
        assertThat(households(db, p)).isEqualTo(2);
    }

    @Test
    void notUtf8TextIsNamed() throws Exception {
        String p = prefix("LATIN");
        byte[] latin1 = (FULL_HEADER + "\r\n" + p + "-1,KH-PILOT-ANGCHORK,POOR,Caf\u00e9 road,,,,,,,,,,,,,,,S\u00f6k,,F,1980-01-01,HEAD,,,,,,,,\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(refused("latin1.csv", latin1).getFirst().message()).contains("not UTF-8 text", "CSV UTF-8");
    }
}
