package app.dukkan.catalog.product;

import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.platform.AuditLog;
import app.dukkan.platform.ProblemException;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refuses a seller's attempt at another seller's product and records it. Callers check before their
 * transaction begins (on a read that locks nothing), so the entry is written on its own and kept
 * although the request fails. Inside a transaction the entry would need a second connection while
 * the first, and any lock it took, is held: many refused requests at once would exhaust the pool
 * and stall the product's owner and its orders. That is refused as a mistake of the caller.
 */
@Component
class AccessRefusals {

    private final AuditLog audit;
    private final TransactionTemplate outsideTransactions;

    AccessRefusals(AuditLog audit, PlatformTransactionManager transactions) {
        this.audit = audit;
        this.outsideTransactions = new TransactionTemplate(transactions);
        this.outsideTransactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_NEVER);
    }

    /** Throws 403 (after recording the attempt) unless the actor is an admin or the product's seller. */
    void checkOwner(AuthenticatedUser actor, UUID productId, UUID sellerId, String operation) {
        if (!actor.isAdmin() && !sellerId.equals(actor.id().value())) {
            outsideTransactions.executeWithoutResult(status -> audit.record(
                    "product.access-refused",
                    "product",
                    productId.toString(),
                    "belongs to another seller",
                    Map.of("operation", operation)));
            throw ProblemException.forbidden("This product belongs to another seller");
        }
    }
}
