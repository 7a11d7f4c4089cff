package app.dukkan.catalog.search;

import app.dukkan.catalog.category.Categories;
import app.dukkan.catalog.config.CatalogCache;
import app.dukkan.catalog.config.CatalogChanges;
import app.dukkan.catalog.config.CatalogProperties;
import app.dukkan.catalog.product.ProductDetail;
import app.dukkan.catalog.product.ProductDetails;
import app.dukkan.platform.Money;
import app.dukkan.platform.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

@RestController
@Tag(name = "Catalog")
class ProductController {

    /** Letters, digits, spaces and the punctuation found in product names; no SQL or LIKE syntax. */
    private static final Pattern SEARCH_CHARACTERS = Pattern.compile("^[\\p{L}\\p{N}\\s\\-'.,&+/#]*$");

    private static final Pattern WORD_SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final int MAX_TERMS = 8;

    private final ProductSearch search;
    private final ProductDetails details;
    private final Categories categories;
    private final CatalogProperties properties;
    private final JsonMapper json;
    /** Cached as serialized JSON: hot reads then cost neither a query nor serialization. */
    private final CatalogCache<ProductQuery, byte[]> listings;
    /** Serialized detail, or an empty array for a slug that has no active product. */
    private final CatalogCache<String, byte[]> products;

    ProductController(
            ProductSearch search,
            ProductDetails details,
            Categories categories,
            CatalogProperties properties,
            CatalogChanges changes,
            JsonMapper json,
            MeterRegistry registry) {
        this.json = json;
        this.search = search;
        this.details = details;
        this.categories = categories;
        this.properties = properties;
        this.listings = new CatalogCache<>("catalog.listings", properties.listingCacheSize(), changes, registry);
        this.products = new CatalogCache<>("catalog.products", properties.detailCacheSize(), changes, registry);
        // Stock moves at checkout volume: drop only the details it touched, and listings (which show
        // only whether a product is in stock) only when a product sold out or came back.
        changes.onStockChange(change -> {
            change.slugs().forEach(products::invalidate);
            if (change.listings()) {
                listings.invalidateAll();
            }
        });
    }

    @GetMapping(path = "/api/v1/products", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "List and search active products",
            description = "Full-text search over names and descriptions with prefix matching and typo tolerance on"
                    + " names; filters combine with AND. Facets count categories (including sub-categories) and"
                    + " price bands. Ordering is stable across pages: every sort ends with the product id. Prices"
                    + " of a product are the min/max of its active variants; price filters apply to the min.")
    @ApiResponse(
            responseCode = "200",
            description = "One page of products with facets",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProductPage.class)))
    ResponseEntity<byte[]> list(
            @Parameter(description = "Words to look for; letters, digits, spaces and - ' . , & + / #")
                    @RequestParam(required = false)
                    @Nullable
                    @Size(max = 100)
                    String search,
            @Parameter(description = "Category slug; includes its sub-categories")
                    @RequestParam(required = false)
                    @Nullable
                    @Size(max = 120)
                    String category,
            @Parameter(description = "Lowest price, in major units (e.g. 9.99)")
                    @RequestParam(name = "min_price", required = false)
                    @Nullable
                    BigDecimal minPrice,
            @Parameter(description = "Highest price, in major units")
                    @RequestParam(name = "max_price", required = false)
                    @Nullable
                    BigDecimal maxPrice,
            @Parameter(description = "true: only products with stock; false: only sold-out ones")
                    @RequestParam(name = "in_stock", required = false)
                    @Nullable
                    Boolean inStock,
            @Parameter(
                            description =
                                    "relevance (default with a search), newest (default otherwise), price_asc, price_desc")
                    @RequestParam(required = false)
                    @Nullable
                    String sort,
            @Parameter(description = "Zero-based page number") @RequestParam(defaultValue = "0") @Min(0) @Max(10000)
                    int page,
            @Parameter(description = "Page size, 1 to 100") @RequestParam(defaultValue = "20") @Min(1) @Max(100)
                    int size) {
        List<String> terms = terms(search);
        if (category != null) {
            categories.require("category", category);
        }
        Long min = minorUnits("min_price", minPrice);
        Long max = minorUnits("max_price", maxPrice);
        if (min != null && max != null && min > max) {
            throw ProblemException.invalid("max_price", "must not be below min_price");
        }
        ProductQuery.Sort order = sort(sort, !terms.isEmpty());
        ProductQuery query = new ProductQuery(terms, category, min, max, inStock, order, page, size);
        return jsonResponse(listings.get(query, q -> json.writeValueAsBytes(this.search.search(q))));
    }

    @GetMapping(path = "/api/v1/products/{slug}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "An active product with its variants and media",
            description = "404 for unknown, draft and archived products.")
    @ApiResponse(
            responseCode = "200",
            description = "The product",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProductDetail.class)))
    ResponseEntity<byte[]> detail(@PathVariable String slug) {
        if (slug.length() > 120) {
            throw ProblemException.notFound("product", slug.substring(0, 120) + "…");
        }
        byte[] body = products.get(
                slug,
                key -> details.activeBySlug(key).map(json::writeValueAsBytes).orElse(new byte[0]));
        if (body.length == 0) {
            throw ProblemException.notFound("product", slug);
        }
        return jsonResponse(body);
    }

    private static ResponseEntity<byte[]> jsonResponse(byte[] body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private static List<String> terms(@Nullable String search) {
        if (search == null || search.isBlank()) {
            return List.of();
        }
        if (!SEARCH_CHARACTERS.matcher(search).matches()) {
            throw ProblemException.invalid("search", "may contain only letters, digits, spaces and - ' . , & + / #");
        }
        List<String> terms = Arrays.stream(WORD_SEPARATORS.split(search.toLowerCase(Locale.ROOT)))
                .filter(term -> !term.isEmpty())
                .map(term -> term.length() > 40 ? term.substring(0, 40) : term)
                .distinct()
                .limit(MAX_TERMS)
                .toList();
        if (terms.isEmpty()) {
            throw ProblemException.invalid("search", "must contain a letter or digit");
        }
        return terms;
    }

    private @Nullable Long minorUnits(String field, @Nullable BigDecimal amount) {
        if (amount == null) {
            return null;
        }
        if (amount.signum() < 0) {
            throw ProblemException.invalid(field, "must not be negative");
        }
        if (amount.compareTo(BigDecimal.valueOf(properties.maxPriceMajor())) > 0) {
            throw ProblemException.invalid(field, "must be at most " + properties.maxPriceMajor());
        }
        try {
            return Money.of(amount, properties.currency()).minor();
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field, e.getMessage());
        }
    }

    private static ProductQuery.Sort sort(@Nullable String sort, boolean searching) {
        if (sort == null || sort.isBlank()) {
            return searching ? ProductQuery.Sort.RELEVANCE : ProductQuery.Sort.NEWEST;
        }
        for (ProductQuery.Sort candidate : ProductQuery.Sort.values()) {
            if (candidate.code().equals(sort)) {
                return candidate;
            }
        }
        throw ProblemException.invalid("sort", "must be one of relevance, newest, price_asc, price_desc");
    }
}
