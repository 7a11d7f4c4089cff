package app.dukkan.checkout.cart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.dukkan.checkout.CartView;
import app.dukkan.checkout.ChannelCarts;
import app.dukkan.platform.ProblemException;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.Shop;
import app.dukkan.testing.Shop.Variant;
import java.sql.Timestamp;
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
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Carts of a chat, addressed by id: the rules of the cookie's carts, and a lifetime of their own. */
@DukkanTest
class ChannelCartTests {

    @LocalServerPort
    int port;

    @Autowired
    ChannelCarts carts;

    @Autowired
    CartService cartService;

    @Autowired
    JdbcClient jdbc;

    Shop shop;

    @BeforeEach
    void setUp() {
        shop = new Shop(port);
    }

    static UUID id(Variant variant) {
        return UUID.fromString(variant.id());
    }

    static void refused(ThrowingCallable call, int status, String type) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status().value()).as(e.getMessage()).isEqualTo(status);
            assertThat(e.type()).isEqualTo(type);
        });
    }

    @Test
    void aChannelCartKeepsTheRulesOfEveryCart() {
        Variant mug = shop.product("12.50", 4);
        UUID cart = carts.create();
        assertThat(carts.view(cart).lines()).isEmpty();
        assertThat(carts.exists(cart)).isTrue();

        CartView added = carts.add(cart, id(mug), 2);
        added = carts.add(cart, id(mug), 1);
        assertThat(added.id()).isEqualTo(cart);
        assertThat(added.lines()).singleElement().satisfies(line -> {
            assertThat(line.quantity()).isEqualTo(3);
            assertThat(line.status()).isEqualTo(CartView.Status.OK);
        });
        assertThat(added.totals().subtotal().minor()).isEqualTo(3750);
        UUID line = added.lines().get(0).id();

        refused(() -> carts.add(cart, id(mug), 2), 409, "insufficient-stock");
        refused(() -> carts.add(cart, id(mug), 0), 400, "validation");
        refused(() -> carts.setQuantity(cart, line, 11), 400, "validation");
        refused(() -> carts.add(cart, UUID.randomUUID(), 1), 404, "not-found");
        refused(() -> carts.add(UUID.randomUUID(), id(mug), 1), 404, "not-found");
        assertThat(carts.view(cart).lines().get(0).quantity())
                .as("nothing changed")
                .isEqualTo(3);

        assertThat(carts.setQuantity(cart, line, 1).lines().get(0).quantity()).isEqualTo(1);
        UUID other = carts.create();
        refused(() -> carts.setQuantity(other, line, 2), 404, "not-found");
        refused(() -> carts.remove(other, line), 404, "not-found");
        assertThat(carts.remove(cart, line).lines()).isEmpty();
        refused(() -> carts.remove(cart, line), 404, "not-found");

        carts.add(cart, id(mug), 1);
        carts.clear(cart);
        assertThat(carts.view(cart).lines()).isEmpty();
        assertThat(carts.view(cart).id()).isEqualTo(cart);
    }

    @Test
    void aVariantNoLongerSoldCannotBeAdded() {
        String category = shop.catalog().category(CatalogFixtures.unique("Withdrawn "), null);
        JsonNode product = shop.catalog()
                .createProduct(
                        shop.admin(),
                        CatalogFixtures.product(
                                CatalogFixtures.unique("Pair "),
                                category,
                                List.of(CatalogFixtures.variant("5.00", 4), CatalogFixtures.variant("6.00", 4))));
        String withdrawn = product.get("variants").get(1).get("id").asString();
        shop.admin()
                .patch(
                        "/api/v1/admin/products/" + product.get("id").asString() + "/variants/" + withdrawn,
                        Map.of("active", false))
                .expectStatus(200);
        refused(() -> carts.add(carts.create(), UUID.fromString(withdrawn), 1), 409, "variant-unavailable");
    }

    @Test
    void aFullCartTakesNoNewLine() {
        List<Map<String, Object>> variants = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            variants.add(CatalogFixtures.variant("1.00", 5));
        }
        String category = shop.catalog().category(CatalogFixtures.unique("Many "), null);
        JsonNode product = shop.catalog()
                .createProduct(
                        shop.admin(), CatalogFixtures.product(CatalogFixtures.unique("Many "), category, variants));
        UUID cart = carts.create();
        for (int i = 0; i < 50; i++) {
            carts.add(
                    cart,
                    UUID.fromString(product.get("variants").get(i).get("id").asString()),
                    1);
        }
        UUID last = UUID.fromString(product.get("variants").get(50).get("id").asString());
        refused(() -> carts.add(cart, last, 1), 409, "cart-full");
        assertThat(carts.view(cart).lines()).hasSize(50);
    }

    @Test
    void cartsOfUsersAndCookiesAreNotChannelCarts() {
        Variant mug = shop.product("5.00", 4);
        ApiClient guest = shop.guest();
        String cookieCart = shop.addToCart(guest, mug, 1).get("id").asString();
        ApiClient customer = shop.customer();
        String userCart = shop.addToCart(customer, mug, 1).get("id").asString();

        for (String other : List.of(cookieCart, userCart)) {
            UUID cart = UUID.fromString(other);
            assertThat(carts.exists(cart)).isFalse();
            refused(() -> carts.view(cart), 404, "not-found");
            refused(() -> carts.add(cart, id(mug), 1), 404, "not-found");
            refused(() -> carts.clear(cart), 404, "not-found");
        }
        assertThat(guest.get("/api/v1/cart")
                        .json()
                        .get("lines")
                        .get(0)
                        .get("quantity")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void twoAdditionsAtOnceBothCount() throws Exception {
        Variant mug = shop.product("3.00", 10);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                UUID cart = carts.create();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<CartView>> adds = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    adds.add(pool.submit(() -> {
                        start.await();
                        return carts.add(cart, id(mug), 1);
                    }));
                }
                start.countDown();
                for (Future<CartView> add : adds) {
                    add.get();
                }
                assertThat(carts.view(cart).lines())
                        .singleElement()
                        .satisfies(line -> assertThat(line.quantity()).isEqualTo(2));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aChannelCartOutlivesTheSweepOfAnonymousCarts() {
        Variant mug = shop.product("5.00", 4);
        UUID inUse = carts.create();
        carts.add(inUse, id(mug), 1);
        UUID forgotten = carts.create();
        String anonymous = shop.addToCart(shop.guest(), mug, 1).get("id").asString();
        Instant now = Instant.now();
        age(inUse, now.minus(Duration.ofDays(40)));
        age(UUID.fromString(anonymous), now.minus(Duration.ofDays(40)));
        age(forgotten, now.minus(Duration.ofDays(91)));

        cartService.deleteAbandoned();

        assertThat(carts.exists(inUse)).as("within its 90 days").isTrue();
        assertThat(carts.view(inUse).lines()).hasSize(1);
        assertThat(carts.exists(forgotten)).isFalse();
        assertThat(jdbc.sql("select count(*) from carts where id = ?")
                        .param(UUID.fromString(anonymous))
                        .query(Integer.class)
                        .single())
                .as("past the cookie's 30 days")
                .isZero();
    }

    private void age(UUID cart, Instant updatedAt) {
        jdbc.sql("update carts set updated_at = ? where id = ?")
                .params(Timestamp.from(updatedAt), cart)
                .update();
    }
}
