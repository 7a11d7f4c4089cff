package app.dukkan.admin.catalog;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.admin.ConsoleBrowserTest;
import app.dukkan.platform.images.TestImages;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The catalog's console pages in a real browser: the flows, axe in English and Arabic, light and dark. */
class CatalogConsoleBrowserTests extends ConsoleBrowserTest {

    private static final String PASSWORD = "Str0ng-Passphrase-4711";

    @Autowired
    JdbcClient jdbc;

    @Test
    void anAdminCreatesAProductWithAVariantAndAPictureThroughThePagesAndTheShopShowsIt() {
        CatalogFixtures fixtures = new CatalogFixtures(port);
        String categoryName = CatalogFixtures.unique("Browser shelf ");
        fixtures.category(categoryName, null);
        String name = CatalogFixtures.unique("Browser lamp ");
        String sku = CatalogFixtures.unique("BRW-");

        Page page = signedInAdmin(Options.defaults());
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Console"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Products"))
                .click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("New product"))
                .click();
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill(name);
        page.getByLabel("Category")
                .selectOption(new com.microsoft.playwright.options.SelectOption().setLabel(categoryName));
        page.getByLabel("Status").selectOption("active");
        page.getByLabel("Attribute 1: name").fill("colour");
        page.getByLabel("Attribute 1: value").fill("amber");
        page.getByLabel("SKU").fill(sku);
        page.getByLabel("Price (EUR)", new Page.GetByLabelOptions().setExact(true))
                .fill("twenty");
        page.getByLabel("Stock on hand").fill("7");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create product"))
                .click();

        // refused: the error sits under the price, nothing was created
        assertThat(page.locator("#variant-price-error"))
                .hasText("Enter a price of 0 or more, with at most two decimals.");
        assertThat(page.getByLabel("Price (EUR)", new Page.GetByLabelOptions().setExact(true)))
                .hasAttribute("aria-invalid", "true");
        page.getByLabel("Price (EUR)", new Page.GetByLabelOptions().setExact(true))
                .fill("24.90");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create product"))
                .click();

        assertThat(page.locator(".flash")).hasText("Product " + name + " created.");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText(name);
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Images")))
                .hasAttribute("href", java.util.regex.Pattern.compile("/admin/products/[0-9a-f-]{36}/images"));
        assertAccessible(page);
        String slug = page.getByLabel("Slug").inputValue();

        // its picture, uploaded from the product's Images page
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Images"))
                .click();
        page.getByLabel("Picture file")
                .setInputFiles(new FilePayload("lamp.jpg", "image/jpeg", TestImages.jpeg(2000, 1500)));
        page.getByLabel("Alt text", new Page.GetByLabelOptions().setExact(true)).fill("Amber lamp, lit");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload"))
                .click();
        assertThat(page.locator(".flash")).hasText("The picture was added.");

        page.navigate("/admin/products?q=" + sku);
        assertThat(page.locator(".products-table tbody tr")).hasCount(1);
        assertThat(page.locator(".products-table tbody th a")).hasText(name);

        Page shopper = open();
        shopper.navigate("/products/" + slug);
        assertThat(shopper.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText(name);
        assertThat(shopper.locator("body")).containsText("24.90");
        Locator picture = shopper.locator(".gallery__item img[alt='Amber lamp, lit']");
        assertThat(picture).isVisible();
        assertThat(picture.getAttribute("srcset")).contains(" 320w", " 640w", " 960w", " 1280w", " 1600w");
        shopper.waitForFunction("img => img.complete && img.naturalWidth > 0", picture.elementHandle());
    }

    @Test
    void aSellerSeesOnlyItsOwnProductsAndAnotherSellersIdIsRefused() {
        CatalogFixtures fixtures = new CatalogFixtures(port);
        String email = CatalogFixtures.unique("seller-") + "@example.com";
        ApiClient api = new ApiClient(port).register(email, PASSWORD).login(email, PASSWORD);
        String id = api.get("/api/v1/me").json().get("id").asString();
        fixtures.admin()
                .put("/api/v1/admin/users/" + id + "/roles", Map.of("roles", List.of("seller")))
                .expectStatus(200);
        ApiClient seller = new ApiClient(port).login(email, PASSWORD);
        String tag = CatalogFixtures.unique("Vase");
        String category = fixtures.category(tag, null);
        fixtures.createProduct(
                seller, CatalogFixtures.product(tag + " own", category, List.of(CatalogFixtures.variant("9.00", 2))));
        JsonNode foreign = fixtures.createProduct(
                fixtures.seller(),
                CatalogFixtures.product(tag + " foreign", category, List.of(CatalogFixtures.variant("9.00", 2))));

        Page page = signedIn(Options.defaults(), email, PASSWORD);
        page.navigate("/admin/products?q=" + tag);
        assertThat(page.locator(".products-table tbody th a")).hasText(new String[] {tag + " own"});
        assertThat(page.getByLabel("Seller")).hasCount(0);
        assertAccessible(page);

        Response refused = page.navigate("/admin/products/" + foreign.get("id").asString());
        assertThat(refused.status()).isEqualTo(403);
    }

    @Test
    void theCatalogPagesAreAccessibleInEnglishAndArabicLightAndDark() {
        CatalogFixtures fixtures = new CatalogFixtures(port);
        String parent = fixtures.category(CatalogFixtures.unique("Axe room "), null);
        fixtures.category(CatalogFixtures.unique("Axe corner "), parent);
        JsonNode product = fixtures.createProduct(
                fixtures.admin(),
                CatalogFixtures.product(
                        CatalogFixtures.unique("Axe chair "),
                        parent,
                        List.of(CatalogFixtures.variant("15.00", 3), CatalogFixtures.variant("18.00", 0))));
        String id = product.get("id").asString();
        String variant = product.get("variants").get(0).get("id").asString();
        // an import's page as it ended (refused, with its rows) and as a running one is shown
        String header = "slug,name,category,status,sku,price,stock\r\n";
        String row = CatalogFixtures.unique("axe-import-") + ",Axe import," + parent + ",active,"
                + CatalogFixtures.unique("AXE-") + ",";
        String refused = fixtures.admin()
                .postFile(
                        "/api/v1/admin/products/import",
                        Map.of(),
                        "products.csv",
                        "text/csv",
                        (header + row + "12.50,3\r\n" + row.replace("axe-import-", "axe-refused-") + "cheap,3\r\n")
                                .getBytes(StandardCharsets.UTF_8))
                .expectStatus(200)
                .json()
                .get("id")
                .asString();
        String running = runningImport();
        String[] importPaths = {"/admin/imports/" + refused, "/admin/imports/" + running};
        String[] paths = {
            "/admin/products",
            "/admin/products?stock=plenty",
            "/admin/products/new",
            "/admin/products/" + id,
            "/admin/products/" + id + "/variants/new",
            "/admin/products/" + id + "/variants/" + variant,
            "/admin/products/" + id + "/archive",
            "/admin/products/bulk?category=" + parent,
            "/admin/categories",
            "/admin/products/import"
        };
        try {
            checkCatalogPages(id, parent, paths, importPaths);
        } finally {
            jdbc.sql("update product_imports set status = 'failed', finished_at = now() where id = ?::uuid")
                    .param(running)
                    .update();
        }
    }

    /**
     * An import in the middle of writing, as its record says while the job runs; no job runs it, so
     * the page stays as it is (the caller ends it).
     */
    private String runningImport() {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into product_imports (id, status, mode, dry_run, file_name, total_rows, processed_rows,
                                                     rows_to_write, written_rows, requested_by, created_at, started_at)
                        select ?, 'applying', 'all-or-nothing', false, 'big.csv', 2500, 2500, 2400, 1000, id, now(),
                               now()
                        from users where email = ?""").params(id, CatalogFixtures.ADMIN_EMAIL).update();
        return id.toString();
    }

    private void checkCatalogPages(String id, String parent, String[] paths, String[] importPaths) {
        for (Options options : THEMES) {
            Page page = signedInAdmin(options);
            String theme = theme(options);
            for (String prefix : LANGUAGES) {
                for (String path : paths) {
                    page.navigate(prefix + path);
                    assertThat(page.locator(".console-nav a[aria-current=page]"))
                            .isVisible();
                    assertAccessible(page, options);
                }
                for (String path : importPaths) {
                    page.navigate(prefix + path);
                    assertThat(page.locator("#import-progress")).isVisible();
                    assertAccessible(page, options);
                }
                // the refused rows' problems, in the page's language
                page.navigate(prefix + importPaths[0]);
                assertThat(page.locator(".import-problems tbody tr:has(code:text-is('price')) td:last-child"))
                        .hasText(
                                prefix.isEmpty()
                                        ? "must be a decimal number in EUR such as 12.50"
                                        : "يجب أن يكون عددًا عشريًا بعملة EUR مثل 12.50");
                // a refused file: the field's error and what is wrong with the file
                page.navigate(prefix + "/admin/products/import");
                page.locator("#import-file")
                        .setInputFiles(new FilePayload(
                                "products.csv", "text/csv", "slug,name\r\na,b\r\n".getBytes(StandardCharsets.UTF_8)));
                page.locator("form.import-form button[type=submit]").click();
                assertThat(page.locator("#import-file-problems li"))
                        .hasText(
                                prefix.isEmpty()
                                        ? "Missing columns: sku, price, stock."
                                        : "أعمدة ناقصة: sku, price, stock.");
                assertAccessible(page, options);
                screenshot(page, "catalog-import-refused-file-" + language(prefix) + "-" + theme);
                // a refused form, with its errors
                page.navigate(prefix + "/admin/products/new");
                page.locator("form.product-form button[type=submit]").click();
                assertThat(page.locator("#product-name-error")).isVisible();
                assertAccessible(page, options);
                String lang = language(prefix);
                page.navigate(prefix + "/admin/products");
                screenshot(page, "catalog-products-" + lang + "-" + theme);
                page.navigate(prefix + "/admin/products/" + id);
                screenshot(page, "catalog-product-" + lang + "-" + theme);
                page.navigate(prefix + "/admin/categories");
                screenshot(page, "catalog-categories-" + lang + "-" + theme);
                page.navigate(prefix + "/admin/products/bulk?category=" + parent);
                screenshot(page, "catalog-bulk-" + lang + "-" + theme);
                page.navigate(prefix + "/admin/products/import");
                screenshot(page, "catalog-import-" + lang + "-" + theme);
                for (int i = 0; i < importPaths.length; i++) {
                    page.navigate(prefix + importPaths[i]);
                    screenshot(page, "catalog-import-" + (i == 0 ? "report" : "running") + "-" + lang + "-" + theme);
                }
                page.setViewportSize(400, 900);
                page.navigate(prefix + "/admin/products");
                // the table scrolls sideways on a phone: its box takes the keyboard's focus
                assertThat(page.locator("div.table-scroll[role=group]")).isVisible();
                assertAccessible(page, options);
                screenshot(page, "catalog-products-phone-" + lang + "-" + theme);
                page.navigate(prefix + "/admin/products/" + id);
                screenshot(page, "catalog-product-phone-" + lang + "-" + theme);
                page.setViewportSize(1280, 900);
            }
        }
    }
}
