package app.dukkan.storefront.reviews;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.BrowserTest;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.Shop;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A buyer writes a review in the browser; the product page shows it and the summary, in every look. */
class ReviewBrowserTests extends BrowserTest {

    static final String PASSWORD = "correct horse 42";

    @Test
    void aBuyerReviewsAProductAndItsPageShowsTheReviewAndTheSummary() {
        Shop shop = new Shop(port);
        Shop.Variant product = shop.product("19.00", 20);
        String slug = product.productSlug();
        String email = CatalogFixtures.unique("browser-reviewer-") + "@example.com";
        ApiClient api = new ApiClient(port).register(email, PASSWORD).login(email, PASSWORD);
        shop.buy(api, product, 1, null);
        // another buyer's review, so the summary has more than one bar
        ApiClient other = shop.customer();
        shop.buy(other, product, 1, null);
        other.post(
                        "/api/v1/products/" + slug + "/reviews",
                        Map.of("rating", 5, "title", "Superb", "text", "Five stars from me."))
                .expectStatus(201);

        Page page = open();
        page.navigate("/products/" + slug + "/review");
        page.getByLabel("Email address").fill(email);
        page.getByLabel("Password").fill(PASSWORD);
        page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Sign in").setExact(true))
                .click();
        assertThat(page.locator("h1")).containsText("Review");
        assertAccessible(page);
        screenshot(page, "reviews-form-en");
        page.getByLabel("3 stars").check();
        page.getByLabel("Title (optional)").fill("Does the job");
        page.getByLabel("Your review").fill("Good value, a little loud. <img src=x onerror=alert(1)>");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Publish review"))
                .click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Your review is published");
        assertAccessible(page);
        screenshot(page, "reviews-list-en");

        page.navigate("/products/" + slug);
        assertThat(page.locator(".product__rating .stars")).hasAttribute("aria-label", "4.0 out of 5, 2 reviews");
        assertThat(page.locator("#reviews")).containsText("Does the job");
        assertThat(page.locator("#reviews")).containsText("<img src=x onerror=alert(1)>");
        assertThat(page.locator("#reviews")).containsText("Verified buyer");
        assertAccessible(page);
        screenshot(page, "reviews-product-en-light");

        for (String look : new String[] {"en-dark", "ar-light", "ar-dark"}) {
            Options options = look.endsWith("dark") ? Options.defaults().dark() : Options.defaults();
            Page shopper = open(options);
            String prefix = look.startsWith("ar") ? "/ar" : "";
            shopper.navigate(prefix + "/products/" + slug);
            assertThat(shopper.locator("#reviews article.review").first()).isVisible();
            assertAccessible(shopper, options);
            screenshot(shopper, "reviews-product-" + look);
            shopper.navigate(prefix + "/products/" + slug + "/reviews");
            assertAccessible(shopper, options);
            screenshot(shopper, "reviews-list-" + look);
        }
    }
}
