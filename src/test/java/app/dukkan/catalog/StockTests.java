package app.dukkan.catalog;

import static app.dukkan.testing.CatalogFixtures.product;
import static app.dukkan.testing.CatalogFixtures.variant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

@DukkanTest
@RecordApplicationEvents
class StockTests {

    @LocalServerPort
    int port;

    @Autowired
    Stock stock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ApplicationEvents events;

    CatalogFixtures fixtures;
    ApiClient seller;
    String category;

    @BeforeEach
    void setUp() {
        fixtures = new CatalogFixtures(port);
        seller = fixtures.seller();
        category = fixtures.category("Stock", null);
    }

    /** A new active product with one variant per given stock; returns the product JSON. */
    private JsonNode productWithStock(int... stocks) {
        List<Map<String, Object>> variants = new ArrayList<>();
        for (int s : stocks) {
            variants.add(variant("10.00", s));
        }
        return fixtures.createProduct(seller, product("Stock Lamp", category, variants));
    }

    private static UUID variantId(JsonNode product, int index) {
        return UUID.fromString(product.get("variants").get(index).get("id").asString());
    }

    private int[] stockAndReserved(UUID variantId) {
        return jdbc.sql("select stock, reserved from variants where id = ?")
                .param(variantId)
                .query((rs, row) -> new int[] {rs.getInt("stock"), rs.getInt("reserved")})
                .single();
    }

    private int available(UUID variantId) {
        return stock.variants(List.of(variantId)).get(variantId).available();
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    private static Instant later() {
        return Instant.now().plus(Duration.ofMinutes(10));
    }

    @Test
    void reservationLowersAvailableStockUntilReleasedAndReleaseIsIdempotent() {
        UUID v = variantId(productWithStock(5), 0);
        String key = key();

        stock.reserve(key, Map.of(v, 2), later());
        assertThat(available(v)).isEqualTo(3);
        assertThat(stockAndReserved(v)).containsExactly(5, 2);
        assertThat(events.stream(StockChanged.class).filter(e -> e.variantId().equals(v)))
                .extracting(StockChanged::available)
                .containsExactly(3);

        stock.release(key);
        stock.release(key);
        assertThat(stockAndReserved(v)).containsExactly(5, 0);
        assertThat(jdbc.sql("select count(*) from stock_reservations where reservation_key = ?")
                        .param(key)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void reserveIsAllOrNothingAndNamesEveryShortage() {
        JsonNode product = productWithStock(5, 1, 0);
        UUID plenty = variantId(product, 0);
        UUID one = variantId(product, 1);
        UUID none = variantId(product, 2);

        // inside a caller's transaction that goes on and commits: the refusal must not spoil it
        transactions.executeWithoutResult(tx -> {
            assertThatThrownBy(() -> stock.reserve(key(), Map.of(plenty, 2, one, 2, none, 1), later()))
                    .isInstanceOfSatisfying(
                            StockShortageException.class,
                            e -> assertThat(e.shortages())
                                    .containsExactlyInAnyOrder(
                                            new StockShortageException.Shortage(one, 2, 1),
                                            new StockShortageException.Shortage(none, 1, 0)));
        });

        assertThat(stockAndReserved(plenty)).containsExactly(5, 0);
        assertThat(stockAndReserved(one)).containsExactly(1, 0);
    }

    @Test
    void aSecondReservationUnderOneKeyReplacesTheFirst() {
        JsonNode product = productWithStock(3, 3);
        UUID a = variantId(product, 0);
        UUID b = variantId(product, 1);
        String key = key();

        stock.reserve(key, Map.of(a, 3), later());
        // the 3 held under this key count as available to its replacement
        stock.reserve(key, Map.of(a, 2, b, 1), later());

        assertThat(stockAndReserved(a)).containsExactly(3, 2);
        assertThat(stockAndReserved(b)).containsExactly(3, 1);
    }

    @Test
    void commitTurnsTheReservationIntoASaleAndTakesUncoveredLinesFromAvailableStock() {
        JsonNode product = productWithStock(5, 4);
        UUID a = variantId(product, 0);
        UUID b = variantId(product, 1);
        String key = key();
        stock.reserve(key, Map.of(a, 2), later());

        assertThat(stock.commit(key, Map.of(a, 2, b, 1))).isTrue();

        assertThat(stockAndReserved(a)).containsExactly(3, 0);
        assertThat(stockAndReserved(b)).containsExactly(3, 0);
        assertThat(jdbc.sql("select count(*) from stock_reservations where reservation_key = ?")
                        .param(key)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void commitRefusesWithoutChangingAnythingWhenALineLacksStock() {
        JsonNode product = productWithStock(5, 1);
        UUID a = variantId(product, 0);
        UUID b = variantId(product, 1);
        String key = key();
        stock.reserve(key, Map.of(a, 2), later());
        stock.reserve(key(), Map.of(b, 1), later());

        assertThat(stock.commit(key, Map.of(a, 2, b, 1))).isFalse();

        assertThat(stockAndReserved(a)).containsExactly(5, 2);
        assertThat(stockAndReserved(b)).containsExactly(1, 1);
    }

    @Test
    void expiredReservationsAreReleasedAndACommitAfterwardsNeedsAvailableStock() {
        UUID v = variantId(productWithStock(2), 0);
        String key = key();
        stock.reserve(key, Map.of(v, 2), Instant.now().minusSeconds(1));

        stock.releaseExpired(Instant.now());
        assertThat(stockAndReserved(v)).containsExactly(2, 0);

        // someone else took one unit meanwhile: the late payment cannot have both
        String other = key();
        stock.reserve(other, Map.of(v, 1), later());
        assertThat(stock.commit(key, Map.of(v, 2))).isFalse();
        assertThat(stockAndReserved(v)).containsExactly(2, 1);

        stock.release(other);
        assertThat(stock.commit(key, Map.of(v, 2))).isTrue();
        assertThat(stockAndReserved(v)).containsExactly(0, 0);
    }

    @Test
    void restorePutsStockBack() {
        UUID v = variantId(productWithStock(1), 0);
        assertThat(stock.commit(key(), Map.of(v, 1))).isTrue();
        stock.restore(Map.of(v, 3));
        assertThat(stockAndReserved(v)).containsExactly(3, 0);
    }

    @Test
    void twentyBuyersRaceForTheLastUnitAndExactlyOneHoldsIt() throws Exception {
        UUID v = variantId(productWithStock(1), 0);
        int buyers = 20;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(buyers);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < buyers; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        stock.reserve(key(), Map.of(v, 1), later());
                        return true;
                    } catch (StockShortageException e) {
                        return false;
                    }
                }));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> result : results) {
                if (result.get(60, TimeUnit.SECONDS)) {
                    winners++;
                }
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(stockAndReserved(v)).containsExactly(1, 1);
    }

    @Test
    void shoppersSeeAvailableStockAtOnceInDetailAndListings() {
        JsonNode product = productWithStock(2);
        UUID v = variantId(product, 0);
        String slug = product.get("slug").asString();
        ApiClient shopper = fixtures.anonymous();
        // fill the caches
        assertThat(shopper.get("/api/v1/products/" + slug)
                        .json()
                        .get("variants")
                        .get(0)
                        .get("stock")
                        .asInt())
                .isEqualTo(2);
        assertThat(inStockTotal(shopper, true)).isEqualTo(1);

        String key = key();
        stock.reserve(key, Map.of(v, 1), later());
        JsonNode detail = shopper.get("/api/v1/products/" + slug).json();
        assertThat(detail.get("variants").get(0).get("stock").asInt()).isEqualTo(1);
        assertThat(detail.get("variants").get(0).has("reserved")).isFalse();
        assertThat(inStockTotal(shopper, true)).isEqualTo(1);

        stock.reserve(key, Map.of(v, 2), later());
        detail = shopper.get("/api/v1/products/" + slug).json();
        assertThat(detail.get("in_stock").asBoolean()).isFalse();
        assertThat(detail.get("variants").get(0).get("stock").asInt()).isZero();
        assertThat(detail.get("variants").get(0).get("in_stock").asBoolean()).isFalse();
        assertThat(inStockTotal(shopper, true)).isZero();
        assertThat(inStockTotal(shopper, false)).isEqualTo(1);

        // editors see both figures
        JsonNode admin = seller.get(
                        "/api/v1/admin/products/" + product.get("id").asString())
                .json()
                .get("variants")
                .get(0);
        assertThat(admin.get("stock").asInt()).isEqualTo(2);
        assertThat(admin.get("reserved").asInt()).isEqualTo(2);
        assertThat(admin.get("available").asInt()).isZero();

        stock.release(key);
        assertThat(inStockTotal(shopper, true)).isEqualTo(1);
        assertThat(shopper.get("/api/v1/products/" + slug)
                        .json()
                        .get("variants")
                        .get(0)
                        .get("stock")
                        .asInt())
                .isEqualTo(2);
    }

    @Test
    void listingsFollowTheProductAcrossZeroWhicheverVariantMovesIt() {
        JsonNode product = productWithStock(1, 1);
        UUID first = variantId(product, 0);
        UUID second = variantId(product, 1);
        ApiClient shopper = fixtures.anonymous();
        assertThat(inStockTotal(shopper, true)).isEqualTo(1);

        // one variant sold out, the other still has a unit: still listed in stock
        String firstOrder = key();
        stock.reserve(firstOrder, Map.of(first, 1), later());
        assertThat(stock.commit(firstOrder, Map.of(first, 1))).isTrue();
        assertThat(inStockTotal(shopper, true)).isEqualTo(1);

        // the last unit of the product: sold out in the cached listing at once
        String secondOrder = key();
        stock.reserve(secondOrder, Map.of(second, 1), later());
        assertThat(inStockTotal(shopper, true)).isZero();
        assertThat(stock.commit(secondOrder, Map.of(second, 1))).isTrue();
        assertThat(inStockTotal(shopper, false)).isEqualTo(1);
        assertThat(stockAndReserved(first)).containsExactly(0, 0);
        assertThat(stockAndReserved(second)).containsExactly(0, 0);

        // a unit back on hand brings it back
        stock.restore(Map.of(first, 1));
        assertThat(inStockTotal(shopper, true)).isEqualTo(1);
        assertThat(events.stream(StockChanged.class).filter(e -> e.variantId().equals(first)))
                .extracting(StockChanged::available)
                .containsExactly(0, 0, 1);
    }

    @Test
    void stockChangesThatKeepAVariantAvailableLeaveTheProductRowAlone() {
        JsonNode product = productWithStock(5);
        UUID v = variantId(product, 0);
        UUID productId = UUID.fromString(product.get("id").asString());
        String before = productRowVersion(productId);

        String order = key();
        stock.reserve(order, Map.of(v, 2), later());
        assertThat(stock.commit(order, Map.of(v, 2))).isTrue();
        stock.restore(Map.of(v, 1));
        assertThat(productRowVersion(productId)).isEqualTo(before);

        // selling out does rewrite it
        String last = key();
        stock.reserve(last, Map.of(v, 4), later());
        assertThat(productRowVersion(productId)).isNotEqualTo(before);
        assertThat(jdbc.sql("select in_stock from products where id = ?")
                        .param(productId)
                        .query(Boolean.class)
                        .single())
                .isFalse();
    }

    /** The product row's physical version: it changes whenever the row is rewritten. */
    private String productRowVersion(UUID productId) {
        return jdbc.sql("select xmin::text || ctid::text from products where id = ?")
                .param(productId)
                .query(String.class)
                .single();
    }

    @Test
    void editorsCannotSetStockBelowWhatIsReserved() {
        JsonNode product = productWithStock(3);
        UUID v = variantId(product, 0);
        stock.reserve(key(), Map.of(v, 2), later());

        JsonNode problem = seller.patch(
                        "/api/v1/admin/products/" + product.get("id").asString() + "/variants/" + v, Map.of("stock", 1))
                .expectStatus(409)
                .json();
        assertThat(problem.get("type").asString()).endsWith("/stock-reserved");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("stock");
        assertThat(stockAndReserved(v)).containsExactly(3, 2);

        seller.patch("/api/v1/admin/products/" + product.get("id").asString() + "/variants/" + v, Map.of("stock", 2))
                .expectStatus(200);
    }

    private long inStockTotal(ApiClient shopper, boolean inStock) {
        return shopper.get("/api/v1/products?category=" + category + "&in_stock=" + inStock)
                .expectStatus(200)
                .json()
                .get("total")
                .asLong();
    }
}
