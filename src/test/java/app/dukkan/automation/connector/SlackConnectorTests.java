package app.dukkan.automation.connector;

import static app.dukkan.automation.connector.ConnectorFixtures.call;
import static app.dukkan.automation.connector.ConnectorFixtures.dryRun;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlackConnectorTests {

    static final WireMockServer SLACK = new WireMockServer(wireMockConfig().dynamicPort());
    static final String HOOK = "/services/T000/B000/XXXX";

    ConnectorFixtures fixtures;
    SlackConnector slack;

    @BeforeAll
    static void start() {
        SLACK.start();
    }

    @AfterAll
    static void stop() {
        SLACK.stop();
    }

    @BeforeEach
    void fresh() {
        SLACK.resetAll();
        fixtures = new ConnectorFixtures();
        fixtures.credentials.save("ops-channel", "slack", "http://localhost:" + SLACK.port() + HOOK);
        slack = fixtures.slack();
    }

    @Test
    void postsTheMessageToTheStoredWebhook() {
        SLACK.stubFor(post(urlEqualTo(HOOK)).willReturn(ok("ok")));
        List<Map<String, Object>> blocks =
                List.of(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", "*DK-1001* paid")));

        StepResult result =
                slack.call(call(Map.of("credential", "ops-channel", "text", "DK-1001 paid", "blocks", blocks)));

        assertThat(result.output()).containsEntry("status", 200).containsEntry("response", "ok");
        SLACK.verify(postRequestedFor(urlEqualTo(HOOK))
                .withRequestBody(equalToJson("{\"text\": \"DK-1001 paid\", \"blocks\": [{\"type\": \"section\","
                        + " \"text\": {\"type\": \"mrkdwn\", \"text\": \"*DK-1001* paid\"}}]}")));
    }

    @Test
    void slacksServerErrorAndThrottlingAreRetryableItsRefusalsAreNot() {
        SLACK.stubFor(post(urlEqualTo(HOOK)).willReturn(aResponse().withStatus(500)));
        assertThatThrownBy(() -> slack.call(call(Map.of("credential", "ops-channel", "text", "hi"))))
                .isInstanceOfSatisfying(
                        ConnectorException.class, e -> assertThat(e.retryable()).isTrue());

        SLACK.stubFor(
                post(urlEqualTo(HOOK)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));
        assertThatThrownBy(() -> slack.call(call(Map.of("credential", "ops-channel", "text", "hi"))))
                .isInstanceOfSatisfying(
                        ConnectorException.class, e -> assertThat(e.retryable()).isTrue());

        SLACK.stubFor(
                post(urlEqualTo(HOOK)).willReturn(aResponse().withStatus(404).withBody("no_service")));
        assertThatThrownBy(() -> slack.call(call(Map.of("credential", "ops-channel", "text", "hi"))))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("404", "no_service");
                });
    }

    @Test
    void aSlackThatDoesNotAnswerTimesOutRetryably() {
        SLACK.stubFor(post(urlEqualTo(HOOK)).willReturn(ok("ok").withFixedDelay(2_000)));

        ConnectorFixtures impatient =
                new ConnectorFixtures(false, List.of("localhost"), ConnectorFixtures.SHORT_READ_TIMEOUT);
        impatient.credentials.save("ops-channel", "slack", "http://localhost:" + SLACK.port() + HOOK);

        assertThatThrownBy(() -> impatient.slack().call(call(Map.of("credential", "ops-channel", "text", "hi"))))
                .isInstanceOfSatisfying(
                        ConnectorException.class, e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void theBreakerOpensOnSlackFailuresAndClosesWhenSlackRecovers() throws Exception {
        SLACK.stubFor(post(urlEqualTo(HOOK)).willReturn(aResponse().withStatus(503)));
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> slack.call(call(Map.of("credential", "ops-channel", "text", "hi"))))
                    .isInstanceOf(ConnectorException.class);
        }
        assertThatThrownBy(() -> slack.call(call(Map.of("credential", "ops-channel", "text", "hi"))))
                .isInstanceOf(ConnectorUnavailableException.class);
        assertThat(SLACK.getAllServeEvents()).hasSize(4);

        Thread.sleep(400);
        SLACK.stubFor(post(urlEqualTo(HOOK)).willReturn(ok("ok")));
        assertThat(slack.call(call(Map.of("credential", "ops-channel", "text", "hi")))
                        .output())
                .containsEntry("status", 200);
        assertThat(fixtures.breakers.state("slack:localhost")).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void anUnknownOrForeignCredentialIsNotRetryable() {
        fixtures.credentials.save("wa", "whatsapp", "{\"phoneNumberId\": \"1\", \"accessToken\": \"t\"}");

        assertThatThrownBy(() -> slack.call(call(Map.of("credential", "nope", "text", "hi"))))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("no credential named 'nope'");
                });
        assertThatThrownBy(() -> slack.call(call(Map.of("credential", "wa", "text", "hi"))))
                .isInstanceOfSatisfying(
                        ConnectorException.class,
                        e -> assertThat(e.getMessage()).contains("is for whatsapp"));
    }

    @Test
    void aDryRunCallsNothingAndKeepsTheWebhookUrlToItself() {
        StepResult result = slack.call(dryRun(Map.of("credential", "ops-channel", "text", "hi")));

        assertThat(result.output().toString()).contains("hi").doesNotContain(HOOK);
        assertThat(SLACK.getAllServeEvents()).isEmpty();
    }
}
