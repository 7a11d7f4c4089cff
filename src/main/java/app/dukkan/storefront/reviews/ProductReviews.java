package app.dukkan.storefront.reviews;

import app.dukkan.community.RatingSummary;
import app.dukkan.community.Reviews;
import app.dukkan.community.Reviews.Review;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * What a product page shows of its reviews: the summary and the latest visible ones. Read when the
 * page is rendered; the page cache renders it again whenever the catalog hands out a new product,
 * which it does after every change of the product's reviews (they are recorded as its rating).
 */
@Component
public class ProductReviews {

    /** Latest reviews on a product page. */
    static final int LATEST = 5;

    public record Shown(RatingSummary summary, List<Review> latest) {}

    private final Reviews reviews;

    ProductReviews(Reviews reviews) {
        this.reviews = reviews;
    }

    public Shown of(UUID productId) {
        return new Shown(
                reviews.summary(productId),
                reviews.forProduct(productId, null, Reviews.Sort.NEWEST, null, LATEST, null)
                        .items());
    }
}
