package org.prosper.monitoring;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * How one country monitors households at risk: its welfare measure, its lines per year and area with their legal
 * source, its risk rules and classification, the deadlines of each case step, its review cycle and complaint
 * categories. Profiles are data (shipped as JSON files under monitoring/profiles, edited by administrators), and
 * every version is kept. {@code code} is a country code, or GENERIC for the profile of countries without their own.
 */
public record CountryProfile(String code, Integer fileVersion, String name, String nameZh, LocalDate validFrom,
                             String currency, Welfare welfare, String defaultArea, Map<String, List<String>> areas,
                             List<Line> lines, List<RuleDef> rules, Classification classification, Deadlines deadlines,
                             ReviewCycle reviewCycle, List<String> complaintCategories, List<String> noticeHiddenFields,
                             List<String> sources) {

    public CountryProfile {
        areas = areas == null ? Map.of() : Map.copyOf(areas);
        lines = lines == null ? List.of() : List.copyOf(lines);
        rules = rules == null ? List.of() : List.copyOf(rules);
        complaintCategories = complaintCategories == null ? List.of() : List.copyOf(complaintCategories);
        noticeHiddenFields = noticeHiddenFields == null ? List.of() : List.copyOf(noticeHiddenFields);
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    /**
     * What a household's welfare is measured as: income (per person, per adult equivalent or per household) over a
     * period (YEAR, MONTH, DAY), from the last {@code windowMonths} months.
     */
    public record Welfare(String measure, String unit, String period, Integer windowMonths) {
    }

    /**
     * A line in force from {@code fromYear} to {@code toYear} (null: open-ended) in an area: a unit code (a province,
     * "CN-45"), the country code, or an area class (RURAL, URBAN). Either an {@code amount} or a
     * {@code factorOfPoverty} times the POVERTY line of the same year and area. {@code verified}: V found in a public
     * source, L a local example, K background knowledge not checked against the primary text.
     */
    public record Line(String id, String kind, String area, Integer fromYear, Integer toYear, Double amount,
                       Double factorOfPoverty, String unit, String period, String source, String verified) {
    }

    /**
     * A risk rule: an indicator kind with its parameters, the risk type and severity it raises, and the explanation
     * shown on the alert in English and Chinese, with {placeholders} filled from the household's data.
     */
    public record RuleDef(String id, String kind, Map<String, Object> params, String riskType, String severity,
                          Map<String, String> explanation, String source) {
        public RuleDef {
            params = inFileOrder(params);
            explanation = explanation == null ? Map.of() : Map.copyOf(explanation);
        }
    }

    /**
     * How a household is classified: INCOME_AND_DEPRIVATIONS (income at or below a line, then a class by the number of
     * deprived indicators, as Viet Nam), SCORE_LEVELS (points per deprived indicator, a level by score, as Cambodia's
     * IDPoor), ANY_DIMENSION (deprived in at least one dimension, as Thailand's TPMAP).
     */
    public record Classification(String kind, String line, Double factor, List<Indicator> indicators, List<ClassDef> classes,
                                 String source) {
        public Classification {
            indicators = indicators == null ? List.of() : List.copyOf(indicators);
            classes = classes == null ? List.of() : List.copyOf(classes);
        }
    }

    /** A deprivation indicator of a classification: an indicator kind with parameters, its dimension and points. */
    public record Indicator(String id, String kind, Map<String, Object> params, String dimension, Double points,
                            Map<String, String> label) {
        public Indicator {
            params = inFileOrder(params);
            label = label == null ? Map.of() : Map.copyOf(label);
        }
    }

    /** A class: the first whose minimum (deprivations or score) the household reaches is its class. */
    public record ClassDef(String label, Double min, Map<String, String> name) {
        public ClassDef {
            name = name == null ? Map.of() : Map.copyOf(name);
        }
    }

    /** Days allowed for each case step, and the stability rules of risk elimination. */
    public record Deadlines(int homeVerificationDays, int crossCheckDays, int noticeDays, int townshipDays, int countyDays,
                            int decisionDays, int supportDays, int minStableMonths, int earlyEliminationMonths) {
    }

    /** When households are screened: cron expressions for the full screening and the update, and what the law says. */
    public record ReviewCycle(String fullScreening, String update, String description) {
    }

    /**
     * An unmodifiable copy of a rule's parameters in the profile file's order: they are shown in every alert's
     * evidence, which must read the same after a restart ({@code Map.copyOf} orders by a per-JVM random seed).
     * Null keys and values are refused as {@code Map.copyOf} does.
     */
    static Map<String, Object> inFileOrder(Map<String, Object> params) {
        if (params == null || params.isEmpty()) return Map.of();
        Map<String, Object> copy = new java.util.LinkedHashMap<>();
        params.forEach((k, v) -> copy.put(java.util.Objects.requireNonNull(k, "parameter name"),
                java.util.Objects.requireNonNull(v, () -> "parameter " + k + " has no value")));
        return java.util.Collections.unmodifiableMap(copy);
    }

    public String displayName(String language) {
        return "zh".equals(language) && nameZh != null ? nameZh : name;
    }
}
