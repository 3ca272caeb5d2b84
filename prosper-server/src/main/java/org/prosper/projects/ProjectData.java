package org.prosper.projects;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A project with everything that belongs to it, in the shape the API reads and writes and IATI import and export
 * map to. Text in several languages is a map from language tag to text; codes follow the IATI 2.03 codelists.
 * {@code version} counts the changes to the project; a full save that names an older one is refused.
 */
public record ProjectData(Long id, String iatiIdentifier, String programmeCode, String language,
                          Map<String, String> title, Map<String, String> description, Map<String, String> objectives,
                          String status, LocalDate plannedStart, LocalDate plannedEnd, LocalDate actualStart,
                          LocalDate actualEnd, String defaultCurrency, String theme, Org reportingOrg, Integer hierarchy,
                          String source, Integer planVersion, List<Org> partners, List<String> villages,
                          List<String> comparisonVillages, List<CountryShare> countries, List<Sector> sectors,
                          List<Tag> tags, List<Budget> budgets, List<Transaction> transactions, List<Result> results,
                          Integer version) {

    public ProjectData {
        title = Texts.copy(title);
        description = Texts.copy(description);
        objectives = Texts.copy(objectives);
        partners = Lists.of(partners);
        villages = Lists.of(villages);
        comparisonVillages = Lists.of(comparisonVillages);
        countries = Lists.of(countries);
        sectors = Lists.of(sectors);
        tags = Lists.of(tags);
        budgets = Lists.of(budgets);
        transactions = Lists.of(transactions);
        results = Lists.of(results);
    }

    /** An organisation: reporting, participating (with a role) or a transaction's provider or receiver. */
    public record Org(String ref, String type, String role, String activityId, Map<String, String> name) {
        public Org {
            name = Texts.copy(name);
        }
    }

    public record CountryShare(String code, BigDecimal percentage) {
    }

    public record Sector(String vocabulary, String code, BigDecimal percentage, Map<String, String> narrative) {
        public Sector {
            narrative = Texts.copy(narrative);
        }
    }

    /** A tag; vocabulary 3 is a UN SDG target such as 1.2. */
    public record Tag(String vocabulary, String code, Map<String, String> narrative) {
        public Tag {
            narrative = Texts.copy(narrative);
        }
    }

    public record Budget(String type, String status, LocalDate periodStart, LocalDate periodEnd, BigDecimal value,
                         String currency, LocalDate valueDate) {
    }

    /** A coded element of a transaction after its receiver (sector, recipient-country, flow-type, aid-type, ...). */
    public record Coded(String element, Map<String, String> attributes, Map<String, String> narrative) {
        public Coded {
            attributes = attributes == null ? Map.of() : new java.util.LinkedHashMap<>(attributes);
            narrative = Texts.copy(narrative);
        }
    }

    public record Transaction(String ref, Boolean humanitarian, String type, LocalDate date, BigDecimal value,
                              String currency, LocalDate valueDate, Map<String, String> description, Org provider,
                              Org receiver, List<Coded> classifications) {
        public Transaction {
            description = Texts.copy(description);
            classifications = Lists.of(classifications);
        }
    }

    /** A level of the logframe (goal, outcome, output, activity) with its indicators. */
    public record Result(Long id, String level, String type, Boolean aggregationStatus, Map<String, String> title,
                         Map<String, String> description, String extraXml, List<Indicator> indicators) {
        public Result {
            title = Texts.copy(title);
            description = Texts.copy(description);
            indicators = Lists.of(indicators);
        }
    }

    public record Indicator(Long id, String code, Map<String, String> title, Map<String, String> description,
                            String family, String unit, String measure, Boolean ascending, Boolean aggregationStatus,
                            List<String> disaggregations, String source, String dataset, String variable,
                            String statistic, Double threshold, String extraXml, List<Value> baselines,
                            List<Period> periods) {
        public Indicator {
            title = Texts.copy(title);
            description = Texts.copy(description);
            disaggregations = Lists.of(disaggregations);
            baselines = Lists.of(baselines);
            periods = Lists.of(periods);
        }

        public boolean computed() {
            return "COMPUTED".equals(source);
        }
    }

    public record Period(Long id, LocalDate start, LocalDate end, String roundCode, List<Value> targets,
                         List<Value> actuals) {
        public Period {
            targets = Lists.of(targets);
            actuals = Lists.of(actuals);
        }
    }

    /** A baseline, target or actual; dimensions disaggregate it (sex, age group, ethnicity, village). */
    public record Value(Integer year, LocalDate isoDate, String value, List<Dimension> dimensions,
                        List<String> locations, Map<String, String> comment, String evidence, String source,
                        String extraXml) {
        public Value {
            dimensions = Lists.of(dimensions);
            locations = Lists.of(locations);
            comment = Texts.copy(comment);
        }

        public boolean total() {
            return dimensions.isEmpty() && locations.isEmpty();
        }
    }

    public record Dimension(String name, String value) {
    }

    public ProjectData withId(Long newId) {
        return new ProjectData(newId, iatiIdentifier, programmeCode, language, title, description, objectives, status,
                plannedStart, plannedEnd, actualStart, actualEnd, defaultCurrency, theme, reportingOrg, hierarchy, source,
                planVersion, partners, villages, comparisonVillages, countries, sectors, tags, budgets, transactions, results, version);
    }

    public ProjectData withPlan(List<Budget> newBudgets, List<String> newVillages, List<String> newComparison,
                                List<Result> newResults, Integer newPlanVersion) {
        return new ProjectData(id, iatiIdentifier, programmeCode, language, title, description, objectives, status,
                plannedStart, plannedEnd, actualStart, actualEnd, defaultCurrency, theme, reportingOrg, hierarchy, source,
                newPlanVersion, partners, newVillages, newComparison, countries, sectors, tags, newBudgets, transactions, newResults, version);
    }

    public ProjectData withSource(String newSource, String newProgrammeCode) {
        return new ProjectData(id, iatiIdentifier, newProgrammeCode, language, title, description, objectives, status,
                plannedStart, plannedEnd, actualStart, actualEnd, defaultCurrency, theme, reportingOrg, hierarchy, newSource,
                planVersion, partners, villages, comparisonVillages, countries, sectors, tags, budgets, transactions, results, version);
    }
}
