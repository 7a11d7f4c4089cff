package app.dukkan.community.review;

import app.dukkan.community.profile.MemberShownChanged;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A product page shows its reviews with their authors' names and avatars and is kept drawn until
 * the product changes: when what a member shows changes (renamed, or moderation hid their profile),
 * every product they reviewed is reported again, which draws its page anew.
 */
@Component
class ReviewerShown {

    private final ReviewService reviews;
    private final ReviewRepository repository;
    private final JdbcClient jdbc;
    private final Clock clock;

    ReviewerShown(ReviewService reviews, ReviewRepository repository, JdbcClient jdbc, Clock clock) {
        this.reviews = reviews;
        this.repository = repository;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @EventListener
    @Transactional
    public void on(MemberShownChanged changed) {
        Instant now = clock.instant();
        jdbc
                .sql("select distinct product_id from community_reviews where author_id = ? and status = 'visible'")
                .param(changed.member())
                .query(UUID.class)
                .list()
                .stream()
                .sorted()
                .forEach(product -> {
                    // the summary's lock first, as every change of a product's reviews takes it
                    repository.lockSummary(product, now);
                    reviews.recount(product, now);
                });
    }
}
