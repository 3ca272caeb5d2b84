package org.prosper.bench.registry;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes a deterministic household file in the import layout: one row per person, household columns on the first
 * row of each household, households spread over the demo villages of ten countries, about 4 persons each.
 */
final class HouseholdFile {

    static final String HEADER = "household_code,village_code,registration_status,address,latitude,longitude,phone,"
            + "housing_structure,housing_condition,floor_area,assets,water_source,sanitation,cooking_fuel,electricity,land_area,"
            + "annual_income,income_year,full_name,national_id,sex,birth_date,relation,ethnicity,education,in_school,"
            + "disability,health_insurance,labour_capacity,occupation,migrant_worker";

    /** The demo data's villages, by country; households go round them. */
    static final String[] VILLAGES = {
            "KH-PILOT-SVAYAMPEAR", "KH-PILOT-ANGCHORK", "KH-DEMO-PREKTAMEAK",
            "LA-PILOT-XIENGDA", "LA-PILOT-SOMSANOOK", "LA-DEMO-NONGTENG",
            "MM-PILOT-MINPYIN", "MM-PILOT-THAPYAYKONE", "MM-DEMO-NYAUNGBIN",
            "VN-DEMO-CHAULOC", "VN-DEMO-MUONGLONG", "VN-DEMO-NAMCAN",
            "TH-DEMO-BANNONGBUA", "TH-DEMO-BANDONCHAI", "ID-DEMO-OEMATNUNU", "ID-DEMO-BUAN",
            "PH-DEMO-SABANGAN", "PH-DEMO-MAYBACONG", "MY-DEMO-KAMPUNGTANDEK", "BN-DEMO-KAMPUNGBUKITUDAL",
            "CN-DEMO-GX-DAZHAI", "CN-DEMO-GX-NONGDONG", "CN-DEMO-GX-XINHE", "CN-DEMO-GX-BANPO", "CN-DEMO-GX-NAPO",
            "CN-DEMO-GX-LONGHE", "CN-DEMO-GX-SHUANGXING", "CN-DEMO-GX-PINGBAN", "CN-DEMO-GX-GANHE", "CN-DEMO-GX-CHANGFA"};

    private static final String[] KHMER = {"សុខ", "ចាន់", "ស្រី", "ដារា", "វិចិត្រ", "មុនី", "សុភា", "រតនា"};
    private static final String[] CHINESE = {"王", "李", "张", "刘", "陈", "杨", "小红", "明", "华", "伟", "芳", "军"};
    private static final String[] LAO = {"ສົມ", "ບຸນ", "ແສງ", "ຄຳ", "ພອນ", "ມະນີ"};
    private static final String[] LATIN = {"Nguyen", "Tran", "Aung", "Mya", "Somchai", "Siti", "Maria", "Jose", "Ahmad", "Nur"};
    private static final String[] STRUCTURE = {"REINFORCED_CONCRETE", "BRICK_CONCRETE", "BRICK_WOOD", "WOOD", "BAMBOO_THATCH", "ADOBE"};
    private static final String[] STATUS = {"NOT_POOR", "NOT_POOR", "NOT_POOR", "POOR", "NEAR_POOR", "EX_POOR", "MONITORED"};
    private static final String[] WATER = {"PIPED", "PROTECTED_WELL", "UNPROTECTED_WELL", "SURFACE", "RAINWATER"};
    private static final String[] SANITATION = {"FLUSH", "IMPROVED_PIT", "UNIMPROVED", "NONE"};
    private static final String[] FUEL = {"ELECTRICITY", "GAS", "WOOD", "CHARCOAL"};
    private static final String[] EDUCATION = {"NONE", "PRIMARY", "LOWER_SECONDARY", "UPPER_SECONDARY", "VOCATIONAL", "TERTIARY"};
    /** Household sizes 1..8 with a mean of 3.96. */
    private static final int[] SIZES = {1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 4, 5, 5, 5, 6, 6, 7, 8};

    record Written(long households, long persons, long bytes) {
    }

    static Written write(Path file, int households, long seed) throws IOException {
        return write(file, households, seed, 0);
    }

    /** Households numbered from {@code firstCode + 1}: a file for a registry that already holds codes 1 to firstCode. */
    static Written write(Path file, int households, long seed, int firstCode) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        long persons = 0;
        StringBuilder row = new StringBuilder(512);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.write("\r\n");
            for (int i = 1; i <= households; i++) {
                String code = code(firstCode + i);
                String village = VILLAGES[i % VILLAGES.length];
                String[] names = village.startsWith("KH") ? KHMER : village.startsWith("CN") ? CHINESE : village.startsWith("LA") ? LAO : LATIN;
                int size = SIZES[r.nextInt(SIZES.length)];
                String surname = names[r.nextInt(names.length)];
                int headAge = 20 + r.nextInt(55);
                for (int m = 0; m < size; m++) {
                    row.setLength(0);
                    row.append(code).append(',');
                    if (m == 0) {
                        row.append(village).append(',').append(STATUS[r.nextInt(STATUS.length)]).append(',')
                                .append("House ").append(i).append(',')
                                .append(10 + r.nextInt(15)).append('.').append(r.nextInt(100000)).append(',')
                                .append(100 + r.nextInt(20)).append('.').append(r.nextInt(100000)).append(',')
                                .append("+855 1").append(1_000_000 + r.nextInt(8_999_999)).append(',')
                                .append(STRUCTURE[r.nextInt(STRUCTURE.length)]).append(',').append((char) ('A' + r.nextInt(4))).append(',')
                                .append(10 + r.nextInt(150)).append('.').append(r.nextInt(10)).append(',')
                                .append(r.nextBoolean() ? "\"tv,motorbike\"" : "radio").append(',')
                                .append(WATER[r.nextInt(WATER.length)]).append(',').append(SANITATION[r.nextInt(SANITATION.length)]).append(',')
                                .append(FUEL[r.nextInt(FUEL.length)]).append(',').append(r.nextDouble() < 0.9).append(',')
                                .append(r.nextInt(3)).append('.').append(r.nextInt(100)).append(',')
                                .append(100 * (10_000 + r.nextInt(900_000))).append(",2025,");
                    } else {
                        row.append(",,,,,,,,,,,,,,,,,");
                    }
                    int age = m == 0 ? headAge : m == 1 && size > 2 ? Math.max(18, headAge - 3 + r.nextInt(7)) : Math.max(0, headAge - 20 - r.nextInt(15));
                    String relation = m == 0 ? "HEAD" : m == 1 && size > 2 ? "SPOUSE" : "CHILD";
                    row.append(surname).append(' ').append(names[r.nextInt(names.length)]).append(',');
                    for (int d = 0; d < 12; d++) row.append((char) ('0' + r.nextInt(10)));
                    row.append(',').append(r.nextBoolean() ? 'F' : 'M').append(',')
                            .append(2025 - age).append('-').append(pad2(1 + r.nextInt(12))).append('-').append(pad2(1 + r.nextInt(28))).append(',')
                            .append(relation).append(",,").append(EDUCATION[age < 6 ? 0 : r.nextInt(EDUCATION.length)]).append(',')
                            .append(age >= 6 && age <= 15).append(',').append(r.nextDouble() < 0.04).append(',').append(r.nextDouble() < 0.7).append(',')
                            .append(age < 16 ? "NONE" : age > 65 ? "PARTIAL" : "FULL").append(',')
                            .append(age < 16 ? "" : "farmer").append(',').append(age >= 18 && age < 45 && r.nextDouble() < 0.2)
                            .append("\r\n");
                    out.append(row);
                    persons++;
                }
            }
        }
        return new Written(households, persons, Files.size(file));
    }

    static String code(int i) {
        String n = Integer.toString(i);
        return "B" + "0".repeat(Math.max(0, 8 - n.length())) + n;
    }

    private static String pad2(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }
}
