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
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.IntFunction;
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
     * shop), split in proportion to what each seller's lines were paid. The order has counted the
     * refund already ({@link Order#recordRefund}).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void refunded(Order order, Money amount, Instant at) {
        if (amount.minor() <= 0) {
            return;
        }
        Map<UUID, Part> sellers = sellerParts(order);
        Map<UUID, Long> paid = new TreeMap<>();
        sellers.forEach((seller, part) -> paid.put(seller, part.paid()));
        long lines = paid.values().stream().mapToLong(Long::longValue).sum();
        long total = order.totals().total().minor();
        refunded(order, amount, total > 0 ? share(amount.minor(), lines, total) : 0, paid, sellers, at);
    }

    /**
     * Units of the order went back now: for the shop all of the refund; for each seller what its
     * refunded lines' units were paid. What the refund holds beyond the lines is shipping and stays
     * with the shop; a refund limited to what was left splits that rest over the lines' sellers in
     * proportion to their lines' value. The order has counted the refund already.
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
        refunded(order, units.amount(), Math.min(lines, units.amount().minor()), worth, sellerParts(order), at);
    }

    /**
     * What a seller was paid on an order and what of it counted as refunded so far; for the shop,
     * the rest of the order's total (shipping, lines of no known seller) and the rest of its refunds.
     */
    private record Part(long paid, long refunded) {

        private static final Part NONE = new Part(0, 0);

        long room() {
            return Math.max(0, paid - refunded);
        }
    }

    /** The order's sellers (sorted by id) with their parts, locked until the transaction ends. */
    private Map<UUID, Part> sellerParts(Order order) {
        Map<UUID, Part> parts = new TreeMap<>();
        jdbc.sql("""
                        select seller_id, paid_minor, refunded_minor from order_sellers
                        where order_id = ? order by seller_id for update""").param(order.id()).query(rs -> {
            parts.put(
                    rs.getObject("seller_id", UUID.class),
                    new Part(rs.getLong("paid_minor"), rs.getLong("refunded_minor")));
        });
        return parts;
    }

    /**
     * Counts the refund for the shop, and for the sellers {@code toSellers} of it split by their
     * weights to the cent. No seller counts more refunded on the order than its lines were paid, nor
     * the shop more than the rest of the total: what a part has no room for goes to the others in
     * proportion to what they have left, so the sellers' and the shop's parts always add up to what
     * the order refunded.
     */
    private void refunded(
            Order order, Money amount, long toSellers, Map<UUID, Long> weights, Map<UUID, Part> sellers, Instant at) {
        List<UUID> scopes = new ArrayList<>(sellers.keySet());
        List<Part> parts = new ArrayList<>(sellers.values());
        long total = order.totals().total().minor();
        long refundedBefore = order.refunded().minor() - amount.minor();
        parts.add(new Part(
                total - parts.stream().mapToLong(Part::paid).sum(),
                refundedBefore - parts.stream().mapToLong(Part::refunded).sum()));
        int shop = scopes.size();
        long[] wanted = new long[parts.size()];
        wanted[shop] = amount.minor() - toSellers;
        if (toSellers > 0) {
            UUID[] weighted = weights.keySet().toArray(UUID[]::new);
            long[] split = Shares.of(
                    toSellers,
                    weights.values().stream().mapToLong(Long::longValue).toArray(),
                    fairly(i -> sellers.getOrDefault(weighted[i], Part.NONE)));
            for (int i = 0; i < weighted.length; i++) {
                // a seller the order did not record at payment has nothing of it to refund
                int index = scopes.indexOf(weighted[i]);
                wanted[index < 0 ? shop : index] += split[i];
            }
        }
        long[] counted = new long[parts.size()];
        long[] left = new long[parts.size()];
        long spill = 0;
        for (int i = 0; i < parts.size(); i++) {
            counted[i] = Math.min(wanted[i], parts.get(i).room());
            left[i] = parts.get(i).room() - counted[i];
            spill += wanted[i] - counted[i];
        }
        // what no part has room for (refunds beyond the order's total: a dispute lost after a
        // refund) stays with the shop, which counts every refund in full
        long spread = Math.min(spill, Arrays.stream(left).sum());
        if (spread > 0) {
            long[] more = Shares.of(spread, left, fairly(parts::get));
            for (int i = 0; i < shop; i++) {
                counted[i] += more[i];
            }
        }

        List<Increment> increments = new ArrayList<>();
        increments.add(new Increment(FigureCounters.SHOP, REFUNDED, at, 1, amount.minor()));
        List<UUID> refundedSellers = new ArrayList<>();
        List<Long> refundedAmounts = new ArrayList<>();
        for (int i = 0; i < shop; i++) {
            if (counted[i] > 0) {
                increments.add(new Increment(scopes.get(i), REFUNDED, at, 1, counted[i]));
                refundedSellers.add(scopes.get(i));
                refundedAmounts.add(counted[i]);
            }
        }
        if (!refundedSellers.isEmpty()) {
            jdbc.sql("""
                            update order_sellers s set refunded_minor = s.refunded_minor + r.amount
                            from unnest(?::uuid[], ?::bigint[]) as r (seller, amount)
                            where s.order_id = ? and s.seller_id = r.seller""")
                    .params(refundedSellers.toArray(UUID[]::new), refundedAmounts.toArray(Long[]::new), order.id())
                    .update();
        }
        counters.add(increments);
    }

    /**
     * Equal remainders go first to the part that has had the smallest fraction of what it was paid
     * counted as refunded, so the odd cents of repeated refunds of one order take turns between
     * equal sellers instead of all going to the same one; parts that were paid nothing come last.
     */
    private static Comparator<Integer> fairly(IntFunction<Part> parts) {
        return (a, b) -> {
            Part x = parts.apply(a);
            Part y = parts.apply(b);
            if (x.paid() == 0 || y.paid() == 0) {
                return Boolean.compare(x.paid() == 0, y.paid() == 0);
            }
            return BigInteger.valueOf(x.refunded())
                    .multiply(BigInteger.valueOf(y.paid()))
                    .compareTo(BigInteger.valueOf(y.refunded()).multiply(BigInteger.valueOf(x.paid())));
        };
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
                BigInteger.valueOf(amount)
                        .multiply(BigInteger.valueOf(part))
                        .divide(BigInteger.valueOf(whole))
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
