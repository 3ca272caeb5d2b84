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
 * A merge on a thread of its own whose transaction stays open for a while once its work is done: what another save
 * meets when an administrator merges units at the same moment. {@link #start()} returns when the merge has done its
 * work and not yet committed; {@link #join()} when it has committed.
 */
public final class MergeInProgress {

    private final CountDownLatch merged = new CountDownLatch(1);
    private final Thread thread;

    public MergeInProgress(PlatformTransactionManager transactions, GeoService geo, OrgUnit source, OrgUnit target, Duration open) {
        this.thread = Thread.ofPlatform().unstarted(() -> new TransactionTemplate(transactions).executeWithoutResult(t -> {
            geo.merge(Actor.system(), List.of(source.id()), target.id(), null, "merged while another save runs");
            merged.countDown();
            try {
                Thread.sleep(open.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
    }

    /** Starts the merge and waits until its work is done (not committed). */
    public MergeInProgress start() {
        thread.start();
        try {
            assertThat(merged.await(30, TimeUnit.SECONDS)).as("the merge did its work").isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** Waits until the merge has committed. */
    public void join() throws InterruptedException {
        thread.join();
    }
}
