package app.dukkan.catalog.search;

import app.dukkan.catalog.ShopCatalog.Issue;
import app.dukkan.catalog.ShopCatalog.ListingRequest;
import app.dukkan.catalog.config.CatalogCache;
import app.dukkan.catalog.config.CatalogChanges;
import app.dukkan.catalog.config.CatalogProperties;
import app.dukkan.catalog.product.ProductDetail;
import app.dukkan.catalog.product.ProductDetails;
import app.dukkan.platform.ProblemException;
import app.dukkan.platform.TextInput;
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

    private final ProductSearch search;
    private final ProductDetails details;
    private final ListingQueries queries;
    private final JsonMapper json;
    /** Cached as serialized JSON: hot reads then cost neither a query nor serialization. */
    private final CatalogCache<ProductQuery, byte[]> listings;
    /** Serialized detail, or an empty array for a slug that has no active product. */
    private final CatalogCache<String, byte[]> products;

    ProductController(
            ProductSearch search,
            ProductDetails details,
            ListingQueries queries,
            CatalogProperties properties,
            CatalogChanges changes,
            JsonMapper json,
            MeterRegistry registry) {
        this.json = json;
        this.search = search;
        this.details = details;
        this.queries = queries;
        this.listings = new CatalogCache<>(
                "catalog.listings",
                properties.listingCacheSize(),
                properties.listingCacheBytes().toBytes(),
                page -> page.length,
                changes,
                registry);
        this.products = new CatalogCache<>("catalog.products", properties.detailCacheSize(), changes, registry);
        // Stock moves at checkout volume: drop only the details it touched, and listings (which show
        // only whether a product is in stock) only when a product sold out or came back.
        changes.onStockChange(change -> {
            change.slugs().forEach(products::invalidate);
            if (change.listings()) {
                listings.invalidateAll();
            }
        });
        // a rating shows in the product's detail and orders and filters listings
        changes.onRatingChange(slug -> {
            products.invalidate(slug);
            listings.invalidateAll();
        });
    }

    @GetMapping(path = "/api/v1/products", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "List and search active products",
            description = "Full-text search over names and descriptions with prefix matching and typo tolerance"
                    + " (one typo in words of 5–8 letters, two in longer ones); filters combine with AND. Facets count categories (including sub-categories) and"
                    + " price bands. Ordering is stable across pages: every sort ends with the product id. Prices"
                    + " of a product are the min/max of its active variants; price filters apply to the min.")
    @ApiResponse(
            responseCode = "200",
            description = "One page of products with facets",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProductPage.class)))
    ResponseEntity<byte[]> list(
            @Parameter(
                            description = "Words to look for (up to 8 words, 1,000 characters); anything but letters"
                                    + " and digits separates words. A word of 5–8 letters may have one typo, of 9 or"
                                    + " more two. Text without a letter or digit finds nothing.")
                    @RequestParam(required = false)
                    @Nullable
                    @Size(max = 1000)
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
            @Parameter(description = "Lowest average rating in stars, 1 to 5; products without reviews are left out")
                    @RequestParam(required = false)
                    @Nullable
                    Integer rating,
            @Parameter(
                            description = "relevance (default with a search), newest (default otherwise), price_asc,"
                                    + " price_desc, rating (best average first, then most reviews)")
                    @RequestParam(required = false)
                    @Nullable
                    String sort,
            @Parameter(description = "Zero-based page number") @RequestParam(defaultValue = "0") @Min(0) @Max(10000)
                    int page,
            @Parameter(description = "Page size, 1 to 100") @RequestParam(defaultValue = "20") @Min(1) @Max(100)
                    int size) {
        ListingQueries.Parsed parsed = queries.parse(
                new ListingRequest(search, category, minPrice, maxPrice, inStock, rating, sort, page, size));
        if (!parsed.issues().isEmpty()) {
            Issue first = parsed.issues().get(0);
            throw ProblemException.invalid(first.field(), first.message());
        }
        ProductQuery query = parsed.query();
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
            throw ProblemException.notFound("product", TextInput.abbreviate(slug, 121));
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
}
