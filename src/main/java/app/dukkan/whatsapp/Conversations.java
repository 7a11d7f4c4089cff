package app.dukkan.whatsapp;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What operators see of the WhatsApp channel: conversations with their transcripts and delivery
 * states, whether the channel is configured, and the chat simulator, which talks to the real
 * conversation as a customer would, without Meta.
 */
public interface Conversations {

    int MAX_PAGE_SIZE = 100;

    /** The most messages a transcript shows: the latest ones. */
    int TRANSCRIPT_LENGTH = 200;

    /**
     * A conversation in a list; {@code phone} with '+', {@code consent} {@code asked}, {@code
     * granted} or {@code declined}, {@code failed} the count of messages that could not be sent.
     */
    record Summary(
            UUID id,
            String phone,
            boolean simulated,
            String consent,
            boolean optedOut,
            String language,
            @Nullable Instant lastInboundAt,
            Instant lastMessageAt,
            @Nullable String lastMessage,
            long failed) {}

    record Page(List<Summary> items, long total, int page, int size) {}

    /** A reply button or list row of a sent message. */
    record Choice(String id, String title, @Nullable String description) {}

    /**
     * One message; {@code direction} {@code in} or {@code out}; {@code status} {@code received} for
     * the customer's, else {@code queued}, {@code sent}, {@code delivered}, {@code read}, {@code
     * failed} or {@code skipped} (with the reason in {@code error}).
     */
    record Message(
            UUID id,
            String direction,
            String kind,
            String text,
            List<Choice> choices,
            String status,
            @Nullable String error,
            Instant createdAt,
            @Nullable Instant sentAt,
            @Nullable Instant deliveredAt,
            @Nullable Instant readAt) {}

    record Transcript(Summary conversation, List<Message> messages) {}

    /**
     * Whether Meta's deliveries are taken and messages sent ({@code configured}), and which of the
     * four settings are present; never their values.
     */
    record ChannelStatus(
            boolean configured, boolean verifyToken, boolean appSecret, boolean phoneNumberId, boolean accessToken) {}

    /** Conversations, latest first; only those whose phone contains {@code phone}'s digits, or with failed sends. */
    Page list(@Nullable String phone, boolean failedOnly, int page, int size);

    Optional<Transcript> transcript(UUID id);

    /** The simulator's conversation with this number, empty before its first message. */
    Optional<Transcript> simulated(String phone);

    /**
     * Sends a message to the conversation as the customer with this number would, typed ({@code
     * text}) or by tapping a reply button or list row ({@code choiceId}, {@code choiceTitle}), and
     * answers the conversation after its turn.
     *
     * @throws app.dukkan.platform.ProblemException 400 for a number that is not E.164 or a message
     *     that is empty or too long
     */
    Transcript simulate(String phone, @Nullable String text, @Nullable String choiceId, @Nullable String choiceTitle);

    ChannelStatus status();
}
