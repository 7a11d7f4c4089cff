package app.dukkan.storefront.pwa;

import static app.dukkan.testing.CatalogFixtures.product;
import static app.dukkan.testing.CatalogFixtures.unique;
import static app.dukkan.testing.CatalogFixtures.variant;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import app.dukkan.platform.Feature;
import app.dukkan.platform.FeatureFlags;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.BrowserTest;
import app.dukkan.testing.CatalogFixtures;
import com.google.gson.JsonObject;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/** The service worker in Chromium: visited catalog pages read offline, the offline page otherwise. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfflineBrowserTests extends BrowserTest {

    /** Features whose pages talk to the shop while open; offline they would only add noise. */
    private static final List<Feature> OTHERS = List.of(Feature.REALTIME, Feature.RECOMMENDATIONS);

    @Autowired
    FeatureFlags flags;

    String category;
    String categoryName;
    String product;
    String productName;
    String otherProduct;

    @BeforeAll
    void createCatalog() {
        CatalogFixtures fixtures = new CatalogFixtures(port);
        ApiClient seller = fixtures.seller();
        String brand = "Offlyn" + unique("").substring(0, 4);
        categoryName = brand + " Lamps";
        category = fixtures.category(categoryName, null);
        productName = brand + " Reading Lamp";
        product = fixtures.createProduct(seller, product(productName, category, List.of(variant("39.00", 5))))
                .get("slug")
                .asString();
        otherProduct = fixtures.createProduct(
                        seller, product(brand + " Desk Lamp", category, List.of(variant("59.00", 5))))
                .get("slug")
                .asString();
        OTHERS.forEach(feature -> flags.set(feature.key(), false, null));
    }

    @AfterAll
    void switchTheOthersBackOn() {
        OTHERS.forEach(feature -> flags.set(feature.key(), true, null));
    }

    @AfterEach
    void switchBackOn() {
        flags.set(Feature.PWA.key(), true, null);
    }

    @Test
    void visitedCatalogPagesAreReadOfflineAndOtherPagesSayTheShopperIsOffline() {
        Page page = open();
        page.navigate("/products/" + product);
        awaitControl(page);
        // the first page was loaded before the worker took over: from now on pages pass through it
        page.reload();
        page.navigate("/c/" + category);
        awaitKept(page, "/products/" + product);
        awaitKept(page, "/c/" + category);

        page.context().setOffline(true);

        page.navigate("/products/" + product);
        assertThat(page.locator("h1")).hasText(productName);
        assertThat(page.locator(".buy-box__price")).containsText("39.00");
        page.navigate("/c/" + category);
        assertThat(page.locator("h1")).hasText(categoryName);
        assertThat(page.locator(".product-card__name").first()).isVisible();

        for (List<String> unvisited : List.of(
                List.of("/products/" + otherProduct, "You are offline"),
                List.of("/privacy", "You are offline"),
                List.of("/de/products/" + product, "Sie sind offline"),
                List.of("/ar/cart", "أنت غير متصل بالإنترنت"))) {
            page.navigate(unvisited.get(0));
            assertThat(page.locator("h1")).hasText(unvisited.get(1));
            assertThat(page.url()).as("the address asked for").endsWith(unvisited.get(0));
            // styled by the stylesheet the worker keeps (a link without it is "inline")
            assertThat(page.locator("main a.button.primary")).hasCSS("display", "flex");
        }
        assertThat(page.locator("html")).hasAttribute("dir", "rtl");
        assertAccessible(page);
        screenshot(page, "offline-ar");
        page.navigate("/privacy");
        assertAccessible(page);
        screenshot(page, "offline-en");

        // back online, "try again" shows the page asked for
        page.context().setOffline(false);
        page.locator("main a.button.primary").click();
        assertThat(page.locator("h1")).hasText("Privacy notice");
    }

    @Test
    void signingOutForgetsThePagesKeptWhileSignedIn() {
        String email = unique("reader-") + "@example.com";
        new ApiClient(port).register(email, "correct horse 42");
        Page page = open();
        page.navigate("/login");
        awaitControl(page);
        page.getByLabel("Email address").fill(email);
        page.getByLabel("Password").fill("correct horse 42");
        page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Sign in").setExact(true))
                .click();
        assertThat(page.locator(".account-link")).isVisible();
        page.navigate("/products/" + product);
        assertThat(page.locator(".account-link")).isVisible();
        awaitKept(page, "/products/" + product);

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out"))
                .click();
        assertThat(page.locator(".account-link")).hasCount(0);
        awaitTrue(
                page,
                "async (path) => !(await caches.match(new URL(path, location.href).href))",
                "/products/" + product);
    }

    /** The full browser: Chromium's headless shell has no notion of installing an app, and finds nothing to object to. */
    @Override
    protected Path browserExecutable() {
        return CHROMIUM;
    }

    /** Chromium's own checks (the PWA category left Lighthouse in version 12). */
    @Test
    void chromiumFindsTheManifestValidAndTheShopInstallable() {
        Page page = open();
        page.navigate("/ar/products/" + product);
        awaitControl(page);
        CDPSession devTools = page.context().newCDPSession(page);

        JsonObject manifest = devTools.send("Page.getAppManifest");
        assertThat(manifest.get("url").getAsString()).endsWith("/ar/manifest.webmanifest");
        assertThat(manifest.getAsJsonArray("errors")).as("manifest errors").isEmpty();
        JsonObject parsed = manifest.getAsJsonObject("manifest");
        assertThat(parsed.get("startUrl").getAsString()).endsWith("/ar/");
        assertThat(parsed.get("display").getAsString()).isEqualTo("kStandalone");
        assertThat(parsed.getAsJsonArray("icons")).hasSize(5);

        // a Playwright context is off the record, where Chromium installs nothing: that is all it objects to
        JsonObject installability = devTools.send("Page.getInstallabilityErrors");
        assertThat(installability.getAsJsonArray("installabilityErrors"))
                .extracting(error -> error.getAsJsonObject().get("errorId").getAsString())
                .containsOnly("in-incognito");
    }

    @Test
    void theOfflinePageIsAccessibleInEveryLanguageAndTheme() {
        for (String prefix : new String[] {"", "/de", "/ar"}) {
            for (Options options :
                    new Options[] {Options.defaults(), Options.defaults().dark()}) {
                Page page = open(options);
                page.navigate(prefix + "/offline");
                assertThat(page.locator("h1")).isVisible();
                assertAccessible(page, options);
                screenshot(page, "offline-page" + prefix.replace('/', '-') + "-" + options.colorScheme());
            }
        }
    }

    @Test
    void switchedOffTheWorkerRemovesItselfAndWhatItKept() {
        Page page = open();
        page.navigate("/products/" + product);
        awaitControl(page);
        page.reload();
        awaitKept(page, "/products/" + product);

        flags.set(Feature.PWA.key(), false, null);
        page.navigate("/products/" + product);
        assertThat(page.locator("link[rel=manifest]")).hasCount(0);
        awaitTrue(
                page,
                "async () => (await navigator.serviceWorker.getRegistrations()).length === 0"
                        + " && (await caches.keys()).length === 0",
                null);

        page.context().setOffline(true);
        assertThatThrownBy(() -> page.navigate("/c/" + category))
                .isInstanceOf(PlaywrightException.class)
                .hasMessageContaining("ERR_INTERNET_DISCONNECTED");
    }

    private static void awaitControl(Page page) {
        page.waitForFunction("() => navigator.serviceWorker.controller !== null");
    }

    /** The worker keeps a page after answering with it. */
    private static void awaitKept(Page page, String path) {
        awaitTrue(page, "async (path) => !!(await caches.match(new URL(path, location.href).href))", path);
    }

    /** Until an async script answers true ({@code waitForFunction} would take its promise for true). */
    private static void awaitTrue(Page page, String script, @Nullable Object argument) {
        await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.TRUE.equals(page.evaluate(script, argument)));
    }
}
