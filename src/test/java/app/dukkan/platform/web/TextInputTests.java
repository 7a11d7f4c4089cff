package app.dukkan.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.Shop;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Control characters (other than tab and line breaks), lone surrogates and null list elements are
 * refused at the edge with a 400 that names the field, in every module's JSON bodies, query and path
 * parameters — not handed to PostgreSQL, which refuses some of them and so answered "conflict".
 */
@DukkanTest
class TextInputTests {

    /** NUL, BEL, ESC, DEL, a C1 control (NEL) and lone surrogates, as JSON escapes. */
    private static final List<String> HOSTILE =
            List.of("\\u0000", "\\u0007", "\\u001b", "\\u007f", "\\u0085", "\\ud800", "\\udc00");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * The body as JSON with {@code @@} replaced by a JSON escape: a client library would replace a
     * lone surrogate by '?' when it encodes UTF-8, a hostile client sends the escape itself.
     */
    private static String withEscape(Map<String, Object> body, String escape) {
        return JSON.writeValueAsString(body).replace("@@", escape);
    }

    @LocalServerPort
    int port;

    private Shop shop;
    private ApiClient admin;

    @BeforeEach
    void setUp() {
        shop = new Shop(port);
        admin = shop.admin();
    }

    private static void assertInvalid(ApiClient.Response response, String field) {
        response.expectStatus(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("type").asString()).endsWith("/validation");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo(field);
    }

    @Test
    void controlCharactersInAnAddressAreRefusedNamingTheField() {
        ApiClient customer = shop.customer();
        shop.addToCart(customer, shop.product("12.00", 5), 1);
        for (String bad : HOSTILE) {
            Map<String, Object> address = Shop.address("DE");
            address.put("line1", "Hauptstraße @@1");
            assertInvalid(
                    customer.sendRaw(
                            "POST",
                            "/api/v1/orders/draft",
                            withEscape(Map.of("address", address), bad),
                            "application/json"),
                    "address.line1");
        }
        // multi-line text keeps its tabs and line breaks
        Map<String, Object> address = Shop.address("DE");
        address.put("line2", "Hinterhaus\r\n\t3. Stock");
        customer.post("/api/v1/orders/draft", Map.of("address", address)).expectStatus(201);
    }

    @Test
    void controlCharactersInACouponCodeAreRefused() {
        ApiClient customer = shop.customer();
        shop.addToCart(customer, shop.product("12.00", 5), 1);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("address", Shop.address("DE"));
        body.put("coupon_code", "SAVE\u000010");
        assertInvalid(customer.post("/api/v1/orders/draft", body), "coupon_code");
    }

    @Test
    void controlCharactersInAProductAreRefused() {
        String category = shop.catalog().category(CatalogFixtures.unique("Text "), null);
        for (String bad : HOSTILE) {
            Map<String, Object> product = CatalogFixtures.product(
                    CatalogFixtures.unique("Lamp "), category, List.of(CatalogFixtures.variant("9.99", 3)));
            product.put("description", "Bright@@ light");
            assertInvalid(
                    admin.sendRaw("POST", "/api/v1/admin/products", withEscape(product, bad), "application/json"),
                    "description");
        }
        Map<String, Object> product = CatalogFixtures.product(
                CatalogFixtures.unique("Lamp "), category, List.of(CatalogFixtures.variant("9.99", 3)));
        product.put("attributes", Map.of("colour\u0000", "red"));
        assertInvalid(admin.post("/api/v1/admin/products", product), "attributes");
        product.put("attributes", Map.of("colour", List.of("red", "gr\u0000een")));
        assertInvalid(admin.post("/api/v1/admin/products", product), "attributes.colour");

        Map<String, Object> multiLine = CatalogFixtures.product(
                CatalogFixtures.unique("Lamp "), category, List.of(CatalogFixtures.variant("9.99", 3)));
        multiLine.put("description", "Bright light.\r\n\r\n\tWarm white.");
        admin.post("/api/v1/admin/products", multiLine).expectStatus(201);
    }

    @Test
    void whatTheEdgeCannotNameTheDatabaseRefusesAsABadRequestNotAConflict() {
        String category = shop.catalog().category(CatalogFixtures.unique("Text "), null);
        Map<String, Object> product = CatalogFixtures.product(
                CatalogFixtures.unique("Lamp "), category, List.of(CatalogFixtures.variant("9.99", 3)));
        // keys of free-form nested objects reach PostgreSQL, whose jsonb refuses \u0000
        product.put("attributes", Map.of("spec", Map.of("\u0000", "x")));
        var response = admin.post("/api/v1/admin/products", product);
        response.expectStatus(400);
        assertThat(response.json().get("type").asString()).endsWith("/validation");
    }

    @Test
    void controlCharactersInQueryAndPathParametersAreRefusedNamingTheParameter() {
        assertInvalid(admin.get("/api/v1/admin/orders?email=a%00b@example.com"), "email");
        assertInvalid(admin.get("/api/v1/admin/orders?phone=%0730"), "phone");
        assertInvalid(admin.get("/api/v1/admin/mailbox?to=%C2%85x"), "to");
        assertInvalid(admin.get("/api/v1/admin/products?status=%7F"), "status");
        assertInvalid(shop.guest().get("/api/v1/products?search=lamp%00"), "search");
        assertInvalid(shop.guest().get("/api/v1/products/lamp%07x"), "slug");
        // Tomcat itself refuses an encoded NUL in the path
        assertThat(shop.guest().get("/api/v1/products/lamp%00x").status()).isEqualTo(400);
        assertInvalid(admin.get("/api/v1/admin/coupons/SAVE%1B10"), "code");
        // tabs and line breaks are text
        shop.guest().get("/api/v1/products?search=lamp%09shade").expectStatus(200);
    }

    @Test
    void controlCharactersAndBlanksInADisplayNameAreRefused() {
        for (String name : List.of("Ada\u0000", "\u001b[31mAda", "   ", "\t\n")) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("email", "text-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
            body.put("password", "correct horse 42");
            body.put("display_name", name);
            body.put("accept_privacy_notice", true);
            assertInvalid(new ApiClient(port).post("/api/v1/auth/register", body), "display_name");
        }
    }

    @Test
    void nullElementsOfListsAreRefusedNamingTheElement() {
        String id = shop.customer().get("/api/v1/me").json().get("id").asString();
        List<Object> roles = new ArrayList<>();
        roles.add(null);
        assertInvalid(admin.put("/api/v1/admin/users/" + id + "/roles", Map.of("roles", roles)), "roles[0]");
        roles.add(0, "seller");
        assertInvalid(admin.put("/api/v1/admin/users/" + id + "/roles", Map.of("roles", roles)), "roles[1]");
    }
}
