package app.dukkan.storefront.checkout;

import static app.dukkan.storefront.CartForms.HTMX;
import static app.dukkan.storefront.CartForms.add;
import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.storefront.CartForms;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.PageClient;
import app.dukkan.testing.PageClient.Page;
import app.dukkan.testing.Shop;
import app.dukkan.testing.Shop.Variant;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The checkout wizard over HTTP as a browser without JavaScript uses it (htmx where noted): every
 * step, its refusals, and what a stale, foreign or replayed form does (nothing).
 */
@DukkanTest
public class CheckoutPagesTests {

    static final String SUCCESS = "4242 4242 4242 4242";
    static final String DECLINED = "4000 0000 0000 0002";
    static final String THREE_D_SECURE = "4000 0027 6000 3184";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Shop shop;

    @BeforeEach
    void setUp() {
        shop = new Shop(port);
    }

    /** The address step's fields, filled in for Germany. */
    public static Map<String, String> address(String email) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("email", email);
        fields.put("name", "Ada Lovelace");
        fields.put("line1", "Hauptstraße 1");
        fields.put("line2", "");
        fields.put("postal_code", "10115");
        fields.put("city", "Berlin");
        fields.put("country", "DE");
        fields.put("phone", "+49 30 1234567");
        return fields;
    }

    static Map<String, String> card(String number) {
        return Map.of("card_number", number, "expiry", "12/40", "cvc", "123");
    }

    /** A guest with the variant in the cart, through address and shipping: the review page. */
    private Page review(PageClient shopper, Variant variant, int quantity) {
        add(shopper, variant.id(), quantity).expectStatus(302);
        Page address = shopper.follow(shopper.get("/checkout")).expectStatus(200);
        Page shipping = shopper.follow(shopper.submit(address, "form.checkout-form", address("ada@example.com")));
        assertThat(shipping.one("h1").text()).isEqualTo("How should we ship?");
        Page review = shopper.follow(shopper.submit(shipping, "form.checkout-form", Map.of()));
        assertThat(review.one("h1").text()).isEqualTo("Review your order");
        return review;
    }

    private Page payment(PageClient shopper, Page review) {
        Page started = shopper.submit(review, "form.checkout-actions", Map.of());
        assertThat(started.location()).isEqualTo("/checkout/payment");
        return shopper.follow(started).expectStatus(200);
    }

    private static String draftId(Page page) {
        return page.html().select("input[name=draft_id]").first().attr("value");
    }

    private int payments(String draftId) {
        return jdbc.sql("select count(*) from payments where reference = ?")
                .param(draftId)
                .query(Integer.class)
                .single();
    }

    @Test
    void aGuestBuysWithoutJavaScriptStepByStep() {
        Variant mug = shop.product("12.50", 5);
        PageClient shopper = new PageClient(port);
        Page review = review(shopper, mug, 2);

        assertThat(review.one("[aria-current=step]").text()).isEqualTo("Review");
        assertThat(review.html().select(".steps a").eachText()).containsExactly("Address", "Shipping");
        assertThat(review.one("#review-body .address").text())
                .contains("Ada Lovelace")
                .contains("Germany");
        assertThat(review.one("#review-body .totals .total").text()).contains("€29.90");

        Page payment = payment(shopper, review);
        assertThat(payment.one("[aria-current=step]").text()).isEqualTo("Payment");
        assertThat(payment.one("label[for=card_number]").text()).isEqualTo("Card number");
        assertThat(payment.one("#card_number").attr("autocomplete")).isEqualTo("cc-number");
        assertThat(shop.available(mug)).as("held for the payment").isEqualTo(3);
        String policy = payment.header("Content-Security-Policy");
        assertThat(policy)
                .contains("script-src 'self';")
                .doesNotContain("stripe")
                .doesNotContain("unsafe-inline");
        assertThat(payment.html().select("script[src*=stripe]")).isEmpty();

        Page paid = shopper.submit(payment, "#card-form", card(SUCCESS));
        String id = draftId(payment);
        assertThat(paid.location()).isEqualTo("/checkout/result/" + id);
        Page result = shopper.follow(paid).expectStatus(200);
        assertThat(result.one("h1").text()).isEqualTo("Thank you for your order");
        assertThat(result.one(".payment-result .lead").text()).matches("Your order number is DK-\\d+\\.");
        assertThat(result.one("#cart-count").text())
                .as("the paid units left the cart")
                .isEqualTo("0");
        assertThat(result.one(".payment-result").hasAttr("hx-get")).isFalse();
        assertThat(shop.available(mug)).isEqualTo(3);
    }

    @Test
    void theReviewAndItsPayButtonTakeOverACartEditedMeanwhile() {
        Variant mug = shop.product(CatalogFixtures.unique("Mug "), "10.00", 5);
        Variant cup = shop.product(CatalogFixtures.unique("Cup "), "7.00", 5);
        PageClient shopper = new PageClient(port);
        Page review = review(shopper, mug, 1);

        // another window: the mug out, a cup in
        Page cart = shopper.get("/cart");
        shopper.submit(cart, ".cart-line form[action$=/remove]", Map.of());
        add(shopper, cup.id(), 1);
        Page refused = shopper.submit(review, "form.checkout-actions", Map.of());
        assertThat(refused.location()).as("nothing paid for the mug").isEqualTo("/checkout/review?notice=changed");
        Page changed = shopper.follow(refused).expectStatus(200);
        assertThat(changed.html().select(".notice").text()).contains("check it again");
        assertThat(changed.one(".review-lines").text()).contains("Cup").doesNotContain("Mug");
        assertThat(shop.available(mug)).isEqualTo(5);

        add(shopper, mug.id(), 2);
        Page again = shopper.get("/checkout/review").expectStatus(200);
        assertThat(again.one(".review-lines").text()).contains("Cup", "Mug");
        assertThat(again.html().select("#review-body .changes")).isEmpty();
        assertThat(again.one("#review-body .totals .total").text()).contains("€31.90");
        payment(shopper, again);
        assertThat(shop.available(mug)).isEqualTo(3);
    }

    @Test
    void thePaymentPageTakesOverACartEditedMeanwhile() {
        Variant mug = shop.product(CatalogFixtures.unique("Mug "), "10.00", 5);
        Variant cup = shop.product(CatalogFixtures.unique("Cup "), "7.00", 5);
        PageClient shopper = new PageClient(port);
        payment(shopper, review(shopper, mug, 1));
        assertThat(shop.available(mug)).as("held for the payment").isEqualTo(4);

        // another window: the mug out, a cup in, then the payment page opened again
        Page cart = shopper.get("/cart");
        shopper.submit(cart, ".cart-line form[action$=/remove]", Map.of());
        add(shopper, cup.id(), 1);
        Page again = shopper.get("/checkout/payment");
        assertThat(again.location()).as("no card form for the mug").isEqualTo("/checkout/review?notice=changed");
        Page changed = shopper.follow(again).expectStatus(200);
        assertThat(changed.html().select(".notice").text()).contains("check it again");
        assertThat(changed.one(".review-lines").text()).contains("Cup").doesNotContain("Mug");
        assertThat(shop.available(mug)).as("its hold given back").isEqualTo(5);
        payment(shopper, changed);
        assertThat(shop.available(cup)).isEqualTo(4);
    }

    @Test
    void theCartCountsWhatTheShoppersOwnPaymentHoldsAsTheirs() {
        Variant mug = shop.product("10.00", 1);
        PageClient shopper = new PageClient(port);
        payment(shopper, review(shopper, mug, 1));
        assertThat(shop.available(mug)).as("held for the payment").isZero();

        Page cart = shopper.get("/cart").expectStatus(200);
        assertThat(cart.html().select(".cart-line .line-warning")).isEmpty();
        assertThat(cart.one(".cart-line-total").text()).isEqualTo("€10.00");
        assertThat(cart.one(".totals .total").text()).contains("€14.90");
        assertThat(cart.one(".cart-actions a.primary").attr("href")).isEqualTo("/checkout");
        assertThat(cart.one("form.cart-quantity input[name=quantity]").attr("max"))
                .isEqualTo("1");
        Page tooMany = shopper.submit(cart, "form.cart-quantity", Map.of("quantity", "2"))
                .expectStatus(422);
        assertThat(tooMany.one("form.cart-quantity .error").text()).isEqualTo("Only 1 is left in stock.");
        Page added = CartForms.add(shopper, mug.id(), 1).expectStatus(422);
        assertThat(added.one(".notice.error").text())
                .isEqualTo("You have 1 in your cart already; no more are left in stock.");

        JsonNode line = JsonMapper.builder()
                .build()
                .readTree(shopper.get("/api/v1/cart", Map.of("Accept", "application/json"))
                        .expectStatus(200)
                        .body())
                .get("lines")
                .get(0);
        assertThat(line.get("status").asString()).isEqualTo("ok");
        assertThat(line.get("available").asInt()).isEqualTo(1);
        assertThat(shop.guest()
                        .post("/api/v1/cart", Map.of("variant_id", mug.id(), "quantity", 1))
                        .status())
                .as("others still find it held")
                .isEqualTo(409);
    }

    @Test
    void aGuestWhoSignsInOnThePaymentPagePaysTheSameDraftThere() {
        Variant mug = shop.product("10.00", 1);
        String email = "signs-in-" + UUID.randomUUID() + "@example.com";
        new ApiClient(port).register(email, "correct horse 42");
        PageClient shopper = new PageClient(port);
        Page payment = payment(shopper, review(shopper, mug, 1));
        String id = draftId(payment);

        shopper.submit(
                shopper.get("/login"), "form[action$=/login]", Map.of("email", email, "password", "correct horse 42"));
        Page again = shopper.get("/checkout/payment").expectStatus(200);
        assertThat(draftId(again)).as("the guest's draft").isEqualTo(id);
        Page paid = shopper.submit(again, "#card-form", card(SUCCESS));
        assertThat(paid.location()).isEqualTo("/checkout/result/" + id);
        Page result = shopper.follow(paid).expectStatus(200);
        assertThat(result.one("h1").text()).isEqualTo("Thank you for your order");
        assertThat(result.one("#cart-count").text())
                .as("the paid unit left the account's cart")
                .isEqualTo("0");
        assertThat(shop.available(mug)).isZero();
    }

    @Test
    void theAddressStepStatesTheProcessingWithTheNoticeAndRecordsTheGuestsConsentWithTheDraft() {
        Variant mug = shop.product("12.50", 5);
        PageClient shopper = new PageClient(port);
        add(shopper, mug.id(), 1);
        Page address = shopper.follow(shopper.get("/checkout")).expectStatus(200);
        assertThat(address.html().select("form.checkout-form .checkout-privacy a[href=/privacy]"))
                .hasSize(1);
        String email = "consent-" + UUID.randomUUID() + "@Example.com";

        Map<String, String> refused = address(email);
        refused.put("name", "");
        shopper.submit(address, "form.checkout-form", refused).expectStatus(422);
        assertThat(consents(email)).as("no draft, no consent").isEmpty();

        shopper.follow(shopper.submit(address, "form.checkout-form", address(email)))
                .expectStatus(200);
        shopper.follow(shopper.submit(shopper.get("/checkout/address"), "form.checkout-form", address(email)));
        assertThat(consents(email)).as("once per draft and email").containsExactly("processing:true:web");
    }

    private java.util.List<String> consents(String email) {
        return jdbc.sql("select purpose || ':' || granted || ':' || channel from consents where email = ?")
                .param(email.toLowerCase(java.util.Locale.ROOT))
                .query(String.class)
                .list();
    }

    @Test
    void stepsNotReachedYetSendTheShopperToTheRightOne() {
        PageClient shopper = new PageClient(port);
        assertThat(shopper.get("/checkout").location()).as("empty cart").isEqualTo("/cart");
        assertThat(shopper.get("/checkout/review").location()).isEqualTo("/checkout");
        assertThat(shopper.get("/checkout/address").location()).isEqualTo("/cart");

        Variant mug = shop.product("10.00", 5);
        add(shopper, mug.id(), 1);
        assertThat(shopper.get("/checkout").location()).isEqualTo("/checkout/address");
        Page address = shopper.get("/checkout/address");
        assertThat(address.html().select(".steps a")).isEmpty();
        shopper.submit(address, "form.checkout-form", address("ada@example.com"));

        assertThat(shopper.get("/checkout/review").location()).isEqualTo("/checkout");
        assertThat(shopper.get("/checkout/payment").location()).isEqualTo("/checkout");
        assertThat(shopper.get("/checkout").location())
                .as("a refresh resumes at the step reached")
                .isEqualTo("/checkout/shipping");
    }

    @Test
    void aSecondTabResumesWhereTheFirstIs() {
        Variant mug = shop.product("10.00", 5);
        PageClient shopper = new PageClient(port);
        Page review = review(shopper, mug, 1);
        assertThat(shopper.get("/checkout").location()).isEqualTo("/checkout/review");
        payment(shopper, review);
        assertThat(shopper.get("/checkout").location()).isEqualTo("/checkout/payment");
        assertThat(shopper.get("/checkout/review").status())
                .as("edit links stay open")
                .isEqualTo(200);
    }

    @Test
    void aBadAddressComesBackWithFieldErrorsAndWhatWasTyped() {
        Variant mug = shop.product("10.00", 5);
        PageClient shopper = new PageClient(port);
        add(shopper, mug.id(), 1);
        Page form = shopper.get("/checkout/address");

        Map<String, String> fields = address("not-an-email");
        fields.put("name", "  ");
        fields.put("postal_code", "1");
        fields.put("country", "XX");
        fields.put("phone", "call me");
        Page refused = shopper.submit(form, "form.checkout-form", fields).expectStatus(422);

        assertThat(refused.one(".notice.error").text()).isEqualTo("Please check the fields marked below.");
        for (String field : new String[] {"email", "name", "postal_code", "country", "phone"}) {
            Element input = refused.one("#" + field);
            assertThat(input.attr("aria-invalid")).as(field).isEqualTo("true");
            assertThat(refused.one("#" + input.attr("aria-describedby")).hasClass("error"))
                    .as(field)
                    .isTrue();
        }
        assertThat(refused.one("#email-error").text()).isEqualTo("Enter an email address like name@example.com.");
        assertThat(refused.one("#country-error").text()).isEqualTo("Choose a country from the list.");
        assertThat(refused.one("#email").attr("value")).isEqualTo("not-an-email");
        assertThat(refused.one("#line1").attr("value")).isEqualTo("Hauptstraße 1");
        assertThat(refused.one("#city").hasAttr("aria-invalid")).isFalse();
        assertThat(shopper.get("/checkout").location()).as("no draft was made").isEqualTo("/checkout/address");

        Map<String, String> noEmail = address("");
        Page guest = shopper.submit(form, "form.checkout-form", noEmail).expectStatus(422);
        assertThat(guest.one("#email-error").text()).isEqualTo("Enter your email address for the order confirmation.");
    }

    @Test
    void aSignedInCustomerIsNotAskedForAnEmail() {
        Variant mug = shop.product("10.00", 5);
        String email = "buyer-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        new ApiClient(port).register(email, "correct horse 42");
        PageClient shopper = CartForms.signIn(new PageClient(port), port, email, "correct horse 42");
        add(shopper, mug.id(), 1);
        Page form = shopper.get("/checkout/address");
        assertThat(form.html().select("#email")).isEmpty();
        assertThat(form.one("form.checkout-form .muted").text()).contains(email);
        Map<String, String> fields = address("");
        fields.remove("email");
        Page shipping = shopper.follow(shopper.submit(form, "form.checkout-form", fields));
        Page review =
                shopper.follow(shopper.submit(shipping, "form.checkout-form", Map.of("shipping_option", "express")));
        assertThat(review.one("#review-body").text())
                .contains("Order confirmation to " + email)
                .contains("Express");
        Page payment = payment(shopper, review);
        shopper.follow(shopper.submit(payment, "#card-form", card(SUCCESS)));
        ApiClient api = new ApiClient(port).login(email, "correct horse 42");
        assertThat(api.get("/api/v1/orders")
                        .expectStatus(200)
                        .json()
                        .get("items")
                        .size())
                .isEqualTo(1);
    }

    @Test
    void anUnknownCouponIsRefusedNextToItsFieldAndAKnownOneApplies() {
        Variant mug = shop.product("40.00", 5);
        String code = "SAVE" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        shop.admin()
                .post("/api/v1/admin/coupons", Map.of("code", code, "kind", "percent", "percent", 10))
                .expectStatus(201);
        PageClient shopper = new PageClient(port);
        Page review = review(shopper, mug, 1);

        Page unknown = shopper.submit(review, "form:has(#coupon_code)", Map.of("coupon_code", "NOPE-123"))
                .expectStatus(422);
        assertThat(unknown.one("#coupon_code").attr("aria-invalid")).isEqualTo("true");
        assertThat(unknown.one("#coupon_code").attr("value")).isEqualTo("NOPE-123");
        assertThat(unknown.one("#coupon_code-error").text()).isEqualTo("We do not know this coupon code.");

        Page applied = shopper.follow(shopper.submit(unknown, "form:has(#coupon_code)", Map.of("coupon_code", code)));
        assertThat(applied.one("#review-body .coupon").text()).contains("Coupon " + code + " applied.");
        assertThat(applied.one(".totals").text()).contains("Discount -€4.00").contains("Total €40.90");

        Page removed = shopper.submit(applied, "form:has(#remove-coupon)", Map.of(), HTMX)
                .expectStatus(200);
        assertThat(removed.body()).doesNotContain("<html");
        assertThat(removed.one("#review-body .notice.success").text()).isEqualTo("The coupon is removed.");
        assertThat(removed.one(".totals").text()).doesNotContain("Discount");
    }

    @Test
    void aChangedPriceMustBeAcceptedBeforePaying() {
        Variant mug = shop.product("10.00", 5);
        PageClient shopper = new PageClient(port);
        Page review = review(shopper, mug, 2);
        shop.reprice(mug, "12.00");

        Page changed = shopper.get("/checkout/review");
        assertThat(changed.one(".changes li").text())
                .matches("The price of Thing \\w+ changed from €10.00 to €12.00\\.");
        assertThat(changed.html().select("form.checkout-actions"))
                .as("no way to pay")
                .isEmpty();
        assertThat(changed.one("#review-body > p.notice.warning").text())
                .isEqualTo("Accept the changes above before you pay.");

        Page refused = shopper.submit(review, "form.checkout-actions", Map.of()).expectStatus(409);
        assertThat(refused.one(".notice.error").text()).startsWith("Your order changed since you reviewed it.");
        assertThat(payments(draftId(review))).isZero();

        Page accepted = shopper.follow(shopper.submit(changed, ".changes form", Map.of()));
        assertThat(accepted.html().select(".changes")).isEmpty();
        assertThat(accepted.one(".totals .total").text()).contains("€28.90");
        payment(shopper, accepted);
    }

    @Test
    void stockGoneBetweenReviewAndPaymentIsShownAndNothingIsHeld() {
        Variant mug = shop.product("10.00", 3);
        PageClient shopper = new PageClient(port);
        Page review = review(shopper, mug, 3);

        shop.buy(shop.customer(), mug, 2, null);

        Page refused = shopper.submit(review, "form.checkout-actions", Map.of()).expectStatus(409);
        assertThat(refused.one(".notice.error").text()).startsWith("Some items are no longer in stock");
        assertThat(refused.one(".changes li").text()).matches("Only 1 of Thing \\w+ is left; you asked for 3\\.");
        assertThat(shop.available(mug)).as("nothing held").isEqualTo(1);
        assertThat(payments(draftId(review))).isZero();

        Page accepted = shopper.follow(shopper.submit(refused, ".changes form", Map.of()));
        assertThat(accepted.one(".review-lines").text()).contains("1 × €10.00");
    }

    @Test
    void aForeignDraftIsNotFoundAndUnchanged() {
        Variant mug = shop.product("10.00", 5);
        PageClient owner = new PageClient(port);
        Page review = review(owner, mug, 1);
        String id = draftId(review);

        PageClient other = new PageClient(port);
        add(other, mug.id(), 1);
        Page othersForm = other.get("/checkout/address");
        String token = othersForm.one("input[name=_csrf]").attr("value");
        other.post("/checkout/shipping", Map.of("_csrf", token, "draft_id", id, "shipping_option", "express"))
                .expectStatus(404);
        other.post("/checkout/review/coupon", Map.of("_csrf", token, "draft_id", id, "coupon_code", ""))
                .expectStatus(404);
        other.post("/checkout/review", Map.of("_csrf", token, "draft_id", id, "revision", "1"))
                .expectStatus(404);
        other.post("/checkout/payment", Map.of("_csrf", token, "draft_id", id, "revision", "1"))
                .expectStatus(404);
        assertThat(other.get("/checkout/result/" + id).status()).isEqualTo(404);
        other.post("/checkout/shipping", Map.of("_csrf", token, "draft_id", "../etc", "shipping_option", "x"))
                .expectStatus(404);

        assertThat(payments(id)).isZero();
        assertThat(owner.get("/checkout/review")
                        .one("section[aria-labelledby=review-shipping] p")
                        .text())
                .contains("Standard");
    }

    @Test
    void aTamperedRevisionChangesNothingAndShowsTheDraftAgain() {
        Variant mug = shop.product("10.00", 5);
        PageClient shopper = new PageClient(port);
        Page review = review(shopper, mug, 1);

        Page tampered = shopper.submit(review, "form.checkout-actions", Map.of("revision", "999"));
        assertThat(tampered.location()).isEqualTo("/checkout/review?notice=changed");
        assertThat(shopper.follow(tampered).one(".notice.warning").text())
                .startsWith("Your order changed in the meantime");
        assertThat(payments(draftId(review))).isZero();
        assertThat(shop.available(mug)).isEqualTo(5);
    }

    @Test
    void aDoubleSubmittedPaymentFormPaysOnce() {
        Variant mug = shop.product("10.00", 5);
        PageClient shopper = new PageClient(port);
        Page payment = payment(shopper, review(shopper, mug, 1));
        String id = draftId(payment);

        Page first = shopper.submit(payment, "#card-form", card(SUCCESS));
        Page second = shopper.submit(payment, "#card-form", card(SUCCESS));
        assertThat(first.location()).isEqualTo("/checkout/result/" + id);
        assertThat(second.location()).isEqualTo("/checkout/result/" + id);
        assertThat(payments(id)).isEqualTo(1);
        assertThat(shopper.follow(second).one("h1").text()).isEqualTo("Thank you for your order");
        assertThat(shop.available(mug)).isEqualTo(4);
    }

    @Test
    void aDeclinedCardIsRetriedOnTheSamePaymentWhichPaysOnce() {
        Variant mug = shop.product("10.00", 5);
        PageClient shopper = new PageClient(port);
        Page payment = payment(shopper, review(shopper, mug, 1));
        String id = draftId(payment);

        Page declined = shopper.submit(payment, "#card-form", card(DECLINED));
        assertThat(declined.location()).isEqualTo("/checkout/result/" + id + "?declined=generic_decline");
        Page failure = shopper.follow(declined).expectStatus(200);
        assertThat(failure.one("h1").text()).isEqualTo("Your payment did not go through");
        assertThat(failure.one(".payment-result .lead").text()).isEqualTo("Your card was declined.");
        assertThat(shop.available(mug)).as("still held for another card").isEqualTo(4);

        Page again = shopper.follow(shopper.submit(failure, ".payment-result form", Map.of()));
        assertThat(again.one("h1").text()).isEqualTo("Payment");
        Page paid = shopper.follow(shopper.submit(again, "#card-form", card(SUCCESS)));
        assertThat(paid.one("h1").text()).isEqualTo("Thank you for your order");
        // the form of the first attempt, sent again, pays nothing more
        Page replayed = shopper.submit(payment, "#card-form", card(SUCCESS));
        assertThat(shopper.follow(replayed).one("h1").text()).isEqualTo("Thank you for your order");
        assertThat(payments(id)).as("one payment, tried twice").isEqualTo(1);
        assertThat(shop.available(mug)).isEqualTo(4);
    }

    @Test
    void threeDSecureIsConfirmedOnTheShopsOwnPage() {
        Variant mug = shop.product("10.00", 5);
        PageClient shopper = new PageClient(port);
        Page payment = payment(shopper, review(shopper, mug, 1));
        String id = draftId(payment);

        Page challenge = shopper.submit(payment, "#card-form", card(THREE_D_SECURE));
        assertThat(challenge.location()).isEqualTo("/checkout/payment/authenticate");
        Page bank = shopper.follow(challenge).expectStatus(200);
        assertThat(bank.one("h1").text()).isEqualTo("Confirm the payment with your bank");
        assertThat(shopper.get("/checkout/payment").location()).isEqualTo("/checkout/payment/authenticate");

        Page paid = shopper.submit(bank, ".authenticate form", Map.of("approve", "true"));
        assertThat(paid.location()).isEqualTo("/checkout/result/" + id);
        assertThat(shopper.follow(paid).one("h1").text()).isEqualTo("Thank you for your order");
    }

    @Test
    void aRefusedThreeDSecureStepFailsThePayment() {
        Variant mug = shop.product("10.00", 5);
        PageClient shopper = new PageClient(port);
        Page payment = payment(shopper, review(shopper, mug, 1));
        Page bank = shopper.follow(shopper.submit(payment, "#card-form", card(THREE_D_SECURE)));
        Page failed = shopper.follow(shopper.submit(bank, ".authenticate form", Map.of("approve", "false")));
        assertThat(failed.one(".payment-result .lead").text())
                .isEqualTo("The payment was not confirmed with your bank.");
    }

    @Test
    void aBadCardComesBackWithFieldErrorsAndWithoutItsSecurityCode() {
        Variant mug = shop.product("10.00", 5);
        PageClient shopper = new PageClient(port);
        Page payment = payment(shopper, review(shopper, mug, 1));

        Page refused = shopper.submit(
                        payment,
                        "#card-form",
                        Map.of("card_number", "4242 4242 4242 4241", "expiry", "01/20", "cvc", "12"))
                .expectStatus(422);
        assertThat(refused.one("#card_number-error").text()).isEqualTo("This is not a valid card number.");
        assertThat(refused.one("#expiry-error").text()).isEqualTo("This card has expired.");
        assertThat(refused.one("#cvc-error").text()).isEqualTo("Enter the 3 or 4 digits of the security code.");
        assertThat(refused.one("#card_number").attr("value")).isEqualTo("4242 4242 4242 4241");
        assertThat(refused.one("#cvc").attr("value")).isEmpty();
        assertThat(payments(draftId(payment))).as("the started payment only").isEqualTo(1);
    }

    @Test
    void theResultPageAnswersHtmxWithItsStatusAndTheCartCount() {
        Variant mug = shop.product("10.00", 5);
        PageClient shopper = new PageClient(port);
        Page payment = payment(shopper, review(shopper, mug, 1));
        String id = draftId(payment);

        Page waiting = shopper.get("/checkout/result/" + id);
        assertThat(waiting.one("h1").text()).isEqualTo("We are confirming your payment");
        assertThat(waiting.one("#payment-result").attr("hx-get")).isEqualTo("/checkout/result/" + id);
        assertThat(waiting.one("#payment-result").attr("hx-trigger")).isEqualTo("load delay:2s");
        assertThat(waiting.one("#payment-result a.button").attr("href")).isEqualTo("/checkout/result/" + id);

        shopper.submit(payment, "#card-form", card(SUCCESS));
        Page status = shopper.get("/checkout/result/" + id, HTMX).expectStatus(200);
        assertThat(status.body()).doesNotContain("<html");
        assertThat(status.one("#payment-result h1").text()).isEqualTo("Thank you for your order");
        assertThat(status.one("#payment-result").hasAttr("hx-trigger")).isFalse();
        assertThat(status.one("#cart-count").attr("hx-swap-oob")).isEqualTo("true");
    }

    @Test
    void hostileInputGetsAPageNeverAnError() {
        Variant mug = shop.product("10.00", 5);
        PageClient shopper = new PageClient(port);
        Page payment = payment(shopper, review(shopper, mug, 1));
        String id = draftId(payment);
        String token = payment.one("input[name=_csrf]").attr("value");
        String huge = "x".repeat(100_000);
        java.util.List<java.util.Map.Entry<String, Map<String, String>>> forms = java.util.List.of(
                Map.entry("/checkout/address", Map.of("name", "nul\u0000", "email", "a@example.com")),
                Map.entry("/checkout/address", Map.of("name", huge, "line1", huge, "email", huge + "@example.com")),
                Map.entry("/checkout/shipping", Map.of("draft_id", id, "shipping_option", huge)),
                Map.entry("/checkout/review/coupon", Map.of("draft_id", id, "coupon_code", huge)),
                Map.entry("/checkout/review/coupon", Map.of("draft_id", id, "coupon_code", "bell\u0007")),
                Map.entry("/checkout/review", Map.of("draft_id", id, "revision", huge)),
                Map.entry("/checkout/payment", Map.of("draft_id", id, "revision", "2", "card_number", huge)),
                Map.entry("/checkout/payment", Map.of("draft_id", huge, "card_number", "4242")),
                Map.entry("/cart/items", Map.of("variant_id", huge, "quantity", huge)));
        for (Map.Entry<String, Map<String, String>> form : forms) {
            Map<String, String> fields = new java.util.HashMap<>(form.getValue());
            fields.put("_csrf", token);
            Page answer = shopper.post(form.getKey(), fields);
            assertThat(answer.status())
                    .as(form.getKey() + " " + form.getValue().keySet())
                    .isBetween(300, 499);
            if (answer.status() >= 400) {
                assertThat(answer.header("Content-Type")).startsWith("text/html");
            }
        }
        assertThat(payments(id)).isEqualTo(1);
        assertThat(shopper.get("/checkout/payment").status()).isEqualTo(200);
    }

    @Test
    void theWizardSpeaksTheLanguageOfItsUrl() {
        Variant mug = shop.product("1234.50", 5);
        PageClient shopper = new PageClient(port);
        add(shopper, mug.id(), 1);
        Page german = shopper.follow(shopper.get("/de/checkout"));
        assertThat(german.response().uri().getPath()).isEqualTo("/de/checkout/address");
        assertThat(german.one("h1").text()).isEqualTo("Wohin sollen wir liefern?");
        assertThat(german.one("form.checkout-form").attr("action")).isEqualTo("/de/checkout/address");
        assertThat(german.one("#country option[value=DE]").text()).isEqualTo("Deutschland");
        Page shipping = shopper.follow(shopper.submit(german, "form.checkout-form", address("ada@example.com")));
        assertThat(shipping.response().uri().getPath()).isEqualTo("/de/checkout/shipping");
        assertThat(shipping.one(".checkout-summary .total").text()).contains("1.234,50");
        assertThat(shipping.one("label[for=shipping-express]").text()).startsWith("Express (nächster Werktag)");

        Page arabic = shopper.get("/ar/checkout/shipping");
        assertThat(arabic.one("html").attr("dir")).isEqualTo("rtl");
        assertThat(arabic.one("h1").text()).isEqualTo("كيف نشحن طلبك؟");
        assertThat(arabic.one("label[for=shipping-standard]").text()).startsWith("عادي (٢–٤ أيام عمل)");
        Page review = shopper.follow(shopper.submit(arabic, "form.checkout-form", Map.of()));
        assertThat(review.one("#review-body").text()).contains("عادي (٢–٤ أيام عمل)");
        assertThat(shopper.get("/checkout/review").one("#review-body").text()).contains("Standard (2–4 working days)");
        assertThat(new BigDecimal("1")).isOne();
    }
}
