package app.dukkan.whatsapp.chat;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * One customer's conversation, locked for the turn that changes it. {@code state} holds what the
 * conversation waits for (a quantity, the next address field…) and what was collected so far.
 */
public final class Conversation {

    public enum Consent {
        ASKED,
        GRANTED,
        DECLINED
    }

    /** Who opted the conversation out. */
    public enum OptedOutBy {
        /** STOP in the chat: the number's owner, whose word only START undoes. */
        CUSTOMER,
        /** A withdrawal of WhatsApp contact by an account the number is linked to, undone by its grant too. */
        ACCOUNT
    }

    private final UUID id;
    private final String phone;
    private final boolean simulated;
    private @Nullable String language;
    private Consent consent;
    private @Nullable OptedOutBy optedOutBy;
    private @Nullable Instant optedInAt;
    private final ObjectNode state;
    private @Nullable UUID cartId;
    private @Nullable UUID draftId;
    private @Nullable Instant lastInboundAt;

    Conversation(
            UUID id,
            String phone,
            boolean simulated,
            @Nullable String language,
            Consent consent,
            @Nullable OptedOutBy optedOutBy,
            @Nullable Instant optedInAt,
            ObjectNode state,
            @Nullable UUID cartId,
            @Nullable UUID draftId,
            @Nullable Instant lastInboundAt) {
        this.id = id;
        this.phone = phone;
        this.simulated = simulated;
        this.language = language;
        this.consent = consent;
        this.optedOutBy = optedOutBy;
        this.optedInAt = optedInAt;
        this.state = state;
        this.cartId = cartId;
        this.draftId = draftId;
        this.lastInboundAt = lastInboundAt;
    }

    public UUID id() {
        return id;
    }

    /** The customer's number in E.164 digits, without '+'. */
    public String phone() {
        return phone;
    }

    /** The number as orders and consents keep it: {@code +} and the digits. */
    public String e164() {
        return "+" + phone;
    }

    public boolean simulated() {
        return simulated;
    }

    public @Nullable String language() {
        return language;
    }

    void language(String language) {
        this.language = language;
    }

    public Consent consent() {
        return consent;
    }

    void consent(Consent consent) {
        this.consent = consent;
    }

    public boolean optedOut() {
        return optedOutBy != null;
    }

    public @Nullable OptedOutBy optedOutBy() {
        return optedOutBy;
    }

    void optedOutBy(OptedOutBy by) {
        this.optedOutBy = by;
    }

    /** When START last opted the conversation back in: account withdrawals before it hold no more. */
    public @Nullable Instant optedInAt() {
        return optedInAt;
    }

    /** Opted back in by the customer's START at {@code at}. */
    void optedIn(Instant at) {
        this.optedOutBy = null;
        this.optedInAt = at;
    }

    public ObjectNode state() {
        return state;
    }

    public @Nullable UUID cartId() {
        return cartId;
    }

    void cartId(@Nullable UUID cartId) {
        this.cartId = cartId;
    }

    public @Nullable UUID draftId() {
        return draftId;
    }

    void draftId(@Nullable UUID draftId) {
        this.draftId = draftId;
    }

    /** The draft the conversation waited for is paid: the next checkout starts afresh (the address stays). */
    public void paid() {
        this.draftId = null;
        state.remove("coupon");
    }

    public @Nullable Instant lastInboundAt() {
        return lastInboundAt;
    }

    /** The customer wrote at {@code at}; an older message processed late does not move the window back. */
    void lastInboundAt(Instant at) {
        if (lastInboundAt == null || at.isAfter(lastInboundAt)) {
            this.lastInboundAt = at;
        }
    }

    /** Whether free-form messages may be sent at {@code now}: the customer wrote within the window. */
    public boolean windowOpen(Instant now, java.time.Duration window) {
        return lastInboundAt != null && lastInboundAt.plus(window).isAfter(now);
    }
}
