package app.dukkan.orders.seed;

import app.dukkan.catalog.ShopCatalog;
import app.dukkan.catalog.ShopCatalog.Product;
import app.dukkan.checkout.Address;
import app.dukkan.identity.UserId;
import app.dukkan.orders.DemoPurchases;
import app.dukkan.platform.Ids;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

@Component
class JdbcDemoPurchases implements DemoPurchases {

    private final ShopCatalog catalog;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    JdbcDemoPurchases(ShopCatalog catalog, JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.catalog = catalog;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void placePaidOrder(UserId customer, String email, List<String> productSlugs, Instant paidAt) {
        List<Product> products = productSlugs.stream()
                .map(catalog::product)
                .flatMap(Optional::stream)
                .filter(product -> !product.variants().isEmpty())
                .toList();
        if (products.isEmpty()) {
            return;
        }
        UUID id = Ids.newId(clock);
        String currency = products.get(0).variants().get(0).price().currency();
        long subtotal = products.stream()
                .mapToLong(product -> product.variants().get(0).price().minor())
                .sum();
        String address = json.writeValueAsString(
                new Address("Demo Shopper", "Hauptstraße 1", null, "Berlin", "10115", "DE", null));
        Timestamp paid = Timestamp.from(paidAt);
        jdbc.sql("""
                        insert into orders (id, number, status, payment_status, customer_id, email, address,
                            shipping_code, shipping_name, currency, subtotal_minor, discount_minor, shipping_minor,
                            tax_minor, tax_rate, tax_inclusive, total_minor, created_at, updated_at, paid_at,
                            fulfilled_at)
                        values (?, 'DK-' || nextval('order_numbers'), 'fulfilled', 'succeeded', ?, ?,
                            cast(? as jsonb), 'standard', 'Standard', ?, ?, 0, 0, round(? * 19 / 119.0), 19, true,
                            ?, ?, ?, ?, ?)""")
                .params(
                        id,
                        customer.value(),
                        email,
                        address,
                        currency,
                        subtotal,
                        subtotal,
                        subtotal,
                        paid,
                        paid,
                        paid,
                        Timestamp.from(paidAt.plus(Duration.ofDays(2))))
                .update();
        for (int position = 0; position < products.size(); position++) {
            Product product = products.get(position);
            ShopCatalog.Variant variant = product.variants().get(0);
            jdbc.sql("""
                            insert into order_lines (id, order_id, position, variant_id, product_id, sku,
                                product_name, variant_name, product_slug, unit_price_minor, quantity, paid_minor)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)""")
                    .params(
                            Ids.newId(clock),
                            id,
                            position,
                            variant.id(),
                            product.id(),
                            variant.sku(),
                            product.name(),
                            variant.name(),
                            product.slug(),
                            variant.price().minor(),
                            variant.price().minor())
                    .update();
        }
    }
}
