package app.dukkan.checkout;

import static app.dukkan.checkout.CheckoutFixtures.PASSWORD;
import static app.dukkan.checkout.CheckoutFixtures.variantId;
import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.catalog.Stock;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.DukkanTest;
import jakarta.servlet.http.Cookie;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;

@DukkanTest
class CartApiTests {

    @LocalServerPort
    int port;

    @Autowired
    Stock stock;

    @Autowired
    Carts carts;

    CheckoutFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new CheckoutFixtures(port);
    }

    private static JsonNode put(ApiClient client, String variantId, int quantity) {
        return client.post("/api/v1/cart", Map.of("variant_id", variantId, "quantity", quantity))
                .expectStatus(200)
                .json();
    }

    private static String problemField(ApiClient.Response response) {
        return response.json().get("errors").get(0).get("field").asString();
    }

    private static String amount(JsonNode money) {
        return money.get("amount").decimalValue().setScale(2).toPlainString();
    }

    @Test
    void readingWithoutACartCreatesNothing() {
        ApiClient shopper = fixtures.anonymous();
        ApiClient.Response response = shopper.get("/api/v1/cart").expectStatus(200);
        JsonNode cart = response.json();
        assertThat(cart.has("id")).isFalse();
        assertThat(cart.get("lines")).isEmpty();
        assertThat(cart.get("item_count").asInt()).isZero();
        assertThat(amount(cart.get("totals").get("total"))).isEqualTo("0.00");
        assertThat(response.headers("Set-Cookie")).noneMatch(c -> c.startsWith("DUKKAN_CART="));
    }

    @Test
    void anonymousShopperSetsQuantitiesIdempotently() {
        JsonNode product = fixtures.product("12.50", 8, "3.00", 5);
        String mug = variantId(product, 0);
        String saucer = variantId(product, 1);
        ApiClient shopper = fixtures.anonymous();

        ApiClient.Response first = shopper.post("/api/v1/cart", Map.of("variant_id", mug, "quantity", 2))
                .expectStatus(200);
        String setCookie = first.headers("Set-Cookie").stream()
                .filter(c -> c.startsWith("DUKKAN_CART="))
                .findFirst()
                .orElseThrow();
        assertThat(setCookie)
                .contains("HttpOnly")
                .contains("SameSite=Lax")
                .contains("Path=/")
                .contains("Max-Age=2592000");
        String token = shopper.cookie("DUKKAN_CART");
        assertThat(token).hasSize(43);

        JsonNode again = put(shopper, mug, 2);
        assertThat(again.get("lines")).hasSize(1);
        assertThat(again.get("lines").get(0).get("quantity").asInt()).isEqualTo(2);
        assertThat(again.get("id").asString()).isEqualTo(first.json().get("id").asString());
        assertThat(shopper.cookie("DUKKAN_CART")).isEqualTo(token);

        JsonNode cart = put(shopper, saucer, 3);
        assertThat(cart.get("item_count").asInt()).isEqualTo(5);
        JsonNode line = cart.get("lines").get(0);
        assertThat(line.get("variant_id").asString()).isEqualTo(mug);
        assertThat(line.get("product_slug").asString())
                .isEqualTo(product.get("slug").asString());
        assertThat(line.get("sku").asString()).isNotBlank();
        assertThat(amount(line.get("unit_price"))).isEqualTo("12.50");
        assertThat(amount(line.get("line_total"))).isEqualTo("25.00");
        assertThat(line.get("available").asInt()).isEqualTo(8);
        assertThat(line.get("status").asString()).isEqualTo("ok");
        // 25.00 + 9.00 = 34.00, standard shipping to DE 4.90, 19 % included: 38.90 × 19 / 119 = 6.21
        JsonNode totals = cart.get("totals");
        assertThat(cart.get("currency").asString()).isEqualTo("EUR");
        assertThat(amount(totals.get("subtotal"))).isEqualTo("34.00");
        assertThat(amount(totals.get("discounts"))).isEqualTo("0.00");
        assertThat(amount(totals.get("shipping_estimate"))).isEqualTo("4.90");
        assertThat(amount(totals.get("tax_estimate"))).isEqualTo("6.21");
        assertThat(amount(totals.get("total"))).isEqualTo("38.90");

        // the same cart on the next read, also from a fresh client holding only the cookie's value
        assertThat(shopper.get("/api/v1/cart").json()).isEqualTo(cart);
    }

    @Test
    void shippingIsFreeAboveTheThreshold() {
        String variant = variantId(fixtures.product("25.00", 5), 0);
        JsonNode totals = put(fixtures.anonymous(), variant, 2).get("totals");
        assertThat(amount(totals.get("shipping_estimate"))).isEqualTo("0.00");
        assertThat(amount(totals.get("total"))).isEqualTo("50.00");
    }

    @Test
    void patchAndDeleteChangeOnlyTheCallersLines() {
        JsonNode product = fixtures.product("5.00", 9, "6.00", 9);
        ApiClient shopper = fixtures.anonymous();
        put(shopper, variantId(product, 0), 1);
        JsonNode cart = put(shopper, variantId(product, 1), 1);
        String lineId = cart.get("lines").get(0).get("id").asString();
        String otherLine = cart.get("lines").get(1).get("id").asString();

        JsonNode patched = shopper.patch("/api/v1/cart/lines/" + lineId, Map.of("quantity", 4))
                .expectStatus(200)
                .json();
        assertThat(patched.get("lines").get(0).get("quantity").asInt()).isEqualTo(4);
        assertThat(amount(patched.get("totals").get("subtotal"))).isEqualTo("26.00");

        // someone else's line is not there for a stranger, with or without a cart of their own
        ApiClient stranger = fixtures.anonymous();
        stranger.patch("/api/v1/cart/lines/" + lineId, Map.of("quantity", 1)).expectStatus(404);
        stranger.delete("/api/v1/cart/lines/" + lineId).expectStatus(404);
        put(stranger, variantId(product, 0), 1);
        stranger.patch("/api/v1/cart/lines/" + lineId, Map.of("quantity", 1)).expectStatus(404);
        stranger.delete("/api/v1/cart/lines/" + lineId).expectStatus(404);
        fixtures.customer().delete("/api/v1/cart/lines/" + lineId).expectStatus(404);

        JsonNode afterDelete = shopper.delete("/api/v1/cart/lines/" + otherLine)
                .expectStatus(200)
                .json();
        assertThat(afterDelete.get("lines")).hasSize(1);
        shopper.delete("/api/v1/cart/lines/" + otherLine).expectStatus(404);
        assertThat(shopper.get("/api/v1/cart")
                        .json()
                        .get("lines")
                        .get(0)
                        .get("quantity")
                        .asInt())
                .isEqualTo(4);
    }

    @Test
    void refusesBadInputNamingTheFieldAndChangesNothing() {
        JsonNode product = fixtures.product("5.00", 3, "5.00", 20);
        String few = variantId(product, 0);
        String many = variantId(product, 1);
        ApiClient shopper = fixtures.anonymous();

        ApiClient.Response unknown = shopper.post(
                "/api/v1/cart", Map.of("variant_id", UUID.randomUUID().toString(), "quantity", 1));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(problemField(unknown)).isEqualTo("variant_id");
        // a refused first write creates no cart
        assertThat(shopper.cookie("DUKKAN_CART")).isNull();

        ApiClient.Response zero = shopper.post("/api/v1/cart", Map.of("variant_id", few, "quantity", 0));
        assertThat(zero.status()).isEqualTo(400);
        assertThat(problemField(zero)).isEqualTo("quantity");

        ApiClient.Response aboveStock = shopper.post("/api/v1/cart", Map.of("variant_id", few, "quantity", 4));
        assertThat(aboveStock.status()).isEqualTo(409);
        assertThat(aboveStock.json().get("type").asString()).endsWith("/insufficient-stock");
        assertThat(problemField(aboveStock)).isEqualTo("quantity");

        ApiClient.Response aboveMax = shopper.post("/api/v1/cart", Map.of("variant_id", many, "quantity", 11));
        assertThat(aboveMax.status()).isEqualTo(400);
        assertThat(problemField(aboveMax)).isEqualTo("quantity");

        ApiClient.Response missing = shopper.post("/api/v1/cart", Map.of("quantity", 1));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(problemField(missing)).isEqualTo("variant_id");

        ApiClient.Response badId = shopper.post("/api/v1/cart", Map.of("variant_id", "not-a-uuid", "quantity", 1));
        assertThat(badId.status()).isEqualTo(400);
        assertThat(problemField(badId)).isEqualTo("variant_id");

        assertThat(shopper.sendRaw("POST", "/api/v1/cart", "{\"variant_id\": ", "application/json")
                        .status())
                .isEqualTo(400);

        put(shopper, few, 2);
        String lineId =
                shopper.get("/api/v1/cart").json().get("lines").get(0).get("id").asString();
        assertThat(shopper.patch("/api/v1/cart/lines/" + lineId, Map.of("quantity", 0))
                        .status())
                .isEqualTo(400);
        assertThat(shopper.patch("/api/v1/cart/lines/" + lineId, Map.of("quantity", 9))
                        .status())
                .isEqualTo(409);
        assertThat(shopper.patch("/api/v1/cart/lines/" + lineId, Map.of()).status())
                .isEqualTo(400);

        ApiClient.Response noCsrf =
                fixtures.anonymous().withoutCsrf().post("/api/v1/cart", Map.of("variant_id", few, "quantity", 1));
        assertThat(noCsrf.status()).isEqualTo(403);

        assertThat(shopper.get("/api/v1/cart")
                        .json()
                        .get("lines")
                        .get(0)
                        .get("quantity")
                        .asInt())
                .isEqualTo(2);
    }

    @Test
    void inactiveVariantsCannotBeAddedAndShowAsUnavailable() {
        JsonNode product = fixtures.product("5.00", 3, "7.00", 3);
        String productId = product.get("id").asString();
        String withdrawn = variantId(product, 1);
        ApiClient shopper = fixtures.anonymous();
        put(shopper, variantId(product, 0), 1);
        put(shopper, withdrawn, 2);

        fixtures.admin()
                .patch("/api/v1/admin/products/" + productId + "/variants/" + withdrawn, Map.of("active", false))
                .expectStatus(200);

        ApiClient.Response refused = shopper.post("/api/v1/cart", Map.of("variant_id", withdrawn, "quantity", 1));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("type").asString()).endsWith("/variant-unavailable");
        assertThat(problemField(refused)).isEqualTo("variant_id");

        JsonNode cart = shopper.get("/api/v1/cart").json();
        assertThat(cart.get("lines").get(1).get("status").asString()).isEqualTo("unavailable");
        assertThat(cart.get("item_count").asInt()).isEqualTo(1);
        assertThat(amount(cart.get("totals").get("subtotal"))).isEqualTo("5.00");
    }

    @Test
    void reservedStockCannotBeAddedAndShortLinesAreFlagged() {
        String variant = variantId(fixtures.product("5.00", 4), 0);
        ApiClient shopper = fixtures.anonymous();
        put(shopper, variant, 3);

        stock.reserve(
                UUID.randomUUID().toString(),
                Map.of(UUID.fromString(variant), 2),
                Instant.now().plusSeconds(600));

        assertThat(shopper.post("/api/v1/cart", Map.of("variant_id", variant, "quantity", 3))
                        .status())
                .isEqualTo(409);
        JsonNode cart = shopper.get("/api/v1/cart").json();
        JsonNode line = cart.get("lines").get(0);
        assertThat(line.get("status").asString()).isEqualTo("insufficient_stock");
        assertThat(line.get("available").asInt()).isEqualTo(2);
        assertThat(amount(cart.get("totals").get("total"))).isEqualTo("0.00");
        assertThat(put(shopper, variant, 2).get("lines").get(0).get("status").asString())
                .isEqualTo("ok");
    }

    @Test
    void signingInMergesTheAnonymousCartCappedAtStockAndClearsTheCookie() {
        JsonNode product = fixtures.product("4.00", 5, "6.00", 9, "8.00", 9);
        String capped = variantId(product, 0);
        String onlyAnonymous = variantId(product, 1);
        String onlyMine = variantId(product, 2);
        String email = CheckoutFixtures.newEmail();

        // the account's cart from another device
        ApiClient phone = fixtures.anonymous().register(email, PASSWORD).login(email, PASSWORD);
        put(phone, capped, 3);
        put(phone, onlyMine, 1);

        ApiClient laptop = fixtures.anonymous();
        put(laptop, capped, 4);
        put(laptop, onlyAnonymous, 2);
        String anonymousLine =
                laptop.get("/api/v1/cart").json().get("lines").get(1).get("id").asString();
        assertThat(laptop.cookie("DUKKAN_CART")).isNotNull();

        laptop.login(email, PASSWORD);
        JsonNode merged = laptop.get("/api/v1/cart").expectStatus(200).json();
        assertThat(laptop.cookie("DUKKAN_CART")).isNull();
        Map<String, Integer> quantities = new java.util.HashMap<>();
        merged.get("lines")
                .forEach(l -> quantities.put(
                        l.get("variant_id").asString(), l.get("quantity").asInt()));
        assertThat(quantities).containsExactlyInAnyOrderEntriesOf(Map.of(capped, 5, onlyAnonymous, 2, onlyMine, 1));
        assertThat(phone.get("/api/v1/cart").json().get("id").asString())
                .isEqualTo(merged.get("id").asString());
        // a merged line keeps its id
        laptop.patch("/api/v1/cart/lines/" + anonymousLine, Map.of("quantity", 1))
                .expectStatus(200);

        // signing out leaves an empty anonymous cart behind, not the user's
        laptop.post("/api/v1/auth/logout", null).expectStatus(204);
        assertThat(laptop.get("/api/v1/cart").json().get("lines")).isEmpty();
    }

    @Test
    void aNewAccountTakesOverTheAnonymousCart() {
        String variant = variantId(fixtures.product("4.00", 5), 0);
        ApiClient shopper = fixtures.anonymous();
        String cartId = put(shopper, variant, 2).get("id").asString();
        String email = CheckoutFixtures.newEmail();
        shopper.register(email, PASSWORD).login(email, PASSWORD);

        JsonNode cart = shopper.get("/api/v1/cart").json();
        assertThat(cart.get("lines")).hasSize(1);
        assertThat(cart.get("lines").get(0).get("quantity").asInt()).isEqualTo(2);
        assertThat(cart.get("id").asString()).isNotEqualTo(cartId);
        assertThat(shopper.cookie("DUKKAN_CART")).isNull();
    }

    @Test
    void otherModulesReadTheCartOfARequestAndTakeOrderedQuantitiesOut() {
        JsonNode product = fixtures.product("4.00", 9, "5.00", 9);
        UUID first = UUID.fromString(variantId(product, 0));
        UUID second = UUID.fromString(variantId(product, 1));
        ApiClient shopper = fixtures.anonymous();
        put(shopper, first.toString(), 3);
        put(shopper, second.toString(), 1);

        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setCookies(new Cookie("DUKKAN_CART", shopper.cookie("DUKKAN_CART")));
        UUID cartId = carts.currentId(request, new MockHttpServletResponse()).orElseThrow();
        assertThat(carts.contents(cartId).items())
                .containsExactly(new CartContents.Item(first, 3), new CartContents.Item(second, 1));
        assertThat(carts.currentId(new MockHttpServletRequest(), new MockHttpServletResponse()))
                .isEmpty();
        assertThat(carts.contents(UUID.randomUUID()).items()).isEmpty();

        carts.removeOrdered(cartId, Map.of(first, 2, second, 1));
        JsonNode lines = shopper.get("/api/v1/cart").json().get("lines");
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).get("quantity").asInt()).isEqualTo(1);
    }
}
