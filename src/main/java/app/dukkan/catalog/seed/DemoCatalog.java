package app.dukkan.catalog.seed;

import app.dukkan.catalog.category.Categories;
import app.dukkan.catalog.category.Category;
import app.dukkan.catalog.config.CatalogChanges;
import app.dukkan.catalog.config.CatalogProperties;
import app.dukkan.catalog.search.SearchVocabulary;
import app.dukkan.identity.AccountDirectory;
import app.dukkan.identity.UserId;
import app.dukkan.platform.FileStore;
import app.dukkan.platform.Ids;
import app.dukkan.platform.Slugs;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fills the catalog with a believable demo shop: a category tree, a few sellers, products with one
 * to five variants each and a generated picture, inserted in batches.
 */
@Service
class DemoCatalog {

    private static final Logger log = LoggerFactory.getLogger(DemoCatalog.class);
    private static final int BATCH = 500;
    private static final List<String[]> SELLERS = List.of(
            new String[] {"atlas-goods@demo.dukkan.local", "Atlas Goods"},
            new String[] {"olive-lane@demo.dukkan.local", "Olive Lane Studio"},
            new String[] {"nordlys@demo.dukkan.local", "Nordlys Outdoor"});

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Categories categories;
    private final AccountDirectory accounts;
    private final FileStore files;
    private final CatalogChanges changes;
    private final SearchVocabulary vocabulary;
    private final CatalogProperties properties;
    private final Clock clock;

    DemoCatalog(
            JdbcTemplate jdbc,
            TransactionTemplate transactions,
            Categories categories,
            AccountDirectory accounts,
            FileStore files,
            CatalogChanges changes,
            SearchVocabulary vocabulary,
            CatalogProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.categories = categories;
        this.accounts = accounts;
        this.files = files;
        this.changes = changes;
        this.vocabulary = vocabulary;
        this.properties = properties;
        this.clock = clock;
    }

    long productCount() {
        Long count = jdbc.queryForObject("select count(*) from products", Long.class);
        return count == null ? 0 : count;
    }

    /** Adds {@code count} active products to the catalog. */
    void seed(int count) {
        long started = System.nanoTime();
        Map<String, UUID> categoryIds = ensureCategories();
        List<UUID> sellers = SELLERS.stream()
                .map(s -> accounts.ensureSeller(s[0], s[1]))
                .map(UserId::value)
                .toList();
        Random random = new Random();
        for (int done = 0; done < count; done += BATCH) {
            int batch = Math.min(BATCH, count - done);
            transactions.executeWithoutResult(status -> insertBatch(batch, categoryIds, sellers, random));
        }
        transactions.executeWithoutResult(status -> {
            vocabulary.addAll();
            changes.changed();
        });
        // Fresh statistics and visibility map: the planner and index-only scans are right from the first request.
        jdbc.execute("vacuum (analyze) products, variants, product_media");
        writeBackNow();
        log.info(
                "Seeded {} demo products in {} ms",
                count,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    /**
     * Writes the bulk load to disk now instead of leaving it to the checkpointer during the first
     * minutes of traffic. Needs superuser or pg_checkpoint; without them PostgreSQL does it later.
     */
    private void writeBackNow() {
        try {
            jdbc.execute("checkpoint");
        } catch (DataAccessException e) {
            log.info(
                    "Not allowed to request a checkpoint after seeding ({}); PostgreSQL will write back later",
                    e.getMostSpecificCause().getMessage());
        }
    }

    private Map<String, UUID> ensureCategories() {
        Map<String, UUID> ids = new HashMap<>();
        for (int i = 0; i < DemoProducts.PARENTS.size(); i++) {
            String parent = DemoProducts.PARENTS.get(i);
            ids.put(parent, ensureCategory(parent, null, i).id());
        }
        for (int i = 0; i < DemoProducts.KINDS.size(); i++) {
            DemoProducts.Kind kind = DemoProducts.KINDS.get(i);
            String parentSlug = Slugs.slugify(kind.parent(), 80);
            ids.put(kind.name(), ensureCategory(kind.name(), parentSlug, i).id());
        }
        return ids;
    }

    private Category ensureCategory(String name, @Nullable String parentSlug, int position) {
        String slug = Slugs.slugify(name, 80);
        return categories.tree().bySlug(slug).orElseGet(() -> categories.create(name, slug, parentSlug, position));
    }

    private void insertBatch(int count, Map<String, UUID> categoryIds, List<UUID> sellers, Random random) {
        Instant now = clock.instant();
        List<Object[]> products = new ArrayList<>(count);
        List<Object[]> variants = new ArrayList<>(count * 3);
        List<Object[]> media = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            DemoProducts.Kind kind = DemoProducts.pick(DemoProducts.KINDS, random);
            String name = DemoProducts.name(kind, random);
            UUID id = Ids.newId(clock);
            String slug = Slugs.slugify(name, 90) + "-" + Long.toString(random.nextLong() & 0xFFFFFFFFFFL, 36);
            Timestamp created = Timestamp.from(now.minus(Duration.ofMinutes(random.nextInt(365 * 24 * 60))));
            String attributes = "{\"brand\":\"" + name.substring(0, name.indexOf(' ')) + "\",\"material\":\""
                    + DemoProducts.pick(kind.materials(), random) + "\"}";
            long minPrice = Long.MAX_VALUE;
            long maxPrice = 0;
            boolean inStock = false;
            int basePrice = kind.minPrice() + random.nextInt(kind.maxPrice() - kind.minPrice() + 1);
            List<String> labels = DemoProducts.variantLabels(kind, random);
            for (int v = 0; v < labels.size(); v++) {
                long price = basePrice * 100L + (long) v * 100 * random.nextInt(5) - (random.nextBoolean() ? 1 : 0);
                int stock = random.nextInt(10) == 0 ? 0 : random.nextInt(200);
                String sku = "DK-"
                        + Long.toString(random.nextLong() & 0xFFFFFFFFFFFFL, 36).toUpperCase() + "-" + v;
                long finalPrice = Math.max(price, 99);
                minPrice = Math.min(minPrice, finalPrice);
                maxPrice = Math.max(maxPrice, finalPrice);
                inStock |= stock > 0;
                variants.add(new Object[] {
                    Ids.newId(clock),
                    id,
                    sku,
                    labels.get(v),
                    "{\"" + DemoProducts.axisName(kind) + "\":\"" + labels.get(v) + "\"}",
                    finalPrice,
                    properties.currency(),
                    stock,
                    // a sales history, so that the demo shop's home page has popular products
                    random.nextInt(3) == 0 ? random.nextInt(400) : 0,
                    v,
                    created,
                    created
                });
            }
            products.add(new Object[] {
                id,
                slug,
                name,
                DemoProducts.description(kind, name, random),
                attributes,
                DemoProducts.pick(sellers, random),
                categoryIds.get(kind.name()),
                properties.currency(),
                created,
                created,
                minPrice,
                maxPrice,
                inStock,
                random.nextInt(25) == 0
            });
            String url = files.store("products/" + slug + ".svg", PlaceholderImages.svg(name, random));
            media.add(new Object[] {
                Ids.newId(clock), id, url, name, 0, PlaceholderImages.SIZE, PlaceholderImages.SIZE, created
            });
        }
        // The derived price and stock columns are written here, so the per-variant trigger is skipped;
        // the search words of the whole load are added once at the end.
        jdbc.execute("set local dukkan.defer_price_refresh = on");
        jdbc.execute("set local dukkan.defer_search_words = on");
        jdbc.batchUpdate("""
                insert into products (id, slug, name, description, attributes, status, seller_id, category_id, currency,
                                      created_at, updated_at, min_price, max_price, in_stock, featured)
                values (?, ?, ?, ?, ?::jsonb, 'active', ?, ?, ?, ?, ?, ?, ?, ?, ?)""", products);
        jdbc.batchUpdate("""
                insert into variants (id, product_id, sku, name, attributes, price_minor, currency, stock, sold, position,
                                      created_at, updated_at)
                values (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?)""", variants);
        jdbc.batchUpdate("""
                insert into product_media (id, product_id, url, alt, position, width, height, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""", media);
    }
}
