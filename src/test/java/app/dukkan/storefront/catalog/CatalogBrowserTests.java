package app.dukkan.storefront.catalog;

import static app.dukkan.testing.CatalogFixtures.product;
import static app.dukkan.testing.CatalogFixtures.unique;
import static app.dukkan.testing.CatalogFixtures.variant;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.platform.FileStore;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.BrowserTest;
import app.dukkan.testing.CatalogFixtures;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Browsing the catalog in Chromium: with JavaScript (htmx swaps) and without it (plain forms and links). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogBrowserTests extends BrowserTest {

    @Autowired
    FileStore files;

    String brand;
    String outdoor;
    String tents;
    JsonNode tent;
    JsonNode stove;

    @BeforeAll
    void createCatalog() {
        CatalogFixtures fixtures = new CatalogFixtures(port);
        ApiClient seller = fixtures.seller();
        brand = "Vantor" + unique("").substring(0, 4);
        outdoor = fixtures.category(brand + " Outdoor", null);
        tents = fixtures.category(brand + " Tents", outdoor);
        tent = fixtures.createProduct(
                seller,
                pictured(product(
                        brand + " Ridge Tent",
                        tents,
                        List.of(
                                named(variant("199.00", 4), "Two people"),
                                named(variant("259.00", 12), "Four people"),
                                named(variant("299.00", 0), "Six people")))));
        stove = fixtures.createProduct(
                seller, pictured(product(brand + " Camp Stove", outdoor, List.of(variant("49.00", 9)))));
        for (int i = 0; i < 4; i++) {
            fixtures.createProduct(
                    seller,
                    pictured(
                            product(brand + " Tent Peg Set " + i, tents, List.of(variant(String.valueOf(5 + i), 50)))));
        }
    }

    /** The product with a picture the shop serves itself (the browser reaches no other host). */
    private Map<String, Object> pictured(Map<String, Object> product) {
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"600\" height=\"600\">"
                + "<rect width=\"600\" height=\"600\" fill=\"#2a7\"/></svg>";
        String url = files.store(
                "test-products/" + unique("p") + ".svg", svg.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        product.put("media", List.of(Map.of("url", url, "alt", product.get("name"), "width", 600, "height", 600)));
        return product;
    }

    private static Map<String, Object> named(Map<String, Object> variant, String name) {
        Map<String, Object> named = new java.util.LinkedHashMap<>(variant);
        named.put("name", name);
        return named;
    }

    @Test
    void browseFilterAndChooseAVariantWithJavaScript() {
        Page page = open();
        page.navigate("/c/" + outdoor);
        assertThat(page.locator("h1")).hasText(brand + " Outdoor");

        // sorting swaps the listing in place and puts the state into the URL
        page.waitForResponse(
                response -> response.url().contains("sort=price_desc"),
                () -> page.locator("#filter-sort").selectOption("price_desc"));
        assertThat(page).hasURL(Pattern.compile(".*/c/" + outdoor + "\\?sort=price_desc$"));
        assertThat(page.locator(".product-card__name").first()).hasText(brand + " Ridge Tent");

        // a category facet keeps the sort
        page.locator(".facets a[href^='/c/" + tents + "']").click();
        assertThat(page).hasURL(Pattern.compile(".*/c/" + tents + "\\?sort=price_desc$"));
        assertThat(page.locator("h1")).hasText(brand + " Tents");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(brand + " Ridge Tent"))
                .click();
        assertThat(page)
                .hasURL(Pattern.compile(".*/products/" + tent.get("slug").asString() + "$"));
        assertThat(page.locator(".buy-box__price")).containsText("199.00");
        assertThat(page.locator(".stock")).hasText("Only 4 left");

        page.waitForResponse(
                response -> response.url().contains("variant="),
                () -> page.locator("label", new Page.LocatorOptions().setHasText("Four people"))
                        .click());
        assertThat(page.locator(".buy-box__price")).containsText("259.00");
        assertThat(page.locator("input[name=variant_id]"))
                .hasValue(tent.get("variants").get(1).get("id").asString());
        assertThat(page.locator("input[name=quantity]")).hasAttribute("max", "10");
        assertThat(page)
                .hasURL(Pattern.compile(
                        ".*\\?variant=" + tent.get("variants").get(1).get("id").asString()));

        page.locator("label", new Page.LocatorOptions().setHasText("Six people"))
                .click();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add to cart")))
                .isDisabled();
        assertThat(page.locator(".stock")).hasText("Sold out");
    }

    @Test
    void browseFilterAndChooseAVariantWithoutJavaScript() {
        Page page = open(Options.defaults().withoutJavaScript());
        page.navigate("/products");
        page.locator("#filter-q").fill(brand + " tent");
        page.locator("#filter-min").fill("100");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply filters"))
                .click();
        assertThat(page).hasURL(Pattern.compile(".*/products\\?q=[^&]+&min_price=100(&sort=newest)?$"));
        assertThat(page.locator(".product-card__name")).hasCount(1);

        page.locator(".product-card__link").first().click();
        assertThat(page.locator("h1")).hasText(brand + " Ridge Tent");
        page.locator("label", new Page.LocatorOptions().setHasText("Four people"))
                .click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show this option"))
                .click();
        assertThat(page)
                .hasURL(Pattern.compile(
                        ".*\\?variant=" + tent.get("variants").get(1).get("id").asString()));
        assertThat(page.locator(".buy-box__price")).containsText("259.00");
        assertThat(page.locator("form.add-to-cart")).hasAttribute("method", "post");
    }

    @Test
    void searchBoxSuggestsProducts() {
        Page page = open();
        page.navigate("/");
        page.locator("#site-search")
                .pressSequentially(
                        brand + " camp", new com.microsoft.playwright.Locator.PressSequentiallyOptions().setDelay(20));
        assertThat(page.locator("#search-suggestions a[href='/products/"
                        + stove.get("slug").asString() + "']"))
                .isVisible();
    }

    @Test
    void catalogPagesAreAccessibleInEnglishAndArabicLightAndDark() {
        List<String> paths = List.of(
                "/",
                "/products",
                "/c/" + outdoor + "?q=" + brand,
                "/products/" + tent.get("slug").asString());
        for (String prefix : List.of("", "/ar")) {
            for (Options options :
                    List.of(Options.defaults(), Options.defaults().dark())) {
                Page page = open(options);
                for (String path : paths) {
                    var response = page.navigate(prefix + path);
                    assertThat(response.status()).as(prefix + path).isEqualTo(200);
                    assertAccessible(page, options);
                }
            }
        }
    }
}
