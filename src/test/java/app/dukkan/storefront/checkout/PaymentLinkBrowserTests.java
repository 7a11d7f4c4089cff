package app.dukkan.storefront.checkout;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import app.dukkan.checkout.Address;
import app.dukkan.checkout.ChannelCarts;
import app.dukkan.orders.ChannelCheckouts;
import app.dukkan.orders.CheckoutDraft;
import app.dukkan.orders.DraftDetails;
import app.dukkan.platform.SignedTokens;
import app.dukkan.testing.BrowserTest;
import app.dukkan.testing.Shop;
import app.dukkan.testing.Shop.Variant;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A chat's payment link opened on a phone-sized screen: review, card, result; the expired link's page. */
class PaymentLinkBrowserTests extends BrowserTest {

    @Autowired
    ChannelCarts carts;

    @Autowired
    ChannelCheckouts checkouts;

    @Autowired
    SignedTokens tokens;

    private CheckoutDraft draft(UUID cart) {
        Variant mug = new Shop(port).product("12.50", 5);
        carts.add(cart, UUID.fromString(mug.id()), 1);
        return checkouts.start(
                cart,
                new DraftDetails(
                        new Address("Ada Lovelace", "Hauptstraße 1", null, "Berlin", "10115", "DE", "+49 30 1234567"),
                        "ada@example.com",
                        null,
                        null));
    }

    @Test
    void aPhoneOpensTheLinkAndPays() {
        UUID cart = carts.create();
        CheckoutDraft draft = draft(cart);
        String link =
                checkouts.paymentLink(draft.id(), cart, Locale.ENGLISH).url().getRawPath();

        Page page = open();
        page.setViewportSize(390, 844);
        page.navigate(link);
        assertThat(page).hasURL(Pattern.compile(".*/checkout/review$"));
        assertThat(page.locator("h1")).hasText("Review your order");
        assertAccessible(page);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^Continue to payment")))
                .click();
        page.getByLabel("Card number").fill("4242 4242 4242 4242");
        page.getByLabel("Expiry date (MM/YY)").fill("12/40");
        page.getByLabel("Security code (CVC)").fill("123");
        assertAccessible(page);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^Pay ")))
                .click();
        assertThat(page.locator("h1")).hasText("Thank you for your order");
        assertAccessible(page);
    }

    @Test
    void anExpiredLinkSaysSoInTheShopsLanguages() {
        UUID cart = carts.create();
        CheckoutDraft draft = draft(cart);
        String expired =
                tokens.sign("payment-link", draft.id().toString(), Instant.now().minusSeconds(60));

        Page page = open(Options.defaults().dark());
        page.setViewportSize(390, 844);
        page.navigate("/ar/checkout/link/" + expired);
        assertThat(page.locator("html")).hasAttribute("dir", "rtl");
        assertThat(page.locator("h1")).hasText("انتهت صلاحية رابط الدفع هذا");
        assertAccessible(page);
        page.navigate("/checkout/link/" + expired.substring(0, expired.length() - 2) + "xx");
        assertThat(page.locator("h1")).hasText("This payment link does not work");
        assertAccessible(page);
    }
}
