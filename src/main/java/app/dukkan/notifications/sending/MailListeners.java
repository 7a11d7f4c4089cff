package app.dukkan.notifications.sending;

import app.dukkan.identity.EmailVerificationRequested;
import app.dukkan.identity.MagicLinkRequested;
import app.dukkan.identity.PasswordResetRequested;
import app.dukkan.identity.UserId;
import app.dukkan.identity.UserRegistered;
import app.dukkan.notifications.mail.MailKind;
import app.dukkan.notifications.mail.NotificationsProperties;
import app.dukkan.orders.OrderCancelled;
import app.dukkan.orders.OrderDirectory;
import app.dukkan.orders.OrderFulfilled;
import app.dukkan.orders.OrderPaid;
import app.dukkan.orders.OrderRefundFailed;
import app.dukkan.orders.OrderRefunded;
import app.dukkan.orders.OrderSummary;
import app.dukkan.platform.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Locale;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Schedules a mail job for each event, synchronously in the publisher's transaction: the job exists
 * exactly when the change that caused it was committed. Nothing slow happens here.
 *
 * <p>Order mails are scheduled in {@code dukkan.notifications.default-locale} and written, when
 * delivered, in the customer account's language, else in the language the guest checked out in
 * (see {@link MailDelivery}); account mails use the locale of their event.
 */
@Component
class MailListeners {

    private final MailJobs jobs;
    private final OrderDirectory orders;
    private final NotificationsProperties properties;
    private final Clock clock;

    MailListeners(MailJobs jobs, OrderDirectory orders, NotificationsProperties properties, Clock clock) {
        this.jobs = jobs;
        this.orders = orders;
        this.properties = properties;
        this.clock = clock;
    }

    @EventListener
    void on(OrderPaid paid) {
        jobs.schedule(MailJob.order(
                MailKind.ORDER_CONFIRMATION, paid.orderId().toString(), paid.email(), orderLocale(), paid.orderId()));
    }

    @EventListener
    void on(OrderFulfilled fulfilled) {
        jobs.schedule(MailJob.order(
                MailKind.ORDER_SHIPPED,
                fulfilled.orderId().toString(),
                fulfilled.email(),
                orderLocale(),
                fulfilled.orderId()));
    }

    /**
     * One mail per refund. The key names the order, the refunded total as this transaction reads it,
     * the amount and a fresh id: each refund publishes one event in its own transaction, and two
     * refunds of the same amount (which may read the same total, as a return's refund is published
     * before the order is saved) still get a mail each.
     */
    @EventListener
    void on(OrderRefunded refunded) {
        if (refunded.chargeback()) {
            // the customer's bank took the money back and told them; a refund mail would be news of a
            // refund the shop never made
            return;
        }
        long total = orders.find(refunded.orderId())
                .map(OrderSummary::refunded)
                .map(money -> money.minor())
                .orElse(0L);
        String key = refunded.orderId() + ":" + total + ":" + refunded.amount().minor() + ":" + Ids.newId(clock);
        jobs.schedule(MailJob.money(
                MailKind.REFUND_ISSUED,
                key,
                refunded.email(),
                orderLocale(),
                refunded.orderId(),
                refunded.amount(),
                refunded.full()));
    }

    /**
     * One mail per refused refund, keyed by the refund: a redelivered refusal, or a replayed job,
     * mails nothing more. Only refunds the customer was told about get here (see {@link
     * OrderRefundFailed}); a chargeback is no refund of the shop's and is never refused.
     */
    @EventListener
    void on(OrderRefundFailed failed) {
        jobs.schedule(MailJob.money(
                MailKind.REFUND_FAILED,
                failed.refundId().toString(),
                failed.email(),
                orderLocale(),
                failed.orderId(),
                failed.amount(),
                false));
    }

    /**
     * One mail per order: a cancellation is final. It tells what the cancellation pays back, so no
     * refund mail follows (the provider's confirmation of that refund publishes no {@link
     * OrderRefunded}); {@code full} when that is all the order cost, none having gone back before.
     */
    @EventListener
    void on(OrderCancelled cancelled) {
        boolean full = orders.find(cancelled.orderId())
                .map(order -> order.total().equals(cancelled.refunded()))
                .orElse(false);
        jobs.schedule(MailJob.money(
                MailKind.ORDER_CANCELLED,
                cancelled.orderId().toString(),
                cancelled.email(),
                orderLocale(),
                cancelled.orderId(),
                cancelled.refunded(),
                full));
    }

    @EventListener
    void on(UserRegistered registered) {
        jobs.schedule(MailJob.account(
                MailKind.WELCOME, registered.user().toString(), registered.email(), tag(registered.locale())));
    }

    @EventListener
    void on(PasswordResetRequested requested) {
        jobs.schedule(MailJob.link(
                MailKind.PASSWORD_RESET,
                tokenKey(requested.user(), requested.token()),
                requested.email(),
                tag(requested.locale()),
                requested.token(),
                requested.expiresAt()));
    }

    @EventListener
    void on(EmailVerificationRequested requested) {
        jobs.schedule(MailJob.link(
                MailKind.EMAIL_VERIFICATION,
                tokenKey(requested.user(), requested.token()),
                requested.email(),
                tag(requested.locale()),
                requested.token(),
                requested.expiresAt()));
    }

    @EventListener
    void on(MagicLinkRequested requested) {
        jobs.schedule(MailJob.link(
                MailKind.MAGIC_LINK,
                tokenKey(requested.user(), requested.token()),
                requested.email(),
                tag(requested.locale()),
                requested.token(),
                requested.expiresAt()));
    }

    private String orderLocale() {
        return tag(properties.defaultLocale());
    }

    private static String tag(Locale locale) {
        return locale.toLanguageTag();
    }

    /** Each request mails once; the key (visible in job tables) holds a hash of the token, not the token. */
    private static String tokenKey(UserId user, String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return user + ":" + HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
