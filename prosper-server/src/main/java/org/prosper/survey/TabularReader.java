package org.prosper.survey;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;


import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.prosper.platform.NulCharacters;
import org.prosper.platform.SheetColumns;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

/**
 * Reads the sheets of a data export: every sheet of an .xlsx (streamed, so a 100,000-row Kobo export does not load
 * into memory as cells) or a CSV file, as a header and rows with their 1-based row numbers.
 */
final class TabularReader {

    record Table(String name, List<String> header, List<Row> rows) {
    }

    record Row(int number, List<String> cells) {
        String get(int i) {
            return i < cells.size() ? cells.get(i) : "";
        }
    }

    /**
     * Cells a workbook may hold, the empty ones before a row's last cell included: more than any import that fits in
     * memory has, and a bound on what a sheet of sparse far-right cells can make the server allocate.
     */
    static final int MAX_CELLS = 10_000_000;

    private TabularReader() {
    }

    static boolean isXlsx(byte[] data) {
        return data.length > 4 && data[0] == 'P' && data[1] == 'K';
    }

    static Table csv(String name, byte[] data) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(false).get();
        String text = new String(data, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        char delimiter = sniff(text);
        try (CSVParser p = CSVParser.parse(text, format.builder().setDelimiter(delimiter).get())) {
            List<String> header = null;
            List<Row> rows = new ArrayList<>();
            for (CSVRecord r : p) {
                List<String> cells = r.toList();
                if (header == null) {
                    header = cells;
                    continue;
                }
                if (cells.stream().allMatch(String::isBlank)) continue;
                rows.add(new Row((int) r.getRecordNumber(), cells));
            }
            return refuseNul(new Table(name, header == null ? List.of() : header, rows));
        } catch (InvalidFormProblem e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new InvalidFormProblem("the file cannot be read", List.of(new FormProblem(name, null, null, "not a readable CSV file: " + e.getMessage())));
        }
    }

    /** Kobo writes ';' by default; ODK Central ','. */
    private static char sniff(String text) {
        int end = text.indexOf('\n');
        String first = end < 0 ? text : text.substring(0, end);
        return first.chars().filter(c -> c == ';').count() > first.chars().filter(c -> c == ',').count() ? ';' : ',';
    }

    static List<Table> xlsx(String fileName, byte[] data) {
        List<Table> tables = new ArrayList<>();
        try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(data))) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
            var styles = reader.getStylesTable();
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            long[] cellCount = {0};
            while (sheets.hasNext()) {
                try (InputStream sheet = sheets.next()) {
                    String name = sheets.getSheetName();
                    List<List<String>> raw = new ArrayList<>();
                    List<Integer> numbers = new ArrayList<>();
                    XSSFSheetXMLHandler.SheetContentsHandler handler = new XSSFSheetXMLHandler.SheetContentsHandler() {
                        Map<Integer, String> current;
                        int rowNumber;

                        @Override
                        public void startRow(int rowNum) {
                            current = new LinkedHashMap<>();
                            rowNumber = rowNum + 1;
                            numbers.add(rowNumber);
                        }

                        @Override
                        public void endRow(int rowNum) {
                            int max = current.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1);
                            cellCount[0] += max + 1;
                            if (cellCount[0] > MAX_CELLS) {
                                throw new InvalidFormProblem("the file cannot be read", List.of(new FormProblem(name, rowNumber, null,
                                        "the workbook has more than " + String.format(java.util.Locale.ROOT, "%,d", MAX_CELLS)
                                                + " cells (counting the empty ones before each row's last); split it into smaller files")));
                            }
                            List<String> cells = new ArrayList<>(max + 1);
                            for (int i = 0; i <= max; i++) cells.add(current.getOrDefault(i, ""));
                            raw.add(cells);
                        }

                        @Override
                        public void cell(String ref, String value, XSSFComment comment) {
                            int col = column(name, rowNumber, ref);
                            current.put(col, value == null ? "" : value);
                        }
                    };
                    // POI's reader refuses DOCTYPEs and external entities: a crafted sheet could otherwise read the server's files
                    XMLReader xml = XMLHelper.newXMLReader();
                    xml.setContentHandler(new XSSFSheetXMLHandler(styles, strings, handler, new DataFormatter(java.util.Locale.ROOT), false));
                    xml.parse(new InputSource(sheet));
                    if (raw.isEmpty()) continue;
                    List<Row> rows = new ArrayList<>();
                    for (int i = 1; i < raw.size(); i++) {
                        if (raw.get(i).stream().allMatch(String::isBlank)) continue;
                        rows.add(new Row(numbers.get(i), raw.get(i)));
                    }
                    tables.add(refuseNul(new Table(name, raw.getFirst(), rows)));
                }
            }
        } catch (Exception e) {
            if (e instanceof InvalidFormProblem p) throw p;
            throw new InvalidFormProblem("the file cannot be read", List.of(new FormProblem(fileName, null, null, "not a readable .xlsx workbook: " + e.getMessage())));
        }
        return tables;
    }

    /** The 0-based column of a cell reference; a cell beyond the last column a sheet can have is refused, not padded up to. */
    private static int column(String sheet, int row, String ref) {
        int col = SheetColumns.index(ref);
        if (col > SheetColumns.LAST) {
            int letters = 0;
            while (letters < ref.length() && Character.isLetter(ref.charAt(letters))) letters++;
            String shown = ref.length() > 20 ? ref.substring(0, 20) + "…" : ref;
            throw new InvalidFormProblem("the file cannot be read", List.of(new FormProblem(sheet, row, shown.substring(0, Math.min(letters, shown.length())),
                    "cell " + shown + " is beyond column XFD, the last a sheet can have")));
        }
        return col;
    }

    /** A sheet with a NUL character in a cell (a binary file saved as CSV, say) is refused with the cell: no text can store one. */
    private static Table refuseNul(Table t) {
        int inHeader = NulCharacters.firstIn(t.header());
        if (inHeader >= 0) throw nul(t, 1, String.valueOf(inHeader + 1));
        for (Row r : t.rows()) {
            int at = NulCharacters.firstIn(r.cells());
            if (at >= 0) throw nul(t, r.number(), NulCharacters.column(t.header(), at));
        }
        return t;
    }

    private static InvalidFormProblem nul(Table t, int row, String column) {
        return new InvalidFormProblem("the file cannot be read", List.of(new FormProblem(t.name(), row, column, "contains " + NulCharacters.WHAT)));
    }

    static String text(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }

    static InputStreamReader reader(byte[] data) {
        return new InputStreamReader(new ByteArrayInputStream(data), StandardCharsets.UTF_8);
    }
}
