package org.prosper.monitoring;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.prosper.access.Actor;
import org.prosper.geo.GeoService;
import org.prosper.job.JobProgress;
import org.prosper.registry.Household;
import org.prosper.registry.HouseholdService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Demo monitoring once the demo registry is loaded, only while monitoring is empty: a hospital list and last year's
 * incomes for Longlin county (China), a flood loss list for Kien Svay (Cambodia), a full run for Cambodia, Viet Nam
 * and China, and a few cases in various states (one eliminated, one under village review, one supported...).
 */
@Component
@Order(40)
@ConditionalOnProperty(name = "prosper.demo.enabled", havingValue = "true")
public class MonitoringDemoLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(MonitoringDemoLoader.class);

    private final JdbcClient db;
    private final HouseholdService households;
    private final GeoService geo;
    private final RunService runs;
    private final CaseService cases;
    private final SupportService support;
    private final DeptImportService deptFiles;

    public MonitoringDemoLoader(JdbcClient db, HouseholdService households, GeoService geo, RunService runs, CaseService cases,
                                SupportService support, DeptImportService deptFiles) {
        this.db = db;
        this.households = households;
        this.geo = geo;
        this.runs = runs;
        this.cases = cases;
        this.support = support;
        this.deptFiles = deptFiles;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (db.sql("select count(*) from monitoring_run").query(Long.class).single() > 0) return;
        if (households.count() == 0) return;
        long start = System.nanoTime();
        Actor system = Actor.system();
        LocalDate today = LocalDate.now();
        List<Household> longlin = under("CN", "CN-DEMO-L3-LONGLIN");
        List<Household> kienSvay = under("KH", "KH-DEMO-L2-KIENSVAY");
        if (longlin.size() < 40 || kienSvay.size() < 40) return;

        StringBuilder hospital = new StringBuilder("household_code,kind,amount,date\n");
        for (int i = 0; i < 12; i++) {
            Household h = longlin.get(i * 3);
            double amount = i % 3 == 0 ? 23_400 : i % 3 == 1 ? 6_200 : 1_800;
            hospital.append(h.code()).append(",MEDICAL_OOP,").append((long) amount).append(',').append(today.minusDays(20 + i * 9)).append('\n');
        }
        for (int i = 0; i < 6; i++) {
            Household h = longlin.get(1 + i * 5);
            if (h.annualIncome() == null || h.incomeYear() == null) continue;
            double previous = Math.round(h.annualIncome() * (i % 2 == 0 ? 1.8 : 1.1));
            hospital.append(h.code()).append(",INCOME,").append((long) previous).append(',').append(LocalDate.of(h.incomeYear() - 1, 12, 31)).append('\n');
        }
        deptFiles.importFile(system, "CN", "Longlin county medical insurance bureau and statistics", "longlin-departmental.csv",
                hospital.toString().getBytes(StandardCharsets.UTF_8));
        StringBuilder flood = new StringBuilder("household_code,kind,amount,date\n");
        for (int i = 0; i < 8; i++) {
            Household h = kienSvay.get(2 + i * 4);
            double loss = h.annualIncome() == null ? 2_000_000 : Math.round(h.annualIncome() * (i % 2 == 0 ? 0.6 : 0.1));
            flood.append(h.code()).append(",DISASTER_LOSS,").append((long) loss).append(',').append(today.minusDays(30 + i)).append('\n');
        }
        deptFiles.importFile(system, "KH", "Kandal provincial disaster committee", "kandal-flood.csv", flood.toString().getBytes(StandardCharsets.UTF_8));

        for (String country : List.of("KH", "VN", "CN")) {
            runs.run(system, country, "FULL", today, JobProgress.none(null), "demo data");
        }
        demoCases(system, today);
        log.info("Demo monitoring loaded in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    private List<Household> under(String country, String unitCode) {
        String path = geo.unitByCode(unitCode).map(u -> u.path()).orElse("-");
        List<Household> list = new ArrayList<>();
        households.forEachInScope(Actor.system(), country, h -> {
            if (h.orgPath().startsWith(path)) list.add(h);
        });
        return list;
    }

    /** Households with open alerts and no case, with someone able to work, in a district. */
    private List<Long> candidates(String unitCode, int limit) {
        String path = geo.unitByCode(unitCode).map(u -> u.path()).orElse("-");
        return db.sql("select distinct household_id from monitoring_alert where resolved_run_id is null and case_id is null "
                        + "and rule_id <> 'NO_LABOUR' and org_path like ? and household_id not in "
                        + "(select household_id from monitoring_alert where rule_id = 'NO_LABOUR' and resolved_run_id is null) order by household_id limit " + limit)
                .param(path + "%").query(Long.class).list();
    }

    private void demoCases(Actor system, LocalDate today) {
        List<Long> cn = candidates("CN-DEMO-L3-LONGLIN", 5);
        List<Long> kh = candidates("KH-DEMO-L2-KIENSVAY", 2);
        if (cn.size() < 5 || kh.size() < 2) return;
        // China: one new, one under village review, one supported, one eliminated, one rejected
        cases.open(system, new CaseService.OpenRequest(cn.get(0), "RUN_ALERT", "screened by the village cadre"));
        long review = cases.open(system, new CaseService.OpenRequest(cn.get(1), "RUN_ALERT", null)).id();
        through(system, review, today, CaseAction.VERIFY, CaseAction.CROSS_CHECK, CaseAction.VILLAGE_REVIEW);
        long supported = cases.open(system, new CaseService.OpenRequest(cn.get(2), "DEPT_ALERT", "medical insurance bureau push")).id();
        through(system, supported, today.minusDays(8), CaseAction.VERIFY, CaseAction.CROSS_CHECK, CaseAction.VILLAGE_REVIEW,
                CaseAction.TOWNSHIP_REVIEW, CaseAction.COUNTY_APPROVE, CaseAction.ENROL);
        var s = support.plan(system, supported, new SupportService.PlanRequest("PUBLIC_WELFARE_JOB", null, 6000.0, today, today, today.plusMonths(12),
                "Longlin county human resources bureau", "forest ranger post"));
        cases.step(system, supported, step(CaseAction.PLAN_SUPPORT, null), List.of());
        support.update(system, s.id(), new SupportService.UpdateRequest("DELIVERED", 6000.0, today, null, "first payment made", null));
        cases.step(system, supported, step(CaseAction.RECORD_SUPPORT, null), List.of());
        long eliminated = cases.open(system, new CaseService.OpenRequest(cn.get(3), "CADRE", null)).id();
        through(system, eliminated, today.minusDays(8), CaseAction.VERIFY, CaseAction.CROSS_CHECK, CaseAction.VILLAGE_REVIEW,
                CaseAction.TOWNSHIP_REVIEW, CaseAction.COUNTY_APPROVE, CaseAction.ENROL);
        var credit = support.plan(system, eliminated, new SupportService.PlanRequest("SMALL_CREDIT", "OTHER", 30000.0, today, today, today.plusYears(3),
                "Rural credit cooperative", "poverty-alleviation microcredit"));
        cases.step(system, eliminated, step(CaseAction.PLAN_SUPPORT, null), List.of());
        support.update(system, credit.id(), new SupportService.UpdateRequest("DELIVERED", 30000.0, today, null, null, null));
        cases.step(system, eliminated, step(CaseAction.RECORD_SUPPORT, null), List.of());
        cases.step(system, eliminated, new CaseService.StepRequest("PROPOSE_ELIMINATION", "income stably above the line", null, null, null, null, null,
                "demo: shown before the six-month stability period", null), List.of());
        cases.step(system, eliminated, step(CaseAction.REVIEW_ELIMINATION, "village review and notice held"), List.of());
        cases.step(system, eliminated, new CaseService.StepRequest("ELIMINATE", "county approval", null, null, null, null, "ASSISTED", null, null), List.of());
        long rejected = cases.open(system, new CaseService.OpenRequest(cn.get(4), "HOTLINE", null)).id();
        through(system, rejected, today, CaseAction.VERIFY);
        cases.step(system, rejected, step(CaseAction.REJECT, "income from a family business not recorded in the registry"), List.of());
        // Cambodia: one at home verification, one enrolled
        long visit = cases.open(system, new CaseService.OpenRequest(kh.get(0), "RUN_ALERT", null)).id();
        through(system, visit, today, CaseAction.VERIFY);
        long enrolled = cases.open(system, new CaseService.OpenRequest(kh.get(1), "DEPT_ALERT", "flood list")).id();
        through(system, enrolled, today.minusDays(15), CaseAction.VERIFY, CaseAction.CROSS_CHECK, CaseAction.VILLAGE_REVIEW,
                CaseAction.TOWNSHIP_REVIEW, CaseAction.COUNTY_APPROVE, CaseAction.ENROL);
    }

    private void through(Actor system, long caseId, LocalDate noticeFrom, CaseAction... actions) {
        for (CaseAction a : actions) {
            cases.step(system, caseId, new CaseService.StepRequest(a.name(), note(a), a == CaseAction.VERIFY ? true : null,
                    a == CaseAction.VILLAGE_REVIEW ? noticeFrom : null, null, null, null, null, null), List.of());
        }
    }

    private static CaseService.StepRequest step(CaseAction a, String note) {
        return new CaseService.StepRequest(a.name(), note, null, null, null, null, null, null, null);
    }

    private static String note(CaseAction a) {
        return switch (a) {
            case VERIFY -> "home visit; the household signed the commitment and authorisation";
            case CROSS_CHECK -> "no vehicle, no business registration, no property found";
            case VILLAGE_REVIEW -> "democratic review held; notice posted at the village committee";
            default -> null;
        };
    }
}
