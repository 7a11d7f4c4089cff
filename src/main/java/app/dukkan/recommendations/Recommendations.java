package app.dukkan.recommendations;

import app.dukkan.catalog.ShopCatalog.ProductCard;
import app.dukkan.identity.UserId;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Products to show next to a product or on the home page. Only active products, never the product
 * itself, each at most once. The caller checks the flag {@code recommendations}.
 */
public interface Recommendations {

    /** Largest number of recommendations one call answers. */
    int MAX_LIMIT = 24;

    /** Why a product is recommended; the order of the constants is the order of preference. */
    enum Reason {
        /** Bought in the same paid orders as the product (or the shopper's recently viewed products). */
        BOUGHT_TOGETHER,
        /** Of the same category. */
        SAME_CATEGORY,
        /** Units sold in paid orders of the last 30 days. */
        POPULAR
    }

    record Recommended(ProductCard product, Reason reason) {}

    /**
     * For a product page: bought together, by the number of paid orders that had both, then the same
     * category (in stock first), then popular (in stock first).
     */
    List<Recommended> forProduct(UUID productId, int limit);

    /**
     * For the home page: with a user, bought together with the products the user looked at last, then
     * their categories; then popular for everybody. Never a product the user looked at recently.
     */
    List<Recommended> forHome(@Nullable UserId user, int limit);
}
