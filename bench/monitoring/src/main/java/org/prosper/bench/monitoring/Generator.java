package org.prosper.bench.monitoring;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * A synthetic rural registry of Guangxi-like households (deterministic): 1,000 villages in 20 counties, 1 to 8 members,
 * per-capita income around 14,000 CNY with a wide spread, some unsafe houses and water, some children out of school,
 * some members uninsured or unable to work; plus departmental records (hospital costs, last year's incomes, disaster losses).
 */
public final class Generator {

    static final int INCOME_YEAR = LocalDate.now().getYear() - 1;

    private Generator() {
    }

    static String villagePath(int village) {
        int county = village % 20;
        return "/1/45/" + (1000 + county) + "/" + (10_000 + village) + "/";
    }

    /** Inserts households and their members; returns the number of persons. */
    public static long households(Connection con, int count) throws SQLException {
        SplittableRandom r = new SplittableRandom(20_250_601L);
        con.setAutoCommit(false);
        long persons = 0;
        try (PreparedStatement h = con.prepareStatement("insert into household(id, code, org_unit_id, country_code, org_path, housing_structure, "
                + "housing_condition, floor_area, assets, water_source, sanitation, cooking_fuel, electricity, land_area, registration_status, "
                + "annual_income, income_currency, income_year) values (?, ?, ?, 'CN', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'CNY', ?)");
             PreparedStatement p = con.prepareStatement("insert into person(household_id, line_no, full_name, national_id, sex, birth_date, relation, "
                     + "education, in_school, disability, health_insurance, labour_capacity, occupation, migrant_worker) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 1; i <= count; i++) {
                int village = r.nextInt(1000);
                int size = 1 + Math.min(7, (int) Math.abs(r.nextGaussian() * 1.6 + 2.6));
                double perCapita = 14_000 * Math.exp(0.6 * r.nextGaussian());
                boolean safe = r.nextDouble() < 0.9;
                h.setLong(1, i);
                h.setString(2, "GX-" + village + "-" + i);
                h.setLong(3, 10_000 + village);
                h.setString(4, villagePath(village));
                h.setString(5, safe ? "BRICK_CONCRETE" : "ADOBE");
                h.setString(6, safe ? (r.nextBoolean() ? "A" : "B") : (r.nextDouble() < 0.7 ? "C" : "D"));
                h.setDouble(7, size * (10 + r.nextDouble() * 25));
                h.setString(8, r.nextDouble() < 0.8 ? "tv,telephone,motorbike" : "radio");
                h.setString(9, r.nextDouble() < 0.92 ? "PIPED" : r.nextBoolean() ? "PROTECTED_WELL" : "SURFACE");
                h.setString(10, r.nextDouble() < 0.8 ? "FLUSH" : "IMPROVED_PIT");
                h.setString(11, r.nextDouble() < 0.7 ? "GAS" : "WOOD");
                h.setBoolean(12, true);
                h.setDouble(13, r.nextDouble() * 3);
                h.setString(14, r.nextDouble() < 0.2 ? "EX_POOR" : "NOT_POOR");
                h.setDouble(15, Math.round(perCapita * size / 10) * 10.0);
                h.setInt(16, INCOME_YEAR);
                h.addBatch();
                int headAge = 25 + r.nextInt(55);
                for (int m = 1; m <= size; m++) {
                    int age = m == 1 ? headAge : m == 2 ? Math.max(18, headAge - 3) : Math.max(0, headAge - 20 - r.nextInt(15));
                    p.setLong(1, i);
                    p.setInt(2, m);
                    p.setString(3, "Person " + i + "-" + m);
                    p.setString(4, "45" + (100_000_000L + i) + m);
                    p.setString(5, r.nextBoolean() ? "F" : "M");
                    p.setDate(6, Date.valueOf(LocalDate.of(LocalDate.now().getYear() - age, 1 + r.nextInt(12), 1 + r.nextInt(28))));
                    p.setString(7, m == 1 ? "HEAD" : m == 2 ? "SPOUSE" : "CHILD");
                    p.setString(8, age < 12 ? "PRIMARY" : "LOWER_SECONDARY");
                    boolean school = age >= 6 && age <= 15;
                    if (school) p.setBoolean(9, r.nextDouble() < 0.98); else p.setNull(9, Types.BOOLEAN);
                    p.setBoolean(10, r.nextDouble() < 0.04);
                    p.setBoolean(11, r.nextDouble() < 0.97);
                    p.setString(12, age < 16 ? "NONE" : age > 70 ? "PARTIAL" : r.nextDouble() < 0.03 ? "NONE" : "FULL");
                    p.setString(13, age < 16 ? null : "farmer");
                    p.setBoolean(14, false);
                    p.addBatch();
                    persons++;
                }
                if (i % 2_000 == 0) {
                    h.executeBatch();
                    p.executeBatch();
                }
                if (i % 100_000 == 0) {
                    con.commit();
                    System.err.println("bench:   " + i + " households");
                }
            }
            h.executeBatch();
            p.executeBatch();
            con.commit();
        }
        return persons;
    }

    /** Departmental records: hospital costs for 2% of households, last year's income for 1%, disaster losses for 0.5%. */
    public static long departmental(Connection con, int households) throws SQLException {
        SplittableRandom r = new SplittableRandom(7L);
        con.setAutoCommit(false);
        long rows = 0;
        try (PreparedStatement b = con.prepareStatement("insert into monitoring_dept_batch(id, country_code, source_name, file_name, sha256, row_count, imported_by) "
                + "values (1, 'CN', 'bench', 'bench.csv', '0000000000000000000000000000000000000000000000000000000000000000', 0, 'bench')");
             PreparedStatement d = con.prepareStatement("insert into monitoring_dept_record(batch_id, row_no, household_id, kind, amount, event_date) values (1, ?, ?, ?, ?, ?)")) {
            b.executeUpdate();
            LocalDate today = LocalDate.now();
            for (int i = 0; i < households / 28; i++) {
                long household = 1 + r.nextInt(households);
                String kind = i % 4 == 3 ? "INCOME" : i % 7 == 5 ? "DISASTER_LOSS" : "MEDICAL_OOP";
                d.setInt(1, (int) rows + 2);
                d.setLong(2, household);
                d.setString(3, kind);
                d.setDouble(4, kind.equals("INCOME") ? 20_000 + r.nextInt(60_000) : 500 + r.nextInt(40_000));
                d.setDate(5, Date.valueOf(kind.equals("INCOME") ? LocalDate.of(INCOME_YEAR - 1, 12, 31) : today.minusDays(1 + r.nextInt(300))));
                d.addBatch();
                if (++rows % 5_000 == 0) d.executeBatch();
            }
            d.executeBatch();
            con.commit();
        }
        return rows;
    }
}
