package app.dukkan.orders.receipt;

import app.dukkan.orders.CustomerOrders;
import app.dukkan.platform.SignedUrls;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Signed links to rendered receipts, valid {@code dukkan.orders.receipt-url-ttl}. */
@Component
public class ReceiptLinks {

    private final Receipts receipts;
    private final SignedUrls urls;
    private final ReceiptProperties properties;

    ReceiptLinks(Receipts receipts, SignedUrls urls, ReceiptProperties properties) {
        this.receipts = receipts;
        this.urls = urls;
        this.properties = properties;
    }

    /** A link (path on this shop) to the order's receipt, or empty while it is being rendered. */
    public Optional<CustomerOrders.ReceiptLink> of(UUID orderId) {
        return receipts.fileKey(orderId).map(key -> {
            SignedUrls.SignedUrl signed = urls.sign(key, properties.receiptUrlTtl());
            return new CustomerOrders.ReceiptLink(signed.path(), signed.expiresAt());
        });
    }
}
