package app.dukkan.platform;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Work that must only see what the current transaction wrote: it runs once that is committed. */
public final class AfterCommit {

    private AfterCommit() {}

    /**
     * Runs {@code action} after the current transaction commits (not at all if it rolls back), or at
     * once outside a transaction. Database work in {@code action} needs a transaction of its own
     * ({@code REQUIRES_NEW}): the committed one is still bound to the thread while it runs.
     */
    public static void run(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }
}
