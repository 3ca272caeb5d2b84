package org.prosper.survey;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Small XLSForms built in memory for tests: each sheet is a list of rows, the first row the header. */
final class Workbooks {

    private Workbooks() {
    }

    static byte[] xlsx(List<List<String>> survey, List<List<String>> choices, List<List<String>> settings) {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            fill(wb.createSheet("survey"), survey);
            if (choices != null) fill(wb.createSheet("choices"), choices);
            if (settings != null) fill(wb.createSheet("settings"), settings);
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void fill(XSSFSheet sheet, List<List<String>> rows) {
        for (int r = 0; r < rows.size(); r++) {
            var row = sheet.createRow(r);
            for (int c = 0; c < rows.get(r).size(); c++) {
                String v = rows.get(r).get(c);
                if (v != null && !v.isEmpty()) row.createCell(c).setCellValue(v);
            }
        }
    }

    static List<String> row(String... cells) {
        return java.util.Arrays.asList(cells);
    }

    /** A small valid form: a household ID, a village, a select with or_other, a roster and a calculation. */
    static byte[] simpleForm(String formId, String version) {
        return xlsx(List.of(
                        row("type", "name", "label", "relevant", "constraint", "constraint_message", "required", "calculation", "repeat_count"),
                        row("text", "household_id", "Household ID", null, null, null, "yes"),
                        row("text", "village", "Village code", null, null, null, "yes"),
                        row("integer", "hh_size", "Size", null, ". > 0", "At least one", "yes"),
                        row("select_one water", "water_source", "Water"),
                        row("begin repeat", "members", "Members", null, null, null, null, null, "${hh_size}"),
                        row("text", "member_name", "Name"),
                        row("integer", "age", "Age", null, ". >= 0 and . < 130"),
                        row("end repeat"),
                        row("decimal", "income", "Income", null, ". >= 0"),
                        row("calculate", "income_pc", null, null, null, null, null, "${income} div ${hh_size}"),
                        row("select_multiple assets or_other", "assets", "Assets", "${income} > 0")),
                List.of(row("list_name", "name", "label"), row("water", "PIPED", "Piped"), row("water", "SURFACE", "Surface"),
                        row("assets", "radio", "Radio"), row("assets", "tv", "TV")),
                List.of(row("form_title", "form_id", "version"), row("Test " + formId, formId, version)));
    }
}
