package app.dukkan.notifications.mail;

import java.util.Locale;

/** The mails the shop sends. The code names the template, the job type and the stored rows. */
public enum MailKind {
    ORDER_CONFIRMATION,
    ORDER_SHIPPED,
    REFUND_ISSUED,
    REFUND_FAILED,
    ORDER_CANCELLED,
    WELCOME,
    PASSWORD_RESET,
    EMAIL_VERIFICATION,
    MAGIC_LINK,
    /** A mail whose subject and text the caller wrote (a workflow's email step). */
    PLAIN_TEXT;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Account security mails go on the critical queue: a person is waiting for them. */
    public boolean urgent() {
        return this == PASSWORD_RESET || this == EMAIL_VERIFICATION || this == MAGIC_LINK;
    }
}
