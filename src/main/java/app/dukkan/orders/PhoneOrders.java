package app.dukkan.orders;

import app.dukkan.privacy.DataSubject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Placed orders found by the phone of their shipping address, for a chat that knows its customer by
 * phone number (WhatsApp). Numbers are compared as E.164 ({@code +} and digits; spaces, dashes and a
 * leading {@code 00} do not matter), as orders of {@link ChannelCheckouts} store them; an order whose
 * phone differs is as unknown as a made-up number. The values are {@link CustomerOrders}'.
 */
public interface PhoneOrders {

    /** The most recent of at most 50 orders, newest first; 400 naming {@code phone} or {@code limit}. */
    List<CustomerOrders.Row> recent(String phone, int limit);

    /** One order with its lines, timeline and returns, when its phone is this one. */
    Optional<CustomerOrders.Detail> find(String number, String phone);

    /**
     * Asks to return every unit of the order not yet asked back, one request per line, with the rules
     * of {@link CustomerOrders#requestReturn}.
     *
     * @throws app.dukkan.platform.ProblemException 404 for an unknown number or another phone's order,
     *     409 {@code return-not-possible} unless shipped or when every unit is asked back already, 400
     *     for a blank reason or one over 1,000 characters
     */
    List<CustomerOrders.Return> requestReturn(String number, String phone, String reason);

    /**
     * The WhatsApp numbers (E.164) that orders of the account or email, drafts included, were placed
     * from: the numbers a customer known by account or email is known by in the chat.
     */
    List<String> chatPhones(@Nullable UUID customerId, @Nullable String email);

    /**
     * The other way round: the customers (account, if any, and email) of the orders and drafts placed
     * from this WhatsApp number (E.164), each of whom the number is known as in the chat.
     */
    List<DataSubject> chatCustomers(String phone);
}
