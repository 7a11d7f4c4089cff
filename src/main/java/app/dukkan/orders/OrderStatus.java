package app.dukkan.orders;

import app.dukkan.platform.ProblemException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpStatus;

/**
 * The order state machine: {@code draft → awaiting_payment → paid → fulfilled}, with {@code
 * cancelled} and {@code refunded} as ends. A failed or abandoned payment returns a draft to {@code
 * draft}.
 */
public enum OrderStatus {
    DRAFT,
    AWAITING_PAYMENT,
    PAID,
    FULFILLED,
    CANCELLED,
    REFUNDED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OrderStatus fromCode(String code) {
        for (OrderStatus status : values()) {
            if (status.code().equals(code)) {
                return status;
            }
        }
        throw ProblemException.invalid(
                "status",
                "one of " + List.of(values()).stream().map(OrderStatus::code).toList());
    }

    public Set<OrderStatus> next() {
        return switch (this) {
            case DRAFT -> EnumSet.of(AWAITING_PAYMENT, PAID, CANCELLED);
            case AWAITING_PAYMENT -> EnumSet.of(DRAFT, PAID, CANCELLED);
            case PAID -> EnumSet.of(FULFILLED, CANCELLED, REFUNDED);
            case FULFILLED -> EnumSet.of(REFUNDED);
            case CANCELLED, REFUNDED -> EnumSet.noneOf(OrderStatus.class);
        };
    }

    public boolean canMoveTo(OrderStatus target) {
        return next().contains(target);
    }

    /** @throws ProblemException 409 {@code illegal-transition} naming both states */
    public void requireMoveTo(OrderStatus target) {
        if (!canMoveTo(target)) {
            throw new ProblemException(
                    HttpStatus.CONFLICT,
                    "illegal-transition",
                    "Not possible in this state",
                    "An order that is " + code() + " cannot become " + target.code(),
                    List.of());
        }
    }

    /** Paid at some point: has a number and a payment. */
    public boolean isPlaced() {
        return this != DRAFT && this != AWAITING_PAYMENT;
    }
}
