package org.prosper.survey;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.prosper.access.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Publishes the demo baseline household survey with its mapping to the registry and measurement variables, and a
 * baseline round over the six pilot villages, so that the demo enumerators find it in ODK Collect. Also the
 * evaluation household survey of the pilot and comparison villages, with a baseline round last year and an endline
 * round this year, each holding imported and processed submissions ({@link EvaluationSurveyDemo}); its mapping names
 * no registry attribute, so its submissions never change the registry. Only into a database that has no forms yet.
 */
@Component
@Order(30)
@ConditionalOnProperty(name = "prosper.demo.enabled", havingValue = "true")
public class SurveyDemoLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SurveyDemoLoader.class);
    static final String FORM = "survey/household_baseline.xlsx";
    static final List<String> PILOT_VILLAGES = List.of("KH-PILOT-SVAYAMPEAR", "KH-PILOT-ANGCHORK", "LA-PILOT-XIENGDA",
            "LA-PILOT-SOMSANOOK", "MM-PILOT-MINPYIN", "MM-PILOT-THAPYAYKONE");

    /** The evaluation survey: a project names it as outcome dataset "survey:" + this id. */
    public static final String EVALUATION_FORM_ID = EvaluationSurveyDemo.FORM_ID;

    private final FormService forms;
    private final RoundService rounds;
    private final SurveyDataService data;
    private final SubmissionProcessor processor;
    private final org.springframework.jdbc.core.simple.JdbcClient db;

    public SurveyDemoLoader(FormService forms, RoundService rounds, SurveyDataService data, SubmissionProcessor processor,
                            org.springframework.jdbc.core.simple.JdbcClient db) {
        this.forms = forms;
        this.rounds = rounds;
        this.data = data;
        this.processor = processor;
        this.db = db;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (!forms.isEmpty()) return;
        Actor system = Actor.system();
        FormVersion v = forms.publish(system, resource(FORM), "household_baseline.xlsx").version();
        forms.setMapping(system, v.formId(), demoMapping());
        int year = LocalDate.now().getYear();
        rounds.create(system, new RoundService.NewRound("BASELINE-" + year, "Pilot villages baseline " + year, SurveyRound.Kind.BASELINE,
                v.formId(), LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), PILOT_VILLAGES));
        log.info("Demo survey published: {} version {}, baseline round over {} villages", v.formId(), v.version(), PILOT_VILLAGES.size());
        evaluationSurvey(system, year);
    }

    private void evaluationSurvey(Actor system, int year) throws IOException {
        FormVersion v = forms.publish(system, resource(EvaluationSurveyDemo.FORM), "household_evaluation.xlsx").version();
        forms.setMapping(system, v.formId(), EvaluationSurveyDemo.mapping());
        List<String> villages = EvaluationSurveyDemo.VILLAGES.stream().map(EvaluationSurveyDemo.Village::code).toList();
        List<byte[]> files = EvaluationSurveyDemo.rounds();
        String[] codes = {"EVAL-BASELINE-" + (year - 1), "EVAL-ENDLINE-" + year};
        SurveyRound.Kind[] kinds = {SurveyRound.Kind.BASELINE, SurveyRound.Kind.ENDLINE};
        int submissions = 0;
        for (int i = 0; i < 2; i++) {
            int roundYear = year - 1 + i;
            SurveyRound round = rounds.create(system, new RoundService.NewRound(codes[i], "Pilot evaluation " + kinds[i].name().toLowerCase() + " " + roundYear,
                    kinds[i], v.formId(), LocalDate.of(roundYear, 1, 1), LocalDate.of(roundYear, 12, 31), villages));
            data.importData(system, v.formId(), codes[i], List.of(new SurveyDataService.Upload(v.formId() + "-" + codes[i] + ".csv", files.get(i))));
            // processed here rather than by the processing thread, which starts once the application is ready
            List<Long> pending = db.sql("select id from survey_submission where round_id = ? and processing = 'PENDING' order by id")
                    .param(round.id()).query(Long.class).list();
            for (int from = 0; from < pending.size(); from += 200) processor.process(pending.subList(from, Math.min(pending.size(), from + 200)));
            submissions += pending.size();
        }
        log.info("Demo evaluation survey published: {} version {}, {} submissions in rounds {}", v.formId(), v.version(), submissions, List.of(codes));
    }

    private byte[] resource(String name) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name);
            return in.readAllBytes();
        }
    }

    static Map<String, String> demoMapping() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("household_id", "household.code");
        m.put("village", "household.village");
        m.put("head_name", "household.headName");
        m.put("location", "household.location");
        m.put("water_source", "household.waterSource");
        m.put("sanitation", "household.sanitation");
        m.put("cooking_fuel", "household.cookingFuel");
        m.put("electricity", "household.electricity");
        m.put("assets", "household.assets");
        m.put("member_name", "member.fullName");
        m.put("sex", "member.sex");
        m.put("birth_date", "member.birthDate");
        m.put("relation", "member.relation");
        m.put("education", "member.education");
        m.put("hh_size", "variable.household_size");
        m.put("income_crops", "variable.income_crops");
        m.put("income_livestock", "variable.income_livestock");
        m.put("income_wage", "variable.income_wage");
        m.put("income_business", "variable.income_business");
        m.put("income_remittances", "variable.income_remittances");
        m.put("income_total", "household.annualIncome");
        m.put("consumption_month", "variable.consumption_month");
        return m;
    }
}
