package app.dukkan.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.RawHttp;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A read refused by the admission (503, before any security filter ran for it) carries the same
 * security headers as every other answer: the refusal is rendered in the error dispatch, which the
 * security filters see.
 */
@DukkanTest
@Import(BusyAnswersTests.SlowController.class)
@TestPropertySource(properties = {"dukkan.web.admission.concurrent-reads=1", "dukkan.web.admission.max-wait=100ms"})
class BusyAnswersTests {

    /** Holds the only place until the test lets it go. */
    @RestController
    static class SlowController {
        static final CountDownLatch ENTERED = new CountDownLatch(1);
        static final CountDownLatch RELEASE = new CountDownLatch(1);

        @GetMapping("/test/slow")
        String slow() throws InterruptedException {
            ENTERED.countDown();
            RELEASE.await(30, TimeUnit.SECONDS);
            return "done";
        }
    }

    @LocalServerPort
    int port;

    @Test
    void refusedReadsCarryTheSecurityHeaders() throws Exception {
        CompletableFuture<RawHttp.Response> holder = CompletableFuture.supplyAsync(() -> get("/test/slow", "*/*"));
        try {
            assertThat(SlowController.ENTERED.await(30, TimeUnit.SECONDS)).isTrue();

            RawHttp.Response json = get("/api/v1/products", "application/json");
            assertThat(json.status()).isEqualTo(503);
            assertThat(json.header("Retry-After")).isEqualTo("1");
            assertThat(json.body()).contains("https://dukkan.app/problems/busy");
            SecurityHeadersTests.assertSecurityHeaders("busy JSON", json, SecurityHeadersTests.DATA_POLICY);

            RawHttp.Response page = get("/privacy", "text/html");
            assertThat(page.status()).isEqualTo(503);
            assertThat(page.header("Content-Type")).startsWith("text/html");
            SecurityHeadersTests.assertSecurityHeaders("busy page", page, SecurityHeadersTests.PAGE_POLICY);
        } finally {
            SlowController.RELEASE.countDown();
        }
        assertThat(holder.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
    }

    private RawHttp.Response get(String path, String accept) {
        return RawHttp.send(port, List.of("GET " + path + " HTTP/1.1", "Host: localhost", "Accept: " + accept), "");
    }
}
