package org.prosper.projects;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;
import org.prosper.access.Actor;
import org.prosper.projects.ProjectData.*;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/** Project report (PDF), indicators workbook (XLSX) in the reader's language, and roll-ups of money by programme, country and theme. */
@Service
public class ReportService {

    private final ProjectService projects;
    private final EvaluationService evaluations;
    private final MessageSource messages;

    public ReportService(ProjectService projects, EvaluationService evaluations, MessageSource messages) {
        this.projects = projects;
        this.evaluations = evaluations;
        this.messages = messages;
    }

    private String t(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }

    // ------------------------------------------------------------------ XLSX

    public byte[] indicatorsWorkbook(Actor actor, long projectId, Locale locale) throws IOException {
        ProjectData p = projects.get(actor, projectId);
        String lang = locale.getLanguage();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook wb = new Workbook(out, "Prosper", "1.0");
        Worksheet ws = wb.newWorksheet(t("projects.xlsx.sheet", locale));
        String[] head = {"projects.col.level", "projects.col.code", "projects.col.indicator", "projects.col.family", "projects.col.unit",
                "projects.col.kind", "projects.col.periodStart", "projects.col.periodEnd", "projects.col.breakdown", "projects.col.value",
                "projects.col.source", "projects.col.evidence"};
        for (int c = 0; c < head.length; c++) ws.value(0, c, t(head[c], locale));
        ws.value(0, head.length, Texts.pick(p.title(), lang));
        int row = 1;
        for (Result r : p.results()) {
            for (Indicator i : r.indicators()) {
                for (Value b : i.baselines()) row = line(ws, row, r, i, lang, locale, "BASELINE", null, null, b);
                for (Period per : i.periods()) {
                    for (Value v : per.targets()) row = line(ws, row, r, i, lang, locale, "TARGET", per.start().toString(), per.end().toString(), v);
                    for (Value v : per.actuals()) row = line(ws, row, r, i, lang, locale, "ACTUAL", per.start().toString(), per.end().toString(), v);
                }
            }
        }
        wb.finish();
        return out.toByteArray();
    }

    private int line(Worksheet ws, int row, Result r, Indicator i, String lang, Locale locale, String kind, String start, String end, Value v) {
        ws.value(row, 0, t("projects.level." + r.level(), locale));
        ws.value(row, 1, i.code());
        ws.value(row, 2, Texts.pick(i.title(), lang));
        ws.value(row, 3, i.family() == null ? "" : t("projects.family." + i.family(), locale));
        ws.value(row, 4, i.unit());
        ws.value(row, 5, t("projects.kind." + kind, locale));
        ws.value(row, 6, start != null ? start : v.year() == null ? "" : v.year().toString());
        ws.value(row, 7, end);
        ws.value(row, 8, Plan.breakdown(v));
        Double n = EvaluationService.number(v.value());
        if (n != null) ws.value(row, 9, n);
        else ws.value(row, 9, v.value());
        ws.value(row, 10, v.source());
        ws.value(row, 11, v.evidence());
        return row + 1;
    }

    // ------------------------------------------------------------------ PDF

    public byte[] projectReport(Actor actor, long projectId, Locale locale) {
        ProjectData p = projects.get(actor, projectId);
        String lang = locale.getLanguage();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, 40, 40, 40, 40);
        PdfWriter.getInstance(doc, out);
        doc.open();
        doc.add(para(Texts.pick(p.title(), lang), 16, Font.BOLD));
        for (var e : p.title().entrySet()) if (!e.getKey().equals(lang)) doc.add(para(e.getValue(), 11, Font.NORMAL));
        doc.add(para(p.iatiIdentifier() + " · " + t("projects.status." + p.status(), locale), 10, Font.NORMAL));
        if (!Texts.isEmpty(p.description())) doc.add(para(Texts.pick(p.description(), lang), 10, Font.NORMAL));
        doc.add(para(t("projects.villages", locale) + ": " + String.join(", ", p.villages()), 10, Font.NORMAL));
        if (!p.comparisonVillages().isEmpty()) doc.add(para(t("projects.comparison", locale) + ": " + String.join(", ", p.comparisonVillages()), 10, Font.NORMAL));
        if (!ReportFonts.missing.isEmpty()) doc.add(para("Fonts missing on this server: " + String.join(", ", ReportFonts.missing), 8, Font.ITALIC));

        doc.add(para(t("projects.section.money", locale), 13, Font.BOLD));
        PdfPTable money = table(4, locale, "projects.col.kind", "projects.col.periodStart", "projects.col.value", "projects.col.currency");
        for (Budget b : p.budgets()) row(money, t("projects.kind.BUDGET", locale), b.periodStart() + ".." + b.periodEnd(), plain(b.value()), cur(b.currency(), p));
        for (Transaction tx : p.transactions()) row(money, t("projects.tx." + tx.type(), locale), tx.date().toString(), plain(tx.value()), cur(tx.currency(), p));
        doc.add(money);

        doc.add(para(t("projects.section.results", locale), 13, Font.BOLD));
        PdfPTable lights = table(6, locale, "projects.col.indicator", "projects.col.periodStart", "projects.col.baseline", "projects.col.target",
                "projects.col.actual", "projects.col.light");
        Map<Long, String> titles = new LinkedHashMap<>();
        for (Result r : p.results()) for (Indicator i : r.indicators()) titles.put(i.id(), Texts.pick(i.title(), lang));
        for (EvaluationService.Light l : EvaluationService.lights(p)) {
            row(lights, titles.getOrDefault(l.indicatorId(), l.indicator()), l.periodStart() + ".." + l.periodEnd(), num(l.baseline()),
                    num(l.target()), num(l.actual()), t("projects.light." + l.light(), locale));
        }
        doc.add(lights);
        List<EvaluationService.Evaluation> evals = evaluations.evaluations(actor, projectId);
        if (!evals.isEmpty()) {
            doc.add(para(t("projects.section.evaluation", locale), 13, Font.BOLD));
            for (EvaluationService.Evaluation e : evals) {
                doc.add(para(e.evaluatedOn() + " · " + e.evaluator(), 10, Font.NORMAL));
                PdfPTable r = table(3, locale, "projects.col.criterion", "projects.col.rating", "projects.col.evidence");
                e.ratings().forEach((c, rt) -> row(r, t("projects.criterion." + c, locale), String.valueOf(rt.rating()), rt.evidence()));
                doc.add(r);
                if (e.didEstimate() != null) {
                    doc.add(para(t("projects.did", locale) + " (" + e.didVariable() + "): " + String.format(Locale.ROOT, "%.2f", e.didEstimate())
                            + (e.didSe() == null ? "" : " (SE " + String.format(Locale.ROOT, "%.2f", e.didSe()) + ")"), 10, Font.NORMAL));
                }
            }
        }
        doc.close();
        return out.toByteArray();
    }

    private static Paragraph para(String text, float size, int style) {
        Paragraph p = new Paragraph();
        p.add(ReportFonts.selector(size, style).process(text == null ? "" : text));
        p.setSpacingAfter(4);
        return p;
    }

    private PdfPTable table(int columns, Locale locale, String... headerKeys) {
        PdfPTable table = new PdfPTable(columns);
        table.setWidthPercentage(100);
        table.setSpacingBefore(4);
        table.setSpacingAfter(8);
        for (String k : headerKeys) {
            PdfPCell c = new PdfPCell(ReportFonts.selector(9, Font.BOLD).process(t(k, locale)));
            c.setHorizontalAlignment(Element.ALIGN_LEFT);
            table.addCell(c);
        }
        table.setHeaderRows(1);
        return table;
    }

    private static void row(PdfPTable table, String... cells) {
        for (String c : cells) table.addCell(new PdfPCell(ReportFonts.selector(9, Font.NORMAL).process(c == null ? "" : c)));
    }

    private static String plain(BigDecimal b) {
        return b == null ? "" : ProjectRepository.strip(b).toPlainString();
    }

    private static String cur(String c, ProjectData p) {
        return c != null ? c : p.defaultCurrency() == null ? "" : p.defaultCurrency();
    }

    private static String num(Double d) {
        return d == null ? "" : BigDecimal.valueOf(d).setScale(2, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    // ------------------------------------------------------------------ roll-ups

    /** Totals per currency of budgets and transactions (2 commitments, 3 disbursements, 4 expenditure) of the projects the actor sees. */
    public record Rollup(String by, String key, String currency, BigDecimal budget, BigDecimal commitments, BigDecimal disbursements,
                         BigDecimal expenditure, int projects) {
    }

    /**
     * Figures roll up from projects to programmes, recipient countries (split by the published percentages, else equally)
     * and themes. Amounts stay in their currencies: there is no exchange-rate table to convert them.
     */
    public List<Rollup> rollups(Actor actor, String by) {
        if (!List.of("programme", "country", "theme").contains(by)) throw new IllegalArgumentException("by: programme, country or theme");
        Map<String, BigDecimal[]> sums = new TreeMap<>();
        Map<String, java.util.Set<Long>> counted = new TreeMap<>();
        for (ProjectData p : projects.visibleProjects(actor)) {
            Map<String, BigDecimal> shares = new LinkedHashMap<>();
            switch (by) {
                case "programme" -> shares.put(p.programmeCode() == null ? "-" : p.programmeCode(), BigDecimal.ONE);
                case "theme" -> shares.put(p.theme() == null ? "-" : p.theme(), BigDecimal.ONE);
                default -> {
                    boolean withPercent = p.countries().stream().allMatch(c -> c.percentage() != null) && !p.countries().isEmpty();
                    for (CountryShare c : p.countries()) {
                        shares.put(c.code(), withPercent ? c.percentage().movePointLeft(2)
                                : BigDecimal.ONE.divide(BigDecimal.valueOf(p.countries().size()), 10, java.math.RoundingMode.HALF_UP));
                    }
                    if (shares.isEmpty()) shares.put("-", BigDecimal.ONE);
                }
            }
            for (var share : shares.entrySet()) {
                for (Budget b : p.budgets()) add(sums, counted, share.getKey(), cur(b.currency(), p), 0, b.value().multiply(share.getValue()), p.id());
                for (Transaction tx : p.transactions()) {
                    int slot = switch (tx.type()) { case "2" -> 1; case "3" -> 2; case "4" -> 3; default -> -1; };
                    if (slot > 0) add(sums, counted, share.getKey(), cur(tx.currency(), p), slot, tx.value().multiply(share.getValue()), p.id());
                }
            }
        }
        List<Rollup> out = new ArrayList<>();
        sums.forEach((k, v) -> {
            String[] parts = k.split("\u0000");
            out.add(new Rollup(by, parts[0], parts[1], round(v[0]), round(v[1]), round(v[2]), round(v[3]), counted.get(k).size()));
        });
        return out;
    }

    private static void add(Map<String, BigDecimal[]> sums, Map<String, java.util.Set<Long>> counted, String key, String currency, int slot, BigDecimal v, long project) {
        String k = key + "\u0000" + currency;
        BigDecimal[] s = sums.computeIfAbsent(k, x -> new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
        s[slot] = s[slot].add(v);
        counted.computeIfAbsent(k, x -> new java.util.HashSet<>()).add(project);
    }

    private static BigDecimal round(BigDecimal b) {
        return ProjectRepository.strip(b.setScale(2, java.math.RoundingMode.HALF_UP));
    }

    public void write(byte[] bytes, OutputStream out) throws IOException {
        out.write(bytes);
    }
}
