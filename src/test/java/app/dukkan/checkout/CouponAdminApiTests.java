package app.dukkan.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.DukkanTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@DukkanTest
class CouponAdminApiTests {

    @LocalServerPort
    int port;

    @Autowired
    Coupons coupons;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Pricing pricing;

    CheckoutFixtures fixtures;
    ApiClient admin;

    @BeforeEach
    void setUp() {
        fixtures = new CheckoutFixtures(port);
        admin = fixtures.admin();
    }

    private static String code() {
        return CheckoutFixtures.unique("save-");
    }

    private static Map<String, Object> percent(String code, int percent) {
        Map<String, Object> body = new HashMap<>();
        body.put("code", code);
        body.put("kind", "percent");
        body.put("percent", percent);
        return body;
    }

    private static Map<String, Object> eur(String amount) {
        return Map.of("amount", new BigDecimal(amount), "currency", "EUR");
    }

    @Test
    void adminCreatesReadsListsAndChangesCoupons() {
        String code = code();
        Map<String, Object> body = percent(code, 15);
        body.put("min_subtotal", eur("20.00"));
        body.put("usage_cap", 100);
        body.put("once_per_customer", true);
        body.put("ends_at", Instant.now().plus(30, ChronoUnit.DAYS).toString());
        JsonNode created =
                admin.post("/api/v1/admin/coupons", body).expectStatus(201).json();
        assertThat(created.get("code").asString()).isEqualTo(code.toUpperCase());
        assertThat(created.get("kind").asString()).isEqualTo("percent");
        assertThat(created.get("percent").asInt()).isEqualTo(15);
        assertThat(created.get("used_count").asInt()).isZero();
        assertThat(created.get("active").asBoolean()).isTrue();
        assertThat(created.get("once_per_customer").asBoolean()).isTrue();

        // look-ups ignore case
        assertThat(admin.get("/api/v1/admin/coupons/" + code.toLowerCase())
                        .expectStatus(200)
                        .json()
                        .get("id"))
                .isEqualTo(created.get("id"));
        JsonNode page =
                admin.get("/api/v1/admin/coupons?size=100").expectStatus(200).json();
        assertThat(page.get("total").asLong()).isPositive();
        assertThat(page.get("items").findValuesAsString("code")).contains(code.toUpperCase());

        JsonNode changed = admin.patch("/api/v1/admin/coupons/" + code, Map.of("active", false, "usage_cap", 5))
                .expectStatus(200)
                .json();
        assertThat(changed.get("active").asBoolean()).isFalse();
        assertThat(changed.get("usage_cap").asInt()).isEqualTo(5);
        assertThat(changed.get("percent").asInt()).isEqualTo(15);

        admin.get("/api/v1/admin/coupons/NO-SUCH-CODE").expectStatus(404);
        admin.patch("/api/v1/admin/coupons/NO-SUCH-CODE", Map.of("active", true))
                .expectStatus(404);
    }

    @Test
    void duplicateCodesConflictIgnoringCase() {
        String code = code();
        admin.post("/api/v1/admin/coupons", percent(code, 10)).expectStatus(201);
        JsonNode problem = admin.post("/api/v1/admin/coupons", percent(code.toUpperCase(), 20))
                .expectStatus(409)
                .json();
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("code");
    }

    @Test
    void refusesInvalidCouponsNamingTheField() {
        assertField(percent("x", 10), "code");
        assertField(percent("has space", 10), "code");
        assertField(percent(code(), 0), "percent");
        assertField(percent(code(), 101), "percent");
        Map<String, Object> noPercent = percent(code(), 10);
        noPercent.remove("percent");
        assertField(noPercent, "percent");
        Map<String, Object> badKind = percent(code(), 10);
        badKind.put("kind", "bogo");
        assertField(badKind, "kind");

        Map<String, Object> fixed = new HashMap<>(Map.of("code", code(), "kind", "fixed"));
        assertField(fixed, "amount");
        fixed.put("amount", eur("0.00"));
        assertField(fixed, "amount.amount");
        fixed.put("amount", Map.of("amount", 5, "currency", "USD"));
        assertField(fixed, "amount.currency");
        fixed.put("amount", eur("5.001"));
        assertField(fixed, "amount");

        Map<String, Object> window = percent(code(), 10);
        window.put("starts_at", "2030-01-02T00:00:00Z");
        window.put("ends_at", "2030-01-01T00:00:00Z");
        assertField(window, "ends_at");
        Map<String, Object> cap = percent(code(), 10);
        cap.put("usage_cap", 0);
        assertField(cap, "usage_cap");
        Map<String, Object> minimum = percent(code(), 10);
        minimum.put("min_subtotal", eur("-1.00"));
        assertField(minimum, "min_subtotal.amount");

        String existing = code();
        admin.post("/api/v1/admin/coupons", percent(existing, 10)).expectStatus(201);
        ApiClient.Response badEnd =
                admin.patch("/api/v1/admin/coupons/" + existing, Map.of("ends_at", "2000-01-01T00:00:00Z"));
        assertThat(badEnd.status()).isEqualTo(400);
        assertThat(badEnd.json().get("errors").get(0).get("field").asString()).isEqualTo("ends_at");
    }

    private void assertField(Map<String, Object> body, String field) {
        ApiClient.Response response = admin.post("/api/v1/admin/coupons", body);
        assertThat(response.status()).as(body.toString()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString())
                .as(body.toString())
                .isEqualTo(field);
    }

    @Test
    void onlyAdminsManageCoupons() {
        String code = code();
        ApiClient seller = fixtures.seller();
        seller.post("/api/v1/admin/coupons", percent(code, 10)).expectStatus(403);
        seller.get("/api/v1/admin/coupons").expectStatus(403);
        ApiClient customer = fixtures.customer();
        customer.post("/api/v1/admin/coupons", percent(code, 10)).expectStatus(403);
        customer.get("/api/v1/admin/coupons").expectStatus(403);
        fixtures.anonymous().get("/api/v1/admin/coupons").expectStatus(401);
        admin.get("/api/v1/admin/coupons/" + code).expectStatus(404);
    }

    @Test
    void redemptionCountsOncePerOrder() {
        String code = code();
        admin.post("/api/v1/admin/coupons", percent(code, 10)).expectStatus(201);
        UUID order = UUID.randomUUID();
        coupons.redeem(code, order, "someone@example.com");
        coupons.redeem(code.toLowerCase(), order, "someone@example.com");
        coupons.redeem(code, UUID.randomUUID(), "other@example.com");
        coupons.redeem("NO-SUCH-CODE", UUID.randomUUID(), "other@example.com");

        assertThat(admin.get("/api/v1/admin/coupons/" + code)
                        .json()
                        .get("used_count")
                        .asInt())
                .isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from coupon_redemptions where order_id = ?")
                        .param(order)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void pricingHonoursRedemptionsForCapsAndOncePerCustomer() {
        String once = code();
        Map<String, Object> body = percent(once, 10);
        body.put("once_per_customer", true);
        admin.post("/api/v1/admin/coupons", body).expectStatus(201);
        String capped = code();
        Map<String, Object> cappedBody = percent(capped, 10);
        cappedBody.put("usage_cap", 1);
        admin.post("/api/v1/admin/coupons", cappedBody).expectStatus(201);
        app.dukkan.platform.Money subtotal = app.dukkan.platform.Money.of(new BigDecimal("40.00"), "EUR");

        assertThat(pricing.quote(new QuoteRequest(subtotal, "DE", null, once, "a@example.com"))
                        .discounts()
                        .minor())
                .isEqualTo(400);
        coupons.redeem(once, UUID.randomUUID(), "a@example.com");
        assertThatProblem(() -> pricing.quote(new QuoteRequest(subtotal, "DE", null, once, "a@example.com")))
                .isEqualTo("coupon-already-used");
        assertThat(pricing.quote(new QuoteRequest(subtotal, "DE", null, once, "b@example.com"))
                        .couponCode())
                .isEqualTo(once.toUpperCase());

        coupons.redeem(capped, UUID.randomUUID(), "a@example.com");
        assertThatProblem(() -> pricing.quote(new QuoteRequest(subtotal, "DE", null, capped, "b@example.com")))
                .isEqualTo("coupon-used-up");
        // a payment without a running hold, past the cap, is not counted: its order is refunded
        assertThat(coupons.redeem(capped, UUID.randomUUID(), "c@example.com")).isFalse();
        assertThat(admin.get("/api/v1/admin/coupons/" + capped)
                        .json()
                        .get("used_count")
                        .asInt())
                .isEqualTo(1);
    }

    private static org.assertj.core.api.AbstractStringAssert<?> assertThatProblem(Runnable call) {
        try {
            call.run();
        } catch (app.dukkan.platform.ProblemException e) {
            return assertThat(e.type());
        }
        throw new AssertionError("expected a problem");
    }
}
