package app.dukkan.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.PageClient;
import app.dukkan.testing.PageClient.Page;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@DukkanTest
class PageCacheTests {

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    private double hits() {
        return meters.get("cache.gets")
                .tag("cache", "storefront.pages")
                .tag("result", "hit")
                .functionCounter()
                .count();
    }

    private JsonNode product(CatalogFixtures catalog, int stock) {
        String category = catalog.category(CatalogFixtures.unique("Lamps"), null);
        return catalog.createProduct(
                catalog.admin(),
                CatalogFixtures.product(
                        CatalogFixtures.unique("Cached lamp"),
                        category,
                        List.of(CatalogFixtures.variant("19.90", stock))));
    }

    @Test
    void anonymousShoppersGetTheRenderedPageWithTheirOwnFormToken() {
        CatalogFixtures catalog = new CatalogFixtures(port);
        String slug = product(catalog, 8).get("slug").asString();
        String path = "/products/" + slug;

        PageClient first = new PageClient(port);
        PageClient second = new PageClient(port);
        Page rendered = first.get(path).expectStatus(200);
        double before = hits();
        Page served = second.get(path).expectStatus(200);

        assertThat(hits()).isEqualTo(before + 1);
        String firstToken =
                rendered.one("form[action=/cart/items] input[name=_csrf]").val();
        String secondToken =
                served.one("form[action=/cart/items] input[name=_csrf]").val();
        assertThat(secondToken).isNotBlank().isNotEqualTo(firstToken).doesNotContain("slot");
        assertThat(second.cookie("XSRF-TOKEN"))
                .as("the token's cookie is issued with the cached page")
                .isNotNull();
        assertThat(served.one("h1").text()).isEqualTo(rendered.one("h1").text());
    }

    /** A page without data of its own (the privacy notice) still shows the header's menu as it is now. */
    @Test
    void aCachedPageShowsTheCategoryMenuAsItIsNow() {
        CatalogFixtures catalog = new CatalogFixtures(port);
        catalog.category(CatalogFixtures.unique("Menu"), null);
        Page before = new PageClient(port).get("/privacy").expectStatus(200);
        var link = before.one("nav.categories li:nth-child(2) a");
        String first = link.attr("href").replace("/c/", "");
        String name = link.text();
        String renamed = CatalogFixtures.unique("Renamed");

        catalog.admin()
                .patch("/api/v1/admin/categories/" + first, java.util.Map.of("name", renamed))
                .expectStatus(200);

        Page after = new PageClient(port).get("/privacy").expectStatus(200);
        // other tests' categories may share the old name: the renamed one is told by its link
        var moved = after.html().select("nav.categories a[href=/c/" + first + "]");
        if (moved.isEmpty()) {
            assertThat(shown(after, name))
                    .as("the menu, out of which the category moved with its new name")
                    .isLessThan(shown(before, name));
        } else {
            assertThat(moved.text()).isEqualTo(renamed);
        }
    }

    private static long shown(Page page, String name) {
        return page.html().select("nav.categories a").eachText().stream()
                .filter(name::equals)
                .count();
    }

    @Test
    void aStockChangeShowsAtOnce() {
        CatalogFixtures catalog = new CatalogFixtures(port);
        JsonNode product = product(catalog, 8);
        String path = "/products/" + product.get("slug").asString();
        PageClient shopper = new PageClient(port);
        assertThat(shopper.get(path).one("form[action=/cart/items] button").hasAttr("disabled"))
                .isFalse();
        shopper.get(path);

        catalog.admin()
                .patch(
                        "/api/v1/admin/products/" + product.get("id").asString() + "/variants/"
                                + product.get("variants").get(0).get("id").asString(),
                        Map.of("stock", 0))
                .expectStatus(200);

        assertThat(shopper.get(path).one("form[action=/cart/items] button").hasAttr("disabled"))
                .isTrue();
    }

    @Test
    void signedInShoppersAndOtherLanguagesAndThemesGetTheirOwnPage() {
        String path =
                "/products/" + product(new CatalogFixtures(port), 8).get("slug").asString();
        new PageClient(port).get(path).expectStatus(200);

        assertThat(new PageClient(port).get("/de" + path).one("html").attr("lang"))
                .isEqualTo("de");
        PageClient dark = new PageClient(port);
        dark.get("/theme/dark");
        assertThat(dark.get(path).one("html").hasClass("theme-dark")).isTrue();

        String email = CatalogFixtures.unique("cached") + "@example.com";
        new ApiClient(port).register(email, "Str0ng-Passphrase-4711");
        PageClient member = new PageClient(port);
        Page login = member.get("/login");
        member.submit(login, "form[action$=/login]", Map.of("email", email, "password", "Str0ng-Passphrase-4711"));
        Page signedIn = member.get(path).expectStatus(200);
        assertThat(signedIn.html().select("header form[action$=/logout]")).hasSize(1);

        // another member with the same header (signed in, a customer, an empty cart) gets the same page
        String otherEmail = CatalogFixtures.unique("cached") + "@example.com";
        new ApiClient(port).register(otherEmail, "Str0ng-Passphrase-4711");
        PageClient other = new PageClient(port);
        other.submit(
                other.get("/login"),
                "form[action$=/login]",
                Map.of("email", otherEmail, "password", "Str0ng-Passphrase-4711"));
        double before = hits();
        Page served = other.get(path).expectStatus(200);
        assertThat(hits()).isEqualTo(before + 1);
        assertThat(served.one("header form[action$=/logout] input[name=_csrf]").val())
                .isNotEqualTo(signedIn.one("header form[action$=/logout] input[name=_csrf]")
                        .val());
        assertThat(served.one("#cart-count").text()).isEqualTo("0");
    }
}
