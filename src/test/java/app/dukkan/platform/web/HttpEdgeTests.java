package app.dukkan.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.RawHttp;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * What any client sees at the edge, whatever the request: problem details for errors, the same
 * security headers on every answer, redirects and cookies that cannot be turned against users.
 * Requests go over a plain socket, as Java's HTTP client would normalize or refuse them.
 */
@DukkanTest
class HttpEdgeTests {

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlerMapping;

    @Test
    void handlersAreLookedUpByPathPrefixFirst() {
        assertThat(handlerMapping).isInstanceOf(PrefixFilteredHandlerMapping.class);
        PrefixFilteredHandlerMapping mapping = (PrefixFilteredHandlerMapping) handlerMapping;
        System.out.println(
                "CANDIDATES " + mapping.candidates("/api/v1/triggers/bench").size() + " of "
                        + mapping.getHandlerMethods().size());
        mapping.candidates("/api/v1/triggers/bench").forEach(c -> System.out.println("CAND " + c));
    }

    @Test
    void theErrorPathItselfIsNotFound() {
        RawHttp.Response response = RawHttp.get(port, "/error");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.body())
                .contains("https://dukkan.app/problems/not-found")
                .doesNotContain("999");
    }

    @Test
    void redirectsDoNotTrustTheHostHeader() {
        for (String path : List.of("/de", "/api/docs")) {
            RawHttp.Response response = RawHttp.send(
                    port,
                    List.of("GET " + path + " HTTP/1.1", "Host: evil.example", "X-Forwarded-Host: evil.example"),
                    "");

            assertThat(response.status()).as(path).isEqualTo(302);
            assertThat(response.header("Location")).as(path).startsWith("/").doesNotContain("evil");
        }
    }

    @Test
    void requestsRefusedByTheFirewallCarryTheSecurityHeaders() {
        for (String path : List.of(
                "/files/../x",
                "//api/v1/products",
                "/api/v1/products;a=b",
                "/api/v1/%2e%2e/products",
                "/api/v1/products%2Fx",
                "/api/v1/products%25x",
                "/api/v1/products/%0a")) {
            RawHttp.Response response = RawHttp.get(port, path);

            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(response.header("Content-Type")).as(path).startsWith("application/problem+json");
            SecurityHeadersTests.assertSecurityHeaders(path, response, "frame-ancestors 'none'");
        }
    }

    @Test
    void noOtherSiteMayCallTheApiUnlessConfigured() {
        RawHttp.Response preflight = RawHttp.send(
                port,
                List.of(
                        "OPTIONS /api/v1/cart HTTP/1.1",
                        "Host: localhost",
                        "Origin: https://elsewhere.example",
                        "Access-Control-Request-Method: POST",
                        "Access-Control-Request-Headers: content-type, x-xsrf-token"),
                "");
        RawHttp.Response read = RawHttp.send(
                port,
                List.of("GET /api/v1/products HTTP/1.1", "Host: localhost", "Origin: https://elsewhere.example"),
                "");

        // the preflight is answered without permission, so the browser sends nothing
        assertThat(read.status()).isEqualTo(200);
        for (RawHttp.Response response : List.of(preflight, read)) {
            assertThat(response.headerLines())
                    .noneMatch(line -> line.toLowerCase(java.util.Locale.ROOT).startsWith("access-control-"));
        }
    }

    @Test
    void csrfCookieIsSameSite() {
        RawHttp.Response response = RawHttp.get(port, "/api/v1/auth/csrf");

        assertThat(response.headers("Set-Cookie"))
                .filteredOn(cookie -> cookie.startsWith("XSRF-TOKEN="))
                .singleElement()
                .satisfies(cookie -> assertThat(cookie).containsIgnoringCase("SameSite=Lax"));
    }
}
