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
 * baseline round over the six pilot villages, so that the demo enumerators find it in ODK Collect. Only into a
 * database that has no forms yet.
 */
@Component
@Order(30)
@ConditionalOnProperty(name = "prosper.demo.enabled", havingValue = "true")
public class SurveyDemoLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SurveyDemoLoader.class);
    static final String FORM = "survey/household_baseline.xlsx";
    static final List<String> PILOT_VILLAGES = List.of("KH-PILOT-SVAYAMPEAR", "KH-PILOT-ANGCHORK", "LA-PILOT-XIENGDA",
            "LA-PILOT-SOMSANOOK", "MM-PILOT-MINPYIN", "MM-PILOT-THAPYAYKONE");

    private final FormService forms;
    private final RoundService rounds;

    public SurveyDemoLoader(FormService forms, RoundService rounds) {
        this.forms = forms;
        this.rounds = rounds;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (!forms.isEmpty()) return;
        Actor system = Actor.system();
        byte[] xlsx;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(FORM)) {
            if (in == null) throw new IllegalStateException("missing resource " + FORM);
            xlsx = in.readAllBytes();
        }
        FormVersion v = forms.publish(system, xlsx, "household_baseline.xlsx").version();
        forms.setMapping(system, v.formId(), demoMapping());
        int year = LocalDate.now().getYear();
        rounds.create(system, new RoundService.NewRound("BASELINE-" + year, "Pilot villages baseline " + year, SurveyRound.Kind.BASELINE,
                v.formId(), LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), PILOT_VILLAGES));
        log.info("Demo survey published: {} version {}, baseline round over {} villages", v.formId(), v.version(), PILOT_VILLAGES.size());
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
