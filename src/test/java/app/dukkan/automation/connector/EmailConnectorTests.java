package app.dukkan.automation.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import app.dukkan.notifications.Mailbox;
import app.dukkan.testing.DukkanTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@DukkanTest
class EmailConnectorTests {

    @Autowired
    Connectors connectors;

    @Autowired
    Mailbox mailbox;

    @Autowired
    JdbcClient jdbc;

    Connector email() {
        return connectors.find("email").orElseThrow();
    }

    static StepCall call(String idempotencyKey, Map<String, Object> input, boolean dryRun) {
        return new StepCall(UUID.randomUUID(), "mail", idempotencyKey, input, "secret", dryRun);
    }

    @Test
    void mailsThroughTheMailJobsOnceEvenWhenCalledTwice() {
        String to = "automation-" + UUID.randomUUID() + "@example.com";
        String key = "run-" + UUID.randomUUID() + ":mail";
        Map<String, Object> input =
                Map.of("to", to, "subject", "Your visa is approved", "text", "Hello Ada,\n\nsee the letter.");

        StepResult first = email().call(call(key, input, false));
        StepResult second = email().call(call(key, input, false));

        assertThat(first.output()).containsEntry("messageId", "automation:" + key);
        assertThat(second.output()).isEqualTo(first.output());
        assertThat(first.providerMessageId()).isEqualTo("automation:" + key);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> mailbox.list(to, 0, 10).total() == 1);
        Mailbox.Entry entry = mailbox.list(to, 0, 10).items().get(0);
        assertThat(entry.subject()).isEqualTo("Your visa is approved");
        assertThat(entry.kind()).isEqualTo("plain-text");
        assertThat(mailbox.find(entry.id()).orElseThrow().text()).contains("Hello Ada,", "see the letter.");

        // a third call after the mail went out: the job runs again and finds the mail sent
        email().call(call(key, input, false));
        await().pollDelay(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.sql("select count(*) from scheduled_tasks where task_instance = ?")
                                .param("automation:" + key)
                                .query(Long.class)
                                .single()
                        == 0);
        assertThat(mailbox.list(to, 0, 10).total()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from sent_mails where kind = 'plain-text' and key = ?")
                        .param("automation:" + key)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aDryRunMailsNothing() {
        String to = "dry-" + UUID.randomUUID() + "@example.com";

        StepResult result =
                email().call(call("run-x:" + UUID.randomUUID(), Map.of("to", to, "subject", "s", "text", "t"), true));

        assertThat(result.output()).containsKey("wouldSend");
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(mailbox.list(to, 0, 10).total()).isZero();
    }

    @Test
    void refusesABadAddressOrAMissingSubject() {
        assertThatThrownBy(() ->
                        email().call(call("k1", Map.of("to", "not-an-address", "subject", "s", "text", "t"), false)))
                .isInstanceOfSatisfying(
                        ConnectorException.class, e -> assertThat(e.retryable()).isFalse());
        assertThatThrownBy(() -> email().call(call("k2", Map.of("to", "a@example.com", "text", "t"), false)))
                .isInstanceOfSatisfying(
                        ConnectorException.class,
                        e -> assertThat(e.getMessage()).contains("subject"));
    }
}
