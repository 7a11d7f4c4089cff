package app.dukkan.orders;

import java.net.URI;
import java.time.Instant;

/**
 * A link that opens the shop's payment of one draft in any browser, until {@code expiresAt}: an
 * absolute URL on the shop's public address ({@code dukkan.orders.channel.base-url}).
 */
public record PaymentLink(URI url, Instant expiresAt) {}
