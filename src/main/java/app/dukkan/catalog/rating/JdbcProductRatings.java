package app.dukkan.catalog.rating;

import app.dukkan.catalog.ProductRatings;
import app.dukkan.catalog.config.CatalogChanges;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code product_ratings} table: one row per product with visible reviews. */
@Component
public class JdbcProductRatings implements ProductRatings {

    private final JdbcClient jdbc;
    private final CatalogChanges changes;
    private final Clock clock;

    JdbcProductRatings(JdbcClient jdbc, CatalogChanges changes, Clock clock) {
        this.jdbc = jdbc;
        this.changes = changes;
        this.clock = clock;
    }

    @Override
    public void record(UUID productId, @Nullable BigDecimal average, int count) {
        Optional<String> slug = jdbc.sql("select slug from products where id = ?")
                .param(productId)
                .query(String.class)
                .optional();
        if (slug.isEmpty()) {
            return;
        }
        if (count <= 0 || average == null) {
            jdbc.sql("delete from product_ratings where product_id = ?")
                    .param(productId)
                    .update();
        } else {
            BigDecimal rounded = average.setScale(1, RoundingMode.HALF_UP);
            if (rounded.compareTo(BigDecimal.ONE) < 0 || rounded.compareTo(BigDecimal.valueOf(5)) > 0) {
                throw new IllegalArgumentException("A rating's average is 1 to 5: " + average);
            }
            jdbc.sql("""
                            insert into product_ratings (product_id, average, count, updated_at)
                            values (?, ?, ?, ?)
                            on conflict (product_id) do update
                            set average = excluded.average, count = excluded.count, updated_at = excluded.updated_at""")
                    .params(productId, rounded, count, Timestamp.from(clock.instant()))
                    .update();
        }
        changes.ratingChanged(slug.get());
    }

    /** The product's rating; {@link Rating#NONE} without visible reviews. */
    public Rating of(UUID productId) {
        return jdbc.sql("select average, count from product_ratings where product_id = ?")
                .param(productId)
                .query((rs, row) -> new Rating(rs.getBigDecimal("average"), rs.getInt("count")))
                .optional()
                .orElse(Rating.NONE);
    }
}
