package app.dukkan.whatsapp.chat;

import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Calls into the shop's modules from inside a turn's transaction under a savepoint. Their refusals
 * (a variant sold out, an order not returnable) are answers to the customer, not failures of the
 * turn: without the savepoint the refused call would mark the whole turn's transaction for
 * rollback, and its replies would be lost with it.
 */
@Component
class Savepoints {

    private final TransactionTemplate nested;

    Savepoints(PlatformTransactionManager transactions) {
        this.nested = new TransactionTemplate(transactions);
        this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** The call's answer; when it throws, what it wrote is rolled back to the savepoint and the exception rethrown. */
    <T> T attempt(Supplier<T> call) {
        return nested.execute(status -> call.get());
    }

    void attempt(Runnable call) {
        nested.executeWithoutResult(status -> call.run());
    }
}
