package app.dukkan.community.review;

import app.dukkan.community.profile.ErasureMode;
import app.dukkan.privacy.DataSubject;
import app.dukkan.privacy.ExportRows;
import app.dukkan.privacy.PersonalData;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A member's product reviews, deleted ones too (their text stays in the row). An erasure, by {@link
 * ErasureMode}, deletes them (text erased, the products' ratings counted again without them) or
 * keeps them; any review naming the member loses their email, phone and name.
 */
@Component
class ReviewPersonalData implements PersonalData {

    private final ReviewRepository repository;
    private final ReviewService reviews;
    private final JdbcClient jdbc;
    private final ExportRows rows;
    private final ErasureMode mode;
    private final Clock clock;

    ReviewPersonalData(
            ReviewRepository repository,
            ReviewService reviews,
            JdbcClient jdbc,
            ExportRows rows,
            @Value(ErasureMode.PROPERTY) ErasureMode mode,
            Clock clock) {
        this.repository = repository;
        this.reviews = reviews;
        this.jdbc = jdbc;
        this.rows = rows;
        this.mode = mode;
        this.clock = clock;
    }

    @Override
    public String part() {
        return "community-reviews";
    }

    @Override
    public Object export(DataSubject subject) {
        if (subject.userId() == null) {
            return List.of();
        }
        return rows.rows("""
                select id, product_id, rating, title, body, status, created_at, updated_at, edited_at
                from community_reviews where author_id = :user order by id""", subject.parameters());
    }

    @Override
    @Transactional
    public void erase(DataSubject subject) {
        Map<String, Object> params = subject.parameters();
        Instant now = clock.instant();
        // every product whose reviews change is counted again, which also gives the catalog a new
        // product: its cached pages (reviews with their authors' names) are rendered anew everywhere
        List<UUID> products = jdbc.sql("""
                        select product_id from community_reviews where author_id = :user
                        union
                        select product_id from community_reviews
                        where lower(coalesce(title, '') || ' ' || body) ~ lower(:pattern)
                        order by product_id""").params(params).query(UUID.class).list();
        if (products.isEmpty()) {
            return;
        }
        // summaries locked in product order, as every review change locks them
        products.forEach(product -> repository.lockSummary(product, now));
        // any review naming the member (theirs when kept) loses it, found by V57's trigram index
        jdbc.sql("""
                        update community_reviews
                        set title = left(regexp_replace(title, :pattern, '[erased]', 'gi'), 120),
                            body = left(regexp_replace(body, :pattern, '[erased]', 'gi'), 5000)
                        where lower(coalesce(title, '') || ' ' || body) ~ lower(:pattern)""").params(params).update();
        if (mode == ErasureMode.DELETE && subject.userId() != null) {
            jdbc.sql("""
                            update community_reviews set title = null, body = '[erased]', status = 'deleted'
                            where author_id = :user""").params(params).update();
        }
        products.forEach(product -> reviews.recount(product, now));
    }
}
