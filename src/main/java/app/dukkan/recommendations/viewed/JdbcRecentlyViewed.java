package app.dukkan.recommendations.viewed;

import app.dukkan.catalog.ProductCards;
import app.dukkan.catalog.ShopCatalog.ProductCard;
import app.dukkan.identity.UserId;
import app.dukkan.recommendations.RecentlyViewed;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
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
    public void viewed(UserId user, UUID productId) {
        transactions.executeWithoutResult(status -> {
            // a view lost in a crash is no loss: the page does not wait for the disk
            jdbc.sql("set local synchronous_commit = off").update();
            // one statement notes the view and drops what falls off the end; the delete sees the rows
            // as they were before, so at most KEPT rows remain
            jdbc.sql("""
                            with noted as (
                                insert into recently_viewed (user_id, product_id, viewed_at) values (:user, :product, :at)
                                on conflict (user_id, product_id) do update set viewed_at = excluded.viewed_at
                            )
                            delete from recently_viewed
                            where user_id = :user and product_id <> :product and product_id in (
                                select product_id from recently_viewed where user_id = :user
                                order by viewed_at desc offset :keep)""")
                    .param("user", user.value())
                    .param("product", productId)
                    .param("at", Timestamp.from(clock.instant()))
                    .param("keep", KEPT - 1)
                    .update();
        });
    }

    @Override
    public List<ProductCard> products(UserId user, int limit, @Nullable UUID except) {
        List<UUID> ids = jdbc.sql("""
                        select product_id from recently_viewed
                        where user_id = :user and (cast(:except as uuid) is null or product_id <> :except)
                        order by viewed_at desc limit :limit""")
                .param("user", user.value())
                .param("except", except)
                .param("limit", Math.max(0, Math.min(limit, KEPT)))
                .query(UUID.class)
                .list();
        return cards.byIds(ids).stream().map(ProductCards.Card::card).toList();
    }

    @Override
    public void clear(UserId user) {
        jdbc.sql("delete from recently_viewed where user_id = ?")
                .param(user.value())
                .update();
    }
}
