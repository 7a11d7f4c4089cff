package app.dukkan.catalog.search;

import app.dukkan.catalog.ShopCatalog;
import app.dukkan.catalog.category.Categories;
import app.dukkan.catalog.category.Category;
import app.dukkan.catalog.category.CategoryTree;
import app.dukkan.catalog.config.CatalogCache;
import app.dukkan.catalog.config.CatalogChanges;
import app.dukkan.catalog.config.CatalogProperties;
import app.dukkan.catalog.product.ProductDetail;
import app.dukkan.catalog.product.ProductDetails;
import app.dukkan.platform.Money;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The catalog for the shop's pages, on the listing queries of the JSON API ({@link ProductSearch},
 * {@link ListingQueries}) and its product details. Results are kept as objects in caches of their
 * own (the API keeps serialized JSON), dropped on the same catalog and stock changes.
 */
@Service
class ShopCatalogReads implements ShopCatalog {

    /** Popular products are ranked again at least this often, sales not being catalog changes. */
    static final Duration POPULAR_REFRESH = Duration.ofMinutes(10);

    private static final int MAX_SECTION = 48;
    private static final int MAX_SUGGESTED_CATEGORIES = 3;

    private record SectionKey(String section, int limit, long period) {}

    private final ProductSearch search;
    private final ListingQueries queries;
    private final ProductDetails details;
    private final Categories categories;
    private final Clock clock;
    private final CatalogCache<ProductQuery, Listing> listings;
    private final CatalogCache<String, Optional<CategoryPage>> categoryPages;
    private final CatalogCache<String, Optional<Product>> products;
    private final CatalogCache<SectionKey, List<ProductCard>> sections;
    private final CatalogCache<String, List<CategoryNode>> tree;

    ShopCatalogReads(
            ProductSearch search,
            ListingQueries queries,
            ProductDetails details,
            Categories categories,
            CatalogProperties properties,
            CatalogChanges changes,
            MeterRegistry registry,
            Clock clock) {
        this.search = search;
        this.queries = queries;
        this.details = details;
        this.categories = categories;
        this.clock = clock;
        this.listings = new CatalogCache<>(
                "catalog.shop-listings",
                properties.listingCacheSize(),
                properties.listingCacheBytes().toBytes(),
                ShopCatalogReads::estimatedBytes,
                changes,
                registry);
        this.products = new CatalogCache<>("catalog.shop-products", properties.detailCacheSize(), changes, registry);
        this.sections = new CatalogCache<>("catalog.shop-sections", 64, changes, registry);
        this.tree = new CatalogCache<>("catalog.shop-categories", 1, changes, registry);
        this.categoryPages = new CatalogCache<>("catalog.shop-category-pages", 1_000, changes, registry);
        changes.onStockChange(change -> {
            change.slugs().forEach(products::invalidate);
            if (change.listings()) {
                listings.invalidateAll();
                sections.invalidateAll();
            }
        });
        changes.onRatingChange(slug -> {
            products.invalidate(slug);
            listings.invalidateAll();
            sections.invalidateAll();
        });
    }

    /** About what a listing holds on the heap: a card's texts, links and prices, a facet's name and count. */
    private static int estimatedBytes(Listing listing) {
        return 1_024
                + listing.items().size() * 1_024
                + (listing.categoryFacets().size() + listing.priceFacets().size()) * 128;
    }

    @Override
    public Listing listing(ListingRequest request) {
        ListingQueries.Parsed parsed = queries.parse(request);
        Listing listing = listings.get(parsed.query(), this::listing);
        if (parsed.issues().isEmpty()) {
            // the cached instance: pages rendered from it are cached as long as it is
            return listing;
        }
        return new Listing(
                listing.search(),
                listing.category(),
                listing.minPrice(),
                listing.maxPrice(),
                listing.inStock(),
                listing.rating(),
                listing.sort(),
                listing.page(),
                listing.size(),
                listing.total(),
                listing.totalPages(),
                listing.items(),
                listing.categoryFacets(),
                listing.priceFacets(),
                parsed.issues());
    }

    private Listing listing(ProductQuery query) {
        ProductPage page = search.search(query);
        return new Listing(
                query.hasSearch() ? query.phrase() : null,
                query.category(),
                major(query.minPrice()),
                major(query.maxPrice()),
                query.inStock(),
                query.minRating(),
                query.sort().code(),
                query.page(),
                query.size(),
                page.total(),
                page.totalPages(),
                page.items().stream().map(ShopCatalogReads::card).toList(),
                page.facets().categories().stream()
                        .map(c -> new CategoryFacet(c.slug(), c.name(), c.parent(), c.count()))
                        .toList(),
                page.facets().priceBands().stream()
                        .map(b -> new PriceFacet(b.min(), b.max(), b.count()))
                        .toList(),
                List.of());
    }

    private @Nullable BigDecimal major(@Nullable Long minor) {
        return minor == null ? null : Money.ofMinor(minor, currency()).amount();
    }

    private String currency() {
        return queries.currency();
    }

    @Override
    public Optional<Product> product(String slug) {
        if (slug.isEmpty() || slug.length() > 120) {
            return Optional.empty();
        }
        return products.get(slug, key -> details.activeBySlug(key).map(ShopCatalogReads::product));
    }

    @Override
    public List<CategoryNode> categories() {
        return tree.get(
                "roots",
                key -> categories.tree().roots().stream()
                        .map(ShopCatalogReads::node)
                        .toList());
    }

    @Override
    public Optional<CategoryPage> category(String slug) {
        if (slug.isEmpty() || slug.length() > 120) {
            return Optional.empty();
        }
        return categoryPages.get(slug, key -> {
            CategoryTree current = categories.tree();
            return current.bySlug(key)
                    .map(category -> new CategoryPage(
                            category.slug(),
                            category.name(),
                            current.path(category.id()).stream()
                                    .map(ShopCatalogReads::link)
                                    .toList(),
                            current.children(category.id()).stream()
                                    .map(ShopCatalogReads::link)
                                    .toList()));
        });
    }

    @Override
    public List<ProductCard> featured(int limit) {
        int size = Math.max(0, Math.min(limit, MAX_SECTION));
        return sections.get(new SectionKey("featured", size, 0), key -> cards("""
                        select id, row_number() over (order by updated_at desc, id desc) as position
                        from products
                        where status = 'active' and featured
                        order by updated_at desc, id desc
                        limit :limit""", size));
    }

    @Override
    public List<ProductCard> popular(int limit) {
        int size = Math.max(0, Math.min(limit, MAX_SECTION));
        long period = clock.millis() / POPULAR_REFRESH.toMillis();
        return sections.get(new SectionKey("popular", size, period), key -> cards("""
                        select v.product_id as id,
                               row_number() over (order by sum(v.sold) desc, v.product_id) as position
                        from variants v
                        join products p on p.id = v.product_id
                        where v.sold > 0 and v.active and p.status = 'active' and p.in_stock
                        group by v.product_id
                        order by sum(v.sold) desc, v.product_id
                        limit :limit""", size));
    }

    private List<ProductCard> cards(String selection, int limit) {
        if (limit == 0) {
            return List.of();
        }
        return search.itemsSelectedBy(selection, Map.of("limit", limit)).stream()
                .map(ShopCatalogReads::card)
                .toList();
    }

    @Override
    public Suggestions suggest(String text, int limit) {
        int size = Math.max(1, Math.min(limit, 20));
        String trimmed = text.strip();
        if (trimmed.isEmpty() || trimmed.length() > 100) {
            return new Suggestions(List.of(), List.of());
        }
        ListingQueries.Parsed parsed =
                queries.parse(new ListingRequest(trimmed, null, null, null, null, "relevance", 0, size));
        if (!parsed.issues().isEmpty()) {
            return new Suggestions(List.of(), List.of());
        }
        List<ProductLink> found = listings.get(parsed.query(), this::listing).items().stream()
                .map(item -> new ProductLink(item.slug(), item.name()))
                .toList();
        return new Suggestions(matchingCategories(trimmed.toLowerCase(Locale.ROOT)), found);
    }

    /** Categories with a word of their name starting with the text, in tree order. */
    private List<CategoryLink> matchingCategories(String text) {
        List<CategoryLink> matches = new ArrayList<>();
        CategoryTree current = categories.tree();
        collect(current.roots(), text, matches);
        return matches;
    }

    private static void collect(List<CategoryTree.Node> nodes, String text, List<CategoryLink> matches) {
        for (CategoryTree.Node node : nodes) {
            if (matches.size() >= MAX_SUGGESTED_CATEGORIES) {
                return;
            }
            String name = node.name().toLowerCase(Locale.ROOT);
            if (name.startsWith(text) || name.contains(" " + text)) {
                matches.add(new CategoryLink(node.slug(), node.name()));
            }
            collect(node.children(), text, matches);
        }
    }

    private static CategoryNode node(CategoryTree.Node node) {
        return new CategoryNode(
                node.slug(),
                node.name(),
                node.children().stream().map(ShopCatalogReads::node).toList());
    }

    private static CategoryLink link(Category category) {
        return new CategoryLink(category.slug(), category.name());
    }

    static ProductCard card(ProductPage.Item item) {
        return new ProductCard(
                item.slug(),
                item.name(),
                item.category() == null
                        ? null
                        : new CategoryLink(
                                item.category().slug(), item.category().name()),
                item.price() == null ? null : item.price().min(),
                item.price() == null ? null : item.price().max(),
                item.inStock(),
                item.image() == null
                        ? null
                        : new Image(
                                item.image().url(),
                                item.image().alt(),
                                item.image().width(),
                                item.image().height(),
                                item.image().srcset()),
                item.rating());
    }

    private static Product product(ProductDetail detail) {
        return new Product(
                detail.id(),
                detail.slug(),
                detail.name(),
                detail.description(),
                detail.attributes(),
                detail.category() == null
                        ? null
                        : new CategoryLink(
                                detail.category().slug(), detail.category().name()),
                detail.breadcrumbs().stream()
                        .map(c -> new CategoryLink(c.slug(), c.name()))
                        .toList(),
                detail.price() == null ? null : detail.price().min(),
                detail.price() == null ? null : detail.price().max(),
                detail.inStock(),
                detail.variants().stream()
                        .map(v -> new Variant(v.id(), v.sku(), v.name(), v.attributes(), v.price(), v.stock()))
                        .toList(),
                detail.media().stream()
                        .map(m -> new Image(
                                m.url(),
                                m.alt(),
                                m.width(),
                                m.height(),
                                ProductPage.Image.srcset(m.url(), m.width(), m.srcset())))
                        .toList(),
                detail.updatedAt(),
                detail.rating());
    }
}
