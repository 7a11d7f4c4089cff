package app.dukkan.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Amounts of money from clients are bounded in digits and scale before any arithmetic: a hostile
 * exponent is refused at once with a short answer that does not repeat it.
 */
@DukkanTest
class MoneyInputTests {

    /** Far above a normal answer on a busy machine; the unbounded parser took 14 s for the first value. */
    private static final Duration QUICK = Duration.ofSeconds(3);

    private static final List<String> HOSTILE = List.of("1e-10000000", "1e10000000", "1e-1000000", "1e1000000");

    @LocalServerPort
    int port;

    @Test
    void priceFiltersWithHugeExponentsAreRefusedQuicklyAndBriefly() {
        ApiClient client = new ApiClient(port);
        for (String name : List.of("min_price", "max_price")) {
            for (String value : HOSTILE) {
                long start = System.nanoTime();
                ApiClient.Response response = client.get("/api/v1/products?" + name + "=" + value);
                Duration took = Duration.ofNanos(System.nanoTime() - start);

                JsonNode problem = validation(response, name);
                assertThat(took).as("%s=%s", name, value).isLessThan(QUICK);
                assertThat(problem.at("/errors/0/message").asString()).hasSizeLessThan(80);
            }
        }
    }

    @Test
    void priceFilterThatIsNoNumberIsNotEchoedInFull() {
        String garbage = "x".repeat(5000);
        JsonNode problem = validation(new ApiClient(port).get("/api/v1/products?min_price=" + garbage), "min_price");
        assertThat(problem.at("/errors/0/message").asString()).contains("xxx").doesNotContain(garbage);
    }

    @Test
    void variantPricesWithHugeExponentsAreShortProblems() {
        ApiClient admin = new CatalogFixtures(port).admin();
        String category = new CatalogFixtures(port).category(CatalogFixtures.unique("Money "), null);
        for (String value : HOSTILE) {
            String body =
                    """
                    {"name": "%s", "category": "%s", "status": "active",
                     "variants": [{"sku": "%s", "stock": 1, "price": {"amount": %s, "currency": "EUR"}}]}""".formatted(CatalogFixtures.unique("Huge "), category, CatalogFixtures.unique("SKU-"), value);
            long start = System.nanoTime();
            ApiClient.Response response = admin.sendRaw("POST", "/api/v1/admin/products", body, "application/json");
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            validation(response, "variants[0].price");
            assertThat(took).as(value).isLessThan(QUICK);
        }
    }

    @Test
    void couponAmountsWithHugeExponentsAreShortProblems() {
        ApiClient admin = new CatalogFixtures(port).admin();
        for (String value : HOSTILE) {
            String body = """
                    {"code": "%s", "kind": "fixed", "amount": {"amount": %s, "currency": "EUR"}}""".formatted(CatalogFixtures.unique("huge-"), value);
            validation(admin.sendRaw("POST", "/api/v1/admin/coupons", body, "application/json"), "amount");
        }
    }

    @Test
    void amountsWithTooManyDecimalsOrDigitsAreRefusedByName() {
        ApiClient client = new ApiClient(port);
        assertThat(validation(client.get("/api/v1/products?min_price=1.001"), "min_price")
                        .at("/errors/0/message")
                        .asString())
                .contains("2 decimals");
        validation(client.get("/api/v1/products?min_price=" + "9".repeat(40)), "min_price");
        client.get("/api/v1/products?min_price=1.000000").expectStatus(200);
    }

    /** A 400 validation problem naming the field, small whatever the input was. */
    private static JsonNode validation(ApiClient.Response response, String field) {
        response.expectStatus(400);
        assertThat(response.body().length()).as("answer length").isLessThan(1000);
        JsonNode problem = response.json();
        assertThat(problem.get("type").asString()).isEqualTo("https://dukkan.app/problems/validation");
        assertThat(problem.at("/errors/0/field").asString()).isEqualTo(field);
        return problem;
    }
}
