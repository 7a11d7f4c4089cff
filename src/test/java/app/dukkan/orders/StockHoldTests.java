package app.dukkan.orders;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.catalog.Stock;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.Shop;
import app.dukkan.testing.Shop.Variant;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A started payment holds stock once per content of the draft, for a fixed time that repeating the
 * call does not extend; a draft gets only so many holds; stock refusals have one problem type.
 */
@DukkanTest
class StockHoldTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Stock stock;

    Shop shop;

    @BeforeEach
    void setUp() {
        shop = new Shop(port);
    }

    @Test
    void repeatingThePaymentStartDoesNotExtendTheHold() throws Exception {
        Variant variant = shop.product("10.00", 1);
        ApiClient guest = shop.guest();
        String draft = guestDraft(guest, variant);

        JsonNode first = shop.intent(guest, draft).expectStatus(201).json();
        Instant heldUntil = reservationExpiry(draft);
        Thread.sleep(20);
        JsonNode again = shop.intent(guest, draft).expectStatus(201).json();

        assertThat(again.get("payment_id")).isEqualTo(first.get("payment_id"));
        assertThat(again.get("reserved_until")).isEqualTo(first.get("reserved_until"));
        assertThat(reservationExpiry(draft)).isEqualTo(heldUntil);
        assertThat(Instant.parse(again.get("reserved_until").asString())).isEqualTo(heldUntil);
    }

    @Test
    void anExpiredHoldIsNotRenewedForTheSameDraft() {
        Variant variant = shop.product("10.00", 1);
        ApiClient hoarder = shop.guest();
        String draft = guestDraft(hoarder, variant);
        JsonNode first = shop.intent(hoarder, draft).expectStatus(201).json();
        assertThat(shop.available(variant)).isZero();

        expireHold(draft);
        assertThat(shop.available(variant)).as("released by the sweep").isEqualTo(1);
        JsonNode again = shop.intent(hoarder, draft).expectStatus(201).json();
        assertThat(again.get("payment_id")).as("the same intent").isEqualTo(first.get("payment_id"));
        assertThat(Instant.parse(again.get("reserved_until").asString())).isBefore(Instant.now());
        assertThat(shop.available(variant)).as("nothing held again").isEqualTo(1);

        shop.buy(shop.guest(), variant, 1, "other-" + UUID.randomUUID() + "@example.com");
        shop.confirm(hoarder, again.get("client_secret").asString(), Shop.SUCCESS_CARD);
        shop.awaitDraft(hoarder, draft, "cancelled");
    }

    /**
     * A payment left open past its hold is not confirmed at the prices of its day: starting it again
     * answers the change to accept; while the hold runs, a new price does not touch it.
     */
    @Test
    void aPaymentLeftOpenPastItsHoldIsRefusedOnceThePriceChanged() {
        Variant variant = shop.product("10.00", 5);
        ApiClient guest = shop.guest();
        String draft = guestDraft(guest, variant);
        JsonNode first = shop.intent(guest, draft).expectStatus(201).json();
        shop.reprice(variant, "12.00");
        assertThat(shop.intent(guest, draft).expectStatus(201).json().get("payment_id"))
                .as("the hold keeps its prices")
                .isEqualTo(first.get("payment_id"));

        expireHold(draft);
        JsonNode refused = shop.intent(guest, draft).expectStatus(409).json();
        assertThat(refused.get("type").asString()).endsWith("/draft-changed");
        guest.patch("/api/v1/orders/draft/" + draft, Map.of("accept_changes", true))
                .expectStatus(200);
        JsonNode again = shop.intent(guest, draft).expectStatus(201).json();
        assertThat(again.get("payment_id")).isNotEqualTo(first.get("payment_id"));
        assertThat(again.get("amount").get("amount").decimalValue())
                .isEqualByComparingTo(
                        first.get("amount").get("amount").decimalValue().add(new java.math.BigDecimal("2")));
    }

    /** Units of a product archived after the hold ran out are not sold by a late payment: refunded. */
    @Test
    void aLatePaymentForAnArchivedProductIsRefused() {
        Variant variant = shop.product("10.00", 5);
        ApiClient guest = shop.guest();
        String draft = guestDraft(guest, variant);
        JsonNode started = shop.intent(guest, draft).expectStatus(201).json();
        expireHold(draft);
        shop.admin()
                .post("/api/v1/admin/products/" + variant.productId() + "/archive", null)
                .expectStatus(200);

        shop.confirm(guest, started.get("client_secret").asString(), Shop.SUCCESS_CARD);
        shop.awaitDraft(guest, draft, "cancelled");
        assertThat(jdbc.sql("select stock from variants where id = ?::uuid")
                        .param(variant.id())
                        .query(Integer.class)
                        .single())
                .isEqualTo(5);
    }

    @Test
    void aDraftGetsOnlySoManyHolds() {
        Variant variant = shop.product("10.00", 3);
        ApiClient hoarder = shop.guest();
        String draft = guestDraft(hoarder, variant);
        for (int hold = 1; hold <= 5; hold++) {
            shop.intent(hoarder, draft).expectStatus(201);
            // a changed draft is a new content, which may be held again
            hoarder.patch("/api/v1/orders/draft/" + draft, Map.of("address", Shop.address(hold % 2 == 0 ? "DE" : "AT")))
                    .expectStatus(200);
        }
        JsonNode refused = shop.intent(hoarder, draft).expectStatus(409).json();
        assertThat(refused.get("type").asString()).endsWith("/hold-limit-reached");
        assertThat(shop.available(variant)).as("nothing held").isEqualTo(3);
    }

    @Test
    void stockHeldByAnotherPaymentIsRefusedAsOutOfStock() {
        Variant variant = shop.product("10.00", 1);
        ApiClient first = shop.guest();
        ApiClient second = shop.guest();
        String firstDraft = guestDraft(first, variant);
        String secondDraft = guestDraft(second, variant);
        shop.intent(first, firstDraft).expectStatus(201);

        JsonNode review = second.get("/api/v1/orders/draft/" + secondDraft)
                .expectStatus(200)
                .json();
        assertThat(review.get("payable").asBoolean()).isFalse();
        assertThat(review.get("changes").get(0).get("kind").asString()).isEqualTo("insufficient_stock");
        JsonNode refused = shop.intent(second, secondDraft).expectStatus(409).json();
        assertThat(refused.get("type").asString()).endsWith("/out-of-stock");
        assertThat(refused.get("errors").findValuesAsString("field")).containsExactly("variant_id");
        assertThat(refused.get("errors").findValuesAsString("message").get(0)).startsWith(variant.id());
    }

    /** Drafts priced while the stock was there race for the last unit: every refusal is the same. */
    @Test
    void racingPaymentStartsForTheLastUnitAreAllRefusedAsOutOfStock() throws Exception {
        Variant variant = shop.product("10.00", 1);
        int buyers = 8;
        List<ApiClient> clients = new ArrayList<>();
        List<String> drafts = new ArrayList<>();
        for (int i = 0; i < buyers; i++) {
            ApiClient guest = shop.guest();
            clients.add(guest);
            drafts.add(guestDraft(guest, variant));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(buyers);
        List<ApiClient.Response> responses = new ArrayList<>();
        try {
            List<Future<ApiClient.Response>> outcomes = new ArrayList<>();
            for (int i = 0; i < buyers; i++) {
                ApiClient client = clients.get(i);
                String draft = drafts.get(i);
                outcomes.add(pool.submit(() -> {
                    start.await();
                    return shop.intent(client, draft);
                }));
            }
            start.countDown();
            for (Future<ApiClient.Response> outcome : outcomes) {
                responses.add(outcome.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(responses).filteredOn(r -> r.status() != 201).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(409);
            assertThat(r.json().get("type").asString()).endsWith("/out-of-stock");
        });
    }

    private String guestDraft(ApiClient guest, Variant variant) {
        shop.addToCart(guest, variant, 1);
        return shop.draft(guest, "hold-" + UUID.randomUUID() + "@example.com", null)
                .get("id")
                .asString();
    }

    private Instant reservationExpiry(String draftId) {
        return jdbc.sql("select max(expires_at) from stock_reservations where reservation_key = ?")
                .param(draftId)
                .query(OffsetDateTime.class)
                .single()
                .toInstant();
    }

    /** The draft's hold runs out, and the sweep releases it. */
    private void expireHold(String draftId) {
        jdbc.sql("update stock_reservations set expires_at = now() - interval '1 minute' where reservation_key = ?")
                .param(draftId)
                .update();
        jdbc.sql("update orders set reserved_until = now() - interval '1 minute' where id = ?::uuid")
                .param(draftId)
                .update();
        stock.releaseExpired(Instant.now());
    }
}
