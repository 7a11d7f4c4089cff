package app.dukkan.payments.privacy;

import app.dukkan.privacy.DataSubject;
import app.dukkan.privacy.ExportRows;
import app.dukkan.privacy.PersonalData;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Payments know the person only through what the provider sent: billing details, a receipt email,
 * metadata in its events. (Which payment is whose is the orders' part: an order exports its
 * payment's status and amounts.) The export lists the events mentioning the person with provider,
 * type, amount and status, never card data; an erasure redacts their email, phone and name in the
 * events and in operators' refund reasons, keeping amounts and states for the accounts.
 */
@Component
class PaymentPersonalData implements PersonalData {

    /** Events mentioning the person, found by V57's trigram index on the payload's text. */
    private static final String MENTIONING = "lower(cast(payload as text)) ~ lower(:pattern)";

    private final JdbcClient jdbc;
    private final ExportRows rows;

    PaymentPersonalData(JdbcClient jdbc, ExportRows rows) {
        this.jdbc = jdbc;
        this.rows = rows;
    }

    @Override
    public String part() {
        return "payments";
    }

    @Override
    public Object export(DataSubject subject) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("events", rows.rows("""
                select provider, type, received_at,
                       payload #>> '{data,object,amount}' as amount_minor,
                       payload #>> '{data,object,currency}' as currency,
                       payload #>> '{data,object,status}' as status
                from payment_events where %s order by received_at, id""".formatted(MENTIONING), subject.parameters()));
        return out;
    }

    @Override
    @Transactional
    public void erase(DataSubject subject) {
        Map<String, Object> params = subject.parameters();
        jdbc.sql("""
                        update payment_events
                        set payload = redact_jsonb(payload, :pattern, '[erased]')
                        where %s""".formatted(MENTIONING)).params(params).update();
        jdbc.sql("""
                        update payment_refunds set reason = regexp_replace(reason, :pattern, '[erased]', 'gi')
                        where reason ~* :pattern""").params(params).update();
    }
}
