package app.dukkan.orders.privacy;

import app.dukkan.orders.receipt.Receipts;
import app.dukkan.platform.FileStore;
import app.dukkan.privacy.DataSubject;
import app.dukkan.privacy.ExportRows;
import app.dukkan.privacy.PersonalData;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Orders, drafts, their lines, returns, refunds, history notes and receipts. An erasure keeps every
 * order with its lines and totals for the accounts, and replaces who bought it: the email by a
 * placeholder, the address by one that keeps only the country (tax), no phone; the customer's words
 * in returns go, operators' notes lose the person's name, email and phone; receipt PDFs (which
 * print the address) are deleted.
 */
@Component
class OrderPersonalData implements PersonalData {

    static final String ERASED_EMAIL = "erased@erased.invalid";

    /**
     * The person's orders and drafts: by account, email or phone, each branch on its index (placed
     * orders on the console's indexes, drafts on V57's). By phone only for someone known by nothing
     * else (a chat's customer asked for by phone): a phone in an account holder's address may be
     * shared with others (a household, a company's switchboard), whose orders are not theirs.
     */
    private static final String ORDERS = """
            select id from orders where number is not null and customer_id = :user
            union select id from orders where number is not null and lower(email) = :email
            union select id from orders where number is not null and phone_key(phone) = :phone
                and cast(:user as uuid) is null and cast(:email as text) is null
            union select id from orders where number is not null and chat_phone = :phone
                and cast(:user as uuid) is null and cast(:email as text) is null
            union select id from orders where number is null and customer_id = :user
            union select id from orders where number is null and lower(email) = :email""";

    private final JdbcClient jdbc;
    private final ExportRows rows;
    private final FileStore files;

    OrderPersonalData(JdbcClient jdbc, ExportRows rows, FileStore files) {
        this.jdbc = jdbc;
        this.rows = rows;
        this.files = files;
    }

    @Override
    public String part() {
        return "orders";
    }

    /**
     * The phones of the chats the person ordered from (by their account or an email of theirs), which
     * they proved by chatting from them, the emails given at checkout in the chats of their phones,
     * and the name of the latest paid address that is theirs (its phone one they proved). Never an
     * address's phone: the buyer of a gift types the recipient's, whose conversation and consents an
     * erasure of the buyer must not touch. Not a draft's: anyone can start one with any address.
     */
    @Override
    public DataSubject identify(DataSubject subject) {
        Map<String, Object> params = new HashMap<>(subject.parameters());
        params.put("emails", subject.emails().toArray(String[]::new));
        params.put("phones", subject.phones().toArray(String[]::new));
        params.put("erased", ERASED_EMAIL);
        DataSubject known = subject;
        for (String phone : jdbc.sql("""
                        select distinct chat_phone from orders where number is not null and chat_phone is not null
                          and (customer_id = :user or lower(email) = any(:emails))""").params(params).query(String.class).list()) {
            known = known.withPhone(phone);
        }
        for (String email : jdbc.sql("""
                        select distinct lower(email) from orders where number is not null
                          and chat_phone = any(:phones) and email <> :erased""").params(params).query(String.class).list()) {
            known = known.withEmail(email);
        }
        if (known.name() != null) {
            return known;
        }
        DataSubject found = known;
        params.put("phones", found.phones().toArray(String[]::new));
        return jdbc.sql("""
                        select address ->> 'name' from orders
                        where (id in (%s) or chat_phone = any(:phones)) and paid_at is not null
                          and phone_key(phone) = any(:phones)
                        order by created_at desc limit 1""".formatted(ORDERS))
                .params(params)
                .query(String.class)
                .optional()
                .map(found::withName)
                .orElse(found);
    }

    /** An order paid and not shipped, or with a payment under way: its address is still needed. */
    @Override
    public Optional<String> erasureHeldBy(DataSubject subject) {
        return jdbc.sql("""
                        -- a payment still open (its hold not run out), or paid and not shipped
                        select coalesce(number, 'in checkout') from orders
                        where id in (%s)
                          and (status = 'paid' or status = 'awaiting_payment' and reserved_until > now())
                        order by created_at limit 1""".formatted(ORDERS))
                .params(subject.parameters())
                .query(String.class)
                .optional()
                .map(order -> "order " + order + " is being paid or awaits shipping; erase once it has shipped, "
                        + "or is cancelled or refunded");
    }

    @Override
    public Object export(DataSubject subject) {
        Map<String, Object> params = subject.parameters();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("orders", rows.rows("""
                select o.id, o.number, o.status, o.payment_status, o.email, o.phone, o.address, o.shipping_name,
                       o.coupon_code, o.currency, o.subtotal_minor, o.discount_minor, o.shipping_minor, o.tax_minor,
                       o.total_minor, o.refunded_minor, o.tracking, o.cancel_reason, o.created_at, o.paid_at,
                       o.fulfilled_at, o.closed_at
                from orders o where o.id in (%s) order by o.created_at, o.id""".formatted(ORDERS), params));
        out.put("lines", rows.rows("""
                select l.order_id, l.sku, l.product_name, l.variant_name, l.unit_price_minor, l.quantity,
                       l.paid_minor, l.refunded_quantity
                from order_lines l where l.order_id in (%s) order by l.order_id, l.position""".formatted(ORDERS), params));
        out.put("returns", rows.rows("""
                select r.id, r.order_id, r.quantity, r.reason, r.status, r.note, r.created_at, r.decided_at
                from order_returns r where r.order_id in (%s) order by r.created_at, r.id""".formatted(ORDERS), params));
        out.put("refunds", rows.rows("""
                select f.id, f.order_id, f.amount_minor, f.reason, f.created_at
                from order_refunds f where f.order_id in (%s) order by f.created_at, f.id""".formatted(ORDERS), params));
        out.put("history", rows.rows("""
                select h.order_id, h.at, h.status, h.note
                from order_history h where h.order_id in (%s) order by h.order_id, h.id""".formatted(ORDERS), params));
        return out;
    }

    @Override
    @Transactional
    public void erase(DataSubject subject) {
        Map<String, Object> params = subject.parameters();
        List<UUID> orders = jdbc.sql(ORDERS).params(params).query(UUID.class).list();
        if (orders.isEmpty()) {
            return;
        }
        Map<String, Object> these = Map.of("ids", orders.toArray(UUID[]::new), "pattern", subject.pattern());
        jdbc.sql("""
                        update orders set
                            email = :erased,
                            phone = null,
                            chat_phone = null,
                            address = jsonb_build_object('name', 'Erased', 'line1', 'Erased', 'city', 'Erased',
                                                         'postal_code', 'erased', 'country', address -> 'country'),
                            cancel_reason = regexp_replace(cancel_reason, :pattern, '[erased]', 'gi'),
                            tracking = redact_jsonb(tracking, :pattern, '[erased]')
                        where id = any(:ids)""").params(these).param("erased", ERASED_EMAIL).update();
        // the customer's own words go; operators' notes lose only what names the person
        jdbc.sql("""
                        update order_returns set reason = 'erased',
                                                 note = left(regexp_replace(note, :pattern, '[erased]', 'gi'), 1000)
                        where order_id = any(:ids)""").params(these).update();
        jdbc.sql("""
                        update order_refunds set reason = left(regexp_replace(reason, :pattern, '[erased]', 'gi'), 500)
                        where order_id = any(:ids) and reason ~* :pattern""").params(these).update();
        jdbc.sql("""
                        update order_history set note = regexp_replace(note, :pattern, '[erased]', 'gi')
                        where order_id = any(:ids) and note ~* :pattern""").params(these).update();
        // the client address that started a payment
        jdbc.sql("update payment_holds set client = 'erased' where order_id = any(:ids)")
                .params(these)
                .update();
        jdbc.sql("delete from order_receipts where order_id = any(:ids)")
                .params(these)
                .update();
        // each order's whole folder: a receipt a run stored but died before recording or replacing is there too
        orders.forEach(order -> files.list(Receipts.folderOf(order)).forEach(files::delete));
    }
}
