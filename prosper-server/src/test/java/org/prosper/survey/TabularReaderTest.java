package org.prosper.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prosper.platform.SheetColumns;

class TabularReaderTest {

    @Test
    void readsACsvExportWithItsRowNumbers() {
        TabularReader.Table t = TabularReader.csv("export.csv", "name,age\nSok,34\n,\nChan,29\n".getBytes(StandardCharsets.UTF_8));
        assertThat(t.header()).containsExactly("name", "age");
        assertThat(t.rows()).extracting(TabularReader.Row::number).containsExactly(2, 4);
    }

    @Test
    void aCellWithANulCharacterRefusesTheFileWithItsRowAndColumn() {
        InvalidFormProblem p = catchThrowableOfType(InvalidFormProblem.class,
                () -> TabularReader.csv("export.csv", "name,age\nSok,34\nCh\0an,29\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(p.problems()).containsExactly(new FormProblem("export.csv", 3, "name",
                "contains a NUL character (U+0000), which no text can hold"));

        InvalidFormProblem header = catchThrowableOfType(InvalidFormProblem.class,
                () -> TabularReader.csv("export.csv", "name,a\0ge\nSok,34\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(header.problems().getFirst().row()).isEqualTo(1);
        assertThat(header.problems().getFirst().column()).isEqualTo("2");
    }

    @Test
    void aWorkbookSheetWithADoctypeIsRefusedAndNoFileOfTheServerIsRead(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "server-only-secret");
        String sheet = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>name</t></is></c></row>"
                + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>&xxe;</t></is></c></row>"
                + "</sheetData></worksheet>";
        byte[] workbook = withSheet(sheet);

        InvalidFormProblem p = catchThrowableOfType(InvalidFormProblem.class, () -> TabularReader.xlsx("export.xlsx", workbook));
        assertThat(p).as("a sheet with a DOCTYPE must be refused, not read").isNotNull();
        assertThat(p.problems().getFirst().message()).startsWith("not a readable .xlsx workbook").doesNotContain("server-only-secret");

        // the same sheet without the DOCTYPE is read
        List<TabularReader.Table> plain = TabularReader.xlsx("export.xlsx", withSheet(sheet.replaceAll("(?s)<!DOCTYPE.*?]>", "").replace("&xxe;", "Sok")));
        assertThat(plain.getFirst().rows().getFirst().cells()).containsExactly("Sok");
    }

    private static String sheetWithRows(String rows) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>name</t></is></c></row>" + rows + "</sheetData></worksheet>";
    }

    private static String cell(String ref, String text) {
        return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
    }

    @Test
    void aCellBeyondTheLastColumnASheetCanHaveRefusesTheFileWithTheSheetAndCell() throws Exception {
        byte[] workbook = withSheet(sheetWithRows("<row r=\"2\">" + cell("A2", "Sok") + cell("ZZZZ2", "x") + "</row>"));
        InvalidFormProblem p = catchThrowableOfType(InvalidFormProblem.class, () -> TabularReader.xlsx("export.xlsx", workbook));
        assertThat(p).as("a cell past XFD must be refused, not padded up to").isNotNull();
        assertThat(p.problems()).containsExactly(new FormProblem("data", 2, "ZZZZ", "cell ZZZZ2 is beyond column XFD, the last a sheet can have"));

        // letters enough to overflow a column index are refused the same way
        InvalidFormProblem overflow = catchThrowableOfType(InvalidFormProblem.class,
                () -> TabularReader.xlsx("export.xlsx", withSheet(sheetWithRows("<row r=\"2\">" + cell("BAAAAAAAA2", "x") + "</row>"))));
        assertThat(overflow.problems().getFirst().message()).isEqualTo("cell BAAAAAAAA2 is beyond column XFD, the last a sheet can have");

        // the last column itself is read
        TabularReader.Table t = TabularReader.xlsx("export.xlsx", withSheet(sheetWithRows("<row r=\"2\">" + cell("XFD2", "last") + "</row>"))).getFirst();
        assertThat(t.rows().getFirst().cells()).hasSize(SheetColumns.LAST + 1).endsWith("last");
    }

    @Test
    void aWorkbookOfSparseFarRightCellsIsRefusedBeforeItsEmptyCellsFillMemory() throws Exception {
        StringBuilder rows = new StringBuilder();
        for (int r = 2; r <= 700; r++) rows.append("<row r=\"").append(r).append("\">").append(cell("XFD" + r, "x")).append("</row>");
        byte[] workbook = withSheet(sheetWithRows(rows.toString()));
        InvalidFormProblem p = catchThrowableOfType(InvalidFormProblem.class, () -> TabularReader.xlsx("export.xlsx", workbook));
        assertThat(p).as("each row of one far-right cell holds 16,384 cells").isNotNull();
        assertThat(p.problems()).containsExactly(new FormProblem("data", 612, null,
                "the workbook has more than 10,000,000 cells (counting the empty ones before each row's last); split it into smaller files"));
    }

    /** A workbook made by POI with its first sheet's XML replaced. */
    private static byte[] withSheet(String sheetXml) throws Exception {
        ByteArrayOutputStream made = new ByteArrayOutputStream();
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            wb.createSheet("data").createRow(0).createCell(0).setCellValue("name");
            wb.write(made);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(made.toByteArray()));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(e.getName().equals("xl/worksheets/sheet1.xml") ? sheetXml.getBytes(StandardCharsets.UTF_8) : in.readAllBytes());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
