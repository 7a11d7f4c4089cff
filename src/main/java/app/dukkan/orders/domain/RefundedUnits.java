package app.dukkan.orders.domain;

import app.dukkan.platform.Money;
import java.util.Map;
import java.util.UUID;

/**
 * What refunding units of an order pays back ({@link Order#refundUnits}).
 *
 * @param amount the refund: the units' value, with the shipping for the order's last units, never
 *     more than was left to refund
 * @param lines what each line's units were paid (line id → value), before that limit: the sellers'
 *     figures count each line's value for the seller of that line
 */
public record RefundedUnits(Money amount, Map<UUID, Money> lines) {

    public RefundedUnits {
        lines = Map.copyOf(lines);
    }
}
