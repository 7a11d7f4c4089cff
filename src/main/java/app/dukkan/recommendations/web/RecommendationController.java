package app.dukkan.recommendations.web;

import app.dukkan.catalog.ShopCatalog;
import app.dukkan.catalog.ShopCatalog.ProductCard;
import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.identity.CurrentUser;
import app.dukkan.platform.Feature;
import app.dukkan.platform.FeatureFlags;
import app.dukkan.platform.Money;
import app.dukkan.platform.ProblemException;
import app.dukkan.recommendations.Recommendations;
import app.dukkan.recommendations.Recommendations.Recommended;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@Tag(name = "Recommendations", description = "Products to show next to a product or on the home page")
class RecommendationController {

    /** A product as listings show it, and why it is recommended. */
    record Recommendation(
            String slug,
            String name,
            ShopCatalog.@Nullable CategoryLink category,
            @Nullable PriceRange price,
            boolean inStock,
            ShopCatalog.@Nullable Image image,
            String reason) {

        static Recommendation of(Recommended recommended) {
            ProductCard card = recommended.product();
            return new Recommendation(
                    card.slug(),
                    card.name(),
                    card.category(),
                    card.minPrice() == null || card.maxPrice() == null
                            ? null
                            : new PriceRange(card.minPrice(), card.maxPrice()),
                    card.inStock(),
                    card.image(),
                    recommended.reason().name().toLowerCase(Locale.ROOT));
        }
    }

    record PriceRange(Money min, Money max) {}

    record RecommendationList(List<Recommendation> items) {}

    private final Recommendations recommendations;
    private final ShopCatalog catalog;
    private final CurrentUser currentUser;
    private final FeatureFlags flags;

    RecommendationController(
            Recommendations recommendations, ShopCatalog catalog, CurrentUser currentUser, FeatureFlags flags) {
        this.recommendations = recommendations;
        this.catalog = catalog;
        this.currentUser = currentUser;
        this.flags = flags;
    }

    @GetMapping(path = "/api/v1/recommendations", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Recommend products",
            description = "With `product`: products bought in the same paid orders as it (by the number of such"
                    + " orders), then of its category (in stock first), then the most sold in the last 30 days."
                    + " Without: the home page's products, related to what a signed-in caller viewed last, then the"
                    + " most sold. Only active products, each once, never the product itself; `reason` says why"
                    + " (`bought_together`, `same_category`, `popular`). Answers 404 while the shop's flag"
                    + " `recommendations` is off.")
    @ApiResponse(responseCode = "200", description = "The recommendations, best first; possibly none")
    @ApiResponse(responseCode = "400", description = "A limit outside 1 to 24")
    @ApiResponse(responseCode = "404", description = "No active product with this slug, or the feature is off")
    RecommendationList recommendations(
            @Parameter(description = "Slug of an active product") @RequestParam(required = false) @Nullable
                    String product,
            @Parameter(description = "How many, 1 to 24")
                    @RequestParam(defaultValue = "8")
                    @Min(1)
                    @Max(Recommendations.MAX_LIMIT)
                    int limit) {
        if (!flags.isOn(Feature.RECOMMENDATIONS)) {
            throw ProblemException.notFound("resource", "/api/v1/recommendations");
        }
        List<Recommended> found;
        if (product == null) {
            found = recommendations.forHome(
                    currentUser.get().map(AuthenticatedUser::id).orElse(null), limit);
        } else {
            ShopCatalog.Product shown = catalog.product(product)
                    .orElseThrow(() -> ProblemException.notFound(
                            "product", product.length() > 40 ? product.substring(0, 40) + "…" : product));
            found = recommendations.forProduct(shown.id(), limit);
        }
        return new RecommendationList(found.stream().map(Recommendation::of).toList());
    }
}
