package org.prosper.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.prosper.access.Actor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Another user's work on org units on a thread of its own, its transaction left open for a while once the work is done:
 * what a save meets when an administrator merges units at the same moment, or when an import holds the villages it
 * writes to. {@link #start()} returns when the work is done and not yet committed; {@link #join()} when it has ended.
 */
public final class InProgress {

    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread thread;

    private InProgress(PlatformTransactionManager transactions, Runnable work, Duration open) {
        this.thread = Thread.ofPlatform().unstarted(() -> new TransactionTemplate(transactions).executeWithoutResult(t -> {
            work.run();
            done.countDown();
            try {
                Thread.sleep(open.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
    }

    /** A merge of {@code source} into {@code target}. */
    public static InProgress merge(PlatformTransactionManager transactions, GeoService geo, OrgUnit source, OrgUnit target, Duration open) {
        return new InProgress(transactions, () -> geo.merge(Actor.system(), List.of(source.id()), target.id(), null,
                "merged while another save runs"), open);
    }

    /** Another save holding a unit, as an import holds the villages it writes to. */
    public static InProgress hold(PlatformTransactionManager transactions, GeoService geo, OrgUnit unit, Duration open) {
        return new InProgress(transactions, () -> geo.holdUnits(List.of(unit.id())), open);
    }

    /** Starts the work and waits until it is done (not committed). */
    public InProgress start() {
        thread.start();
        try {
            assertThat(done.await(30, TimeUnit.SECONDS)).as("the work in progress was done").isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** Waits until the work's transaction has ended. */
    public void join() throws InterruptedException {
        thread.join();
    }
}
