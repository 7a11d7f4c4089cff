package app.dukkan.notifications.mail;

import java.util.Locale;

/** A rendered mail ready to hand over: {@code kind} and {@code key} say which mail it is, once. */
public record OutgoingMail(
        MailKind kind, String key, String to, Locale locale, String subject, String text, String html) {}
