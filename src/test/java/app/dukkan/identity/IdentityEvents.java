package app.dukkan.identity;

import app.dukkan.testing.ApiClient;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.awaitility.Awaitility;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Records the identity module's events (tests only), so tests can read the tokens a mail would carry. */
@Component
public class IdentityEvents {

    private final Queue<Object> events = new ConcurrentLinkedQueue<>();
    private final JdbcClient jdbc;

    IdentityEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(UserRegistered event) {
        events.add(event);
    }

    @EventListener
    void on(EmailVerificationRequested event) {
        events.add(event);
    }

    @EventListener
    void on(PasswordResetRequested event) {
        events.add(event);
    }

    @EventListener
    void on(MagicLinkRequested event) {
        events.add(event);
    }

    public List<MagicLinkRequested> magicLinks(String email) {
        return events.stream()
                .filter(MagicLinkRequested.class::isInstance)
                .map(MagicLinkRequested.class::cast)
                .filter(e -> e.email().equals(email))
                .toList();
    }

    public List<UserRegistered> registered(String email) {
        return events.stream()
                .filter(UserRegistered.class::isInstance)
                .map(UserRegistered.class::cast)
                .filter(e -> e.email().equals(email))
                .toList();
    }

    /** Confirms the client's email with the token of the latest verification mail sent to it. */
    public ApiClient confirmEmail(ApiClient client, String email) {
        List<EmailVerificationRequested> sent = verifications(email.toLowerCase(Locale.ROOT));
        if (sent.isEmpty()) {
            throw new AssertionError("no verification mail was sent to " + email);
        }
        client.post(
                        "/api/v1/auth/email/verify",
                        Map.of("token", sent.get(sent.size() - 1).token()))
                .expectStatus(204);
        return client;
    }

    public List<EmailVerificationRequested> verifications(String email) {
        return events.stream()
                .filter(EmailVerificationRequested.class::isInstance)
                .map(EmailVerificationRequested.class::cast)
                .filter(e -> e.email().equals(email))
                .toList();
    }

    /** The reset mails to the address, once every reset request's look-up (a job) has run. */
    public List<PasswordResetRequested> resets(String email) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> jdbc.sql("select count(*) from scheduled_tasks where task_name = 'password-reset-request'")
                                .query(Integer.class)
                                .single()
                        == 0);
        return events.stream()
                .filter(PasswordResetRequested.class::isInstance)
                .map(PasswordResetRequested.class::cast)
                .filter(e -> e.email().equals(email))
                .toList();
    }
}
