package org.prosper.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.IntFunction;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A pass over many households cut into ranges of ids read at once, each on its own thread, connection and read-only
 * transaction, so that both the database and the reader use every core. Each household with its members comes from
 * one transaction; the ranges' snapshots are taken moments apart, which a pass that judges each household on its own
 * (a monitoring run) does not notice.
 */
final class HouseholdRanges {

    /** Fewer ids than this in a range are read on one thread: threads and connections cost more than they save. */
    static final long MIN_SPAN = 50_000;

    private final HouseholdRepository households;
    private final TransactionTemplate readOnly;
    private final long minSpan;

    HouseholdRanges(HouseholdRepository households, PlatformTransactionManager transactions) {
        this(households, transactions, MIN_SPAN);
    }

    /** @param minSpan the fewest ids worth a range of their own */
    HouseholdRanges(HouseholdRepository households, PlatformTransactionManager transactions, long minSpan) {
        this.minSpan = minSpan;
        this.households = households;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /**
     * Reads the households matching {@code where} (columns qualified with {@code h.}) in up to {@code parts} ranges;
     * {@code part.apply(i)} gives the consumer of range i (ranges in id order, each in id order), called on that range's
     * thread only. One range when the id span is small or a transaction is already open on this thread (its writes
     * would not be seen from another connection). If a range fails, the others stop at their next window and the
     * failure is thrown.
     */
    void read(String where, List<Object> params, HouseholdFields fields, int parts, IntFunction<Consumer<Household>> part) {
        if (parts <= 1 || TransactionSynchronizationManager.isActualTransactionActive()) {
            readOnly.executeWithoutResult(s -> {
                long[] range = households.idRange(where, params);
                if (range != null) households.forEachWhere(where, params, fields, range[0] - 1, range[1], () -> false, part.apply(0));
            });
            return;
        }
        long[] range = readOnly.execute(s -> households.idRange(where, params));
        if (range == null) return;
        long span = range[1] - range[0] + 1;
        int n = (int) Math.max(1, Math.min(parts, span / minSpan));
        AtomicReference<Throwable> failed = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long after = range[0] - 1 + span * i / n, upTo = range[0] - 1 + span * (i + 1) / n;
            Consumer<Household> each = part.apply(i);
            Runnable read = () -> {
                try {
                    readOnly.executeWithoutResult(s -> households.forEachWhere(where, params, fields, after, upTo, () -> failed.get() != null, each));
                } catch (RuntimeException | Error e) {
                    failed.compareAndSet(null, e);
                }
            };
            if (i == n - 1) read.run(); // the last range on this thread
            else threads.add(Thread.ofPlatform().name("registry-read-" + i).start(read));
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed.compareAndSet(null, e);
            }
        }
        Throwable e = failed.get();
        if (e instanceof RuntimeException r) throw r;
        if (e instanceof Error r) throw r;
        if (e != null) throw new IllegalStateException("registry read interrupted", e);
    }
}
