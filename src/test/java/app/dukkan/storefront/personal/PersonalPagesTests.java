package app.dukkan.storefront.personal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.platform.Feature;
import app.dukkan.platform.FeatureFlags;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.PageClient;
import app.dukkan.testing.PageClient.Page;
import app.dukkan.testing.Shop;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The recommendation and recently viewed slots of the product, home and account pages, without JavaScript. */
@DukkanTest
class PersonalPagesTests {

    private static final String PASSWORD = "correct horse 42";

    @LocalServerPort
    int port;

    @Autowired
    FeatureFlags flags;

    @Autowired
    MeterRegistry meters;

    Shop shop;

    @BeforeEach
    void setUp() {
        shop = new Shop(port);
    }

    @AfterEach
    void flagBackOn() {
        flags.set(Feature.RECOMMENDATIONS.key(), true, null);
    }

    private PageClient signedIn() {
        String email = CatalogFixtures.unique("viewer-") + "@example.com";
        new ApiClient(port).register(email, PASSWORD);
        PageClient pages = new PageClient(port);
        Page login = pages.get("/login").expectStatus(200);
        assertThat(pages.submit(login, "form[action$=/login]", Map.of("email", email, "password", PASSWORD))
                        .location())
                .isEqualTo("/account");
        return pages;
    }

    private double pageCacheHits() {
        return meters.get("cache.gets")
                .tag("cache", "storefront.pages")
                .tag("result", "hit")
                .functionCounter()
                .count();
    }

    private static List<String> links(Element section) {
        return section.select("a.product-card__link").stream()
                .map(link -> link.attr("href"))
                .toList();
    }

    @Test
    void theProductPageShowsWhatWasBoughtTogetherOnlyWhenThereIsSome() {
        Shop.Variant kettle = shop.product("20.00", 20);
        Shop.Variant teapot = shop.product("15.00", 20);
        // shown once at least three orders hold the pair
        for (int i = 0; i < 3; i++) {
            ApiClient customer = shop.customer();
            shop.addToCart(customer, teapot, 1);
            shop.buy(customer, kettle, 1, null);
        }
        ApiClient anyone = shop.guest();
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> anyone.get("/api/v1/recommendations?product=" + kettle.productSlug())
                        .expectStatus(200)
                        .body()
                        .contains(teapot.productSlug()));
        PageClient pages = new PageClient(port);

        Page page = pages.get("/products/" + kettle.productSlug()).expectStatus(200);
        assertThat(links(page.one("#bought-together"))).containsExactly("/products/" + teapot.productSlug());
        assertThat(page.one("#bought-together-title").text()).isEqualTo("Bought together");
        assertThat(pages.get("/de/products/" + kettle.productSlug())
                        .one("#bought-together-title")
                        .text())
                .isEqualTo("Zusammen gekauft");

        Shop.Variant alone = shop.product("9.00", 3);
        Page lonely = pages.get("/products/" + alone.productSlug()).expectStatus(200);
        assertThat(lonely.html().select("#bought-together")).isEmpty();
        // an anonymous shopper's recently viewed slot is empty, for the browser's script to fill
        Element slot = lonely.one(".recently-viewed-slot");
        assertThat(slot.hasAttr("hidden")).isTrue();
        assertThat(slot.attr("data-current")).isEqualTo(alone.productSlug());
        assertThat(slot.attr("data-src")).isEqualTo("/recently-viewed");
        assertThat(slot.children()).isEmpty();
        assertThat(pages.get("/ar/products/" + alone.productSlug())
                        .one(".recently-viewed-slot")
                        .attr("data-src"))
                .isEqualTo("/ar/recently-viewed");

        flags.set(Feature.RECOMMENDATIONS.key(), false, null);
        Page off = pages.get("/products/" + kettle.productSlug()).expectStatus(200);
        assertThat(off.html()
                        .select("#bought-together, #also-like, .recently-viewed-slot, script[src*=recently-viewed]"))
                .isEmpty();
    }

    @Test
    void theFragmentShowsTheBrowsersRecentlyViewedProductsInThePagesLanguage() {
        Shop.Variant first = shop.product("5.00", 5);
        Shop.Variant second = shop.product("6.00", 5);
        PageClient pages = new PageClient(port);

        Page fragment = pages.get(
                        "/recently-viewed?products=" + second.productSlug() + ",no-such-product," + first.productSlug())
                .expectStatus(200);
        assertThat(links(fragment.one("#recently-viewed")))
                .containsExactly("/products/" + second.productSlug(), "/products/" + first.productSlug());
        assertThat(fragment.one("#recently-viewed-title").text()).isEqualTo("Recently viewed");
        assertThat(fragment.header("Cache-Control")).isEqualTo("no-store");
        Page arabic =
                pages.get("/ar/recently-viewed?products=" + first.productSlug()).expectStatus(200);
        assertThat(arabic.one("#recently-viewed-title").text()).isEqualTo("شوهدت مؤخرًا");
        assertThat(links(arabic.one("#recently-viewed"))).containsExactly("/ar/products/" + first.productSlug());
        assertThat(pages.get("/recently-viewed?products=" + first.productSlug() + "&except=" + first.productSlug())
                        .status())
                .isEqualTo(204);

        assertThat(pages.get("/recently-viewed?products=no-such-product").status())
                .isEqualTo(204);
        assertThat(pages.get("/recently-viewed").status()).isEqualTo(204);
        String many =
                String.join(",", IntStream.range(0, 21).mapToObj(i -> "p" + i).toList());
        pages.get("/recently-viewed?products=" + many).expectStatus(400);
        pages.get("/recently-viewed?products=Not%20a%20slug").expectStatus(400);
        pages.get("/recently-viewed?products=" + "x".repeat(121)).expectStatus(400);

        flags.set(Feature.RECOMMENDATIONS.key(), false, null);
        pages.get("/recently-viewed?products=" + first.productSlug()).expectStatus(404);
    }

    /** A new product of the category; its slug. */
    private String productOf(String category, String name) {
        CatalogFixtures catalog = shop.catalog();
        return catalog.createProduct(
                        catalog.admin(),
                        CatalogFixtures.product(
                                CatalogFixtures.unique(name), category, List.of(CatalogFixtures.variant("4.00", 9))))
                .get("slug")
                .asString();
    }

    @Test
    void aSignedInShopperIsRecommendedWhatGoesWithWhatTheyViewed() {
        String kitchen = shop.catalog().category(CatalogFixtures.unique("Kitchen "), null);
        String viewed = productOf(kitchen, "Whisk ");
        String neighbour = productOf(kitchen, "Ladle ");
        PageClient shopper = signedIn();
        shopper.get("/products/" + viewed).expectStatus(200);

        Page home = shopper.get("/").expectStatus(200);
        assertThat(home.one("#for-you-title").text()).isEqualTo("Recommended for you");
        assertThat(links(home.one("#for-you")))
                .startsWith("/products/" + neighbour)
                .doesNotContain("/products/" + viewed);
        assertThat(home.html().select("#popular-now")).isEmpty();
    }

    @Test
    void noProductTheShopperLookedAtIsRecommendedBesideTheirRecentlyViewed() {
        String kitchen = shop.catalog().category(CatalogFixtures.unique("Kitchen "), null);
        List<String> viewed = IntStream.range(0, 7)
                .mapToObj(i -> productOf(kitchen, "Spoon " + i + " "))
                .toList();
        String neighbour = productOf(kitchen, "Sieve ");
        PageClient shopper = signedIn();
        viewed.forEach(slug -> shopper.get("/products/" + slug).expectStatus(200));

        Page home = shopper.get("/").expectStatus(200);
        List<String> shown = links(home.one("#recently-viewed"));
        assertThat(shown).hasSize(7);
        assertThat(links(home.one("#for-you")))
                .startsWith("/products/" + neighbour)
                .doesNotContainAnyElementsOf(shown);
    }

    @Test
    void aSignedInShoppersRecentlyViewedAreStoredShownAndForgotten() {
        Shop.Variant first = shop.product("7.00", 5);
        Shop.Variant second = shop.product("8.00", 5);
        PageClient shopper = signedIn();
        assertThat(shopper.get("/").expectStatus(200).html().select("#recently-viewed"))
                .isEmpty();

        shopper.get("/products/" + first.productSlug()).expectStatus(200);
        Page secondPage = shopper.get("/products/" + second.productSlug()).expectStatus(200);
        // rendered by the server, without the page's own product
        assertThat(links(secondPage.one(".recently-viewed-slot #recently-viewed")))
                .containsExactly("/products/" + first.productSlug());
        assertThat(secondPage.one(".recently-viewed-slot").hasAttr("data-src")).isFalse();

        // another shopper is served the same cached page, with their own recently viewed products
        PageClient other = signedIn();
        double hits = pageCacheHits();
        Page othersPage = other.get("/products/" + second.productSlug()).expectStatus(200);
        assertThat(pageCacheHits()).isEqualTo(hits + 1);
        assertThat(othersPage.one(".recently-viewed-slot").children()).isEmpty();
        assertThat(links(shopper.get("/products/" + second.productSlug()).one("#recently-viewed")))
                .containsExactly("/products/" + first.productSlug());
        assertThat(links(other.get("/products/" + first.productSlug()).one("#recently-viewed")))
                .containsExactly("/products/" + second.productSlug());

        Page home = shopper.get("/").expectStatus(200);
        assertThat(links(home.one("#recently-viewed")))
                .containsExactly("/products/" + second.productSlug(), "/products/" + first.productSlug());
        // another shopper is not shown them, though the pages are cached
        assertThat(signedIn().get("/").html().select("#recently-viewed")).isEmpty();
        assertThat(new PageClient(port).get("/").html().select("#recently-viewed"))
                .isEmpty();

        Page account = shopper.get("/account").expectStatus(200);
        assertThat(account.one("#recently-viewed .viewed-list").text()).contains("Thing");
        Page cleared = shopper.submit(account, "form[action$=/account/recently-viewed/clear]", Map.of());
        assertThat(cleared.location()).isEqualTo("/account?viewed-cleared#recently-viewed");
        Page after = shopper.follow(cleared).expectStatus(200);
        assertThat(after.one("[role=status]").text()).isEqualTo("We forgot the products you looked at.");
        assertThat(after.html().select("#recently-viewed .viewed-list")).isEmpty();
        assertThat(shopper.get("/").html().select("#recently-viewed")).isEmpty();

        new PageClient(port).post("/account/recently-viewed/clear", Map.of()).expectStatus(403);
    }
}
