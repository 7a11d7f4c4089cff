package app.dukkan.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.Shop;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * JSON bodies are read strictly: a decimal for an integer is refused rather than truncated, and
 * a body's shape is bounded. Complaints use the client's words, never Java's type names.
 */
@DukkanTest
class JsonInputTests {

    @LocalServerPort
    int port;

    @Test
    void decimalQuantityIsRefusedWhenAdding() {
        Shop shop = new Shop(port);
        Shop.Variant mug = shop.product("9.99", 10);
        ApiClient shopper = shop.guest();

        ApiClient.Response response = shopper.sendRaw(
                "POST",
                "/api/v1/cart",
                "{\"variant_id\": \"" + mug.id() + "\", \"quantity\": 1.5}",
                "application/json");

        assertThat(invalid(response, "quantity")).isEqualTo("must be an integer");
        assertThat(shopper.get("/api/v1/cart").json().get("lines")).isEmpty();
    }

    @Test
    void decimalQuantityIsRefusedWhenChangingALine() {
        Shop shop = new Shop(port);
        Shop.Variant mug = shop.product("9.99", 10);
        ApiClient shopper = shop.guest();
        String line =
                shop.addToCart(shopper, mug, 2).get("lines").get(0).get("id").asString();

        for (String quantity : List.of("2.5", "3.0", "1e0")) {
            ApiClient.Response response = shopper.sendRaw(
                    "PATCH", "/api/v1/cart/lines/" + line, "{\"quantity\": " + quantity + "}", "application/json");
            assertThat(invalid(response, "quantity")).as(quantity).isEqualTo("must be an integer");
        }
        assertThat(shopper.get("/api/v1/cart").json().at("/lines/0/quantity").asInt())
                .isEqualTo(2);
    }

    @Test
    void errorTextsNameNoJavaTypes() {
        CatalogFixtures catalog = new CatalogFixtures(port);
        ApiClient admin = catalog.admin();
        String user = catalog.customer().get("/api/v1/me").json().get("id").asString();
        String roles = "/api/v1/admin/users/" + user + "/roles";
        assertThat(invalid(admin.sendRaw("PUT", roles, "{\"roles\": \"admin\"}", "application/json"), "roles"))
                .isEqualTo("must be a list");
        assertThat(invalid(admin.sendRaw("PUT", roles, "{\"roles\": [{}]}", "application/json"), "roles[0]"))
                .isEqualTo("must be a string");

        ApiClient shopper = new ApiClient(port);
        for (String quantity : List.of("{}", "[1]", "\"many\"", "true", "99999999999999")) {
            String body = "{\"variant_id\": \"0190f5a2-0000-7000-8000-000000000000\", \"quantity\": " + quantity + "}";
            String message = invalid(shopper.sendRaw("POST", "/api/v1/cart", body, "application/json"), "quantity");
            assertThat(message).as(quantity).startsWith("must be an integer");
        }
        String message = invalid(
                shopper.sendRaw("POST", "/api/v1/cart", "{\"variant_id\": [1], \"quantity\": 1}", "application/json"),
                "variant_id");
        assertThat(message).isEqualTo("must be a UUID");
    }

    @Test
    void deeplyNestedBodiesAreRefused() {
        String nested = "[".repeat(100) + "]".repeat(100);
        ApiClient.Response response = new ApiClient(port)
                .sendRaw(
                        "POST",
                        "/api/v1/auth/register",
                        "{\"email\": \"deep@example.com\", \"password\": \"correct horse 42\", \"extra\": " + nested
                                + "}",
                        "application/json");
        response.expectStatus(400);
        assertThat(response.json().get("detail").asString()).contains("nested");
    }

    /** The message of a 400 validation problem about that one field, checked for Java's vocabulary. */
    private static String invalid(ApiClient.Response response, String field) {
        response.expectStatus(400);
        JsonNode problem = response.json();
        assertThat(problem.get("type").asString()).isEqualTo("https://dukkan.app/problems/validation");
        assertThat(problem.at("/errors/0/field").asString()).isEqualTo(field);
        assertThat(response.body()).doesNotContainPattern("java\\.|`|ArrayList|Integer|JsonToken|Map<");
        return problem.at("/errors/0/message").asString();
    }
}
