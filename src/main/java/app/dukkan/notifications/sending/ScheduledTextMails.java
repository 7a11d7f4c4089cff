package app.dukkan.notifications.sending;

import app.dukkan.notifications.TextMails;
import app.dukkan.notifications.mail.NotificationsProperties;
import org.springframework.stereotype.Component;

/** {@link TextMails} as {@code mail-plain-text} jobs in the shop's default language. */
@Component
class ScheduledTextMails implements TextMails {

    private final MailJobs jobs;
    private final NotificationsProperties properties;

    ScheduledTextMails(MailJobs jobs, NotificationsProperties properties) {
        this.jobs = jobs;
        this.properties = properties;
    }

    @Override
    public boolean schedule(String key, String to, String subject, String text) {
        return jobs.schedule(MailJob.plain(key, to, properties.defaultLocale().toLanguageTag(), subject, text));
    }
}
