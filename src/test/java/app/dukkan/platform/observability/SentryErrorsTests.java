package app.dukkan.platform.observability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.platform.AppVersion;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.sentry.Sentry;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Sentry's real SDK against a WireMock server standing in for Sentry's ingestion endpoint. */
class SentryErrorsTests {

    private static final WireMockServer SENTRY =
            new WireMockServer(wireMockConfig().dynamicPort());
    private static final String ENVELOPES = "/api/42/envelope/";
    private static final Logger log = LoggerFactory.getLogger("app.dukkan.sentry-check");

    @BeforeAll
    static void start() {
        SENTRY.start();
    }

    @AfterAll
    static void stop() {
        SENTRY.stop();
    }

    @BeforeEach
    void accept() {
        SENTRY.resetAll();
        SENTRY.stubFor(post(urlPathEqualTo(ENVELOPES)).willReturn(aResponse().withStatus(200)));
    }

    private static String dsn() {
        return "http://publickey@localhost:" + SENTRY.port() + "/42";
    }

    private static List<LoggedRequest> sent() {
        return SENTRY.findAll(postRequestedFor(urlPathEqualTo(ENVELOPES)));
    }

    @Test
    void anErrorGoesToSentryWithItsExceptionReleaseAndTheWarningBeforeIt() {
        try (SentryErrors errors = SentryErrors.attach(dsn(), "staging", "1.4.2")) {
            log.info("not sent at all");
            log.warn("the provider is slow");
            log.error("the refund job failed", new IllegalStateException("provider answered 502"));
            Sentry.flush(5_000);
        }

        assertThat(sent()).singleElement().satisfies(request -> {
            assertThat(request.getHeader("X-Sentry-Auth")).contains("sentry_key=publickey");
            assertThat(request.getBodyAsString())
                    .contains("the refund job failed")
                    .contains("IllegalStateException")
                    .contains("provider answered 502")
                    .contains("\"release\":\"1.4.2\"")
                    .contains("\"environment\":\"staging\"")
                    .contains("the provider is slow")
                    .doesNotContain("not sent at all");
        });
        assertThat(Sentry.isEnabled()).isFalse();
    }

    @Test
    void aWarningAloneIsNotAnEvent() {
        try (SentryErrors errors = SentryErrors.attach(dsn(), "production", "1")) {
            log.warn("a retry will do");
            Sentry.flush(2_000);
        }
        assertThat(sent()).isEmpty();
    }

    @Test
    void aBlankDsnIsOff() {
        try (SentryErrors errors = SentryErrors.attach("  ", "production", "1")) {
            assertThat(Sentry.isEnabled()).isFalse();
            log.error("stays in the log");
        }
        assertThat(sent()).isEmpty();
    }

    @Test
    void theShopReportsToSentryOnlyWhenADsnIsSet() {
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withUserConfiguration(SentryConfiguration.class)
                .withBean(AppVersion.class, () -> new AppVersion("1"));
        runner.run(context -> assertThat(context).doesNotHaveBean(SentryErrors.class));
        runner.withPropertyValues("sentry.dsn=" + dsn()).run(context -> {
            assertThat(context).hasSingleBean(SentryErrors.class);
            assertThat(Sentry.isEnabled()).isTrue();
        });
        assertThat(Sentry.isEnabled()).isFalse(); // closed with the context
    }
}
