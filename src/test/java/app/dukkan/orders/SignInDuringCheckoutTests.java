package app.dukkan.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.orders.draft.DraftPurge;
import app.dukkan.platform.RetentionPurges;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.Shop;
import app.dukkan.testing.Shop.Variant;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A guest who signs in during checkout keeps the draft, its payment and its holds: the guest cart's
 * draft becomes the account cart's, and one of two open drafts yields to the other.
 */
@DukkanTest
class SignInDuringCheckoutTests {

    static final String PASSWORD = "correct horse 42";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RetentionPurges purges;

    @Autowired
    DraftPurge abandonedDrafts;

    Shop shop;

    @BeforeEach
    void setUp() {
        shop = new Shop(port);
    }

    /** An account that exists, signed in on another device: its email. */
    private String account() {
        String email = CatalogFixtures.unique("signs-in-") + "@example.com";
        new ApiClient(port).register(email, PASSWORD);
        return email;
    }

    private JsonNode draft(ApiClient shopper, String id) {
        return shopper.get("/api/v1/orders/draft/" + id).expectStatus(200).json();
    }

    @Test
    void aPaymentStartedAsAGuestIsPaidAfterSigningInAndTheUnitsLeaveTheAccountsCart() {
        Variant mug = shop.product("10.00", 1);
        ApiClient shopper = shop.guest();
        shop.addToCart(shopper, mug, 1);
        String id = shop.draft(shopper, CatalogFixtures.unique("guest-") + "@example.com", null)
                .get("id")
                .asString();
        String secret = shop.clientSecret(shopper, id);
        assertThat(shop.available(mug)).as("held for the payment").isZero();

        shopper.login(account(), PASSWORD);
        assertThat(draft(shopper, id).get("status").asString()).isEqualTo("awaiting_payment");
        assertThat(shopper.get("/api/v1/cart").json().get("lines")).hasSize(1);

        shop.confirm(shopper, secret, Shop.SUCCESS_CARD);
        assertThat(shop.awaitDraft(shopper, id, "paid").get("number").asString())
                .startsWith("DK-");
        assertThat(shopper.get("/api/v1/cart").json().get("lines"))
                .as("the paid unit left the account's cart")
                .isEmpty();
        assertThat(shop.available(mug)).isZero();
    }

    @Test
    void theGuestsDraftBecomesTheAccountCartsOneDraft() {
        Variant mug = shop.product("10.00", 1);
        ApiClient shopper = shop.guest();
        shop.addToCart(shopper, mug, 1);
        String id = shop.draft(shopper, CatalogFixtures.unique("guest-") + "@example.com", null)
                .get("id")
                .asString();
        shop.intent(shopper, id).expectStatus(201);

        shopper.login(account(), PASSWORD);
        JsonNode again = shop.draft(shopper, null, null);
        assertThat(again.get("id").asString()).as("the cart's one open draft").isEqualTo(id);
        assertThat(again.get("payable").asBoolean()).isTrue();
        shop.intent(shopper, id).expectStatus(201);
        assertThat(shop.available(mug)).isZero();
    }

    @Test
    void theAccountsOwnDraftYieldsToTheGuests() {
        Variant cup = shop.product("8.00", 1);
        Variant mug = shop.product("10.00", 5);
        String email = account();
        ApiClient phone = new ApiClient(port).login(email, PASSWORD);
        shop.addToCart(phone, cup, 1);
        String own = shop.draft(phone, null, null).get("id").asString();
        shop.intent(phone, own).expectStatus(201);
        assertThat(shop.available(cup)).isZero();

        ApiClient laptop = shop.guest();
        shop.addToCart(laptop, mug, 1);
        String guests = shop.draft(laptop, CatalogFixtures.unique("guest-") + "@example.com", null)
                .get("id")
                .asString();
        shop.intent(laptop, guests).expectStatus(201);

        laptop.login(email, PASSWORD);
        assertThat(draft(laptop, guests).get("status").asString()).isEqualTo("awaiting_payment");
        JsonNode setAside = draft(laptop, own);
        assertThat(setAside.get("status").asString()).as("set aside").isEqualTo("draft");
        assertThat(shop.available(cup)).as("its hold given back").isEqualTo(1);
        JsonNode merged = shop.draft(laptop, null, null);
        assertThat(merged.get("id").asString()).isEqualTo(guests);
        assertThat(merged.get("lines")).hasSize(2);
        shop.intent(laptop, guests).expectStatus(201);
    }

    @Test
    void theAccountsDraftAwaitingPaymentStaysAndTheGuestsIsSetAside() {
        TwoDrafts two = twoDrafts();
        ApiClient laptop = two.laptop();
        laptop.login(two.email(), PASSWORD);
        assertThat(draft(laptop, two.guests()).get("status").asString()).isEqualTo("draft");
        assertThat(draft(laptop, two.own()).get("status").asString()).isEqualTo("awaiting_payment");
        assertThat(shop.available(two.cup())).as("still held for its payment").isZero();

        shop.confirm(two.phone(), two.secret(), Shop.SUCCESS_CARD);
        shop.awaitDraft(laptop, two.own(), "paid");
        JsonNode cart = laptop.get("/api/v1/cart").json();
        assertThat(cart.get("lines")).as("the guest's line is left to buy").hasSize(1);
        assertThat(cart.get("lines").get(0).get("variant_id").asString())
                .isEqualTo(two.mug().id());
        String next = shop.draft(laptop, null, null).get("id").asString();
        assertThat(next).as("the draft set aside stays aside").isNotIn(two.own(), two.guests());
    }

    /**
     * An account's draft with its payment started on the phone (a cup, the last one) and a guest's
     * draft of a mug on the laptop, not yet signed in.
     */
    private record TwoDrafts(
            Variant cup,
            Variant mug,
            String email,
            ApiClient phone,
            String own,
            String secret,
            ApiClient laptop,
            String guests) {}

    private TwoDrafts twoDrafts() {
        Variant cup = shop.product("8.00", 1);
        Variant mug = shop.product("10.00", 5);
        String email = account();
        ApiClient phone = new ApiClient(port).login(email, PASSWORD);
        shop.addToCart(phone, cup, 1);
        String own = shop.draft(phone, null, null).get("id").asString();
        String secret = shop.clientSecret(phone, own);

        ApiClient laptop = shop.guest();
        shop.addToCart(laptop, mug, 1);
        String guests = shop.draft(laptop, CatalogFixtures.unique("guest-") + "@example.com", null)
                .get("id")
                .asString();
        return new TwoDrafts(cup, mug, email, phone, own, secret, laptop, guests);
    }

    /**
     * The account's draft, its payment started on the phone, set aside for the guest's, whose payment
     * was started on the laptop: both client secrets.
     */
    private record SetAside(
            String own, String secret, ApiClient phone, String guests, String guestsSecret, ApiClient laptop) {}

    private SetAside setAside() {
        TwoDrafts two = twoDrafts();
        String guestsSecret = shop.clientSecret(two.laptop(), two.guests());
        two.laptop().login(two.email(), PASSWORD);
        assertThat(draft(two.laptop(), two.guests()).get("status").asString()).isEqualTo("awaiting_payment");
        assertThat(status(two.own())).as("set aside").isEqualTo("draft");
        return new SetAside(two.own(), two.secret(), two.phone(), two.guests(), guestsSecret, two.laptop());
    }

    private String status(String orderId) {
        return jdbc.sql("select status from orders where id = ?::uuid")
                .param(orderId)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    private void awaitRefundedAsSuperseded(String orderId) {
        await().atMost(Duration.ofSeconds(15))
                .until(() -> jdbc.sql("""
                                select count(*) from payment_refunds r join payments p on p.id = r.payment_id
                                where p.reference = ? and r.reason = 'superseded'""").param(orderId).query(Long.class).single() == 1);
    }

    @Test
    void aLatePaymentOfTheDraftSetAsideIsRefunded() {
        SetAside aside = setAside();

        shop.confirm(aside.phone(), aside.secret(), Shop.SUCCESS_CARD);
        awaitRefundedAsSuperseded(aside.own());
        assertThat(status(aside.own())).isEqualTo("draft");
    }

    @Test
    void theDraftSetAsideIsPurgedAfterItsRetentionAndALatePaymentOfItIsStillRefunded() {
        SetAside aside = setAside();
        Instant longAgo = Instant.now().minus(abandonedDrafts.retention()).minus(Duration.ofDays(1));
        for (String id : new String[] {aside.own(), aside.guests()}) {
            jdbc.sql("update orders set updated_at = ? where id = ?::uuid")
                    .params(Timestamp.from(longAgo), id)
                    .update();
        }

        assertThat(purges.run(abandonedDrafts)).isGreaterThanOrEqualTo(2);
        assertThat(status(aside.own())).as("purged").isNull();
        assertThat(status(aside.guests()))
                .as("awaiting a payment that never came: purged too")
                .isNull();

        shop.confirm(aside.phone(), aside.secret(), Shop.SUCCESS_CARD);
        awaitRefundedAsSuperseded(aside.own());
        shop.confirm(aside.laptop(), aside.guestsSecret(), Shop.SUCCESS_CARD);
        awaitRefundedAsSuperseded(aside.guests());
    }
}
