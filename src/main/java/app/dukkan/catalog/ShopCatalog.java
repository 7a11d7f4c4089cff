package app.dukkan.catalog;

import app.dukkan.catalog.ProductRatings.Rating;
import app.dukkan.platform.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The catalog as the shop's pages show it: listings with facets, product pages, the category tree,
 * the home page's sections and search suggestions. Only active products and active variants are
 * ever shown; drafts and archived products do not exist here. Reads are served from the same
 * caches as the JSON API and follow catalog changes on every instance.
 */
public interface ShopCatalog {

    /** Largest page size a listing serves. */
    int MAX_PAGE_SIZE = 100;

    /** Highest page number a listing serves (zero-based), as the JSON API. */
    int MAX_PAGE = 10_000;

    /**
     * One page of a listing. Unlike the JSON API, which refuses a bad request, a listing leaves out
     * each filter it cannot use and names it in {@link Listing#issues()}, so a page can show the
     * results and say what it ignored.
     */
    Listing listing(ListingRequest request);

    /** An active product with its active variants, or empty for unknown, draft and archived ones. */
    Optional<Product> product(String slug);

    /** Root categories in display order, each with its children. */
    List<CategoryNode> categories();

    /** The category with its path from the root (breadcrumbs) and its children, or empty. */
    Optional<CategoryPage> category(String slug);

    /** Products an admin featured, most recently changed first; empty when none is. */
    List<ProductCard> featured(int limit);

    /** The best-selling products that are in stock, by units sold; empty before the first sale. */
    List<ProductCard> popular(int limit);

    /**
     * What to suggest while a shopper types into the search box: categories whose name has a word
     * starting with the text, and the best matches of the product search for it. Text the search
     * cannot use gives no suggestions.
     */
    Suggestions suggest(String text, int limit);

    /**
     * A listing request as a page's URL carries it; every field may be absent.
     *
     * @param minPrice lowest from-price in major units
     * @param maxPrice highest from-price in major units
     * @param rating lowest average rating in stars, 1 to 5; products without reviews are left out
     * @param sort {@code relevance}, {@code newest}, {@code price_asc}, {@code price_desc} or {@code
     *     rating} (best rated first); absent: relevance with a search, newest without
     * @param page zero-based
     */
    record ListingRequest(
            @Nullable String search,
            @Nullable String category,
            @Nullable BigDecimal minPrice,
            @Nullable BigDecimal maxPrice,
            @Nullable Boolean inStock,
            @Nullable Integer rating,
            @Nullable String sort,
            int page,
            int size) {

        /** A request without a rating filter. */
        public ListingRequest(
                @Nullable String search,
                @Nullable String category,
                @Nullable BigDecimal minPrice,
                @Nullable BigDecimal maxPrice,
                @Nullable Boolean inStock,
                @Nullable String sort,
                int page,
                int size) {
            this(search, category, minPrice, maxPrice, inStock, null, sort, page, size);
        }

        public static ListingRequest all(int size) {
            return new ListingRequest(null, null, null, null, null, null, 0, size);
        }
    }

    /**
     * A filter the listing left out. {@code field} is the request's name for it ({@code search},
     * {@code category}, {@code min_price}, {@code max_price}, {@code rating}, {@code sort}, {@code
     * page}, {@code size}); {@code message} is English for logs and the API.
     */
    record Issue(String field, IssueKind kind, String message) {}

    enum IssueKind {
        /** The search text is longer than searches are read. */
        SEARCH_TEXT,
        UNKNOWN_CATEGORY,
        /** Negative, too many decimals or digits. */
        PRICE_FORMAT,
        PRICE_TOO_HIGH,
        /** The highest price is below the lowest; both were left out. */
        PRICE_RANGE,
        /** A rating filter outside 1 to 5. */
        RATING_RANGE,
        UNKNOWN_SORT,
        /** Below zero or above {@link #MAX_PAGE}: the first page was served. */
        PAGE_RANGE,
        /** Outside 1 to {@link #MAX_PAGE_SIZE}: the nearest size was served. */
        SIZE_RANGE
    }

    /**
     * What was listed: the filters actually applied (after leaving out the unusable ones) and the
     * page of results.
     *
     * @param search the search words as applied, lower-cased and joined by spaces; null for none
     * @param sort the applied order's code
     * @param totalPages 0 when nothing matches; {@code page} may be beyond it (an empty page)
     */
    record Listing(
            @Nullable String search,
            @Nullable String category,
            @Nullable BigDecimal minPrice,
            @Nullable BigDecimal maxPrice,
            @Nullable Boolean inStock,
            @Nullable Integer rating,
            String sort,
            int page,
            int size,
            long total,
            int totalPages,
            List<ProductCard> items,
            List<CategoryFacet> categoryFacets,
            List<PriceFacet> priceFacets,
            List<Issue> issues) {

        public boolean filtered() {
            return search != null
                    || category != null
                    || minPrice != null
                    || maxPrice != null
                    || inStock != null
                    || rating != null;
        }
    }

    /** A product as a listing or a home page section shows it. */
    record ProductCard(
            String slug,
            String name,
            @Nullable CategoryLink category,
            @Nullable Money minPrice,
            @Nullable Money maxPrice,
            boolean inStock,
            @Nullable Image image,
            Rating rating) {}

    /**
     * A picture; width and height in pixels when known; {@code srcset} its renditions for the
     * pages' {@code srcset} attribute (an uploaded picture's widths, or the picture alone at its
     * known width), null when nothing is known of its size.
     */
    record Image(
            String url,
            String alt,
            @Nullable Integer width,
            @Nullable Integer height,
            @Nullable String srcset) {}

    record CategoryLink(String slug, String name) {}

    /** Products in the category or below it that match every filter but the category. */
    record CategoryFacet(String slug, String name, @Nullable String parent, long count) {}

    /**
     * Products whose from-price is at least {@code min} and below {@code max} (open above when
     * absent) that match every filter but the price.
     */
    record PriceFacet(Money min, @Nullable Money max, long count) {}

    record CategoryNode(String slug, String name, List<CategoryNode> children) {}

    /** A category with its path from the root (ending with itself) and its children. */
    record CategoryPage(String slug, String name, List<CategoryLink> path, List<CategoryLink> children) {}

    /**
     * A product page's content.
     *
     * @param breadcrumbs the category path from the root, ending with the product's category
     * @param updatedAt when the product, its variants or media last changed (not its stock)
     * @param rating its visible reviews' average and count; a new instance whenever they change
     */
    record Product(
            UUID id,
            String slug,
            String name,
            String description,
            Map<String, Object> attributes,
            @Nullable CategoryLink category,
            List<CategoryLink> breadcrumbs,
            @Nullable Money minPrice,
            @Nullable Money maxPrice,
            boolean inStock,
            List<Variant> variants,
            List<Image> images,
            Instant updatedAt,
            Rating rating) {

        public Optional<Variant> variant(UUID id) {
            return variants.stream().filter(v -> v.id().equals(id)).findFirst();
        }
    }

    /** An active variant; {@code available} is what can be bought now (on hand − reserved). */
    record Variant(UUID id, String sku, String name, Map<String, Object> attributes, Money price, int available) {

        public boolean inStock() {
            return available > 0;
        }

        /** What the variant is called to buyers: its name, else its attribute values, else its SKU. */
        public String label() {
            if (!name.isBlank()) {
                return name;
            }
            if (!attributes.isEmpty()) {
                return String.join(
                        " / ", attributes.values().stream().map(String::valueOf).toList());
            }
            return sku;
        }
    }

    record Suggestions(List<CategoryLink> categories, List<ProductLink> products) {

        public boolean isEmpty() {
            return categories.isEmpty() && products.isEmpty();
        }
    }

    record ProductLink(String slug, String name) {}
}
