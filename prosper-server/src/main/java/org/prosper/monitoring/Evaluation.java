package org.prosper.monitoring;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import org.prosper.registry.Household;

import tools.jackson.databind.json.JsonMapper;

/**
 * The heart of a run, free of Spring: every household from the source is tested against the rules; a finding whose
 * key (household, rule, fingerprint) is among the open alerts only marks that alert as still found; any other becomes
 * a new alert with its reason and evidence. What remains of the open alerts afterwards was not found again.
 */
final class Evaluation {

    /** What a pass over the households found: counts, the new alerts to write and the open alerts to resolve. */
    record Outcome(long households, long found, List<AlertRepository.NewAlert> created, List<Long> gone) {
    }

    private Evaluation() {
    }

    /**
     * @param open     the open alerts of the coverage by key; consumed (what is left was not found again)
     * @param records  departmental records by household
     * @param progress told the number of households done every 20,000
     */
    static Outcome run(RuleEngine engine, int profileVersion, LocalDate date, Map<String, Long> open,
                       Map<Long, List<HouseholdFacts.DeptRecord>> records, Consumer<Consumer<Household>> source,
                       JsonMapper json, LongConsumer progress) {
        List<AlertRepository.NewAlert> created = new ArrayList<>();
        long[] counts = new long[2]; // households, findings
        source.accept(h -> {
            HouseholdFacts facts = new HouseholdFacts(h, date, records.get(h.id()));
            for (RuleEngine.Hit hit : engine.evaluate(facts)) {
                counts[1]++;
                if (open.remove(AlertRepository.key(h.id(), hit.ruleId(), hit.fingerprint())) != null) continue;
                Finding f = engine.finding(hit, facts);
                created.add(new AlertRepository.NewAlert(h.id(), h.code(), h.countryCode(), h.orgPath(), f.ruleId(), f.riskType(),
                        f.severity(), f.reason(), f.reasonZh(), evidence(json, f), f.fingerprint(), profileVersion));
            }
            if (++counts[0] % 20_000 == 0) progress.accept(counts[0]);
        });
        return new Outcome(counts[0], counts[1], created, new ArrayList<>(open.values()));
    }

    private static String evidence(JsonMapper json, Finding f) {
        String text = json.writeValueAsString(f.evidence());
        if (text.length() <= 4000) return text;
        Map<String, Object> shorter = new HashMap<>(f.evidence());
        shorter.put("values", "(too long to keep; see the reason)");
        return json.writeValueAsString(shorter);
    }
}
