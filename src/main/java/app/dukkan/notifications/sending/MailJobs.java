package app.dukkan.notifications.sending;

import app.dukkan.notifications.mail.MailKind;
import app.dukkan.notifications.mail.NotificationsProperties;
import app.dukkan.platform.JobQueue;
import app.dukkan.platform.JobType;
import app.dukkan.platform.Jobs;
import app.dukkan.platform.RetryPolicy;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * One job type per mail kind, {@code mail-<kind>}: account security mails (password reset, email
 * verification) on the critical queue, the others on the default queue; all retry with the
 * back-off of {@code dukkan.notifications.retry.*}.
 */
@Component
public class MailJobs {

    private final Map<MailKind, JobType<MailJob>> types = new EnumMap<>(MailKind.class);
    private final Jobs jobs;

    MailJobs(NotificationsProperties properties, Jobs jobs) {
        this.jobs = jobs;
        NotificationsProperties.Retry retry = properties.retry();
        RetryPolicy policy = new RetryPolicy(retry.maxAttempts(), retry.firstDelay(), retry.factor(), retry.maxDelay());
        for (MailKind kind : MailKind.values()) {
            types.put(
                    kind,
                    new JobType<>(
                            "mail-" + kind.code(),
                            MailJob.class,
                            kind.urgent() ? JobQueue.CRITICAL : JobQueue.DEFAULT,
                            policy));
        }
    }

    public JobType<MailJob> type(MailKind kind) {
        return types.get(kind);
    }

    /** Schedules the mail in the caller's transaction; the same kind and key is scheduled once. */
    public boolean schedule(MailJob job) {
        return jobs.schedule(type(job.kind()), job.key(), job);
    }
}
