package app.dukkan.payments.processing;

import app.dukkan.payments.OpenDispute;
import app.dukkan.payments.PaymentStatus;
import app.dukkan.platform.Money;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the payments, payment_refunds and payment_events tables. */
@Repository
class PaymentRecords {

    record PaymentRow(
            UUID id,
            String reference,
            String provider,
            String providerPaymentId,
            String clientSecret,
            String idempotencyKey,
            Money amount,
            PaymentStatus status,
            long refundedMinor) {}

    record RefundRow(
            UUID id,
            UUID paymentId,
            String reference,
            String provider,
            String providerPaymentId,
            Money amount,
            String status) {}

    record EventRow(UUID id, String provider, String type, String payload, boolean processed) {}

    private static final String PAYMENT_COLUMNS = """
            id, reference, provider, provider_payment_id, client_secret, idempotency_key, amount_minor, currency,
            status, refunded_minor""";

    private final JdbcClient jdbc;

    PaymentRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static String dbStatus(PaymentStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    // --- payments

    /** Inserts unless a payment with the key (or the provider's id) exists; true when inserted. */
    boolean insertPayment(PaymentRow payment, Instant now) {
        return jdbc.sql("""
                        insert into payments (id, reference, provider, provider_payment_id, client_secret,
                                              idempotency_key, amount_minor, currency, status, created_at, updated_at)
                        values (:id, :reference, :provider, :providerPaymentId, :clientSecret, :key, :amount,
                                :currency, :status, :now, :now)
                        on conflict do nothing
                        """)
                        .param("id", payment.id())
                        .param("reference", payment.reference())
                        .param("provider", payment.provider())
                        .param("providerPaymentId", payment.providerPaymentId())
                        .param("clientSecret", payment.clientSecret())
                        .param("key", payment.idempotencyKey())
                        .param("amount", payment.amount().minor())
                        .param("currency", payment.amount().currency())
                        .param("status", dbStatus(payment.status()))
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    Optional<PaymentRow> payment(UUID id) {
        return jdbc.sql("select " + PAYMENT_COLUMNS + " from payments where id = ?")
                .param(id)
                .query(PaymentRecords::payment)
                .optional();
    }

    Optional<PaymentRow> paymentByIdempotencyKey(String key) {
        return jdbc.sql("select " + PAYMENT_COLUMNS + " from payments where idempotency_key = ?")
                .param(key)
                .query(PaymentRecords::payment)
                .optional();
    }

    Optional<PaymentRow> lockPayment(UUID id) {
        return jdbc.sql("select " + PAYMENT_COLUMNS + " from payments where id = ? for update")
                .param(id)
                .query(PaymentRecords::payment)
                .optional();
    }

    Optional<PaymentRow> lockPayment(String provider, String providerPaymentId) {
        return jdbc.sql("select " + PAYMENT_COLUMNS
                        + " from payments where provider = ? and provider_payment_id = ? for update")
                .params(provider, providerPaymentId)
                .query(PaymentRecords::payment)
                .optional();
    }

    /**
     * Moves the provider's payment to {@code to} if it is in one of the {@code from} states, in one
     * statement (which waits for a concurrent change of the row and then checks again).
     *
     * @return the payment as it is now, or empty when it is unknown or in another state
     */
    Optional<PaymentRow> transition(
            String provider,
            String providerPaymentId,
            Set<PaymentStatus> from,
            PaymentStatus to,
            @Nullable String failureReason,
            Instant now) {
        return jdbc.sql("update payments set status = :to, failure_reason = :reason, updated_at = :now"
                        + " where provider = :provider and provider_payment_id = :providerPaymentId"
                        + " and status = any (cast(:from as text[])) returning " + PAYMENT_COLUMNS)
                .param("to", dbStatus(to))
                // typed even when null, so the statement keeps one prepared form
                .param("reason", new SqlParameterValue(Types.VARCHAR, failureReason))
                .param("now", Timestamp.from(now))
                .param("provider", provider)
                .param("providerPaymentId", providerPaymentId)
                .param("from", from.stream().map(PaymentRecords::dbStatus).toArray(String[]::new))
                .query(PaymentRecords::payment)
                .optional();
    }

    boolean paymentExists(String provider, String providerPaymentId) {
        return jdbc.sql("select exists (select 1 from payments where provider = ? and provider_payment_id = ?)")
                .params(provider, providerPaymentId)
                .query(Boolean.class)
                .single();
    }

    void updateRefunded(UUID id, long refundedMinor, Instant now) {
        jdbc.sql("update payments set refunded_minor = greatest(refunded_minor, ?), updated_at = ? where id = ?")
                .params(refundedMinor, Timestamp.from(now), id)
                .update();
    }

    /** A refund the provider had counted failed: its running total no longer holds it. */
    void refundReversed(UUID id, long amountMinor, Instant now) {
        jdbc.sql("update payments set refunded_minor = greatest(refunded_minor - ?, 0), updated_at = ? where id = ?")
                .params(amountMinor, Timestamp.from(now), id)
                .update();
    }

    /**
     * What the payment's lost disputes took back: Stripe's {@code amount_refunded} leaves them out,
     * yet the shop has that money no more.
     */
    long lostDisputesMinor(UUID paymentId) {
        return jdbc.sql(
                        "select coalesce(sum(amount_minor), 0) from payment_disputes where payment_id = ? and status = 'lost'")
                .param(paymentId)
                .query(Long.class)
                .single();
    }

    List<OpenDispute> openDisputes(UUID paymentId) {
        return jdbc.sql("""
                        select amount_minor, currency, reason, status, due_by from payment_disputes
                        where payment_id = ? and closed_at is null order by opened_at""")
                .param(paymentId)
                .query((rs, row) -> {
                    Timestamp due = rs.getTimestamp("due_by");
                    return new OpenDispute(
                            Money.ofMinor(rs.getLong("amount_minor"), rs.getString("currency")),
                            rs.getString("reason"),
                            rs.getString("status"),
                            due == null ? null : due.toInstant());
                })
                .list();
    }

    /** What recording a dispute's event changed: whether the dispute is new, and whether it ended now. */
    record DisputeChange(boolean opened, boolean closed) {}

    /** A dispute as its provider reports it. */
    record Dispute(
            String providerDisputeId,
            long amountMinor,
            String currency,
            String reason,
            String status,
            @Nullable Instant dueBy,
            boolean ended,
            Instant reportedAt) {}

    /**
     * Records the dispute's latest state on the (locked) payment. Once ended it keeps its final
     * status: an update that comes later is older news; so is, while it is open, an event the
     * provider made before the one the row shows.
     */
    DisputeChange recordDispute(UUID id, PaymentRow payment, Dispute dispute, Instant now) {
        Optional<Boolean> wasClosed = jdbc.sql("""
                        select closed_at is not null from payment_disputes
                        where provider = ? and provider_dispute_id = ? for update""")
                .params(payment.provider(), dispute.providerDisputeId())
                .query(Boolean.class)
                .optional();
        Timestamp at = Timestamp.from(now);
        Timestamp dueBy = dispute.dueBy() == null ? null : Timestamp.from(dispute.dueBy());
        if (wasClosed.isEmpty()) {
            jdbc.sql("""
                            insert into payment_disputes (id, payment_id, provider, provider_dispute_id, amount_minor,
                                                          currency, reason, status, due_by, opened_at, updated_at,
                                                          closed_at, last_event_at)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(
                            id,
                            payment.id(),
                            payment.provider(),
                            dispute.providerDisputeId(),
                            dispute.amountMinor(),
                            dispute.currency(),
                            dispute.reason(),
                            dispute.status(),
                            new SqlParameterValue(Types.TIMESTAMP, dueBy),
                            at,
                            at,
                            new SqlParameterValue(Types.TIMESTAMP, dispute.ended() ? at : null),
                            Timestamp.from(dispute.reportedAt()))
                    .update();
            return new DisputeChange(true, dispute.ended());
        }
        if (wasClosed.get()) {
            return new DisputeChange(false, false);
        }
        // the end is final whenever it comes; other news only when newer than what the row shows
        int updated = jdbc.sql("""
                        update payment_disputes
                        set amount_minor = ?, reason = ?, status = ?, due_by = ?, updated_at = ?, closed_at = ?,
                            last_event_at = greatest(last_event_at, ?)
                        where provider = ? and provider_dispute_id = ? and (? or last_event_at <= ?)""")
                .params(
                        dispute.amountMinor(),
                        dispute.reason(),
                        dispute.status(),
                        new SqlParameterValue(Types.TIMESTAMP, dueBy),
                        at,
                        new SqlParameterValue(Types.TIMESTAMP, dispute.ended() ? at : null),
                        Timestamp.from(dispute.reportedAt()),
                        payment.provider(),
                        dispute.providerDisputeId(),
                        dispute.ended(),
                        Timestamp.from(dispute.reportedAt()))
                .update();
        return new DisputeChange(false, dispute.ended() && updated == 1);
    }

    private static PaymentRow payment(ResultSet rs, int row) throws SQLException {
        return new PaymentRow(
                rs.getObject("id", UUID.class),
                rs.getString("reference"),
                rs.getString("provider"),
                rs.getString("provider_payment_id"),
                rs.getString("client_secret"),
                rs.getString("idempotency_key"),
                Money.ofMinor(rs.getLong("amount_minor"), rs.getString("currency")),
                PaymentStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
                rs.getLong("refunded_minor"));
    }

    // --- refunds

    Optional<UUID> refundIdByKey(String idempotencyKey) {
        return jdbc.sql("select id from payment_refunds where idempotency_key = ?")
                .param(idempotencyKey)
                .query(UUID.class)
                .optional();
    }

    /** Minor units of the shop's refunds not settled yet (pending): the succeeded ones count in the payment's refunded total. */
    long refundsInFlight(UUID paymentId) {
        return jdbc.sql(
                        "select coalesce(sum(amount_minor), 0) from payment_refunds where payment_id = ? and status = 'pending'")
                .param(paymentId)
                .query(Long.class)
                .single();
    }

    long refundsSucceeded(UUID paymentId) {
        return jdbc.sql(
                        "select coalesce(sum(amount_minor), 0) from payment_refunds where payment_id = ? and status = 'succeeded'")
                .param(paymentId)
                .query(Long.class)
                .single();
    }

    boolean insertRefund(UUID id, UUID paymentId, Money amount, String reason, String key, Instant now) {
        return jdbc.sql("""
                        insert into payment_refunds (id, payment_id, amount_minor, currency, reason, idempotency_key,
                                                     status, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, 'pending', ?, ?)
                        on conflict (idempotency_key) do nothing
                        """)
                        .params(
                                id,
                                paymentId,
                                amount.minor(),
                                amount.currency(),
                                reason,
                                key,
                                Timestamp.from(now),
                                Timestamp.from(now))
                        .update()
                == 1;
    }

    private static final String REFUND_SELECT = """
            select r.id, r.payment_id, p.reference, p.provider, p.provider_payment_id, r.amount_minor,
                   r.currency, r.status
            from payment_refunds r join payments p on p.id = r.payment_id
            """;

    Optional<RefundRow> refund(UUID id) {
        return jdbc.sql(REFUND_SELECT + " where r.id = ?")
                .param(id)
                .query(PaymentRecords::refund)
                .optional();
    }

    /**
     * The payment's refund, locked, by the shop's id the provider echoes in its metadata, or else by
     * the provider's id (recorded once the provider answered).
     */
    Optional<RefundRow> lockRefund(UUID paymentId, @Nullable UUID id, String providerRefundId) {
        return jdbc
                .sql(REFUND_SELECT
                        + " where r.payment_id = ? and (r.id = ? or r.provider_refund_id = ?) for update of r")
                .params(paymentId, new SqlParameterValue(Types.OTHER, id), providerRefundId)
                .query(PaymentRecords::refund)
                .stream()
                .findFirst();
    }

    private static RefundRow refund(ResultSet rs, int row) throws SQLException {
        return new RefundRow(
                rs.getObject("id", UUID.class),
                rs.getObject("payment_id", UUID.class),
                rs.getString("reference"),
                rs.getString("provider"),
                rs.getString("provider_payment_id"),
                Money.ofMinor(rs.getLong("amount_minor"), rs.getString("currency")),
                rs.getString("status"));
    }

    void refundSucceeded(UUID id, String providerRefundId, Instant now) {
        jdbc.sql("""
                        update payment_refunds
                        set status = 'succeeded', provider_refund_id = ?, attempts = attempts + 1, last_error = null,
                            updated_at = ?
                        where id = ? and status = 'pending'
                        """).params(providerRefundId, Timestamp.from(now), id).update();
    }

    /** The provider accepted the refund without settling it: it stays pending, now with the provider's id. */
    void refundAccepted(UUID id, String providerRefundId, Instant now) {
        jdbc.sql("""
                        update payment_refunds
                        set provider_refund_id = ?, attempts = attempts + 1, last_error = null, updated_at = ?
                        where id = ? and status = 'pending'
                        """).params(providerRefundId, Timestamp.from(now), id).update();
    }

    /** A pending refund's event says it succeeded. */
    void refundSettled(UUID id, String providerRefundId, Instant now) {
        jdbc.sql("""
                        update payment_refunds
                        set status = 'succeeded', provider_refund_id = coalesce(provider_refund_id, ?), updated_at = ?
                        where id = ? and status = 'pending'
                        """).params(providerRefundId, Timestamp.from(now), id).update();
    }

    /**
     * The provider reports that the refund failed, pending or succeeded as the shop had it: true when
     * it was not failed already, so that the failure takes effect once.
     */
    boolean refundFailed(UUID id, String providerRefundId, String error, Instant now) {
        return jdbc.sql("""
                        update payment_refunds
                        set status = 'failed', provider_refund_id = coalesce(provider_refund_id, ?), last_error = ?,
                            updated_at = ?
                        where id = ? and status in ('pending', 'succeeded')
                        """)
                        .params(providerRefundId, error, Timestamp.from(now), id)
                        .update()
                == 1;
    }

    /** Counts a failed attempt; true when the refund was pending (and is failed now if given up). */
    boolean refundAttemptFailed(UUID id, String error, boolean giveUp, Instant now) {
        return jdbc.sql("""
                        update payment_refunds
                        set attempts = attempts + 1, last_error = ?, status = case when ? then 'failed' else status end,
                            updated_at = ?
                        where id = ? and status = 'pending'
                        """).params(error, giveUp, Timestamp.from(now), id).update() == 1;
    }

    // --- events

    /**
     * Records the event, unless already recorded, as processed by the caller's transaction: the
     * caller processes it before committing, and {@link #arrivalFailed} takes the mark back when
     * that fails. True when inserted.
     */
    boolean insertProcessedEvent(
            UUID id, String provider, String providerEventId, String type, String payload, Instant now) {
        return jdbc.sql("""
                        insert into payment_events (id, provider, provider_event_id, type, payload, received_at,
                                                    processed_at, attempts)
                        values (?, ?, ?, ?, cast(? as jsonb), ?, ?, 1)
                        on conflict (provider, provider_event_id) do nothing
                        """)
                        .params(id, provider, providerEventId, type, payload, Timestamp.from(now), Timestamp.from(now))
                        .update()
                == 1;
    }

    Optional<EventRow> lockEvent(UUID id) {
        return jdbc.sql("select id, provider, type, payload::text as payload, processed_at from payment_events"
                        + " where id = ? for update")
                .param(id)
                .query((rs, n) -> new EventRow(
                        rs.getObject("id", UUID.class),
                        rs.getString("provider"),
                        rs.getString("type"),
                        rs.getString("payload"),
                        rs.getTimestamp("processed_at") != null))
                .optional();
    }

    void eventProcessed(UUID id, Instant now) {
        jdbc.sql("update payment_events set processed_at = ?, attempts = attempts + 1, last_error = null where id = ?")
                .params(Timestamp.from(now), id)
                .update();
    }

    /** Processing failed in the transaction that recorded the event: it is not processed after all. */
    void arrivalFailed(UUID id, String error) {
        jdbc.sql("update payment_events set processed_at = null, last_error = ? where id = ?")
                .params(error, id)
                .update();
    }

    void eventFailed(UUID id, String error) {
        jdbc.sql(
                        "update payment_events set attempts = attempts + 1, last_error = ? where id = ? and processed_at is null")
                .params(error, id)
                .update();
    }
}
