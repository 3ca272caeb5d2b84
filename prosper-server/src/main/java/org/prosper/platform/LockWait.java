package org.prosper.platform;

import java.sql.SQLException;

import org.springframework.dao.PessimisticLockingFailureException;

/**
 * Whether a failed statement gave up waiting for rows another transaction holds: H2's lock timeout (its error 50200,
 * which Spring reports as a query timeout), PostgreSQL's lock_not_available or a deadlock lost. Nothing was written by
 * it, and the same request can succeed once the other transaction has ended.
 */
public final class LockWait {

    /** H2's "Timeout trying to lock table". */
    private static final int H2_LOCK_TIMEOUT = 50200;

    private LockWait() {
    }

    public static boolean gaveUp(Throwable failure) {
        if (failure instanceof PessimisticLockingFailureException) return true;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && (sql.getErrorCode() == H2_LOCK_TIMEOUT
                    || "55P03".equals(sql.getSQLState()) || "40P01".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
