package app.dukkan.orders;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.Shop;
import app.dukkan.testing.Shop.Variant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * One client address holds stock for only so many payments at a time, and tries only so many coupon
 * codes (a context of its own: low limits).
 */
@DukkanTest
@TestPropertySource(properties = {"dukkan.orders.holds-per-client=2", "dukkan.orders.coupons-per-client=3"})
class HoldsPerClientTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    /** Each test starts with this client's whole coupon budget. */
    @BeforeEach
    void freshCouponBudget() {
        jdbc.sql("delete from identity_rate_limits where id like 'coupon/%'").update();
    }

    @Test
    void aClientHoldsStockForOnlySoManyPaymentsAtOnce() {
        Shop shop = new Shop(port);
        Variant variant = shop.product("10.00", 10);
        ApiClient first = shop.guest();
        ApiClient second = shop.guest();
        ApiClient third = shop.guest();
        String firstDraft = guestDraft(shop, first, variant);
        String secondDraft = guestDraft(shop, second, variant);
        String thirdDraft = guestDraft(shop, third, variant);
        shop.intent(first, firstDraft).expectStatus(201);
        shop.intent(second, secondDraft).expectStatus(201);

        ApiClient.Response refused = shop.intent(third, thirdDraft).expectStatus(429);
        JsonNode problem = refused.json();
        assertThat(problem.get("type").asString()).endsWith("/too-many-holds");
        assertThat(refused.header("Retry-After")).isNotNull();
        assertThat(shop.available(variant)).isEqualTo(8);

        // a declined card keeps its hold, for another card on the same payment; paying ends it
        String firstSecret = shop.clientSecret(first, firstDraft);
        shop.confirm(first, firstSecret, Shop.DECLINED_CARD);
        shop.intent(third, thirdDraft).expectStatus(429);
        shop.confirm(first, firstSecret, Shop.SUCCESS_CARD);
        shop.awaitDraft(first, firstDraft, "paid");
        shop.intent(third, thirdDraft).expectStatus(201);
        assertThat(shop.available(variant)).isEqualTo(7);
    }

    /**
     * Paid orders hold nothing: many payments from one address (a shop behind one NAT, a benchmark)
     * never count against its running holds, and paying forgets the order's holds, so that the count
     * reads only the address's unpaid drafts however many orders it paid within the hold time.
     */
    @Test
    void paidOrdersHoldNothingAndLeaveNoHoldToCount() {
        Shop shop = new Shop(port);
        Variant variant = shop.product("10.00", 10);
        for (int i = 0; i < 4; i++) {
            ApiClient buyer = shop.guest();
            String draft = guestDraft(shop, buyer, variant);
            shop.intent(buyer, draft).expectStatus(201);
            shop.confirm(buyer, shop.clientSecret(buyer, draft), Shop.SUCCESS_CARD);
            shop.awaitDraft(buyer, draft, "paid");
            assertThat(jdbc.sql("select count(*) from payment_holds where order_id = ?::uuid")
                            .params(draft)
                            .query(Long.class)
                            .single())
                    .isZero();
        }
        assertThat(shop.available(variant)).isEqualTo(6);
    }

    @Test
    void aClientTriesOnlySoManyCouponCodes() {
        Shop shop = new Shop(port);
        Variant variant = shop.product("10.00", 10);
        ApiClient guest = shop.guest();
        String draftId = guestDraft(shop, guest, variant);

        for (String code : java.util.List.of("GUESS-1", "GUESS-2", "GUESS-3")) {
            guest.patch("/api/v1/orders/draft/" + draftId, java.util.Map.of("coupon_code", code))
                    .expectStatus(400);
        }
        ApiClient.Response refused =
                guest.patch("/api/v1/orders/draft/" + draftId, java.util.Map.of("coupon_code", "GUESS-4"));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().get("type").asString()).endsWith("/rate-limited");
        assertThat(refused.header("Retry-After")).isNotNull();
        // changes without a code go on
        guest.patch(
                        "/api/v1/orders/draft/" + draftId,
                        java.util.Map.of("email", "other-" + UUID.randomUUID() + "@example.com"))
                .expectStatus(200);
    }

    /**
     * The code a draft holds, re-priced for the same email (the checkout resumed, the address
     * changed), tells nothing new and costs nothing; the same code for another email is a new try.
     */
    @Test
    void reapplyingTheDraftsOwnCouponIsNotAnotherTry() {
        Shop shop = new Shop(port);
        Variant variant = shop.product("10.00", 10);
        String code = ("HELD" + UUID.randomUUID().toString().replace("-", "").substring(0, 8)).toUpperCase();
        shop.admin()
                .post("/api/v1/admin/coupons", java.util.Map.of("code", code, "kind", "percent", "percent", 10))
                .expectStatus(201);
        ApiClient guest = shop.guest();
        shop.addToCart(guest, variant, 1);
        String email = "held-" + UUID.randomUUID() + "@example.com";

        for (int i = 0; i < 5; i++) {
            shop.draft(guest, email, code.toLowerCase(java.util.Locale.ROOT));
        }
        shop.draft(guest, "other-" + email, code);
        shop.draft(guest, "third-" + email, code);
        assertThat(guest.post(
                                "/api/v1/orders/draft",
                                java.util.Map.of(
                                        "address", Shop.address("DE"), "email", "fourth-" + email, "coupon_code", code))
                        .status())
                .as("three tries: the first draft's and two other emails'")
                .isEqualTo(429);
    }

    private static String guestDraft(Shop shop, ApiClient guest, Variant variant) {
        shop.addToCart(guest, variant, 1);
        return shop.draft(guest, "client-" + UUID.randomUUID() + "@example.com", null)
                .get("id")
                .asString();
    }
}
