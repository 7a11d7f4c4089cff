package app.dukkan.notifications.sending;

import app.dukkan.notifications.mail.MailKind;
import app.dukkan.platform.Money;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The payload of a mail job: which mail ({@code kind}, {@code key}), to whom, in which language, and
 * the ids and values it is rendered from at send time. A password-reset or verification {@code
 * token} is the secret of the mailed link: it lives in this job's row (and in a dead letter's
 * payload) until the mail is sent or the job is dropped after {@code expiresAt}. A plain-text mail
 * carries its {@code subject} and {@code text}.
 */
public record MailJob(
        MailKind kind,
        String key,
        String to,
        String locale,
        @Nullable UUID orderId,
        @Nullable Money amount,
        boolean full,
        @Nullable String token,
        @Nullable Instant expiresAt,
        @Nullable String subject,
        @Nullable String text) {

    public MailJob(
            MailKind kind,
            String key,
            String to,
            String locale,
            @Nullable UUID orderId,
            @Nullable Money amount,
            boolean full,
            @Nullable String token,
            @Nullable Instant expiresAt) {
        this(kind, key, to, locale, orderId, amount, full, token, expiresAt, null, null);
    }

    static MailJob order(MailKind kind, String key, String to, String locale, UUID orderId) {
        return new MailJob(kind, key, to, locale, orderId, null, false, null, null);
    }

    /** An order mail about money: {@code amount} paid back, {@code full} when it is all of the order. */
    static MailJob money(
            MailKind kind, String key, String to, String locale, UUID orderId, Money amount, boolean full) {
        return new MailJob(kind, key, to, locale, orderId, amount, full, null, null);
    }

    static MailJob account(MailKind kind, String key, String to, String locale) {
        return new MailJob(kind, key, to, locale, null, null, false, null, null);
    }

    static MailJob plain(String key, String to, String locale, String subject, String text) {
        return new MailJob(MailKind.PLAIN_TEXT, key, to, locale, null, null, false, null, null, subject, text);
    }

    static MailJob link(MailKind kind, String key, String to, String locale, String token, Instant expiresAt) {
        return new MailJob(kind, key, to, locale, null, null, false, token, expiresAt);
    }
}
