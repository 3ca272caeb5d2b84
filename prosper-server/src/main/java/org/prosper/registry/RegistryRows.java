package org.prosper.registry;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * The columns a household and a person are written with, and how they bind: one definition for a single save, an
 * edit, the bulk API and imports (JDBC batches on H2, COPY on PostgreSQL), so that a new column cannot reach one of
 * them and not the others.
 */
public final class RegistryRows {

    /** The household's own columns, in binding order (the id, the version and the timestamps are the database's). */
    public static final String HOUSEHOLD_COLUMNS = "code, org_unit_id, country_code, org_path, address, latitude, longitude, "
            + "head_name, head_national_id, phone, housing_structure, housing_condition, floor_area, assets, water_source, "
            + "sanitation, cooking_fuel, electricity, land_area, registration_status, annual_income, income_currency, income_year";

    /** A person's columns after household_id, in binding order. */
    public static final String PERSON_COLUMNS = "line_no, full_name, national_id, sex, birth_date, relation, ethnicity, "
            + "education, in_school, disability, health_insurance, labour_capacity, occupation, migrant_worker";

    private static final int HOUSEHOLD_VALUES = HOUSEHOLD_COLUMNS.split(",").length;

    public static final String HOUSEHOLD_INSERT = "insert into household(" + HOUSEHOLD_COLUMNS + ") values ("
            + "?, ".repeat(HOUSEHOLD_VALUES - 1) + "?)";

    public static final String PERSON_INSERT = "insert into person(household_id, " + PERSON_COLUMNS + ") values ("
            + "?, ".repeat(PERSON_COLUMNS.split(",").length) + "?)";

    /** The household's columns set from the same values, for an edit ({@link #bindHousehold} binds them first). */
    static final String HOUSEHOLD_SET = String.join(" = ?, ", HOUSEHOLD_COLUMNS.split(", ")) + " = ?";

    private RegistryRows() {
    }

    /** Binds the household's {@link #HOUSEHOLD_COLUMNS} to parameters 1 to 23; returns the next parameter's index. */
    public static int bindHousehold(PreparedStatement ps, Household h) throws SQLException {
        int c = 1;
        ps.setString(c++, h.code());
        ps.setLong(c++, h.orgUnitId());
        ps.setString(c++, h.countryCode());
        ps.setString(c++, h.orgPath());
        ps.setString(c++, h.address());
        setDouble(ps, c++, h.latitude());
        setDouble(ps, c++, h.longitude());
        ps.setString(c++, h.headName());
        ps.setString(c++, h.headNationalId());
        ps.setString(c++, h.phone());
        ps.setString(c++, h.housingStructure());
        ps.setString(c++, h.housingCondition());
        setDouble(ps, c++, h.floorArea());
        ps.setString(c++, h.assets());
        ps.setString(c++, h.waterSource());
        ps.setString(c++, h.sanitation());
        ps.setString(c++, h.cookingFuel());
        setBoolean(ps, c++, h.electricity());
        setDouble(ps, c++, h.landArea());
        ps.setString(c++, h.registrationStatus());
        setDouble(ps, c++, h.annualIncome());
        ps.setString(c++, h.incomeCurrency());
        if (h.incomeYear() == null) ps.setNull(c++, Types.INTEGER); else ps.setInt(c++, h.incomeYear());
        return c;
    }

    /** Binds a person of the household to {@link #PERSON_INSERT}'s parameters. */
    public static void bindPerson(PreparedStatement ps, long householdId, Person p) throws SQLException {
        ps.setLong(1, householdId);
        ps.setInt(2, p.lineNo());
        ps.setString(3, p.fullName());
        ps.setString(4, p.nationalId());
        ps.setString(5, p.sex());
        if (p.birthDate() == null) ps.setNull(6, Types.DATE); else ps.setDate(6, Date.valueOf(p.birthDate()));
        ps.setString(7, p.relation());
        ps.setString(8, p.ethnicity());
        ps.setString(9, p.education());
        setBoolean(ps, 10, p.inSchool());
        setBoolean(ps, 11, p.disability());
        setBoolean(ps, 12, p.healthInsurance());
        ps.setString(13, p.labourCapacity());
        ps.setString(14, p.occupation());
        setBoolean(ps, 15, p.migrantWorker());
    }

    private static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null) ps.setNull(i, Types.DOUBLE); else ps.setDouble(i, v);
    }

    private static void setBoolean(PreparedStatement ps, int i, Boolean v) throws SQLException {
        if (v == null) ps.setNull(i, Types.BOOLEAN); else ps.setBoolean(i, v);
    }
}
