package org.prosper.registry.bulk;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.prosper.registry.Household;
import org.prosper.registry.Person;

/**
 * Writes households and persons with COPY, several times faster than INSERT batches. Household ids are drawn from
 * the table's identity sequence beforehand, so that persons can be copied with their household's id without
 * reading anything back.
 */
final class PostgresCopyWriter implements HouseholdWriter {

    private static final String HOUSEHOLD_COPY = "copy household(id, code, org_unit_id, country_code, org_path, address, "
            + "latitude, longitude, head_name, head_national_id, phone, housing_structure, housing_condition, floor_area, "
            + "assets, water_source, sanitation, cooking_fuel, electricity, land_area, registration_status, annual_income, "
            + "income_currency, income_year) from stdin";
    private static final String PERSON_COPY = "copy person(household_id, line_no, full_name, national_id, sex, birth_date, "
            + "relation, ethnicity, education, in_school, disability, health_insurance, labour_capacity, occupation, "
            + "migrant_worker) from stdin";

    private final Connection connection;
    private final CopyManager copy;
    private final StringBuilder text = new StringBuilder(1 << 20);

    PostgresCopyWriter(Connection connection) throws SQLException {
        this.connection = connection;
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
    }

    @Override
    public long write(List<Household> batch) throws SQLException {
        long[] ids = ids(batch.size());
        text.setLength(0);
        for (int i = 0; i < batch.size(); i++) {
            Household h = batch.get(i);
            text.append(ids[i]);
            field(h.code()); field(h.orgUnitId()); field(h.countryCode()); field(h.orgPath()); field(h.address());
            field(h.latitude()); field(h.longitude()); field(h.headName()); field(h.headNationalId()); field(h.phone());
            field(h.housingStructure()); field(h.housingCondition()); field(h.floorArea()); field(h.assets());
            field(h.waterSource()); field(h.sanitation()); field(h.cookingFuel()); field(h.electricity()); field(h.landArea());
            field(h.registrationStatus()); field(h.annualIncome()); field(h.incomeCurrency()); field(h.incomeYear());
            text.append('\n');
        }
        run(HOUSEHOLD_COPY);
        text.setLength(0);
        long persons = 0;
        for (int i = 0; i < batch.size(); i++) {
            for (Person p : batch.get(i).members()) {
                text.append(ids[i]);
                field(p.lineNo()); field(p.fullName()); field(p.nationalId()); field(p.sex());
                field(p.birthDate() == null ? null : p.birthDate().toString()); field(p.relation()); field(p.ethnicity());
                field(p.education()); field(p.inSchool()); field(p.disability()); field(p.healthInsurance());
                field(p.labourCapacity()); field(p.occupation()); field(p.migrantWorker());
                text.append('\n');
                persons++;
            }
        }
        if (persons > 0) run(PERSON_COPY);
        return persons;
    }

    private long[] ids(int n) throws SQLException {
        long[] ids = new long[n];
        try (PreparedStatement ps = connection.prepareStatement(
                "select nextval(pg_get_serial_sequence('household', 'id')) from generate_series(1, ?)")) {
            ps.setInt(1, n);
            try (ResultSet rs = ps.executeQuery()) {
                for (int i = 0; i < n && rs.next(); i++) ids[i] = rs.getLong(1);
            }
        }
        return ids;
    }

    private void run(String sql) throws SQLException {
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        var in = copy.copyIn(sql);
        try {
            in.writeToCopy(bytes, 0, bytes.length);
            in.endCopy();
        } finally {
            if (in.isActive()) in.cancelCopy();
        }
    }

    private void field(Object value) {
        text.append('\t');
        switch (value) {
            case null -> text.append("\\N");
            case Boolean b -> text.append(b ? 't' : 'f');
            case Number n -> text.append(n);
            default -> escape(value.toString());
        }
    }

    private void escape(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
    }

    @Override
    public Set<String> existingCodes(Collection<String> codes) throws SQLException {
        Set<String> found = new HashSet<>();
        if (codes.isEmpty()) return found;
        try (PreparedStatement ps = connection.prepareStatement("select code from household where code = any(?)")) {
            Array array = connection.createArrayOf("varchar", codes.toArray());
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) found.add(rs.getString(1));
            }
        }
        return found;
    }
}
