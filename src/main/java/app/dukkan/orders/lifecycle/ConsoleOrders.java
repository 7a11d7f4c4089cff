package app.dukkan.orders.lifecycle;

import app.dukkan.catalog.SellerProducts;
import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.identity.CurrentUser;
import app.dukkan.identity.Role;
import app.dukkan.orders.CustomerOrders;
import app.dukkan.orders.OrderConsole;
import app.dukkan.orders.OrderStatus;
import app.dukkan.orders.domain.Order;
import app.dukkan.orders.domain.OrderLine;
import app.dukkan.orders.domain.OrderRepository;
import app.dukkan.orders.receipt.ReceiptLinks;
import app.dukkan.payments.OpenDispute;
import app.dukkan.payments.PaymentIntent;
import app.dukkan.payments.Payments;
import app.dukkan.platform.AuditLog;
import app.dukkan.platform.Money;
import app.dukkan.platform.ProblemException;
import app.dukkan.platform.SpreadsheetCells;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link OrderConsole}: the list and export read the orders table directly (one statement a page,
 * a seller's orders through {@code order_lines_product_idx}); the detail reads the order; the
 * actions are {@link OrderOperations}' (the JSON API's too), which audit them.
 */
@Component
class ConsoleOrders implements OrderConsole {

    private static final int EXPORT_PAGE = 500;
    private static final int REQUEST_KEY_MAX = 100;

    private final OrderRepository orders;
    private final OrderOperations operations;
    private final Returns returns;
    private final ReceiptLinks receipts;
    private final Payments payments;
    private final SellerProducts sellerProducts;
    private final CurrentUser currentUser;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final TransactionTemplate snapshot;
    private final RefundRefusals refusals;

    ConsoleOrders(
            OrderRepository orders,
            OrderOperations operations,
            Returns returns,
            ReceiptLinks receipts,
            Payments payments,
            SellerProducts sellerProducts,
            CurrentUser currentUser,
            AuditLog audit,
            JdbcClient jdbc,
            PlatformTransactionManager transactionManager,
            RefundRefusals refusals) {
        this.orders = orders;
        this.operations = operations;
        this.returns = returns;
        this.receipts = receipts;
        this.payments = payments;
        this.sellerProducts = sellerProducts;
        this.currentUser = currentUser;
        this.audit = audit;
        this.jdbc = jdbc;
        this.refusals = refusals;
        // the export's pages all read one snapshot: orders paid or changed while it runs neither
        // repeat a row nor push one out of the file
        this.snapshot = new TransactionTemplate(transactionManager);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
    }

    /** Who looks: an admin ({@code products} null) or a seller with the ids of its products. */
    private record Viewer(AuthenticatedUser user, @Nullable Set<UUID> products) {

        boolean seller() {
            return products != null;
        }

        boolean sees(OrderLine line) {
            return products == null || products.contains(line.productId());
        }
    }

    private Viewer viewer() {
        AuthenticatedUser user = currentUser.require();
        if (user.isAdmin()) {
            return new Viewer(user, null);
        }
        if (user.has(Role.SELLER)) {
            return new Viewer(user, sellerProducts.productIds(user.id().value()));
        }
        throw ProblemException.forbidden("Only admins and sellers read orders");
    }

    /** The admin who acts; anyone else's attempt is refused (403) and written to the audit log. */
    private AuthenticatedUser admin(String number, String action) {
        AuthenticatedUser user = currentUser.require();
        if (!user.isAdmin()) {
            audit.record("order.access-denied", "order", number, null, Map.of("action", action));
            throw ProblemException.forbidden("Only admins manage orders");
        }
        return user;
    }

    // --- the list --------------------------------------------------------------------------

    /** A row as read, with the order's id for the export's lines. */
    private record Found(UUID id, Row row) {}

    @Override
    public Page search(Filter filter, Sort sort, boolean descending, int page, int size) {
        Viewer viewer = viewer();
        if (viewer.seller() && viewer.products().isEmpty()) {
            return new Page(List.of(), 0);
        }
        List<Object> params = new ArrayList<>();
        String where = where(viewer.products(), filter, params);
        long total = jdbc.sql("select count(*) from orders o" + where)
                .params(params)
                .query(Long.class)
                .single();
        List<Row> rows = rows(viewer, filter, sort, descending, size, (long) page * size).stream()
                .map(Found::row)
                .toList();
        return new Page(rows, total);
    }

    private List<Found> rows(Viewer viewer, Filter filter, Sort sort, boolean descending, int limit, long offset) {
        Query query = rowsQuery(viewer.products(), filter, sort, descending, limit, offset);
        return jdbc.sql(query.sql())
                .params(query.params())
                .query(ConsoleOrders::found)
                .list();
    }

    /** A statement and its positional parameters. */
    record Query(String sql, List<Object> params) {}

    /**
     * The page of the list: an admin's ({@code products} null) with the orders' totals, or a seller's
     * with its lines' paid total and units.
     */
    static Query rowsQuery(
            @Nullable Set<UUID> products, Filter filter, Sort sort, boolean descending, int limit, long offset) {
        List<Object> params = new ArrayList<>();
        String shown;
        if (products != null) {
            params.add(products.toArray(UUID[]::new));
            shown = """
                    select o.id, o.number, o.status, o.email, o.currency, o.paid_at, s.paid as shown_minor, s.units
                    from orders o cross join lateral (
                        select coalesce(sum(l.paid_minor), 0) as paid, coalesce(sum(l.quantity), 0) as units
                        from order_lines l where l.order_id = o.id and l.product_id = any(cast(? as uuid[]))) s""";
        } else {
            shown = """
                    select o.id, o.number, o.status, o.email, o.currency, o.paid_at, o.total_minor as shown_minor,
                        (select coalesce(sum(l.quantity), 0) from order_lines l where l.order_id = o.id) as units
                    from orders o""";
        }
        String where = where(products, filter, params);
        String direction = descending ? "desc" : "asc";
        String order = switch (sort) {
            case PLACED -> "o.paid_at " + direction + ", o.id " + direction;
            case TOTAL -> "shown_minor " + direction + ", o.id desc";
            case STATUS -> "o.status " + direction + ", o.id desc";
        };
        params.add(limit);
        params.add(offset);
        return new Query(shown + where + " order by " + order + " limit ? offset ?", params);
    }

    private static Found found(ResultSet rs, int n) throws SQLException {
        Timestamp paid = rs.getTimestamp("paid_at");
        return new Found(
                rs.getObject("id", UUID.class),
                new Row(
                        rs.getString("number"),
                        OrderStatus.fromCode(rs.getString("status")),
                        rs.getString("email"),
                        Money.ofMinor(rs.getLong("shown_minor"), rs.getString("currency")),
                        rs.getInt("units"),
                        paid == null ? null : paid.toInstant()));
    }

    /** The filters as a where clause over {@code orders o}; their values are added to {@code params}. */
    private static String where(@Nullable Set<UUID> products, Filter filter, List<Object> params) {
        StringBuilder where = new StringBuilder(" where o.number is not null");
        if (products != null) {
            where.append(" and o.id in (select l.order_id from order_lines l"
                    + " where l.product_id = any(cast(? as uuid[])))");
            params.add(products.toArray(UUID[]::new));
        }
        if (filter.number() != null) {
            where.append(" and o.number = ?");
            params.add(filter.number().strip().toUpperCase(Locale.ROOT));
        }
        if (filter.email() != null) {
            where.append(" and lower(o.email) = ?");
            params.add(filter.email().strip().toLowerCase(Locale.ROOT));
        }
        if (filter.phone() != null) {
            where.append(" and o.phone = ?");
            params.add(filter.phone().strip());
        }
        if (filter.status() != null) {
            where.append(" and o.status = ?");
            params.add(filter.status().code());
        }
        if (filter.from() != null) {
            where.append(" and o.paid_at >= ?");
            params.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            where.append(" and o.paid_at < ?");
            params.add(Timestamp.from(filter.to()));
        }
        return where.toString();
    }

    // --- the export ------------------------------------------------------------------------

    @Override
    public CsvExport exportCsv(Filter filter, Sort sort, boolean descending) {
        Viewer viewer = viewer();
        return out -> {
            // written to a file of its own first: the snapshot's transaction (and its connection)
            // never waits for a slow download
            Path file = Files.createTempFile("orders-export-", ".csv");
            try {
                try (OutputStream buffered = Files.newOutputStream(file)) {
                    snapshot.executeWithoutResult(status -> {
                        try {
                            writeCsv(viewer, filter, sort, descending, buffered);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
                Files.copy(file, out);
            } finally {
                Files.deleteIfExists(file);
            }
        };
    }

    private void writeCsv(Viewer viewer, Filter filter, Sort sort, boolean descending, OutputStream out)
            throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CSVPrinter printer = new CSVPrinter(writer, SpreadsheetCells.WRITE);
        List<String> header = new ArrayList<>(List.of(
                "number",
                "status",
                "paid_at",
                "email",
                "country",
                "sku",
                "product",
                "variant",
                "quantity",
                "unit_price",
                "line_paid",
                "refunded_quantity",
                "currency"));
        if (!viewer.seller()) {
            header.addAll(List.of("order_total", "order_refunded", "carrier", "tracking_number"));
        }
        printer.printRecord(header);
        if (viewer.seller() && viewer.products().isEmpty()) {
            printer.flush();
            return;
        }
        for (long offset = 0; ; offset += EXPORT_PAGE) {
            List<Found> page = rows(viewer, filter, sort, descending, EXPORT_PAGE, offset);
            if (page.isEmpty()) {
                break;
            }
            Map<UUID, Order> loaded = new LinkedHashMap<>();
            orders.findAll(page.stream().map(Found::id).toList()).forEach(order -> loaded.put(order.id(), order));
            for (Found found : page) {
                Order order = loaded.get(found.id());
                if (order == null) {
                    continue;
                }
                for (OrderLine line : order.lines()) {
                    if (!viewer.sees(line)) {
                        continue;
                    }
                    List<String> cells = new ArrayList<>(List.of(
                            order.number(),
                            order.status().code(),
                            order.paidAt() == null ? "" : order.paidAt().toString(),
                            order.email(),
                            order.address().country(),
                            line.sku(),
                            line.productName(),
                            line.variantName(),
                            Integer.toString(line.quantity()),
                            line.unitPrice().amount().toPlainString(),
                            line.paidTotal().amount().toPlainString(),
                            Integer.toString(line.refundedQuantity()),
                            order.currency()));
                    if (!viewer.seller()) {
                        cells.addAll(List.of(
                                order.totals().total().amount().toPlainString(),
                                order.refunded().amount().toPlainString(),
                                text(order.tracking(), "carrier"),
                                text(order.tracking(), "tracking_number")));
                    }
                    printer.printRecord(
                            cells.stream().map(SpreadsheetCells::neutralise).toList());
                }
            }
            printer.flush();
            if (page.size() < EXPORT_PAGE) {
                break;
            }
        }
        printer.flush();
    }

    private static String text(@Nullable Map<String, Object> tracking, String key) {
        Object value = tracking == null ? null : tracking.get(key);
        return value == null ? "" : value.toString();
    }

    // --- one order -------------------------------------------------------------------------

    @Override
    public Detail detail(String number) {
        Viewer viewer = viewer();
        Order order = placed(number);
        List<OrderLine> lines = order.lines().stream().filter(viewer::sees).toList();
        if (viewer.seller() && lines.isEmpty()) {
            // no transaction here: the entry stays although the request fails
            audit.record("order.access-denied", "order", order.number(), null, Map.of());
            throw ProblemException.forbidden("This order has none of your products");
        }
        Set<UUID> shownLines = lines.stream().map(OrderLine::id).collect(Collectors.toSet());
        List<CustomerOrders.Return> orderReturns = returns.ofOrder(order.id()).stream()
                .filter(r -> shownLines.contains(r.lineId()))
                .map(CustomerOrderService::view)
                .toList();
        List<Event> timeline = orders.historyOf(order.id()).stream()
                .filter(entry -> CustomerOrderService.kindOf(entry.note()) != null)
                .map(entry -> new Event(
                        entry.at(),
                        Objects.requireNonNull(CustomerOrderService.kindOf(entry.note())),
                        OrderStatus.fromCode(entry.status()),
                        viewer.seller() ? null : entry.note()))
                .toList();
        boolean admin = !viewer.seller();
        var totals = order.totals();
        Amounts amounts = admin
                ? new Amounts(
                        totals.subtotal(),
                        totals.discounts(),
                        totals.shipping(),
                        totals.tax(),
                        totals.taxInclusive(),
                        totals.total(),
                        order.refunded(),
                        refusals.refundable(order))
                : null;
        Payment payment = admin ? payment(order) : null;
        return new Detail(
                order.number(),
                order.status(),
                viewer.seller(),
                order.email(),
                admin ? order.customerId() : null,
                order.address(),
                order.shippingCode(),
                order.shippingName(),
                admin ? order.couponCode() : null,
                lines.stream()
                        .map(line -> new Line(
                                line.id(),
                                line.sku(),
                                line.productName(),
                                line.variantName(),
                                line.quantity(),
                                line.unitPrice(),
                                line.paidTotal(),
                                line.refundedQuantity()))
                        .toList(),
                amounts,
                payment,
                nullable(order.tracking(), "carrier"),
                nullable(order.tracking(), "tracking_number"),
                order.cancelReason(),
                order.createdAt(),
                order.paidAt(),
                order.fulfilledAt(),
                order.closedAt(),
                timeline,
                orderReturns,
                admin
                        ? orderReturns.stream()
                                .filter(r -> r.waiting()
                                        && order.returnRefund(r.lineId(), r.quantity())
                                                        .minor()
                                                > 0)
                                .map(CustomerOrders.Return::id)
                                .collect(Collectors.toUnmodifiableSet())
                        : Set.of(),
                admin ? receipts.of(order.id()).orElse(null) : null);
    }

    private Payment payment(Order order) {
        Money paid = order.totals().total();
        String provider = null;
        List<OpenDispute> disputes = List.of();
        if (order.paymentId() != null) {
            var intent = payments.intent(order.paymentId());
            provider = intent.map(PaymentIntent::provider).orElse(null);
            paid = intent.map(PaymentIntent::amount).orElse(paid);
            disputes = payments.openDisputes(order.paymentId());
        }
        return new Payment(provider, order.providerPaymentId(), paid, order.refunded(), disputes);
    }

    private static @Nullable String nullable(@Nullable Map<String, Object> tracking, String key) {
        Object value = tracking == null ? null : tracking.get(key);
        return value == null ? null : value.toString();
    }

    private Order placed(String number) {
        return orders.findByNumber(number)
                .filter(order -> order.status().isPlaced())
                .orElseThrow(() -> ProblemException.notFound("order", number));
    }

    // --- actions ---------------------------------------------------------------------------

    @Override
    public void requireAction(String number, String action) {
        admin(number, action);
    }

    @Override
    public void fulfil(String number, @Nullable String carrier, @Nullable String trackingNumber) {
        AuthenticatedUser actor = admin(number, "fulfil");
        placed(number);
        operations.fulfil(number, carrier, trackingNumber, actor.id().value());
    }

    @Override
    public void cancel(String number, String reason) {
        AuthenticatedUser actor = admin(number, "cancel");
        placed(number);
        operations.cancel(number, reason(reason, "reason"), actor.id().value());
    }

    @Override
    public RefundOutcome refund(
            String number, @Nullable Money amount, Map<UUID, Integer> units, String reason, String requestKey) {
        AuthenticatedUser actor = admin(number, "refund");
        if (requestKey.isBlank() || requestKey.length() > REQUEST_KEY_MAX) {
            throw ProblemException.invalid("request_key", "missing or longer than " + REQUEST_KEY_MAX);
        }
        String why = reason(reason, "reason");
        if (amount == null && units.isEmpty()) {
            throw ProblemException.invalid("amount", "give an amount or units of lines to refund");
        }
        placed(number);
        OrderOperations.RefundResult result = operations.refund(
                number,
                amount,
                units,
                why,
                null,
                "console-" + requestKey,
                actor.id().value());
        return new RefundOutcome(result.amount(), result.amount() == null);
    }

    @Override
    public void acceptReturn(String number, UUID returnId, @Nullable String reason) {
        AuthenticatedUser actor = admin(number, "accept-return");
        returnOf(number, returnId);
        operations.acceptReturn(
                returnId,
                null,
                null,
                reason == null || reason.isBlank() ? null : reason.strip(),
                actor.id().value());
    }

    @Override
    public void rejectReturn(String number, UUID returnId, String reason) {
        AuthenticatedUser actor = admin(number, "reject-return");
        returnOf(number, returnId);
        operations.rejectReturn(returnId, reason(reason, "reason"), actor.id().value());
    }

    private void returnOf(String number, UUID returnId) {
        returns.find(returnId)
                .filter(r -> r.orderNumber().equals(number))
                .orElseThrow(() -> ProblemException.notFound("return", returnId));
    }

    private static String reason(@Nullable String reason, String field) {
        if (reason == null || reason.isBlank()) {
            throw ProblemException.invalid(field, "must not be blank");
        }
        String value = reason.strip();
        if (value.length() > 500) {
            throw ProblemException.invalid(field, "at most 500 characters");
        }
        return value;
    }
}
