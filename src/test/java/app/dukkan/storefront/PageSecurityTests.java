package app.dukkan.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.PageClient;
import app.dukkan.testing.PageClient.Page;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@DukkanTest
class PageSecurityTests {

    @LocalServerPort
    int port;

    @Test
    void pagesAllowNoInlineScriptNorFraming() {
        Page page = new PageClient(port).get("/privacy").expectStatus(200);

        String policy = page.header("Content-Security-Policy");
        assertThat(policy)
                .contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "object-src 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(page.header("Strict-Transport-Security")).contains("max-age=31536000");
        assertThat(page.header("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
        assertThat(page.header("Permissions-Policy")).contains("camera=()");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.html().select("script:not([src])"))
                .as("inline scripts")
                .allMatch(script -> script.attr("type").equals("application/ld+json"));
        assertThat(page.html().select("[style]")).as("inline styles").isEmpty();
    }

    @Test
    void protectedPagesSendTheShopperToSignInAndBackInTheSameLanguage() {
        PageClient shopper = new PageClient(port);

        assertThat(shopper.get("/account/orders?page=2").location())
                .isEqualTo("/login?next=%2Faccount%2Forders%3Fpage%3D2");
        assertThat(shopper.get("/de/account").location()).isEqualTo("/de/login?next=%2Faccount");
    }

    @Test
    void anHtmxRequestWithoutASessionSendsTheWholePageToSignInAndBack() {
        Page part = new PageClient(port)
                .get(
                        "/admin/dashboard/figures?window=7d",
                        Map.of("HX-Request", "true", "HX-Current-URL", "http://localhost/de/admin?window=7d"))
                .expectStatus(401);
        assertThat(part.header("HX-Redirect")).isEqualTo("/login?next=%2Fde%2Fadmin%3Fwindow%3D7d");
        assertThat(part.header("Location")).isNull();

        Page withoutCurrentUrl = new PageClient(port)
                .get("/account/orders", Map.of("HX-Request", "true", "HX-Current-URL", "https://elsewhere.example"))
                .expectStatus(401);
        assertThat(withoutCurrentUrl.header("HX-Redirect")).isEqualTo("/login?next=%2Faccount%2Forders");
    }

    @Test
    void aFormWithAStaleTokenIsRefusedWithAPageThatSaysSo() {
        PageClient shopper = new PageClient(port);

        Page refused = shopper.post("/de/logout", Map.of("_csrf", "stale")).expectStatus(403);

        assertThat(refused.header("Content-Type")).startsWith("text/html");
        assertThat(refused.one("h1").text()).isEqualTo("Dieses Formular ist abgelaufen");
    }

    @Test
    void theThemeIsRememberedAndTheWayBackStaysInTheShop() {
        PageClient shopper = new PageClient(port);

        Page chosen = shopper.get("/theme/dark?next=/privacy");
        assertThat(chosen.location()).isEqualTo("/privacy");
        assertThat(shopper.cookie("DUKKAN_THEME")).isEqualTo("dark");
        assertThat(shopper.get("/privacy").one("html").hasClass("theme-dark")).isTrue();

        for (String next : new String[] {
            "//evil.example",
            "/\\evil.example",
            "https://evil.example",
            "/\t/evil.example",
            "/\r\n/evil.example",
            "javascript:alert(1)"
        }) {
            assertThat(shopper.get("/theme/light?next="
                                    + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8))
                            .location())
                    .as(next)
                    .isEqualTo("/");
        }
        assertThat(shopper.get("/theme/neon?next=/privacy").location()).isEqualTo("/privacy");
        assertThat(shopper.cookie("DUKKAN_THEME")).isEqualTo("light");
    }

    @Test
    void unknownPagesAnswerTheNotFoundPageAndApiClientsAProblem() {
        Page page = new PageClient(port).get("/ar/no-such-page").expectStatus(404);
        assertThat(page.one("html").attr("dir")).isEqualTo("rtl");
        assertThat(page.one("h1").text()).isEqualTo("الصفحة غير موجودة");
        assertThat(page.html().select("link[rel=canonical]")).isEmpty();

        var api = new app.dukkan.testing.ApiClient(port).get("/no-such-page").expectStatus(404);
        assertThat(api.header("Content-Type")).startsWith("application/problem+json");
    }

    /**
     * A browser that asks a page wrongly (a method the page does not take, a query that cannot be
     * read, a page number that is no number) gets the shop's error page at that status, never a
     * problem document nor a 500; an API client gets the problem.
     */
    @Test
    void malformedPageRequestsAnswerTheErrorPageAndApiClientsAProblem() throws Exception {
        Page wrongMethod = new PageClient(port).get("/de/cart/items").expectStatus(405);
        assertThat(wrongMethod.header("Content-Type")).startsWith("text/html");
        assertThat(wrongMethod.one("html").attr("lang")).isEqualTo("de");
        assertThat(wrongMethod.header("Allow")).contains("POST");

        String page = raw("/products?q=%zz", "text/html");
        assertThat(page)
                .startsWith("HTTP/1.1 400")
                .contains("Content-Type: text/html")
                .contains("<h1");
        String api = raw("/api/v1/products?q=%zz", "application/json");
        assertThat(api)
                .startsWith("HTTP/1.1 400")
                .contains("application/problem+json")
                .contains("% escape");

        Page notANumber = PageClient.admin(port).get("/admin/products?page=abc").expectStatus(400);
        assertThat(notANumber.header("Content-Type")).startsWith("text/html");
    }

    /** A request as written, which Java's URI would refuse to send: status line, headers and body. */
    private String raw(String target, String accept) throws java.io.IOException {
        try (var socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nAccept: " + accept
                                    + "\r\nConnection: close\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyPageLinksItsOtherLanguages() {
        Page page = new PageClient(port).get("/de/privacy").expectStatus(200);

        assertThat(page.one("html").attr("lang")).isEqualTo("de");
        assertThat(page.html().select("link[rel=alternate][hreflang]").eachAttr("hreflang"))
                .containsExactly("en", "de", "ar", "x-default");
        assertThat(page.one("link[rel=alternate][hreflang=ar]").attr("href")).endsWith("/ar/privacy");
        assertThat(page.one("link[rel=alternate][hreflang=x-default]").attr("href"))
                .endsWith("/privacy");
        assertThat(page.one("link[rel=canonical]").attr("href")).endsWith("/de/privacy");
    }
}
