package org.prosper.projects;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.prosper.projects.ProjectData.*;

/**
 * How many entries each list of a project may hold. IATI 2.03 sets no maximum; these are far above any real project
 * (the demo projects have at most six villages, five budget lines and a dozen transactions; the codelists hold 169 SDG
 * targets, 251 countries and 181 languages) and keep one save, and an export of every project, small. Since the
 * nested lists multiply, the figures (baselines, targets and actuals) of a whole project are capped as well. Checked
 * before anything else, so an oversized body is refused at once and nothing is written.
 */
final class ProjectLimits {

    static final int LANGUAGES = 50;
    static final int PARTNERS = 100;
    static final int VILLAGES = 500;
    static final int COUNTRIES = 100;
    static final int SECTORS = 100;
    static final int TAGS = 200;
    static final int BUDGETS = 200;
    static final int TRANSACTIONS = 500;
    static final int CLASSIFICATIONS = 50;
    static final int RESULTS = 100;
    static final int INDICATORS = 100;
    static final int DISAGGREGATIONS = 10;
    static final int PERIODS = 100;
    static final int VALUES = 500;
    static final int DIMENSIONS = 10;
    static final int LOCATIONS = 100;
    static final int FIGURES = 20_000;
    static final int CHANGES = 200;

    private ProjectLimits() {
    }

    /** Every list over its limit, as "field: N entries, at most M"; empty when the project fits. */
    static List<String> exceeded(ProjectData p) {
        Check c = new Check();
        c.texts("title", p.title());
        c.texts("description", p.description());
        c.texts("objectives", p.objectives());
        if (p.reportingOrg() != null) c.texts("reportingOrg.name", p.reportingOrg().name());
        c.list("partners", p.partners(), PARTNERS);
        c.list("villages", p.villages(), VILLAGES);
        c.list("comparisonVillages", p.comparisonVillages(), VILLAGES);
        c.list("countries", p.countries(), COUNTRIES);
        c.list("sectors", p.sectors(), SECTORS);
        c.list("tags", p.tags(), TAGS);
        c.list("budgets", p.budgets(), BUDGETS);
        c.list("transactions", p.transactions(), TRANSACTIONS);
        c.list("results", p.results(), RESULTS);
        if (!c.out.isEmpty()) return c.out;
        for (int i = 0; i < p.partners().size(); i++) c.texts("partners[" + i + "].name", p.partners().get(i).name());
        for (int i = 0; i < p.sectors().size(); i++) c.texts("sectors[" + i + "].narrative", p.sectors().get(i).narrative());
        for (int i = 0; i < p.tags().size(); i++) c.texts("tags[" + i + "].narrative", p.tags().get(i).narrative());
        for (int i = 0; i < p.transactions().size(); i++) transaction(c, "transactions[" + i + "]", p.transactions().get(i));
        int figures = 0;
        for (int r = 0; r < p.results().size(); r++) {
            Result res = p.results().get(r);
            String w = "results[" + r + "]";
            c.texts(w + ".title", res.title());
            c.texts(w + ".description", res.description());
            if (!c.list(w + ".indicators", res.indicators(), INDICATORS)) continue;
            for (int i = 0; i < res.indicators().size(); i++) figures += indicator(c, w + ".indicators[" + i + "]", res.indicators().get(i));
        }
        if (c.out.isEmpty() && figures > FIGURES) {
            c.out.add("results: " + figures + " baselines, targets and actuals in all, at most " + FIGURES + " in a project");
        }
        return c.out;
    }

    /** A plan adjustment's changes over their limit, as for a project's lists. */
    static List<String> exceeded(List<PlanChange> changes) {
        Check c = new Check();
        c.list("changes", changes, CHANGES);
        return c.out;
    }

    /** A programme's texts over their limit. */
    static List<String> exceeded(ProjectService.Programme programme) {
        Check c = new Check();
        c.texts("title", programme.title());
        c.texts("description", programme.description());
        return c.out;
    }

    private static void transaction(Check c, String w, Transaction t) {
        c.texts(w + ".description", t.description());
        if (t.provider() != null) c.texts(w + ".provider.name", t.provider().name());
        if (t.receiver() != null) c.texts(w + ".receiver.name", t.receiver().name());
        if (c.list(w + ".classifications", t.classifications(), CLASSIFICATIONS)) {
            for (int k = 0; k < t.classifications().size(); k++) {
                Coded coded = t.classifications().get(k);
                c.size(w + ".classifications[" + k + "].attributes", coded.attributes().size(), CLASSIFICATIONS, "entries");
                c.texts(w + ".classifications[" + k + "].narrative", coded.narrative());
            }
        }
    }

    /** Checks an indicator's lists; answers how many figures it holds. */
    private static int indicator(Check c, String w, Indicator ind) {
        c.texts(w + ".title", ind.title());
        c.texts(w + ".description", ind.description());
        c.list(w + ".disaggregations", ind.disaggregations(), DISAGGREGATIONS);
        int figures = values(c, w + ".baselines", ind.baselines());
        if (!c.list(w + ".periods", ind.periods(), PERIODS)) return figures;
        for (int k = 0; k < ind.periods().size(); k++) {
            Period per = ind.periods().get(k);
            figures += values(c, w + ".periods[" + k + "].targets", per.targets());
            figures += values(c, w + ".periods[" + k + "].actuals", per.actuals());
        }
        return figures;
    }

    private static int values(Check c, String w, List<Value> values) {
        if (!c.list(w, values, VALUES)) return values.size();
        for (int i = 0; i < values.size(); i++) {
            Value v = values.get(i);
            c.list(w + "[" + i + "].dimensions", v.dimensions(), DIMENSIONS);
            c.list(w + "[" + i + "].locations", v.locations(), LOCATIONS);
            c.texts(w + "[" + i + "].comment", v.comment());
        }
        return values.size();
    }

    private static final class Check {
        final List<String> out = new ArrayList<>();

        boolean list(String field, List<?> list, int max) {
            return size(field, list == null ? 0 : list.size(), max, "entries");
        }

        void texts(String field, Map<String, String> text) {
            size(field, text == null ? 0 : text.size(), LANGUAGES, "languages");
        }

        boolean size(String field, int size, int max, String what) {
            if (size <= max) return true;
            out.add(field + ": " + size + " " + what + ", at most " + max);
            return false;
        }
    }
}
