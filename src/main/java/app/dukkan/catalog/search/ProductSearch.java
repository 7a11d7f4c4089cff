package app.dukkan.catalog.search;

import app.dukkan.catalog.category.Categories;
import app.dukkan.catalog.category.Category;
import app.dukkan.catalog.category.CategoryTree;
import app.dukkan.catalog.config.CatalogCache;
import app.dukkan.catalog.config.CatalogChanges;
import app.dukkan.catalog.config.CatalogProperties;
import app.dukkan.catalog.search.ProductPage.CategoryCount;
import app.dukkan.catalog.search.ProductPage.PriceBand;
import app.dukkan.platform.Money;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Public product listing on PostgreSQL: full-text search on name and description with prefix
 * matching, trigram word similarity on names for typos, filters, facets and stable ordering (every
 * sort ends with the id).
 */
@Component
class ProductSearch {

    /** Lower bounds of the price bands, in major units; the last band is open-ended. */
    private static final long[] BAND_BOUNDS = {0, 25, 50, 100, 250, 500};

    private final JdbcClient jdbc;
    private final Categories categories;
    private final CatalogProperties properties;
    /**
     * Facets and totals depend on the filters only, not on sort or page, and cost more than a page:
     * every page and order of one filtered listing shares them.
     */
    private final CatalogCache<ProductQuery, Facets> facetCache;

    ProductSearch(
            JdbcClient jdbc,
            Categories categories,
            CatalogProperties properties,
            CatalogChanges changes,
            MeterRegistry registry) {
        this.jdbc = jdbc;
        this.categories = categories;
        this.properties = properties;
        this.facetCache = new CatalogCache<>("catalog.facets", properties.listingCacheSize(), changes, registry);
        changes.onStockChange(change -> {
            if (change.listings()) {
                facetCache.invalidateAll();
            }
        });
    }

    ProductPage search(ProductQuery query) {
        CategoryTree tree = categories.tree();
        Filter filter = new Filter(query, tree);
        Facets facets = facetCache.get(query.filtersOnly(), q -> facets(filter, tree));
        List<ProductPage.Item> items = facets.total == 0 ? List.of() : items(filter, query, tree);
        int totalPages = (int) ((facets.total + query.size() - 1) / query.size());
        return new ProductPage(
                items,
                query.page(),
                query.size(),
                facets.total,
                totalPages,
                query.sort().code(),
                new ProductPage.Facets(facets.categories, facets.bands));
    }

    /** EXPLAIN ANALYZE of both statements a listing runs, for the documentation of query plans. */
    List<String> explain(ProductQuery query) {
        Filter filter = new Filter(query, categories.tree());
        List<String> plans = new ArrayList<>();
        for (String sql : List.of(itemsSql(filter, query), facetsSql(filter))) {
            List<String> lines = filter.bind(jdbc.sql("explain (analyze, buffers) " + sql))
                    .param("limit", query.size())
                    .param("offset", (long) query.page() * query.size())
                    .query(String.class)
                    .list();
            plans.add(String.join("\n", lines));
        }
        return plans;
    }

    private List<ProductPage.Item> items(Filter filter, ProductQuery query, CategoryTree tree) {
        return filter.bind(jdbc.sql(itemsSql(filter, query)))
                .param("limit", query.size())
                .param("offset", (long) query.page() * query.size())
                .query(itemMapper(tree))
                .list();
    }

    /**
     * Active products by another selection than a listing's (the home page's sections): {@code
     * selection} is a statement answering {@code id} and {@code position} of the products in order;
     * each comes with what a listing shows of it.
     */
    List<ProductPage.Item> itemsSelectedBy(String selection, Map<String, ?> params) {
        return jdbc.sql("""
                        select p.id, p.slug, p.name, p.category_id, p.min_price, p.max_price, p.currency, p.in_stock,
                               m.url as image_url, m.alt as image_alt, m.width as image_width, m.height as image_height
                        from (%s) s
                        join products p on p.id = s.id and p.status = 'active'
                        left join lateral (
                            select url, alt, width, height from product_media pm
                            where pm.product_id = p.id order by pm.position, pm.id limit 1
                        ) m on true
                        order by s.position""".formatted(selection))
                .params(params)
                .query(itemMapper(categories.tree()))
                .list();
    }

    private static org.springframework.jdbc.core.RowMapper<ProductPage.Item> itemMapper(CategoryTree tree) {
        return (rs, row) -> {
            String currency = rs.getString("currency");
            Long min = rs.getObject("min_price", Long.class);
            Long max = rs.getObject("max_price", Long.class);
            String imageUrl = rs.getString("image_url");
            return new ProductPage.Item(
                    rs.getObject("id", UUID.class),
                    rs.getString("slug"),
                    rs.getString("name"),
                    tree.byId(rs.getObject("category_id", UUID.class))
                            .map(c -> new ProductPage.CategoryRef(c.slug(), c.name()))
                            .orElse(null),
                    min == null || max == null
                            ? null
                            : new ProductPage.Price(Money.ofMinor(min, currency), Money.ofMinor(max, currency)),
                    rs.getBoolean("in_stock"),
                    imageUrl == null
                            ? null
                            : new ProductPage.Image(
                                    imageUrl,
                                    rs.getString("image_alt"),
                                    rs.getObject("image_width", Integer.class),
                                    rs.getObject("image_height", Integer.class)));
        };
    }

    /**
     * Pages over the products alone (so an index can serve the order and the offset), then fetches
     * the first image of just the rows on the page.
     */
    private static String itemsSql(Filter filter, ProductQuery query) {
        return """
                select p.id, p.slug, p.name, p.category_id, p.min_price, p.max_price, p.currency, p.in_stock,
                       m.url as image_url, m.alt as image_alt, m.width as image_width, m.height as image_height
                from (
                    select p.id, p.slug, p.name, p.category_id, p.min_price, p.max_price, p.currency, p.in_stock,
                           p.created_at, %1$s as rank
                    from products p
                    where %2$s
                    order by %3$s
                    limit :limit offset :offset
                ) p
                left join lateral (
                    select url, alt, width, height from product_media pm
                    where pm.product_id = p.id order by pm.position, pm.id limit 1
                ) m on true
                order by %3$s""".formatted(rank(query), filter.all(), orderBy(query));
    }

    private static String rank(ProductQuery query) {
        return query.sort() == ProductQuery.Sort.RELEVANCE && query.hasSearch()
                ? "ts_rank_cd(p.search_vector, to_tsquery('simple', :tsq)) + word_similarity(:phrase, p.name)"
                : "0";
    }

    /** Written in columns of the paged subquery, so the outer query can repeat it; ends with the id. */
    private static String orderBy(ProductQuery query) {
        return switch (query.sort()) {
            case RELEVANCE -> query.hasSearch() ? "rank desc, p.id desc" : "p.created_at desc, p.id desc";
            case PRICE_ASC -> "p.min_price asc, p.id asc";
            case PRICE_DESC -> "p.min_price desc, p.id desc";
            case NEWEST -> "p.created_at desc, p.id desc";
        };
    }

    private record Facets(long total, List<CategoryCount> categories, List<PriceBand> bands) {}

    /**
     * One pass over the products matching the search and stock filters, grouped by category and by
     * price band; the FILTER clauses apply the other facet's condition.
     */
    private Facets facets(Filter filter, CategoryTree tree) {
        long unit = (long) Math.pow(10, Money.fractionDigits(properties.currency()));
        Map<UUID, Long> direct = new HashMap<>();
        long[] bandCounts = new long[BAND_BOUNDS.length];
        long[] total = {0};
        filter.bind(jdbc.sql(facetsSql(filter))).query(rs -> {
            if (rs.getInt("by_band") == 0) {
                UUID category = rs.getObject("category_id", UUID.class);
                if (category != null) {
                    direct.merge(category, rs.getLong("price_matches"), Long::sum);
                }
                total[0] += rs.getLong("both_match");
            } else {
                bandCounts[rs.getInt("band")] = rs.getLong("category_matches");
            }
        });
        List<PriceBand> bands = new ArrayList<>();
        for (int i = 0; i < BAND_BOUNDS.length; i++) {
            Money min = Money.ofMinor(BAND_BOUNDS[i] * unit, properties.currency());
            Money max =
                    i + 1 < BAND_BOUNDS.length ? Money.ofMinor(BAND_BOUNDS[i + 1] * unit, properties.currency()) : null;
            bands.add(new PriceBand(min, max, bandCounts[i]));
        }
        return new Facets(total[0], rolledUp(direct, tree), bands);
    }

    private String facetsSql(Filter filter) {
        int digits = Money.fractionDigits(properties.currency());
        long unit = (long) Math.pow(10, digits);
        StringBuilder band = new StringBuilder("case");
        for (int i = BAND_BOUNDS.length - 1; i > 0; i--) {
            band.append(" when p.min_price >= ")
                    .append(BAND_BOUNDS[i] * unit)
                    .append(" then ")
                    .append(i);
        }
        band.append(" else 0 end");
        return """
                select p.category_id, %1$s as band, grouping(p.category_id) as by_band,
                       count(*) filter (where %2$s) as price_matches,
                       count(*) filter (where %3$s) as category_matches,
                       count(*) filter (where %2$s and %3$s) as both_match
                from products p
                where %4$s
                group by grouping sets ((p.category_id), (%1$s))""".formatted(band, filter.price(), filter.category(), filter.base());
    }

    /** Adds each category's count to its ancestors, so a parent counts its whole subtree. */
    private static List<CategoryCount> rolledUp(Map<UUID, Long> direct, CategoryTree tree) {
        Map<UUID, Long> totals = new LinkedHashMap<>();
        direct.forEach((id, count) -> {
            for (Category category : tree.path(id)) {
                totals.merge(category.id(), count, Long::sum);
            }
        });
        return totals.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .map(e -> {
                    Category category = tree.byId(e.getKey()).orElseThrow();
                    String parent =
                            tree.byId(category.parentId()).map(Category::slug).orElse(null);
                    return new CategoryCount(category.slug(), category.name(), parent, e.getValue());
                })
                .sorted(Comparator.comparing(CategoryCount::count).reversed().thenComparing(CategoryCount::slug))
                .toList();
    }

    /** The WHERE clause parts of a query, split so facets can leave their own part out. */
    private static final class Filter {
        private final ProductQuery query;
        private final List<UUID> categoryIds;

        Filter(ProductQuery query, CategoryTree tree) {
            this.query = query;
            if (query.category() == null) {
                this.categoryIds = List.of();
            } else {
                Set<UUID> ids = tree.selfAndDescendants(
                        tree.bySlug(query.category()).orElseThrow().id());
                this.categoryIds = List.copyOf(ids);
            }
        }

        String base() {
            StringBuilder where = new StringBuilder("p.status = 'active'");
            if (query.inStock() != null) {
                where.append(query.inStock() ? " and p.in_stock" : " and not p.in_stock");
            }
            // Every word must match: as a word prefix anywhere, or (typos) by trigram similarity to a word of the name.
            for (int i = 0; i < query.terms().size(); i++) {
                where.append(" and (p.search_vector @@ to_tsquery('simple', :prefix%1$d) or :term%1$d <%% p.name)"
                        .formatted(i));
            }
            return where.toString();
        }

        String category() {
            return categoryIds.isEmpty() ? "true" : "p.category_id in (:categories)";
        }

        String price() {
            List<String> parts = new ArrayList<>();
            if (query.minPrice() != null) {
                parts.add("p.min_price >= :minPrice");
            }
            if (query.maxPrice() != null) {
                parts.add("p.min_price <= :maxPrice");
            }
            return parts.isEmpty() ? "true" : String.join(" and ", parts);
        }

        String all() {
            return base() + " and " + category() + " and " + price();
        }

        JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec) {
            if (query.hasSearch()) {
                spec = spec.param("tsq", query.tsQuery()).param("phrase", query.phrase());
                for (int i = 0; i < query.terms().size(); i++) {
                    spec = spec.param("prefix" + i, query.terms().get(i) + ":*")
                            .param("term" + i, query.terms().get(i));
                }
            }
            if (!categoryIds.isEmpty()) {
                spec = spec.param("categories", categoryIds);
            }
            if (query.minPrice() != null) {
                spec = spec.param("minPrice", query.minPrice());
            }
            if (query.maxPrice() != null) {
                spec = spec.param("maxPrice", query.maxPrice());
            }
            return spec;
        }
    }
}
