package app.dukkan.privacy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The consent log: what a person agreed to or withdrew, when, on which channel and under which
 * version of the privacy notice. Append-only; the current state of a purpose is its latest entry.
 */
public interface Consents {

    /** What is consented to. */
    enum Purpose {
        /** Processing the data needed to serve the person (an account, an order, a conversation). */
        PROCESSING,
        /** Marketing messages. */
        MARKETING,
        /** Being contacted on WhatsApp. */
        WHATSAPP
    }

    /** Where the consent was given or withdrawn. */
    enum Channel {
        WEB,
        WHATSAPP,
        CONSOLE,
        API
    }

    /** One entry of the log. */
    record Entry(
            UUID id,
            Purpose purpose,
            boolean granted,
            Channel channel,
            String noticeVersion,
            Instant at,
            @Nullable UUID userId,
            @Nullable String email,
            @Nullable String phone) {}

    /** Records a grant ({@code granted}) or a withdrawal under the current notice version. */
    Entry record(DataSubject subject, Purpose purpose, boolean granted, Channel channel);

    /** Whether the latest entry for the purpose, matching the subject's account, email or phone, is a grant. */
    boolean granted(DataSubject subject, Purpose purpose);

    /** The subject's entries, newest first. */
    List<Entry> history(DataSubject subject);

    /** The version of the privacy notice in force, e.g. {@code 2026-12-01}. */
    String noticeVersion();
}
