package app.dukkan.storefront.checkout;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.BrowserTest;
import app.dukkan.testing.Shop;
import app.dukkan.testing.Shop.Variant;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The purchase in Debian's Chromium: with and without JavaScript, with the keyboard alone, with a
 * declined card and with 3-D Secure; every page of cart and checkout free of axe violations in
 * English and Arabic, light and dark.
 */
class CheckoutBrowserTests extends BrowserTest {

    private Shop shop;

    @BeforeEach
    void setUp() {
        shop = new Shop(port);
    }

    /** What the product page's form does: posts the variant to /cart/items (here from the shopper's browser). */
    private static void addToCart(Page page, Variant variant, int quantity) {
        page.context().request().get("/api/v1/auth/csrf");
        String token = page.context().cookies().stream()
                .filter(c -> c.name.equals("XSRF-TOKEN"))
                .findFirst()
                .orElseThrow()
                .value;
        APIResponse added = page.context()
                .request()
                .post(
                        "/cart/items",
                        RequestOptions.create()
                                .setHeader("X-XSRF-TOKEN", token)
                                .setMaxRedirects(0)
                                .setForm(FormData.create()
                                        .set("variant_id", variant.id())
                                        .set("quantity", Integer.toString(quantity))));
        assertThat(added.status()).isEqualTo(302);
    }

    /** Browse: the listing filtered by a search for the product, its page, its add-to-cart form. */
    private static void browseAndAdd(Page page, Variant variant, boolean javaScript) {
        String name = variant.productSlug().substring("thing-".length());
        page.navigate("/products");
        page.locator("#filter-q").fill(name);
        if (javaScript) {
            // leaving the field filters the listing in place (one htmx request)
            page.locator("#filter-q").press("Tab");
        } else {
            page.locator("#filters button[type=submit]").click();
        }
        Locator card = page.locator(".product-card__link").filter(new Locator.FilterOptions().setHasText(name));
        assertThat(card).hasCount(1);
        card.click();
        assertThat(page).hasURL(Pattern.compile(".*/products/" + variant.productSlug() + "$"));
        page.locator("form.add-to-cart button[type=submit]").click();
    }

    private static void fillAddress(Page page) {
        page.getByLabel("Email").fill("ada@example.com");
        page.getByLabel("Full name").fill("Ada Lovelace");
        page.getByLabel("Street and house number").fill("Hauptstraße 1");
        page.getByLabel("Postal code").fill("10115");
        page.getByLabel("City").fill("Berlin");
        page.getByLabel("Country").selectOption("DE");
    }

    private static void payWith(Page page, String card) {
        page.getByLabel("Card number").fill(card);
        page.getByLabel("Expiry date (MM/YY)").fill("12/40");
        page.getByLabel("Security code (CVC)").fill("123");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^Pay ")))
                .click();
    }

    private static Locator button(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name));
    }

    /** From the cart to the payment page, checking each step on the way. */
    private static void toPayment(Page page) {
        page.navigate("/cart");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Check out"))
                .click();
        assertThat(page).hasURL(Pattern.compile(".*/checkout/address$"));
        assertThat(page.locator("[aria-current=step]")).hasText("Address");
        fillAddress(page);
        button(page, "Continue to shipping").click();
        assertThat(page).hasURL(Pattern.compile(".*/checkout/shipping$"));
        page.locator("#shipping-express").check();
        button(page, "Continue to the review").click();
        assertThat(page).hasURL(Pattern.compile(".*/checkout/review$"));
        assertThat(page.locator("#review-body")).containsText("Express");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^Continue to payment")))
                .click();
        assertThat(page).hasURL(Pattern.compile(".*/checkout/payment$"));
    }

    @Test
    void aGuestBuysWithJavaScriptThroughTheDrawerAndTheWizard() {
        Variant mug = shop.product("12.50", 5);
        Page page = open();
        browseAndAdd(page, mug, true);
        Locator drawer = page.locator("#cart-drawer");
        assertThat(drawer).isVisible();
        assertThat(drawer.locator(".notice.success")).containsText("Added to your cart");
        assertThat(page.locator("#cart-count")).hasText("1");
        assertThat(page).hasURL(Pattern.compile(".*/products/" + mug.productSlug() + "$"));
        // once htmx has settled the drawer (its close button is live from then on)
        assertThat(drawer).not().hasClass(Pattern.compile("\\bhtmx-added\\b"));
        page.keyboard().press("Escape");
        assertThat(drawer).isHidden();
        assertThat(page.locator("a.cart-link")).isFocused();

        page.navigate("/privacy");
        page.locator("a.cart-link").click();
        assertThat(drawer).isVisible();
        assertThat(page.locator("#cart-drawer-title")).isFocused();
        drawer.getByLabel(Pattern.compile("^Quantity of")).fill("2");
        drawer.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Update"))
                .click();
        assertThat(page.locator("#cart-count")).hasText("2");
        assertThat(drawer.locator(".cart-line-total")).hasText("€25.00");
        assertThat(page).hasURL(Pattern.compile(".*/privacy$"));
        assertAccessible(page);
        drawer.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Close"))
                .click();
        assertThat(drawer).isHidden();

        toPayment(page);
        String code = "WEB" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        shop.admin()
                .post("/api/v1/admin/coupons", java.util.Map.of("code", code, "kind", "percent", "percent", 10))
                .expectStatus(201);
        page.getByRole(
                        AriaRole.LINK,
                        new Page.GetByRoleOptions().setName("Review").setExact(true))
                .click();
        page.getByLabel("Coupon code").fill(code);
        button(page, "Apply").click();
        assertThat(page.locator("#review-body .notice.success")).hasText("The coupon " + code + " is applied.");
        assertThat(page.locator("#review-body .totals")).containsText("-€2.50");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^Continue to payment")))
                .click();

        payWith(page, "4242 4242 4242 4242");
        assertThat(page.locator("h1")).hasText("Thank you for your order");
        assertThat(page.locator(".payment-result .lead")).hasText(Pattern.compile("Your order number is DK-\\d+\\."));
        assertThat(page.locator("#cart-count")).hasText("0");
        assertAccessible(page);
    }

    @Test
    void theSamePurchaseWorksWithJavaScriptSwitchedOff() {
        Variant mug = shop.product("12.50", 5);
        Page page = open(Options.defaults().withoutJavaScript());
        browseAndAdd(page, mug, false);
        assertThat(page).hasURL(Pattern.compile(".*/cart\\?added=.*"));
        assertThat(page.locator(".notice.success")).containsText("Added to your cart");
        page.getByLabel(Pattern.compile("^Quantity of")).fill("2");
        button(page, "Update").click();
        assertThat(page).hasURL(Pattern.compile(".*/cart$"));
        assertThat(page.locator("#cart-count")).hasText("2");

        toPayment(page);
        payWith(page, "4242 4242 4242 4242");
        assertThat(page.locator("h1")).hasText("Thank you for your order");
        assertThat(page.locator(".payment-result .lead")).hasText(Pattern.compile("Your order number is DK-\\d+\\."));
    }

    @Test
    void aSignedInCustomersOrderIsInTheirAccount() {
        Variant mug = shop.product("9.00", 5);
        String email = "web-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        new ApiClient(port).register(email, "correct horse 42");
        Page page = open();
        page.context().request().get("/api/v1/auth/csrf");
        String token = page.context().cookies().stream()
                .filter(c -> c.name.equals("XSRF-TOKEN"))
                .findFirst()
                .orElseThrow()
                .value;
        APIResponse login = page.context()
                .request()
                .post(
                        "/api/v1/auth/login",
                        RequestOptions.create()
                                .setHeader("X-XSRF-TOKEN", token)
                                .setData(java.util.Map.of("email", email, "password", "correct horse 42")));
        assertThat(login.status()).isEqualTo(200);
        addToCart(page, mug, 1);
        page.navigate("/checkout");
        assertThat(page.getByLabel("Email")).hasCount(0);
        page.getByLabel("Full name").fill("Ada Lovelace");
        page.getByLabel("Street and house number").fill("Hauptstraße 1");
        page.getByLabel("Postal code").fill("10115");
        page.getByLabel("City").fill("Berlin");
        page.getByLabel("Country").selectOption("DE");
        button(page, "Continue to shipping").click();
        button(page, "Continue to the review").click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^Continue to payment")))
                .click();
        payWith(page, "4242 4242 4242 4242");
        assertThat(page.locator("h1")).hasText("Thank you for your order");
        String number = page.locator(".payment-result .lead").textContent().replaceAll(".* (DK-\\d+)\\.", "$1");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("See the order in your account"))
                .click();
        assertThat(page).hasURL(Pattern.compile(".*/account/orders/" + number + "$"));
        assertThat(page.locator("main")).containsText(number);
        ApiClient api = new ApiClient(port).login(email, "correct horse 42");
        assertThat(api.get("/api/v1/orders")
                        .expectStatus(200)
                        .json()
                        .get("items")
                        .get(0)
                        .get("number")
                        .asString())
                .isEqualTo(number);
    }

    @Test
    void aDeclinedCardIsRetriedWithAnotherOne() {
        Variant mug = shop.product("10.00", 5);
        Page page = open();
        addToCart(page, mug, 1);
        toPayment(page);
        payWith(page, "4000 0000 0000 0002");
        assertThat(page.locator("h1")).hasText("Your payment did not go through");
        assertThat(page.locator(".payment-result .lead")).hasText("Your card was declined.");
        assertAccessible(page);
        button(page, "Try again").click();
        assertThat(page).hasURL(Pattern.compile(".*/checkout/payment$"));
        payWith(page, "4242 4242 4242 4242");
        assertThat(page.locator("h1")).hasText("Thank you for your order");
    }

    @Test
    void threeDSecureIsConfirmedOnTheShopsPage() {
        Variant mug = shop.product("10.00", 5);
        Page page = open();
        addToCart(page, mug, 1);
        toPayment(page);
        payWith(page, "4000 0027 6000 3184");
        assertThat(page).hasURL(Pattern.compile(".*/checkout/payment/authenticate$"));
        assertThat(page.locator("h1")).hasText("Confirm the payment with your bank");
        assertAccessible(page);
        button(page, "Confirm the payment").click();
        assertThat(page.locator("h1")).hasText("Thank you for your order");
    }

    /** Presses Tab until the element has the focus (at most 60 times). */
    private static void tabTo(Page page, Locator target) {
        for (int i = 0; i < 60; i++) {
            page.keyboard().press("Tab");
            if ((Boolean) target.evaluate("element => element === document.activeElement")) {
                return;
            }
        }
        throw new AssertionError("Tab never reached " + target);
    }

    private static void typeInto(Page page, Locator field, String text) {
        tabTo(page, field);
        page.keyboard().type(text);
    }

    @Test
    void theWholeCheckoutWorksWithTheKeyboardAlone() {
        Variant mug = shop.product("10.00", 5);
        Page page = open();
        addToCart(page, mug, 1);
        page.navigate("/cart");

        tabTo(page, page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Check out")));
        page.keyboard().press("Enter");
        assertThat(page).hasURL(Pattern.compile(".*/checkout/address$"));
        typeInto(page, page.getByLabel("Email"), "ada@example.com");
        typeInto(page, page.getByLabel("Full name"), "Ada Lovelace");
        typeInto(page, page.getByLabel("Street and house number"), "Hauptstraße 1");
        typeInto(page, page.getByLabel("Postal code"), "10115");
        typeInto(page, page.getByLabel("City"), "Berlin");
        // a focused select jumps to the option whose name is typed
        typeInto(page, page.getByLabel("Country"), "Germany");
        assertThat(page.getByLabel("Country")).hasValue("DE");
        tabTo(page, button(page, "Continue to shipping"));
        page.keyboard().press("Enter");

        assertThat(page).hasURL(Pattern.compile(".*/checkout/shipping$"));
        // the radio group is one stop; Space keeps the option it has
        tabTo(page, page.locator("#shipping-standard"));
        page.keyboard().press("Space");
        assertThat(page.locator("#shipping-standard")).isChecked();
        tabTo(page, button(page, "Continue to the review"));
        page.keyboard().press("Space");

        assertThat(page).hasURL(Pattern.compile(".*/checkout/review$"));
        tabTo(
                page,
                page.getByRole(
                        AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^Continue to payment"))));
        page.keyboard().press("Enter");

        assertThat(page).hasURL(Pattern.compile(".*/checkout/payment$"));
        typeInto(page, page.getByLabel("Card number"), "4242424242424242");
        typeInto(page, page.getByLabel("Expiry date (MM/YY)"), "12/40");
        typeInto(page, page.getByLabel("Security code (CVC)"), "123");
        page.keyboard().press("Enter");
        assertThat(page.locator("h1")).hasText("Thank you for your order");
    }

    @Test
    void theCartAndEveryCheckoutStepHaveNoAxeViolationsInEnglishAndArabicLightAndDark() {
        Variant mug = shop.product("10.00", 20);
        for (String prefix : new String[] {"", "/ar"}) {
            for (Options options :
                    new Options[] {Options.defaults(), Options.defaults().dark()}) {
                Page page = open(options);
                page.navigate(prefix + "/cart");
                assertAccessible(page, options);
                addToCart(page, mug, 1);
                page.navigate(prefix + "/cart");
                assertAccessible(page, options);

                page.navigate(prefix + "/checkout/address");
                page.locator("form.checkout-form button[type=submit]").click();
                assertThat(page.locator("[aria-invalid=true]").first()).isVisible();
                assertAccessible(page, options);
                page.locator("#email").fill("ada@example.com");
                page.locator("#name").fill("Ada Lovelace");
                page.locator("#line1").fill("Hauptstraße 1");
                page.locator("#postal_code").fill("10115");
                page.locator("#city").fill("Berlin");
                page.locator("#country").selectOption("DE");
                page.locator("form.checkout-form button[type=submit]").click();
                assertThat(page).hasURL(Pattern.compile(".*/checkout/shipping$"));
                assertAccessible(page, options);

                page.locator("form.checkout-form button[type=submit]").click();
                assertThat(page).hasURL(Pattern.compile(".*/checkout/review$"));
                page.locator("#coupon_code").fill("NO-SUCH-COUPON");
                page.locator("#apply-coupon").click();
                assertThat(page.locator("#coupon_code-error")).isVisible();
                assertAccessible(page, options);

                page.locator("form.checkout-actions button[type=submit]").click();
                assertThat(page).hasURL(Pattern.compile(".*/checkout/payment$"));
                assertAccessible(page, options);

                page.locator("#card_number").fill("4000 0027 6000 3184");
                page.locator("#expiry").fill("12/40");
                page.locator("#cvc").fill("123");
                page.locator("#card-form button[type=submit]").click();
                assertThat(page).hasURL(Pattern.compile(".*/checkout/payment/authenticate$"));
                assertAccessible(page, options);

                page.locator(".authenticate button[value=false]").click();
                assertThat(page.locator(".payment-result.failed")).isVisible();
                assertAccessible(page, options);

                page.locator(".payment-result form button[type=submit]").click();
                page.locator("#card_number").fill("4242 4242 4242 4242");
                page.locator("#expiry").fill("12/40");
                page.locator("#cvc").fill("123");
                page.locator("#card-form button[type=submit]").click();
                assertThat(page.locator(".payment-result.paid")).isVisible();
                assertAccessible(page, options);
            }
        }
    }
}
