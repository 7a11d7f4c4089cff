package app.dukkan.platform.observability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.DukkanTest;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Traces exported over OTLP/HTTP (protobuf) to a receiver played by WireMock: a request's span, its
 * JDBC statements as children, and the job it scheduled in the same trace.
 */
@DukkanTest
@TestPropertySource(
        properties = {
            "management.tracing.sampling.probability=1.0",
            "management.opentelemetry.tracing.export.schedule-delay=200ms"
        })
class TracingTests {

    static final WireMockServer COLLECTOR = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        COLLECTOR.start();
        COLLECTOR.stubFor(post(urlEqualTo("/v1/traces")).willReturn(aResponse().withStatus(200)));
    }

    @DynamicPropertySource
    static void collector(DynamicPropertyRegistry registry) {
        registry.add(
                "management.opentelemetry.tracing.export.otlp.endpoint",
                () -> "http://localhost:" + COLLECTOR.port() + "/v1/traces");
    }

    @AfterAll
    static void stop() {
        COLLECTOR.stop();
    }

    @LocalServerPort
    int port;

    private List<OtlpSpans.Span> exported() {
        return COLLECTOR.findAll(postRequestedFor(urlEqualTo("/v1/traces"))).stream()
                .flatMap(request -> {
                    assertThat(request.getHeader("Content-Type")).isEqualTo("application/x-protobuf");
                    return OtlpSpans.read(request.getBody()).stream();
                })
                .toList();
    }

    private static Optional<OtlpSpans.Span> named(List<OtlpSpans.Span> spans, String traceId, String prefix) {
        return spans.stream()
                .filter(s -> s.traceId().equals(traceId) && s.name().startsWith(prefix))
                .findFirst();
    }

    @Test
    void aSignUpIsOneTraceWithItsStatementsAndTheWelcomeMailJob() {
        new ApiClient(port).register("traced-" + UUID.randomUUID() + "@example.com", "correct horse 42");

        OtlpSpans.Span[] request = new OtlpSpans.Span[1];
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    List<OtlpSpans.Span> spans = exported();
                    request[0] = spans.stream()
                            .filter(s -> s.name().equals("http post /api/v1/auth/register"))
                            .reduce((first, last) -> last)
                            .orElseThrow(() -> new AssertionError("no request span among " + spans.size()));
                    assertThat(named(spans, request[0].traceId(), "job mail-welcome"))
                            .as("the job the request scheduled runs in its trace")
                            .isPresent();
                });
        List<OtlpSpans.Span> spans = exported();
        String traceId = request[0].traceId();
        List<OtlpSpans.Span> statements = spans.stream()
                .filter(s -> s.traceId().equals(traceId) && s.name().startsWith("db "))
                .toList();
        assertThat(statements).extracting(OtlpSpans.Span::name).contains("db insert", "db select");
        List<String> ids = spans.stream()
                .filter(s -> s.traceId().equals(traceId))
                .map(OtlpSpans.Span::spanId)
                .toList();
        assertThat(statements)
                .as("each statement is a child of a span of the trace")
                .allSatisfy(statement -> assertThat(ids).contains(statement.parentSpanId()));
        OtlpSpans.Span job = named(spans, traceId, "job mail-welcome").orElseThrow();
        assertThat(ids).as("the job's parent is a span of the request").contains(job.parentSpanId());
        assertThat(statements)
                .as("the job's own statements are its children")
                .anySatisfy(statement -> assertThat(statement.parentSpanId()).isEqualTo(job.spanId()));
    }
}
