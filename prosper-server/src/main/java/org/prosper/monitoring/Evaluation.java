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
 * a new alert with its reason and evidence, handed to the sink in household id order. What remains of the open
 * alerts afterwards was not found again.
 */
final class Evaluation {

    /**
     * What a pass over the households found: counts (of new alerts: those handed to the sink), the open alerts to
     * resolve, and the local reasons of open alerts found again that were raised before their rule had one.
     */
    record Outcome(long households, long found, long created, List<Long> gone, List<LocalReason> localReasons) {
    }

    /** An open alert's reason in its country's own language, to be stored with it. */
    record LocalReason(long alertId, String reason) {
    }

    /**
     * Where the new alerts go, a batch at a time, in household id order, on the thread that called {@link #run}. A
     * batch is written out (reasons, evidence) as it is read: read it once, in order.
     */
    @FunctionalInterface
    interface Sink {
        void write(List<AlertRepository.NewAlert> alerts);
    }

    /** New alerts of the first range handed to the sink at a time while the ranges are still being evaluated. */
    private static final int BATCH = 512;

    private Evaluation() {
    }

    /** Where the households come from: given a consumer for each range of ids, feeds each range's households to its own. */
    @FunctionalInterface
    interface Source {
        void read(IntFunction<Consumer<Household>> parts);
    }

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
                    f.severity(), f.reason(), f.reasonZh(), f.reasonLocal(), f.evidence(), f.fingerprint(), profileVersion);
        }

        @Override
        public int size() {
            return pending.size();
        }
    }

    /** What one range of households found (each range is evaluated on its own thread). */
    private static final class Part {
        List<Pending> created = new ArrayList<>();
        List<LocalReason> localReasons = new ArrayList<>();
        long households;
        long found;
    }

    private static final List<Pending> END = new ArrayList<>();

    /**
     * Evaluates every household of the source and hands the new alerts to {@code sink} in household id order, on this
     * thread. With {@code aside}, the households are read and evaluated on a thread of their own meanwhile, and the
     * new alerts of the first range (the lowest ids) reach the sink while the later ranges are still being evaluated
     * (theirs follow when all are done): a first national run writes hundreds of thousands of alerts, and writing them
     * only after the last household cost seconds of a core left idle. Without it (the source must be read on this
     * thread: a transaction is open here), they reach the sink once all are evaluated. If the source or the sink
     * fails, both stop and the first failure is thrown.
     *
     * @param open     the open alerts of the coverage; marked as found (what is left was not found again)
     * @param records  departmental records by household
     * @param progress told the number of households done every 20,000 (from any range's thread, one at a time)
     */
    static Outcome run(RuleEngine engine, int profileVersion, LocalDate date, OpenAlerts open,
                       Map<Long, List<HouseholdFacts.DeptRecord>> records, Source source, JsonMapper json, LongConsumer progress,
                       Sink sink, boolean aside) {
        Map<Integer, Part> parts = new java.util.concurrent.ConcurrentSkipListMap<>();
        java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong();
        var batches = new java.util.concurrent.LinkedBlockingQueue<List<Pending>>();
        var stopped = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable evaluate = () -> {
            source.read(i -> {
                Part part = new Part();
                if (parts.putIfAbsent(i, part) != null) throw new IllegalStateException("range " + i + " read twice");
                boolean streams = aside && i == 0;
                return h -> {
                    if (stopped.get()) throw new java.util.concurrent.CancellationException("the new alerts could not be written");
                    HouseholdFacts facts = new HouseholdFacts(h, date, records.get(h.id()));
                    for (RuleEngine.Hit hit : engine.evaluate(facts)) {
                        part.found++;
                        if (!open.markFound(h.id(), hit.rule(), hit.fingerprint())) {
                            part.created.add(Pending.of(facts, hit));
                        } else if (engine.hasLocalReason(hit.rule())) {
                            open.withoutLocalReason(h.id(), hit.rule(), hit.fingerprint(),
                                    id -> part.localReasons.add(new LocalReason(id, engine.localReason(hit))));
                        }
                    }
                    if (streams && part.created.size() >= BATCH) {
                        batches.add(part.created);
                        part.created = new ArrayList<>();
                    }
                    if (++part.households % 20_000 == 0) {
                        long all = done.addAndGet(20_000);
                        synchronized (progress) {
                            progress.accept(all);
                        }
                    }
                };
            });
            for (Part p : parts.values()) { // in range order, that is in household id order
                for (int from = 0; from < p.created.size(); from += BATCH * 8) {
                    batches.add(p.created.subList(from, Math.min(p.created.size(), from + BATCH * 8)));
                }
            }
        };
        long created = 0;
        if (!aside) {
            evaluate.run();
            for (List<Pending> batch : batches) {
                sink.write(new Created(batch, engine, profileVersion, json));
                created += batch.size();
            }
        } else {
            var failure = new java.util.concurrent.atomic.AtomicReference<Throwable>();
            Thread evaluation = Thread.ofPlatform().name("monitoring-evaluation").start(() -> {
                try {
                    evaluate.run();
                } catch (Throwable t) {
                    failure.set(t);
                } finally {
                    batches.add(END);
                }
            });
            try {
                for (List<Pending> batch = take(batches); batch != END; batch = take(batches)) {
                    if (failure.get() != null) continue; // the source failed: nothing more is written
                    sink.write(new Created(batch, engine, profileVersion, json));
                    created += batch.size();
                }
            } catch (RuntimeException | Error e) {
                stopped.set(true);
                join(evaluation);
                throw e;
            }
            join(evaluation);
            Throwable t = failure.get();
            if (t instanceof RuntimeException r) throw r;
            if (t instanceof Error e) throw e;
            if (t != null) throw new IllegalStateException(t);
        }
        long households = 0, found = 0;
        for (Part p : parts.values()) {
            households += p.households;
            found += p.found;
        }
        List<LocalReason> localReasons = new ArrayList<>();
        for (Part p : parts.values()) localReasons.addAll(p.localReasons);
        return new Outcome(households, found, created, open.notFound(), localReasons);
    }

    private static List<Pending> take(java.util.concurrent.BlockingQueue<List<Pending>> batches) {
        try {
            return batches.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while evaluating", e);
        }
    }

    /** Waits for the evaluation to stop (it does at its next household once the writing stopped). */
    private static void join(Thread evaluation) {
        boolean interrupted = false;
        while (true) {
            try {
                evaluation.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
}
