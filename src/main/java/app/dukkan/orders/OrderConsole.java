package app.dukkan.orders;

import app.dukkan.checkout.Address;
import app.dukkan.payments.OpenDispute;
import app.dukkan.platform.Money;
import app.dukkan.platform.ProblemException;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * Placed orders for the operator console, as the signed-in operator may see them: admins every
 * order whole; sellers the orders with their products, and of those only their own lines (no
 * totals, payments or notes that would reveal other sellers' lines). Fulfilling, cancelling,
 * refunding and deciding returns are for admins; each is audited in its transaction.
 */
public interface OrderConsole {

    /** How the list is ordered; ties newest first. */
    enum Sort {
        PLACED,
        TOTAL,
        STATUS;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The sort named in a URL ({@code placed}, {@code total}, {@code status}); blank is {@code placed}. */
        public static Sort fromCode(@Nullable String code) {
            if (code == null || code.isBlank()) {
                return PLACED;
            }
            for (Sort sort : values()) {
                if (sort.code().equals(code.strip())) {
                    return sort;
                }
            }
            throw ProblemException.invalid("sort", "one of placed, total, status");
        }
    }

    /**
     * What to look for; null fields match everything. {@code from} and {@code to} bound the payment
     * time ({@code to} exclusive).
     */
    record Filter(
            @Nullable String number,
            @Nullable String email,
            @Nullable String phone,
            @Nullable OrderStatus status,
            @Nullable Instant from,
            @Nullable Instant to) {

        private static final Pattern NUMBER = Pattern.compile("[A-Za-z]{1,5}-[0-9]{1,18}");
        private static final Pattern EMAIL = Pattern.compile("[^\\s@]{1,64}@[^\\s@]{1,190}");
        private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()/.-]{0,31}");

        public static Filter none() {
            return new Filter(null, null, null, null, null, null);
        }

        /**
         * The filters as a URL or form gives them (blank means none): an order number such as {@code
         * DK-100001}, an email, a phone as in the address, a status code and days ({@code 2026-12-01},
         * UTC; {@code to} is included).
         *
         * @throws ProblemException 400 naming every field that is not valid
         */
        public static Filter parse(
                @Nullable String number,
                @Nullable String email,
                @Nullable String phone,
                @Nullable String status,
                @Nullable String from,
                @Nullable String to) {
            List<ProblemException.FieldProblem> problems = new ArrayList<>();
            String n = text(number, NUMBER, "number", "an order number such as DK-100001", problems);
            String e = text(email, EMAIL, "email", "an email address", problems);
            String p = text(phone, PHONE, "phone", "a phone number", problems);
            OrderStatus s = null;
            if (status != null && !status.isBlank()) {
                try {
                    s = OrderStatus.fromCode(status.strip());
                    if (!s.isPlaced()) {
                        problems.add(new ProblemException.FieldProblem("status", "a status of a placed order"));
                    }
                } catch (ProblemException bad) {
                    problems.add(new ProblemException.FieldProblem("status", "a status of a placed order"));
                }
            }
            Instant f = day(from, "from", 0, problems);
            Instant t = day(to, "to", 1, problems);
            if (f != null && t != null && !f.isBefore(t)) {
                problems.add(new ProblemException.FieldProblem("to", "on or after the first day"));
            }
            if (!problems.isEmpty()) {
                throw new ProblemException(
                        HttpStatus.BAD_REQUEST,
                        "validation",
                        "Invalid input",
                        problems.stream()
                                .map(x -> x.field() + ": " + x.message())
                                .collect(Collectors.joining("; ")),
                        problems);
            }
            return new Filter(n, e, p, s, f, t);
        }

        private static @Nullable String text(
                @Nullable String value,
                Pattern pattern,
                String field,
                String expected,
                List<ProblemException.FieldProblem> problems) {
            if (value == null || value.isBlank()) {
                return null;
            }
            if (!pattern.matcher(value.strip()).matches()) {
                problems.add(new ProblemException.FieldProblem(field, expected));
                return null;
            }
            return value.strip();
        }

        private static @Nullable Instant day(
                @Nullable String value, String field, int plusDays, List<ProblemException.FieldProblem> problems) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                LocalDate day = LocalDate.parse(value.strip());
                // further out, the next day or the database's timestamps overflow
                if (day.getYear() >= 1970 && day.getYear() <= 9999) {
                    return day.plusDays(plusDays).atStartOfDay().toInstant(ZoneOffset.UTC);
                }
            } catch (DateTimeParseException bad) {
                // refused below
            }
            problems.add(new ProblemException.FieldProblem(field, "a day such as 2026-12-01, in 1970 to 9999"));
            return null;
        }
    }

    /** One row of the list; for a seller {@code total} and {@code units} are its own lines'. */
    record Row(
            String number,
            OrderStatus status,
            String email,
            Money total,
            int units,
            @Nullable Instant paidAt) {}

    record Page(List<Row> items, long total) {}

    /** A line with what was paid for it and how many of its units were paid back. */
    record Line(
            UUID id,
            String sku,
            String productName,
            String variantName,
            int quantity,
            Money unitPrice,
            Money paidTotal,
            int refundedQuantity) {

        public int refundableQuantity() {
            return quantity - refundedQuantity;
        }
    }

    /**
     * The order's money (admins only); {@code refundable} is what may still be refunded, of a
     * refunded or cancelled order only money the payment provider refused.
     */
    record Amounts(
            Money subtotal,
            Money discounts,
            Money shipping,
            Money tax,
            boolean taxInclusive,
            Money total,
            Money refunded,
            Money refundable) {}

    /**
     * The order's payment (admins only): the provider, its reference, what was paid and paid back;
     * {@code openDisputes} are chargebacks not yet ended, for which the page warns before shipping.
     */
    record Payment(
            @Nullable String provider,
            @Nullable String reference,
            Money paid,
            Money refunded,
            List<OpenDispute> openDisputes) {}

    /** A step of the order's history; {@code note} is the recorded text (admins only). */
    record Event(
            Instant at,
            CustomerOrders.EventKind kind,
            OrderStatus status,
            @Nullable String note) {}

    /**
     * An order as the operator sees it; {@code shippingName} is the name stored with the order, which
     * pages show in their language by the address's country and {@code shippingCode} (ShippingNames);
     * {@code refundingReturns} are the waiting returns whose acceptance would refund money (admins
     * only).
     */
    record Detail(
            String number,
            OrderStatus status,
            boolean sellerView,
            String email,
            @Nullable UUID customerId,
            Address address,
            String shippingCode,
            String shippingName,
            @Nullable String couponCode,
            List<Line> lines,
            @Nullable Amounts amounts,
            @Nullable Payment payment,
            @Nullable String carrier,
            @Nullable String trackingNumber,
            @Nullable String cancelReason,
            Instant createdAt,
            @Nullable Instant paidAt,
            @Nullable Instant fulfilledAt,
            @Nullable Instant closedAt,
            List<Event> timeline,
            List<CustomerOrders.Return> returns,
            Set<UUID> refundingReturns,
            CustomerOrders.@Nullable ReceiptLink receipt) {

        public boolean canFulfil() {
            return !sellerView && status == OrderStatus.PAID;
        }

        /** Not while the payment is disputed: it cannot be refunded then (the cancel is refused, 409). */
        public boolean canCancel() {
            return !sellerView && status == OrderStatus.PAID && !disputed();
        }

        /** Whether the customer's bank disputes the payment now (admins only). */
        public boolean disputed() {
            return payment != null && !payment.openDisputes().isEmpty();
        }

        /**
         * Not while the payment is disputed, as {@link #canCancel}; a refunded or cancelled order
         * while money the provider refused is left to refund.
         */
        public boolean canRefund() {
            return !disputed()
                    && !sellerView
                    && amounts != null
                    && amounts.refundable().minor() > 0;
        }

        public boolean canDecideReturns() {
            return !sellerView;
        }

        /**
         * Whether the return may be accepted now: while the payment is disputed only if that refunds
         * nothing (its units were refunded already, or paid nothing), since a disputed payment cannot
         * be refunded.
         */
        public boolean canAccept(CustomerOrders.Return ret) {
            return canDecideReturns() && (!disputed() || !refundingReturns.contains(ret.id()));
        }
    }

    /** A refund as done: its amount, and whether the same request had refunded already (nothing new). */
    record RefundOutcome(@Nullable Money amount, boolean repeated) {}

    /** The operator's page of orders. 403 for an account that is neither admin nor seller. */
    Page search(Filter filter, Sort sort, boolean descending, int page, int size);

    /** A CSV file to be written, for the operator who asked for it. */
    @FunctionalInterface
    interface CsvExport {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * The operator's orders as CSV, one row per line (a seller's: its lines only, without the
     * order's totals), written a page of orders at a time; cells that a spreadsheet would run as
     * formulas are neutralised. Who may see what is decided now (403 for others), so the file can
     * be written on another thread.
     */
    CsvExport exportCsv(Filter filter, Sort sort, boolean descending);

    /**
     * One placed order as the operator may see it. 404 for an unknown number or a draft; 403 for a
     * seller's look at an order without its products (written to the audit log).
     */
    Detail detail(String number);

    /**
     * Marks a paid order shipped. Carrier and tracking number are optional; when given they must be
     * short plain text (400 naming {@code carrier} or {@code tracking_number}). 409 unless paid.
     */
    void fulfil(String number, @Nullable String carrier, @Nullable String trackingNumber);

    /**
     * Cancels a paid, unshipped order and refunds it. 409 once shipped or closed, and 409 {@code
     * payment-disputed} while its payment is disputed.
     */
    void cancel(String number, String reason);

    /**
     * Refunds an amount or units of lines (never both), at most what is left. {@code requestKey}
     * identifies the request: repeating it refunds nothing more (a refreshed or twice-sent form).
     * 400 naming {@code amount} or {@code lines} for bad input, 409 beyond what is refundable.
     */
    RefundOutcome refund(
            String number, @Nullable Money amount, Map<UUID, Integer> units, String reason, String requestKey);

    /**
     * Checks before showing an action's form that the operator may take it: admins may; anyone
     * else gets 403, and the attempt ({@code action}: fulfil, cancel, refund, return) is written to
     * the audit log.
     */
    void requireAction(String number, String action);

    /** Accepts a waiting return of the order: refunds its units and restocks them. */
    void acceptReturn(String number, UUID returnId, @Nullable String reason);

    /** Rejects a waiting return of the order; {@code reason} tells the customer why. */
    void rejectReturn(String number, UUID returnId, String reason);
}
