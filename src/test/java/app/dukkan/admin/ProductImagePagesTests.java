package app.dukkan.admin;

import static app.dukkan.testing.CatalogFixtures.product;
import static app.dukkan.testing.CatalogFixtures.variant;
import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.platform.AuditLog;
import app.dukkan.platform.images.TestImages;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.PageClient;
import app.dukkan.testing.PageClient.Page;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The product images page without JavaScript, and what the shop shows after an upload. */
@DukkanTest
class ProductImagePagesTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditLog audit;

    CatalogFixtures fixtures;
    String category;

    @BeforeEach
    void setUp() {
        fixtures = new CatalogFixtures(port);
        category = fixtures.category("Prints", null);
    }

    private JsonNode newProduct(ApiClient as, String name) {
        return fixtures.createProduct(as, product(name, category, List.of(variant("25.00", 4))));
    }

    private static String path(JsonNode product) {
        return "/admin/products/" + product.get("id").asString() + "/images";
    }

    private int mediaCount(JsonNode product) {
        return jdbc.sql("select count(*) from product_media where product_id = ?::uuid")
                .param(product.get("id").asString())
                .query(Integer.class)
                .single();
    }

    /** Sends the upload form as a browser does: its action (with the token in the query), the file and the alt text. */
    private static Page upload(PageClient pages, Page page, byte[] file, String alt) {
        String action = page.one("form.image-upload").attr("action");
        return pages.postFile(action, Map.of("alt", alt), "photo.jpg", "image/jpeg", file);
    }

    @Test
    void anAdminUploadsAPictureAndTheShopShowsItsRenditions() {
        String name = "Harbour print " + CatalogFixtures.unique("");
        JsonNode product = newProduct(fixtures.admin(), name);
        PageClient pages = PageClient.admin(port);

        Page page = pages.get(path(product)).expectStatus(200);
        assertThat(page.html().select(".breadcrumbs li").eachText())
                .containsExactly("Console", "Products", name, "Pictures");
        assertThat(page.html().select(".breadcrumbs a").eachAttr("href"))
                .containsExactly(
                        "/admin",
                        "/admin/products",
                        "/admin/products/" + product.get("id").asString());
        assertThat(page.html().select(".console-nav a").eachAttr("href")).noneMatch(href -> href.contains("images"));
        Element form = page.one("form.image-upload");
        assertThat(form.attr("enctype")).isEqualTo("multipart/form-data");
        assertThat(form.attr("action")).contains("_csrf=");

        // the shop's pages are read (and cached) before the upload: the upload must show all the same
        assertThat(new PageClient(port)
                        .get("/products/" + product.get("slug").asString())
                        .expectStatus(200)
                        .html()
                        .select(".gallery__item img"))
                .hasSize(1);
        assertThat(new PageClient(port).get("/c/" + category).expectStatus(200).body())
                .contains(name);

        Page done = upload(pages, page, TestImages.jpeg(1400, 1050), "Harbour at dusk")
                .expectStatus(302);
        assertThat(done.location()).isEqualTo(path(product));
        Page after = pages.follow(done).expectStatus(200);
        assertThat(after.one(".flash").text()).isEqualTo("The picture was added.");
        List<Element> items = after.html().select(".image-item");
        assertThat(items).hasSize(2);
        Element uploaded = items.get(1);
        assertThat(uploaded.select("img").attr("src")).endsWith("-320.jpg");
        assertThat(uploaded.select("input[name=alt]").attr("value")).isEqualTo("Harbour at dusk");
        assertThat(uploaded.text()).contains("1400 × 1050 pixels", "Uploaded, 5 sizes");

        // the product page offers every rendition in srcset, with sizes and the picture's proportions
        Page shop = new PageClient(port)
                .get("/products/" + product.get("slug").asString())
                .expectStatus(200);
        Element img = shop.html().select(".gallery__item img").get(1);
        assertThat(img.attr("srcset")).contains(" 320w", " 640w", " 960w", " 1280w", " 1400w");
        assertThat(img.attr("sizes")).isNotBlank();
        assertThat(img.attr("width")).isEqualTo("1400");
        assertThat(img.attr("height")).isEqualTo("1050");
        assertThat(img.attr("alt")).isEqualTo("Harbour at dusk");

        // moved to the front, it is the card's picture in listings, with its srcset
        Element moveUp = pages.follow(done).one("#image-" + imageIds(product).get(1) + " form:has(input[value=up])");
        pages.post(moveUp.attr("action"), Map.of("direction", "up", "_csrf", csrf(moveUp)))
                .expectStatus(302);
        Page listing = new PageClient(port).get("/c/" + category).expectStatus(200);
        Element card = listing.one("a[href=/products/" + product.get("slug").asString() + "] img");
        assertThat(card.attr("srcset")).contains(" 320w", " 1400w");
        assertThat(card.attr("sizes")).isNotBlank();
        // the URL-only picture keeps working, now second
        assertThat(new PageClient(port)
                        .get("/products/" + product.get("slug").asString())
                        .html()
                        .select(".gallery__item img")
                        .get(1)
                        .attr("src"))
                .startsWith("https://img.example.com/");
    }

    private List<String> imageIds(JsonNode product) {
        return jdbc.sql("select id::text from product_media where product_id = ?::uuid order by position, id")
                .param(product.get("id").asString())
                .query(String.class)
                .list();
    }

    private static String csrf(Element form) {
        return form.select("input[name=_csrf]").attr("value");
    }

    @Test
    void aRefusedUploadIsShownOnTheFormAndStoresNothing() {
        JsonNode product = newProduct(fixtures.admin(), "Print " + CatalogFixtures.unique(""));
        PageClient pages = PageClient.admin(port);
        Page page = pages.get(path(product)).expectStatus(200);

        Page refused = upload(pages, page, "not a picture at all".getBytes(), "Some alt")
                .expectStatus(422);
        assertThat(refused.one("#image-file-error").text())
                .isEqualTo("This file is not a picture. Choose a JPEG, PNG or WebP file.");
        assertThat(refused.one("#image-file").attr("aria-invalid")).isEqualTo("true");
        assertThat(refused.one("#image-alt").attr("value")).isEqualTo("Some alt");
        assertThat(mediaCount(product)).isEqualTo(1);

        Page bomb = upload(pages, page, TestImages.pngDeclaring(100_000, 100_000), "")
                .expectStatus(422);
        assertThat(bomb.one("#image-file-error").text()).contains("50 megapixels");

        // above the pictures' limit, within the route's body limit: the form again, naming the limit
        Page tooLarge =
                upload(pages, page, new byte[20 * 1024 * 1024 + 100], "").expectStatus(422);
        assertThat(tooLarge.one("#image-file-error").text())
                .isEqualTo("The file is larger than a picture may be (20 MB).");
        assertThat(tooLarge.one("#image-file-hint").text()).startsWith("JPEG, PNG or WebP, at most 20 MB.");

        // beyond the route's body limit: refused before reading, then sent back to the form, which says why
        Page huge = upload(pages, page, new byte[22 * 1024 * 1024], "Too big").expectStatus(303);
        assertThat(huge.location()).isEqualTo(path(product));
        Page back = pages.follow(huge).expectStatus(200);
        assertThat(back.one("#image-file-error").text()).isEqualTo("The file is larger than a picture may be (20 MB).");
        assertThat(back.one("#image-file").attr("aria-invalid")).isEqualTo("true");
        assertThat(pages.get(path(product)).html().select("#image-file-error"))
                .as("said once")
                .isEmpty();
        assertThat(mediaCount(product)).isEqualTo(1);

        // German words it in German
        Page german = pages.get("/de" + path(product)).expectStatus(200);
        Page refusedDe = upload(pages, german, "x".getBytes(), "").expectStatus(422);
        assertThat(refusedDe.one("#image-file-error").text()).startsWith("Diese Datei ist kein Bild.");
        Page hugeDe = upload(pages, german, new byte[22 * 1024 * 1024], "").expectStatus(303);
        assertThat(hugeDe.location()).isEqualTo("/de" + path(product));
        assertThat(pages.follow(hugeDe).one("#image-file-error").text())
                .isEqualTo("Die Datei ist größer, als ein Bild sein darf (20 MB).");

        // without the token (neither in the query nor in the body) the upload is refused
        pages.postFile(path(product), Map.of(), "photo.jpg", "image/jpeg", TestImages.jpeg(64, 64))
                .expectStatus(403);
        assertThat(mediaCount(product)).isEqualTo(1);
    }

    @Test
    void altTextMoveAndDeleteAfterConfirmation() {
        ApiClient admin = fixtures.admin();
        JsonNode product = newProduct(admin, "Print " + CatalogFixtures.unique(""));
        admin.postFile(path("/api/v1", product), Map.of(), "a.jpg", "image/jpeg", TestImages.jpeg(400, 300))
                .expectStatus(201);
        PageClient pages = PageClient.admin(port);
        List<String> ids = imageIds(product);

        Page page = pages.get(path(product)).expectStatus(200);
        Page tooLong = pages.submit(
                        page, "#image-" + ids.get(1) + " form.image-item__alt", Map.of("alt", "x".repeat(301)))
                .expectStatus(422);
        assertThat(tooLong.one("#alt-" + ids.get(1) + "-error").text()).contains("300");
        Page saved = pages.submit(page, "#image-" + ids.get(1) + " form.image-item__alt", Map.of("alt", "Side view"))
                .expectStatus(302);
        assertThat(pages.follow(saved).one(".flash").text()).isEqualTo("The alt text was saved.");

        page = pages.get(path(product)).expectStatus(200);
        pages.submit(page, "#image-" + ids.get(0) + " form:has(input[value=down])", Map.of())
                .expectStatus(302);
        assertThat(imageIds(product)).containsExactly(ids.get(1), ids.get(0));

        page = pages.get(path(product)).expectStatus(200);
        String confirmLink = page.one("#image-" + ids.get(1) + " a.danger").attr("href");
        Page confirm = pages.get(confirmLink).expectStatus(200);
        assertThat(confirm.one("h1").text()).startsWith("Delete this picture of");
        Page deleted = pages.submit(confirm, ".confirm form", Map.of()).expectStatus(302);
        assertThat(pages.follow(deleted).one(".flash").text()).isEqualTo("The picture was deleted.");
        assertThat(imageIds(product)).containsExactly(ids.get(0));

        assertThat(audit.find(new AuditLog.Query(null, null, "product-image", ids.get(1), null, null), null, 10)
                        .items())
                .extracting(AuditLog.Entry::action)
                .contains("product.image-uploaded", "product.image-alt-changed", "product.image-deleted");
        assertThat(audit.find(
                                new AuditLog.Query(
                                        null, "product.image-moved", "product-image", ids.get(0), null, null),
                                null,
                                10)
                        .items())
                .hasSize(1);
    }

    private static String path(String prefix, JsonNode product) {
        return prefix + path(product);
    }

    @Test
    void aSellerSeesOwnProductsPicturesOnlyAndTheArabicPageIsRightToLeft() {
        ApiClient owner = fixtures.seller();
        JsonNode product = newProduct(owner, "Print " + CatalogFixtures.unique(""));
        ApiClient other = fixtures.seller();
        PageClient otherPages = new PageClient(port);
        otherPages.cookie("DUKKAN_SESSION", other.cookie("DUKKAN_SESSION"));
        otherPages.get(path(product)).expectStatus(403);
        assertThat(audit.find(
                                new AuditLog.Query(
                                        null,
                                        "product.access-refused",
                                        "product",
                                        product.get("id").asString(),
                                        null,
                                        null),
                                null,
                                5)
                        .items())
                .isNotEmpty();

        PageClient ownerPages = new PageClient(port);
        ownerPages.cookie("DUKKAN_SESSION", owner.cookie("DUKKAN_SESSION"));
        Page arabic = ownerPages.get("/ar" + path(product)).expectStatus(200);
        assertThat(arabic.html().select("html").attr("dir")).isEqualTo("rtl");
        assertThat(arabic.one("h1").text()).startsWith("صور");
        assertThat(arabic.one("form.image-upload").attr("action")).startsWith("/ar/admin/products/");
    }
}
