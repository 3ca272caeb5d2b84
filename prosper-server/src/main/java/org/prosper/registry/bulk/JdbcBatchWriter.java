package org.prosper.registry.bulk;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.prosper.registry.Household;
import org.prosper.registry.Person;

/** Writes households and persons with JDBC batch inserts (H2, and any database without COPY). */
final class JdbcBatchWriter implements HouseholdWriter {

    private static final String HOUSEHOLD_INSERT = "insert into household(code, org_unit_id, country_code, org_path, address, "
            + "latitude, longitude, head_name, head_national_id, phone, housing_structure, housing_condition, floor_area, "
            + "assets, water_source, sanitation, cooking_fuel, electricity, land_area, registration_status, annual_income, "
            + "income_currency, income_year) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String PERSON_INSERT = "insert into person(household_id, line_no, full_name, national_id, sex, "
            + "birth_date, relation, ethnicity, education, in_school, disability, health_insurance, labour_capacity, "
            + "occupation, migrant_worker) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final Connection connection;

    JdbcBatchWriter(Connection connection) {
        this.connection = connection;
    }

    /** The households as they are: JDBC batches bind them on the writing thread. */
    private record Rows(List<Household> list) implements Prepared {
    }

    @Override
    public Prepared prepare(List<Household> batch) {
        return new Rows(batch);
    }

    @Override
    public void write(Prepared prepared) throws SQLException {
        if (!(prepared instanceof Rows(List<Household> batch))) throw new IllegalArgumentException("a batch prepared for another database");
        long[] ids = new long[batch.size()];
        try (PreparedStatement ps = connection.prepareStatement(HOUSEHOLD_INSERT, new String[] {"id"})) {
            for (Household h : batch) {
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
                if (h.incomeYear() == null) ps.setNull(c, Types.INTEGER); else ps.setInt(c, h.incomeYear());
                ps.addBatch();
            }
            ps.executeBatch();
            int n = 0;
            try (ResultSet keys = ps.getGeneratedKeys()) {
                while (keys.next() && n < ids.length) ids[n++] = keys.getLong(1);
            }
            if (n != ids.length) idsByCode(batch, ids);
        }
        long persons = 0;
        try (PreparedStatement ps = connection.prepareStatement(PERSON_INSERT)) {
            for (int i = 0; i < batch.size(); i++) {
                for (Person p : batch.get(i).members()) {
                    ps.setLong(1, ids[i]);
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
                    ps.addBatch();
                    persons++;
                }
            }
            if (persons > 0) ps.executeBatch();
        }
    }

    /** Drivers that return no keys for a batch: read the new ids back by code (codes are unique). */
    private void idsByCode(List<Household> batch, long[] ids) throws SQLException {
        Map<String, Long> byCode = new HashMap<>();
        List<String> codes = batch.stream().map(Household::code).toList();
        for (int from = 0; from < codes.size(); from += 500) {
            List<String> chunk = codes.subList(from, Math.min(codes.size(), from + 500));
            try (PreparedStatement ps = connection.prepareStatement("select id, code from household where code in ("
                    + "?,".repeat(chunk.size() - 1) + "?)")) {
                for (int i = 0; i < chunk.size(); i++) ps.setString(i + 1, chunk.get(i));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) byCode.put(rs.getString(2), rs.getLong(1));
                }
            }
        }
        for (int i = 0; i < batch.size(); i++) ids[i] = byCode.get(batch.get(i).code());
    }

    @Override
    public Set<String> existingCodes(Collection<String> codes) throws SQLException {
        Set<String> found = new HashSet<>();
        List<String> all = new ArrayList<>(codes);
        for (int from = 0; from < all.size(); from += 500) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
            try (PreparedStatement ps = connection.prepareStatement("select code from household where code in ("
                    + "?,".repeat(chunk.size() - 1) + "?)")) {
                for (int i = 0; i < chunk.size(); i++) ps.setString(i + 1, chunk.get(i));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) found.add(rs.getString(1));
                }
            }
        }
        return found;
    }

    private static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null) ps.setNull(i, Types.DOUBLE); else ps.setDouble(i, v);
    }

    private static void setBoolean(PreparedStatement ps, int i, Boolean v) throws SQLException {
        if (v == null) ps.setNull(i, Types.BOOLEAN); else ps.setBoolean(i, v);
    }
}
