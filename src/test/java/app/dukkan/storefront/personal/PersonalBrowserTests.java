package app.dukkan.storefront.personal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.BrowserTest;
import app.dukkan.testing.Shop;
import com.microsoft.playwright.Page;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Recently viewed products kept by the browser, and the recommendation slots, in Chromium. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PersonalBrowserTests extends BrowserTest {

    Shop.Variant lamp;
    Shop.Variant shade;

    @BeforeAll
    void boughtTogether() {
        Shop shop = new Shop(port);
        lamp = shop.product("34.00", 30);
        shade = shop.product("12.50", 30);
        // shown once at least three orders hold the pair
        for (int i = 0; i < 3; i++) {
            ApiClient customer = shop.customer();
            shop.addToCart(customer, shade, 1);
            shop.buy(customer, lamp, 1, null);
        }
        ApiClient anyone = shop.guest();
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> anyone.get("/api/v1/recommendations?product=" + lamp.productSlug())
                        .body()
                        .contains(shade.productSlug()));
    }

    @Test
    void theHomePageShowsTheProductsThisBrowserViewedNewestFirst() {
        for (String prefix : new String[] {"", "/ar"}) {
            for (Options options :
                    new Options[] {Options.defaults(), Options.defaults().dark()}) {
                Page page = open(options);
                page.navigate(prefix + "/products/" + shade.productSlug());
                // nothing viewed before: the slot stays hidden
                assertThat(page.locator(".recently-viewed-slot")).isHidden();
                page.navigate(prefix + "/products/" + lamp.productSlug());
                assertThat(page.locator("#recently-viewed a.product-card__link"))
                        .hasAttribute("href", prefix + "/products/" + shade.productSlug());
                assertThat(page.locator("#bought-together a.product-card__link"))
                        .hasAttribute("href", prefix + "/products/" + shade.productSlug());
                assertAccessible(page, options);
                String name = (prefix.isEmpty() ? "en" : "ar") + "-"
                        + options.colorScheme().name().toLowerCase();
                screenshot(page, "product-recommendations-" + name);

                page.navigate(prefix + "/");
                assertThat(page.locator("#recently-viewed")).isVisible();
                assertThat(page.locator("#recently-viewed a.product-card__link"))
                        .hasCount(2);
                assertThat(page.locator("#recently-viewed a.product-card__link").first())
                        .hasAttribute("href", prefix + "/products/" + lamp.productSlug());
                assertThat(page.locator("#recently-viewed a.product-card__link").nth(1))
                        .hasAttribute("href", prefix + "/products/" + shade.productSlug());
                assertThat(page.locator("#recently-viewed-title"))
                        .hasText(prefix.isEmpty() ? "Recently viewed" : "شوهدت مؤخرًا");
                assertAccessible(page, options);
                screenshot(page, "home-recently-viewed-" + name);
            }
        }
    }

    @Test
    void aSignedInShopperSeesTheirViewsOnTheAccountPageAndForgetsThem() {
        String email = app.dukkan.testing.CatalogFixtures.unique("browser-viewer-") + "@example.com";
        new ApiClient(port).register(email, "correct horse 42");
        for (String prefix : new String[] {"", "/ar"}) {
            Page page = open(Options.defaults().dark());
            page.navigate(prefix + "/login");
            page.locator("input[name=email]").fill(email);
            page.locator("input[name=password]").fill("correct horse 42");
            page.locator("form[action$='/login'] button[type=submit]").click();
            assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/account$"));
            page.navigate(prefix + "/products/" + lamp.productSlug());
            page.navigate(prefix + "/account");
            assertThat(page.locator("#recently-viewed .viewed-list a")).hasCount(1);
            assertAccessible(page);
            screenshot(page, "account-recently-viewed-" + (prefix.isEmpty() ? "en" : "ar") + "-dark");
            page.locator("#recently-viewed button[type=submit]").click();
            assertThat(page.locator("[role=status]")).isVisible();
            assertThat(page.locator("#recently-viewed .viewed-list")).hasCount(0);
            assertAccessible(page);
        }
    }

    @Test
    void withoutJavaScriptAnAnonymousShopperHasNoRecentlyViewedSlot() {
        Page page = open(Options.defaults().withoutJavaScript());
        page.navigate("/products/" + shade.productSlug());
        page.navigate("/products/" + lamp.productSlug());
        assertThat(page.locator("#recently-viewed")).hasCount(0);
        assertThat(page.locator(".recently-viewed-slot")).isHidden();
        assertThat(page.locator("#bought-together")).isVisible();
    }
}
