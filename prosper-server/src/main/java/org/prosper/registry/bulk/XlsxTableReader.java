package org.prosper.registry.bulk;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.xml.parsers.ParserConfigurationException;

import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.prosper.platform.SheetColumns;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * Streams the first sheet of an .xlsx workbook row by row with POI's SAX reader, so that the sheet is never held in
 * memory (the shared-strings table is, as POI requires; a sheet has at most 1,048,576 rows). Dates come out as
 * YYYY-MM-DD and numbers as written, without the display format (no thousands separators, no rounding).
 */
final class XlsxTableReader {

    void read(Path file, RowHandler handler) {
        OPCPackage pkg;
        try {
            pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
        } catch (Exception | NoClassDefFoundError e) {
            throw new ImportFileProblem(null, "problem.import.notXlsx");
        }
        try {
            XSSFReader reader = new XSSFReader(pkg);
            StylesTable styles = reader.getStylesTable();
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            if (!sheets.hasNext()) throw new ImportFileProblem(null, "problem.import.noSheet");
            try (InputStream sheet = sheets.next()) {
                long size = sheets.getSheetPart().getSize();
                CountingInputStream counted = new CountingInputStream(sheet);
                Rows rows = new Rows(handler, counted, size < 0 ? null : size);
                XMLReader xml = XMLHelper.newXMLReader();
                xml.setContentHandler(new XSSFSheetXMLHandler(styles, strings, rows, new PlainFormatter(), false));
                xml.parse(new InputSource(counted));
                handler.progress(counted.count(), counted.count());
            }
        } catch (ImportFileProblem e) {
            throw e;
        } catch (IOException | OpenXML4JException | SAXException | ParserConfigurationException | RuntimeException e) {
            if (e instanceof RuntimeException r && !(e instanceof org.apache.poi.UnsupportedFileFormatException)
                    && !(e instanceof org.apache.poi.openxml4j.exceptions.InvalidOperationException)
                    && !(e instanceof org.apache.poi.ooxml.POIXMLException)) {
                throw r;
            }
            throw new ImportFileProblem(null, "problem.import.workbookUnreadable", e.getMessage());
        } finally {
            pkg.revert();
        }
    }

    /** Collects the cells of a row in column order and hands complete rows on; rows are numbered as Excel does. */
    private static final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final RowHandler handler;
        private final CountingInputStream counted;
        private final Long size;
        private final List<String> cells = new ArrayList<>();
        private boolean header = true;
        private int next;
        private int row;

        Rows(RowHandler handler, CountingInputStream counted, Long size) {
            this.handler = handler;
            this.counted = counted;
            this.size = size;
        }

        @Override
        public void startRow(int rowNum) {
            cells.clear();
            next = 0;
            row = rowNum + 1;
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            int column = reference == null ? next : SheetColumns.index(reference);
            if (column > SheetColumns.LAST) {
                // a cell reference past Excel's last column would make this row a list of millions of empty cells
                throw new ImportFileProblem(row, "problem.import.beyondLastColumn", reference);
            }
            while (cells.size() < column) cells.add(null);
            if (cells.size() == column) cells.add(value);
            else cells.set(column, value);
            next = column + 1;
        }

        @Override
        public void endRow(int rowNum) {
            boolean blank = cells.stream().allMatch(v -> v == null || v.isBlank());
            if (blank) return;
            String[] values = cells.toArray(new String[0]);
            if (header) {
                header = false;
                handler.header(rowNum + 1, values);
            } else {
                handler.row(rowNum + 1, values);
            }
            if ((rowNum & 255) == 0) handler.progress(counted.count(), size);
        }
    }

    /** Numbers as their plain value and date-formatted numbers as ISO dates, whatever the cell's display format. */
    private static final class PlainFormatter extends DataFormatter {
        PlainFormatter() {
            super(Locale.ROOT);
        }

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString) {
            return formatRawCellContents(value, formatIndex, formatString, false);
        }

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904Windowing) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                LocalDateTime t = DateUtil.getLocalDateTime(value, use1904Windowing);
                return t.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? t.toLocalDate().toString() : t.toString();
            }
            if (Double.isNaN(value) || Double.isInfinite(value)) return String.valueOf(value);
            return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
        }
    }
}
