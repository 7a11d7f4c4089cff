package app.dukkan.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.platform.FileStore;
import app.dukkan.platform.SignedUrls;
import app.dukkan.platform.images.TestImages;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.PageClient;
import app.dukkan.testing.RawHttp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every kind of answer carries the security headers: pages, JSON and its errors, static assets,
 * stored files, redirects, probes, the API documentation, the refusals of the filters that answer
 * before a controller (body limits) and of Tomcat itself. Requests go over a plain socket, so that
 * what is checked is exactly what went over the wire.
 */
@DukkanTest
class SecurityHeadersTests {

    /** What a page's policy says, and what an answer that is data says. */
    static final String PAGE_POLICY = "script-src 'self'";

    static final String DATA_POLICY = "default-src 'none'; frame-ancestors 'none'";

    @LocalServerPort
    int port;

    @Autowired
    FileStore files;

    @Autowired
    SignedUrls signedUrls;

    @Test
    void pagesInEveryLanguage() {
        for (String path : List.of("/privacy", "/ar/privacy")) {
            RawHttp.Response page = get(path, "text/html");
            assertThat(page.status()).as(path).isEqualTo(200);
            assertSecurityHeaders(path, page, PAGE_POLICY);
        }
    }

    @Test
    void jsonAnswersAndTheirProblems() {
        assertSecurityHeaders("products", expect(200, get("/api/v1/products", "application/json")), DATA_POLICY);
        assertSecurityHeaders("404", expect(404, get("/api/v1/nothing-here", "application/json")), DATA_POLICY);
        RawHttp.Response malformed = RawHttp.send(
                port,
                List.of(
                        "POST /api/v1/payments/webhook HTTP/1.1",
                        "Host: localhost",
                        "Content-Type: application/json",
                        "Content-Length: 1"),
                "{");
        assertSecurityHeaders("400", expect(400, malformed), DATA_POLICY);
        RawHttp.Response wrongMethod = get("/api/v1/payments/webhook", "application/json");
        assertSecurityHeaders("405", expect(405, wrongMethod), DATA_POLICY);
        for (RawHttp.Response problem : List.of(malformed, wrongMethod)) {
            assertThat(problem.header("Content-Type")).startsWith("application/problem+json");
        }
    }

    @Test
    void jsonOfASignedInUserIsNeverStored() {
        ApiClient customer = new CatalogFixtures(port).customer();
        RawHttp.Response me = RawHttp.send(
                port,
                List.of(
                        "GET /api/v1/me HTTP/1.1",
                        "Host: localhost",
                        "Accept: application/json",
                        "Cookie: DUKKAN_SESSION=" + customer.cookie("DUKKAN_SESSION")),
                "");

        assertSecurityHeaders("/api/v1/me", expect(200, me), DATA_POLICY);
        assertThat(me.header("Cache-Control")).contains("no-store");
    }

    @Test
    void staticAssetsAndStoredFiles() {
        String stylesheet = new PageClient(port)
                .get("/privacy")
                .one("link[rel=stylesheet][href^=/assets/]")
                .attr("href");
        assertSecurityHeaders(stylesheet, expect(200, get(stylesheet, "text/css")), PAGE_POLICY);

        String picture = files.store("test/" + UUID.randomUUID() + ".jpg", TestImages.jpeg(32, 32));
        RawHttp.Response stored = expect(200, get(picture, "image/*"));
        assertSecurityHeaders(picture, stored, "script-src 'self'");
        assertThat(stored.header("Content-Type")).isEqualTo("image/jpeg");

        String receipt = FileStore.PRIVATE_PREFIX + "test/" + UUID.randomUUID() + ".pdf";
        files.store(receipt, "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII));
        String signed = signedUrls.sign(receipt, Duration.ofMinutes(5)).path();
        assertSecurityHeaders(signed, expect(200, get(signed, "application/pdf")), "script-src 'self'");
    }

    @Test
    void redirectsProbesAndTheApiDocumentation() {
        assertSecurityHeaders("page redirect", expect(302, get("/account", "text/html")), PAGE_POLICY);
        assertSecurityHeaders("/api/docs", expect(302, get("/api/docs", "text/html")), DATA_POLICY);
        RawHttp.Response swagger = expect(200, get("/api/swagger-ui/index.html", "text/html"));
        assertSecurityHeaders("swagger", swagger, "style-src 'self' 'unsafe-inline'");
        assertThat(swagger.header("Content-Security-Policy")).doesNotContain("script-src 'self' 'unsafe-inline'");
        for (String probe : List.of("/livez", "/readyz", "/healthz")) {
            assertSecurityHeaders(probe, expect(200, get(probe, "application/json")), DATA_POLICY);
        }
    }

    @Test
    void bodiesRefusedForTheirSize() {
        RawHttp.Response json = RawHttp.send(
                port,
                List.of(
                        "POST /api/v1/payments/webhook HTTP/1.1",
                        "Host: localhost",
                        "Content-Type: application/json",
                        "Content-Length: 5000000"),
                "");
        assertSecurityHeaders("413 problem", expect(413, json), DATA_POLICY);

        PageClient shopper = new PageClient(port);
        String token = shopper.get("/login")
                .one("form[action=/login] input[name=_csrf]")
                .attr("value");
        String body = "_csrf=" + token + "&email=" + "x".repeat(1_500_000);
        RawHttp.Response form = RawHttp.send(
                port,
                List.of(
                        "POST /login HTTP/1.1",
                        "Host: localhost",
                        "Accept: text/html",
                        "Content-Type: application/x-www-form-urlencoded",
                        "Cookie: XSRF-TOKEN=" + shopper.cookie("XSRF-TOKEN"),
                        "Content-Length: " + body.length()),
                body);
        assertThat(form.header("Content-Type")).startsWith("text/html");
        assertSecurityHeaders("413 page", expect(413, form), PAGE_POLICY);
    }

    @Test
    void requestsTomcatRefusesBeforeAnyFilter() {
        for (List<String> request : List.of(
                List.of("GET /api/v1/products?q=<a> HTTP/1.1", "Host: localhost"),
                List.of("GET /x{y} HTTP/1.1", "Host: localhost"),
                List.of("GET /privacy HTTP/1.1", "Host: localhost", "X-Padding: " + "x".repeat(20_000)),
                List.of("GET /privacy HTTP/1.1"))) {
            RawHttp.Response refused = expect(400, RawHttp.send(port, request, ""));
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.body()).contains("https://dukkan.app/problems/http-400");
            assertSecurityHeaders(request.get(0), refused, DATA_POLICY);
        }
    }

    private RawHttp.Response get(String path, String accept) {
        return RawHttp.send(port, List.of("GET " + path + " HTTP/1.1", "Host: localhost", "Accept: " + accept), "");
    }

    private static RawHttp.Response expect(int status, RawHttp.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        return response;
    }

    /** The headers every answer carries, with a Content-Security-Policy that contains {@code policy}. */
    static void assertSecurityHeaders(String what, RawHttp.Response response, String policy) {
        assertThat(response.header("Content-Security-Policy")).as(what).contains(policy, "frame-ancestors 'none'");
        assertThat(response.header("Strict-Transport-Security"))
                .as(what)
                .isEqualTo("max-age=31536000 ; includeSubDomains");
        assertThat(response.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
        assertThat(response.header("X-Frame-Options")).as(what).isEqualTo("DENY");
        assertThat(response.header("Referrer-Policy")).as(what).isEqualTo("strict-origin-when-cross-origin");
        assertThat(response.header("Permissions-Policy")).as(what).contains("camera=()", "geolocation=()");
        assertThat(response.headers("Server")).as(what).isEmpty();
        assertThat(response.headers("X-Powered-By")).as(what).isEmpty();
    }
}
