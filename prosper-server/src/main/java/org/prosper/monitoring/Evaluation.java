package org.prosper.monitoring;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.LongConsumer;

import org.prosper.registry.Household;

import tools.jackson.databind.json.JsonMapper;

/**
 * The heart of a run, free of Spring: every household from the source is tested against the rules; a finding whose
 * key (household, rule, fingerprint) is among the open alerts only marks that alert as still found; any other becomes
 * a new alert with its reason and evidence. What remains of the open alerts afterwards was not found again.
 */
final class Evaluation {

    /**
     * What a pass over the households found: counts, the new alerts to write (written out as they are read: read them
     * once, in order) and the open alerts to resolve.
     */
    record Outcome(long households, long found, List<AlertRepository.NewAlert> created, List<Long> gone) {
    }

    private Evaluation() {
    }

    /** Where the households come from: given a consumer for each range of ids, feeds each range's households to its own. */
    @FunctionalInterface
    interface Source {
        void read(IntFunction<Consumer<Household>> parts);
    }

    /** A finding that is not among the open alerts, before its reasons and evidence are written out. */
    /**
     * A new alert waiting for its write: the household without its members (a first national run holds hundreds of
     * thousands of these, and keeping every member until the write cost seconds of garbage collection).
     */
    private record Pending(Household household, int members, LocalDate date, RuleEngine.Hit hit) {
        static Pending of(HouseholdFacts facts, RuleEngine.Hit hit) {
            Household h = facts.household;
            return new Pending(h.withMembers(List.of()), h.members().size(), facts.date, hit);
        }
    }

    /**
     * The new alerts of a run, written out (reasons, evidence) only when read: a first national run finds hundreds of
     * thousands, and holding all their text at once until they are stored costs more in garbage collection than
     * writing it. Each read writes the alert again, so it is read once, in order, by the one writing it to the database.
     */
    private static final class Created extends java.util.AbstractList<AlertRepository.NewAlert> {
        private final List<Pending> pending;
        private final RuleEngine engine;
        private final int profileVersion;
        private final JsonMapper json;

        Created(List<Pending> pending, RuleEngine engine, int profileVersion, JsonMapper json) {
            this.pending = pending;
            this.engine = engine;
            this.profileVersion = profileVersion;
            this.json = json;
        }

        @Override
        public AlertRepository.NewAlert get(int index) {
            Pending p = pending.get(index);
            Household h = p.household();
            RuleEngine.Stored f = engine.stored(p.hit(), h, p.members(), p.date(), json);
            return new AlertRepository.NewAlert(h.id(), h.code(), h.countryCode(), h.orgPath(), f.ruleId(), f.riskType(),
                    f.severity(), f.reason(), f.reasonZh(), f.evidence(), f.fingerprint(), profileVersion);
        }

        @Override
        public int size() {
            return pending.size();
        }
    }

    /** What one range of households found (each range is evaluated on its own thread). */
    private static final class Part {
        final List<Pending> created = new ArrayList<>();
        long households;
        long found;
    }

    /**
     * @param open     the open alerts of the coverage; marked as found (what is left was not found again)
     * @param records  departmental records by household
     * @param progress told the number of households done every 20,000 (from any range's thread, one at a time)
     */
    static Outcome run(RuleEngine engine, int profileVersion, LocalDate date, OpenAlerts open,
                       Map<Long, List<HouseholdFacts.DeptRecord>> records, Source source, JsonMapper json, LongConsumer progress) {
        Map<Integer, Part> parts = new java.util.concurrent.ConcurrentSkipListMap<>();
        java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong();
        source.read(i -> {
            Part part = new Part();
            if (parts.putIfAbsent(i, part) != null) throw new IllegalStateException("range " + i + " read twice");
            return h -> {
                HouseholdFacts facts = new HouseholdFacts(h, date, records.get(h.id()));
                for (RuleEngine.Hit hit : engine.evaluate(facts)) {
                    part.found++;
                    if (!open.markFound(h.id(), hit.rule(), hit.fingerprint())) part.created.add(Pending.of(facts, hit));
                }
                if (++part.households % 20_000 == 0) {
                    long all = done.addAndGet(20_000);
                    synchronized (progress) {
                        progress.accept(all);
                    }
                }
            };
        });
        long households = 0, found = 0;
        List<Pending> created = new ArrayList<>();
        for (Part p : parts.values()) { // in range order, that is in household id order
            households += p.households;
            found += p.found;
            created.addAll(p.created);
        }
        return new Outcome(households, found, new Created(created, engine, profileVersion, json), open.notFound());
    }
}
