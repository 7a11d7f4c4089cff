package app.dukkan.recommendations.viewed;

import app.dukkan.catalog.ProductCards;
import app.dukkan.catalog.ShopCatalog.ProductCard;
import app.dukkan.identity.UserId;
import app.dukkan.recommendations.RecentlyViewed;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Signed-in shoppers' recently viewed products in {@code recently_viewed}, shown as catalog cards. */
@Service
class JdbcRecentlyViewed implements RecentlyViewed {

    private final JdbcClient jdbc;
    private final ProductCards cards;
    private final TransactionTemplate transactions;
    private final Clock clock;

    JdbcRecentlyViewed(JdbcClient jdbc, ProductCards cards, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.cards = cards;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public List<ProductCard> viewed(UserId user, UUID productId, int limit) {
        List<UUID> before = transactions.execute(status -> {
            // a view lost in a crash is no loss: the page does not wait for the disk
            jdbc.sql("set local synchronous_commit = off").update();
            // one statement notes the view, drops what falls off the end and reads the others; every
            // part sees the rows as they were before, so at most KEPT rows remain and the page's own
            // product is not among those read
            return jdbc.sql("""
                            with noted as (
                                insert into recently_viewed (user_id, product_id, viewed_at) values (:user, :product, :at)
                                on conflict (user_id, product_id) do update set viewed_at = excluded.viewed_at
                            ), dropped as (
                                delete from recently_viewed
                                where user_id = :user and product_id <> :product and product_id in (
                                    select product_id from recently_viewed where user_id = :user
                                    order by viewed_at desc offset :keep)
                            )
                            select product_id from recently_viewed
                            where user_id = :user and product_id <> :product
                            order by viewed_at desc limit :limit""")
                    .param("user", user.value())
                    .param("product", productId)
                    .param("at", Timestamp.from(clock.instant()))
                    .param("keep", KEPT - 1)
                    .param("limit", bounded(limit))
                    .query(UUID.class)
                    .list();
        });
        return cards(before);
    }

    @Override
    public List<ProductCard> products(UserId user, int limit) {
        List<UUID> ids = jdbc.sql("""
                        select product_id from recently_viewed
                        where user_id = :user
                        order by viewed_at desc limit :limit""")
                .param("user", user.value())
                .param("limit", bounded(limit))
                .query(UUID.class)
                .list();
        return cards(ids);
    }

    @Override
    public void clear(UserId user) {
        jdbc.sql("delete from recently_viewed where user_id = ?")
                .param(user.value())
                .update();
    }

    private List<ProductCard> cards(List<UUID> ids) {
        return cards.byIds(ids).stream().map(ProductCards.Card::card).toList();
    }

    private static int bounded(int limit) {
        return Math.max(0, Math.min(limit, KEPT));
    }
}
