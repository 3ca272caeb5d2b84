package org.prosper.analysis;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * The result table as a file: one row per child unit and a total row, each measure as value and standard error.
 * The workbook adds a sheet that says what was measured (source, line and its arithmetic, design, households left out).
 */
final class ResultExport {

    private ResultExport() {
    }

    static List<String> header(AnalysisResult r) {
        List<String> h = new ArrayList<>(List.of("unit_id", "unit_code", "unit_name", "unit_name_local", "households", "persons"));
        for (String m : r.measures()) {
            h.add(m);
            h.add(m + "_se");
        }
        return h;
    }

    static List<List<Object>> rows(AnalysisResult r) {
        List<List<Object>> out = new ArrayList<>();
        for (AnalysisResult.Row row : r.rows()) out.add(row(r, row));
        out.add(row(r, r.total()));
        return out;
    }

    private static List<Object> row(AnalysisResult r, AnalysisResult.Row row) {
        List<Object> v = new ArrayList<>();
        v.add(row.unitId());
        v.add(row.code());
        v.add(row.name());
        v.add(row.nameLocal());
        v.add(row.households());
        v.add(row.population());
        for (String m : r.measures()) {
            AnalysisResult.Value e = row.estimates().get(m);
            v.add(e == null ? null : e.value());
            v.add(e == null ? null : e.se());
        }
        return v;
    }

    static void csv(AnalysisResult r, OutputStream out) {
        try {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write('\ufeff'); // Excel opens UTF-8 (Chinese, Khmer, Lao names) correctly only with a byte-order mark
            CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT);
            csv.printRecord(header(r));
            for (List<Object> row : rows(r)) csv.printRecord(row.stream().map(ResultExport::text).toList());
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(Object v) {
        if (v == null) return "";
        if (v instanceof Double d) return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : Double.toString(d);
        return v.toString();
    }

    static void xlsx(AnalysisResult r, OutputStream out) {
        try {
            Workbook wb = new Workbook(out, "Prosper", "1.0");
            Worksheet ws = wb.newWorksheet("results");
            List<String> header = header(r);
            for (int c = 0; c < header.size(); c++) ws.value(0, c, header.get(c));
            List<List<Object>> rows = rows(r);
            for (int i = 0; i < rows.size(); i++) {
                List<Object> row = rows.get(i);
                for (int c = 0; c < row.size(); c++) {
                    Object v = row.get(c);
                    if (v instanceof Number n) ws.value(i + 1, c, n);
                    else if (v != null) ws.value(i + 1, c, v.toString());
                }
            }
            ws.finish();
            Worksheet about = wb.newWorksheet("about");
            int line = 0;
            line = pair(about, line, "analysis", r.id());
            line = pair(about, line, "unit", r.unit().code() + " " + r.unit().name());
            line = pair(about, line, "kind", r.kind());
            line = pair(about, line, "source", r.source().label());
            if (r.line() != null) {
                line = pair(about, line, "line", r.line().label());
                line = pair(about, line, "line per year", r.line().valuePerYear() + " " + r.line().currency());
                line = pair(about, line, "line arithmetic", r.line().derivation());
                line = pair(about, line, "line source", r.line().source());
                line = pair(about, line, "welfare unit", r.welfareUnit());
            }
            if (r.spec() != null) line = pair(about, line, "MPI spec", r.spec().id() + " (" + r.spec().name() + "), k = " + r.spec().k());
            line = pair(about, line, "design", r.design().note());
            line = pair(about, line, "households left out", r.excluded().toString());
            pair(about, line, "computed at", r.computedAt().toString());
            about.finish();
            if (r.indicators() != null) {
                Worksheet ind = wb.newWorksheet("indicators");
                List<String> h = List.of("indicator", "dimension", "weight", "uncensored", "uncensored_se", "censored", "censored_se", "contribution");
                for (int c = 0; c < h.size(); c++) ind.value(0, c, h.get(c));
                int i = 1;
                for (AnalysisResult.IndicatorRow row : r.indicators()) {
                    ind.value(i, 0, row.name());
                    ind.value(i, 1, row.dimension());
                    ind.value(i, 2, row.weight());
                    number(ind, i, 3, row.uncensored().value());
                    number(ind, i, 4, row.uncensored().se());
                    number(ind, i, 5, row.censored().value());
                    number(ind, i, 6, row.censored().se());
                    number(ind, i, 7, row.contribution());
                    i++;
                }
                ind.finish();
            }
            wb.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void number(Worksheet ws, int row, int col, Double v) {
        if (v != null) ws.value(row, col, v);
    }

    private static int pair(Worksheet ws, int row, String name, String value) {
        ws.value(row, 0, name);
        if (value != null) ws.value(row, 1, value);
        return row + 1;
    }
}
