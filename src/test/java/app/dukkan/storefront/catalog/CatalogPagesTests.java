package app.dukkan.storefront.catalog;

import static app.dukkan.testing.CatalogFixtures.product;
import static app.dukkan.testing.CatalogFixtures.unique;
import static app.dukkan.testing.CatalogFixtures.variant;
import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The catalog's pages over HTTP, read as a browser without JavaScript would read them. */
@DukkanTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogPagesTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    CatalogFixtures fixtures;
    ApiClient admin;
    ApiClient seller;
    String brand;
    String home;
    String lamps;
    String rugs;
    JsonNode desk;
    JsonNode floor;
    JsonNode rug;
    JsonNode draft;
    JsonNode archived;
    JsonNode hostile;

    @BeforeAll
    void createCatalog() {
        fixtures = new CatalogFixtures(port);
        admin = fixtures.admin();
        seller = fixtures.seller();
        brand = "Lumivra" + unique("").substring(0, 4);
        home = fixtures.category("Home Light", null);
        lamps = fixtures.category("Lamps", home);
        rugs = fixtures.category("Rugs", home);
        desk = fixtures.createProduct(
                seller,
                product(
                        brand + " Desk Lamp",
                        lamps,
                        List.of(variant("39.00", 3), variant("45.00", 40), variant("49.00", 0))));
        floor = fixtures.createProduct(seller, product(brand + " Floor Lamp", lamps, List.of(variant("120.00", 7))));
        rug = fixtures.createProduct(seller, product(brand + " Wool Rug", rugs, List.of(variant("80.00", 0))));
        for (int i = 0; i < 30; i++) {
            fixtures.createProduct(
                    seller, product(brand + " Tea Light " + i, lamps, List.of(variant(String.valueOf(2 + i), 5))));
        }
        Map<String, Object> hidden = product(brand + " Draft Lantern", lamps, List.of(variant("9.00", 1)));
        hidden.put("status", "draft");
        draft = fixtures.createProduct(seller, hidden);
        archived = fixtures.createProduct(seller, product(brand + " Old Sconce", lamps, List.of(variant("4.00", 2))));
        seller.post("/api/v1/admin/products/" + archived.get("id").asString() + "/archive", null)
                .expectStatus(200);
        hostile = fixtures.createProduct(
                seller,
                product(
                        brand + " </script><script>alert(1)</script> & <!-- Lamp",
                        lamps,
                        List.of(variant("10.00", 1))));
    }

    private ApiClient browser() {
        return new ApiClient(port).header("Accept", "text/html");
    }

    private Page page(String path) {
        ApiClient.Response response = browser().get(path);
        return new Page(response.status(), Jsoup.parse(response.body()), response);
    }

    private record Page(int status, Document html, ApiClient.Response response) {
        String canonical() {
            Element link = html.selectFirst("link[rel=canonical]");
            return link == null ? null : link.attr("href");
        }

        boolean noindex() {
            Element robots = html.selectFirst("meta[name=robots]");
            return robots != null && robots.attr("content").contains("noindex");
        }

        List<String> productNames() {
            return html.select("#results .product-card h3, #results .product-card .product-card__name")
                    .eachText();
        }
    }

    private static String slug(JsonNode product) {
        return product.get("slug").asString();
    }

    private static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void homeShowsCategoriesAndFeaturedProducts() {
        admin.patch("/api/v1/admin/products/" + floor.get("id").asString(), Map.of("featured", true))
                .expectStatus(200);

        Page page = page("/");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.html().select("a[href=/c/" + home + "]")).isNotEmpty();
        assertThat(page.html().select("nav.categories a[href^=/c/]"))
                .as("the header's category menu: the first eight top categories")
                .hasSizeBetween(1, 8);
        assertThat(page.html().select("a[href=/products/" + slug(floor) + "]")).isNotEmpty();
        assertThat(page.html().selectFirst("h1")).isNotNull();
        assertThat(page.canonical()).endsWith("/");
        assertThat(page.noindex()).isFalse();
    }

    @Test
    void listingTakesFiltersSortAndPageFromTheUrl() {
        Page page = page("/c/" + lamps + "?q=" + q(brand + " lamp") + "&min_price=30&sort=price_desc");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.productNames()).containsExactly(brand + " Floor Lamp", brand + " Desk Lamp");
        assertThat(page.html().selectFirst("#filter-q").val()).isEqualTo(brand + " lamp");
        assertThat(page.html().selectFirst("input[name=min_price]").val()).isEqualTo("30");
        assertThat(page.html().selectFirst("select[name=sort] option[selected]").val())
                .isEqualTo("price_desc");
        assertThat(page.canonical())
                .as("filtered listings point at the category")
                .endsWith("/c/" + lamps);
        assertThat(page.noindex()).as("searches are not indexed").isTrue();
    }

    @Test
    void listingPagesAreLinkedAndKeepTheirPageInTheCanonicalLink() {
        Page first = page("/c/" + lamps);
        assertThat(first.productNames()).hasSize(ListingView.PAGE_SIZE);
        Element next = first.html().selectFirst("a[rel=next]");
        assertThat(next.attr("href")).isEqualTo("/c/" + lamps + "?page=2");
        assertThat(first.canonical()).endsWith("/c/" + lamps);
        assertThat(first.noindex()).isFalse();

        Page second = page("/c/" + lamps + "?page=2");
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.productNames()).isNotEmpty().doesNotContainAnyElementsOf(first.productNames());
        assertThat(second.canonical()).endsWith("/c/" + lamps + "?page=2");
        assertThat(second.html().selectFirst("a[rel=prev]").attr("href")).isEqualTo("/c/" + lamps);
    }

    @Test
    void facetsCountProductsAndLinkToTheirFilter() {
        Page page = page("/products?q=" + q(brand));

        Element homeFacet = page.html().selectFirst(".facets a[href^=/c/" + home + "]");
        assertThat(homeFacet.attr("href")).contains("q=");
        assertThat(homeFacet.selectFirst(".facets__count").text()).isEqualTo("34");
        assertThat(page.html().select(".facets a[href*=max_price]")).isNotEmpty();

        Page inHome = page("/c/" + home + "?q=" + q(brand));
        assertThat(inHome.html()
                        .selectFirst(".facets a[href^=/c/" + lamps + "] .facets__count")
                        .text())
                .isEqualTo("33");
        assertThat(inHome.html()
                        .selectFirst(".facets a[href^=/c/" + rugs + "] .facets__count")
                        .text())
                .isEqualTo("1");
        assertThat(inHome.html().selectFirst(".facets a[aria-current=page]").attr("href"))
                .startsWith("/c/" + home);
    }

    @Test
    void germanAndArabicPagesPointToTheirOwnLanguage() {
        Page german = page("/de/c/" + lamps + "?page=2");
        assertThat(german.status()).isEqualTo(200);
        assertThat(german.html().selectFirst("html").attr("lang")).isEqualTo("de");
        assertThat(german.canonical()).endsWith("/de/c/" + lamps + "?page=2");
        assertThat(german.html().selectFirst("a[rel=prev]").attr("href")).isEqualTo("/de/c/" + lamps);
        assertThat(german.html().select("link[rel=alternate][hreflang=ar]").attr("href"))
                .endsWith("/ar/c/" + lamps + "?page=2");

        Page arabic = page("/ar/products/" + slug(desk));
        assertThat(arabic.html().selectFirst("html").attr("dir")).isEqualTo("rtl");
        assertThat(arabic.canonical()).endsWith("/ar/products/" + slug(desk));
        assertThat(arabic.html().selectFirst("form.add-to-cart").attr("action")).isEqualTo("/ar/cart/items");
        assertThat(arabic.html().selectFirst("meta[property=og:locale]").attr("content"))
                .isEqualTo("ar");
    }

    @Test
    void draftsAndArchivedProductsAreNeverListed() {
        Page page = page("/products?q=" + q(brand) + "&page=1");
        Page second = page("/products?q=" + q(brand) + "&page=2");
        String all = page.html().text() + second.html().text();
        assertThat(all).doesNotContain("Draft Lantern", "Old Sconce");
    }

    @Test
    void showsAnEmptyStateWhenNothingMatches() {
        Page page = page("/products?q=" + q(brand + " xylophone"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.productNames()).isEmpty();
        assertThat(page.html().select(".empty-state")).isNotEmpty();
        assertThat(page.html().select(".empty-state a[href=/products]")).isNotEmpty();
    }

    /** A search of nothing but punctuation finds nothing, and stays where it was asked. */
    @Test
    void aSearchOfPunctuationAloneShowsNothingFoundWhereItWasAsked() {
        Page page = page("/products?q=" + q("!!"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.productNames()).isEmpty();
        assertThat(page.html().select(".empty-state")).isNotEmpty();
        assertThat(page.html().selectFirst("h1").text()).contains("!!");
    }

    @Test
    void hostileParametersGiveAFriendlyPageNeverAnError() {
        for (String query : List.of(
                "page=99999999999999999999",
                "page=-1",
                "page=abc",
                "sort=drop%20table",
                "min_price=abc",
                "min_price=1e400",
                "max_price=-5",
                "min_price=50&max_price=10",
                "min_price=99999999999999",
                "q=%3Cscript%3E",
                "q=" + "x".repeat(3000),
                "category=does-not-exist")) {
            Page page = page("/products?" + query);
            assertThat(page.status()).as(query).isEqualTo(200);
            assertThat(page.html().select("h1")).as(query).isNotEmpty();
            assertThat(page.noindex()).as(query).isTrue();
        }
        Page unknownValue = page("/products?in_stock=maybe&utm_source=mail");
        assertThat(unknownValue.status()).isEqualTo(303);
        assertThat(unknownValue.response().header("Location")).isEqualTo("/products");

        Page range = page("/products?min_price=50&max_price=10");
        assertThat(range.html().selectFirst("input[name=max_price]").attr("aria-invalid"))
                .isEqualTo("true");
        assertThat(range.html().selectFirst("input[name=max_price]").val()).isEqualTo("10");

        Page beyond = page("/c/" + lamps + "?page=500");
        assertThat(beyond.status()).isEqualTo(404);
        assertThat(beyond.html().select("a[href=/c/" + lamps + "]")).isNotEmpty();
    }

    @Test
    void sendsAFormsEmptyAndDefaultFieldsToTheStatesOneUrl() {
        Page submitted = page("/c/" + lamps + "?q=&min_price=30&max_price=&sort=newest&page=1");
        assertThat(submitted.status()).isEqualTo(303);
        assertThat(submitted.response().header("Location")).isEqualTo("/c/" + lamps + "?min_price=30");

        Page byParameter = page("/products?category=" + lamps + "&sort=price_asc");
        assertThat(byParameter.response().header("Location")).isEqualTo("/c/" + lamps + "?sort=price_asc");

        ApiClient.Response htmx =
                browser().header("HX-Request", "true").get("/c/" + lamps + "?q=&min_price=30&max_price=&sort=newest");
        assertThat(htmx.status()).isEqualTo(200);
        assertThat(htmx.header("HX-Push-Url")).isEqualTo("/c/" + lamps + "?min_price=30");
    }

    @Test
    void answersAnHtmxRequestWithTheListingFragmentOnly() {
        ApiClient.Response response = browser()
                .header("HX-Request", "true")
                .header("HX-Target", "listing")
                .get("/c/" + lamps + "?sort=price_asc");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("<html", "<body", "site-header");
        Document fragment = Jsoup.parseBodyFragment(response.body());
        assertThat(fragment.select("#listing")).hasSize(1);
        assertThat(response.header("Vary")).containsIgnoringCase("HX-Request");
    }

    @Test
    void productPageChoosesAVariantWithoutJavaScript() {
        Page page = page("/products/" + slug(desk));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.html().selectFirst("h1").text()).isEqualTo(brand + " Desk Lamp");
        Element addForm = page.html().selectFirst("form[action=/cart/items]");
        String first = desk.get("variants").get(0).get("id").asString();
        assertThat(addForm.selectFirst("input[name=variant_id]").val()).isEqualTo(first);
        assertThat(addForm.selectFirst("input[name=quantity]").attr("max")).isEqualTo("3");
        assertThat(page.html().select("#buy-box").text()).contains("39");

        // the variant form is a GET form: choosing the second variant loads the page with ?variant=
        Element chooser = page.html().selectFirst("form.variant-chooser");
        assertThat(chooser.attr("method")).isEqualToIgnoringCase("get");
        String second = desk.get("variants").get(1).get("id").asString();
        Page chosen = page("/products/" + slug(desk) + "?variant=" + second);
        Element chosenForm = chosen.html().selectFirst("form[action=/cart/items]");
        assertThat(chosenForm.selectFirst("input[name=variant_id]").val()).isEqualTo(second);
        assertThat(chosenForm.selectFirst("input[name=quantity]").attr("max")).isEqualTo("10");
        assertThat(chosen.html().select("#buy-box").text()).contains("45");
        assertThat(chosen.canonical()).endsWith("/products/" + slug(desk));

        String soldOut = desk.get("variants").get(2).get("id").asString();
        Page none = page("/products/" + slug(desk) + "?variant=" + soldOut);
        assertThat(none.html().selectFirst("form[action=/cart/items] button").hasAttr("disabled"))
                .isTrue();

        Page unknown = page("/products/" + slug(desk) + "?variant=not-a-variant");
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.html().selectFirst("input[name=variant_id]").val()).isEqualTo(first);
        assertThat(unknown.noindex()).isTrue();
    }

    @Test
    void productPageSaysWhenFewAreLeft() {
        Page page = page("/products/" + slug(desk));
        assertThat(page.html().select("#buy-box").text()).contains("3");
        assertThat(page.html().select(".stock--few")).isNotEmpty();
    }

    @Test
    void unknownDraftAndArchivedProductsAndUnknownCategoriesAreNotFound() {
        for (String path : List.of(
                "/products/no-such-product",
                "/products/" + slug(draft),
                "/products/" + slug(archived),
                "/products/" + "x".repeat(300),
                "/c/no-such-category")) {
            Page page = page(path);
            assertThat(page.status()).as(path).isEqualTo(404);
            assertThat(page.response().header("Content-Type")).as(path).startsWith("text/html");
        }
    }

    @Test
    void productPageCarriesStructuredDataThatHostileNamesCannotBreak() throws Exception {
        ApiClient.Response response = browser().get("/products/" + slug(hostile));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("<script>alert(1)</script>");

        Document html = Jsoup.parse(response.body());
        Element data = html.selectFirst("script[type=application/ld+json]");
        assertThat(data.data()).doesNotContain("<", ">", "&");
        JsonNode graph = JSON.readTree(data.data()).get("@graph");
        JsonNode product = graph.get(0);
        assertThat(product.get("@type").asString()).isEqualTo("Product");
        assertThat(product.get("name").asString()).isEqualTo(hostile.get("name").asString());
        JsonNode offer = product.get("offers").get(0);
        assertThat(offer.get("price").asString()).isEqualTo("10.00");
        assertThat(offer.get("priceCurrency").asString()).isEqualTo("EUR");
        assertThat(offer.get("availability").asString()).isEqualTo("https://schema.org/InStock");
        JsonNode crumbs = graph.get(1).get("itemListElement");
        assertThat(crumbs.get(1).get("item").asString()).endsWith("/c/" + home);
        assertThat(html.selectFirst("meta[property=og:title]").attr("content"))
                .isEqualTo(hostile.get("name").asString());
        assertThat(html.title()).contains(hostile.get("name").asString());
    }

    @Test
    void suggestsProductsAndCategoriesAsAFragmentOfLinks() {
        ApiClient.Response response =
                browser().header("HX-Request", "true").get("/search/suggest?q=" + q(brand + " floo"));
        assertThat(response.status()).isEqualTo(200);
        Document fragment = Jsoup.parseBodyFragment(response.body());
        assertThat(fragment.select("a[href=/products/" + slug(floor) + "]")).hasSize(1);

        ApiClient.Response none = browser().get("/search/suggest?q=" + q("<script>"));
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.body()).doesNotContain("<script>");
    }

    @Test
    void robotsTxtKeepsCrawlersOutOfShoppersPagesAndNamesTheSitemap() {
        ApiClient.Response robots = browser().get("/robots.txt");
        assertThat(robots.status()).isEqualTo(200);
        assertThat(robots.header("Content-Type")).startsWith("text/plain");
        assertThat(robots.body())
                .contains("Disallow: /account", "Disallow: /de/account")
                .doesNotContain("Disallow: /cart", "Disallow: /checkout")
                .contains("Disallow: /api/", "Allow: /api/docs")
                .containsPattern("Sitemap: https?://[^/]+/sitemap.xml");
    }

    @Test
    void sitemapIndexPointsToChunkedSitemapsPerLanguageWithoutDrafts() {
        ApiClient.Response index = browser().get("/sitemap.xml");
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.header("Content-Type")).startsWith("application/xml");
        Document xml = Jsoup.parse(index.body(), "", org.jsoup.parser.Parser.xmlParser());
        List<String> locations = xml.select("sitemap > loc").eachText();
        assertThat(locations).anyMatch(l -> l.endsWith("/sitemaps/en-pages.xml"));
        assertThat(locations).anyMatch(l -> l.endsWith("/sitemaps/ar-products-1.xml"));
        assertThat(xml.select("sitemap > lastmod")).isNotEmpty();

        StringBuilder all = new StringBuilder();
        int chunks = 0;
        for (String location : locations) {
            if (!location.contains("/sitemaps/de-products-")) {
                continue;
            }
            chunks++;
            String path = location.substring(location.indexOf("/sitemaps/"));
            ApiClient.Response part = browser().get(path);
            assertThat(part.status()).isEqualTo(200);
            Document urls = Jsoup.parse(part.body(), "", org.jsoup.parser.Parser.xmlParser());
            assertThat(urls.select("url").size()).isBetween(1, 20);
            all.append(part.body());
        }
        assertThat(chunks).as("the test profile cuts sitemaps at 20 products").isGreaterThan(1);
        assertThat(all.toString())
                .contains("/de/products/" + slug(desk) + "</loc>")
                .contains("hreflang=\"ar\"")
                .contains("<lastmod>")
                .doesNotContain(slug(draft), slug(archived));

        ApiClient.Response pages = browser().get("/sitemaps/en-pages.xml");
        assertThat(pages.body()).contains("/c/" + lamps + "</loc>");
        assertThat(browser().get("/sitemaps/xx-pages.xml").status()).isEqualTo(404);
        assertThat(browser().get("/sitemaps/en-products-9999.xml").status()).isEqualTo(404);
    }
}
