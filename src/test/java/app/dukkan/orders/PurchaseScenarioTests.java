package app.dukkan.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.Shop;
import app.dukkan.testing.Shop.Variant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The purchase flow end to end with the built-in payment provider, as shoppers and operators use it. */
@DukkanTest
class PurchaseScenarioTests {

    @LocalServerPort
    int port;

    Shop shop;

    @BeforeEach
    void setUp() {
        shop = new Shop(port);
    }

    @Test
    void customerBuysAndOperatorFulfilsAndRefunds() {
        Variant variant = shop.product("19.99", 5);
        ApiClient customer = shop.customer();

        JsonNode cart = shop.addToCart(customer, variant, 2);
        assertThat(cart.get("totals").get("subtotal").get("amount").decimalValue())
                .isEqualByComparingTo("39.98");

        JsonNode draft = shop.draft(customer, null, null);
        assertThat(draft.get("status").asString()).isEqualTo("draft");
        assertThat(draft.get("payable").asBoolean()).isTrue();
        assertThat(draft.get("shipping_options").size()).isPositive();
        String draftId = draft.get("id").asString();

        JsonNode intent = shop.intent(customer, draftId).expectStatus(201).json();
        assertThat(intent.get("provider").asString()).isEqualTo("test");
        assertThat(intent.get("amount")).isEqualTo(draft.get("totals").get("total"));
        assertThat(shop.available(variant)).as("held for the payment").isEqualTo(3);

        shop.confirm(customer, intent.get("client_secret").asString(), Shop.SUCCESS_CARD);
        JsonNode paid = shop.awaitDraft(customer, draftId, "paid");
        String number = paid.get("number").asString();
        assertThat(number).startsWith("DK-");
        assertThat(paid.get("payment_status").asString()).isEqualTo("succeeded");
        assertThat(shop.available(variant)).isEqualTo(3);
        assertThat(customer.get("/api/v1/cart")
                        .expectStatus(200)
                        .json()
                        .get("lines")
                        .size())
                .as("ordered units leave the cart")
                .isZero();

        JsonNode mine = customer.get("/api/v1/orders").expectStatus(200).json();
        assertThat(mine.get("items").get(0).get("number").asString()).isEqualTo(number);
        JsonNode order =
                customer.get("/api/v1/orders/" + number).expectStatus(200).json();
        assertThat(order.get("lines").get(0).get("quantity").asInt()).isEqualTo(2);

        ApiClient admin = shop.admin();
        admin.post("/api/v1/admin/orders/" + number + "/fulfil", Map.of("carrier", "DHL", "tracking_number", "00340"))
                .expectStatus(200);
        admin.post("/api/v1/admin/orders/" + number + "/fulfil", Map.of()).expectStatus(409);

        JsonNode partly = admin.post(
                        "/api/v1/admin/orders/" + number + "/refunds",
                        Map.of("amount", Map.of("amount", "5.00", "currency", "EUR"), "reason", "scratch"))
                .expectStatus(200)
                .json();
        assertThat(partly.get("status").asString()).isEqualTo("fulfilled");
        assertThat(partly.get("refunded").get("amount").decimalValue()).isEqualByComparingTo("5.00");

        // while the first refund is carried out, the rest is refused with "try again in a moment"
        // (the provider may have counted it already): a client tries again, as this one does
        JsonNode refunded = await().atMost(Duration.ofSeconds(15))
                .until(
                        () -> admin.post("/api/v1/admin/orders/" + number + "/refunds", Map.of("reason", "goodwill")),
                        response -> response.status() != 409)
                .expectStatus(200)
                .json();
        assertThat(refunded.get("status").asString()).isEqualTo("refunded");
        assertThat(refunded.get("refunded")).isEqualTo(refunded.get("totals").get("total"));
        assertThat(shop.available(variant))
                .as("shipped goods do not come back by refund")
                .isEqualTo(3);
        admin.post("/api/v1/admin/orders/" + number + "/refunds", Map.of("reason", "again"))
                .expectStatus(409);
        // the customer sees what happened, not the operators' reasons
        JsonNode seen =
                customer.get("/api/v1/orders/" + number).expectStatus(200).json();
        assertThat(seen.toString()).doesNotContain("scratch", "goodwill");
        List<String> history = new ArrayList<>();
        seen.get("history").forEach(entry -> history.add(entry.get("note").asString()));
        assertThat(history).containsExactly("paid", "shipped", "refund", "refund");
        assertThat(admin.get("/api/v1/admin/orders/" + number).expectStatus(200).body())
                .contains("scratch", "goodwill");
    }

    @Test
    void aDeclinedCardKeepsThePaymentOpenForAnotherCardWhichPaysTheOrderOnce() {
        Variant variant = shop.product("10.00", 3);
        ApiClient customer = shop.customer();
        shop.addToCart(customer, variant, 3);
        String draftId = shop.draft(customer, null, null).get("id").asString();
        String secret = shop.clientSecret(customer, draftId);
        assertThat(shop.available(variant)).isZero();

        shop.confirm(customer, secret, Shop.DECLINED_CARD);
        JsonNode declined = await().atMost(Duration.ofSeconds(15))
                .until(
                        () -> customer.get("/api/v1/orders/draft/" + draftId)
                                .expectStatus(200)
                                .json(),
                        draft -> draft.get("payment_status").asString("").equals("failed"));
        assertThat(declined.get("status").asString()).isEqualTo("awaiting_payment");
        assertThat(shop.available(variant)).as("still held for the next card").isZero();

        // the page still open tries another card on the same payment: it pays the order, once
        assertThat(shop.clientSecret(customer, draftId)).isEqualTo(secret);
        shop.confirm(customer, secret, Shop.SUCCESS_CARD);
        JsonNode paid = shop.awaitDraft(customer, draftId, "paid");
        assertThat(shop.available(variant)).isZero();
        assertThat(shop.admin()
                        .get("/api/v1/admin/orders/" + paid.get("number").asString())
                        .expectStatus(200)
                        .json()
                        .get("refunded")
                        .get("amount")
                        .decimalValue())
                .as("nothing refunded as superseded")
                .isZero();
    }

    @Test
    void threeDSecureNeedsTheCustomersConfirmation() {
        Variant variant = shop.product("30.00", 2);
        ApiClient customer = shop.customer();
        shop.addToCart(customer, variant, 1);
        String draftId = shop.draft(customer, null, null).get("id").asString();
        String secret = shop.clientSecret(customer, draftId);

        JsonNode confirmed = shop.confirm(customer, secret, Shop.THREE_D_SECURE_CARD);
        assertThat(confirmed.get("status").asString()).isEqualTo("requires_action");
        JsonNode waiting = shop.awaitDraft(customer, draftId, "awaiting_payment");
        assertThat(waiting.get("payment_status").asString()).isIn("requires_action", "processing");

        customer.post("/api/v1/payments/test/authenticate", Map.of("client_secret", secret, "approve", true))
                .expectStatus(200);
        shop.awaitDraft(customer, draftId, "paid");
    }

    @Test
    void guestChecksOutWithAnEmail() {
        Variant variant = shop.product("12.50", 4);
        ApiClient guest = shop.guest();
        shop.addToCart(guest, variant, 1);

        JsonNode noEmail = guest.post("/api/v1/orders/draft", Map.of("address", Shop.address("DE")))
                .expectStatus(400)
                .json();
        assertThat(noEmail.get("errors").get(0).get("field").asString()).isEqualTo("email");
        for (String blank : List.of("", "   ")) {
            JsonNode blankEmail = guest.post(
                            "/api/v1/orders/draft", Map.of("address", Shop.address("DE"), "email", blank))
                    .expectStatus(400)
                    .json();
            assertThat(blankEmail.get("errors").get(0).get("field").asString()).isEqualTo("email");
        }

        JsonNode paid = shop.buy(guest, variant, 1, "guest@example.com");
        assertThat(paid.get("number").asString()).startsWith("DK-");

        JsonNode found = shop.admin()
                .get("/api/v1/admin/orders?email=GUEST@example.com")
                .expectStatus(200)
                .json();
        assertThat(found.get("items").findValuesAsString("number"))
                .contains(paid.get("number").asString());
        JsonNode byPhone = shop.admin()
                .get("/api/v1/admin/orders?phone=%2B49%2030%201234567")
                .expectStatus(200)
                .json();
        assertThat(byPhone.get("items").findValuesAsString("number"))
                .contains(paid.get("number").asString());
    }

    @Test
    void cancellingAPaidOrderRestoresStockAndRefunds() {
        Variant variant = shop.product("8.00", 5);
        ApiClient customer = shop.customer();
        String number = shop.buy(customer, variant, 2, null).get("number").asString();
        assertThat(shop.available(variant)).isEqualTo(3);

        ApiClient admin = shop.admin();
        JsonNode cancelled = admin.post(
                        "/api/v1/admin/orders/" + number + "/cancel", Map.of("reason", "customer asked"))
                .expectStatus(200)
                .json();
        assertThat(cancelled.get("status").asString()).isEqualTo("cancelled");
        assertThat(cancelled.get("refunded")).isEqualTo(cancelled.get("totals").get("total"));
        assertThat(shop.available(variant)).isEqualTo(5);
        admin.post("/api/v1/admin/orders/" + number + "/fulfil", Map.of()).expectStatus(409);
        admin.post("/api/v1/admin/orders/" + number + "/cancel", Map.of("reason", "twice"))
                .expectStatus(409);
    }

    @Test
    void fullRefundOfAnUnshippedOrderRestoresStockOnce() {
        Variant variant = shop.product("8.00", 5);
        ApiClient customer = shop.customer();
        String number = shop.buy(customer, variant, 2, null).get("number").asString();

        ApiClient admin = shop.admin().header("Idempotency-Key", "refund-1");
        admin.post("/api/v1/admin/orders/" + number + "/refunds", Map.of("reason", "damaged"))
                .expectStatus(200);
        JsonNode again = admin.post("/api/v1/admin/orders/" + number + "/refunds", Map.of("reason", "damaged"))
                .expectStatus(200)
                .json();
        assertThat(again.get("status").asString()).isEqualTo("refunded");
        assertThat(shop.available(variant)).isEqualTo(5);
    }

    /**
     * An Idempotency-Key names one refund: its replay answers as done without refunding twice, the
     * same key with another amount is refused (409) rather than answered as if it were made.
     */
    @Test
    void aRefundKeyReusedWithAnotherAmountIsRefused() {
        Variant variant = shop.product("8.00", 5);
        String number =
                shop.buy(shop.customer(), variant, 2, null).get("number").asString();
        ApiClient admin = shop.admin().header("Idempotency-Key", "refund-partly");
        String refunds = "/api/v1/admin/orders/" + number + "/refunds";
        Map<String, Object> oneEuro =
                Map.of("amount", Map.of("amount", "1.00", "currency", "EUR"), "reason", "scratch");

        admin.post(refunds, oneEuro).expectStatus(200);
        JsonNode replay = admin.post(refunds, oneEuro).expectStatus(200).json();
        assertThat(replay.get("refunded").get("amount").decimalValue()).isEqualByComparingTo("1.00");
        // a retry that words its reason anew asks for the same money
        admin.post(refunds, Map.of("amount", Map.of("amount", "1.00", "currency", "EUR"), "reason", "Scratch on lid"))
                .expectStatus(200);

        JsonNode refused = admin.post(
                        refunds, Map.of("amount", Map.of("amount", "2.00", "currency", "EUR"), "reason", "scratch"))
                .expectStatus(409)
                .json();
        assertThat(refused.get("type").asString()).endsWith("idempotency-key-reused");
        assertThat(shop.admin()
                        .get("/api/v1/admin/orders/" + number)
                        .json()
                        .get("refunded")
                        .get("amount")
                        .decimalValue())
                .isEqualByComparingTo("1.00");
    }

    @Test
    void customerReturnsAShippedLine() {
        Variant variant = shop.product("15.00", 5);
        ApiClient customer = shop.customer();
        JsonNode paid = shop.buy(customer, variant, 3, null);
        String number = paid.get("number").asString();
        String lineId = paid.get("lines").get(0).get("id").asString();

        Map<String, Object> request = Map.of("line_id", lineId, "quantity", 2, "reason", "too big");
        customer.post("/api/v1/orders/" + number + "/returns", request).expectStatus(409);

        ApiClient admin = shop.admin();
        admin.post("/api/v1/admin/orders/" + number + "/fulfil", Map.of()).expectStatus(200);
        String returnId = customer.post("/api/v1/orders/" + number + "/returns", request)
                .expectStatus(201)
                .json()
                .get("id")
                .asString();
        customer.post(
                        "/api/v1/orders/" + number + "/returns",
                        Map.of("line_id", lineId, "quantity", 2, "reason", "more"))
                .expectStatus(409);
        shop.customer().post("/api/v1/orders/" + number + "/returns", request).expectStatus(404);

        JsonNode accepted = admin.post("/api/v1/admin/returns/" + returnId + "/accept", Map.of())
                .expectStatus(200)
                .json();
        assertThat(accepted.get("status").asString()).isEqualTo("accepted");
        admin.post("/api/v1/admin/returns/" + returnId + "/reject", Map.of("note", "late"))
                .expectStatus(409);
        assertThat(shop.available(variant)).isEqualTo(4);
        JsonNode order =
                customer.get("/api/v1/orders/" + number).expectStatus(200).json();
        assertThat(order.get("refunded").get("amount").decimalValue()).isEqualByComparingTo("30.00");
        assertThat(order.get("returns").get(0).get("status").asString()).isEqualTo("accepted");

        String second = customer.post(
                        "/api/v1/orders/" + number + "/returns",
                        Map.of("line_id", lineId, "quantity", 1, "reason", "also"))
                .expectStatus(201)
                .json()
                .get("id")
                .asString();
        admin.post("/api/v1/admin/returns/" + second + "/reject", Map.of("note", "worn"))
                .expectStatus(200);
        assertThat(shop.available(variant)).isEqualTo(4);
    }
}
