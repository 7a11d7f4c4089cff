package app.dukkan.notifications;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The development mailbox for the console: the mails the shop kept instead of sending them, when no
 * SMTP server is configured. Callers check that the reader is an admin (the mails hold sign-in,
 * password-reset and verification links).
 */
public interface Mailbox {

    /** One kept mail, without its bodies. */
    record Entry(UUID id, String to, String subject, String kind, String locale, Instant createdAt) {}

    /** One kept mail with its text and HTML parts. */
    record Message(
            UUID id,
            String to,
            String subject,
            String kind,
            String locale,
            Instant createdAt,
            String text,
            String html) {}

    record Page(List<Entry> items, int page, int size, long total) {}

    /** Whether mails are kept here (no SMTP server configured). */
    boolean enabled();

    /** Newest first; {@code to} filters by recipient, ignoring case. Empty while not enabled. */
    Page list(@Nullable String to, int page, int size);

    /** Empty for an unknown id and while not enabled. */
    Optional<Message> find(UUID id);
}
