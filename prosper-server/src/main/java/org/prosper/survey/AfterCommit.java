package org.prosper.survey;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Forgets cached answers once the transaction that changed what they were read from has ended: forgotten earlier, a
 * reader on another thread (the processing thread, a device) can cache the old state again before the commit, and keep
 * it until restart. Also after a rollback, as a read inside the transaction may have cached what was rolled back.
 */
final class AfterCommit {

    private AfterCommit() {
    }

    /** Runs {@code forget} when the current transaction ends, or at once outside one. */
    static void forget(Runnable forget) {
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
}
