package org.prosper.projects;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.prosper.platform.FieldProblem;
import org.prosper.projects.ProjectData.*;
import org.springframework.stereotype.Component;

/** Checks a project entered through the API or pages: required values, codes from the IATI codelists, dates in order. */
@Component
public class ProjectValidator {

    public static final Set<String> LEVELS = Set.of("GOAL", "OUTCOME", "OUTPUT", "ACTIVITY");
    public static final List<String> FAMILIES = List.of("ECONOMIC", "SOCIAL", "ENVIRONMENTAL", "ECOLOGICAL");
    public static final Set<String> DISAGGREGATIONS = Set.of("sex", "age_group", "ethnicity", "village");
    public static final Set<String> STATISTICS = Set.of("MEAN", "SHARE_BELOW");

    private final Codelists codes;

    public ProjectValidator(Codelists codes) {
        this.codes = codes;
    }

    public List<FieldProblem> problems(ProjectData p) {
        List<String> tooMany = ProjectLimits.exceeded(p);
        if (!tooMany.isEmpty()) return tooMany.stream().map(InvalidProjectProblem::text).toList();
        List<FieldProblem> out = new ArrayList<>();
        if (p.iatiIdentifier() == null || !p.iatiIdentifier().matches("[A-Za-z0-9][A-Za-z0-9._:/-]{2,199}")) {
            out.add(FieldProblem.of(null, "iatiIdentifier", "problem.project.identifier"));
        }
        if (Texts.isEmpty(p.title())) out.add(FieldProblem.of(null, "title", "problem.project.titleRequired"));
        if (!codes.has("ActivityStatus", p.status())) out.add(FieldProblem.of(null, "status", "problem.project.status", p.status()));
        order(out, "plannedEnd", p.plannedStart(), p.plannedEnd());
        order(out, "actualEnd", p.actualStart(), p.actualEnd());
        if (p.defaultCurrency() != null && !codes.has("Currency", p.defaultCurrency())) out.add(FieldProblem.of(null, "defaultCurrency", "problem.project.currency", p.defaultCurrency()));
        for (int i = 0; i < p.partners().size(); i++) {
            Org o = p.partners().get(i);
            if (!codes.has("OrganisationRole", o.role())) out.add(FieldProblem.of(null, "partners[" + i + "].role", "problem.project.role", o.role()));
            if (o.type() != null && !codes.has("OrganisationType", o.type())) out.add(FieldProblem.of(null, "partners[" + i + "].type", "problem.project.orgType", o.type()));
            if ((o.ref() == null || o.ref().isBlank()) && Texts.isEmpty(o.name())) out.add(FieldProblem.of(null, "partners[" + i + "]", "problem.project.refOrName"));
        }
        for (int i = 0; i < p.sectors().size(); i++) {
            Sector s = p.sectors().get(i);
            String vocab = s.vocabulary() == null ? "1" : s.vocabulary();
            if ("1".equals(vocab) && !codes.has("Sector", s.code())) out.add(FieldProblem.of(null, "sectors[" + i + "].code", "problem.project.sector", s.code()));
        }
        for (int i = 0; i < p.tags().size(); i++) {
            Tag t = p.tags().get(i);
            if ("3".equals(t.vocabulary()) && !codes.has("UNSDG-Targets", t.code())) out.add(FieldProblem.of(null, "tags[" + i + "].code", "problem.project.sdg", t.code()));
        }
        for (int i = 0; i < p.budgets().size(); i++) {
            Budget b = p.budgets().get(i);
            if (b.periodStart() == null || b.periodEnd() == null) out.add(FieldProblem.of(null, "budgets[" + i + "]", "problem.project.budgetPeriod"));
            else order(out, "budgets[" + i + "].periodEnd", b.periodStart(), b.periodEnd());
            if (b.value() == null) out.add(FieldProblem.of(null, "budgets[" + i + "].value", "problem.required"));
            currency(out, "budgets[" + i + "].currency", b.currency(), p.defaultCurrency());
        }
        for (int i = 0; i < p.transactions().size(); i++) {
            Transaction t = p.transactions().get(i);
            if (!codes.has("TransactionType", t.type())) out.add(FieldProblem.of(null, "transactions[" + i + "].type", "problem.project.transactionType", t.type()));
            if (t.date() == null) out.add(FieldProblem.of(null, "transactions[" + i + "].date", "problem.required"));
            if (t.value() == null) out.add(FieldProblem.of(null, "transactions[" + i + "].value", "problem.required"));
            currency(out, "transactions[" + i + "].currency", t.currency(), p.defaultCurrency());
        }
        Set<String> indicatorCodes = new HashSet<>();
        for (int r = 0; r < p.results().size(); r++) {
            Result res = p.results().get(r);
            String where = "results[" + r + "]";
            if (!oneOf(LEVELS, res.level())) out.add(FieldProblem.of(null, where + ".level", "problem.oneOf", "GOAL, OUTCOME, OUTPUT, ACTIVITY"));
            if (Texts.isEmpty(res.title())) out.add(FieldProblem.of(null, where + ".title", "problem.required"));
            for (int i = 0; i < res.indicators().size(); i++) {
                Indicator ind = res.indicators().get(i);
                String w = where + ".indicators[" + i + "]";
                if (Texts.isEmpty(ind.title())) out.add(FieldProblem.of(null, w + ".title", "problem.required"));
                if (ind.code() != null && !indicatorCodes.add(ind.code())) out.add(FieldProblem.of(null, w + ".code", "problem.project.usedTwice", ind.code()));
                if (ind.family() != null && !FAMILIES.contains(ind.family())) out.add(FieldProblem.of(null, w + ".family", "problem.oneOf", String.join(", ", FAMILIES)));
                if (ind.measure() != null && !codes.has("IndicatorMeasure", ind.measure())) out.add(FieldProblem.of(null, w + ".measure", "problem.project.measure", ind.measure()));
                for (String d : ind.disaggregations()) {
                    if (!oneOf(DISAGGREGATIONS, d)) out.add(FieldProblem.of(null, w + ".disaggregations", "problem.notOneOf", d, "sex, age_group, ethnicity, village"));
                }
                if (ind.computed()) {
                    if (ind.dataset() == null || ind.variable() == null) out.add(FieldProblem.of(null, w, "problem.project.computedNeeds"));
                    if (!oneOf(STATISTICS, ind.statistic())) out.add(FieldProblem.of(null, w + ".statistic", "problem.oneOf", "MEAN, SHARE_BELOW"));
                    if ("SHARE_BELOW".equals(ind.statistic()) && ind.threshold() == null) out.add(FieldProblem.of(null, w + ".threshold", "problem.project.thresholdRequired"));
                } else if (ind.source() != null && !"ENTERED".equals(ind.source())) {
                    out.add(FieldProblem.of(null, w + ".source", "problem.eitherOr", "ENTERED", "COMPUTED"));
                }
                for (int k = 0; k < ind.periods().size(); k++) {
                    Period per = ind.periods().get(k);
                    if (per.start() == null || per.end() == null) out.add(FieldProblem.of(null, w + ".periods[" + k + "]", "problem.project.periodRequired"));
                    else order(out, w + ".periods[" + k + "].end", per.start(), per.end());
                    numeric(out, w + ".periods[" + k + "].targets", per.targets(), ind.measure());
                    numeric(out, w + ".periods[" + k + "].actuals", per.actuals(), ind.measure());
                }
                numeric(out, w + ".baselines", ind.baselines(), ind.measure());
                for (int k = 0; k < ind.baselines().size(); k++) {
                    if (ind.baselines().get(k).year() == null) out.add(FieldProblem.of(null, w + ".baselines[" + k + "].year", "problem.required"));
                }
            }
        }
        return out;
    }

    /** Refuses a project with a list over its limit ({@link ProjectLimits}) before any other check or lookup runs. */
    public void requireWithinLimits(ProjectData p) {
        List<String> tooMany = ProjectLimits.exceeded(p);
        if (!tooMany.isEmpty()) throw InvalidProjectProblem.said("the project is too large", tooMany);
    }

    /** Whether a value that may be missing is one of a set (an immutable set refuses to be asked about null). */
    private static boolean oneOf(Set<String> allowed, String value) {
        return value != null && allowed.contains(value);
    }

    private void currency(List<FieldProblem> out, String field, String currency, String fallback) {
        String c = currency == null ? fallback : currency;
        if (c == null) out.add(FieldProblem.of(null, field, "problem.project.currencyRequired"));
        else if (!codes.has("Currency", c)) out.add(FieldProblem.of(null, field, "problem.project.currency", c));
    }

    private static void order(List<FieldProblem> out, String field, java.time.LocalDate start, java.time.LocalDate end) {
        if (start != null && end != null && end.isBefore(start)) out.add(FieldProblem.of(null, field, "problem.project.beforeStart", end, start));
    }

    private static void numeric(List<FieldProblem> out, String field, List<Value> values, String measure) {
        if ("5".equals(measure)) return;
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i).value();
            if (v == null || v.isBlank()) continue;
            try {
                new java.math.BigDecimal(v.trim());
            } catch (NumberFormatException e) {
                out.add(FieldProblem.of(null, field + "[" + i + "].value", "problem.notNumber", v));
            }
        }
    }
}
