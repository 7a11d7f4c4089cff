package app.dukkan.storefront.account;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.notifications.DevMailboxClient;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.BrowserTest;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.Shop;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Accounts in a real browser: sign-up, sign-in, reset through the mailed link, account pages, accessibility. */
class AccountBrowserTests extends BrowserTest {

    private static final String PASSWORD = SignInPagesTests.PASSWORD;
    private static final Pattern LINK =
            Pattern.compile("https?://[^/\\s\"]+(/account/[a-z-]+\\?token=[A-Za-z0-9_%-]+)");

    private static Page.GetByRoleOptions named(String name) {
        return new Page.GetByRoleOptions().setName(name);
    }

    private void signUp(Page page, String email) {
        page.navigate("/signup");
        page.getByLabel("Email address").fill(email);
        page.getByLabel("Your name").fill("Noor");
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(PASSWORD);
        page.locator("#signup-privacy").check();
        page.getByRole(AriaRole.BUTTON, named("Create account")).click();
        assertThat(page).hasURL(Pattern.compile(".*/account\\?welcome$"));
        assertThat(page.locator("h1")).hasText("Hello, Noor");
    }

    private void signIn(Page page, String email, String password) {
        page.navigate("/login");
        page.getByLabel("Email address").fill(email);
        page.getByLabel("Password").fill(password);
        page.getByRole(AriaRole.BUTTON, named("Sign in").setExact(true)).click();
    }

    /** The path and query of the newest mailed link of that kind: the test server's port is not the mail's. */
    private String mailedLink(String email, String kind) {
        DevMailboxClient mailbox = new DevMailboxClient(new CatalogFixtures(port).admin());
        String text = mailbox.awaitExactly(email, kind, 1).get(0).get("text").asString();
        Matcher link = LINK.matcher(text);
        assertThat(link.find()).as("a link in %s", text).isTrue();
        return URI.create(link.group(0)).getRawPath() + "?"
                + URI.create(link.group(0)).getRawQuery();
    }

    @Test
    void signUpSignOutSignInAndResetThePasswordThroughTheMailedLink() {
        String email = SignInPagesTests.uniqueEmail();
        Page page = open();
        signUp(page, email);

        page.getByRole(AriaRole.BUTTON, named("Sign out")).click();
        assertThat(page.getByRole(AriaRole.LINK, named("Sign in"))).isVisible();

        signIn(page, email, "a wrong password");
        assertThat(page.locator("#login-error")).hasText("The email address or the password is wrong.");
        assertThat(page.getByLabel("Email address")).hasValue(email);

        page.getByRole(AriaRole.LINK, named("Forgot your password?")).click();
        page.getByLabel("Email address").fill(email);
        page.getByRole(AriaRole.BUTTON, named("Send me a link")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("on its way");

        page.navigate(mailedLink(email, "password-reset"));
        page.getByLabel("New password").fill("battery staple 77");
        page.getByRole(AriaRole.BUTTON, named("Save the new password")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Sign in with the new one");

        signIn(page, email, "battery staple 77");
        assertThat(page).hasURL(Pattern.compile(".*/account$"));
        assertThat(page.locator("h1")).hasText("Hello, Noor");
    }

    @Test
    void theMailedVerificationLinkConfirmsTheAddress() {
        String email = SignInPagesTests.uniqueEmail();
        Page page = open();
        signUp(page, email);
        assertThat(page.locator(".chip.unverified")).isVisible();

        page.navigate(mailedLink(email, "email-verification"));
        page.getByRole(AriaRole.BUTTON, named("Confirm my email address")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("confirmed");
        page.getByRole(AriaRole.LINK, named("To your account")).click();
        assertThat(page.locator(".chip.verified")).isVisible();
    }

    @Test
    void withoutJavaScriptEveryAccountFormStillWorks() {
        String email = SignInPagesTests.uniqueEmail();
        Page page = open(Options.defaults().withoutJavaScript());
        page.navigate("/account/points");
        assertThat(page).hasURL(Pattern.compile(".*/login\\?next=%2Faccount%2Fpoints$"));
        page.getByRole(AriaRole.LINK, named("New here? Create an account")).click();

        page.getByLabel("Email address").fill(email);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill("short");
        page.getByRole(AriaRole.BUTTON, named("Create account")).click();
        assertThat(page.locator("#signup-password-error")).hasText("Use at least 10 characters.");
        assertThat(page.getByLabel("Email address")).hasValue(email);

        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(PASSWORD);
        page.locator("#signup-privacy").check();
        page.getByRole(AriaRole.BUTTON, named("Create account")).click();
        assertThat(page).hasURL(Pattern.compile(".*/account/points$"));

        page.navigate("/account");
        page.getByLabel("Your name").fill("Noor J.");
        page.getByRole(AriaRole.COMBOBOX, named("Language")).selectOption("de");
        page.getByRole(AriaRole.BUTTON, named("Save")).click();
        assertThat(page).hasURL(Pattern.compile(".*/de/account\\?saved$"));
        assertThat(page.locator("h1")).hasText("Hallo, Noor J.");
    }

    @Test
    void thePasswordMeterRatesAsTheShopperTypesAndHtmxShowsErrorsInPlace() {
        Page page = open();
        page.navigate("/signup");
        page.getByLabel("Email address").fill("meter-test@example.com");
        var password = page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true));
        password.pressSequentially("short");
        assertThat(page.locator("#signup-password-strength")).hasText("Too short: at least 10 characters");
        password.fill("");
        password.pressSequentially("aaaaaaaaaaaa");
        assertThat(page.locator("#signup-password-strength")).hasText("Too easy to guess");
        password.fill("");
        password.pressSequentially("correct horse battery staple");
        assertThat(page.locator("#signup-password-strength")).hasText(Pattern.compile("Strong|Very strong"));

        // the server's verdict comes back into the form without a page load
        page.locator("#signup-privacy").check();
        password.fill("meter-test-0000");
        page.waitForResponse(
                response -> response.url().endsWith("/signup") && response.status() == 422,
                () -> page.getByRole(AriaRole.BUTTON, named("Create account")).click());
        assertThat(page.locator("#signup-password-error")).hasText("The password must not contain your email address.");
        assertThat(page.getByLabel("Email address")).hasValue("meter-test@example.com");
        assertAccessible(page);
    }

    @Test
    void accountPagesAreAccessibleInEnglishAndArabicLightAndDark() {
        String email = SignInPagesTests.uniqueEmail();
        ApiClient api = new ApiClient(port).register(email, PASSWORD).login(email, PASSWORD);
        Shop shop = new Shop(port);
        String number =
                shop.buy(api, shop.product("19.00", 5), 1, null).get("number").asString();

        for (Options options :
                new Options[] {Options.defaults(), Options.defaults().dark()}) {
            Page anonymous = open(options);
            for (String prefix : new String[] {"", "/ar"}) {
                for (String path : new String[] {"/login", "/signup", "/account/forgot-password"}) {
                    anonymous.navigate(prefix + path);
                    assertAccessible(anonymous, options);
                }
                anonymous.navigate(prefix + "/login");
                anonymous.locator("#login-email").fill(email);
                anonymous.locator("#login-password").fill("wrong password!");
                anonymous.locator("#login-panel button[type=submit]").click();
                assertThat(anonymous.locator("#login-error")).isVisible();
                assertAccessible(anonymous, options);
            }

            Page page = open(options);
            signIn(page, email, PASSWORD);
            assertThat(page).hasURL(Pattern.compile(".*/account$"));
            for (String prefix : new String[] {"", "/ar"}) {
                for (String path :
                        new String[] {"/account", "/account/orders", "/account/orders/" + number, "/account/points"}) {
                    page.navigate(prefix + path);
                    assertThat(page.locator("h1")).isVisible();
                    assertAccessible(page, options);
                }
            }
            assertThat(page.locator("html")).hasAttribute("dir", "rtl");
        }
    }

    /**
     * A guest opens the order from the link of its confirmation mail, also without JavaScript; in
     * English and Arabic, light and dark, it is accessible, and so is the page of a link that does not
     * work.
     */
    @Test
    void aGuestsOrderPageFromItsMailIsAccessible() {
        String email = CatalogFixtures.unique("guest-page-") + "@example.com";
        Shop shop = new Shop(port);
        String number = shop.buy(shop.guest(), shop.product("7.00", 5), 1, email)
                .get("number")
                .asString();
        DevMailboxClient mailbox = new DevMailboxClient(new CatalogFixtures(port).admin());
        Matcher link = Pattern.compile("https?://[^/\\s\"]+(/orders/link/[A-Za-z0-9._-]+)")
                .matcher(mailbox.awaitExactly(email, "order-confirmation", 1)
                        .get(0)
                        .get("text")
                        .asString());
        assertThat(link.find()).isTrue();
        String path = link.group(1);

        // the page needs no script (axe itself runs as one, so it checks the pages below)
        Page plain = open(Options.defaults().withoutJavaScript());
        plain.navigate(path);
        assertThat(plain.locator("h1")).containsText(number);
        assertThat(plain.getByRole(AriaRole.LINK, named("Download the receipt (PDF)")))
                .isVisible();

        for (Options options :
                new Options[] {Options.defaults(), Options.defaults().dark()}) {
            Page page = open(options);
            for (String prefix : new String[] {"", "/ar"}) {
                page.navigate(prefix + path);
                assertThat(page.locator("h1")).containsText(number);
                assertAccessible(page, options);
                page.navigate(prefix + path + "x");
                assertThat(page.locator("h1")).isVisible();
                assertAccessible(page, options);
            }
            assertThat(page.locator("html")).hasAttribute("dir", "rtl");
        }
    }
}
