package app.dukkan.orders.domain;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** What a customer can change on a draft, priced. */
public record DraftContent(
        List<OrderLine> lines,
        String shippingCode,
        String shippingName,
        @Nullable String couponCode,
        Totals totals) {

    public DraftContent {
        lines = List.copyOf(lines);
    }
}
