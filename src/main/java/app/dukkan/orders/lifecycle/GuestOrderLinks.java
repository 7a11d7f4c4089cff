package app.dukkan.orders.lifecycle;

import app.dukkan.orders.CustomerOrders;
import app.dukkan.orders.GuestOrders;
import app.dukkan.orders.domain.Order;
import app.dukkan.orders.domain.OrderRepository;
import app.dukkan.orders.receipt.ReceiptLinks;
import app.dukkan.platform.ProblemException;
import app.dukkan.platform.SignedTokens;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * {@link GuestOrders} over signed tokens: nothing is stored, the signature is the access. Each mail
 * signs anew, so the newest mail about an order carries the link that lasts longest.
 */
@Component
@EnableConfigurationProperties(GuestOrderLinks.Lifetime.class)
class GuestOrderLinks implements GuestOrders {

    static final String PURPOSE = "order-page";

    /** @param orderLinkTtl how long the order page's link in a guest's mail works */
    @ConfigurationProperties("dukkan.orders")
    record Lifetime(@DefaultValue("30d") Duration orderLinkTtl) {

        Lifetime {
            if (orderLinkTtl.isNegative() || orderLinkTtl.isZero()) {
                throw new IllegalArgumentException("dukkan.orders.order-link-ttl must be positive");
            }
        }
    }

    private final SignedTokens tokens;
    private final OrderRepository orders;
    private final CustomerOrderService details;
    private final ReceiptLinks receipts;
    private final Lifetime lifetime;
    private final Clock clock;

    GuestOrderLinks(
            SignedTokens tokens,
            OrderRepository orders,
            CustomerOrderService details,
            ReceiptLinks receipts,
            Lifetime lifetime,
            Clock clock) {
        this.tokens = tokens;
        this.orders = orders;
        this.details = details;
        this.receipts = receipts;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    @Override
    public String pagePath(UUID orderId) {
        return "/orders/link/"
                + tokens.sign(PURPOSE, orderId.toString(), clock.instant().plus(lifetime.orderLinkTtl()));
    }

    @Override
    public CustomerOrders.Detail find(String token) {
        return details.detail(order(token));
    }

    @Override
    public Optional<CustomerOrders.ReceiptLink> receipt(String token) {
        return receipts.of(order(token).id());
    }

    private Order order(String token) {
        SignedTokens.Verified verified = tokens.verify(PURPOSE, token);
        if (verified.verdict() == SignedTokens.Verdict.EXPIRED) {
            throw new ProblemException(
                    HttpStatus.GONE,
                    "order-link-expired",
                    "Order link expired",
                    "This link to an order has expired; a newer mail about the order has a fresh one",
                    List.of());
        }
        return Optional.ofNullable(verified.verdict() == SignedTokens.Verdict.VALID ? verified.value() : null)
                .flatMap(GuestOrderLinks::id)
                .flatMap(orders::find)
                // an account's order is read signed in, never through a link
                .filter(order -> order.status().isPlaced() && order.customerId() == null)
                .orElseThrow(() -> new ProblemException(
                        HttpStatus.NOT_FOUND,
                        "order-link-invalid",
                        "Not an order link",
                        "This is not a link to an order of this shop",
                        List.of()));
    }

    private static Optional<UUID> id(String value) {
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
