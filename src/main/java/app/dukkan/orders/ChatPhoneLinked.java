package app.dukkan.orders;

/**
 * An order placed from a WhatsApp number (E.164) now names its customer: a draft made in the chat,
 * or its email changed. The number is then one that email (or account) is known by in the chat, see
 * {@link PhoneOrders#chatPhones}. Published in the draft's transaction.
 */
public record ChatPhoneLinked(String phone) {}
