package app.dukkan.orders.domain;

import app.dukkan.platform.Money;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a customer can change on a draft, priced. Its lines carry their share of the totals, fixed
 * with the lines when the draft is paid: refunds give back what was paid for the units returned.
 */
public record DraftContent(
        List<OrderLine> lines,
        String shippingCode,
        String shippingName,
        @Nullable String couponCode,
        Totals totals) {

    public DraftContent {
        lines = paidTotals(lines, totals);
    }

    /**
     * Each line pays its price less its share of the discounts (by line value), plus, when prices
     * exclude tax, its share of the tax (by what it costs after discounts, shipping weighing in as
     * one more part). Shares are split by largest remainder, so the lines and the shipping add up
     * to the total exactly; with inclusive tax the tax is already in the prices.
     */
    private static List<OrderLine> paidTotals(List<OrderLine> lines, Totals totals) {
        if (lines.isEmpty()) {
            return List.of();
        }
        long[] values = lines.stream().mapToLong(l -> l.lineTotal().minor()).toArray();
        if (Arrays.stream(values).sum() != totals.subtotal().minor()) {
            throw new IllegalArgumentException("the totals were not priced from these lines");
        }
        long[] discounts = Shares.of(totals.discounts().minor(), values);
        long[] parts = new long[lines.size() + 1];
        for (int i = 0; i < lines.size(); i++) {
            parts[i] = values[i] - discounts[i];
        }
        parts[lines.size()] = totals.shipping().minor();
        long goods = totals.subtotal().minor() - totals.discounts().minor();
        long addedTax = totals.total().minor() - goods - totals.shipping().minor();
        long[] taxes = Shares.of(addedTax, parts);
        List<OrderLine> priced = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            priced.add(lines.get(i)
                    .withPaidTotal(
                            Money.ofMinor(parts[i] + taxes[i], totals.total().currency())));
        }
        return List.copyOf(priced);
    }
}
