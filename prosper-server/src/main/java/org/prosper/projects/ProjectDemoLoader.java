package org.prosper.projects;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.prosper.access.Actor;
import org.prosper.access.Role;
import org.prosper.projects.ProjectData.*;
import org.prosper.survey.SurveyDemoLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo projects, loaded only when there are none: the EAPRCI pilot programme with its six village projects, a
 * Mekong-Lancang water project, a training programme; logframes with indicators in the four families; budgets and
 * transactions; a synthetic evaluation dataset (baseline and endline household outcomes in pilot and comparison
 * villages); a plan adjustment; an ex-post evaluation with a difference-in-differences estimate. When the survey demo has
 * published the evaluation household survey ({@link SurveyDemoLoader}, which runs before), also the programme's joint
 * impact evaluation: all six pilot villages against the three comparison villages, an income indicator computed from
 * the survey's baseline and endline rounds, and an evaluation whose difference in differences comes from those rounds.
 * Every figure is generated.
 */
@Component
@Order(50)
@ConditionalOnProperty(name = "prosper.demo.enabled", havingValue = "true")
public class ProjectDemoLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ProjectDemoLoader.class);
    public static final String DATASET = "EAPRCI-EVAL";
    public static final String PROGRAMME = "EAPRCI-PILOT";
    /** The evaluation household survey's rounds as an outcome source. */
    public static final String SURVEY_DATASET = SurveyOutcomes.PREFIX + SurveyDemoLoader.EVALUATION_FORM_ID;
    public static final String EVALUATION_PROJECT = "XM-PROSPER-EAPRCI-EVALUATION";
    static final long SEED = 20_170_301L;
    static final int HOUSEHOLDS_PER_VILLAGE = 40;

    /** Pilot village, comparison village of its country, local name of the project. */
    record Pilot(String village, String comparison, String country, String nameEn, String nameLocal, String lang) {
    }

    static final List<Pilot> PILOTS = List.of(
            new Pilot("KH-PILOT-SVAYAMPEAR", "KH-DEMO-PREKTAMEAK", "KH", "Svay Ampear", "ស្វាយអំពារ", "km"),
            new Pilot("KH-PILOT-ANGCHORK", "KH-DEMO-PREKTAMEAK", "KH", "Ang Chork", "អង្គចក", "km"),
            new Pilot("LA-PILOT-XIENGDA", "LA-DEMO-NONGTENG", "LA", "Xiengda", "ບ້ານຊຽງດາ", "lo"),
            new Pilot("LA-PILOT-SOMSANOOK", "LA-DEMO-NONGTENG", "LA", "Somsanook", "ບ້ານສົມສະໜຸກ", "lo"),
            new Pilot("MM-PILOT-MINPYIN", "MM-DEMO-NYAUNGBIN", "MM", "Min Pyin", "မင်းပြင်", "my"),
            new Pilot("MM-PILOT-THAPYAYKONE", "MM-DEMO-NYAUNGBIN", "MM", "Tha Pyay Kone", "သပြေကုန်း", "my"));

    private final ProjectService projects;
    private final PlanChangeService plans;
    private final EvaluationService evaluations;
    private final OutcomeDatasets datasets;
    private final SurveyOutcomes surveys;

    public ProjectDemoLoader(ProjectService projects, PlanChangeService plans, EvaluationService evaluations, OutcomeDatasets datasets,
                             SurveyOutcomes surveys) {
        this.projects = projects;
        this.plans = plans;
        this.evaluations = evaluations;
        this.datasets = datasets;
        this.surveys = surveys;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        if (projects.countProjects() > 0) {
            log.info("Demo projects not loaded: the database already has projects");
            return;
        }
        Actor system = Actor.system();
        projects.createProgramme(system, new ProjectService.Programme(0, PROGRAMME,
                Map.of("en", "East Asia Poverty Reduction Cooperation Initiative: village pilots", "zh", "东亚减贫合作倡议：村级减贫示范项目"),
                Map.of("en", "Village-level poverty reduction pilots in Cambodia, Lao PDR and Myanmar", "zh", "在柬埔寨、老挝和缅甸开展的村级减贫示范"), "livelihoods"));
        projects.createProgramme(system, new ProjectService.Programme(0, "LMC-FUND",
                Map.of("en", "Mekong-Lancang Cooperation Special Fund", "zh", "澜湄合作专项基金"), Map.of(), "infrastructure"));
        projects.createProgramme(system, new ProjectService.Programme(0, "TRAINING",
                Map.of("en", "Poverty reduction training programme", "zh", "减贫培训项目"), Map.of(), "capacity"));
        datasets.importCsv(system, DATASET, "EAPRCI baseline (2021) and endline (2025) household survey", "eaprci-evaluation-demo.csv",
                new ByteArrayInputStream(evaluationCsv().getBytes(StandardCharsets.UTF_8)));
        List<Long> pilotIds = new ArrayList<>();
        for (Pilot p : PILOTS) pilotIds.add(projects.create(system, pilot(p)).id());
        for (long id : pilotIds) evaluations.recompute(id);
        projects.create(system, water());
        projects.create(system, training());

        // A plan adjustment on the first pilot: requested by the programme manager, approved by Cambodia's coordinator.
        long first = pilotIds.getFirst();
        Actor manager = new Actor(-1, "manager", Role.PROGRAMME_MANAGER, List.of("/"));
        var cr = plans.request(manager, first, new PlanChangeService.Draft(
                "Mid-term review: dry-season irrigation added; the 2025 income target is raised and the 2025 budget follows",
                List.of(new PlanChange("TARGET", "ECO-1", LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31), "1250", null, null, null),
                        new PlanChange("BUDGET", null, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31), "460000", null, null, null),
                        new PlanChange("ADD_ACTIVITY", null, null, null, null, null, "Dry-season irrigation for 60 households", null))));
        Actor coordinator = new Actor(-2, "coordinator-kh", Role.COUNTRY_COORDINATOR, List.of("/"));
        plans.approve(coordinator, cr.id(), new PlanChangeService.Decision("Consistent with the mid-term review findings"));

        // Ex-post evaluation of the same pilot with the difference in differences on income per capita.
        Map<String, EvaluationService.Rating> ratings = new java.util.LinkedHashMap<>();
        ratings.put("RELEVANCE", new EvaluationService.Rating(4, "Targets the poorest villages identified in the 2020 registry"));
        ratings.put("COHERENCE", new EvaluationService.Rating(3, "Aligned with the provincial rural development plan"));
        ratings.put("EFFECTIVENESS", new EvaluationService.Rating(3, "Income and school attendance targets met; water target nearly met"));
        ratings.put("EFFICIENCY", new EvaluationService.Rating(3, "Expenditure within 5% of budget"));
        ratings.put("IMPACT", new EvaluationService.Rating(3, "Income per capita rose more than in the comparison village (difference in differences)"));
        ratings.put("SUSTAINABILITY", new EvaluationService.Rating(2, "Village committee funds maintenance for two years only"));
        evaluations.evaluate(system, first, new EvaluationService.EvaluationDraft("EX_POST", LocalDate.of(2026, 3, 15),
                "Independent evaluation team", "Ex-post evaluation after the endline survey", ratings, DATASET, "income_pc"));
        evaluations.appraise(system, first, new EvaluationService.AppraisalDraft(LocalDate.of(2020, 11, 20), "Appraisal mission",
                "Baseline survey planned for 2021; village committee in place", "APPROVE", DATASET + ":BASELINE"));
        if (surveys.exists(SURVEY_DATASET)) jointEvaluation(system, ratings);
        log.info("Demo projects loaded: {} projects, dataset {}", projects.countProjects(), DATASET);
    }

    /** The programme's impact evaluation from the evaluation household survey (baseline last year, endline this year). */
    private void jointEvaluation(Actor system, Map<String, EvaluationService.Rating> pilotRatings) {
        int year = LocalDate.now().getYear();
        long id = projects.create(system, evaluationProject(year)).id();
        evaluations.recompute(id);
        evaluations.appraise(system, id, new EvaluationService.AppraisalDraft(LocalDate.of(year - 1, 2, 10), "Appraisal mission",
                "Household survey of a sample of 36 households in each pilot and comparison village before and after the works", "APPROVE",
                "EVAL-BASELINE-" + (year - 1)));
        Map<String, EvaluationService.Rating> ratings = new java.util.LinkedHashMap<>(pilotRatings);
        ratings.put("IMPACT", new EvaluationService.Rating(3,
                "Income per person rose more in the six pilot villages than in the three comparison villages (difference in differences from the evaluation survey)"));
        var evaluation = evaluations.evaluate(system, id, new EvaluationService.EvaluationDraft("EX_POST", LocalDate.now(), "Independent evaluation team",
                "Joint ex-post evaluation of the village pilots after the endline survey", ratings, SURVEY_DATASET, "income_pc_ppp"));
        log.info("Demo joint impact evaluation from {}: difference in differences of income per person {} USD PPP (SE {})", SURVEY_DATASET,
                evaluation.didEstimate(), evaluation.didSe());
    }

    private ProjectData evaluationProject(int year) {
        List<String> pilots = PILOTS.stream().map(Pilot::village).toList();
        List<String> comparisons = PILOTS.stream().map(Pilot::comparison).distinct().toList();
        Indicator income = new Indicator(null, "EVAL-ECO-1", Map.of("en", "Mean annual income per person (USD PPP), evaluation survey",
                "zh", "人均年收入均值（购买力平价美元，评估调查）"), Map.of(), "ECONOMIC", "USD PPP", "1", true, null, List.of("village"),
                "COMPUTED", SURVEY_DATASET, "income_pc_ppp", "MEAN", null, null,
                List.of(new Value(year - 1, null, null, List.of(), List.of(), Map.of(), null, "COMPUTED", null)),
                List.of(new Period(null, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), "ENDLINE", List.of(target("3300")), List.of())));
        Indicator poor = new Indicator(null, "EVAL-SOC-1", Map.of("en", "Share of households under 1,500 USD PPP per person, evaluation survey",
                "zh", "人均收入低于1500购买力平价美元的农户比例（评估调查）"), Map.of(), "SOCIAL", "%", "2", false, null, List.of("village"),
                "COMPUTED", SURVEY_DATASET, "income_pc_ppp", "SHARE_BELOW", 1500.0, null,
                List.of(new Value(year - 1, null, null, List.of(), List.of(), Map.of(), null, "COMPUTED", null)),
                List.of(new Period(null, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), "ENDLINE", List.of(target("15")), List.of())));
        List<Result> results = List.of(new Result(null, "OUTCOME", null, null,
                Map.of("en", "Higher household income in the pilot villages than in comparable villages", "zh", "示范村农户收入增长高于对照村"),
                Map.of(), null, List.of(income, poor)));
        return new ProjectData(null, EVALUATION_PROJECT, PROGRAMME, "en",
                Map.of("en", "EAPRCI village pilots: joint impact evaluation", "zh", "东亚减贫示范合作项目：联合影响评估"),
                Map.of("en", "Baseline and endline household surveys in the six pilot villages and three comparison villages; difference in differences of income per person",
                        "zh", "在六个示范村和三个对照村开展基线和终期农户调查；人均收入的双重差分估计"),
                Map.of("en", "Measure what the pilots changed for households"), "2",
                LocalDate.of(year - 1, 1, 1), LocalDate.of(year, 12, 31), LocalDate.of(year - 1, 2, 1), null, "CNY", "livelihoods", null, null, null, null,
                List.of(new Org("XM-IPRCC", "10", "1", null, Map.of("en", "International Poverty Reduction Center in China", "zh", "中国国际扶贫中心")),
                        new Org("XM-PROSPER", "10", "2", null, Map.of("en", "China-ASEAN poverty reduction cooperation secretariat"))),
                pilots, comparisons, List.of(),
                List.of(new Sector("1", "43040", new BigDecimal("100"), Map.of())), List.of(new Tag("3", "1.2", Map.of())),
                List.of(new Budget("1", "2", LocalDate.of(year - 1, 1, 1), LocalDate.of(year - 1, 12, 31), BigDecimal.valueOf(120000), "CNY", LocalDate.of(year - 1, 1, 1)),
                        new Budget("1", "2", LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), BigDecimal.valueOf(150000), "CNY", LocalDate.of(year, 1, 1))),
                List.of(tx("2", LocalDate.of(year - 1, 1, 20), 270000, "Commitment for the evaluation surveys"),
                        tx("4", LocalDate.of(year - 1, 11, 30), 115000, "Baseline survey"), tx("4", LocalDate.of(year, 10, 31), 140000, "Endline survey")),
                results, null);
    }

    private ProjectData pilot(Pilot p) {
        String id = "XM-PROSPER-EAPRCI-" + p.village().replace("-PILOT-", "-");
        BigDecimal yearly = BigDecimal.valueOf(400000);
        List<Budget> budgets = new ArrayList<>();
        for (int y = 2021; y <= 2025; y++) budgets.add(new Budget("1", "2", LocalDate.of(y, 1, 1), LocalDate.of(y, 12, 31), yearly, "CNY", LocalDate.of(y, 1, 1)));
        List<Transaction> txs = new ArrayList<>();
        txs.add(tx("2", LocalDate.of(2021, 1, 15), 2000000, "Commitment of the EAPRCI grant"));
        for (int y = 2021; y <= 2025; y++) {
            txs.add(tx("3", LocalDate.of(y, 3, 1), 380000, "Disbursement " + y));
            txs.add(tx("4", LocalDate.of(y, 12, 15), 360000 + 5000L * (y - 2021), "Expenditure " + y));
        }
        List<Result> results = List.of(
                new Result(null, "GOAL", null, null, Map.of("en", "Fewer households in multidimensional poverty", "zh", "多维贫困户减少"), Map.of(), null, List.of(
                        computed("SOC-1", "Share of households multidimensionally poor", "多维贫困户比例", "SOCIAL", "share", "mpi_poor"))),
                new Result(null, "OUTCOME", null, null, Map.of("en", "Higher and more stable household income", "zh", "家庭收入提高且更稳定"), Map.of(), null, List.of(
                        computed("ECO-1", "Mean annual income per capita (USD 2021 PPP)", "人均年收入均值（2021年购买力平价美元）", "ECONOMIC", "USD PPP", "income_pc"))),
                new Result(null, "OUTPUT", null, null, Map.of("en", "Village infrastructure and environment improved", "zh", "村庄基础设施和环境改善"), Map.of(), null, List.of(
                        entered("ENV-1", "Households with safe drinking water", "安全饮用水农户比例", "ENVIRONMENTAL", "%", "2", 35, 80, 76),
                        entered("ECL-1", "Hectares of degraded land restored", "退化土地修复面积（公顷）", "ECOLOGICAL", "ha", "1", 0, 40, 44))),
                new Result(null, "ACTIVITY", null, null, Map.of("en", "Training in improved rice and vegetable farming", "zh", "水稻和蔬菜种植技术培训"), Map.of(), null, List.of()),
                new Result(null, "ACTIVITY", null, null, Map.of("en", "Village water supply and sanitation works", "zh", "村级供水和卫生工程"), Map.of(), null, List.of()));
        return new ProjectData(null, id, PROGRAMME, "en",
                Map.of("en", "EAPRCI village pilot: " + p.nameEn(), "zh", "东亚减贫示范合作项目：" + p.nameEn() + "村", p.lang(), p.nameLocal()),
                Map.of("en", "Community-driven development in " + p.nameEn() + ": livelihoods, infrastructure, public services",
                        "zh", "在" + p.nameEn() + "村开展社区主导型发展：生计、基础设施、公共服务"),
                Map.of("en", "Reduce multidimensional poverty and raise incomes"), "2",
                LocalDate.of(2021, 1, 1), LocalDate.of(2025, 12, 31), LocalDate.of(2021, 3, 1), null, "CNY", "livelihoods", null, null, null, null,
                List.of(new Org("XM-IPRCC", "10", "1", null, Map.of("en", "International Poverty Reduction Center in China", "zh", "中国国际扶贫中心")),
                        new Org("XM-PROSPER", "10", "2", null, Map.of("en", "China-ASEAN poverty reduction cooperation secretariat")),
                        new Org(null, "10", "4", null, Map.of("en", "Provincial rural development office, " + p.country()))),
                List.of(p.village()), List.of(p.comparison()), List.of(),
                List.of(new Sector("1", "43040", new BigDecimal("60"), Map.of()), new Sector("1", "31120", new BigDecimal("40"), Map.of())),
                List.of(new Tag("3", "1.2", Map.of()), new Tag("3", "1.4", Map.of())),
                budgets, txs, results, null);
    }

    private static Indicator computed(String code, String en, String zh, String family, String unit, String variable) {
        return new Indicator(null, code, Map.of("en", en, "zh", zh), Map.of(), family, unit, "1", !"mpi_poor".equals(variable), null,
                List.of("village"), "COMPUTED", DATASET, variable, "MEAN", null, null,
                List.of(new Value(2021, null, null, List.of(), List.of(), Map.of(), null, "COMPUTED", null)),
                List.of(new Period(null, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31), "ENDLINE",
                        List.of(target("mpi_poor".equals(variable) ? "0.1" : "1150")), List.of())));
    }

    private static Indicator entered(String code, String en, String zh, String family, String unit, String measure, double base, double target, double actual) {
        List<Period> periods = new ArrayList<>();
        for (int y = 2022; y <= 2025; y++) {
            double t = base + (target - base) * (y - 2021) / 4.0;
            double a = base + (actual - base) * (y - 2021) / 4.0;
            periods.add(new Period(null, LocalDate.of(y, 1, 1), LocalDate.of(y, 12, 31), null, List.of(target(fmt(t))),
                    List.of(new Value(null, null, fmt(a), List.of(), List.of(), Map.of(), "Annual progress report " + y, "ENTERED", null))));
        }
        return new Indicator(null, code, Map.of("en", en, "zh", zh), Map.of(), family, unit, measure, true, null, List.of("village"), "ENTERED",
                null, null, null, null, null, List.of(new Value(2021, null, fmt(base), List.of(), List.of(), Map.of(), null, "ENTERED", null)), periods);
    }

    private static Value target(String v) {
        return new Value(null, null, v, List.of(), List.of(), Map.of(), null, "ENTERED", null);
    }

    private static String fmt(double v) {
        return BigDecimal.valueOf(v).setScale(1, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    private static Transaction tx(String type, LocalDate date, long value, String text) {
        return new Transaction(null, null, type, date, BigDecimal.valueOf(value), "CNY", date, Map.of("en", text), null, null, List.of());
    }

    private ProjectData water() {
        List<Result> results = List.of(new Result(null, "OUTCOME", null, null, Map.of("en", "Reliable water supply", "zh", "稳定供水"), Map.of(), null, List.of(
                entered("LMC-ENV-1", "Households connected to piped water", "接入自来水农户比例", "ENVIRONMENTAL", "%", "2", 20, 90, 85),
                entered("LMC-ECL-1", "Watershed area under protection (ha)", "水源保护面积（公顷）", "ECOLOGICAL", "ha", "1", 0, 120, 130))));
        return new ProjectData(null, "XM-PROSPER-LMC-WATER-2022", "LMC-FUND", "en",
                Map.of("en", "Mekong-Lancang rural water and electrification works", "zh", "澜湄农村供水与电气化工程", "lo", "ໂຄງການນ້ຳປະປາ ແລະ ໄຟຟ້າຊົນນະບົດ ແມ່ຂອງ-ລ້ານຊ້າງ"),
                Map.of("en", "Piped water and solar mini-grids for pilot villages in Lao PDR and Cambodia"), Map.of(), "2",
                LocalDate.of(2022, 1, 1), LocalDate.of(2025, 6, 30), LocalDate.of(2022, 4, 1), null, "USD", "infrastructure", null, null, null, null,
                List.of(new Org("XM-LMC-FUND", "10", "1", null, Map.of("en", "Mekong-Lancang Cooperation Special Fund")),
                        new Org(null, "10", "4", null, Map.of("en", "Ministry of Public Works and Transport, Lao PDR"))),
                List.of("LA-PILOT-XIENGDA", "KH-PILOT-ANGCHORK"), List.of(), List.of(),
                List.of(new Sector("1", "14030", new BigDecimal("70"), Map.of()), new Sector("1", "23230", new BigDecimal("30"), Map.of())),
                List.of(new Tag("3", "6.1", Map.of()), new Tag("3", "7.1", Map.of())),
                List.of(new Budget("1", "2", LocalDate.of(2022, 1, 1), LocalDate.of(2022, 12, 31), BigDecimal.valueOf(600000), "USD", null),
                        new Budget("1", "2", LocalDate.of(2023, 1, 1), LocalDate.of(2023, 12, 31), BigDecimal.valueOf(900000), "USD", null)),
                List.of(tx("2", LocalDate.of(2022, 2, 1), 1500000, "Commitment"), tx("3", LocalDate.of(2022, 5, 1), 600000, "First tranche"),
                        tx("4", LocalDate.of(2023, 11, 30), 820000, "Works completed")).stream()
                        .map(t -> new Transaction(t.ref(), t.humanitarian(), t.type(), t.date(), t.value(), "USD", t.valueDate(), t.description(), null, null, List.of())).toList(),
                results, null);
    }

    private ProjectData training() {
        Indicator trained = new Indicator(null, "TRN-1", Map.of("en", "Officials and village leaders trained", "zh", "培训的官员和村干部人数"), Map.of(), "SOCIAL",
                "persons", "1", true, null, List.of("sex"), "ENTERED", null, null, null, null, null,
                List.of(new Value(2023, null, "0", List.of(), List.of(), Map.of(), null, "ENTERED", null)),
                List.of(new Period(null, LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31), null,
                        List.of(target("300"), new Value(null, null, "150", List.of(new Dimension("sex", "F")), List.of(), Map.of(), null, "ENTERED", null)),
                        List.of(new Value(null, null, "312", List.of(), List.of(), Map.of(), "Attendance sheets", "ENTERED", null),
                                new Value(null, null, "141", List.of(new Dimension("sex", "F")), List.of(), Map.of(), "Attendance sheets", "ENTERED", null)))));
        return new ProjectData(null, "XM-PROSPER-TRAINING-2024", "TRAINING", "en",
                Map.of("en", "Poverty reduction training for officials and village leaders 2024", "zh", "2024年官员和村干部减贫培训"),
                Map.of("en", "Courses and exchange visits on targeted poverty reduction"), Map.of(), "3",
                LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31), LocalDate.of(2024, 2, 1), LocalDate.of(2024, 12, 20), "CNY", "capacity",
                null, null, null, null,
                List.of(new Org("XM-IPRCC", "10", "1", null, Map.of("en", "International Poverty Reduction Center in China"))),
                List.of("KH", "LA", "MM"), List.of(), List.of(),
                List.of(new Sector("1", "43040", new BigDecimal("100"), Map.of())), List.of(new Tag("3", "1.b", Map.of())),
                List.of(new Budget("1", "2", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31), BigDecimal.valueOf(1200000), "CNY", null)),
                List.of(tx("2", LocalDate.of(2024, 1, 10), 1200000, "Commitment"), tx("4", LocalDate.of(2024, 12, 20), 1130000, "Courses delivered")),
                List.of(new Result(null, "OUTPUT", null, null, Map.of("en", "People trained", "zh", "培训人数"), Map.of(), null, List.of(trained))), null);
    }

    /**
     * Baseline (2021) and endline (2025) outcomes for 40 households per village: income per capita grows everywhere,
     * by about 180 more in pilot villages; the multidimensional poverty flag falls accordingly. Deterministic.
     */
    static String evaluationCsv() {
        SplittableRandom random = new SplittableRandom(SEED);
        StringBuilder csv = new StringBuilder("household_code,village_code,round,variable,value\n");
        List<String> villages = new ArrayList<>();
        for (Pilot p : PILOTS) villages.add(p.village());
        villages.addAll(List.of("KH-DEMO-PREKTAMEAK", "LA-DEMO-NONGTENG", "MM-DEMO-NYAUNGBIN"));
        for (String village : villages) {
            boolean pilot = village.contains("-PILOT-");
            double villageLevel = 700 + random.nextDouble() * 300;
            double villageGrowth = 60 + random.nextDouble() * 80 + (pilot ? 180 : 0);
            for (int h = 1; h <= HOUSEHOLDS_PER_VILLAGE; h++) {
                String hh = village + "-E" + String.format("%03d", h);
                double base = Math.max(80, villageLevel + random.nextGaussian() * 220);
                double end = Math.max(80, base + villageGrowth + random.nextGaussian() * 120);
                double poorBase = base < 750 ? 1 : 0;
                double poorEnd = end < 750 ? 1 : 0;
                csv.append(hh).append(',').append(village).append(",BASELINE,income_pc,").append(round(base)).append('\n');
                csv.append(hh).append(',').append(village).append(",ENDLINE,income_pc,").append(round(end)).append('\n');
                csv.append(hh).append(',').append(village).append(",BASELINE,mpi_poor,").append((int) poorBase).append('\n');
                csv.append(hh).append(',').append(village).append(",ENDLINE,mpi_poor,").append((int) poorEnd).append('\n');
            }
        }
        return csv.toString();
    }

    private static String round(double v) {
        return BigDecimal.valueOf(v).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }
}
