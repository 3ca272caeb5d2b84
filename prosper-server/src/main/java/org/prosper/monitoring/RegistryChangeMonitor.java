package org.prosper.monitoring;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;

import org.prosper.access.Actor;
import org.prosper.job.JobProgress;
import org.prosper.registry.HouseholdsChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Incremental monitoring: households created or changed in the registry (an edit, an approved survey submission, a
 * registry import) are evaluated again once the change is committed, on a background thread so that the person
 * saving does not wait; an import updates the countries it wrote to as a whole. Changes that arrive while an evaluation runs are gathered into the next one. Data loaded
 * before the platform is ready (demo data, seeds) is left to the full runs.
 */
@Component
class RegistryChangeMonitor {

    private static final Logger log = LoggerFactory.getLogger(RegistryChangeMonitor.class);
    private static final int BATCH = 5_000;

    private final RunService runs;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "monitoring-incremental");
        t.setDaemon(true);
        return t;
    });
    /** Household id -> why it is evaluated, in arrival order; guarded by itself. */
    private final Map<Long, String> pending = new LinkedHashMap<>();
    /** Countries written to in bulk (imports) -> why, updated as a whole; guarded by {@link #pending}. */
    private final Map<String, String> pendingCountries = new LinkedHashMap<>();
    private volatile boolean ready;

    RegistryChangeMonitor(RunService runs) {
        this.runs = runs;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        ready = true;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void onHouseholdsChanged(HouseholdsChanged change) {
        if (!ready || change.ids().isEmpty() && change.countries().isEmpty()) return;
        String why = "registry " + change.source() + " by " + change.username();
        synchronized (pending) {
            boolean idle = pending.isEmpty() && pendingCountries.isEmpty();
            for (Long id : change.ids()) pending.putIfAbsent(id, why);
            for (String country : change.countries()) pendingCountries.putIfAbsent(country, why);
            if (idle) worker.execute(this::drain);
        }
    }

    private void drain() {
        Map<Long, String> batch;
        Map<String, String> countries;
        synchronized (pending) {
            batch = new LinkedHashMap<>(pending);
            pending.clear();
            countries = new LinkedHashMap<>(pendingCountries);
            pendingCountries.clear();
        }
        countries.forEach((country, why) -> {
            try {
                runs.run(Actor.system(), country, "UPDATE", LocalDate.now(), JobProgress.none(null), why);
            } catch (RuntimeException ex) {
                log.warn("Monitoring update of {} after {} failed; the next scheduled run covers it", country, why, ex);
            }
        });
        Map<String, List<Long>> byReason = new LinkedHashMap<>();
        batch.forEach((id, why) -> byReason.computeIfAbsent(why, k -> new ArrayList<>()).add(id));
        for (var e : byReason.entrySet()) {
            List<Long> ids = e.getValue();
            for (int from = 0; from < ids.size(); from += BATCH) {
                List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + BATCH));
                try {
                    runs.evaluate(Actor.system(), chunk, LocalDate.now(), e.getKey());
                } catch (RuntimeException ex) {
                    log.warn("Incremental monitoring of {} households ({}) failed; the next run covers them", chunk.size(), e.getKey(), ex);
                }
            }
        }
    }

    /** Waits until every change received so far has been evaluated (tests, and a clean stop). */
    void awaitIdle() throws InterruptedException {
        while (true) {
            try {
                worker.submit(() -> { }).get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e);
            }
            synchronized (pending) {
                if (pending.isEmpty() && pendingCountries.isEmpty()) return;
            }
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        worker.shutdown();
        worker.awaitTermination(10, TimeUnit.SECONDS);
    }
}
