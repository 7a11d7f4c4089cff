package app.dukkan.orders.domain;

import app.dukkan.checkout.Quote;
import app.dukkan.platform.Money;
import java.math.BigDecimal;

/** What an order costs, as priced by checkout when the draft last changed. */
public record Totals(
        Money subtotal,
        Money discounts,
        Money shipping,
        Money tax,
        BigDecimal taxRatePercent,
        boolean taxInclusive,
        Money total) {

    public Totals {
        // one spelling per rate (19, not 19.000), so equal content compares equal
        taxRatePercent = taxRatePercent.stripTrailingZeros();
        if (taxRatePercent.scale() < 0) {
            taxRatePercent = taxRatePercent.setScale(0);
        }
    }

    public static Totals of(Quote quote) {
        return new Totals(
                quote.subtotal(),
                quote.discounts(),
                quote.shipping().price(),
                quote.tax(),
                quote.taxRatePercent(),
                quote.taxInclusive(),
                quote.total());
    }
}
