package app.dukkan.notifications;

/**
 * Mails whose subject and text the caller wrote (a workflow's email step), sent like every other
 * mail: by the retried {@code mail-plain-text} job, over SMTP or into the development mailbox, once
 * per key.
 */
public interface TextMails {

    /**
     * Schedules the mail in the caller's transaction. A mail of the same key is sent once, however
     * often it is scheduled (a repeated step, a retried job).
     *
     * @param key what makes the mail one: e.g. the step's idempotency key
     * @return whether a job was scheduled (false while one of this key is still waiting)
     */
    boolean schedule(String key, String to, String subject, String text);
}
