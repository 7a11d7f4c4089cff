package app.dukkan.catalog;

import static app.dukkan.testing.CatalogFixtures.product;
import static app.dukkan.testing.CatalogFixtures.unique;
import static app.dukkan.testing.CatalogFixtures.variant;
import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.catalog.ShopCatalog.IssueKind;
import app.dukkan.catalog.ShopCatalog.Listing;
import app.dukkan.catalog.ShopCatalog.ListingRequest;
import app.dukkan.catalog.ShopCatalog.ProductCard;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The catalog's API for the shop's pages, over a small catalog of its own. */
@DukkanTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShopCatalogTests {

    @LocalServerPort
    int port;

    @Autowired
    ShopCatalog catalog;

    @Autowired
    CatalogSitemap sitemap;

    @Autowired
    Stock stock;

    CatalogFixtures fixtures;
    ApiClient admin;
    ApiClient seller;
    String brand;
    String kitchen;
    String knives;
    JsonNode knife;
    JsonNode pan;
    JsonNode kettle;
    JsonNode draft;
    JsonNode archived;

    @BeforeAll
    void createCatalog() {
        fixtures = new CatalogFixtures(port);
        admin = fixtures.admin();
        seller = fixtures.seller();
        brand = "Zelbrix" + unique("").substring(0, 4);
        kitchen = fixtures.category("Kitchen Things", null);
        knives = fixtures.category("Sharp Knives", kitchen);
        knife = fixtures.createProduct(
                seller, product(brand + " Chef Knife", knives, List.of(variant("49.00", 5), variant("59.00", 0))));
        pan = fixtures.createProduct(seller, product(brand + " Iron Pan", kitchen, List.of(variant("35.00", 8))));
        kettle = fixtures.createProduct(seller, product(brand + " Kettle", kitchen, List.of(variant("20.00", 3))));
        Map<String, Object> hidden = product(brand + " Draft Grater", kitchen, List.of(variant("9.00", 1)));
        hidden.put("status", "draft");
        draft = fixtures.createProduct(seller, hidden);
        archived = fixtures.createProduct(seller, product(brand + " Old Whisk", kitchen, List.of(variant("4.00", 2))));
        seller.post("/api/v1/admin/products/" + archived.get("id").asString() + "/archive", null)
                .expectStatus(200);
    }

    private Listing list(ListingRequest request) {
        return catalog.listing(request);
    }

    private static ListingRequest inCategory(String category) {
        return new ListingRequest(null, category, null, null, null, null, 0, 20);
    }

    private static List<String> slugs(List<ProductCard> cards) {
        return cards.stream().map(ProductCard::slug).toList();
    }

    @Test
    void listsOnlyActiveProductsWithFacetsAndAppliedFilters() {
        Listing listing = list(new ListingRequest(brand, kitchen, null, null, null, "price_asc", 0, 20));

        assertThat(listing.total()).isEqualTo(3);
        assertThat(slugs(listing.items()))
                .containsExactly(slug(kettle), slug(pan), slug(knife))
                .doesNotContain(slug(draft), slug(archived));
        assertThat(listing.search()).isEqualTo(brand.toLowerCase());
        assertThat(listing.category()).isEqualTo(kitchen);
        assertThat(listing.sort()).isEqualTo("price_asc");
        assertThat(listing.issues()).isEmpty();
        assertThat(listing.filtered()).isTrue();
        assertThat(listing.categoryFacets()).anySatisfy(f -> {
            assertThat(f.slug()).isEqualTo(knives);
            assertThat(f.parent()).isEqualTo(kitchen);
            assertThat(f.count()).isEqualTo(1);
        });
        assertThat(listing.priceFacets().get(0).count()).as("below 25").isEqualTo(1);
        ProductCard first = listing.items().get(0);
        assertThat(first.minPrice().amount()).isEqualByComparingTo("20.00");
        assertThat(first.category().slug()).isEqualTo(kitchen);
        assertThat(first.image().url()).startsWith("https://");
    }

    @Test
    void leavesOutWhatItCannotUseAndSaysWhy() {
        Listing listing = list(new ListingRequest(
                "x".repeat(1001),
                "no-such-category",
                new BigDecimal("50"),
                new BigDecimal("10"),
                null,
                "cheapest",
                99_999,
                20));

        assertThat(listing.issues())
                .extracting(ShopCatalog.Issue::field, ShopCatalog.Issue::kind)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("search", IssueKind.SEARCH_TEXT),
                        org.assertj.core.groups.Tuple.tuple("category", IssueKind.UNKNOWN_CATEGORY),
                        org.assertj.core.groups.Tuple.tuple("max_price", IssueKind.PRICE_RANGE),
                        org.assertj.core.groups.Tuple.tuple("sort", IssueKind.UNKNOWN_SORT),
                        org.assertj.core.groups.Tuple.tuple("page", IssueKind.PAGE_RANGE));
        assertThat(listing.filtered()).isFalse();
        assertThat(listing.page()).isZero();
        assertThat(listing.sort()).isEqualTo("newest");

        Listing hostilePrice = list(new ListingRequest(
                null, kitchen, new BigDecimal("1e-10000000"), new BigDecimal("1e400"), null, null, 0, 20));
        assertThat(hostilePrice.issues())
                .extracting(ShopCatalog.Issue::kind)
                .containsExactly(IssueKind.PRICE_FORMAT, IssueKind.PRICE_TOO_HIGH);
        assertThat(hostilePrice.total()).isEqualTo(3);
    }

    @Test
    void showsActiveProductsWithTheirVariantsAndNothingElse() {
        ShopCatalog.Product product = catalog.product(slug(knife)).orElseThrow();

        assertThat(product.name()).isEqualTo(brand + " Chef Knife");
        assertThat(product.breadcrumbs())
                .extracting(ShopCatalog.CategoryLink::slug)
                .containsExactly(kitchen, knives);
        assertThat(product.variants()).hasSize(2);
        assertThat(product.variants().get(0).available()).isEqualTo(5);
        assertThat(product.variants().get(1).inStock()).isFalse();
        assertThat(product.variant(product.variants().get(1).id())).isPresent();
        assertThat(product.variant(UUID.randomUUID())).isEmpty();
        assertThat(product.images()).hasSize(1);

        assertThat(catalog.product(slug(draft))).isEmpty();
        assertThat(catalog.product(slug(archived))).isEmpty();
        assertThat(catalog.product("no-such-product")).isEmpty();
        assertThat(catalog.product("x".repeat(500))).isEmpty();
    }

    @Test
    void knowsCategoriesWithTheirPathAndChildren() {
        ShopCatalog.CategoryPage page = catalog.category(knives).orElseThrow();
        assertThat(page.path()).extracting(ShopCatalog.CategoryLink::slug).containsExactly(kitchen, knives);
        assertThat(catalog.category(kitchen).orElseThrow().children())
                .extracting(ShopCatalog.CategoryLink::slug)
                .containsExactly(knives);
        assertThat(catalog.category("nope")).isEmpty();
        assertThat(catalog.categories()).anySatisfy(root -> {
            assertThat(root.slug()).isEqualTo(kitchen);
            assertThat(root.children())
                    .extracting(ShopCatalog.CategoryNode::slug)
                    .containsExactly(knives);
        });
    }

    @Test
    void featuresOnlyWhatAnAdminFeatured() {
        String panId = pan.get("id").asString();
        seller.patch("/api/v1/admin/products/" + panId, Map.of("featured", true))
                .expectStatus(403);
        assertThat(slugs(catalog.featured(48))).doesNotContain(slug(pan));

        JsonNode featured = admin.patch("/api/v1/admin/products/" + panId, Map.of("featured", true))
                .expectStatus(200)
                .json();
        assertThat(featured.get("featured").asBoolean()).isTrue();
        assertThat(slugs(catalog.featured(48))).contains(slug(pan)).doesNotContain(slug(kettle));

        admin.patch("/api/v1/admin/products/" + panId, Map.of("featured", false))
                .expectStatus(200);
        assertThat(slugs(catalog.featured(48))).doesNotContain(slug(pan));
    }

    @Test
    void ranksPopularProductsByUnitsSoldLessUnitsPutBack() {
        UUID kettleVariant = variantId(kettle);
        UUID panVariant = variantId(pan);
        String elsewhere = fixtures.category("Cutlery", null);
        // a catalog change, so that the ranking is computed after the sales below
        fixtures.createProduct(seller, product(brand + " Spoon", elsewhere, List.of(variant("2.00", 9))));
        assertThat(stock.commit("order-" + UUID.randomUUID(), Map.of(panVariant, 1)))
                .isTrue();
        assertThat(stock.commit("order-" + UUID.randomUUID(), Map.of(kettleVariant, 2)))
                .isTrue();
        fixtures.createProduct(seller, product(brand + " Fork", elsewhere, List.of(variant("2.00", 9))));

        List<String> popular = slugs(catalog.popular(48));
        assertThat(popular).contains(slug(kettle), slug(pan)).doesNotContain(slug(knife));
        assertThat(popular.indexOf(slug(kettle))).isLessThan(popular.indexOf(slug(pan)));

        stock.restore(Map.of(kettleVariant, 2));
        fixtures.createProduct(seller, product(brand + " Ladle", elsewhere, List.of(variant("2.00", 9))));
        assertThat(slugs(catalog.popular(48))).contains(slug(pan)).doesNotContain(slug(kettle));
    }

    @Test
    void suggestsCategoriesAndProductsForWhatIsTyped() {
        ShopCatalog.Suggestions products = catalog.suggest(brand.toLowerCase() + " ket", 5);
        assertThat(products.products())
                .extracting(ShopCatalog.ProductLink::slug)
                .containsExactly(slug(kettle));

        ShopCatalog.Suggestions categories = catalog.suggest("sharp kni", 5);
        assertThat(categories.categories())
                .extracting(ShopCatalog.CategoryLink::slug)
                .contains(knives);

        assertThat(catalog.suggest("<script>", 5).isEmpty()).isTrue();
        assertThat(catalog.suggest("   ", 5).isEmpty()).isTrue();
        assertThat(catalog.suggest("a".repeat(1000), 5).isEmpty()).isTrue();
    }

    @Test
    void sitemapChunksActiveProductsWithTheirLastChange() {
        List<CatalogSitemap.Chunk> chunks = sitemap.productChunks(2);
        long total = chunks.stream().mapToLong(CatalogSitemap.Chunk::count).sum();
        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.count()).isBetween(1L, 2L));

        List<CatalogSitemap.Entry> entries = new ArrayList<>();
        for (CatalogSitemap.Chunk chunk : chunks) {
            sitemap.products(chunk.index(), 2, entries::add);
        }
        assertThat(entries).hasSize((int) total);
        assertThat(entries)
                .extracting(CatalogSitemap.Entry::slug)
                .contains(slug(knife), slug(pan))
                .doesNotContain(slug(draft), slug(archived))
                .doesNotHaveDuplicates();
        Instant knifeChanged = Instant.parse(knife.get("updated_at").asString());
        assertThat(entries)
                .filteredOn(e -> e.slug().equals(slug(knife)))
                .singleElement()
                .satisfies(e -> assertThat(e.lastModified()).isEqualTo(knifeChanged));
        assertThat(sitemap.categories()).extracting(CatalogSitemap.Entry::slug).contains(kitchen, knives);
    }

    private static String slug(JsonNode product) {
        return product.get("slug").asString();
    }

    private static UUID variantId(JsonNode product) {
        return UUID.fromString(product.get("variants").get(0).get("id").asString());
    }
}
