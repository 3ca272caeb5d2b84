package org.prosper.registry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields a reader over a whole registry needs, by {@link Household} and {@link Person} component name; the others
 * stay null (a member's line number, and a household's id, code, org unit, country and path, are always read). Reading
 * only what the reader's rules look at is most of what such a pass costs. Personal identifiers (names, ID numbers,
 * phone, address, coordinates) are never read this way.
 */
public record HouseholdFields(Set<String> household, Set<String> members) {

    /** Household fields that may be asked for, with their columns. */
    static final Map<String, String> HOUSEHOLD_COLUMNS = columns("housingStructure", "housing_structure", "housingCondition",
            "housing_condition", "floorArea", "floor_area", "assets", "assets", "waterSource", "water_source", "sanitation", "sanitation",
            "cookingFuel", "cooking_fuel", "electricity", "electricity", "landArea", "land_area", "registrationStatus",
            "registration_status", "annualIncome", "annual_income", "incomeCurrency", "income_currency", "incomeYear", "income_year",
            "version", "version", "updatedAt", "updated_at");
    /** Member fields that may be asked for, with their columns. */
    static final Map<String, String> MEMBER_COLUMNS = columns("id", "id", "sex", "sex", "birthDate", "birth_date", "relation", "relation",
            "ethnicity", "ethnicity", "education", "education", "inSchool", "in_school", "disability", "disability", "healthInsurance",
            "health_insurance", "labourCapacity", "labour_capacity", "occupation", "occupation", "migrantWorker", "migrant_worker");

    /** Every field but the personal identifiers. */
    public static final HouseholdFields ALL = new HouseholdFields(HOUSEHOLD_COLUMNS.keySet(), MEMBER_COLUMNS.keySet());

    public HouseholdFields {
        household = Set.copyOf(household);
        members = Set.copyOf(members);
        for (String f : household) {
            if (!HOUSEHOLD_COLUMNS.containsKey(f)) throw new IllegalArgumentException("unknown household field '" + f + "'; one of " + HOUSEHOLD_COLUMNS.keySet());
        }
        for (String f : members) {
            if (!MEMBER_COLUMNS.containsKey(f)) throw new IllegalArgumentException("unknown member field '" + f + "'; one of " + MEMBER_COLUMNS.keySet());
        }
    }

    private static Map<String, String> columns(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) m.put(pairs[i], pairs[i + 1]);
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The asked-for columns in a fixed order (the maps' order), for one household or member row. */
    List<String> householdColumns() {
        return HOUSEHOLD_COLUMNS.keySet().stream().filter(household::contains).toList();
    }

    List<String> memberColumns() {
        return MEMBER_COLUMNS.keySet().stream().filter(members::contains).toList();
    }
}
