package app.dukkan.catalog.search;

import app.dukkan.catalog.ProductRatings.Rating;
import app.dukkan.catalog.category.Categories;
import app.dukkan.catalog.category.Category;
import app.dukkan.catalog.category.CategoryTree;
import app.dukkan.catalog.config.CatalogProperties;
import app.dukkan.catalog.search.ProductPage.CategoryCount;
import app.dukkan.catalog.search.ProductPage.PriceBand;
import app.dukkan.platform.Money;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Public product listing: full-text search on name and description with prefix matching and typo
 * tolerance ({@link SearchVocabulary}) in PostgreSQL; filters, facets, order and paging over the
 * in-memory {@link ListingIndex}; then the rows of the page, fetched by id. Every order ends with the
 * id, so pages never overlap.
 */
@Component
class ProductSearch {

    /** Lower bounds of the price bands, in major units; the last band is open-ended. */
    private static final long[] BAND_BOUNDS = {0, 25, 50, 100, 250, 500};

    private static final String ITEM_COLUMNS = """
            p.id, p.slug, p.name, p.category_id, p.min_price, p.max_price, p.currency, p.in_stock,
            r.average as rating_average, coalesce(r.count, 0) as rating_count, m.url as image_url, m.alt as image_alt, m.width as image_width, m.height as image_height,
            m.srcset as image_srcset""";

    /** The product's rating and first picture. */
    private static final String FIRST_IMAGE = """
            left join product_ratings r on r.product_id = p.id
            left join lateral (
                select url, alt, width, height,
                       (select string_agg((r ->> 'url') || ' ' || (r ->> 'width') || 'w', ', ' order by (r ->> 'width')::int) from jsonb_array_elements(pm.renditions) r) as srcset
                from product_media pm
                where pm.product_id = p.id order by pm.position, pm.id limit 1
            ) m on true""";

    private final JdbcClient jdbc;
    private final Categories categories;
    private final CatalogProperties properties;
    private final ListingIndex index;
    private final SearchVocabulary vocabulary;

    ProductSearch(
            JdbcClient jdbc,
            Categories categories,
            CatalogProperties properties,
            ListingIndex index,
            SearchVocabulary vocabulary) {
        this.jdbc = jdbc;
        this.categories = categories;
        this.properties = properties;
        this.index = index;
        this.vocabulary = vocabulary;
    }

    ProductPage search(ProductQuery query) {
        CategoryTree tree = categories.tree();
        ListingIndex.Columns columns = index.columns();
        Selection selection = select(query, tree, columns, matches(query, columns));
        List<ProductPage.Item> items =
                selection.page().length == 0 ? List.of() : items(selection.page(), columns, tree);
        int totalPages = (int) ((selection.total() + query.size() - 1) / query.size());
        return new ProductPage(
                items,
                query.page(),
                query.size(),
                selection.total(),
                totalPages,
                query.sort().code(),
                new ProductPage.Facets(
                        rolledUp(selection.categoryCounts(), columns, tree), bands(selection.bandCounts())));
    }

    /** EXPLAIN ANALYZE of the statements a listing runs, titled, for the documentation of query plans. */
    Map<String, String> explain(ProductQuery query) {
        Map<String, String> plans = new LinkedHashMap<>();
        ListingIndex.Columns columns = index.columns();
        if (query.hasSearch()) {
            Search search = statement(query);
            plans.put(
                    "Matches",
                    plan(jdbc.sql("explain (analyze, buffers) " + search.sql()).params(search.params())));
        }
        Selection selection = select(query, categories.tree(), columns, matches(query, columns));
        plans.put(
                "Page",
                plan(jdbc.sql("explain (analyze, buffers) " + itemsSql()).param(ids(selection.page(), columns))));
        return plans;
    }

    private static String plan(JdbcClient.StatementSpec statement) {
        return String.join("\n", statement.query(String.class).list());
    }

    /** The search's statement: every word matches as typed (a prefix) or as a word it may be a misspelling of. */
    private record Search(String sql, Map<String, Object> params) {}

    private Search statement(ProductQuery query) {
        List<List<String>> corrections = vocabulary.corrections(query.terms());
        List<String> words = new ArrayList<>();
        for (int i = 0; i < query.terms().size(); i++) {
            List<String> alternatives = new ArrayList<>();
            alternatives.add(query.terms().get(i) + ":*");
            corrections.get(i).forEach(word -> alternatives.add(word + ":*"));
            words.add("(" + String.join(" | ", alternatives) + ")");
        }
        Map<String, Object> params = Map.of("tsq", String.join(" & ", words), "typed", query.tsQuery());
        // products matching the words as typed rank above those found through a correction
        String rank = query.sort() == ProductQuery.Sort.RELEVANCE
                ? "ts_rank(p.search_vector, q.words) + case when p.search_vector @@ q.typed then 1 else 0 end"
                : "0";
        // The queries are parsed once, in the CTE: in a prepared statement's generic plan a
        // to_tsquery(parameter) in the select list is parsed again for every matching row.
        return new Search(
                "with q as materialized (select to_tsquery('simple', :tsq) as words,"
                        + " to_tsquery('simple', :typed) as typed)"
                        + " select p.id, " + rank + " as rank from q join products p on p.search_vector @@ q.words"
                        + " where p.status = 'active'",
                params);
    }

    /** Positions of the products a search finds and their ranks, in the same order. */
    private static final class Matches {

        private int[] positions = new int[256];
        private float[] ranks = new float[256];
        private int size;

        void add(int position, float rank) {
            if (size == positions.length) {
                positions = Arrays.copyOf(positions, size * 2);
                ranks = Arrays.copyOf(ranks, size * 2);
            }
            positions[size] = position;
            ranks[size++] = rank;
        }
    }

    /** The products the search words find; null when there is no search. */
    private @Nullable Matches matches(ProductQuery query, ListingIndex.Columns columns) {
        if (query.nothingToFind()) {
            return new Matches();
        }
        if (!query.hasSearch()) {
            return null;
        }
        Search search = statement(query);
        Matches matches = new Matches();
        jdbc.sql(search.sql()).params(search.params()).query(rs -> {
            // a product activated after the columns were read is listed once they are rebuilt
            int position = columns.positions().of(rs.getObject(1, UUID.class));
            if (position >= 0) {
                matches.add(position, rs.getFloat(2));
            }
        });
        return matches;
    }

    /**
     * The page's products and the counts of the listing: one pass over the candidates in the
     * listing's order. Each facet counts the products matching every filter but its own.
     */
    private record Selection(int[] page, long total, long[] categoryCounts, long[] bandCounts) {}

    private Selection select(ProductQuery query, CategoryTree tree, ListingIndex.Columns c, @Nullable Matches matches) {
        boolean[] inCategory = null;
        if (query.category() != null) {
            inCategory = new boolean[c.categories().size()];
            // checked when the request was read; renamed or deleted since, it holds nothing
            Optional<Category> category = tree.bySlug(query.category());
            for (UUID id :
                    category.map(found -> tree.selfAndDescendants(found.id())).orElse(Set.of())) {
                Integer number = c.categoryNumbers().get(id);
                if (number != null) {
                    inCategory[number] = true;
                }
            }
        }
        long offset = (long) query.page() * query.size();
        int[] page = new int[query.size()];
        int taken = 0;
        long total = 0;
        long[] categoryCounts = new long[c.categories().size()];
        long[] bandCounts = new long[BAND_BOUNDS.length];
        long[] bandFloors = bandFloors();
        Long min = query.minPrice();
        Long max = query.maxPrice();
        Boolean inStock = query.inStock();
        int minRating = query.minRating() == null ? 0 : query.minRating() * 10;
        for (int position : order(query, c, matches)) {
            if (inStock != null && c.inStock()[position] != inStock) {
                continue;
            }
            if (minRating > 0 && c.rating()[position] < minRating) {
                continue;
            }
            int category = c.category()[position];
            boolean categoryMatches =
                    inCategory == null || (category != ListingIndex.NO_CATEGORY && inCategory[category]);
            boolean priced = c.priced()[position];
            long price = c.minPrice()[position];
            boolean priceMatches =
                    (min == null || (priced && price >= min)) && (max == null || (priced && price <= max));
            if (priceMatches && category != ListingIndex.NO_CATEGORY) {
                categoryCounts[category]++;
            }
            if (categoryMatches) {
                bandCounts[priced ? band(price, bandFloors) : 0]++;
            }
            if (categoryMatches && priceMatches) {
                if (total >= offset && taken < page.length) {
                    page[taken++] = position;
                }
                total++;
            }
        }
        return new Selection(Arrays.copyOf(page, taken), total, categoryCounts, bandCounts);
    }

    /** Candidate positions in the listing's order; primitive sorts, as a search may match thousands. */
    private static int[] order(ProductQuery query, ListingIndex.Columns c, @Nullable Matches matches) {
        if (matches == null) {
            return switch (query.sort()) {
                case RELEVANCE, NEWEST -> IntStream.range(0, c.size()).toArray();
                case PRICE_ASC -> c.byPrice();
                case PRICE_DESC -> reversed(c.byPrice());
                case RATING -> c.byRating();
            };
        }
        int[] found = Arrays.copyOf(matches.positions, matches.size);
        return switch (query.sort()) {
            case RELEVANCE -> byRank(found, matches.ranks, c.size());
            case NEWEST -> {
                Arrays.sort(found);
                yield found;
            }
            case PRICE_ASC -> inOrder(found, c.byPrice(), c.priceRank());
            case PRICE_DESC -> reversed(inOrder(found, c.byPrice(), c.priceRank()));
            case RATING -> inOrder(found, c.byRating(), c.ratingRank());
        };
    }

    /** The positions sorted as in {@code order}, given each position's rank in it. */
    private static int[] inOrder(int[] positions, int[] order, int[] rank) {
        int[] ranks = new int[positions.length];
        for (int i = 0; i < positions.length; i++) {
            ranks[i] = rank[positions[i]];
        }
        Arrays.sort(ranks);
        int[] ordered = new int[positions.length];
        for (int i = 0; i < positions.length; i++) {
            ordered[i] = order[ranks[i]];
        }
        return ordered;
    }

    /**
     * Highest rank first, the newest first among equals. A non-negative float's bits order like the
     * float, so rank and position pack into one long that sorts both at once.
     */
    private static int[] byRank(int[] positions, float[] ranks, int size) {
        long[] keys = new long[positions.length];
        for (int i = 0; i < positions.length; i++) {
            keys[i] = ((long) Float.floatToIntBits(Math.max(ranks[i], 0f)) << 32) | (size - 1 - positions[i]);
        }
        Arrays.sort(keys);
        int[] ordered = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            ordered[i] = size - 1 - (int) keys[keys.length - 1 - i];
        }
        return ordered;
    }

    private static int[] reversed(int[] positions) {
        int[] reversed = new int[positions.length];
        for (int i = 0; i < positions.length; i++) {
            reversed[i] = positions[positions.length - 1 - i];
        }
        return reversed;
    }

    /** The band's lower bounds in minor units. */
    private long[] bandFloors() {
        long unit = (long) Math.pow(10, Money.fractionDigits(properties.currency()));
        long[] floors = new long[BAND_BOUNDS.length];
        for (int i = 0; i < floors.length; i++) {
            floors[i] = BAND_BOUNDS[i] * unit;
        }
        return floors;
    }

    private static int band(long price, long[] floors) {
        for (int i = floors.length - 1; i > 0; i--) {
            if (price >= floors[i]) {
                return i;
            }
        }
        return 0;
    }

    private List<PriceBand> bands(long[] counts) {
        long[] floors = bandFloors();
        List<PriceBand> bands = new ArrayList<>();
        for (int i = 0; i < floors.length; i++) {
            Money min = Money.ofMinor(floors[i], properties.currency());
            Money max = i + 1 < floors.length ? Money.ofMinor(floors[i + 1], properties.currency()) : null;
            bands.add(new PriceBand(min, max, counts[i]));
        }
        return bands;
    }

    private static UUID[] ids(int[] positions, ListingIndex.Columns columns) {
        UUID[] ids = new UUID[positions.length];
        for (int i = 0; i < positions.length; i++) {
            ids[i] = columns.ids()[positions[i]];
        }
        return ids;
    }

    /** The rows of the page, in the page's order; a product archived since the columns were read is left out. */
    private List<ProductPage.Item> items(int[] positions, ListingIndex.Columns columns, CategoryTree tree) {
        UUID[] ids = ids(positions, columns);
        Map<UUID, ProductPage.Item> rows = new HashMap<>();
        jdbc.sql(itemsSql()).param(ids).query(itemMapper(tree)).list().forEach(item -> rows.put(item.id(), item));
        return Arrays.stream(ids).map(rows::get).filter(Objects::nonNull).toList();
    }

    private static String itemsSql() {
        return "select " + ITEM_COLUMNS + " from products p " + FIRST_IMAGE
                // one array parameter: the same statement for every page size, prepared once per connection
                + " where p.id = any(?) and p.status = 'active'";
    }

    /**
     * Active products by another selection than a listing's (the home page's sections): {@code
     * selection} is a statement answering {@code id} and {@code position} of the products in order;
     * each comes with what a listing shows of it.
     */
    List<ProductPage.Item> itemsSelectedBy(String selection, Map<String, ?> params) {
        return jdbc.sql("select " + ITEM_COLUMNS + " from (" + selection + ") s"
                        + " join products p on p.id = s.id and p.status = 'active' " + FIRST_IMAGE
                        + " order by s.position")
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
            int reviews = rs.getInt("rating_count");
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
                                    rs.getObject("image_height", Integer.class),
                                    ProductPage.Image.srcset(
                                            imageUrl,
                                            rs.getObject("image_width", Integer.class),
                                            rs.getString("image_srcset"))),
                    reviews == 0 ? Rating.NONE : new Rating(rs.getBigDecimal("rating_average"), reviews));
        };
    }

    /** Adds each category's count to its ancestors, so a parent counts its whole subtree. */
    private static List<CategoryCount> rolledUp(long[] direct, ListingIndex.Columns columns, CategoryTree tree) {
        Map<UUID, Long> totals = new LinkedHashMap<>();
        for (int number = 0; number < direct.length; number++) {
            long count = direct[number];
            if (count > 0) {
                for (Category category : tree.path(columns.categories().get(number))) {
                    totals.merge(category.id(), count, Long::sum);
                }
            }
        }
        return totals.entrySet().stream()
                .map(e -> {
                    Category category = tree.byId(e.getKey()).orElseThrow();
                    String parent =
                            tree.byId(category.parentId()).map(Category::slug).orElse(null);
                    return new CategoryCount(category.slug(), category.name(), parent, e.getValue());
                })
                .sorted(Comparator.comparing(CategoryCount::count).reversed().thenComparing(CategoryCount::slug))
                .toList();
    }
}
