package app.dukkan.checkout;

import app.dukkan.platform.Money;
import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A priced basket. {@code total} = subtotal − discounts + shipping, plus tax when the country's
 * prices exclude it; with inclusive tax, {@code tax} is the part of the total that is tax.
 */
public record Quote(
        Money subtotal,
        Money discounts,
        List<ShippingOption> shippingOptions,
        ShippingOption shipping,
        Money tax,
        BigDecimal taxRatePercent,
        boolean taxInclusive,
        Money total,
        @Nullable String couponCode) {}
