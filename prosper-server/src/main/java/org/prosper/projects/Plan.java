package org.prosper.projects;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.prosper.projects.ProjectData.*;

/**
 * The plan of a project as a plan adjustment changes it: villages served and compared, budget lines, activities and
 * indicator targets. Each approved version is kept as one of these; {@link #diff} says in words what changed.
 */
public record Plan(List<String> villages, List<String> comparisonVillages, List<BudgetLine> budgets,
                   List<String> activities, List<TargetLine> targets) {

    public record BudgetLine(LocalDate start, LocalDate end, String type, BigDecimal value, String currency) {
        String key() {
            return start + ".." + end + (type == null || "1".equals(type) ? "" : " (type " + type + ")");
        }
    }

    public record TargetLine(String indicator, LocalDate start, LocalDate end, String breakdown, String value) {
        String key() {
            return indicator + " " + start + ".." + end + (breakdown.isEmpty() ? "" : " [" + breakdown + "]");
        }
    }

    public static Plan of(ProjectData p) {
        List<BudgetLine> budgets = p.budgets().stream().map(b -> new BudgetLine(b.periodStart(), b.periodEnd(), b.type(),
                ProjectRepository.strip(b.value()), b.currency() == null ? p.defaultCurrency() : b.currency())).toList();
        List<String> activities = p.results().stream().filter(r -> "ACTIVITY".equals(r.level()))
                .map(r -> Texts.pick(r.title(), "en")).toList();
        List<TargetLine> targets = new ArrayList<>();
        for (Result r : p.results()) {
            for (Indicator i : r.indicators()) {
                String name = indicatorName(i);
                for (Period per : i.periods()) {
                    for (Value t : per.targets()) {
                        targets.add(new TargetLine(name, per.start(), per.end(), breakdown(t), t.value()));
                    }
                }
            }
        }
        return new Plan(List.copyOf(p.villages()), List.copyOf(p.comparisonVillages()), budgets, activities, targets);
    }

    static String indicatorName(Indicator i) {
        return i.code() != null ? i.code() : Texts.pick(i.title(), "en");
    }

    static String breakdown(Value v) {
        List<String> parts = new ArrayList<>();
        for (Dimension d : v.dimensions()) parts.add(d.name() + "=" + d.value());
        for (String l : v.locations()) parts.add("location=" + l);
        return String.join(", ", parts);
    }

    /** What changed from this plan to the other, one readable line per change. */
    public List<String> diff(Plan after) {
        List<String> lines = new ArrayList<>();
        listDiff(lines, "Village served", villages, after.villages);
        listDiff(lines, "Comparison village", comparisonVillages, after.comparisonVillages);
        Map<String, BudgetLine> b0 = budgets.stream().collect(Collectors.toMap(BudgetLine::key, b -> b, (a, b) -> a, LinkedHashMap::new));
        Map<String, BudgetLine> b1 = after.budgets.stream().collect(Collectors.toMap(BudgetLine::key, b -> b, (a, b) -> a, LinkedHashMap::new));
        for (var e : b0.entrySet()) {
            BudgetLine now = b1.get(e.getKey());
            if (now == null) lines.add("Budget " + e.getKey() + " removed (was " + money(e.getValue()) + ")");
            else if (!sameMoney(e.getValue(), now)) lines.add("Budget " + e.getKey() + ": " + money(e.getValue()) + " -> " + money(now));
        }
        for (var e : b1.entrySet()) if (!b0.containsKey(e.getKey())) lines.add("Budget " + e.getKey() + " added: " + money(e.getValue()));
        listDiff(lines, "Activity", activities, after.activities);
        Map<String, TargetLine> t0 = targets.stream().collect(Collectors.toMap(TargetLine::key, t -> t, (a, b) -> a, LinkedHashMap::new));
        Map<String, TargetLine> t1 = after.targets.stream().collect(Collectors.toMap(TargetLine::key, t -> t, (a, b) -> a, LinkedHashMap::new));
        for (var e : t0.entrySet()) {
            TargetLine now = t1.get(e.getKey());
            if (now == null) lines.add("Target " + e.getKey() + " removed (was " + e.getValue().value() + ")");
            else if (!sameNumber(e.getValue().value(), now.value())) lines.add("Target " + e.getKey() + ": " + e.getValue().value() + " -> " + now.value());
        }
        for (var e : t1.entrySet()) if (!t0.containsKey(e.getKey())) lines.add("Target " + e.getKey() + " added: " + e.getValue().value());
        return lines;
    }

    private static void listDiff(List<String> lines, String what, List<String> before, List<String> after) {
        for (String v : before) if (!after.contains(v)) lines.add(what + " removed: " + v);
        for (String v : after) if (!before.contains(v)) lines.add(what + " added: " + v);
    }

    private static String money(BudgetLine b) {
        return b.value().toPlainString() + " " + (b.currency() == null ? "" : b.currency());
    }

    private static boolean sameMoney(BudgetLine a, BudgetLine b) {
        return a.value().compareTo(b.value()) == 0 && Objects.equals(a.currency(), b.currency());
    }

    private static boolean sameNumber(String a, String b) {
        if (Objects.equals(a, b)) return true;
        try {
            return a != null && b != null && new BigDecimal(a.trim()).compareTo(new BigDecimal(b.trim())) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
