package app.dukkan.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.PageClient;
import app.dukkan.testing.PageClient.Page;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Each route class takes a body of exactly its limit (application.yaml) and refuses one byte more:
 * a problem detail for JSON clients, the error page for a browser's form. Uploads and the product
 * import are checked by ProductImagesApiTests, ProductImagePagesTests and CatalogCsvImportTests.
 */
@DukkanTest
class BodyLimitTests {

    static final int KB = 1024;

    static final int MB = 1024 * KB;

    @LocalServerPort
    int port;

    @Test
    void theJsonApiTakesOneMegabyte() {
        ApiClient shopper = new ApiClient(port);

        assertTaken(shopper.sendRaw("POST", "/api/v1/cart", json(MB), "application/json"));
        assertRefused(shopper.sendRaw("POST", "/api/v1/cart", json(MB + 1), "application/json"), "1MB");
    }

    @Test
    void formsTakeOneMegabyte() {
        PageClient shopper = new PageClient(port);
        String token = shopper.get("/login")
                .one("form[action=/login] input[name=_csrf]")
                .attr("value");
        String fields = "_csrf=" + token + "&email=someone%40example.com&password=";

        Page taken = shopper.postEncoded("/login", fields + "x".repeat(MB - fields.length()));
        assertThat(taken.status()).isNotEqualTo(413);

        Page refused = shopper.postEncoded("/login", fields + "x".repeat(MB + 1 - fields.length()))
                .expectStatus(413);
        assertThat(refused.header("Content-Type")).startsWith("text/html");
        assertThat(refused.one("h1").text()).isEqualTo("That is too large");

        // refused before the CSRF check could read it (Tomcat parses at most 2 MB of a form, and
        // the form would then have seemed to have no token)
        Page huge = shopper.postEncoded("/login", fields + "x".repeat(3 * MB)).expectStatus(413);
        assertThat(huge.one("h1").text()).isEqualTo("That is too large");
    }

    @Test
    void workflowTriggersTakeHalfAMegabyte() {
        ApiClient admin = new CatalogFixtures(port).admin();
        String path = "/api/v1/triggers/" + CatalogFixtures.unique("no-such-workflow-");

        // read whole, then the workflow is looked for
        admin.sendRaw("POST", path, json(512 * KB), "application/json").expectStatus(404);
        assertRefused(admin.sendRaw("POST", path, json(512 * KB + 1), "application/json"), "512KB");
    }

    @Test
    void webhooksTakeOneMegabyte() {
        ApiClient stripe = new ApiClient(port).withoutCsrf();
        // read whole, then the missing signature is refused
        stripe.sendRaw("POST", "/api/v1/payments/webhook", json(MB), "application/json")
                .expectStatus(400);
        assertRefused(stripe.sendRaw("POST", "/api/v1/payments/webhook", json(MB + 1), "application/json"), "1MB");

        ApiClient meta = new ApiClient(port).withoutCsrf();
        // read whole, then refused: these tests run without the WhatsApp channel
        meta.sendRaw("POST", "/webhook/whatsapp", json(MB), "application/json").expectStatus(404);
        assertRefused(meta.sendRaw("POST", "/webhook/whatsapp", json(MB + 1), "application/json"), "1MB");
    }

    /** A JSON document of exactly {@code bytes} bytes. */
    static String json(int bytes) {
        return " ".repeat(bytes - 2) + "{}";
    }

    private static void assertTaken(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isNotEqualTo(413);
    }

    private static void assertRefused(ApiClient.Response response, String limit) {
        response.expectStatus(413);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("type").asString()).isEqualTo("https://dukkan.app/problems/body-too-large");
        assertThat(problem.get("detail").asString()).endsWith("at most " + limit);
    }
}
