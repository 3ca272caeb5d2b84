package org.prosper.registry.bulk;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The columns of the household file, for import and export alike (see IMPORT.md): one row per person, household
 * columns first. Household columns are read from the first row of each household; later rows of the same household
 * may repeat them or leave them empty. {@code field} is the name the validator uses for the same value.
 */
enum Column {
    HOUSEHOLD_CODE("household_code", "code", Type.TEXT, true, true),
    VILLAGE_CODE("village_code", "orgUnitId", Type.TEXT, true, true),
    REGISTRATION_STATUS("registration_status", "registrationStatus", Type.CODE, true, true),
    ADDRESS("address", "address", Type.TEXT, true, false),
    LATITUDE("latitude", "latitude", Type.NUMBER, true, false),
    LONGITUDE("longitude", "longitude", Type.NUMBER, true, false),
    PHONE("phone", "phone", Type.TEXT, true, false),
    HOUSING_STRUCTURE("housing_structure", "housingStructure", Type.CODE, true, false),
    HOUSING_CONDITION("housing_condition", "housingCondition", Type.CODE, true, false),
    FLOOR_AREA("floor_area", "floorArea", Type.NUMBER, true, false),
    ASSETS("assets", "assets", Type.TEXT, true, false),
    WATER_SOURCE("water_source", "waterSource", Type.CODE, true, false),
    SANITATION("sanitation", "sanitation", Type.CODE, true, false),
    COOKING_FUEL("cooking_fuel", "cookingFuel", Type.CODE, true, false),
    ELECTRICITY("electricity", "electricity", Type.BOOLEAN, true, false),
    LAND_AREA("land_area", "landArea", Type.NUMBER, true, false),
    ANNUAL_INCOME("annual_income", "annualIncome", Type.NUMBER, true, false),
    INCOME_YEAR("income_year", "incomeYear", Type.INTEGER, true, false),
    FULL_NAME("full_name", "fullName", Type.TEXT, false, false),
    NATIONAL_ID("national_id", "nationalId", Type.TEXT, false, false),
    SEX("sex", "sex", Type.CODE, false, true),
    BIRTH_DATE("birth_date", "birthDate", Type.DATE, false, false),
    RELATION("relation", "relation", Type.CODE, false, true),
    ETHNICITY("ethnicity", "ethnicity", Type.TEXT, false, false),
    EDUCATION("education", "education", Type.CODE, false, false),
    IN_SCHOOL("in_school", "inSchool", Type.BOOLEAN, false, false),
    DISABILITY("disability", "disability", Type.BOOLEAN, false, false),
    HEALTH_INSURANCE("health_insurance", "healthInsurance", Type.BOOLEAN, false, false),
    LABOUR_CAPACITY("labour_capacity", "labourCapacity", Type.CODE, false, false),
    OCCUPATION("occupation", "occupation", Type.TEXT, false, false),
    MIGRANT_WORKER("migrant_worker", "migrantWorker", Type.BOOLEAN, false, false);

    /** Columns a rejected-rows file adds; a corrected rejected-rows file can be imported as it is. */
    static final String SOURCE_ROW = "source_row";
    static final String REASON = "reason";

    enum Type { TEXT, CODE, NUMBER, INTEGER, BOOLEAN, DATE }

    private static final Map<String, Column> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toMap(Column::header, Function.identity()));
    private static final Map<String, Column> BY_FIELD = Arrays.stream(values())
            .collect(Collectors.toMap(Column::field, Function.identity()));

    private final String header;
    private final String field;
    private final Type type;
    private final boolean household;
    private final boolean required;

    Column(String header, String field, Type type, boolean household, boolean required) {
        this.header = header;
        this.field = field;
        this.type = type;
        this.household = household;
        this.required = required;
    }

    String header() {
        return header;
    }

    String field() {
        return field;
    }

    Type type() {
        return type;
    }

    boolean household() {
        return household;
    }

    boolean required() {
        return required;
    }

    /** The column of a header cell, ignoring case, surrounding blanks and a leading '*' that marks required columns. */
    static Column byHeader(String name) {
        if (name == null) return null;
        String key = name.strip();
        if (key.startsWith("*")) key = key.substring(1).strip();
        return BY_NAME.get(key.toLowerCase(Locale.ROOT).replace(' ', '_'));
    }

    /** The column where a validator problem on {@code field} belongs; head name and ID come from the HEAD member. */
    static Column byField(String field) {
        return switch (field) {
            case "headName" -> FULL_NAME;
            case "headNationalId" -> NATIONAL_ID;
            case "members" -> RELATION;
            default -> BY_FIELD.get(field);
        };
    }

    static List<String> headers() {
        return Arrays.stream(values()).map(Column::header).toList();
    }
}
