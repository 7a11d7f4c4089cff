package app.dukkan.checkout.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of carts and pricing under {@code dukkan.checkout}. Amounts are in major units of the
 * shop's currency ({@code dukkan.catalog.currency}).
 *
 * @param defaultCountry where carts estimate shipping and tax, and drafts ship when no address is given yet
 * @param maxLineQuantity most units of one variant in a cart
 * @param maxLines most lines in a cart
 * @param anonymousCartLifetime how long an anonymous cart (and its cookie) lives after its last change
 * @param channelCartLifetime how long a channel's cart (a chat's, {@link app.dukkan.checkout.ChannelCarts})
 *     lives after its last change
 * @param shipping flat shipping options per group of countries; a group listing {@code *} serves every
 *     country no other group names
 * @param tax tax per country (ISO code)
 * @param defaultTax tax of countries not listed under {@code tax}
 */
@ConfigurationProperties("dukkan.checkout")
public record CheckoutProperties(
        @DefaultValue("DE") String defaultCountry,
        @DefaultValue("10") int maxLineQuantity,
        @DefaultValue("50") int maxLines,
        @DefaultValue("30d") Duration anonymousCartLifetime,
        @DefaultValue("90d") Duration channelCartLifetime,
        @DefaultValue List<ShippingZone> shipping,
        @DefaultValue Map<String, TaxRule> tax,
        @DefaultValue TaxRule defaultTax) {

    /**
     * @param name for operators only
     * @param countries ISO codes, or {@code *} for every other country
     * @param options the ways to ship there
     */
    public record ShippingZone(
            @DefaultValue("") String name,
            @DefaultValue List<String> countries,
            @DefaultValue List<Rate> options) {}

    /**
     * @param code stable code clients send back ({@code shipping_option})
     * @param price flat price
     * @param name the option's name in the API, and on pages whose language has no words for it
     * @param freeAbove the price is zero when the goods (after discounts) cost at least this much
     * @param label a key of the shop's message bundles naming the option in the page's language; a
     *     code alone cannot be the key, since groups offer one code with different delivery times
     */
    public record Rate(
            String code,
            String name,
            BigDecimal price,
            @Nullable BigDecimal freeAbove,
            @Nullable String label) {}

    /**
     * @param rate percent, e.g. 19
     * @param inclusive true when prices already contain the tax (usual for consumers in the EU)
     */
    public record TaxRule(
            @DefaultValue("0") BigDecimal rate,
            @DefaultValue("false") boolean inclusive) {}
}
