package app.dukkan.community.review;

import app.dukkan.catalog.ProductCards;
import app.dukkan.identity.UserId;
import app.dukkan.moderation.ContentKind;
import app.dukkan.moderation.ContentRef;
import app.dukkan.moderation.ModeratedContent;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Reviews as moderation sees and acts on them; hiding, restoring and removing update the summary. */
@Component
class ModeratedReviews implements ModeratedContent {

    private final ReviewService reviews;
    private final ProductCards cards;

    ModeratedReviews(ReviewService reviews, ProductCards cards) {
        this.reviews = reviews;
        this.cards = cards;
    }

    @Override
    public ContentKind kind() {
        return ContentKind.REVIEW;
    }

    @Override
    public Optional<Summary> find(String key) {
        return ModeratedContent.id(key).flatMap(reviews::find).flatMap(this::summary);
    }

    @Override
    public Optional<Summary> lock(UUID id) {
        return reviews.lock(id).flatMap(this::summary);
    }

    private Optional<Summary> summary(ReviewRepository.Row row) {
        return Optional.of(row)
                .filter(review -> !review.status().equals(ReviewService.DELETED))
                .map(review -> new Summary(
                        new ContentRef(ContentKind.REVIEW, review.id()),
                        new UserId(review.authorId()),
                        ModeratedContent.excerpt("★".repeat(review.rating()) + " "
                                + (review.title() == null ? "" : review.title() + " — ") + review.body()),
                        path(review),
                        State.of(review.status())));
    }

    @Override
    public boolean move(UUID id, Set<State> from, State to) {
        return reviews.moderate(id, State.codes(from), to.code()).isPresent();
    }

    /** The product's reviews page, or the products when the product is no longer on sale. */
    private String path(ReviewRepository.Row row) {
        return cards.byIds(List.of(row.productId())).stream()
                .findFirst()
                .map(card -> "/products/" + card.card().slug() + "/reviews#review-" + row.id())
                .orElse("/products");
    }
}
