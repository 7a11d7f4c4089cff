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

    /** The most entries {@link #history} answers. */
    int MAX_HISTORY = 200;

    /**
     * One entry of the log. Email is kept in lower case, phone in E.164.
     *
     * @param clientAddress the connection's remote address, where the entry was made over one
     */
    record Entry(
            UUID id,
            Purpose purpose,
            boolean granted,
            Channel channel,
            String noticeVersion,
            Instant at,
            @Nullable UUID userId,
            @Nullable String email,
            @Nullable String phone,
            @Nullable String clientAddress) {}

    /**
     * Records a grant ({@code granted}) or a withdrawal under the current notice version, in the
     * caller's transaction. A phone that is not a number in international form is refused with 400
     * naming {@code phone}.
     */
    default Entry record(DataSubject subject, Purpose purpose, boolean granted, Channel channel) {
        return record(subject, purpose, granted, channel, null);
    }

    /** As {@link #record(DataSubject, Purpose, boolean, Channel)}, with the client address it came from. */
    Entry record(
            DataSubject subject, Purpose purpose, boolean granted, Channel channel, @Nullable String clientAddress);

    /**
     * Sets the purpose's state: records the grant or withdrawal only when the current state differs
     * (the same choice again adds nothing and answers the entry that made it). Two changes of one
     * subject at once are done one after the other.
     */
    Entry change(
            DataSubject subject, Purpose purpose, boolean granted, Channel channel, @Nullable String clientAddress);

    /** Whether the latest entry for the purpose, matching the subject's account, email or phone, is a grant. */
    boolean granted(DataSubject subject, Purpose purpose);

    /** The latest entry of each purpose the subject has one for (by account, email or phone), in purpose order. */
    List<Entry> current(DataSubject subject);

    /** The subject's entries by account, email or phone, newest first, at most {@link #MAX_HISTORY}. */
    List<Entry> history(DataSubject subject);

    /** The version of the privacy notice in force, e.g. {@code 2026-12-01}. */
    String noticeVersion();
}
