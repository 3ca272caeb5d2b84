package org.prosper.survey;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The demo's evaluation household survey: the same sample of registry households in the six pilot villages and the
 * three comparison villages, interviewed at baseline and at endline. Answers are generated from a fixed seed, as
 * the export of a survey tool would hold them (one CSV row per submission, calculated fields included): incomes by
 * source in local currency, household size, and income per person in USD at purchasing power parity. Incomes grow in
 * every village, by about 25% in pilot villages and 5% in comparison villages.
 */
final class EvaluationSurveyDemo {

    static final String FORM = "survey/household_evaluation.xlsx";
    static final String FORM_ID = "household_evaluation";
    static final int HOUSEHOLDS_PER_VILLAGE = 36;
    private static final long SEED = 20_250_615L;

    /** Village, households in the registry, country. */
    record Village(String code, int households, String country) {
    }

    static final List<Village> VILLAGES = List.of(
            new Village("KH-PILOT-SVAYAMPEAR", 220, "KH"), new Village("KH-PILOT-ANGCHORK", 200, "KH"), new Village("KH-DEMO-PREKTAMEAK", 120, "KH"),
            new Village("LA-PILOT-XIENGDA", 200, "LA"), new Village("LA-PILOT-SOMSANOOK", 180, "LA"), new Village("LA-DEMO-NONGTENG", 120, "LA"),
            new Village("MM-PILOT-MINPYIN", 200, "MM"), new Village("MM-PILOT-THAPYAYKONE", 180, "MM"), new Village("MM-DEMO-NYAUNGBIN", 100, "MM"));

    /** Median income per person per year (local currency), the form's PPP factor, the unit incomes are rounded to. */
    private record Country(double medianPerPerson, double ppp, double roundTo) {
    }

    private static final Map<String, Country> COUNTRIES = Map.of(
            "KH", new Country(3_200_000, 1400, 1000), "LA", new Country(9_000_000, 3200, 1000), "MM", new Country(1_000_000, 430, 100));

    static final List<String> HEADER = List.of("KEY", "country", "village", "household_id", "hh_size", "income_crops", "income_livestock",
            "income_wage", "income_business", "income_remittances", "income_total", "ppp_factor", "income_pc_ppp");

    private EvaluationSurveyDemo() {
    }

    static Map<String, String> mapping() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("household_id", "household.code");
        m.put("village", "household.village");
        m.put("hh_size", "variable.household_size");
        m.put("income_crops", "variable.income_crops");
        m.put("income_livestock", "variable.income_livestock");
        m.put("income_wage", "variable.income_wage");
        m.put("income_business", "variable.income_business");
        m.put("income_remittances", "variable.income_remittances");
        m.put("income_total", "variable.income_total");
        m.put("income_pc_ppp", "variable.income_pc_ppp");
        return m;
    }

    /** Two CSV files: the baseline round's submissions and the endline round's, for the same households. */
    static List<byte[]> rounds() {
        SplittableRandom random = new SplittableRandom(SEED);
        List<List<String>> baseline = new ArrayList<>();
        List<List<String>> endline = new ArrayList<>();
        for (Village v : VILLAGES) {
            Country c = COUNTRIES.get(v.country());
            boolean pilot = v.code().contains("-PILOT-");
            double villageLevel = Math.exp(0.15 * random.nextGaussian());
            double villageGrowth = (pilot ? 1.25 : 1.05) * Math.exp(0.03 * random.nextGaussian());
            for (int n : sample(random, v.households())) {
                String household = v.code().replace("-PILOT-", "-").replace("-DEMO-", "-") + "-" + String.format("%04d", n);
                int size = 2 + random.nextInt(6);
                double perPerson = c.medianPerPerson() * villageLevel * Math.exp(0.45 * random.nextGaussian());
                baseline.add(row(random, "BASELINE", v, c, household, size, perPerson));
                int laterSize = Math.max(1, size + (random.nextInt(10) == 0 ? (random.nextBoolean() ? 1 : -1) : 0));
                double laterPerPerson = perPerson * villageGrowth * Math.exp(0.12 * random.nextGaussian());
                endline.add(row(random, "ENDLINE", v, c, household, laterSize, laterPerPerson));
            }
        }
        return List.of(csv(baseline), csv(endline));
    }

    /** HOUSEHOLDS_PER_VILLAGE distinct house numbers out of 1..households, in ascending order. */
    private static List<Integer> sample(SplittableRandom random, int households) {
        List<Integer> all = new ArrayList<>();
        for (int i = 1; i <= households; i++) all.add(i);
        for (int i = 0; i < HOUSEHOLDS_PER_VILLAGE; i++) java.util.Collections.swap(all, i, i + random.nextInt(households - i));
        List<Integer> picked = new ArrayList<>(all.subList(0, HOUSEHOLDS_PER_VILLAGE));
        picked.sort(null);
        return picked;
    }

    private static List<String> row(SplittableRandom random, String round, Village v, Country c, String household, int size, double perPerson) {
        double total = perPerson * size;
        double[] shares = new double[5];
        double[] typical = {0.40, 0.15, 0.25, 0.10, 0.10};
        double sum = 0;
        for (int i = 0; i < 5; i++) {
            shares[i] = typical[i] * (0.3 + 1.4 * random.nextDouble());
            sum += shares[i];
        }
        List<String> row = new ArrayList<>();
        row.add("uuid:" + UUID.nameUUIDFromBytes((FORM_ID + "/" + round + "/" + household).getBytes(StandardCharsets.UTF_8)));
        row.add(v.country());
        row.add(v.code());
        row.add(household);
        row.add(String.valueOf(size));
        long incomeTotal = 0;
        for (int i = 0; i < 5; i++) {
            long amount = Math.round(total * shares[i] / sum / c.roundTo()) * (long) c.roundTo();
            incomeTotal += amount;
            row.add(String.valueOf(amount));
        }
        row.add(String.valueOf(incomeTotal));
        row.add(String.valueOf((long) c.ppp()));
        // as the device computes ${income_total} div ${hh_size} div ${ppp_factor}
        row.add(Double.toString((double) incomeTotal / size / c.ppp()));
        return row;
    }

    private static byte[] csv(List<List<String>> rows) {
        StringBuilder out = new StringBuilder(String.join(",", HEADER)).append('\n');
        for (List<String> r : rows) out.append(String.join(",", r)).append('\n');
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
