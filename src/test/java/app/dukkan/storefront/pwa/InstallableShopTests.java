package app.dukkan.storefront.pwa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.platform.AppVersion;
import app.dukkan.platform.Feature;
import app.dukkan.platform.FeatureFlags;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.PageClient;
import app.dukkan.testing.PageClient.Page;
import app.dukkan.testing.SecondInstance;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The manifest, the service worker's script and the offline page over HTTP, with the flag on and off. */
@DukkanTest
class InstallableShopTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    FeatureFlags flags;

    @Autowired
    JsonMapper json;

    @Autowired
    AppVersion appVersion;

    @Autowired
    DataSource dataSource;

    @AfterEach
    void switchBackOn() {
        flags.set(Feature.PWA.key(), true, null);
    }

    @Test
    void eachLanguageHasAManifestWithItsNameDirectionAndScope() throws Exception {
        for (List<String> language : List.of(
                List.of("", "en", "ltr", "Dukkan shop"),
                List.of("/de", "de", "ltr", "Dukkan-Shop"),
                List.of("/ar", "ar", "rtl", "متجر دكّان"))) {
            String prefix = language.get(0);
            Page answer =
                    new PageClient(port).get(prefix + "/manifest.webmanifest").expectStatus(200);
            assertThat(answer.header("Content-Type")).isEqualTo("application/manifest+json;charset=UTF-8");

            JsonNode manifest = json.readTree(answer.body());
            assertThat(manifest.get("name").asString()).isEqualTo(language.get(3));
            assertThat(manifest.get("short_name").asString()).isNotBlank();
            assertThat(manifest.get("lang").asString()).isEqualTo(language.get(1));
            assertThat(manifest.get("dir").asString()).isEqualTo(language.get(2));
            assertThat(manifest.get("start_url").asString()).isEqualTo(prefix + "/");
            assertThat(manifest.get("scope").asString()).isEqualTo(prefix + "/");
            assertThat(manifest.get("id").asString()).isEqualTo(prefix + "/");
            assertThat(manifest.get("display").asString()).isEqualTo("standalone");
            assertThat(manifest.get("theme_color").asString()).isEqualTo("#0f766e");
            assertThat(manifest.get("background_color").asString()).isEqualTo("#ffffff");
        }
    }

    /** What Chromium asks of an installable app's icons: PNGs of 192 and 512 pixels, maskable ones too. */
    @Test
    void theIconsAreRealImagesOfTheirDeclaredSize() throws Exception {
        JsonNode icons = json.readTree(new PageClient(port)
                        .get("/manifest.webmanifest")
                        .expectStatus(200)
                        .body())
                .get("icons");

        assertThat(icons)
                .extracting(icon ->
                        icon.get("sizes").asString() + " " + icon.get("purpose").asString())
                .containsExactlyInAnyOrder(
                        "any any", "192x192 any", "512x512 any", "192x192 maskable", "512x512 maskable");
        for (JsonNode icon : icons) {
            String src = icon.get("src").asString();
            assertThat(src).as("fingerprinted").matches("/assets/img/.+-[0-9a-f]{32}\\.(png|svg)");
            HttpResponse<byte[]> file = fetch(src);
            assertThat(file.statusCode()).isEqualTo(200);
            assertThat(file.headers().firstValue("Content-Type"))
                    .hasValue(icon.get("type").asString());
            if (icon.get("type").asString().equals("image/png")) {
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(file.body()));
                assertThat(image.getWidth() + "x" + image.getHeight())
                        .isEqualTo(icon.get("sizes").asString());
                if (icon.get("purpose").asString().equals("maskable")) {
                    // a mask may cut anything outside the middle 80 %: the corners are filled, not transparent
                    assertThat(image.getRGB(0, 0) >>> 24).as("opaque corner").isEqualTo(0xff);
                }
            }
        }
    }

    @Test
    void theThemeColoursAreTheDesignTokens() throws IOException {
        String css = Files.readString(Path.of("src/main/resources/static/assets/css/dukkan.css"));
        assertThat(css)
                .contains("--accent: light-dark(" + InstallableShop.THEME_COLOR)
                .contains("--bg: light-dark(" + InstallableShop.BACKGROUND_COLOR);
    }

    @Test
    void pagesLinkTheManifestOfTheirLanguage() {
        Page page = new PageClient(port).get("/de/products").expectStatus(200);

        assertThat(page.one("link[rel=manifest]").attr("href")).isEqualTo("/de/manifest.webmanifest");
        assertThat(page.one("meta[name=theme-color]").attr("content")).isEqualTo("#0f766e");
        assertThat(page.one("link[rel=apple-touch-icon]").attr("href"))
                .matches("/assets/img/pwa/apple-touch-icon-[0-9a-f]{32}\\.png");
        assertThat(page.html().select("script[src^=/assets/js/pwa-]")).hasSize(1);
    }

    @Test
    void theServiceWorkerIsOneForTheWholeShopNamedByVersion() {
        Page worker = new PageClient(port).get("/sw.js").expectStatus(200);

        assertThat(worker.header("Content-Type")).isEqualTo("text/javascript;charset=UTF-8");
        assertThat(worker.header("Cache-Control")).isEqualTo("no-cache");
        String setup = worker.body()
                .lines()
                .filter(line -> line.startsWith("const SETUP = "))
                .findFirst()
                .orElseThrow();
        JsonNode settings = json.readTree(setup.substring("const SETUP = ".length(), setup.length() - 1));
        assertThat(settings.get("version").asString()).matches(appVersion.value() + "-[0-9a-f]{12}");
        assertThat(settings.get("offlinePages").properties())
                .extracting(entry -> entry.getKey() + " " + entry.getValue().asString())
                .containsExactly(" /offline", "/de /de/offline", "/ar /ar/offline");
        assertThat(worker.body()).contains("dukkan-pages-", "addEventListener(\"fetch\"");

        // under a language prefix it would control only that language's pages
        new PageClient(port).get("/de/sw.js").expectStatus(404);
    }

    /** The browser reads the worker at its English address: that is no choice of language. */
    @Test
    void readingTheWorkerKeepsTheShoppersLanguage() {
        PageClient germanShopper = new PageClient(port).cookie("DUKKAN_LANG", "de");

        Page worker = germanShopper.get("/sw.js").expectStatus(200);

        assertThat(worker.response().headers().allValues("Set-Cookie")).isEmpty();
        assertThat(germanShopper.cookie("DUKKAN_LANG")).isEqualTo("de");
    }

    @Test
    void theOfflinePageSpeaksEachLanguage() {
        for (List<String> language : List.of(
                List.of("", "en", "ltr", "You are offline"),
                List.of("/de", "de", "ltr", "Sie sind offline"),
                List.of("/ar", "ar", "rtl", "أنت غير متصل بالإنترنت"))) {
            Page offline =
                    new PageClient(port).get(language.get(0) + "/offline").expectStatus(200);

            assertThat(offline.one("html").attr("lang")).isEqualTo(language.get(1));
            assertThat(offline.one("html").attr("dir")).isEqualTo(language.get(2));
            assertThat(offline.one("h1").text()).isEqualTo(language.get(3));
            assertThat(offline.one("meta[name=robots]").attr("content")).isEqualTo("noindex");
            // the worker shows it in place of the page asked for: an empty link reloads that page
            assertThat(offline.one("main a.button.primary").attr("href")).isEmpty();
            assertThat(offline.one("main a.button:not(.primary)").attr("href")).isEqualTo(language.get(0) + "/");
        }
    }

    @Test
    void switchedOffThereIsNoManifestNorOfflinePageAndTheWorkerRemovesItself() {
        flags.set(Feature.PWA.key(), false, null);
        PageClient shopper = new PageClient(port);

        shopper.get("/manifest.webmanifest").expectStatus(404);
        shopper.get("/de/manifest.webmanifest").expectStatus(404);
        shopper.get("/offline").expectStatus(404);
        Page page = shopper.get("/products").expectStatus(200);
        assertThat(page.html().select("link[rel=manifest], meta[name=theme-color]"))
                .isEmpty();
        // the page script unregisters a worker installed before
        assertThat(page.html().select("script[src^=/assets/js/pwa-]")).hasSize(1);
        Page worker = shopper.get("/sw.js").expectStatus(200);
        assertThat(worker.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(worker.body())
                .contains("registration.unregister()", "caches.delete")
                .doesNotContain("addEventListener(\"fetch\"");
    }

    @Test
    void switchedOffThroughTheAdminApiEveryInstanceStopsOfferingItWithinASecond() {
        PageClient otherInstance = new PageClient(SecondInstance.port(dataSource));
        otherInstance.get("/manifest.webmanifest").expectStatus(200);

        new CatalogFixtures(port)
                .admin()
                .put("/api/v1/admin/flags/pwa", Map.of("enabled", false))
                .expectStatus(200);

        await().atMost(Duration.ofSeconds(1))
                .until(() -> otherInstance.get("/manifest.webmanifest").status() == 404);
        assertThat(otherInstance.get("/sw.js").body()).contains("registration.unregister()");
        assertThat(otherInstance.get("/ar/products").html().select("link[rel=manifest]"))
                .isEmpty();
    }

    /** A worker cannot see Set-Cookie, so an answer that starts a session says it is not to be kept. */
    @Test
    void aNavigationThatStartsASessionIsMarkedNotToBeKept() {
        Map<String, String> navigation = Map.of("Sec-Fetch-Mode", "navigate");
        PageClient shopper = new PageClient(port);
        Page listing = shopper.get("/products", navigation).expectStatus(200);
        assertThat(listing.header("Dukkan-Offline")).isNull();

        String email = CatalogFixtures.unique("pwa-") + "@example.com";
        new ApiClient(port).register(email, "correct horse 42");
        Page signIn = shopper.submit(
                shopper.get("/login"),
                "form[action$=/login]",
                Map.of("email", email, "password", "correct horse 42"),
                navigation);

        assertThat(signIn.response().headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("DUKKAN_SESSION="));
        assertThat(signIn.header("Dukkan-Offline")).isEqualTo("no-store");
        assertThat(shopper.get("/products", navigation).header("Dukkan-Offline"))
                .isNull();
    }

    private HttpResponse<byte[]> fetch(String path) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
