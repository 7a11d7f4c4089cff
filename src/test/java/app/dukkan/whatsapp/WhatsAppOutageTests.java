package app.dukkan.whatsapp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.platform.JobQueues;
import app.dukkan.testing.Prometheus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Outbound (M3) when the Cloud API fails: passing failures are retried and an open circuit makes
 * sends wait without spending attempts, so nothing is lost; a refusal for good is a failed message
 * and a dead letter that operators see and can replay.
 */
class WhatsAppOutageTests extends WhatsAppContext {

    @Autowired
    JobQueues queues;

    @Autowired
    Conversations conversations;

    @BeforeEach
    void meta() {
        metaAccepts();
    }

    @Test
    void aRefusedRecipientFailsTheMessageIntoTheDeadLettersAndAReplaySendsIt() {
        String phone = newPhone("44");
        META.stubFor(post(urlEqualTo(MESSAGES))
                .atPriority(1)
                .withRequestBody(matchingJsonPath("$.to", equalTo(phone)))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"error\": {\"message\": \"(#131026) Message Undeliverable.\", \"code\": 131026}}")));

        deliver(delivery(phone, text(phone, newMessageId(), "hi")));

        await().atMost(Duration.ofSeconds(15)).until(() -> "failed".equals(outboundStatus(phone)));
        JobQueues.DeadLetter dead = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> queues.deadLetters("whatsapp-send", false, 0, 100).items().stream()
                                .filter(letter -> letter.lastError().contains("131026"))
                                .filter(letter -> letter.payload().contains(conversationId(phone)))
                                .findFirst()
                                .orElse(null),
                        letter -> letter != null);
        assertThat(conversations.list(phone, true, 0, 10).items())
                .singleElement()
                .satisfies(summary -> assertThat(summary.failed()).isEqualTo(1));

        metaAccepts();
        assertThat(queues.requeue(dead.id())).isTrue();
        await().atMost(Duration.ofSeconds(15)).until(() -> "sent".equals(outboundStatus(phone)));
        assertThat(sentTo(phone)).hasSize(1); // since Meta came back (its journal starts afresh)
    }

    @Test
    void whileTheCloudApiIsDownRepliesWaitAndAllGoOutOnceItRecovers() throws Exception {
        META.resetAll();
        META.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(503)));
        List<String> phones = List.of(newPhone("44"), newPhone("44"), newPhone("44"));
        for (String phone : phones) {
            deliver(delivery(phone, text(phone, newMessageId(), "hi")));
        }
        // long enough for the circuit to open and for waiting sends to try again
        Thread.sleep(3_000);
        for (String phone : phones) {
            assertThat(outboundStatus(phone)).isEqualTo("queued");
        }
        // what the dashboard's breaker panel and the connector alert read
        Prometheus prometheus = new Prometheus(port);
        assertThat(prometheus.value("resilience4j_circuitbreaker_state", Map.of("state", "open")))
                .as("the Cloud API's breaker is open")
                .isGreaterThanOrEqualTo(1);
        assertThat(prometheus.value("whatsapp_messages_sends_total")).isPositive();

        metaAccepts();

        for (String phone : phones) {
            await().atMost(Duration.ofSeconds(30)).until(() -> "sent".equals(outboundStatus(phone)));
            List<JsonNode> sent = sentTo(phone);
            assertThat(sent).hasSize(1);
            assertThat(choiceIds(sent.get(0))).contains("consent:yes");
        }
    }

    private String conversationId(String phone) {
        return jdbc.sql("select id::text from whatsapp_conversations where phone = ? and not simulated")
                .param(phone)
                .query(String.class)
                .single();
    }
}
