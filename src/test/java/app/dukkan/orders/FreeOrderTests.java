package app.dukkan.orders;

import static app.dukkan.storefront.CartForms.add;
import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.storefront.checkout.CheckoutPagesTests;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.PageClient;
import app.dukkan.testing.PageClient.Page;
import app.dukkan.testing.Shop;
import app.dukkan.testing.Shop.Variant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * An order that costs nothing (a coupon took the goods, the shop ships for free) is placed without
 * a payment: its stock and coupon use taken, announced like a paid one, and nothing to refund when
 * it is cancelled. The shop of this class ships to Germany and Austria only, for free, so it has a
 * context of its own; it also shows a draft to a country the shop no longer ships to.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "dukkan.checkout.shipping[0].name=Nearby",
            "dukkan.checkout.shipping[0].countries[0]=DE",
            "dukkan.checkout.shipping[0].countries[1]=AT",
            "dukkan.checkout.shipping[0].options[0].code=pickup",
            "dukkan.checkout.shipping[0].options[0].name=Pickup at the shop",
            "dukkan.checkout.shipping[0].options[0].price=0.00"
        })
@ActiveProfiles("test")
// closed afterwards: a context of its own that no other class shares
@DirtiesContext
class FreeOrderTests {

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
    void aDraftThatCostsNothingIsPlacedWithoutAPaymentAndCancelledWithoutARefund() {
        Variant variant = shop.product("10.00", 5);
        String code = wholeCoupon();
        ApiClient guest = shop.guest();
        shop.addToCart(guest, variant, 2);
        String draftId = shop.draft(guest, "free-" + UUID.randomUUID() + "@example.com", code)
                .get("id")
                .asString();

        JsonNode started = shop.intent(guest, draftId).expectStatus(201).json();
        assertThat(started.get("provider").asString()).isEqualTo("none");
        assertThat(started.get("status").asString()).isEqualTo("succeeded");
        assertThat(started.has("payment_id")).isFalse();
        assertThat(started.has("client_secret")).isFalse();
        assertThat(started.get("amount").get("amount").decimalValue()).isZero();

        JsonNode placed =
                guest.get("/api/v1/orders/draft/" + draftId).expectStatus(200).json();
        assertThat(placed.get("status").asString()).isEqualTo("paid");
        assertThat(placed.get("payment_status").asString()).isEqualTo("succeeded");
        String number = placed.get("number").asString();
        assertThat(number).startsWith("DK-");
        assertThat(shop.available(variant)).as("its stock taken for good").isEqualTo(3);
        assertThat(count("select count(*) from payments where reference = ?", draftId))
                .isZero();
        assertThat(count("select used_count from coupons where code = ?", code)).isEqualTo(1);
        assertThat(count("select count(*) from payment_holds where order_id = ?::uuid", draftId))
                .as("the hold settled")
                .isZero();
        assertThat(shop.intent(guest, draftId)
                        .expectStatus(409)
                        .json()
                        .get("type")
                        .asString())
                .endsWith("/order-already-placed");

        ApiClient admin = shop.admin();
        JsonNode order =
                admin.get("/api/v1/admin/orders/" + number).expectStatus(200).json();
        assertThat(order.get("status").asString()).isEqualTo("paid");
        admin.post("/api/v1/admin/orders/" + number + "/refunds", Map.of("reason", "nothing was paid"))
                .expectStatus(400);
        admin.post("/api/v1/admin/orders/" + number + "/cancel", Map.of("reason", "changed our mind"))
                .expectStatus(200);
        assertThat(admin.get("/api/v1/admin/orders/" + number)
                        .expectStatus(200)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("cancelled");
        assertThat(shop.available(variant)).as("back on hand").isEqualTo(5);
        assertThat(count("select count(*) from order_refunds where order_id = ?::uuid", draftId))
                .isZero();
    }

    @Test
    void aReturnOfAFreeOrderIsAcceptedWithNothingToRefund() {
        Variant variant = shop.product("10.00", 5);
        ApiClient customer = shop.customer();
        shop.addToCart(customer, variant, 1);
        String draftId = shop.draft(customer, null, wholeCoupon()).get("id").asString();
        shop.intent(customer, draftId).expectStatus(201);
        String number = customer.get("/api/v1/orders/draft/" + draftId)
                .expectStatus(200)
                .json()
                .get("number")
                .asString();
        ApiClient admin = shop.admin();
        admin.post("/api/v1/admin/orders/" + number + "/fulfil", Map.of()).expectStatus(200);
        String lineId = customer.get("/api/v1/orders/" + number)
                .expectStatus(200)
                .json()
                .get("lines")
                .get(0)
                .get("id")
                .asString();
        String returnId = customer.post(
                        "/api/v1/orders/" + number + "/returns",
                        Map.of("line_id", lineId, "quantity", 1, "reason", "not for me"))
                .expectStatus(201)
                .json()
                .get("id")
                .asString();

        admin.post("/api/v1/admin/returns/" + returnId + "/accept", Map.of()).expectStatus(200);
        assertThat(shop.available(variant)).as("the returned unit back on hand").isEqualTo(5);
        assertThat(count("select count(*) from order_refunds where order_id = ?::uuid", draftId))
                .isZero();
    }

    @Test
    void theReviewPagePlacesAFreeOrderWithoutJavaScript() {
        Variant variant = shop.product("7.50", 3);
        String code = wholeCoupon();
        PageClient shopper = new PageClient(port);
        Page review = review(shopper, variant, "free-page-");
        review = shopper.follow(shopper.submit(review, "form:has(#apply-coupon)", Map.of("coupon_code", code)));
        assertThat(review.one("#review-body .totals .total").text()).contains("€0.00");
        assertThat(review.one("form.checkout-actions button").text()).isEqualTo("Place the order (nothing to pay)");

        Page placed = shopper.submit(review, "form.checkout-actions", Map.of());
        assertThat(placed.location()).startsWith("/checkout/result/");
        Page result = shopper.follow(placed).expectStatus(200);
        assertThat(result.one("h1").text()).isEqualTo("Thank you for your order");
        assertThat(result.one(".payment-result .lead").text()).matches("Your order number is DK-\\d+\\.");
        assertThat(shop.available(variant)).isEqualTo(2);
    }

    /**
     * A draft to a country the shop stopped shipping to (its settings changed since) sends the
     * shopper back to the address step, which says why; the checkout goes on with another address.
     */
    @Test
    void aDraftToACountryNoLongerShippedToGoesBackToTheAddress() {
        Variant variant = shop.product("7.50", 3);
        PageClient shopper = new PageClient(port);
        review(shopper, variant, "moved-");
        String draftId = jdbc.sql(
                        "select id::text from orders where email like 'moved-%' order by created_at desc limit 1")
                .query(String.class)
                .single();
        jdbc.sql("update orders set address = jsonb_set(address, '{country}', '\"CH\"') where id = ?::uuid")
                .param(draftId)
                .update();

        assertThat(shopper.get("/checkout").location()).isEqualTo("/checkout/address");
        Page again = shopper.get("/checkout/address").expectStatus(200);
        assertThat(again.one("#country").attr("aria-invalid")).isEqualTo("true");
        assertThat(again.one(".notice.error").text()).contains("no longer ships");
        assertThat(shopper.get("/checkout/review").location()).isEqualTo("/checkout/address");
        Page accepted = shopper.post(
                "/checkout/review/accept",
                Map.of(
                        "_csrf",
                        again.one("input[name=_csrf]").attr("value"),
                        "draft_id",
                        draftId,
                        "revision",
                        jdbc.sql("select revision::text from orders where id = ?::uuid")
                                .param(draftId)
                                .query(String.class)
                                .single()));
        assertThat(accepted.location())
                .as("no accepting makes the country shippable")
                .isEqualTo("/checkout/address");

        Map<String, String> austria = CheckoutPagesTests.address("moved-" + UUID.randomUUID() + "@example.com");
        austria.put("country", "AT");
        Page next = shopper.submit(again, "form.checkout-form", austria);
        assertThat(next.location()).isEqualTo("/checkout/shipping");
    }

    /** A guest with the variant in the cart, through address and shipping to the review page. */
    private Page review(PageClient shopper, Variant variant, String emailPrefix) {
        add(shopper, variant.id(), 1).expectStatus(302);
        Page address = shopper.follow(shopper.get("/checkout")).expectStatus(200);
        Page shipping = shopper.follow(shopper.submit(
                address,
                "form.checkout-form",
                CheckoutPagesTests.address(emailPrefix + UUID.randomUUID() + "@example.com")));
        return shopper.follow(shopper.submit(shipping, "form.checkout-form", Map.of()));
    }

    /** A coupon that takes the whole price of the goods. */
    private String wholeCoupon() {
        String code = ("FREE" + UUID.randomUUID().toString().replace("-", "").substring(0, 8)).toUpperCase();
        shop.admin()
                .post("/api/v1/admin/coupons", Map.of("code", code, "kind", "percent", "percent", 100))
                .expectStatus(201);
        return code;
    }

    private int count(String sql, String parameter) {
        return jdbc.sql(sql).param(parameter).query(Integer.class).single();
    }
}
