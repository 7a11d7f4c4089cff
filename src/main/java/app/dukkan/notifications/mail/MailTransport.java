package app.dukkan.notifications.mail;

/** Hands a mail over: to an SMTP server or to the development mailbox. */
public interface MailTransport {

    /** {@code smtp} or {@code mailbox}. */
    String name();

    /** Throws when the mail could not be handed over; the job then retries. */
    void send(OutgoingMail mail);
}
