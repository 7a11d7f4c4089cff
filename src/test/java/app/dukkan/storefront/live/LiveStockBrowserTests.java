package app.dukkan.storefront.live;

import static app.dukkan.testing.CatalogFixtures.product;
import static app.dukkan.testing.CatalogFixtures.variant;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.BrowserTest;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.SecondInstance;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Pages open on this instance; the stock changes through the admin API of a second instance. */
class LiveStockBrowserTests extends BrowserTest {

    /** The time a page has to show a change committed on another instance. */
    private static final double WITHIN_A_SECOND = 1_000;

    @Autowired
    DataSource dataSource;

    private CatalogFixtures fixtures;
    private ApiClient secondAdmin;
    private String category;

    @BeforeEach
    void catalog() {
        fixtures = new CatalogFixtures(port);
        category = fixtures.category("Live lamps", null);
        secondAdmin = new CatalogFixtures(SecondInstance.port(dataSource)).admin();
    }

    private JsonNode lamp(String name) {
        return fixtures.createProduct(
                fixtures.admin(), product(name, category, List.of(variant("49.00", 3), variant("59.00", 8))));
    }

    private void setStock(JsonNode product, int variant, int stock) {
        secondAdmin
                .patch(
                        "/api/v1/admin/products/" + product.get("id").asString() + "/variants/"
                                + product.get("variants").get(variant).get("id").asString(),
                        Map.of("stock", stock))
                .expectStatus(200);
    }

    /** Opens the page and waits until its live stock stream is connected. */
    private static void openLive(Page page, String path) {
        page.waitForResponse(
                response -> response.url().contains("/inventory/stream") && response.status() == 200,
                () -> page.navigate(path));
    }

    private static LocatorAssertions.HasTextOptions soon() {
        return new LocatorAssertions.HasTextOptions().setTimeout(WITHIN_A_SECOND);
    }

    @Test
    void aProductPageShowsTheBannerAndSoldOutWithinASecondOfASaleOnAnotherInstance() {
        JsonNode lamp = lamp("Live desk lamp");
        Page page = open();
        openLive(page, "/products/" + lamp.get("slug").asString());
        assertThat(page.locator("#buy-box-stock")).hasText("Only 3 left");
        assertThat(page.locator(".live-banner")).isEmpty();

        setStock(lamp, 0, 0);

        assertThat(page.locator(".live-banner")).hasText("Availability just changed", soon());
        assertThat(page.locator("#buy-box-stock")).hasText("Sold out", soon());
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add to cart")))
                .isDisabled();
        assertThat(page.locator("#quantity")).isDisabled();
        assertThat(page.locator(
                        "#variant-note-" + lamp.get("variants").get(0).get("id").asString()))
                .hasText("Sold out");

        // back in stock: the same page can sell again
        setStock(lamp, 0, 20);
        assertThat(page.locator("#buy-box-stock")).hasText("In stock", soon());
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add to cart")))
                .isEnabled();
        assertThat(page.locator("#quantity")).hasAttribute("max", "10");
        // last: axe and screenshots leave empty style attributes behind, which htmx's settling of
        // a later swap would copy onto the new elements, against the pages' style policy
        assertAccessible(page);
        screenshot(page, "live-product-en-light");
    }

    @Test
    void inArabicTheBannerAndTheAvailabilityAreArabic() {
        JsonNode lamp = lamp("Live floor lamp");
        Page page = open(Options.defaults().dark());
        openLive(page, "/ar/products/" + lamp.get("slug").asString());

        setStock(lamp, 0, 1);

        assertThat(page.locator(".live-banner")).hasText("تغيّر التوفر للتو", soon());
        assertThat(page.locator("#buy-box-stock")).hasText("بقيت قطعة واحدة فقط", soon());
        assertAccessible(page);
        screenshot(page, "live-product-ar-dark");
    }

    @Test
    void aListingMarksTheCardOfAProductThatSoldOut() {
        JsonNode lamp = lamp("Live wall lamp");
        Page page = open();
        openLive(page, "/c/" + category);
        assertThat(page.locator(".product-card__stock")).isEmpty();

        setStock(lamp, 0, 0);
        setStock(lamp, 1, 0);

        assertThat(page.locator(".live-banner")).hasText("Availability just changed", soon());
        assertThat(page.locator(".product-card__stock")).hasText("Sold out", soon());
        assertAccessible(page);
        screenshot(page, "live-listing-en-light");
    }

    @Test
    void withoutJavaScriptNothingConnectsAndThePageStillSells() {
        JsonNode lamp = lamp("Live table lamp");
        Page page = open(Options.defaults().withoutJavaScript());
        page.navigate("/products/" + lamp.get("slug").asString());

        assertThat(page.locator("#buy-box-stock")).hasText("Only 3 left");
        assertThat(page.locator(".live-banner")).isEmpty();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add to cart")))
                .isEnabled();
    }
}
