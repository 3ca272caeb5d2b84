package org.prosper.platform;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Work that must wait for the current transaction to end, or runs at once outside one. */
public final class TransactionEnd {

    private TransactionEnd() {
    }

    /**
     * Forgets cached answers once the transaction that changed what they were read from has ended: forgotten earlier, a
     * reader on another thread (the survey processing thread, a device, a monitoring run) can cache the old state again
     * before the commit, and keep it until restart. Also after a rollback, as a read inside the transaction may have
     * cached what was rolled back.
     */
    public static void forget(Runnable forget) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            forget.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                forget.run();
            }
        });
    }

    /** Runs {@code work} once the current transaction has committed, never after a rollback (e.g. indexing what it saved). */
    public static void afterCommit(Runnable work) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            work.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                work.run();
            }
        });
    }
}
