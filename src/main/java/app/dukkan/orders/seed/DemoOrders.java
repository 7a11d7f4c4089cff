package app.dukkan.orders.seed;

import app.dukkan.catalog.CatalogSitemap;
import app.dukkan.catalog.ShopCatalog;
import app.dukkan.catalog.ShopCatalog.Product;
import app.dukkan.catalog.ShopCatalog.Variant;
import app.dukkan.checkout.Address;
import app.dukkan.platform.Ids;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads a paid order history for demos and benchmarks ({@code dukkan.seed.demo-orders}, 0 by
 * default): that many guest orders of 1 to 4 lines of the active catalog, paid over the last 60
 * days, written in bulk as the shop would have stored them. Popularity is skewed (a few products sell
 * much more than most) and baskets favour neighbours in the catalog, so "bought together" has
 * something to find. Runs before the shop reports ready, only while there are fewer placed orders
 * than asked; it neither takes stock nor publishes events (recommendations count the history by
 * their backfill).
 */
@Component
@EnableConfigurationProperties(DemoOrders.DemoOrderProperties.class)
class DemoOrders implements ApplicationRunner {

    /** @param demoOrders placed orders the shop should have at least (0: off) */
    @ConfigurationProperties("dukkan.seed")
    record DemoOrderProperties(@DefaultValue("0") int demoOrders) {}

    private static final Logger log = LoggerFactory.getLogger(DemoOrders.class);
    private static final int CHUNK = 1_000;
    private static final Duration HISTORY = Duration.ofDays(60);
    private static final int NEIGHBOURS = 6;

    private record Line(Product product, Variant variant, int quantity) {}

    private final DemoOrderProperties properties;
    private final CatalogSitemap sitemap;
    private final ShopCatalog catalog;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Clock clock;

    DemoOrders(
            DemoOrderProperties properties,
            CatalogSitemap sitemap,
            ShopCatalog catalog,
            JdbcClient jdbc,
            TransactionTemplate transactions,
            JsonMapper json,
            Clock clock) {
        this.properties = properties;
        this.sitemap = sitemap;
        this.catalog = catalog;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (properties.demoOrders() <= 0) {
            return;
        }
        long placed = jdbc.sql("select count(*) from orders where number is not null")
                .query(Long.class)
                .single();
        int missing = (int) Math.max(0, properties.demoOrders() - placed);
        if (missing == 0) {
            return;
        }
        List<Product> products = products();
        if (products.isEmpty()) {
            log.warn("No active products: no demo orders seeded");
            return;
        }
        log.info("Seeding {} paid demo orders over {} products", missing, products.size());
        Random random = new Random(42);
        String address = json.writeValueAsString(
                new Address("Demo Shopper", "Hauptstraße 1", null, "Berlin", "10115", "DE", null));
        for (int done = 0; done < missing; done += CHUNK) {
            int size = Math.min(CHUNK, missing - done);
            int offset = done;
            transactions.executeWithoutResult(status -> insert(products, random, offset, size, address));
        }
        log.info("Seeded {} paid demo orders", missing);
    }

    private List<Product> products() {
        List<String> slugs = new ArrayList<>();
        int chunkSize = 1_000;
        sitemap.productChunks(chunkSize)
                .forEach(chunk -> sitemap.products(chunk.index(), chunkSize, entry -> slugs.add(entry.slug())));
        return slugs.stream()
                .map(catalog::product)
                .flatMap(Optional::stream)
                .filter(product -> !product.variants().isEmpty())
                .toList();
    }

    /** A basket: a product drawn with a skew towards the first ones, and some of its neighbours. */
    private static List<Line> basket(List<Product> products, Random random) {
        int n = products.size();
        int anchor = (int) (n * Math.pow(random.nextDouble(), 3));
        int lines = 1 + random.nextInt(4);
        Set<Integer> chosen = new LinkedHashSet<>();
        chosen.add(anchor);
        while (chosen.size() < Math.min(lines, n)) {
            chosen.add(random.nextInt(4) == 0 ? random.nextInt(n) : (anchor + 1 + random.nextInt(NEIGHBOURS)) % n);
        }
        List<Line> basket = new ArrayList<>();
        for (int index : chosen) {
            Product product = products.get(index);
            Variant variant =
                    product.variants().get(random.nextInt(product.variants().size()));
            basket.add(new Line(product, variant, 1 + (random.nextInt(5) == 0 ? random.nextInt(3) : 0)));
        }
        return basket;
    }

    private void insert(List<Product> products, Random random, int offset, int size, String address) {
        Instant now = clock.instant();
        List<Object[]> orders = new ArrayList<>();
        List<Object[]> lines = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            UUID id = Ids.newId(clock);
            Instant paidAt = now.minusMillis((long) (random.nextDouble() * HISTORY.toMillis()));
            List<Line> basket = basket(products, random);
            long subtotal = 0;
            String currency = basket.get(0).variant().price().currency();
            for (int position = 0; position < basket.size(); position++) {
                Line line = basket.get(position);
                long paid = line.variant().price().minor() * line.quantity();
                subtotal += paid;
                lines.add(new Object[] {
                    Ids.newId(clock),
                    id,
                    position,
                    line.variant().id(),
                    line.product().id(),
                    line.variant().sku(),
                    line.product().name(),
                    line.variant().name(),
                    line.product().slug(),
                    line.variant().price().minor(),
                    line.quantity(),
                    paid
                });
            }
            boolean fulfilled = paidAt.isBefore(now.minus(Duration.ofDays(3)));
            orders.add(new Object[] {
                id,
                fulfilled ? "fulfilled" : "paid",
                "demo-" + (offset + i) + "@example.com",
                currency,
                subtotal,
                Timestamp.from(paidAt),
                fulfilled ? Timestamp.from(paidAt.plus(Duration.ofDays(2))) : null
            });
        }
        jdbc.sql("""
                        insert into orders (id, number, status, payment_status, email, address, shipping_code,
                            shipping_name, currency, subtotal_minor, discount_minor, shipping_minor, tax_minor,
                            tax_rate, tax_inclusive, total_minor, created_at, updated_at, paid_at, fulfilled_at)
                        select o.id, 'DK-' || nextval('order_numbers'), o.status, 'succeeded', o.email,
                               cast(:address as jsonb), 'standard', 'Standard', o.currency, o.subtotal, 0, 0,
                               round(o.subtotal * 19 / 119.0), 19, true, o.subtotal, o.paid_at, o.paid_at,
                               o.paid_at, o.fulfilled_at
                        from unnest(cast(:ids as uuid[]), cast(:statuses as text[]), cast(:emails as text[]),
                                    cast(:currencies as text[]), cast(:subtotals as bigint[]),
                                    cast(:paid as timestamptz[]), cast(:fulfilled as timestamptz[]))
                            as o (id, status, email, currency, subtotal, paid_at, fulfilled_at)
                        order by o.paid_at""")
                .param("address", address)
                .param("ids", column(orders, 0, UUID[]::new))
                .param("statuses", column(orders, 1, String[]::new))
                .param("emails", column(orders, 2, String[]::new))
                .param("currencies", column(orders, 3, String[]::new))
                .param("subtotals", column(orders, 4, Long[]::new))
                .param("paid", column(orders, 5, Timestamp[]::new))
                .param("fulfilled", column(orders, 6, Timestamp[]::new))
                .update();
        jdbc.sql("""
                        insert into order_lines (id, order_id, position, variant_id, product_id, sku, product_name,
                            variant_name, product_slug, unit_price_minor, quantity, paid_minor)
                        select * from unnest(cast(:ids as uuid[]), cast(:orders as uuid[]), cast(:positions as int[]),
                            cast(:variants as uuid[]), cast(:products as uuid[]), cast(:skus as text[]),
                            cast(:names as text[]), cast(:variantNames as text[]), cast(:slugs as text[]),
                            cast(:prices as bigint[]), cast(:quantities as int[]), cast(:paid as bigint[]))""")
                .param("ids", column(lines, 0, UUID[]::new))
                .param("orders", column(lines, 1, UUID[]::new))
                .param("positions", column(lines, 2, Integer[]::new))
                .param("variants", column(lines, 3, UUID[]::new))
                .param("products", column(lines, 4, UUID[]::new))
                .param("skus", column(lines, 5, String[]::new))
                .param("names", column(lines, 6, String[]::new))
                .param("variantNames", column(lines, 7, String[]::new))
                .param("slugs", column(lines, 8, String[]::new))
                .param("prices", column(lines, 9, Long[]::new))
                .param("quantities", column(lines, 10, Integer[]::new))
                .param("paid", column(lines, 11, Long[]::new))
                .update();
    }

    private static <T> T[] column(List<Object[]> rows, int index, IntFunction<T[]> array) {
        T[] values = array.apply(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            @SuppressWarnings("unchecked")
            T value = (T) rows.get(i)[index];
            values[i] = value;
        }
        return values;
    }
}
