package app.dukkan.whatsapp.chat;

import app.dukkan.orders.ChatPhoneLinked;
import app.dukkan.orders.PhoneOrders;
import app.dukkan.privacy.ConsentRecorded;
import app.dukkan.privacy.Consents;
import app.dukkan.privacy.DataSubject;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Makes an account's WhatsApp consent, given or withdrawn on the web or the API, hold in the chat for
 * the numbers linked to the account: those its orders, or orders under its email, were placed from
 * ({@link PhoneOrders#chatPhones}). Whether a number may be messaged is decided by the number alone
 * (its consent entries for automations, its conversation's opt-out for replies), so the account's
 * choice is recorded against the number and its conversation too.
 *
 * <ul>
 *   <li>A withdrawal opts the numbers out as STOP does, remembering that the account did.
 *   <li>A number linked while an account of it is withdrawn starts opted out.
 *   <li>A grant again opts back in the numbers that only an account had opted out, unless another
 *       account linked to the number is still withdrawn. STOP in the chat is the number owner's own
 *       word: only START undoes it, and a START outweighs the account withdrawals made before it.
 * </ul>
 */
@Component
class AccountConsents {

    private final PhoneOrders orders;
    private final Consents consents;
    private final ConversationStore conversations;

    AccountConsents(PhoneOrders orders, Consents consents, ConversationStore conversations) {
        this.orders = orders;
        this.consents = consents;
        this.conversations = conversations;
    }

    // in the entry's transaction: answered only once the numbers follow
    @EventListener
    void on(ConsentRecorded recorded) {
        Consents.Entry entry = recorded.entry();
        // an entry with a phone is the number's own (STOP, START, or one recorded here)
        if (entry.purpose() != Consents.Purpose.WHATSAPP || entry.phone() != null) {
            return;
        }
        for (String phone : orders.chatPhones(entry.userId(), entry.email())) {
            if (entry.granted()) {
                grantedAgain(phone, entry);
            } else {
                withdraw(phone, entry);
            }
        }
    }

    // in the draft's transaction, which may be the turn of the number's conversation
    @EventListener
    void on(ChatPhoneLinked linked) {
        Optional<Conversation> conversation = conversations.findByPhone(digits(linked.phone()));
        if (conversation.map(Conversation::optedOut).orElse(false)) {
            return;
        }
        withdrawal(linked.phone(), conversation.map(Conversation::optedInAt).orElse(null))
                .ifPresent(withdrawal -> withdraw(linked.phone(), withdrawal));
    }

    private void withdraw(String phone, Consents.Entry withdrawal) {
        consents.change(
                DataSubject.ofPhone(phone),
                Consents.Purpose.WHATSAPP,
                false,
                withdrawal.channel(),
                withdrawal.clientAddress());
        conversations.optOut(digits(phone), Conversation.OptedOutBy.ACCOUNT);
    }

    private void grantedAgain(String phone, Consents.Entry grant) {
        Optional<Conversation> conversation = conversations.findByPhone(digits(phone));
        // a number without a conversation (purged after a year of silence) tells no more who opted it out
        if (conversation.isEmpty()
                || conversation.get().optedOutBy() != Conversation.OptedOutBy.ACCOUNT
                || withdrawal(phone, conversation.get().optedInAt()).isPresent()) {
            return;
        }
        consents.change(
                DataSubject.ofPhone(phone), Consents.Purpose.WHATSAPP, true, grant.channel(), grant.clientAddress());
        conversations.optInAfterAccount(digits(phone));
    }

    /**
     * The withdrawal of WhatsApp contact that holds for the number: the latest choice of an account or
     * email it is linked to, made after the number's owner last sent START.
     */
    private Optional<Consents.Entry> withdrawal(String phone, @Nullable Instant optedInAt) {
        return orders.chatCustomers(phone).stream()
                .flatMap(customer -> consents.current(customer).stream())
                .filter(entry -> entry.purpose() == Consents.Purpose.WHATSAPP && !entry.granted())
                .filter(entry -> optedInAt == null || entry.at().isAfter(optedInAt))
                .findFirst();
    }

    /** The number as the conversations keep it: E.164 digits without the plus. */
    private static String digits(String phone) {
        return phone.substring(1);
    }
}
