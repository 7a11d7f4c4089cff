package app.dukkan.whatsapp.chat;

import app.dukkan.orders.PhoneOrders;
import app.dukkan.privacy.ConsentRecorded;
import app.dukkan.privacy.Consents;
import app.dukkan.privacy.DataSubject;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Makes a withdrawal of WhatsApp contact on the web or the API effective in the chat. Whether a
 * number may be messaged is decided by the number alone (its consent entries for automations, its
 * conversation's opt-out for replies), so an account's withdrawal is also recorded against the
 * numbers its orders were placed from, and opts their conversations out as STOP does. Only START
 * in the chat (or a grant for the number) undoes it, as after STOP.
 */
@Component
class AccountWithdrawals {

    private final PhoneOrders orders;
    private final Consents consents;
    private final ConversationStore conversations;

    AccountWithdrawals(PhoneOrders orders, Consents consents, ConversationStore conversations) {
        this.orders = orders;
        this.consents = consents;
        this.conversations = conversations;
    }

    // in the withdrawal's transaction: answered only once the numbers are withdrawn too
    @EventListener
    void on(ConsentRecorded recorded) {
        Consents.Entry entry = recorded.entry();
        // an entry with a phone is the number's own (STOP, or one this listener records)
        if (entry.purpose() != Consents.Purpose.WHATSAPP || entry.granted() || entry.phone() != null) {
            return;
        }
        for (String phone : orders.chatPhones(entry.userId(), entry.email())) {
            consents.change(
                    DataSubject.ofPhone(phone),
                    Consents.Purpose.WHATSAPP,
                    false,
                    entry.channel(),
                    entry.clientAddress());
            conversations.optOut(phone.substring(1));
        }
    }
}
