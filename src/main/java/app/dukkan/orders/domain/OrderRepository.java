package app.dukkan.orders.domain;

import app.dukkan.checkout.Address;
import app.dukkan.orders.CheckoutStep;
import app.dukkan.orders.OrderStatus;
import app.dukkan.payments.PaymentStatus;
import app.dukkan.platform.Money;
import app.dukkan.privacy.DataSubject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Orders and their lines, written whole: an order is small and changes rarely after payment. */
@Repository
public class OrderRepository {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
    private static final String COLUMNS = """
            id, number, status, payment_status, customer_id, cart_id, email, address, shipping_code,
            shipping_name, coupon_code, currency, subtotal_minor, discount_minor, shipping_minor, tax_minor,
            tax_rate, tax_inclusive, total_minor, refunded_minor, revision, payment_id, provider_payment_id,
            reserved_until, cancel_reason, tracking, created_at, updated_at, paid_at, fulfilled_at, closed_at,
            checkout_step
            """;

    private static final String LINE_COLUMNS = """
            l.id as line_id, l.position as line_position, l.variant_id as line_variant_id,
            l.product_id as line_product_id, l.sku as line_sku, l.product_name as line_product_name,
            l.variant_name as line_variant_name, l.product_slug as line_product_slug,
            l.unit_price_minor as line_unit_price_minor, l.quantity as line_quantity,
            l.paid_minor as line_paid_minor, l.refunded_quantity as line_refunded_quantity""";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ResultSetExtractor<List<Order>> ordersWithLines = this::assemble;

    OrderRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<Order> find(UUID id) {
        return one("select " + COLUMNS + " from orders where id = ?", id);
    }

    /** Locks the order until the transaction ends: every state change starts here. */
    public Optional<Order> lock(UUID id) {
        return one("select " + COLUMNS + " from orders where id = ? for update", id);
    }

    public Optional<Order> lockByNumber(String number) {
        return one("select " + COLUMNS + " from orders where number = ? for update", number);
    }

    public Optional<Order> findByNumber(String number) {
        return one("select " + COLUMNS + " from orders where number = ?", number);
    }

    /**
     * Takes the turn of the carts' drafts until the transaction ends: one draft of a cart is made or
     * moved at a time. The draft's row may not exist yet to lock, so the lock is one of PostgreSQL's
     * advisory locks keyed by the cart; several are taken in one order, so two takers never deadlock.
     */
    public void lockDraftsOf(UUID... cartIds) {
        for (UUID cartId : Arrays.stream(cartIds).sorted().distinct().toList()) {
            jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
                    .param("key", "dukkan.orders.cart-drafts:" + cartId)
                    .query()
                    .singleRow();
        }
    }

    /** The draft a cart already has (at most one is open per cart, see {@link #lockDraftsOf}), locked. */
    public Optional<Order> lockOpenDraftOf(UUID cartId) {
        return one(
                "select " + COLUMNS + " from orders where cart_id = ? and status in ('draft', 'awaiting_payment')"
                        + " order by created_at desc limit 1 for update",
                cartId);
    }

    /** The draft a cart has open (draft or awaiting payment), if any. */
    public Optional<Order> findOpenDraftOf(UUID cartId) {
        return one(
                "select " + COLUMNS + " from orders where cart_id = ? and status in ('draft', 'awaiting_payment')"
                        + " order by created_at desc limit 1",
                cartId);
    }

    public String nextNumber() {
        return "DK-"
                + jdbc.sql("select nextval('order_numbers')").query(Long.class).single();
    }

    /** A line of an order's history, written by the statement that makes the change it records. */
    public record Note(String text, @Nullable UUID actor, Instant at) {}

    /** Inserts the order, its lines and the first line of its history in one statement. */
    public void insert(Order order, Note note) {
        Map<String, @Nullable Object> params = state(order);
        params.put("currency", order.currency());
        params.put("created", Timestamp.from(order.createdAt()));
        StringBuilder sql = new StringBuilder("""
                with new_order as (
                    insert into orders (id, customer_id, cart_id, currency, created_at, number, status,
                        payment_status, email, phone, address, shipping_code, shipping_name, coupon_code,
                        subtotal_minor, discount_minor, shipping_minor, tax_minor, tax_rate, tax_inclusive,
                        total_minor, refunded_minor, revision, payment_id, provider_payment_id, reserved_until,
                        cancel_reason, tracking, updated_at, paid_at, fulfilled_at, closed_at, checkout_step)
                    values (:id, :customer, :cart, :currency, :created, :number, :status, :paymentStatus,
                        :email, :phone, :address::jsonb, :shippingCode, :shippingName, :coupon, :subtotal,
                        :discount, :shipping, :tax, :taxRate, :taxInclusive, :total, :refunded, :revision,
                        :paymentId, :providerPaymentId, :reservedUntil, :cancelReason, :tracking::jsonb,
                        :updated, :paid, :fulfilled, :closed, :checkoutStep))""");
        if (!order.lines().isEmpty()) {
            sql.append(", new_lines as (").append(linesInsert(order, params)).append(')');
        }
        sql.append(' ').append(historyInsert(note, params));
        jdbc.sql(sql.toString()).params(params).update();
    }

    /** Writes the order's state and, when they changed, its lines. */
    public void save(Order order) {
        write(order, null);
    }

    /** Writes the order's state and a line of its history (one statement), and changed lines. */
    public void save(Order order, Note note) {
        write(order, note);
    }

    private void write(Order order, @Nullable Note note) {
        Map<String, @Nullable Object> params = state(order);
        String history = note == null ? "" : "with history as (" + historyInsert(note, params) + ") ";
        jdbc.sql(history + """
                        update orders set customer_id = :customer, cart_id = :cart,
                            number = :number, status = :status, payment_status = :paymentStatus,
                            email = :email, phone = :phone, address = :address::jsonb, shipping_code = :shippingCode,
                            shipping_name = :shippingName, coupon_code = :coupon, subtotal_minor = :subtotal,
                            discount_minor = :discount, shipping_minor = :shipping, tax_minor = :tax,
                            tax_rate = :taxRate, tax_inclusive = :taxInclusive, total_minor = :total,
                            refunded_minor = :refunded, revision = :revision, payment_id = :paymentId,
                            provider_payment_id = :providerPaymentId, reserved_until = :reservedUntil,
                            cancel_reason = :cancelReason, tracking = :tracking::jsonb, updated_at = :updated,
                            paid_at = :paid, fulfilled_at = :fulfilled, closed_at = :closed,
                            checkout_step = :checkoutStep
                        where id = :id
                        """).params(params).update();
        if (order.linesChanged()) {
            jdbc.sql("delete from order_lines where order_id = ?")
                    .param(order.id())
                    .update();
            Map<String, @Nullable Object> lineParams = new HashMap<>();
            lineParams.put("id", order.id());
            jdbc.sql(linesInsert(order, lineParams)).params(lineParams).update();
        } else if (order.refundedUnitsChanged()) {
            List<OrderLine> lines = order.lines();
            jdbc.sql("""
                            update order_lines l set refunded_quantity = r.refunded
                            from unnest(cast(? as uuid[]), cast(? as int[])) as r (id, refunded) where l.id = r.id
                            """)
                    .params(
                            lines.stream().map(OrderLine::id).toArray(UUID[]::new),
                            lines.stream().map(OrderLine::refundedQuantity).toArray(Integer[]::new))
                    .update();
        }
    }

    /** One insert of all the order's lines; their values are added to {@code params}. */
    private static String linesInsert(Order order, Map<String, @Nullable Object> params) {
        StringBuilder sql = new StringBuilder("""
                insert into order_lines (id, order_id, position, variant_id, product_id, sku,
                    product_name, variant_name, product_slug, unit_price_minor, quantity, paid_minor,
                    refunded_quantity)
                values\s""");
        List<OrderLine> lines = order.lines();
        for (int i = 0; i < lines.size(); i++) {
            OrderLine line = lines.get(i);
            String n = "line" + i + "_";
            sql.append(i == 0 ? "" : ", ")
                    .append(
                            "(:%1$sid, :id, :%1$sposition, :%1$svariant, :%1$sproduct, :%1$ssku, :%1$sproductName, :%1$svariantName, :%1$sslug, :%1$sprice, :%1$squantity, :%1$spaid, :%1$srefunded)"
                                    .formatted(n));
            params.put(n + "id", line.id());
            params.put(n + "position", line.position());
            params.put(n + "variant", line.variantId());
            params.put(n + "product", line.productId());
            params.put(n + "sku", line.sku());
            params.put(n + "productName", line.productName());
            params.put(n + "variantName", line.variantName());
            params.put(n + "slug", line.productSlug());
            params.put(n + "price", line.unitPrice().minor());
            params.put(n + "quantity", line.quantity());
            params.put(n + "paid", line.paidTotal().minor());
            params.put(n + "refunded", line.refundedQuantity());
        }
        return sql.toString();
    }

    /** An insert of the history line at the order's current status; its values go to {@code params}. */
    private static String historyInsert(Note note, Map<String, @Nullable Object> params) {
        params.put("noteText", note.text());
        params.put("noteActor", uuid(note.actor()));
        params.put("noteAt", Timestamp.from(note.at()));
        return "insert into order_history (order_id, at, status, note, actor_id) values (:id, :noteAt, :status, :noteText, :noteActor)";
    }

    /** The order's state as statement parameters, shared by insert and update. */
    private Map<String, @Nullable Object> state(Order order) {
        Totals t = order.totals();
        Map<String, @Nullable Object> state = new HashMap<>();
        state.put("id", order.id());
        state.put("customer", uuid(order.customerId()));
        state.put("cart", uuid(order.cartId()));
        state.put("number", text(order.number()));
        state.put("status", order.status().code());
        state.put("paymentStatus", code(order.paymentStatus()));
        state.put("email", order.email());
        state.put("phone", text(order.address().phone()));
        state.put("address", json.writeValueAsString(order.address()));
        state.put("shippingCode", text(order.shippingCode()));
        state.put("shippingName", text(order.shippingName()));
        state.put("coupon", text(order.couponCode()));
        state.put("subtotal", t.subtotal().minor());
        state.put("discount", t.discounts().minor());
        state.put("shipping", t.shipping().minor());
        state.put("tax", t.tax().minor());
        state.put("taxRate", t.taxRatePercent());
        state.put("taxInclusive", t.taxInclusive());
        state.put("total", t.total().minor());
        state.put("refunded", order.refunded().minor());
        state.put("revision", order.revision());
        state.put("paymentId", uuid(order.paymentId()));
        state.put("providerPaymentId", text(order.providerPaymentId()));
        state.put("reservedUntil", timestamp(order.reservedUntil()));
        state.put("cancelReason", text(order.cancelReason()));
        state.put("tracking", text(order.tracking() == null ? null : json.writeValueAsString(order.tracking())));
        state.put("updated", Timestamp.from(order.updatedAt()));
        state.put("paid", timestamp(order.paidAt()));
        state.put("fulfilled", timestamp(order.fulfilledAt()));
        state.put("closed", timestamp(order.closedAt()));
        state.put("checkoutStep", order.storedCheckoutStep().name().toLowerCase(Locale.ROOT));
        return state;
    }

    /*
     * Nullable parameters carry their type: the driver binds a bare null as of unknown type, and a
     * statement whose parameter types differ from its last call is prepared and planned anew.
     */
    private static SqlParameterValue text(@Nullable String value) {
        return new SqlParameterValue(Types.VARCHAR, value);
    }

    private static SqlParameterValue uuid(@Nullable UUID value) {
        return new SqlParameterValue(Types.OTHER, "uuid", value);
    }

    /** Records the intent of a payment that is still awaited for that revision of the order. */
    public void attachPayment(UUID id, int revision, UUID paymentId, String providerPaymentId, Instant now) {
        jdbc.sql("""
                        update orders set payment_id = ?, provider_payment_id = ?, updated_at = ?
                        where id = ? and revision = ? and status = 'awaiting_payment'
                        """)
                .params(paymentId, providerPaymentId, Timestamp.from(now), id, revision)
                .update();
    }

    public void history(UUID orderId, OrderStatus status, String note, @Nullable UUID actor, Instant at) {
        jdbc.sql("insert into order_history (order_id, at, status, note, actor_id) values (?, ?, ?, ?, ?)")
                .params(orderId, Timestamp.from(at), status.code(), note, actor)
                .update();
    }

    public record HistoryEntry(Instant at, String status, String note) {}

    public List<HistoryEntry> historyOf(UUID orderId) {
        return jdbc.sql("select at, status, note from order_history where order_id = ? order by id")
                .param(orderId)
                .query((rs, n) -> new HistoryEntry(
                        rs.getTimestamp("at").toInstant(), rs.getString("status"), rs.getString("note")))
                .list();
    }

    /** Filters for the placed orders (those with a number), newest first. */
    /**
     * @param phone the address's phone, as typed at checkout (the console's search)
     * @param chatPhone the WhatsApp number the order was placed from (the chat's own look-ups)
     */
    public record Search(
            @Nullable UUID customerId,
            @Nullable String email,
            @Nullable String phone,
            @Nullable String chatPhone,
            @Nullable OrderStatus status) {}

    public record Page(List<Order> items, long total) {}

    /** Records the WhatsApp number (E.164) that the order is being placed from, in the caller's transaction. */
    public void placedFromChat(UUID orderId, String phone) {
        jdbc.sql("update orders set chat_phone = ? where id = ?")
                .params(phone, orderId)
                .update();
    }

    /** Records the language the order is being placed in (its language code), in the caller's transaction. */
    public void spokenIn(UUID orderId, Locale language) {
        String code = language.getLanguage();
        if (code.isEmpty()) {
            return;
        }
        jdbc.sql("update orders set language = ? where id = ? and language is distinct from ?")
                .params(code, orderId, code)
                .update();
    }

    /** The language the order was placed in, if it was recorded. */
    public Optional<Locale> language(UUID orderId) {
        return jdbc.sql("select language from orders where id = ? and language is not null")
                .param(orderId)
                .query(String.class)
                .optional()
                .map(Locale::forLanguageTag);
    }

    /** The WhatsApp numbers (E.164) that orders of the account or email, drafts included, were placed from. */
    public List<String> chatPhones(@Nullable UUID customerId, @Nullable String email) {
        if (customerId == null && email == null) {
            return List.of();
        }
        Map<String, @Nullable Object> params = new HashMap<>();
        params.put("customer", customerId);
        params.put("email", email == null ? null : email.toLowerCase(Locale.ROOT));
        return jdbc.sql("select distinct chat_phone from orders where chat_phone is not null"
                        + " and (customer_id = :customer or lower(email) = :email)")
                .params(params)
                .query(String.class)
                .list();
    }

    /** The WhatsApp number (E.164) the order was placed from, if it was. */
    public Optional<String> chatPhone(UUID orderId) {
        return jdbc.sql("select chat_phone from orders where id = ? and chat_phone is not null")
                .param(orderId)
                .query(String.class)
                .optional();
    }

    /**
     * The customers of the orders and drafts placed from that WhatsApp number (E.164): each order's
     * account, if any, with its email (an erasure takes the number off the order).
     */
    public List<DataSubject> chatCustomers(String phone) {
        return jdbc.sql("select distinct customer_id, lower(email) as email from orders" + " where chat_phone = ?")
                .param(phone)
                .query((rs, row) ->
                        new DataSubject(rs.getObject("customer_id", UUID.class), rs.getString("email"), null, null))
                .list();
    }

    /** Whether the order was placed from that WhatsApp number (E.164). */
    public boolean fromChat(UUID orderId, String phone) {
        return jdbc.sql("select exists(select 1 from orders where id = ? and chat_phone = ?)")
                .params(orderId, phone)
                .query(Boolean.class)
                .single();
    }

    public Page placed(Search search, int page, int size) {
        StringBuilder where = new StringBuilder(" where number is not null");
        Map<String, Object> params = new java.util.HashMap<>();
        if (search.customerId() != null) {
            where.append(" and customer_id = :customer");
            params.put("customer", search.customerId());
        }
        if (search.email() != null) {
            where.append(" and lower(email) = :email");
            params.put("email", search.email().toLowerCase(Locale.ROOT));
        }
        if (search.phone() != null) {
            where.append(" and phone = :phone");
            params.put("phone", search.phone());
        }
        if (search.chatPhone() != null) {
            where.append(" and chat_phone = :chatPhone");
            params.put("chatPhone", search.chatPhone());
        }
        if (search.status() != null) {
            where.append(" and status = :status");
            params.put("status", search.status().code());
        }
        long total = jdbc.sql("select count(*) from orders" + where)
                .params(params)
                .query(Long.class)
                .single();
        List<Order> items = many(
                "select " + COLUMNS + " from orders" + where
                        + " order by paid_at desc, id desc limit :limit offset :offset",
                params,
                size,
                (long) page * size);
        return new Page(items, total);
    }

    /** The orders with these ids and their lines, in no particular order; unknown ids are left out. */
    public List<Order> findAll(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return joinedWithLines("select " + COLUMNS + " from orders where id = any(cast(? as uuid[]))", "o.id", Map.of())
                .param(ids.toArray(UUID[]::new))
                .query(ordersWithLines);
    }

    private Optional<Order> one(String sql, Object key) {
        return joinedWithLines(sql, "o.created_at", Map.of()).param(key).query(ordersWithLines).stream()
                .findFirst();
    }

    private List<Order> many(String sql, Map<String, Object> params, int limit, long offset) {
        return joinedWithLines(sql, "o.paid_at desc, o.id desc", params)
                .param("limit", limit)
                .param("offset", offset)
                .query(ordersWithLines);
    }

    /**
     * Orders and their lines in one statement: the orders query runs as it is, its rows joined with
     * their lines by {@code order_id} (an index scan per order, whatever the plan) in {@code order}.
     */
    private JdbcClient.StatementSpec joinedWithLines(String ordersQuery, String order, Map<String, Object> params) {
        return jdbc.sql("with o as (" + ordersQuery + ") select o.*, " + LINE_COLUMNS
                        + " from o left join order_lines l on l.order_id = o.id order by " + order + ", l.position")
                .params(params);
    }

    /** One order per run of rows with the same id (the query keeps them together), with its lines. */
    private List<Order> assemble(ResultSet rs) throws SQLException {
        List<Order> orders = new ArrayList<>();
        Order current = null;
        List<OrderLine> lines = new ArrayList<>();
        while (rs.next()) {
            UUID id = rs.getObject("id", UUID.class);
            if (current == null || !current.id().equals(id)) {
                if (current != null) {
                    orders.add(current.withLines(List.copyOf(lines)));
                    lines.clear();
                }
                current = row(rs, 0);
            }
            UUID lineId = rs.getObject("line_id", UUID.class);
            if (lineId != null) {
                lines.add(new OrderLine(
                        lineId,
                        rs.getInt("line_position"),
                        rs.getObject("line_variant_id", UUID.class),
                        rs.getObject("line_product_id", UUID.class),
                        rs.getString("line_sku"),
                        rs.getString("line_product_name"),
                        rs.getString("line_variant_name"),
                        rs.getString("line_product_slug"),
                        Money.ofMinor(rs.getLong("line_unit_price_minor"), current.currency()),
                        rs.getInt("line_quantity"),
                        Money.ofMinor(rs.getLong("line_paid_minor"), current.currency()),
                        rs.getInt("line_refunded_quantity")));
            }
        }
        if (current != null) {
            orders.add(current.withLines(List.copyOf(lines)));
        }
        return orders;
    }

    private Order row(ResultSet rs, int n) throws SQLException {
        String currency = rs.getString("currency");
        String tracking = rs.getString("tracking");
        String paymentStatus = rs.getString("payment_status");
        return new Order(
                        rs.getObject("id", UUID.class),
                        rs.getString("number"),
                        OrderStatus.fromCode(rs.getString("status")),
                        paymentStatus == null ? null : PaymentStatus.valueOf(paymentStatus.toUpperCase(Locale.ROOT)),
                        rs.getObject("customer_id", UUID.class),
                        rs.getObject("cart_id", UUID.class),
                        rs.getString("email"),
                        json.readValue(rs.getString("address"), Address.class),
                        rs.getString("shipping_code"),
                        rs.getString("shipping_name"),
                        rs.getString("coupon_code"),
                        currency,
                        new Totals(
                                Money.ofMinor(rs.getLong("subtotal_minor"), currency),
                                Money.ofMinor(rs.getLong("discount_minor"), currency),
                                Money.ofMinor(rs.getLong("shipping_minor"), currency),
                                Money.ofMinor(rs.getLong("tax_minor"), currency),
                                rs.getBigDecimal("tax_rate").stripTrailingZeros(),
                                rs.getBoolean("tax_inclusive"),
                                Money.ofMinor(rs.getLong("total_minor"), currency)),
                        Money.ofMinor(rs.getLong("refunded_minor"), currency),
                        rs.getInt("revision"),
                        rs.getObject("payment_id", UUID.class),
                        rs.getString("provider_payment_id"),
                        instant(rs, "reserved_until"),
                        rs.getString("cancel_reason"),
                        tracking == null ? null : json.readValue(tracking, MAP),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("updated_at").toInstant(),
                        instant(rs, "paid_at"),
                        instant(rs, "fulfilled_at"),
                        instant(rs, "closed_at"),
                        List.of(),
                        false)
                .withCheckoutStep(
                        CheckoutStep.valueOf(rs.getString("checkout_step").toUpperCase(Locale.ROOT)));
    }

    private static @Nullable String code(@Nullable PaymentStatus status) {
        return status == null ? null : status.name().toLowerCase(Locale.ROOT);
    }

    private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
