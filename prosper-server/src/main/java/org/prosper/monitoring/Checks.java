package org.prosper.monitoring;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.prosper.registry.Household;
import org.prosper.registry.Person;

/**
 * The indicator kinds a profile can use, each with its parameters. A profile combines them as data (which kinds,
 * which thresholds, which risk type, which words); a new kind of evidence is the only thing that needs code here.
 */
final class Checks {

    static final List<String> KINDS = List.of("INCOME_BELOW_LINE", "INCOME_DROP", "DEPT_AMOUNT", "DEPT_SHARE_OF_INCOME",
            "CHILD_OUT_OF_SCHOOL", "HOUSING_UNSAFE", "WATER_UNSAFE", "SANITATION_UNSAFE", "NO_HEALTH_INSURANCE", "NO_LABOUR",
            "NO_ELECTRICITY", "COOKING_FUEL_IN", "LACKS_ASSETS", "FLOOR_AREA_BELOW", "DEPENDANTS_SHARE_ABOVE",
            "ADULT_EDUCATION_BELOW", "WORKING_AGE_WITHOUT_WORK", "DISABILITY_PRESENT", "NOT_RECORDED");
    static final List<String> DEPT_KINDS = List.of("MEDICAL_OOP", "DISASTER_LOSS", "ACCIDENT_LOSS", "EDUCATION_COST", "INCOME");

    private Checks() {
    }

    /** The parameters of one indicator, read with the field path used in problems. */
    private record Params(Map<String, Object> map, String at, List<ProfileProblem.Field> problems) {

        double number(String name, Double fallback) {
            Object v = map.get(name);
            if (v == null) {
                if (fallback == null) problems.add(new ProfileProblem.Field(at + "." + name, "required number"));
                return fallback == null ? 0 : fallback;
            }
            if (v instanceof Number n && Double.isFinite(n.doubleValue()) && n.doubleValue() >= 0) return n.doubleValue();
            problems.add(new ProfileProblem.Field(at + "." + name, "must be a number of 0 or more, got " + v));
            return 0;
        }

        String text(String name, List<String> allowed) {
            Object v = map.get(name);
            if (v instanceof String s && (allowed == null || allowed.contains(s))) return s;
            problems.add(new ProfileProblem.Field(at + "." + name, v == null ? "required" + (allowed == null ? "" : ": one of " + allowed)
                    : "'" + v + "' is not one of " + allowed));
            return allowed == null ? "" : allowed.getFirst();
        }

        List<String> texts(String name, boolean required) {
            Object v = map.get(name);
            if (v == null && !required) return List.of();
            if (v instanceof Collection<?> c && !c.isEmpty() && c.stream().allMatch(x -> x instanceof String)) {
                return c.stream().map(Object::toString).toList();
            }
            problems.add(new ProfileProblem.Field(at + "." + name, "required: a list of values"));
            return List.of();
        }

        Map<String, Double> amounts(String name) {
            Object v = map.get(name);
            if (v == null) return Map.of();
            Map<String, Double> result = new LinkedHashMap<>();
            if (v instanceof Map<?, ?> m) {
                for (var e : m.entrySet()) {
                    if (e.getValue() instanceof Number n) result.put(String.valueOf(e.getKey()), n.doubleValue());
                    else problems.add(new ProfileProblem.Field(at + "." + name + "." + e.getKey(), "must be a number"));
                }
            } else {
                problems.add(new ProfileProblem.Field(at + "." + name, "must map registration statuses to amounts"));
            }
            return result;
        }
    }

    /** Adds the registry fields an indicator kind reads (household and member component names) to the two sets. */
    static void fields(String kind, Set<String> household, Set<String> members) {
        if (kind == null) return;
        switch (kind) {
            case "INCOME_BELOW_LINE", "INCOME_DROP", "DEPT_SHARE_OF_INCOME" -> household.addAll(List.of("annualIncome", "incomeYear"));
            case "DEPT_AMOUNT" -> household.add("registrationStatus");
            case "CHILD_OUT_OF_SCHOOL" -> members.addAll(List.of("birthDate", "inSchool"));
            case "HOUSING_UNSAFE" -> household.addAll(List.of("housingCondition", "housingStructure"));
            case "WATER_UNSAFE" -> household.add("waterSource");
            case "SANITATION_UNSAFE" -> household.add("sanitation");
            case "COOKING_FUEL_IN" -> household.add("cookingFuel");
            case "NO_HEALTH_INSURANCE" -> members.addAll(List.of("birthDate", "healthInsurance"));
            case "NO_LABOUR" -> members.add("labourCapacity");
            case "NO_ELECTRICITY" -> household.add("electricity");
            case "LACKS_ASSETS" -> household.add("assets");
            case "FLOOR_AREA_BELOW" -> household.add("floorArea");
            case "DEPENDANTS_SHARE_ABOVE" -> members.addAll(List.of("birthDate", "labourCapacity"));
            case "ADULT_EDUCATION_BELOW" -> members.addAll(List.of("birthDate", "education"));
            case "WORKING_AGE_WITHOUT_WORK" -> members.addAll(List.of("birthDate", "labourCapacity", "occupation", "inSchool"));
            case "DISABILITY_PRESENT" -> members.add("disability");
            default -> {
                // NOT_RECORDED reads nothing
            }
        }
    }

    /** Compiles an indicator; problems are added to {@code problems} under {@code at}. */
    static Check compile(String kind, Map<String, Object> params, String at, List<ProfileProblem.Field> problems,
                         LineTable lines, String currency) {
        Params p = new Params(params, at + ".params", problems);
        if (kind == null || !KINDS.contains(kind)) {
            problems.add(new ProfileProblem.Field(at + ".kind", kind == null ? "required: one of " + KINDS : "'" + kind + "' is not one of " + KINDS));
            return f -> null;
        }
        return switch (kind) {
            case "INCOME_BELOW_LINE" -> incomeBelowLine(p.text("line", null), p.number("factor", 1.0), lines, currency);
            case "INCOME_DROP" -> incomeDrop(p.number("drop", null), currency);
            case "DEPT_AMOUNT" -> deptAmount(p.text("dataKind", DEPT_KINDS), p.number("amount", null), p.amounts("amountByStatus"),
                    (int) p.number("months", 12.0), currency);
            case "DEPT_SHARE_OF_INCOME" -> deptShare(p.text("dataKind", DEPT_KINDS), p.number("share", null), (int) p.number("months", 12.0), currency);
            case "CHILD_OUT_OF_SCHOOL" -> childOutOfSchool((int) p.number("minAge", 6.0), (int) p.number("maxAge", 15.0));
            case "HOUSING_UNSAFE" -> housingUnsafe(Set.copyOf(p.texts("grades", false)), Set.copyOf(p.texts("structures", false)), p, at);
            case "WATER_UNSAFE" -> valueIn(Set.copyOf(p.texts("sources", true)), Household::waterSource, "source");
            case "SANITATION_UNSAFE" -> valueIn(Set.copyOf(p.texts("values", true)), Household::sanitation, "sanitation");
            case "COOKING_FUEL_IN" -> valueIn(Set.copyOf(p.texts("values", true)), Household::cookingFuel, "fuel");
            case "NO_HEALTH_INSURANCE" -> noInsurance((int) p.number("minAge", 0.0));
            case "NO_LABOUR" -> noLabour();
            case "NO_ELECTRICITY" -> f -> Boolean.FALSE.equals(f.household.electricity()) ? new LinkedHashMap<>() : null;
            case "LACKS_ASSETS" -> lacksAssets(p.texts("anyOf", true));
            case "FLOOR_AREA_BELOW" -> floorArea(p.number("perPerson", null));
            case "DEPENDANTS_SHARE_ABOVE" -> dependants(p.number("share", null));
            case "ADULT_EDUCATION_BELOW" -> adultEducation((int) p.number("minAge", 16.0), (int) p.number("maxAge", 30.0), Set.copyOf(p.texts("levels", true)));
            case "WORKING_AGE_WITHOUT_WORK" -> withoutWork((int) p.number("minAge", 15.0), (int) p.number("maxAge", 60.0));
            case "DISABILITY_PRESENT" -> disability();
            default -> f -> null; // NOT_RECORDED: the registry has no data for it, so it never counts as deprived
        };
    }

    private static Check incomeBelowLine(String kind, double factor, LineTable lines, String currency) {
        return f -> {
            if (!f.hasIncome()) return null;
            LineTable.Resolved line = lines.resolve(kind, f.household.orgPath(), f.incomeYear());
            if (line == null) return null;
            double income = f.incomeIn(line.unit(), line.period());
            double threshold = line.amount() * factor;
            // "at or below" for a poverty line (Viet Nam's wording), "below" otherwise: equality is the rare case
            if (income > threshold || (income == threshold && !"POVERTY".equals(kind))) return null;
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("income", income);
            v.put("line", threshold);
            v.put("lineAmount", line.amount());
            v.put("factor", factor);
            v.put("currency", currency);
            v.put("year", f.incomeYear());
            v.put("unit", line.unit());
            v.put("period", line.period());
            v.put("area", line.area());
            v.put("lineId", line.id());
            v.put("lineSource", line.source());
            v.put("householdIncome", f.annualIncome());
            v.put("members", f.size());
            return v;
        };
    }

    private static Check incomeDrop(double drop, String currency) {
        return f -> {
            if (!f.hasIncome()) return null;
            int previousYear = f.incomeYear() - 1;
            HouseholdFacts.DeptRecord previous = null;
            for (HouseholdFacts.DeptRecord r : f.records) {
                if (r.kind().equals("INCOME") && r.date().getYear() == previousYear && (previous == null || r.id() > previous.id())) previous = r;
            }
            if (previous == null || previous.amount() <= 0) return null;
            double fall = 1 - f.annualIncome() / previous.amount();
            if (fall < drop) return null;
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("income", f.annualIncome());
            v.put("previous", previous.amount());
            v.put("drop", percent(fall));
            v.put("threshold", percent(drop));
            v.put("year", f.incomeYear());
            v.put("previousYear", previousYear);
            v.put("currency", currency);
            v.put("records", List.of(previous.batchId() + ":" + previous.rowNo()));
            return v;
        };
    }

    private static Check deptAmount(String dataKind, double amount, Map<String, Double> byStatus, int months, String currency) {
        return f -> {
            if (f.records.isEmpty()) return null;
            List<HouseholdFacts.DeptRecord> recent = f.recent(dataKind, months);
            if (recent.isEmpty()) return null;
            double sum = 0;
            for (var r : recent) sum += r.amount();
            double threshold = byStatus.getOrDefault(f.household.registrationStatus(), amount);
            if (sum < threshold) return null;
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("amount", sum);
            v.put("threshold", threshold);
            v.put("currency", currency);
            v.put("months", months);
            v.put("status", f.household.registrationStatus());
            v.put("records", recent.stream().map(r -> r.batchId() + ":" + r.rowNo()).toList());
            return v;
        };
    }

    private static Check deptShare(String dataKind, double share, int months, String currency) {
        return f -> {
            if (f.records.isEmpty() || !f.hasIncome()) return null;
            List<HouseholdFacts.DeptRecord> recent = f.recent(dataKind, months);
            if (recent.isEmpty()) return null;
            double sum = 0;
            for (var r : recent) sum += r.amount();
            double income = f.annualIncome();
            double ratio = income <= 0 ? Double.POSITIVE_INFINITY : sum / income;
            if (ratio < share) return null;
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("amount", sum);
            v.put("income", income);
            v.put("share", income <= 0 ? "all" : percent(ratio));
            v.put("threshold", percent(share));
            v.put("currency", currency);
            v.put("months", months);
            v.put("records", recent.stream().map(r -> r.batchId() + ":" + r.rowNo()).toList());
            return v;
        };
    }

    private static Check childOutOfSchool(int minAge, int maxAge) {
        return f -> {
            List<Integer> ages = null;
            List<Person> members = f.household.members();
            for (int i = 0; i < f.ages.length; i++) {
                int age = f.ages[i];
                if (age >= minAge && age <= maxAge && Boolean.FALSE.equals(members.get(i).inSchool())) {
                    if (ages == null) ages = new ArrayList<>();
                    ages.add(age);
                }
            }
            if (ages == null) return null;
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("count", ages.size());
            v.put("ages", ages);
            v.put("minAge", minAge);
            v.put("maxAge", maxAge);
            return v;
        };
    }

    private static Check housingUnsafe(Set<String> grades, Set<String> structures, Params p, String at) {
        if (grades.isEmpty() && structures.isEmpty()) p.problems().add(new ProfileProblem.Field(at + ".params.grades", "give grades, structures or both"));
        return f -> {
            String grade = f.household.housingCondition();
            String structure = f.household.housingStructure();
            boolean byGrade = grade != null && grades.contains(grade);
            boolean byStructure = structure != null && structures.contains(structure);
            if (!byGrade && !byStructure) return null;
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("grade", grade);
            v.put("grades", grades.stream().sorted().toList());
            v.put("structure", structure);
            return v;
        };
    }

    private static Check valueIn(Set<String> values, Function<Household, String> field, String name) {
        return f -> {
            String value = field.apply(f.household);
            if (value == null || !values.contains(value)) return null;
            Map<String, Object> v = new LinkedHashMap<>();
            v.put(name, value);
            return v;
        };
    }

    private static Check noInsurance(int minAge) {
        return f -> {
            int count = 0;
            List<Person> members = f.household.members();
            for (int i = 0; i < f.ages.length; i++) {
                if ((f.ages[i] < 0 || f.ages[i] >= minAge) && Boolean.FALSE.equals(members.get(i).healthInsurance())) count++;
            }
            if (count == 0) return null;
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("count", count);
            v.put("members", members.size());
            v.put("minAge", minAge);
            return v;
        };
    }

    private static Check noLabour() {
        return f -> {
            if (f.size() == 0 || f.workers() > 0) return null;
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("members", f.size());
            return v;
        };
    }

    private static Check lacksAssets(List<String> anyOf) {
        return f -> {
            String assets = f.household.assets();
            if (assets != null) {
                for (String a : assets.split(",")) if (anyOf.contains(a.trim())) return null;
            }
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("assets", anyOf);
            return v;
        };
    }

    private static Check floorArea(double perPerson) {
        return f -> {
            Double area = f.household.floorArea();
            if (area == null || f.size() == 0) return null;
            double each = area / f.size();
            if (each >= perPerson) return null;
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("perPerson", each);
            v.put("threshold", perPerson);
            return v;
        };
    }

    /** Dependants: children under 16, people over 60, and anyone without labour capacity. */
    private static Check dependants(double share) {
        return f -> {
            if (f.size() == 0) return null;
            int dependants = 0;
            List<Person> members = f.household.members();
            for (int i = 0; i < f.ages.length; i++) {
                int age = f.ages[i];
                if ((age >= 0 && (age < 16 || age > 60)) || "NONE".equals(members.get(i).labourCapacity())) dependants++;
            }
            double ratio = dependants / (double) f.size();
            if (ratio <= share) return null;
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("dependants", dependants);
            v.put("share", percent(ratio));
            return v;
        };
    }

    private static Check adultEducation(int minAge, int maxAge, Set<String> levels) {
        return f -> {
            List<Person> members = f.household.members();
            for (int i = 0; i < f.ages.length; i++) {
                if (f.ages[i] >= minAge && f.ages[i] <= maxAge && members.get(i).education() != null && levels.contains(members.get(i).education())) {
                    Map<String, Object> v = new LinkedHashMap<>();
                    v.put("age", f.ages[i]);
                    v.put("education", members.get(i).education());
                    return v;
                }
            }
            return null;
        };
    }

    private static Check withoutWork(int minAge, int maxAge) {
        return f -> {
            List<Person> members = f.household.members();
            for (int i = 0; i < f.ages.length; i++) {
                Person p = members.get(i);
                if (f.ages[i] >= minAge && f.ages[i] <= maxAge && !"NONE".equals(p.labourCapacity()) && p.labourCapacity() != null
                        && (p.occupation() == null || p.occupation().isBlank()) && !Boolean.TRUE.equals(p.inSchool())) {
                    Map<String, Object> v = new LinkedHashMap<>();
                    v.put("age", f.ages[i]);
                    return v;
                }
            }
            return null;
        };
    }

    private static Check disability() {
        return f -> {
            for (Person p : f.household.members()) {
                if (Boolean.TRUE.equals(p.disability())) return new LinkedHashMap<>();
            }
            return null;
        };
    }

    static String percent(double ratio) {
        double pct = ratio * 100;
        return (pct == Math.rint(pct) ? String.valueOf((long) pct) : String.format(java.util.Locale.ROOT, "%.1f", pct)) + "%";
    }
}
