package app.dukkan.orders;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.Shop;
import app.dukkan.testing.Shop.Variant;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Drafts refuse bad input and changed state, and change nothing when they do. */
@DukkanTest
class DraftRulesTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Shop shop;

    @BeforeEach
    void setUp() {
        shop = new Shop(port);
    }

    @Test
    void anEmptyCartHasNothingToOrder() {
        JsonNode problem = shop.customer()
                .post("/api/v1/orders/draft", Map.of("address", Shop.address("DE")))
                .expectStatus(409)
                .json();
        assertThat(problem.get("type").asString()).endsWith("/cart-empty");
    }

    @Test
    void malformedAddressesNameTheField() {
        ApiClient customer = shop.customer();
        shop.addToCart(customer, shop.product("5.00", 3), 1);

        Map<String, Object> address = new LinkedHashMap<>(Shop.address("Germany"));
        JsonNode problem = customer.post("/api/v1/orders/draft", Map.of("address", address))
                .expectStatus(400)
                .json();
        assertThat(problem.get("errors").findValuesAsString("field")).contains("address.country");

        address = new LinkedHashMap<>(Shop.address("DE"));
        address.remove("line1");
        problem = customer.post("/api/v1/orders/draft", Map.of("address", address))
                .expectStatus(400)
                .json();
        assertThat(problem.get("errors").findValuesAsString("field")).contains("address.line1");

        customer.post("/api/v1/orders/draft", Map.of()).expectStatus(400);
        customer.sendRaw("POST", "/api/v1/orders/draft", "{\"address\":", "application/json")
                .expectStatus(400);
        assertThat(shop.admin()
                        .get("/api/v1/admin/orders?email=nobody")
                        .expectStatus(200)
                        .json()
                        .get("total")
                        .asLong())
                .isZero();
    }

    @Test
    void anUnknownCouponIsRefused() {
        ApiClient customer = shop.customer();
        shop.addToCart(customer, shop.product("5.00", 3), 1);
        JsonNode problem = customer.post(
                        "/api/v1/orders/draft", Map.of("address", Shop.address("DE"), "coupon_code", "NOSUCHCODE"))
                .expectStatus(400)
                .json();
        assertThat(problem.get("errors").findValuesAsString("field")).contains("coupon_code");
    }

    @Test
    void repeatingAChangeLeavesTheDraftAsItWas() {
        ApiClient customer = shop.customer();
        shop.addToCart(customer, shop.product("5.00", 3), 2);
        JsonNode draft = shop.draft(customer, null, null);
        String id = draft.get("id").asString();

        Map<String, Object> change = Map.of("address", Shop.address("AT"));
        JsonNode once = customer.patch("/api/v1/orders/draft/" + id, change)
                .expectStatus(200)
                .json();
        JsonNode twice = customer.patch("/api/v1/orders/draft/" + id, change)
                .expectStatus(200)
                .json();
        assertThat(once.get("revision").asInt()).isEqualTo(draft.get("revision").asInt() + 1);
        assertThat(twice).isEqualTo(once);

        JsonNode again = shop.draft(customer, null, null);
        assertThat(again.get("id").asString()).as("one open draft per cart").isEqualTo(id);
    }

    @Test
    void othersCannotSeeChangeOrPayADraft() {
        ApiClient customer = shop.customer();
        shop.addToCart(customer, shop.product("5.00", 3), 1);
        String id = shop.draft(customer, null, null).get("id").asString();

        for (ApiClient stranger : new ApiClient[] {shop.customer(), shop.guest()}) {
            stranger.get("/api/v1/orders/draft/" + id).expectStatus(404);
            stranger.patch("/api/v1/orders/draft/" + id, Map.of("address", Shop.address("AT")))
                    .expectStatus(404);
            shop.intent(stranger, id).expectStatus(404);
        }
        customer.get("/api/v1/orders/draft/" + UUID.randomUUID()).expectStatus(404);
        customer.get("/api/v1/orders/draft/not-a-uuid").expectStatus(400);
        customer.get("/api/v1/orders/DK-1").expectStatus(404);
        shop.guest().get("/api/v1/orders").expectStatus(401);
    }

    @Test
    void aChangedPriceBlocksPaymentUntilAccepted() {
        Variant variant = shop.product("10.00", 5);
        ApiClient customer = shop.customer();
        shop.addToCart(customer, variant, 2);
        String id = shop.draft(customer, null, null).get("id").asString();

        shop.reprice(variant, "12.00");
        JsonNode review =
                customer.get("/api/v1/orders/draft/" + id).expectStatus(200).json();
        assertThat(review.get("payable").asBoolean()).isFalse();
        assertThat(review.get("changes").get(0).get("kind").asString()).isEqualTo("price_changed");
        assertThat(review.get("changes")
                        .get(0)
                        .get("current_price")
                        .get("amount")
                        .decimalValue())
                .isEqualByComparingTo("12.00");

        JsonNode refused = shop.intent(customer, id).expectStatus(409).json();
        assertThat(refused.get("type").asString()).endsWith("/draft-changed");
        assertThat(shop.available(variant)).as("nothing held").isEqualTo(5);

        JsonNode accepted = customer.patch("/api/v1/orders/draft/" + id, Map.of("accept_changes", true))
                .expectStatus(200)
                .json();
        assertThat(accepted.get("payable").asBoolean()).isTrue();
        assertThat(accepted.get("totals").get("subtotal").get("amount").decimalValue())
                .isEqualByComparingTo("24.00");
        String secret = shop.clientSecret(customer, id);
        shop.confirm(customer, secret, Shop.SUCCESS_CARD);
        shop.awaitDraft(customer, id, "paid");
    }

    /**
     * A draft whose shipping option the shop stopped offering (its settings changed since) says that
     * the rates changed, not that a coupon is invalid, and accepting takes the cheapest option.
     */
    @Test
    void aShippingOptionNoLongerOfferedIsReplacedWhenTheChangesAreAccepted() {
        Variant variant = shop.product("10.00", 5);
        ApiClient customer = shop.customer();
        shop.addToCart(customer, variant, 1);
        String id = shop.draft(customer, null, null).get("id").asString();
        jdbc.sql("update orders set shipping_code = 'by-zeppelin' where id = ?::uuid")
                .param(id)
                .update();

        JsonNode review =
                customer.get("/api/v1/orders/draft/" + id).expectStatus(200).json();
        assertThat(review.get("payable").asBoolean()).isFalse();
        assertThat(review.get("changes").findValuesAsString("kind"))
                .contains("totals_changed")
                .doesNotContain("coupon_invalid");

        JsonNode accepted = customer.patch("/api/v1/orders/draft/" + id, Map.of("accept_changes", true))
                .expectStatus(200)
                .json();
        assertThat(accepted.get("shipping_option").asString()).isEqualTo("standard");
        assertThat(accepted.get("payable").asBoolean()).isTrue();
    }

    /** Changing a draft whose payment holds the last unit shows that unit as the draft's again. */
    @Test
    void changingADraftThatHoldsTheLastUnitKeepsItPayable() {
        Variant variant = shop.product("10.00", 1);
        ApiClient customer = shop.customer();
        shop.addToCart(customer, variant, 1);
        String id = shop.draft(customer, null, null).get("id").asString();
        shop.intent(customer, id).expectStatus(201);

        JsonNode changed = customer.patch("/api/v1/orders/draft/" + id, Map.of("shipping_option", "express"))
                .expectStatus(200)
                .json();

        assertThat(changed.get("changes")).isEmpty();
        assertThat(changed.get("payable").asBoolean()).isTrue();
    }

    @Test
    void aRepeatedIntentAnswersTheAttachedIntentAndHoldsTheStockOnce() {
        Variant variant = shop.product("10.00", 5);
        ApiClient customer = shop.customer();
        shop.addToCart(customer, variant, 2);
        String id = shop.draft(customer, null, null).get("id").asString();

        JsonNode first = shop.intent(customer, id).expectStatus(201).json();
        JsonNode again = shop.intent(customer, id).expectStatus(201).json();
        assertThat(again.get("payment_id").asString())
                .isEqualTo(first.get("payment_id").asString());
        assertThat(again.get("client_secret").asString())
                .isEqualTo(first.get("client_secret").asString());
        assertThat(shop.available(variant)).as("held once").isEqualTo(3);

        shop.confirm(customer, again.get("client_secret").asString(), Shop.SUCCESS_CARD);
        shop.awaitDraft(customer, id, "paid");
        assertThat(shop.available(variant)).isEqualTo(3);
    }

    @Test
    void aPaidDraftCannotBePaidOrChangedAgain() {
        Variant variant = shop.product("10.00", 5);
        ApiClient customer = shop.customer();
        JsonNode paid = shop.buy(customer, variant, 1, null);
        String id = paid.get("id").asString();

        JsonNode twice = shop.intent(customer, id).expectStatus(409).json();
        assertThat(twice.get("type").asString()).endsWith("/order-already-placed");
        customer.patch("/api/v1/orders/draft/" + id, Map.of("address", Shop.address("AT")))
                .expectStatus(409);
        assertThat(shop.available(variant)).isEqualTo(4);
    }

    @Test
    void stockThatRanOutBeforeReviewIsShownAndCutOnAccept() {
        Variant variant = shop.product("10.00", 3);
        ApiClient first = shop.customer();
        shop.addToCart(first, variant, 3);
        String id = shop.draft(first, null, null).get("id").asString();

        shop.buy(shop.customer(), variant, 2, null);
        JsonNode review =
                first.get("/api/v1/orders/draft/" + id).expectStatus(200).json();
        assertThat(review.get("changes").get(0).get("kind").asString()).isEqualTo("insufficient_stock");
        assertThat(review.get("changes").get(0).get("available").asInt()).isEqualTo(1);
        shop.intent(first, id).expectStatus(409);

        JsonNode accepted = first.patch("/api/v1/orders/draft/" + id, Map.of("accept_changes", true))
                .expectStatus(200)
                .json();
        assertThat(accepted.get("lines").get(0).get("quantity").asInt()).isEqualTo(1);
        assertThat(accepted.get("payable").asBoolean()).isTrue();
        assertThat(first.get("/api/v1/orders/draft/" + id).json().get("changes"))
                .as("a quantity cut to the stock is no change of the cart")
                .isEmpty();
        shop.intent(first, id).expectStatus(201);
    }

    @Test
    void aCartChangedSinceTheDraftIsShownAndRefusedUntilTheDraftTakesItOver() {
        Variant mug = shop.product("10.00", 5);
        Variant cup = shop.product("7.00", 5);
        ApiClient customer = shop.customer();
        shop.addToCart(customer, mug, 1);
        String id = shop.draft(customer, null, null).get("id").asString();
        shop.addToCart(customer, cup, 2);

        JsonNode draft =
                customer.get("/api/v1/orders/draft/" + id).expectStatus(200).json();
        assertThat(draft.get("changes").findValuesAsString("kind")).containsExactly("cart_changed");
        assertThat(draft.get("payable").asBoolean()).isFalse();
        JsonNode refused = shop.intent(customer, id).expectStatus(409).json();
        assertThat(refused.get("type").asString()).endsWith("/draft-changed");
        assertThat(refused.get("detail").asString()).contains("cart changed");
        customer.patch("/api/v1/orders/draft/" + id, Map.of("accept_changes", true))
                .expectStatus(200);
        // accepting does not take the cart over
        shop.intent(customer, id).expectStatus(409);

        JsonNode again = shop.draft(customer, null, null);
        assertThat(again.get("id").asString()).isEqualTo(id);
        assertThat(again.get("lines")).hasSize(2);
        assertThat(again.get("payable").asBoolean()).isTrue();
        shop.intent(customer, id).expectStatus(201);
    }

    @Test
    void expiredAndUnmetCouponsAreRefusedAndChangeNothing() {
        ApiClient admin = shop.admin();
        String expired = coupon("OLD");
        admin.post(
                        "/api/v1/admin/coupons",
                        Map.of(
                                "code",
                                expired,
                                "kind",
                                "percent",
                                "percent",
                                10,
                                "starts_at",
                                Instant.now().minus(2, ChronoUnit.DAYS).toString(),
                                "ends_at",
                                Instant.now().minus(1, ChronoUnit.DAYS).toString()))
                .expectStatus(201);
        String minimum = coupon("BIG");
        admin.post(
                        "/api/v1/admin/coupons",
                        Map.of(
                                "code",
                                minimum,
                                "kind",
                                "percent",
                                "percent",
                                10,
                                "min_subtotal",
                                Map.of("amount", "100.00", "currency", "EUR")))
                .expectStatus(201);
        ApiClient customer = shop.customer();
        shop.addToCart(customer, shop.product("5.00", 3), 1);
        JsonNode draft = shop.draft(customer, null, null);
        String id = draft.get("id").asString();

        JsonNode problem = customer.patch("/api/v1/orders/draft/" + id, Map.of("coupon_code", expired))
                .expectStatus(400)
                .json();
        assertThat(problem.get("type").asString()).endsWith("/coupon-expired");
        assertThat(problem.get("errors").findValuesAsString("field")).contains("coupon_code");
        problem = customer.patch("/api/v1/orders/draft/" + id, Map.of("coupon_code", minimum))
                .expectStatus(400)
                .json();
        assertThat(problem.get("type").asString()).endsWith("/coupon-minimum-not-met");
        customer.post("/api/v1/orders/draft", Map.of("address", Shop.address("DE"), "coupon_code", expired))
                .expectStatus(400);

        JsonNode unchanged =
                customer.get("/api/v1/orders/draft/" + id).expectStatus(200).json();
        assertThat(unchanged.get("revision").asInt())
                .isEqualTo(draft.get("revision").asInt());
        assertThat(unchanged.has("coupon_code")).isFalse();
    }

    @Test
    void aOncePerCustomerCouponIsUsedOnce() {
        String code = coupon("ONCE");
        shop.admin()
                .post(
                        "/api/v1/admin/coupons",
                        Map.of("code", code, "kind", "percent", "percent", 20, "once_per_customer", true))
                .expectStatus(201);
        Variant variant = shop.product("10.00", 5);
        ApiClient customer = shop.customer();
        shop.addToCart(customer, variant, 1);
        JsonNode draft = shop.draft(customer, null, code);
        assertThat(draft.get("totals").get("discounts").get("amount").decimalValue())
                .isEqualByComparingTo("2.00");
        String secret = shop.clientSecret(customer, draft.get("id").asString());
        shop.confirm(customer, secret, Shop.SUCCESS_CARD);
        shop.awaitDraft(customer, draft.get("id").asString(), "paid");

        shop.addToCart(customer, variant, 1);
        JsonNode again = customer.post(
                        "/api/v1/orders/draft", Map.of("address", Shop.address("DE"), "coupon_code", code))
                .expectStatus(400)
                .json();
        assertThat(again.get("type").asString()).endsWith("/coupon-already-used");
    }

    private static String coupon(String prefix) {
        return (prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 8)).toUpperCase();
    }
}
