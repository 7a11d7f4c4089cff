package app.dukkan.checkout.coupon;

import app.dukkan.checkout.CouponAdministration;
import app.dukkan.platform.Money;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class CouponRepository implements CouponDirectory {

    private static final String COLUMNS = """
            id, code, kind, percent, amount_minor, currency, min_subtotal_minor, starts_at, ends_at, usage_cap, used_count,
            once_per_customer, active, created_at, updated_at""";

    private final JdbcClient jdbc;

    CouponRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Coupon> find(String code) {
        return jdbc.sql("select " + COLUMNS + " from coupons where lower(code) = lower(?)")
                .param(code)
                .query(CouponRepository::coupon)
                .optional();
    }

    @Override
    public boolean usedBy(UUID couponId, String customerKey) {
        return jdbc.sql("select exists(select 1 from coupon_redemptions where coupon_id = ? and customer_key = ?)")
                .params(couponId, customerKey)
                .query(Boolean.class)
                .single();
    }

    /** Inserts unless the code exists (ignoring case); true if inserted. */
    boolean insert(Coupon c) {
        return jdbc.sql("""
                        insert into coupons (id, code, kind, percent, amount_minor, currency, min_subtotal_minor, starts_at,
                                             ends_at, usage_cap, used_count, once_per_customer, active, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)
                        on conflict (lower(code)) do nothing""")
                        .params(
                                c.id(),
                                c.code(),
                                c.kind().code(),
                                c.percent(),
                                c.amount() == null ? null : c.amount().minor(),
                                c.minSubtotal().currency(),
                                c.minSubtotal().minor(),
                                Timestamp.from(c.startsAt()),
                                timestamp(c.endsAt()),
                                c.usageCap(),
                                c.oncePerCustomer(),
                                c.active(),
                                Timestamp.from(c.createdAt()),
                                Timestamp.from(c.updatedAt()))
                        .update()
                == 1;
    }

    void update(Coupon c) {
        jdbc.sql("update coupons set active = ?, ends_at = ?, usage_cap = ?, updated_at = ? where id = ?")
                .params(c.active(), timestamp(c.endsAt()), c.usageCap(), Timestamp.from(c.updatedAt()), c.id())
                .update();
    }

    Optional<Coupon> lock(String code) {
        return jdbc.sql("select " + COLUMNS + " from coupons where lower(code) = lower(?) for update")
                .param(code)
                .query(CouponRepository::coupon)
                .optional();
    }

    List<Coupon> page(int page, int size) {
        return page(CouponAdministration.CouponSort.NEWEST, page, size);
    }

    /** Newest first over {@code coupons_newest_idx}, or by code over {@code coupons_code_uq}. */
    List<Coupon> page(CouponAdministration.CouponSort sort, int page, int size) {
        String order = sort == CouponAdministration.CouponSort.CODE ? "lower(code)" : "created_at desc, id desc";
        return jdbc.sql("select " + COLUMNS + " from coupons order by " + order + " limit ? offset ?")
                .params(size, (long) page * size)
                .query(CouponRepository::coupon)
                .list();
    }

    /** The paid orders that used the coupon, latest first, over {@code coupon_redemptions_latest_idx}. */
    List<CouponAdministration.Use> uses(UUID couponId, int page, int size) {
        return jdbc.sql("""
                        select order_id, customer_key, redeemed_at from coupon_redemptions where coupon_id = ?
                        order by redeemed_at desc, order_id desc limit ? offset ?""")
                .params(couponId, size, (long) page * size)
                .query((rs, n) -> new CouponAdministration.Use(
                        rs.getObject("order_id", UUID.class),
                        rs.getString("customer_key"),
                        rs.getTimestamp("redeemed_at").toInstant()))
                .list();
    }

    long countUses(UUID couponId) {
        return jdbc.sql("select count(*) from coupon_redemptions where coupon_id = ?")
                .param(couponId)
                .query(Long.class)
                .single();
    }

    long count() {
        return jdbc.sql("select count(*) from coupons").query(Long.class).single();
    }

    /** Uses reserved by started payments of other orders that have not expired at {@code now}. */
    int heldByOthers(UUID couponId, UUID orderId, Instant now) {
        return jdbc.sql("select count(*) from coupon_holds where coupon_id = ? and order_id <> ? and expires_at > ?")
                .params(couponId, orderId, Timestamp.from(now))
                .query(Integer.class)
                .single();
    }

    /** Whether a running reservation of another order is the customer's. */
    boolean heldForCustomer(UUID couponId, String customerKey, UUID orderId, Instant now) {
        return jdbc.sql("""
                        select exists(select 1 from coupon_holds
                                      where coupon_id = ? and customer_key = ? and order_id <> ? and expires_at > ?)""")
                .params(couponId, customerKey, orderId, Timestamp.from(now))
                .query(Boolean.class)
                .single();
    }

    /** Reserves a use for the order, replacing its earlier reservation. */
    void hold(UUID couponId, UUID orderId, String customerKey, Instant expiresAt, Instant now) {
        jdbc.sql("""
                        insert into coupon_holds (order_id, coupon_id, customer_key, expires_at, created_at)
                        values (?, ?, ?, ?, ?)
                        on conflict (order_id) do update
                        set coupon_id = excluded.coupon_id, customer_key = excluded.customer_key,
                            expires_at = excluded.expires_at, created_at = excluded.created_at""")
                .params(orderId, couponId, customerKey, Timestamp.from(expiresAt), Timestamp.from(now))
                .update();
    }

    /** A use reserved for an order until it expires. */
    record Hold(String customerKey, Instant expiresAt) {}

    /** Deletes the order's reservation; what it was, if there was one. */
    Optional<Hold> release(UUID orderId) {
        return jdbc.sql("delete from coupon_holds where order_id = ? returning customer_key, expires_at")
                .param(orderId)
                .query((rs, n) -> new Hold(
                        rs.getString("customer_key"),
                        rs.getTimestamp("expires_at").toInstant()))
                .optional();
    }

    /** Whether the order's use is counted already. */
    boolean redeemed(UUID orderId) {
        return jdbc.sql("select exists(select 1 from coupon_redemptions where order_id = ?)")
                .param(orderId)
                .query(Boolean.class)
                .single();
    }

    /** Records the redemption once per order; true if this call recorded it. */
    boolean redeem(UUID couponId, UUID orderId, String customerKey, Instant now) {
        boolean inserted = jdbc.sql("""
                                insert into coupon_redemptions (coupon_id, order_id, customer_key, redeemed_at)
                                values (?, ?, ?, ?)
                                on conflict (order_id) do nothing""")
                        .params(couponId, orderId, customerKey, Timestamp.from(now))
                        .update()
                == 1;
        if (inserted) {
            jdbc.sql("update coupons set used_count = used_count + 1, updated_at = ? where id = ?")
                    .params(Timestamp.from(now), couponId)
                    .update();
        }
        return inserted;
    }

    /**
     * Deletes the order's counted use and takes it off its coupon's count, under the coupon's lock
     * (taken first, as {@link #redeem} runs under it); true if this call gave one back.
     */
    boolean unredeem(UUID orderId, Instant now) {
        Optional<UUID> couponId = jdbc.sql("""
                        select c.id from coupons c join coupon_redemptions r on r.coupon_id = c.id
                        where r.order_id = ? for update of c""").param(orderId).query(UUID.class).optional();
        if (couponId.isEmpty()) {
            return false;
        }
        boolean deleted = jdbc.sql("delete from coupon_redemptions where order_id = ?")
                        .param(orderId)
                        .update()
                == 1;
        if (deleted) {
            jdbc.sql("update coupons set used_count = greatest(used_count - 1, 0), updated_at = ? where id = ?")
                    .params(Timestamp.from(now), couponId.get())
                    .update();
        }
        return deleted;
    }

    private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Coupon coupon(ResultSet rs, int row) throws SQLException {
        String currency = rs.getString("currency");
        Long amount = rs.getObject("amount_minor", Long.class);
        Timestamp endsAt = rs.getTimestamp("ends_at");
        return new Coupon(
                rs.getObject("id", UUID.class),
                rs.getString("code"),
                Coupon.Kind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)),
                rs.getObject("percent", Integer.class),
                amount == null ? null : Money.ofMinor(amount, currency),
                Money.ofMinor(rs.getLong("min_subtotal_minor"), currency),
                rs.getTimestamp("starts_at").toInstant(),
                endsAt == null ? null : endsAt.toInstant(),
                rs.getObject("usage_cap", Integer.class),
                rs.getInt("used_count"),
                rs.getBoolean("once_per_customer"),
                rs.getBoolean("active"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
