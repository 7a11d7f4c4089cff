package app.dukkan.identity.security;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.RawHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Another web site's scripts may call the JSON API only from an origin the shop lists, and only the
 * API: pages, webhooks, files and probes answer no cross-origin request. The shop answers without
 * any of this unless configured (HttpEdgeTests). This configured shop also runs without HSTS, as the
 * dev profile does.
 */
@DukkanTest
@TestPropertySource(
        properties = {
            "dukkan.web.cors.allowed-origins=https://app.shop.example,http://localhost:5173",
            "dukkan.web.cors.allow-credentials=true",
            "dukkan.web.cors.max-age=10m",
            "dukkan.web.hsts=false"
        })
class CorsTests {

    static final String ALLOWED = "https://app.shop.example";

    @LocalServerPort
    int port;

    @Test
    void anAllowedOriginMayAskAndCall() {
        RawHttp.Response preflight = preflight(
                "/api/v1/cart",
                ALLOWED,
                "POST",
                "content-type, x-xsrf-token, authorization, x-api-key, idempotency-key");

        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
        assertThat(preflight.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST", "PATCH", "DELETE");
        assertThat(preflight.header("Access-Control-Allow-Headers").toLowerCase(Locale.ROOT))
                .contains("content-type", "x-xsrf-token", "authorization", "x-api-key", "idempotency-key");
        assertThat(preflight.header("Access-Control-Max-Age")).isEqualTo("600");

        RawHttp.Response read = send("GET /api/v1/products", ALLOWED);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
        assertThat(read.header("Access-Control-Expose-Headers")).contains("Location", "Retry-After");
        assertThat(read.headers("Vary")).anyMatch(vary -> vary.contains("Origin"));
    }

    @Test
    void anotherOriginIsRefused() {
        RawHttp.Response preflight = preflight("/api/v1/cart", "https://shop.example.evil", "POST", "content-type");
        RawHttp.Response read = send("GET /api/v1/products", "https://shop.example.evil");
        RawHttp.Response lookalike = send("GET /api/v1/products", "https://app.shop.example.evil");

        for (RawHttp.Response refused : List.of(preflight, read, lookalike)) {
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.body()).contains("https://dukkan.app/problems/cors-refused");
            assertNoCors(refused);
        }
    }

    @Test
    void onlyTheMethodsAndHeadersOfTheApi() {
        assertNoCors(preflight("/api/v1/cart", ALLOWED, "POST", "x-forwarded-for"));
        assertNoCors(preflight("/api/v1/cart", ALLOWED, "TRACE", "content-type"));
    }

    @Test
    void pagesWebhooksFilesAndProbesAnswerNoCrossOriginRequest() {
        for (String path : List.of("/privacy", "/admin", "/login", "/webhook/whatsapp", "/files/x.jpg", "/livez")) {
            List<RawHttp.Response> answers = new ArrayList<>();
            answers.add(preflight(path, ALLOWED, "POST", "content-type"));
            answers.add(send("GET " + path, ALLOWED));
            answers.forEach(CorsTests::assertNoCors);
        }
    }

    @Test
    void aCookieSignedInWriteFromAnAllowedOriginStillNeedsTheCsrfToken() {
        ApiClient customer = new CatalogFixtures(port).customer();
        String session = "DUKKAN_SESSION=" + customer.cookie("DUKKAN_SESSION");
        String csrf = customer.cookie("XSRF-TOKEN");

        RawHttp.Response forged = write(session, null);
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.body()).contains("https://dukkan.app/problems/csrf");
        // the calling script may read the refusal
        assertThat(forged.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);

        RawHttp.Response withToken = write(session + "; XSRF-TOKEN=" + csrf, csrf);
        assertThat(withToken.status()).as(withToken.body()).isEqualTo(400);
        assertThat(withToken.body()).contains("https://dukkan.app/problems/validation");
    }

    @Test
    void withHstsSwitchedOffNoAnswerClaimsTls() {
        for (RawHttp.Response response : List.of(
                send("GET /privacy", ALLOWED),
                send("GET /api/v1/products", ALLOWED),
                send("GET /livez", ALLOWED),
                RawHttp.send(port, List.of("GET /x{y} HTTP/1.1", "Host: localhost"), ""))) {
            assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(response.headers("Strict-Transport-Security")).isEmpty();
        }
    }

    private RawHttp.Response write(String cookies, String csrf) {
        List<String> head = new ArrayList<>(List.of(
                "POST /api/v1/cart HTTP/1.1",
                "Host: localhost",
                "Origin: " + ALLOWED,
                "Content-Type: application/json",
                "Content-Length: 2",
                "Cookie: " + cookies));
        if (csrf != null) {
            head.add("X-XSRF-TOKEN: " + csrf);
        }
        return RawHttp.send(port, head, "{}");
    }

    private RawHttp.Response preflight(String path, String origin, String method, String headers) {
        return RawHttp.send(
                port,
                List.of(
                        "OPTIONS " + path + " HTTP/1.1",
                        "Host: localhost",
                        "Origin: " + origin,
                        "Access-Control-Request-Method: " + method,
                        "Access-Control-Request-Headers: " + headers),
                "");
    }

    private RawHttp.Response send(String request, String origin) {
        return RawHttp.send(port, List.of(request + " HTTP/1.1", "Host: localhost", "Origin: " + origin), "");
    }

    private static void assertNoCors(RawHttp.Response response) {
        assertThat(response.headerLines())
                .noneMatch(line -> line.toLowerCase(Locale.ROOT).startsWith("access-control-"));
    }
}
