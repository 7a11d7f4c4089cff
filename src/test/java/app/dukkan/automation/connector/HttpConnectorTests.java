package app.dukkan.automation.connector;

import static app.dukkan.automation.connector.ConnectorFixtures.call;
import static app.dukkan.automation.connector.ConnectorFixtures.dryRun;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpConnectorTests {

    // answers with larger headers than the connector takes
    static final WireMockServer ERP =
            new WireMockServer(wireMockConfig().dynamicPort().jettyHeaderResponseSize(64 * 1024));

    ConnectorFixtures fixtures;
    HttpConnector connector;

    @BeforeAll
    static void start() {
        ERP.start();
    }

    @AfterAll
    static void stop() {
        ERP.stop();
    }

    @BeforeEach
    void fresh() {
        ERP.resetAll();
        fixtures = new ConnectorFixtures();
        connector = fixtures.http();
    }

    String url(String path) {
        return "http://localhost:" + ERP.port() + path;
    }

    @Test
    void postsSignedJsonWithTheIdempotencyKeyAndAnswersStatusBodyAndRequestId() {
        ERP.stubFor(post(urlEqualTo("/orders"))
                .willReturn(ok("{\"received\": true}")
                        .withHeader("Content-Type", "application/json")
                        .withHeader("X-Request-Id", "req-42")));

        StepResult result = connector.call(call(Map.of(
                "url", url("/orders"),
                "body", Map.of("order", "DK-1001", "total", 4200),
                "headers", Map.of("X-Tenant", "shop-1"))));

        assertThat(result.output()).containsEntry("status", 200).containsEntry("body", Map.of("received", true));
        assertThat(result.providerMessageId()).isEqualTo("req-42");
        ERP.verify(postRequestedFor(urlEqualTo("/orders"))
                .withHeader("Idempotency-Key", equalTo("run-1:notify"))
                .withHeader("X-Tenant", equalTo("shop-1"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"order\": \"DK-1001\", \"total\": 4200}")));
        LoggedRequest sent =
                ERP.findAll(postRequestedFor(urlEqualTo("/orders"))).get(0);
        String signature = sent.getHeader(WebhookSignature.HEADER);
        assertThat(signature).matches("t=\\d+,v1=[0-9a-f]{64}");
        assertThat(WebhookSignature.verify(
                        signature, sent.getBody(), "whsec_workflow_secret", Duration.ofMinutes(5), Instant.now()))
                .isTrue();
        byte[] changed = sent.getBodyAsString().replace("4200", "4201").getBytes();
        assertThat(WebhookSignature.verify(
                        signature, changed, "whsec_workflow_secret", Duration.ofMinutes(5), Instant.now()))
                .isFalse();
        assertThat(WebhookSignature.verify(
                        signature, sent.getBody(), "another-secret", Duration.ofMinutes(5), Instant.now()))
                .isFalse();
        assertThat(WebhookSignature.verify(
                        signature,
                        sent.getBody(),
                        "whsec_workflow_secret",
                        Duration.ofMinutes(5),
                        Instant.now().plus(Duration.ofMinutes(10))))
                .as("outside the tolerance")
                .isFalse();
    }

    @Test
    void putsAndPatchesWhenAskedAndKeepsATextAnswerAsText() {
        ERP.stubFor(com.github.tomakehurst.wiremock.client.WireMock.put(urlEqualTo("/stock"))
                .willReturn(ok("accepted").withHeader("Content-Type", "text/plain")));

        StepResult result = connector.call(call(Map.of("url", url("/stock"), "method", "PUT", "body", List.of(1, 2))));

        assertThat(result.output()).containsEntry("status", 200).containsEntry("body", "accepted");
        assertThat(result.providerMessageId()).isNull();
    }

    @Test
    void aJsonAnswerNestedTooDeepToStoreIsKeptAsText() {
        String deep = "[".repeat(60) + "1" + "]".repeat(60);
        ERP.stubFor(post(urlEqualTo("/deep")).willReturn(okJson(deep)));
        ERP.stubFor(post(urlEqualTo("/shallow")).willReturn(okJson("[".repeat(40) + "1" + "]".repeat(40))));

        assertThat(connector.call(call(Map.of("url", url("/deep")))).output()).containsEntry("body", deep);
        assertThat(connector.call(call(Map.of("url", url("/shallow")))).output().get("body"))
                .isInstanceOf(List.class);
    }

    @Test
    void aServerErrorIsRetryable() {
        ERP.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(500)));

        assertThatThrownBy(() -> connector.call(call(Map.of("url", url("/erp")))))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).contains("answered 500");
                });
    }

    @Test
    void throttlingAndRequestTimeoutAreRetryable() {
        ERP.stubFor(post(urlEqualTo("/busy")).willReturn(aResponse().withStatus(429)));
        ERP.stubFor(post(urlEqualTo("/slow")).willReturn(aResponse().withStatus(408)));

        assertThatThrownBy(() -> connector.call(call(Map.of("url", url("/busy")))))
                .isInstanceOfSatisfying(
                        ConnectorException.class, e -> assertThat(e.retryable()).isTrue());
        assertThatThrownBy(() -> connector.call(call(Map.of("url", url("/slow")))))
                .isInstanceOfSatisfying(
                        ConnectorException.class, e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void aTimeoutIsRetryable() {
        ERP.stubFor(post(urlEqualTo("/erp")).willReturn(ok().withFixedDelay(2_000)));

        HttpConnector impatient =
                new ConnectorFixtures(false, List.of("localhost"), ConnectorFixtures.SHORT_READ_TIMEOUT).http();

        long start = System.nanoTime();
        assertThatThrownBy(() -> impatient.call(call(Map.of("url", url("/erp")))))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).contains("did not answer in time");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_900));
    }

    @Test
    void aTargetThatTricklesItsAnswerIsCutOffAtTheCallTimeoutAndCountsAgainstItsBreaker() {
        // a chunk every half second: never as long as a read timeout, but 15 s for the whole answer
        ERP.stubFor(post(urlEqualTo("/trickle")).willReturn(ok("x".repeat(30)).withChunkedDribbleDelay(30, 15_000)));
        ConnectorFixtures limited = new ConnectorFixtures(
                false,
                List.of("localhost"),
                ConnectorFixtures.READ_TIMEOUT,
                "http://localhost:1/v21.0",
                Duration.ofSeconds(1));
        HttpConnector patient = limited.http();

        long start = System.nanoTime();
        assertThatThrownBy(() -> patient.call(call(Map.of("url", url("/trickle")))))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).contains("did not finish answering within 1000 ms");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1))
                .isLessThan(Duration.ofSeconds(3));
        assertThat(limited.meters
                        .find("resilience4j.circuitbreaker.buffered.calls")
                        .tag("name", "http:localhost:" + ERP.port())
                        .tag("kind", "failed")
                        .gauge()
                        .value())
                .isEqualTo(1.0);
    }

    @Test
    void anAnswerWithTooManyHeadersIsRefused() {
        var answer = ok();
        for (int i = 0; i <= OutboundHttp.MAX_HEADERS; i++) {
            answer = answer.withHeader("X-Filler-" + i, "x");
        }
        ERP.stubFor(post(urlEqualTo("/headers")).willReturn(answer));
        ERP.stubFor(post(urlEqualTo("/long-header"))
                .willReturn(ok().withHeader("X-Long", "x".repeat(OutboundHttp.MAX_HEADER_LINE))));

        for (String path : List.of("/headers", "/long-header")) {
            assertThatThrownBy(() -> connector.call(call(Map.of("url", url(path)))))
                    .isInstanceOfSatisfying(
                            ConnectorException.class,
                            e -> assertThat(e.getMessage()).contains("too many or too long header lines"));
        }
    }

    @Test
    void aRefusedConnectionIsRetryable() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertThatThrownBy(() -> connector.call(call(Map.of("url", "http://localhost:" + closed + "/x"))))
                .isInstanceOfSatisfying(
                        ConnectorException.class, e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void aClientErrorIsNotRetryable() {
        ERP.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(422)));

        assertThatThrownBy(() -> connector.call(call(Map.of("url", url("/erp")))))
                .isInstanceOfSatisfying(
                        ConnectorException.class, e -> assertThat(e.retryable()).isFalse());
    }

    @Test
    void aRedirectIsNotFollowed() {
        ERP.stubFor(post(urlEqualTo("/moved"))
                .willReturn(aResponse().withStatus(302).withHeader("Location", url("/elsewhere"))));
        ERP.stubFor(post(urlEqualTo("/elsewhere")).willReturn(ok()));

        assertThatThrownBy(() -> connector.call(call(Map.of("url", url("/moved")))))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("302", "redirects are not followed");
                });
        ERP.verify(0, postRequestedFor(urlEqualTo("/elsewhere")));
    }

    @Test
    void aLongAnswerIsCutAtTheLimit() {
        ERP.stubFor(
                post(urlEqualTo("/big")).willReturn(ok("x".repeat(200_000)).withHeader("Content-Type", "text/plain")));

        StepResult result = connector.call(call(Map.of("url", url("/big"))));

        assertThat((String) result.output().get("body")).hasSize(64 * 1024);
        assertThat(result.output()).containsEntry("truncated", true);
    }

    @Test
    void refusesHeadersTheConnectorOwns() {
        for (String header : List.of(
                "Host", "content-length", "Dukkan-Signature", "idempotency-key", "CONTENT-TYPE", "User-Agent")) {
            assertThatThrownBy(() -> connector.call(call(Map.of("url", url("/erp"), "headers", Map.of(header, "x")))))
                    .isInstanceOfSatisfying(ConnectorException.class, e -> {
                        assertThat(e.retryable()).isFalse();
                        assertThat(e.getMessage()).contains(header);
                    });
        }
        ERP.verify(0, postRequestedFor(urlEqualTo("/erp")));
    }

    @Test
    void aCredentialAddsItsHeadersWhichWinOverTheStepsAndADryRunHidesThem() {
        ERP.stubFor(post(urlEqualTo("/erp")).willReturn(ok()));
        fixtures.credentials.save("erp", "http", "{\"Authorization\": \"Bearer erp-token\", \"X-Tenant\": \"t-1\"}");

        connector.call(call(Map.of(
                "url",
                url("/erp"),
                "credential",
                "erp",
                "headers",
                Map.of("authorization", "Bearer step", "X-Step", "s"))));

        ERP.verify(postRequestedFor(urlEqualTo("/erp"))
                .withHeader("Authorization", equalTo("Bearer erp-token"))
                .withHeader("X-Tenant", equalTo("t-1"))
                .withHeader("X-Step", equalTo("s")));
        StepResult dry = connector.call(dryRun(Map.of("url", url("/erp"), "credential", "erp")));
        assertThat(dry.output().toString()).contains("[credential erp]").doesNotContain("erp-token");
    }

    @Test
    void aMissingForeignOrUnusableCredentialFailsTheStepForGood() {
        fixtures.credentials.save("hook", "slack", "https://hooks.slack.com/services/x");
        fixtures.credentials.save("text", "http", "not json");
        fixtures.credentials.save("host", "http", "{\"Host\": \"evil.example\"}");

        for (var named : Map.of("absent", "no credential", "hook", "for slack", "text", "no headers", "host", "Host")
                .entrySet()) {
            assertThatThrownBy(() -> connector.call(call(Map.of("url", url("/erp"), "credential", named.getKey()))))
                    .isInstanceOfSatisfying(ConnectorException.class, e -> {
                        assertThat(e.retryable()).isFalse();
                        assertThat(e.getMessage()).contains(named.getValue());
                    });
        }
        ERP.verify(0, postRequestedFor(urlEqualTo("/erp")));
    }

    @Test
    void refusesInputOutsideItsSchema() {
        assertThatThrownBy(() -> connector.call(call(Map.of("url", url("/erp"), "method", "DELETE"))))
                .isInstanceOf(ConnectorException.class);
        assertThatThrownBy(() -> connector.call(call(Map.of("url", url("/erp"), "extra", 1))))
                .isInstanceOfSatisfying(
                        ConnectorException.class,
                        e -> assertThat(e.getMessage()).contains("extra"));
        assertThatThrownBy(() -> connector.call(call(Map.of("body", "x"))))
                .isInstanceOfSatisfying(
                        ConnectorException.class,
                        e -> assertThat(e.getMessage()).contains("url"));
    }

    @Test
    void aDryRunShowsWhatWouldBeSentAndCallsNothing() {
        ERP.stubFor(post(urlEqualTo("/erp")).willReturn(ok()));

        StepResult result = connector.call(dryRun(Map.of("url", url("/erp"), "body", Map.of("a", 1))));

        @SuppressWarnings("unchecked")
        Map<String, Object> wouldSend = (Map<String, Object>) result.output().get("wouldSend");
        assertThat(wouldSend).containsEntry("method", "POST").containsEntry("body", Map.of("a", 1));
        assertThat(ERP.getAllServeEvents()).isEmpty();
    }

    @Test
    void theBreakerOpensAfterFailuresAndAHalfOpenSuccessClosesIt() throws Exception {
        ERP.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(503)));
        String target = "http:localhost:" + ERP.port();
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> connector.call(call(Map.of("url", url("/erp")))))
                    .isInstanceOfSatisfying(
                            ConnectorException.class,
                            e -> assertThat(e.retryable()).isTrue());
        }
        assertThat(fixtures.breakers.state(target)).isEqualTo(CircuitBreaker.State.OPEN);

        assertThatThrownBy(() -> connector.call(call(Map.of("url", url("/erp")))))
                .isInstanceOfSatisfying(ConnectorUnavailableException.class, e -> {
                    assertThat(e.getMessage()).contains(target);
                    assertThat(e.retryAfter()).isPositive();
                });
        assertThat(ERP.getAllServeEvents()).hasSize(4);
        assertThat(fixtures.meters
                        .find("resilience4j.circuitbreaker.state")
                        .tag("name", target)
                        .tag("state", "open")
                        .gauge()
                        .value())
                .isEqualTo(1.0);

        Thread.sleep(400);
        ERP.stubFor(post(urlEqualTo("/erp")).willReturn(ok()));
        StepResult result = connector.call(call(Map.of("url", url("/erp"))));

        assertThat(result.output()).containsEntry("status", 200);
        assertThat(fixtures.breakers.state(target)).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void clientErrorsDoNotOpenTheBreaker() {
        ERP.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(400)));
        for (int i = 0; i < 6; i++) {
            assertThatThrownBy(() -> connector.call(call(Map.of("url", url("/erp")))))
                    .isInstanceOfSatisfying(
                            ConnectorException.class,
                            e -> assertThat(e.retryable()).isFalse());
        }
        assertThat(fixtures.breakers.state("http:localhost:" + ERP.port())).isEqualTo(CircuitBreaker.State.CLOSED);
    }
}
