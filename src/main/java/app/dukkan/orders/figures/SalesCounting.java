package app.dukkan.orders.figures;

import app.dukkan.catalog.PurchasableVariant;
import app.dukkan.catalog.Stock;
import app.dukkan.orders.OrderStatus;
import app.dukkan.orders.SalesFigures;
import app.dukkan.orders.domain.Order;
import app.dukkan.orders.domain.OrderLine;
import app.dukkan.orders.domain.RefundedUnits;
import app.dukkan.orders.domain.Shares;
import app.dukkan.platform.FigureCounters;
import app.dukkan.platform.FigureCounters.Increment;
import app.dukkan.platform.Money;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts paid orders, refunds and started checkouts in the caller's transaction, for the shop and
 * for each seller of the order's lines, and answers {@link SalesFigures} from those counts.
 */
@Component
public class SalesCounting implements SalesFigures {

    static final String PAID = "orders.paid";
    static final String REFUNDED = "orders.refunded";
    static final String CHECKOUTS = "orders.checkouts";

    private final FigureCounters counters;
    private final Stock stock;
    private final JdbcClient jdbc;
    private final SalesMeters meters;

    SalesCounting(FigureCounters counters, Stock stock, JdbcClient jdbc, SalesMeters meters) {
        this.counters = counters;
        this.stock = stock;
        this.jdbc = jdbc;
        this.meters = meters;
    }

    /** The order was paid now: one order and its total for the shop, its lines' part for each seller. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void paid(Order order, Instant at) {
        Map<UUID, UUID> sellerOfLine = sellers(order);
        Map<UUID, Long> bySeller = new TreeMap<>();
        for (OrderLine line : order.lines()) {
            UUID seller = sellerOfLine.get(line.id());
            if (seller != null) {
                bySeller.merge(seller, line.paidTotal().minor(), Long::sum);
            }
        }
        List<Increment> increments = new ArrayList<>();
        increments.add(new Increment(
                FigureCounters.SHOP, PAID, at, 1, order.totals().total().minor()));
        UUID[] sellers = new UUID[bySeller.size()];
        Long[] amounts = new Long[bySeller.size()];
        int i = 0;
        for (Map.Entry<UUID, Long> seller : bySeller.entrySet()) {
            increments.add(new Increment(seller.getKey(), PAID, at, 1, seller.getValue()));
            sellers[i] = seller.getKey();
            amounts[i++] = seller.getValue();
        }
        if (sellers.length > 0) {
            jdbc.sql("""
                            insert into order_sellers (order_id, seller_id, paid_at, paid_minor)
                            select ?, seller, ?, amount from unnest(?::uuid[], ?::bigint[]) as s (seller, amount)
                            on conflict do nothing""")
                    .params(order.id(), Timestamp.from(at), sellers, amounts)
                    .update();
        }
        counters.add(increments);
    }

    /**
     * {@code amount} of the order went back now, not for units: for the shop all of it; for the
     * sellers the part of it their lines make of the order total (shipping's part stays with the
     * shop), split in proportion to what each seller's lines were paid.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void refunded(Order order, Money amount, Instant at) {
        if (amount.minor() <= 0) {
            return;
        }
        Map<UUID, Long> paid = new TreeMap<>();
        jdbc.sql("select seller_id, paid_minor from order_sellers where order_id = ?")
                .param(order.id())
                .query(rs -> {
                    paid.put(rs.getObject("seller_id", UUID.class), rs.getLong("paid_minor"));
                });
        long lines = paid.values().stream().mapToLong(Long::longValue).sum();
        long total = order.totals().total().minor();
        refunded(amount, total > 0 ? share(amount.minor(), lines, total) : 0, paid, at);
    }

    /**
     * Units of the order went back now: for the shop all of the refund; for each seller what its
     * refunded lines' units were paid. What the refund holds beyond the lines is shipping and stays
     * with the shop; a refund limited to what was left splits that rest over the lines' sellers in
     * proportion to their lines' value.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void refunded(Order order, RefundedUnits units, Instant at) {
        if (units.amount().minor() <= 0) {
            return;
        }
        Map<UUID, UUID> sellerOfLine = sellers(order);
        Map<UUID, Long> worth = new TreeMap<>();
        units.lines().forEach((line, value) -> {
            UUID seller = sellerOfLine.get(line);
            if (seller != null) {
                worth.merge(seller, value.minor(), Long::sum);
            }
        });
        long lines = worth.values().stream().mapToLong(Long::longValue).sum();
        refunded(units.amount(), Math.min(lines, units.amount().minor()), worth, at);
    }

    /** Counts the refund for the shop and {@code toSellers} of it split by the sellers' weights, to the cent. */
    private void refunded(Money amount, long toSellers, Map<UUID, Long> weights, Instant at) {
        List<Increment> increments = new ArrayList<>();
        increments.add(new Increment(FigureCounters.SHOP, REFUNDED, at, 1, amount.minor()));
        if (toSellers > 0) {
            UUID[] sellers = weights.keySet().toArray(UUID[]::new);
            long[] shares = Shares.of(
                    toSellers,
                    weights.values().stream().mapToLong(Long::longValue).toArray());
            for (int i = 0; i < sellers.length; i++) {
                if (shares[i] > 0) {
                    increments.add(new Increment(sellers[i], REFUNDED, at, 1, shares[i]));
                }
            }
        }
        counters.add(increments);
    }

    /** The seller of each line of the order (line id → seller) whose variant the catalog still knows. */
    private Map<UUID, UUID> sellers(Order order) {
        Map<UUID, PurchasableVariant> variants =
                stock.variants(order.lines().stream().map(OrderLine::variantId).toList());
        Map<UUID, UUID> sellers = new HashMap<>();
        for (OrderLine line : order.lines()) {
            PurchasableVariant variant = variants.get(line.variantId());
            if (variant != null) {
                sellers.put(line.id(), variant.sellerId());
            }
        }
        return sellers;
    }

    /** A customer started a checkout now (a draft was created). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void checkoutStarted(Instant at) {
        counters.add(List.of(new Increment(FigureCounters.SHOP, CHECKOUTS, at, 1, 0)));
        meters.checkoutStarted();
    }

    /** {@code amount × part / whole}, rounded down, never more than {@code part}. */
    static long share(long amount, long part, long whole) {
        return Math.min(
                part,
                java.math.BigInteger.valueOf(amount)
                        .multiply(java.math.BigInteger.valueOf(part))
                        .divide(java.math.BigInteger.valueOf(whole))
                        .longValue());
    }

    @Override
    public List<Hour> hours(@Nullable UUID seller, Instant from, Instant to) {
        Map<Instant, long[]> byHour = new TreeMap<>();
        List<String> metrics = seller == null ? List.of(PAID, REFUNDED, CHECKOUTS) : List.of(PAID, REFUNDED);
        for (FigureCounters.Hour hour :
                counters.hours(seller == null ? FigureCounters.SHOP : seller, metrics, from, to)) {
            long[] sums = byHour.computeIfAbsent(hour.hour(), h -> new long[4]);
            switch (hour.metric()) {
                case PAID -> {
                    sums[0] += hour.count();
                    sums[1] += hour.amount();
                }
                case REFUNDED -> sums[2] += hour.amount();
                default -> sums[3] += hour.count();
            }
        }
        return byHour.entrySet().stream()
                .map(e -> new Hour(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2], e.getValue()[3]))
                .toList();
    }

    @Override
    public List<LatestOrder> latest(@Nullable UUID seller, int limit) {
        if (seller == null) {
            return jdbc.sql("""
                            select number, paid_at, status, total_minor as amount, currency
                            from orders
                            where number is not null and paid_at is not null
                            order by paid_at desc
                            limit ?""").param(limit).query((rs, row) -> latest(rs)).list();
        }
        return jdbc.sql("""
                        select o.number, s.paid_at, o.status, s.paid_minor as amount, o.currency
                        from order_sellers s
                                 join orders o on o.id = s.order_id
                        where s.seller_id = ?
                        order by s.paid_at desc
                        limit ?""")
                .params(seller, limit)
                .query((rs, row) -> latest(rs))
                .list();
    }

    private static LatestOrder latest(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new LatestOrder(
                rs.getString("number"),
                rs.getTimestamp("paid_at").toInstant(),
                OrderStatus.fromCode(rs.getString("status")),
                Money.ofMinor(rs.getLong("amount"), rs.getString("currency").trim()));
    }
}
