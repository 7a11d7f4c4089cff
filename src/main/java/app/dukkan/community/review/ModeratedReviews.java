package app.dukkan.community.review;

import app.dukkan.catalog.ProductCards;
import app.dukkan.identity.UserId;
import app.dukkan.moderation.ContentKind;
import app.dukkan.moderation.ContentRef;
import app.dukkan.moderation.ModeratedContent;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Reviews as moderation sees and acts on them; hiding, restoring and removing update the summary. */
@Component
class ModeratedReviews implements ModeratedContent {

    private static final int EXCERPT = 200;

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
        UUID id;
        try {
            id = UUID.fromString(key);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return reviews.find(id)
                .filter(row -> !row.status().equals(ReviewService.DELETED))
                .map(row -> new Summary(
                        new ContentRef(ContentKind.REVIEW, row.id()),
                        new UserId(row.authorId()),
                        excerpt(row),
                        path(row),
                        switch (row.status()) {
                            case ReviewService.VISIBLE -> State.VISIBLE;
                            case ReviewService.HIDDEN -> State.HIDDEN;
                            default -> State.REMOVED;
                        }));
    }

    @Override
    public void hide(UUID id) {
        reviews.moderate(id, List.of(ReviewService.VISIBLE), ReviewService.HIDDEN);
    }

    @Override
    public void restore(UUID id) {
        reviews.moderate(id, List.of(ReviewService.HIDDEN), ReviewService.VISIBLE);
    }

    @Override
    public void remove(UUID id) {
        reviews.moderate(id, List.of(ReviewService.VISIBLE, ReviewService.HIDDEN), ReviewService.REMOVED);
    }

    private static String excerpt(ReviewRepository.Row row) {
        String text = "★".repeat(row.rating()) + " " + (row.title() == null ? "" : row.title() + " — ") + row.body();
        return text.length() > EXCERPT ? text.substring(0, EXCERPT) + "…" : text;
    }

    /** The product's reviews page, or the products when the product is no longer on sale. */
    private String path(ReviewRepository.Row row) {
        return cards.byIds(List.of(row.productId())).stream()
                .findFirst()
                .map(card -> "/products/" + card.card().slug() + "/reviews#review-" + row.id())
                .orElse("/products");
    }
}
