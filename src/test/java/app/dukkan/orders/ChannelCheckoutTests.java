package app.dukkan.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.dukkan.checkout.Address;
import app.dukkan.checkout.ChannelCarts;
import app.dukkan.platform.ProblemException;
import app.dukkan.platform.SignedTokens;
import app.dukkan.storefront.CartForms;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.PageClient;
import app.dukkan.testing.PageClient.Page;
import app.dukkan.testing.Shop;
import app.dukkan.testing.Shop.Variant;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A purchase from a chat: a channel cart, its draft, a payment link opened in a browser that knows
 * nothing of it (or one signed in with a cart of its own), the test provider's card, and the order
 * found by phone; links that do not work; stock gone before the payment; returns asked by phone.
 */
@DukkanTest
class ChannelCheckoutTests {

    static final String PHONE = "0049 30 1234567";
    static final String SUCCESS = "4242 4242 4242 4242";
    static final Queue<OrderPaid> PAID = new ConcurrentLinkedQueue<>();
    private static volatile boolean listening;

    @LocalServerPort
    int port;

    @Autowired
    ChannelCarts carts;

    @Autowired
    ChannelCheckouts checkouts;

    @Autowired
    PhoneOrders phoneOrders;

    @Autowired
    SignedTokens tokens;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ConfigurableApplicationContext context;

    Shop shop;

    @BeforeEach
    void setUp() {
        shop = new Shop(port);
        if (!listening) {
            listening = true;
            context.addApplicationListener((ApplicationListener<PayloadApplicationEvent<?>>) event -> {
                if (event.getPayload() instanceof OrderPaid paid) {
                    PAID.add(paid);
                }
            });
        }
    }

    static Address address(String phone) {
        return new Address("Ada Lovelace", "Hauptstraße 1", null, "Berlin", "10115", "DE", phone);
    }

    static void refused(ThrowingCallable call, int status, String type, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status().value()).as(e.getMessage()).isEqualTo(status);
            assertThat(e.type()).isEqualTo(type);
            if (field != null) {
                assertThat(e.errors()).anySatisfy(f -> assertThat(f.field()).isEqualTo(field));
            }
        });
    }

    record Chat(UUID cart, CheckoutDraft draft) {}

    /** A chat's cart with the variant, and its draft with the customer's email and phone. */
    private Chat chat(Variant variant, int quantity, String email) {
        UUID cart = carts.create();
        carts.add(cart, UUID.fromString(variant.id()), quantity);
        return new Chat(cart, checkouts.start(cart, new DraftDetails(address(PHONE), email, null, null)));
    }

    /** The link's path on this shop (the link itself names the configured public address). */
    private String path(PaymentLink link) {
        assertThat(link.url().toString()).startsWith("http://localhost:8080/");
        return link.url().getRawPath();
    }

    /** Opens the link, goes from its review to the payment page and pays with the card: the result page. */
    private Page pay(PageClient browser, PaymentLink link) {
        Page opened = browser.get(path(link));
        assertThat(opened.location()).isEqualTo("/checkout/review");
        assertThat(opened.response().headers().allValues("Set-Cookie"))
                .anySatisfy(cookie -> assertThat(cookie)
                        .startsWith("DUKKAN_PAYMENT_GRANT=")
                        .contains("Path=/checkout;")
                        .contains("HttpOnly")
                        .contains("SameSite=Lax"));
        Page review = browser.follow(opened).expectStatus(200);
        Page started = browser.submit(review, "form.checkout-actions", Map.of());
        assertThat(started.location()).isEqualTo("/checkout/payment");
        Page payment = browser.follow(started).expectStatus(200);
        Page paid =
                browser.submit(payment, "#card-form", Map.of("card_number", SUCCESS, "expiry", "12/40", "cvc", "123"));
        return browser.follow(paid).expectStatus(200);
    }

    @Test
    void aChatsCustomerPaysThroughTheLinkInAFreshBrowser() {
        Variant mug = shop.product("12.50", 5);
        String email = CatalogFixtures.unique("chat-") + "@example.com";
        Chat chat = chat(mug, 2, email);
        assertThat(chat.draft().address().phone()).as("stored as E.164").isEqualTo("+49301234567");
        assertThat(chat.draft().step()).isEqualTo(CheckoutStep.SHIPPING);
        assertThat(checkouts.find(chat.draft().id(), chat.cart()).lines()).hasSize(1);

        PaymentLink link = checkouts.paymentLink(chat.draft().id(), chat.cart(), Locale.ENGLISH);
        assertThat(link.url().toString()).startsWith("http://localhost:8080/checkout/link/");
        assertThat(link.expiresAt())
                .isBetween(Instant.now().plusSeconds(23 * 3600), Instant.now().plusSeconds(24 * 3600));
        assertThat(checkouts.find(chat.draft().id(), chat.cart()).step())
                .as("the shipping choice is settled")
                .isEqualTo(CheckoutStep.REVIEW);

        PageClient browser = new PageClient(port);
        browser.get(path(link));
        assertThat(browser.get("/checkout").location())
                .as("the link's draft is this browser's checkout, though its own cart is empty")
                .isEqualTo("/checkout/review");
        Page result = pay(browser, link);
        assertThat(result.one("h1").text()).isEqualTo("Thank you for your order");
        CheckoutDraft paid = checkouts.find(chat.draft().id(), chat.cart());
        assertThat(paid.orderStatus()).isEqualTo(OrderStatus.PAID);
        String number = paid.number();
        assertThat(result.one(".payment-result .lead").text()).isEqualTo("Your order number is " + number + ".");
        assertThat(PAID).anySatisfy(event -> {
            assertThat(event.orderId()).isEqualTo(chat.draft().id());
            assertThat(event.number()).isEqualTo(number);
            assertThat(event.email()).isEqualTo(email);
        });
        assertThat(carts.view(chat.cart()).lines())
                .as("the paid units left the chat's cart")
                .isEmpty();
        assertThat(shop.available(mug)).isEqualTo(3);

        assertThat(phoneOrders.find(number, "+49 30 1234567")).hasValueSatisfying(order -> {
            assertThat(order.status()).isEqualTo(OrderStatus.PAID);
            assertThat(order.lines())
                    .singleElement()
                    .satisfies(line -> assertThat(line.quantity()).isEqualTo(2));
        });
        assertThat(phoneOrders.find(number, "+49 30 7654321"))
                .as("another phone")
                .isEmpty();
        assertThat(phoneOrders.find("DK-999999999", PHONE)).isEmpty();
        assertThat(phoneOrders.recent("+49301234567", 50))
                .anySatisfy(row -> assertThat(row.number()).isEqualTo(number));
        refused(() -> phoneOrders.recent("call me", 5), 400, "validation", "phone");
        refused(() -> phoneOrders.recent(PHONE, 0), 400, "validation", "limit");

        Page again = new PageClient(port).get(path(link));
        assertThat(again.location())
                .as("a paid draft's link shows its result")
                .isEqualTo("/checkout/result/" + chat.draft().id());
    }

    @Test
    void aSignedInShopperWithACartPaysTheLinksDraftAndKeepsTheirOwn() {
        Variant mug = shop.product("10.00", 5);
        Variant own = shop.product("4.00", 5);
        Chat chat = chat(mug, 1, CatalogFixtures.unique("chat-") + "@example.com");
        PaymentLink link = checkouts.paymentLink(chat.draft().id(), chat.cart(), Locale.ENGLISH);

        String email = CatalogFixtures.unique("web-") + "@example.com";
        new ApiClient(port).register(email, "correct horse 42");
        PageClient browser = PageClient.signedIn(port, email, "correct horse 42");
        CartForms.add(browser, own.id(), 3).expectStatus(302);
        Page ownAddress = browser.follow(browser.get("/checkout")).expectStatus(200);
        browser.submit(
                ownAddress,
                "form.checkout-form",
                Map.of(
                        "name",
                        "Grace Hopper",
                        "line1",
                        "Main St 1",
                        "line2",
                        "",
                        "postal_code",
                        "10115",
                        "city",
                        "Berlin",
                        "country",
                        "DE",
                        "phone",
                        ""));
        UUID ownDraft = jdbc.sql("select id from orders where email = ? and status = 'draft'")
                .param(email)
                .query(UUID.class)
                .single();

        browser.get(path(link));
        Page chatAddress = browser.get("/checkout/address").expectStatus(200);
        assertThat(chatAddress.one("#name").attr("value")).isEqualTo("Ada Lovelace");
        Page moved = browser.submit(chatAddress, "form.checkout-form", Map.of("city", "Potsdam"));
        assertThat(moved.location()).isEqualTo("/checkout/shipping");
        CheckoutDraft changed = checkouts.find(chat.draft().id(), chat.cart());
        assertThat(changed.address().city())
                .as("the address step changes the granted draft")
                .isEqualTo("Potsdam");
        assertThat(changed.address().phone()).isEqualTo("+49301234567");
        assertThat(jdbc.sql("select address ->> 'city' from orders where id = ?")
                        .param(ownDraft)
                        .query(String.class)
                        .single())
                .isEqualTo("Berlin");

        Page result = pay(browser, link);
        assertThat(result.one("h1").text()).isEqualTo("Thank you for your order");
        assertThat(checkouts.find(chat.draft().id(), chat.cart()).orderStatus()).isEqualTo(OrderStatus.PAID);
        assertThat(result.one("#cart-count").text())
                .as("the shopper's own cart")
                .isEqualTo("3");
        assertThat(jdbc.sql("select status from orders where id = ?")
                        .param(ownDraft)
                        .query(String.class)
                        .single())
                .as("the shopper's own draft")
                .isEqualTo("draft");
        assertThat(jdbc.sql("select customer_id from orders where id = ?")
                        .param(chat.draft().id())
                        .query(UUID.class)
                        .optional())
                .as("the chat's order stays a guest's")
                .isEmpty();
        assertThat(browser.get("/checkout").location())
                .as("after paying, the checkout is the shopper's own again")
                .isEqualTo("/checkout/shipping");
        assertThat(browser.get("/checkout/shipping")
                        .expectStatus(200)
                        .one("input[name=draft_id]")
                        .attr("value"))
                .isEqualTo(ownDraft.toString());
    }

    @Test
    void aLinkInGermanOpensTheGermanPagesAndItsGrantOutlivesASwitchOfLanguage() {
        Variant mug = shop.product("10.00", 5);
        Chat chat = chat(mug, 1, CatalogFixtures.unique("chat-") + "@example.com");
        assertThat(language(chat))
                .as("a chat's draft has no language before its link")
                .isEmpty();
        PaymentLink link = checkouts.paymentLink(chat.draft().id(), chat.cart(), Locale.GERMAN);
        assertThat(link.url().toString()).startsWith("http://localhost:8080/de/checkout/link/");
        assertThat(language(chat))
                .as("the guest's order mails speak the chat's language")
                .isEqualTo("de");

        PageClient browser = new PageClient(port);
        Page opened = browser.get(path(link));
        assertThat(opened.location()).isEqualTo("/de/checkout/review");
        List<String> grants = opened.response().headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith("DUKKAN_PAYMENT_GRANT="))
                .toList();
        assertThat(grants)
                .as("one cookie per language's checkout pages, none for the rest of the shop")
                .hasSize(3)
                .allSatisfy(cookie -> assertThat(cookie).contains("HttpOnly", "SameSite=Lax"))
                .anySatisfy(cookie -> assertThat(cookie).contains("Path=/checkout;"))
                .anySatisfy(cookie -> assertThat(cookie).contains("Path=/de/checkout;"))
                .anySatisfy(cookie -> assertThat(cookie).contains("Path=/ar/checkout;"));
        Page review = browser.follow(opened).expectStatus(200);
        assertThat(review.one("h1").text()).isEqualTo("Bestellung prüfen");
        assertThat(review.html().select("input[name=draft_id]").eachAttr("value"))
                .isNotEmpty()
                .containsOnly(chat.draft().id().toString());
        for (String switched : List.of("/checkout/review", "/ar/checkout/review")) {
            assertThat(browser.get(switched)
                            .expectStatus(200)
                            .html()
                            .select("input[name=draft_id]")
                            .eachAttr("value"))
                    .as("the grant after switching to %s", switched)
                    .isNotEmpty()
                    .containsOnly(chat.draft().id().toString());
        }
    }

    @Test
    void aLinkThatIsNotTheShopsOrHasExpiredGrantsNothing() {
        Variant mug = shop.product("10.00", 5);
        Chat chat = chat(mug, 1, CatalogFixtures.unique("chat-") + "@example.com");
        String path = path(checkouts.paymentLink(chat.draft().id(), chat.cart(), Locale.ENGLISH));
        String tampered = path.substring(0, path.length() - 1) + (path.endsWith("A") ? "B" : "A");
        String otherDraft =
                path.replace(chat.draft().id().toString(), UUID.randomUUID().toString());

        for (String bad :
                List.of(tampered, otherDraft, "/checkout/link/nonsense", "/checkout/link/" + "x".repeat(300))) {
            PageClient browser = new PageClient(port);
            Page page = browser.get(bad).expectStatus(404);
            assertThat(page.one("h1").text()).isEqualTo("This payment link does not work");
            assertThat(browser.cookie("DUKKAN_PAYMENT_GRANT")).isNull();
            assertThat(browser.get("/checkout/review").location()).isEqualTo("/checkout");
        }

        String expired = tokens.sign(
                "payment-link", chat.draft().id().toString(), Instant.now().minusSeconds(1));
        PageClient browser = new PageClient(port);
        Page page = browser.get("/de/checkout/link/" + expired).expectStatus(410);
        assertThat(page.one("h1").text()).isEqualTo("Dieser Zahlungslink ist abgelaufen");
        assertThat(page.one("html").attr("lang")).isEqualTo("de");
        assertThat(browser.cookie("DUKKAN_PAYMENT_GRANT")).isNull();
        Page arabic = browser.get("/ar/checkout/link/" + expired).expectStatus(410);
        assertThat(arabic.one("html").attr("dir")).isEqualTo("rtl");
        assertThat(arabic.one("h1").text()).isEqualTo("انتهت صلاحية رابط الدفع هذا");

        String grantAsLink = tokens.sign(
                "payment-grant", chat.draft().id().toString(), Instant.now().plusSeconds(600));
        new PageClient(port).get("/checkout/link/" + grantAsLink).expectStatus(404);
    }

    @Test
    void stockGoneBeforeThePaymentIsShownAndNothingIsHeld() {
        Variant mug = shop.product("10.00", 3);
        Chat chat = chat(mug, 3, CatalogFixtures.unique("chat-") + "@example.com");
        PaymentLink link = checkouts.paymentLink(chat.draft().id(), chat.cart(), Locale.ENGLISH);

        PageClient browser = new PageClient(port);
        Page review = browser.follow(browser.get(path(link))).expectStatus(200);

        shop.buy(shop.customer(), mug, 2, null);

        Page refused = browser.submit(review, "form.checkout-actions", Map.of()).expectStatus(409);
        assertThat(refused.one(".notice.error").text()).startsWith("Some items are no longer in stock");
        assertThat(refused.one(".changes li").text()).matches("Only 1 of Thing \\w+ is left; you asked for 3\\.");
        assertThat(shop.available(mug)).as("nothing held").isEqualTo(1);
        assertThat(checkouts.find(chat.draft().id(), chat.cart()).orderStatus()).isEqualTo(OrderStatus.DRAFT);

        PageClient another = new PageClient(port);
        Page opened = another.follow(another.get(path(link))).expectStatus(200);
        assertThat(opened.one(".changes li").text())
                .as("a link opened after the stock ran out says so before any payment")
                .matches("Only 1 of Thing \\w+ is left; you asked for 3\\.");
        assertThat(opened.html().select("form.checkout-actions"))
                .as("no way to pay")
                .isEmpty();
    }

    @Test
    void draftsOfAChatNeedAnEmailAPhoneAndTheirOwnCart() {
        Variant mug = shop.product("10.00", 5);
        UUID cart = carts.create();
        carts.add(cart, UUID.fromString(mug.id()), 1);
        refused(
                () -> checkouts.start(cart, new DraftDetails(address(PHONE), null, null, null)),
                400,
                "validation",
                "email");
        refused(
                () -> checkouts.start(cart, new DraftDetails(address(null), "a@example.com", null, null)),
                400,
                "validation",
                "address.phone");
        refused(
                () -> checkouts.start(cart, new DraftDetails(address("123"), "a@example.com", null, null)),
                400,
                "validation",
                "address.phone");
        refused(
                () -> checkouts.start(
                        cart,
                        new DraftDetails(
                                new Address("Ada", "x", null, "Berlin", "1", "de", PHONE), "not-an-email", null, null)),
                400,
                "validation",
                "address.postal_code");
        refused(
                () -> checkouts.start(carts.create(), new DraftDetails(address(PHONE), "a@example.com", null, null)),
                409,
                "cart-empty",
                null);
        String webCart = shop.addToCart(shop.guest(), mug, 1).get("id").asString();
        refused(
                () -> checkouts.start(
                        UUID.fromString(webCart), new DraftDetails(address(PHONE), "a@example.com", null, null)),
                404,
                "not-found",
                null);
        assertThat(jdbc.sql("select count(*) from orders where cart_id = ?")
                        .param(cart)
                        .query(Integer.class)
                        .single())
                .as("nothing was drafted")
                .isZero();

        CheckoutDraft draft = checkouts.start(cart, new DraftDetails(address(PHONE), "a@example.com", null, null));
        UUID other = carts.create();
        refused(() -> checkouts.find(draft.id(), other), 404, "not-found", null);
        refused(() -> checkouts.paymentLink(draft.id(), other, Locale.ENGLISH), 404, "not-found", null);
        refused(() -> checkouts.change(draft.id(), other, DraftChange.shipping("express")), 404, "not-found", null);
        CheckoutDraft express = checkouts.change(draft.id(), cart, DraftChange.shipping("express"));
        assertThat(express.shippingOption()).isEqualTo("express");
        CheckoutDraft moved = checkouts.change(
                draft.id(), cart, new DraftChange(address("+49 (170) 555-0101"), null, null, null, null));
        assertThat(moved.address().phone()).isEqualTo("+491705550101");
    }

    @Test
    void aReturnAskedByPhoneTakesEveryUnitOnceTheOrderIsShipped() {
        Variant mug = shop.product("10.00", 5);
        Chat chat = chat(mug, 2, CatalogFixtures.unique("chat-") + "@example.com");
        pay(new PageClient(port), checkouts.paymentLink(chat.draft().id(), chat.cart(), Locale.ENGLISH));
        String number = checkouts.find(chat.draft().id(), chat.cart()).number();

        refused(() -> phoneOrders.requestReturn(number, PHONE, "too small"), 409, "return-not-possible", null);
        shop.admin()
                .post("/api/v1/admin/orders/" + number + "/fulfil", Map.of())
                .expectStatus(200);

        refused(() -> phoneOrders.requestReturn(number, "+49 30 7654321", "too small"), 404, "not-found", null);
        refused(() -> phoneOrders.requestReturn("DK-999999999", PHONE, "too small"), 404, "not-found", null);
        refused(() -> phoneOrders.requestReturn(number, PHONE, "  "), 400, "validation", "reason");

        List<CustomerOrders.Return> asked = phoneOrders.requestReturn(number, "+49301234567", "too small");
        assertThat(asked).singleElement().satisfies(r -> {
            assertThat(r.quantity()).isEqualTo(2);
            assertThat(r.status()).isEqualTo("requested");
            assertThat(r.reason()).isEqualTo("too small");
        });
        refused(() -> phoneOrders.requestReturn(number, PHONE, "again"), 409, "return-not-possible", null);
        assertThat(phoneOrders.find(number, PHONE)).hasValueSatisfying(order -> {
            assertThat(order.returns()).hasSize(1);
            assertThat(order.returnable()).isFalse();
        });
    }

    private String language(Chat chat) {
        return jdbc.sql("select coalesce(language, '') from orders where id = ?")
                .param(chat.draft().id())
                .query(String.class)
                .single();
    }
}
