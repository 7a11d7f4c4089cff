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
 * Refuses a seller's attempt at another seller's product and records it. The refusal rolls the
 * request's transaction back, so the entry is written in a transaction of its own.
 */
@Component
class AccessRefusals {

    private final AuditLog audit;
    private final TransactionTemplate separately;

    AccessRefusals(AuditLog audit, PlatformTransactionManager transactions) {
        this.audit = audit;
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Throws 403 (after recording the attempt) unless the actor is an admin or the product's seller. */
    void checkOwner(AuthenticatedUser actor, UUID productId, UUID sellerId, String operation) {
        if (!actor.isAdmin() && !sellerId.equals(actor.id().value())) {
            separately.executeWithoutResult(status -> audit.record(
                    "product.access-refused",
                    "product",
                    productId.toString(),
                    "belongs to another seller",
                    Map.of("operation", operation)));
            throw ProblemException.forbidden("This product belongs to another seller");
        }
    }
}
