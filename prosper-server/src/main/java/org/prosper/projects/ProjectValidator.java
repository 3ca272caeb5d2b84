package org.prosper.projects;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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

    public List<String> problems(ProjectData p) {
        List<String> tooMany = ProjectLimits.exceeded(p);
        if (!tooMany.isEmpty()) return tooMany;
        List<String> out = new ArrayList<>();
        if (p.iatiIdentifier() == null || !p.iatiIdentifier().matches("[A-Za-z0-9][A-Za-z0-9._:/-]{2,199}")) {
            out.add("iatiIdentifier: required, 3 to 200 letters, digits or . _ : / - (e.g. XM-EAPRCI-KH-001)");
        }
        if (Texts.isEmpty(p.title())) out.add("title: required in at least one language");
        if (!codes.has("ActivityStatus", p.status())) out.add("status: '" + p.status() + "' is not an IATI activity status (1 to 6)");
        order(out, "plannedEnd", p.plannedStart(), p.plannedEnd());
        order(out, "actualEnd", p.actualStart(), p.actualEnd());
        if (p.defaultCurrency() != null && !codes.has("Currency", p.defaultCurrency())) out.add("defaultCurrency: '" + p.defaultCurrency() + "' is not an ISO 4217 code");
        for (int i = 0; i < p.partners().size(); i++) {
            Org o = p.partners().get(i);
            if (!codes.has("OrganisationRole", o.role())) out.add("partners[" + i + "].role: '" + o.role() + "' is not 1 funding, 2 accountable, 3 extending or 4 implementing");
            if (o.type() != null && !codes.has("OrganisationType", o.type())) out.add("partners[" + i + "].type: '" + o.type() + "' is not an IATI organisation type");
            if ((o.ref() == null || o.ref().isBlank()) && Texts.isEmpty(o.name())) out.add("partners[" + i + "]: needs a ref or a name");
        }
        for (int i = 0; i < p.sectors().size(); i++) {
            Sector s = p.sectors().get(i);
            String vocab = s.vocabulary() == null ? "1" : s.vocabulary();
            if ("1".equals(vocab) && !codes.has("Sector", s.code())) out.add("sectors[" + i + "].code: '" + s.code() + "' is not an OECD DAC 5-digit purpose code");
        }
        for (int i = 0; i < p.tags().size(); i++) {
            Tag t = p.tags().get(i);
            if ("3".equals(t.vocabulary()) && !codes.has("UNSDG-Targets", t.code())) out.add("tags[" + i + "].code: '" + t.code() + "' is not an SDG target");
        }
        for (int i = 0; i < p.budgets().size(); i++) {
            Budget b = p.budgets().get(i);
            if (b.periodStart() == null || b.periodEnd() == null) out.add("budgets[" + i + "]: periodStart and periodEnd are required");
            else order(out, "budgets[" + i + "].periodEnd", b.periodStart(), b.periodEnd());
            if (b.value() == null) out.add("budgets[" + i + "].value: required");
            currency(out, "budgets[" + i + "].currency", b.currency(), p.defaultCurrency());
        }
        for (int i = 0; i < p.transactions().size(); i++) {
            Transaction t = p.transactions().get(i);
            if (!codes.has("TransactionType", t.type())) out.add("transactions[" + i + "].type: '" + t.type() + "' is not an IATI transaction type (2 commitment, 3 disbursement, 4 expenditure, ...)");
            if (t.date() == null) out.add("transactions[" + i + "].date: required");
            if (t.value() == null) out.add("transactions[" + i + "].value: required");
            currency(out, "transactions[" + i + "].currency", t.currency(), p.defaultCurrency());
        }
        Set<String> indicatorCodes = new HashSet<>();
        for (int r = 0; r < p.results().size(); r++) {
            Result res = p.results().get(r);
            String where = "results[" + r + "]";
            if (!oneOf(LEVELS, res.level())) out.add(where + ".level: one of GOAL, OUTCOME, OUTPUT, ACTIVITY");
            if (Texts.isEmpty(res.title())) out.add(where + ".title: required");
            for (int i = 0; i < res.indicators().size(); i++) {
                Indicator ind = res.indicators().get(i);
                String w = where + ".indicators[" + i + "]";
                if (Texts.isEmpty(ind.title())) out.add(w + ".title: required");
                if (ind.code() != null && !indicatorCodes.add(ind.code())) out.add(w + ".code: '" + ind.code() + "' is used twice in this project");
                if (ind.family() != null && !FAMILIES.contains(ind.family())) out.add(w + ".family: one of ECONOMIC, SOCIAL, ENVIRONMENTAL, ECOLOGICAL");
                if (ind.measure() != null && !codes.has("IndicatorMeasure", ind.measure())) out.add(w + ".measure: '" + ind.measure() + "' is not 1 unit, 2 percentage, 3 nominal, 4 ordinal or 5 qualitative");
                for (String d : ind.disaggregations()) {
                    if (!oneOf(DISAGGREGATIONS, d)) out.add(w + ".disaggregations: '" + d + "' is not one of sex, age_group, ethnicity, village");
                }
                if (ind.computed()) {
                    if (ind.dataset() == null || ind.variable() == null) out.add(w + ": a computed indicator needs a dataset and a variable");
                    if (!oneOf(STATISTICS, ind.statistic())) out.add(w + ".statistic: one of MEAN, SHARE_BELOW");
                    if ("SHARE_BELOW".equals(ind.statistic()) && ind.threshold() == null) out.add(w + ".threshold: required for SHARE_BELOW");
                } else if (ind.source() != null && !"ENTERED".equals(ind.source())) {
                    out.add(w + ".source: ENTERED or COMPUTED");
                }
                for (int k = 0; k < ind.periods().size(); k++) {
                    Period per = ind.periods().get(k);
                    if (per.start() == null || per.end() == null) out.add(w + ".periods[" + k + "]: start and end are required");
                    else order(out, w + ".periods[" + k + "].end", per.start(), per.end());
                    numeric(out, w + ".periods[" + k + "].targets", per.targets(), ind.measure());
                    numeric(out, w + ".periods[" + k + "].actuals", per.actuals(), ind.measure());
                }
                numeric(out, w + ".baselines", ind.baselines(), ind.measure());
                for (int k = 0; k < ind.baselines().size(); k++) {
                    if (ind.baselines().get(k).year() == null) out.add(w + ".baselines[" + k + "].year: required");
                }
            }
        }
        return out;
    }

    /** Refuses a project with a list over its limit ({@link ProjectLimits}) before any other check or lookup runs. */
    public void requireWithinLimits(ProjectData p) {
        List<String> tooMany = ProjectLimits.exceeded(p);
        if (!tooMany.isEmpty()) throw new InvalidProjectProblem("the project is too large", tooMany);
    }

    /** Whether a value that may be missing is one of a set (an immutable set refuses to be asked about null). */
    private static boolean oneOf(Set<String> allowed, String value) {
        return value != null && allowed.contains(value);
    }

    private void currency(List<String> out, String field, String currency, String fallback) {
        String c = currency == null ? fallback : currency;
        if (c == null) out.add(field + ": required when the project has no default currency");
        else if (!codes.has("Currency", c)) out.add(field + ": '" + c + "' is not an ISO 4217 code");
    }

    private static void order(List<String> out, String field, java.time.LocalDate start, java.time.LocalDate end) {
        if (start != null && end != null && end.isBefore(start)) out.add(field + ": " + end + " is before the start " + start);
    }

    private static void numeric(List<String> out, String field, List<Value> values, String measure) {
        if ("5".equals(measure)) return;
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i).value();
            if (v == null || v.isBlank()) continue;
            try {
                new java.math.BigDecimal(v.trim());
            } catch (NumberFormatException e) {
                out.add(field + "[" + i + "].value: '" + v + "' is not a number");
            }
        }
    }
}
