package app.dukkan.catalog.product;

import app.dukkan.platform.AuditLog;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records a seller's attempt at another seller's product. The refusal rolls the request's
 * transaction back, so the entry is written in a transaction of its own.
 */
@Component
class AccessRefusals {

    private final AuditLog audit;

    AccessRefusals(AuditLog audit) {
        this.audit = audit;
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void refused(UUID productId) {
        audit.record("product.access-refused", "product", productId.toString(), null, Map.of());
    }
}
