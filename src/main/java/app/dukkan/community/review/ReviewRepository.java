package app.dukkan.community.review;

import app.dukkan.community.Reviews.Sort;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code community_reviews} and {@code community_review_summaries} tables. */
@Repository
class ReviewRepository {

    /** A stored review. */
    record Row(
            UUID id,
            UUID productId,
            UUID authorId,
            int rating,
            @Nullable String title,
            String body,
            String status,
            Instant createdAt,
            @Nullable Instant editedAt) {}

    private static final String COLUMNS =
            "id, product_id, author_id, rating, title, body, status, created_at, edited_at";

    private final JdbcClient jdbc;

    ReviewRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Row> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from community_reviews where id = ?")
                .param(id)
                .query(ReviewRepository::row)
                .optional();
    }

    /** The author's review of the product that is not deleted, if any. */
    Optional<Row> ofAuthor(UUID productId, UUID authorId) {
        return jdbc.sql("select " + COLUMNS
                        + " from community_reviews where product_id = ? and author_id = ? and status <> 'deleted'")
                .params(productId, authorId)
                .query(ReviewRepository::row)
                .optional();
    }

    /** Whether the author deleted a review of the product while moderation had it hidden. */
    boolean deletedWhileHidden(UUID productId, UUID authorId) {
        return jdbc.sql("""
                        select exists(select 1 from community_reviews
                                      where product_id = ? and author_id = ? and deleted_while_hidden)""").params(productId, authorId).query(Boolean.class).single();
    }

    void markDeletedWhileHidden(UUID id) {
        jdbc.sql("update community_reviews set deleted_while_hidden = true where id = ?")
                .param(id)
                .update();
    }

    /** Inserts the review; false when the author has one of the product already (nothing inserted). */
    boolean insert(Row review, Instant now) {
        return jdbc.sql("""
                        insert into community_reviews
                            (id, product_id, author_id, rating, title, body, status, created_at, updated_at,
                             published_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, case when ? = 'visible' then cast(? as timestamptz) end)
                        on conflict (product_id, author_id) where status <> 'deleted' do nothing""")
                        .params(
                                review.id(),
                                review.productId(),
                                review.authorId(),
                                review.rating(),
                                review.title(),
                                review.body(),
                                review.status(),
                                Timestamp.from(review.createdAt()),
                                Timestamp.from(now),
                                review.status(),
                                Timestamp.from(now))
                        .update()
                == 1;
    }

    /**
     * Marks the review published unless it was before; answers whether it was not, so that {@code
     * ReviewPublished} is announced once per review, when readers first see it.
     */
    boolean publish(UUID id, Instant now) {
        return jdbc.sql("update community_reviews set published_at = ? where id = ? and published_at is null")
                        .params(Timestamp.from(now), id)
                        .update()
                == 1;
    }

    void update(UUID id, int rating, @Nullable String title, String body, String status, Instant now) {
        jdbc.sql("""
                        update community_reviews
                        set rating = ?, title = ?, body = ?, status = ?, edited_at = ?, updated_at = ?
                        where id = ?""")
                .params(rating, title, body, status, Timestamp.from(now), Timestamp.from(now), id)
                .update();
    }

    /** Sets the status; answers the review as it was before, or empty when it had another status. */
    Optional<Row> changeStatus(UUID id, List<String> from, String to, Instant now) {
        Optional<Row> before = jdbc.sql("select " + COLUMNS + " from community_reviews where id = ? for update")
                .param(id)
                .query(ReviewRepository::row)
                .optional()
                .filter(row -> from.contains(row.status()));
        before.ifPresent(row -> jdbc.sql("update community_reviews set status = ?, updated_at = ? where id = ?")
                .params(to, Timestamp.from(now), id)
                .update());
        return before;
    }

    /** Where a page of a list ended: the last review's stars and id. */
    record After(int rating, UUID id) {}

    /** A product's visible reviews in the order, {@code limit} of them after {@code after}. */
    List<Row> visible(UUID productId, @Nullable Integer stars, Sort sort, @Nullable After after, int limit) {
        String order = switch (sort) {
            case NEWEST -> "id desc";
            case HIGHEST -> "rating desc, id desc";
            case LOWEST -> "rating asc, id desc";
        };
        String position = switch (sort) {
            case NEWEST -> "id < :afterId";
            case HIGHEST -> "(rating < :afterRating or (rating = :afterRating and id < :afterId))";
            case LOWEST -> "(rating > :afterRating or (rating = :afterRating and id < :afterId))";
        };
        return jdbc.sql("select " + COLUMNS + " from community_reviews"
                        + " where product_id = :product and status = 'visible'"
                        + (stars == null ? "" : " and rating = :stars")
                        + (after == null ? "" : " and " + position)
                        + " order by " + order + " limit :limit")
                .param("product", productId)
                .param("stars", stars)
                .param("afterRating", after == null ? null : after.rating())
                .param("afterId", after == null ? null : after.id())
                .param("limit", limit)
                .query(ReviewRepository::row)
                .list();
    }

    /** The author's reviews but deleted ones, newest first. */
    List<Row> byAuthor(UUID authorId, @Nullable UUID afterId, int limit) {
        return jdbc.sql("select " + COLUMNS + " from community_reviews"
                        + " where author_id = :author and status <> 'deleted'"
                        + (afterId == null ? "" : " and id < :afterId")
                        + " order by id desc limit :limit")
                .param("author", authorId)
                .param("afterId", afterId)
                .param("limit", limit)
                .query(ReviewRepository::row)
                .list();
    }

    /** Takes the product's summary row lock for the rest of the transaction, making the row if needed. */
    void lockSummary(UUID productId, Instant now) {
        jdbc.sql("""
                        insert into community_review_summaries (product_id, updated_at) values (?, ?)
                        on conflict (product_id) do nothing""").params(productId, Timestamp.from(now)).update();
        jdbc.sql("select 1 from community_review_summaries where product_id = ? for update")
                .param(productId)
                .query(Integer.class)
                .single();
    }

    /** Counts the product's visible reviews by stars and stores the counts; {@code [0]} is one star. */
    int[] recount(UUID productId, Instant now) {
        int[] counts = new int[5];
        jdbc.sql("""
                        select rating, count(*) as n from community_reviews
                        where product_id = ? and status = 'visible'
                        group by rating""").param(productId).query(rs -> {
            counts[rs.getInt("rating") - 1] = rs.getInt("n");
        });
        jdbc.sql("""
                        update community_review_summaries
                        set stars_1 = ?, stars_2 = ?, stars_3 = ?, stars_4 = ?, stars_5 = ?, updated_at = ?
                        where product_id = ?""")
                .params(counts[0], counts[1], counts[2], counts[3], counts[4], Timestamp.from(now), productId)
                .update();
        return counts;
    }

    /** The stored counts by stars; all zero for a product never reviewed. */
    int[] counts(UUID productId) {
        return jdbc.sql("""
                        select stars_1, stars_2, stars_3, stars_4, stars_5
                        from community_review_summaries where product_id = ?""")
                .param(productId)
                .query((rs, row) -> new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5)})
                .optional()
                .orElseGet(() -> new int[5]);
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        Timestamp edited = rs.getTimestamp("edited_at");
        return new Row(
                rs.getObject("id", UUID.class),
                rs.getObject("product_id", UUID.class),
                rs.getObject("author_id", UUID.class),
                rs.getInt("rating"),
                rs.getString("title"),
                rs.getString("body"),
                rs.getString("status"),
                rs.getTimestamp("created_at").toInstant(),
                edited == null ? null : edited.toInstant());
    }
}
