package app.dukkan.admin;

import static app.dukkan.testing.CatalogFixtures.product;
import static app.dukkan.testing.CatalogFixtures.variant;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.platform.images.TestImages;
import app.dukkan.testing.CatalogFixtures;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The product images page in a real browser: an upload that the shop shows at once, accessible in en and ar. */
class ProductImagesBrowserTests extends ConsoleBrowserTest {

    private JsonNode newProduct(String name) {
        CatalogFixtures fixtures = new CatalogFixtures(port);
        String category = fixtures.category("Posters", null);
        return fixtures.createProduct(fixtures.admin(), product(name, category, List.of(variant("12.00", 9))));
    }

    @Test
    void anAdminUploadsAJpegAndTheProductPageOffersItsWidths() {
        JsonNode product = newProduct("Lighthouse poster " + CatalogFixtures.unique(""));
        String images = "/admin/products/" + product.get("id").asString() + "/images";
        Page page = signedInAdmin(Options.defaults());
        page.navigate(images);
        assertAccessible(page);

        page.getByLabel("Picture file")
                .setInputFiles(new FilePayload("lighthouse.jpg", "image/jpeg", TestImages.jpeg(2400, 1600)));
        page.getByLabel("Alt text", new Page.GetByLabelOptions().setExact(true)).fill("Lighthouse at noon");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload"))
                .click();
        assertThat(page.locator(".flash")).hasText("The picture was added.");
        assertThat(page.locator(".image-item")).hasCount(2);
        assertAccessible(page);

        page.navigate("/products/" + product.get("slug").asString());
        Locator picture = page.locator(".gallery__item img[alt='Lighthouse at noon']");
        assertThat(picture).isVisible();
        String srcset = picture.getAttribute("srcset");
        assertThat(srcset).contains(" 320w", " 640w", " 960w", " 1280w", " 1600w");
        assertThat(picture.getAttribute("sizes")).isNotBlank();
        // the browser picked a rendition and loaded it
        page.waitForFunction("img => img.complete && img.naturalWidth > 0", picture.elementHandle());
        assertThat((String) picture.evaluate("img => img.currentSrc")).contains("/files/products/images/");
        screenshot(page, "product-page-uploaded-picture-en-light");
        page.setViewportSize(400, 860);
        page.reload();
        page.waitForFunction(
                "img => img.complete && img.naturalWidth > 0",
                page.locator(".gallery__item img[alt='Lighthouse at noon']").elementHandle());
        screenshot(page, "product-page-uploaded-picture-en-light-phone");
    }

    @Test
    void theImagesPagesAreAccessibleInEnglishAndArabicLightAndDark() {
        JsonNode product = newProduct("Harbour poster " + CatalogFixtures.unique(""));
        String images = "/admin/products/" + product.get("id").asString() + "/images";
        for (Options options : THEMES) {
            Page page = signedInAdmin(options);
            page.navigate(images);
            if (page.locator(".image-item").count() < 2) {
                page.getByLabel("Picture file")
                        .setInputFiles(new FilePayload(
                                "harbour.png", "image/png", TestImages.png(TestImages.photo(900, 600, 3))));
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload"))
                        .click();
                assertThat(page.locator(".flash")).isVisible();
            }
            String theme = theme(options);
            for (String prefix : LANGUAGES) {
                page.navigate(prefix + images);
                assertAccessible(page, options);
                String language = language(prefix);
                screenshot(page, "product-images-" + language + "-" + theme);
                // a refused upload, shown on the form
                page.locator("#image-file")
                        .setInputFiles(new FilePayload("notes.jpg", "image/jpeg", "just text".getBytes()));
                page.locator("form.image-upload button[type=submit]").click();
                assertThat(page.locator("#image-file-error")).isVisible();
                assertAccessible(page, options);
                page.setViewportSize(400, 860);
                screenshot(page, "product-images-refused-" + language + "-" + theme + "-phone");
                page.setViewportSize(1280, 900);
                page.navigate(prefix + images);
                page.locator(".image-item a.danger").last().click();
                assertThat(page.locator(".confirm form")).isVisible();
                assertAccessible(page, options);
            }
        }
    }
}
