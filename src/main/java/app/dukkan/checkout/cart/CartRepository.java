package app.dukkan.checkout.cart;

import app.dukkan.platform.FigureCounters;
import app.dukkan.platform.ShopMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class CartRepository {

    record CartRow(UUID id, @Nullable UUID userId, String currency) {}

    record LineRow(UUID id, UUID variantId, int quantity) {}

    static final String CARTS = "checkout.carts";

    private final JdbcClient jdbc;
    private final FigureCounters counters;
    private final Counter funnel;

    CartRepository(JdbcClient jdbc, FigureCounters counters, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.counters = counters;
        this.funnel = ShopMeters.funnel(meters, ShopMeters.Stage.CART);
    }

    /** Counts a new cart for the dashboard's funnel with the insert's transaction, and for the metrics once it commits. */
    private void counted(Instant now) {
        counters.add(List.of(new FigureCounters.Increment(FigureCounters.SHOP, CARTS, now, 1, 0)));
        ShopMeters.afterCommit(funnel::increment);
    }

    Optional<CartRow> byUser(UUID userId, boolean lock) {
        return jdbc.sql("select id, user_id, currency from carts where user_id = ?" + (lock ? " for update" : ""))
                .param(userId)
                .query((rs, row) -> cart(rs))
                .optional();
    }

    Optional<CartRow> byToken(byte[] tokenHash, boolean lock) {
        return jdbc.sql("select id, user_id, currency from carts where token_hash = ?" + (lock ? " for update" : ""))
                .param(tokenHash)
                .query((rs, row) -> cart(rs))
                .optional();
    }

    /**
     * Locks the cart for a change, marking it changed now (one statement: the update takes the row
     * lock; a change that fails rolls the mark back with it).
     */
    Optional<CartRow> lockForChange(UUID cartId, Instant now) {
        return jdbc.sql("update carts set updated_at = ? where id = ? returning id, user_id, currency")
                .params(Timestamp.from(now), cartId)
                .query((rs, row) -> cart(rs))
                .optional();
    }

    void insertAnonymous(UUID id, byte[] tokenHash, String currency, Instant now) {
        jdbc.sql("insert into carts (id, token_hash, currency, created_at, updated_at) values (?, ?, ?, ?, ?)")
                .params(id, tokenHash, currency, Timestamp.from(now), Timestamp.from(now))
                .update();
        counted(now);
    }

    /**
     * The user's cart, created unless it exists (also when a concurrent request creates it); locked
     * unless {@code lock} is false.
     */
    CartRow userCart(UUID id, UUID userId, String currency, Instant now, boolean lock) {
        int created = jdbc.sql("""
                        insert into carts (id, user_id, currency, created_at, updated_at) values (?, ?, ?, ?, ?)
                        on conflict (user_id) do nothing""")
                .params(id, userId, currency, Timestamp.from(now), Timestamp.from(now))
                .update();
        if (created == 1) {
            counted(now);
        }
        return byUser(userId, lock).orElseThrow();
    }

    void delete(UUID cartId) {
        jdbc.sql("delete from carts where id = ?").param(cartId).update();
    }

    void touch(UUID cartId, Instant now) {
        jdbc.sql("update carts set updated_at = ? where id = ?")
                .params(Timestamp.from(now), cartId)
                .update();
    }

    int units(UUID cartId) {
        return jdbc.sql("select coalesce(sum(quantity), 0) from cart_lines where cart_id = ?")
                .param(cartId)
                .query(Integer.class)
                .single();
    }

    int unitsOfUser(UUID userId) {
        return jdbc.sql("""
                        select coalesce(sum(l.quantity), 0) from carts c join cart_lines l on l.cart_id = c.id
                        where c.user_id = ?""").param(userId).query(Integer.class).single();
    }

    List<LineRow> lines(UUID cartId) {
        return jdbc.sql("select id, variant_id, quantity from cart_lines where cart_id = ? order by created_at, id")
                .param(cartId)
                .query((rs, row) -> new LineRow(
                        rs.getObject("id", UUID.class), rs.getObject("variant_id", UUID.class), rs.getInt("quantity")))
                .list();
    }

    Optional<LineRow> line(UUID cartId, UUID lineId) {
        return jdbc.sql("select id, variant_id, quantity from cart_lines where cart_id = ? and id = ?")
                .params(cartId, lineId)
                .query((rs, row) -> new LineRow(
                        rs.getObject("id", UUID.class), rs.getObject("variant_id", UUID.class), rs.getInt("quantity")))
                .optional();
    }

    /** Sets the variant's quantity, adding the line if the cart has none for it. */
    void upsertLine(UUID cartId, UUID newLineId, UUID variantId, int quantity, Instant now) {
        jdbc.sql("""
                        insert into cart_lines (id, cart_id, variant_id, quantity, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?)
                        on conflict (cart_id, variant_id)
                            do update set quantity = excluded.quantity, updated_at = excluded.updated_at
                            where cart_lines.quantity <> excluded.quantity""")
                .params(newLineId, cartId, variantId, quantity, Timestamp.from(now), Timestamp.from(now))
                .update();
    }

    boolean deleteLine(UUID cartId, UUID lineId) {
        return jdbc.sql("delete from cart_lines where cart_id = ? and id = ?")
                        .params(cartId, lineId)
                        .update()
                > 0;
    }

    /** Takes the quantities out of the cart's lines in one statement; a line that reaches 0 goes. */
    void subtract(UUID cartId, Map<UUID, Integer> quantities) {
        List<Map.Entry<UUID, Integer>> taken =
                quantities.entrySet().stream().filter(e -> e.getValue() > 0).toList();
        if (taken.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        with taken as (
                            select * from variant_quantities(cast(:variants as uuid[]), cast(:quantities as int[])) as t (variant_id, quantity)),
                        emptied as (
                            delete from cart_lines l using taken t
                            where l.cart_id = :cart and l.variant_id = t.variant_id and l.quantity <= t.quantity)
                        update cart_lines l set quantity = l.quantity - t.quantity
                        from taken t
                        where l.cart_id = :cart and l.variant_id = t.variant_id and l.quantity > t.quantity""")
                .param("cart", cartId)
                .param("variants", taken.stream().map(Map.Entry::getKey).toArray(UUID[]::new))
                .param("quantities", taken.stream().map(Map.Entry::getValue).toArray(Integer[]::new))
                .update();
    }

    /** Anonymous carts changed before {@code anonymousBefore}, channel carts before {@code channelBefore}. */
    int deleteAbandoned(Instant anonymousBefore, Instant channelBefore) {
        return jdbc.sql("delete from carts where token_hash is not null and updated_at < ?")
                        .param(Timestamp.from(anonymousBefore))
                        .update()
                + jdbc.sql("delete from carts where channel and updated_at < ?")
                        .param(Timestamp.from(channelBefore))
                        .update();
    }

    /** A channel's cart; never one of a user or a cookie. */
    Optional<CartRow> channelCart(UUID cartId) {
        return jdbc.sql("select id, user_id, currency from carts where id = ? and channel")
                .param(cartId)
                .query((rs, row) -> cart(rs))
                .optional();
    }

    void insertChannel(UUID id, String currency, Instant now) {
        jdbc.sql("insert into carts (id, channel, currency, created_at, updated_at) values (?, true, ?, ?, ?)")
                .params(id, currency, Timestamp.from(now), Timestamp.from(now))
                .update();
        counted(now);
    }

    void deleteLines(UUID cartId) {
        jdbc.sql("delete from cart_lines where cart_id = ?").param(cartId).update();
    }

    private static CartRow cart(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new CartRow(
                rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class), rs.getString("currency"));
    }
}
