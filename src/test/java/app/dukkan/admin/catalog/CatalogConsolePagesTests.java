package app.dukkan.admin.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.Filler;
import app.dukkan.testing.PageClient;
import app.dukkan.testing.PageClient.Page;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;

/** The catalog's console pages without JavaScript: lists, forms, refusals, audit entries. */
@DukkanTest
class CatalogConsolePagesTests {

    private static final String PASSWORD = "Str0ng-Passphrase-4711";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Value("${dukkan.catalog.import.max-file-size}")
    DataSize importLimit;

    private CatalogFixtures fixtures() {
        return new CatalogFixtures(port);
    }

    /** A new seller: its API client and its pages, both signed in. */
    private record Seller(String id, String email, ApiClient api, PageClient pages) {}

    private Seller seller() {
        String email = CatalogFixtures.unique("seller-") + "@example.com";
        ApiClient api = new ApiClient(port).register(email, PASSWORD).login(email, PASSWORD);
        String id = api.get("/api/v1/me").json().get("id").asString();
        fixtures()
                .admin()
                .put("/api/v1/admin/users/" + id + "/roles", Map.of("roles", List.of("seller")))
                .expectStatus(200);
        return new Seller(
                id, email, new ApiClient(port).login(email, PASSWORD), PageClient.signedIn(port, email, PASSWORD));
    }

    private JsonNode product(ApiClient as, String name, String category, String price, int stock) {
        return fixtures()
                .createProduct(
                        as, CatalogFixtures.product(name, category, List.of(CatalogFixtures.variant(price, stock))));
    }

    private long audited(String action, String targetId) {
        return jdbc.sql("select count(*) from audit_log where action = ? and target_id = ?")
                .params(action, targetId)
                .query(Long.class)
                .single();
    }

    private static List<String> names(Page page) {
        return page.html().select(".products-table tbody th a").eachText();
    }

    @Test
    void theListFiltersSortsAndKeepsItsFiltersInTheUrl() {
        String tag = CatalogFixtures.unique("Lamp");
        String category = fixtures().category(tag + " lights", null);
        ApiClient admin = fixtures().admin();
        JsonNode alpha = product(admin, tag + " Alpha", category, "30.00", 50);
        // the JSON API's writes are audited as the pages' are
        assertThat(audited("product.created", alpha.get("id").asString())).isEqualTo(1);
        product(admin, tag + " Beta", category, "10.00", 2);
        product(admin, tag + " Gamma", category, "20.00", 0);

        PageClient pages = PageClient.admin(port);
        Page all = pages.get("/admin/products?q=" + tag + "&sort=name").expectStatus(200);
        assertThat(names(all)).containsExactly(tag + " Alpha", tag + " Beta", tag + " Gamma");
        assertThat(all.one(".console-nav a[aria-current=page]").attr("href")).isEqualTo("/admin/products");

        assertThat(names(pages.get("/admin/products?q=" + tag + "&sort=-price").expectStatus(200)))
                .containsExactly(tag + " Alpha", tag + " Gamma", tag + " Beta");
        assertThat(names(pages.get("/admin/products?q=" + tag + "&stock=low").expectStatus(200)))
                .containsExactly(tag + " Beta");
        assertThat(names(pages.get("/admin/products?q=" + tag + "&stock=out").expectStatus(200)))
                .containsExactly(tag + " Gamma");
        Page byCategory = pages.get("/admin/products?category=" + category + "&sort=stock")
                .expectStatus(200);
        assertThat(names(byCategory)).containsExactly(tag + " Gamma", tag + " Beta", tag + " Alpha");
        // the sort links keep the filters
        assertThat(byCategory.one("th[aria-sort=ascending] a").attr("href"))
                .contains("category=" + category, "sort=-stock");
        // the export link carries the status filter
        assertThat(pages.get("/admin/products?status=draft")
                        .one("a[href*=export.csv]")
                        .attr("href"))
                .isEqualTo("/api/v1/admin/products/export.csv?status=draft");

        // an admin filters by seller: the seller's products only, the seller chosen in the form
        Seller seller = seller();
        product(seller.api(), tag + " Delta", category, "15.00", 4);
        Page bySeller = pages.submit(all, "form.filters", Map.of("seller", seller.id()));
        assertThat(names(bySeller.expectStatus(200))).containsExactly(tag + " Delta");
        assertThat(bySeller.one("#filter-seller option[selected]").attr("value"))
                .isEqualTo(seller.id());
        assertThat(bySeller.one(".products-table tbody tr").text()).contains(seller.email());
        assertThat(names(pages.get("/admin/products?category=" + category + "&seller=" + seller.id() + "&sort=name")
                        .expectStatus(200)))
                .containsExactly(tag + " Delta");
        assertThat(bySeller.one("th[aria-sort=ascending] a").attr("href")).contains("seller=" + seller.id());
        Page noSeller = pages.get("/admin/products?seller=someone").expectStatus(400);
        assertThat(noSeller.one("#filter-seller-error").text()).isEqualTo("Choose a value from the list.");

        Page bad = pages.get("/admin/products?stock=plenty&status=gone").expectStatus(400);
        assertThat(bad.one("#filter-status").attr("aria-invalid")).isEqualTo("true");
        assertThat(bad.one("#filter-status-error").text()).isEqualTo("Choose a value from the list.");
    }

    @Test
    void aSellerSeesOnlyItsOwnProductsAndIsRefusedAnothersWithAnAuditEntry() {
        Seller one = seller();
        Seller other = seller();
        String tag = CatalogFixtures.unique("Mug");
        String category = fixtures().category(tag, null);
        JsonNode own = product(one.api(), tag + " mine", category, "5.00", 3);
        JsonNode foreign = product(other.api(), tag + " theirs", category, "5.00", 3);

        Page list = one.pages().get("/admin/products?q=" + tag).expectStatus(200);
        assertThat(names(list)).containsExactly(tag + " mine");
        assertThat(list.html().select("#filter-seller")).isEmpty();
        assertThat(list.html().select(".console-nav a").eachAttr("href"))
                .contains("/admin/products")
                .doesNotContain("/admin/categories");
        one.pages().get("/admin/categories").expectStatus(403);

        one.pages().get("/admin/products/" + own.get("id").asString()).expectStatus(200);
        String foreignId = foreign.get("id").asString();
        one.pages().get("/admin/products/" + foreignId).expectStatus(403);
        one.pages().get("/admin/products/" + foreignId + "/archive").expectStatus(403);
        assertThat(audited("product.access-refused", foreignId)).isEqualTo(2);
        // a forged form for another seller's product changes nothing
        Page ownPage = one.pages().get("/admin/products/" + own.get("id").asString());
        String token = ownPage.one("form.product-form input[name=_csrf]").attr("value");
        one.pages()
                .post("/admin/products/" + foreignId + "/archive", Map.of("_csrf", token))
                .expectStatus(403);
        assertThat(jdbc.sql("select status from products where id = ?::uuid")
                        .param(foreignId)
                        .query(String.class)
                        .single())
                .isEqualTo("active");
        assertThat(audited("product.access-refused", foreignId)).isEqualTo(3);
        // so does the seller's own edit form sent with the other product's id
        Map<String, String> forged = new LinkedHashMap<>();
        for (org.jsoup.nodes.Element input : ownPage.html().select("form.product-form input[name]")) {
            forged.put(input.attr("name"), input.attr("value"));
        }
        forged.put("name", "Taken over");
        forged.put("status", "draft");
        one.pages().post("/admin/products/" + foreignId, forged).expectStatus(403);
        assertThat(jdbc.sql("select name || ' ' || status from products where id = ?::uuid")
                        .param(foreignId)
                        .query(String.class)
                        .single())
                .isEqualTo(tag + " theirs active");
        assertThat(audited("product.access-refused", foreignId)).isEqualTo(4);
        assertThat(jdbc.sql("""
                        select actor_id::text || ' ' || (details->>'operation') from audit_log
                        where action = 'product.access-refused' and target_id = ? order by at desc limit 1""").param(foreignId).query(String.class).single()).isEqualTo(one.id() + " product");

        // the JSON API answers the same and records it too
        one.api().get("/api/v1/admin/products/" + foreignId).expectStatus(403);
        assertThat(audited("product.access-refused", foreignId)).isEqualTo(5);
    }

    @Test
    void aProductIsCreatedWithFieldErrorsFirstThenEditedWithAVariantAndAudited() {
        PageClient pages = PageClient.admin(port);
        Page form = pages.get("/admin/products/new").expectStatus(200);
        assertThat(form.html().select("input[name=attrKey]")).hasSize(3);

        Page refused = pages.submit(
                        form,
                        "form.product-form",
                        Map.of("name", "", "variant.sku", "bad sku!", "variant.price", "ten", "variant.stock", "-1"))
                .expectStatus(422);
        assertThat(refused.one("#product-name").attr("aria-invalid")).isEqualTo("true");
        assertThat(refused.one("#product-name-error").text()).isEqualTo("Enter a name of 1 to 200 characters.");
        assertThat(refused.one("#variant-price-error").text()).startsWith("Enter a price");
        assertThat(refused.one("#variant-stock-error").text()).startsWith("Enter a whole number");
        assertThat(refused.one("#variant-sku").attr("value")).isEqualTo("bad sku!");

        String sku = CatalogFixtures.unique("CONSOLE-");
        String name = CatalogFixtures.unique("Console chair ");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("status", "active");
        fields.put("attrKey", "material");
        fields.put("attrValue", "oak");
        fields.put("variant.sku", "bad sku!");
        fields.put("variant.price", "49.90");
        fields.put("variant.stock", "4");
        Page skuRefused = pages.submit(refused, "form.product-form", fields).expectStatus(422);
        assertThat(skuRefused.one("#variant-sku-error").text()).startsWith("Use 1 to 64 letters");

        fields.put("variant.sku", sku);
        fields.put("variant.compareAt", "59.90");
        Page created = pages.submit(skuRefused, "form.product-form", fields);
        String path = created.location();
        assertThat(path).matches("/admin/products/[0-9a-f-]{36}");
        String id = path.substring(path.lastIndexOf('/') + 1);
        Page edit = pages.follow(created).expectStatus(200);
        assertThat(edit.one(".flash").text()).isEqualTo("Product " + name + " created.");
        assertThat(edit.one("h1").text()).isEqualTo(name);
        assertThat(edit.one("a[href=/admin/products/" + id + "/images]").text()).isEqualTo("Images");
        assertThat(edit.html().select("input[name=attrKey]").first().attr("value"))
                .isEqualTo("material");
        assertThat(edit.one("tbody del").text()).contains("59.90");
        assertThat(audited("product.created", id)).isEqualTo(1);
        // the shop shows it
        assertThat(new PageClient(port)
                        .get("/products/" + edit.one("#product-slug").attr("value"))
                        .status())
                .isEqualTo(200);

        // a slug that is taken, then a good edit
        String takenSlug = product(
                        fixtures().admin(),
                        CatalogFixtures.unique("Taken "),
                        fixtures().category(CatalogFixtures.unique("T"), null),
                        "1.00",
                        1)
                .get("slug")
                .asString();
        Page slugTaken = pages.submit(edit, "form.product-form", Map.of("slug", takenSlug))
                .expectStatus(422);
        assertThat(slugTaken.one("#product-slug-error").text()).isEqualTo("This slug is taken already.");
        Page saved = pages.submit(slugTaken, "form.product-form", Map.of("slug", "", "description", "Sturdy."));
        assertThat(saved.location()).isEqualTo(path);
        assertThat(audited("product.updated", id)).isEqualTo(1);

        // a second variant: its SKU is taken, then a compare-at below the price, then fine
        Page variantForm = pages.get(path + "/variants/new").expectStatus(200);
        Page taken = pages.submit(variantForm, "form.product-form", Map.of("sku", sku, "price", "10", "stock", "1"))
                .expectStatus(422);
        assertThat(taken.one("#variant-sku-error").text()).isEqualTo("This SKU exists already.");
        String second = sku + "-B";
        Page below = pages.submit(taken, "form.product-form", Map.of("sku", second, "price", "10", "compareAt", "9"))
                .expectStatus(422);
        assertThat(below.one("#variant-compare-at-error").text())
                .isEqualTo("The compare-at price must be above the price.");
        Page added = pages.submit(below, "form.product-form", Map.of("compareAt", ""));
        assertThat(added.location()).isEqualTo(path);
        String variantId = jdbc.sql("select id::text from variants where sku = ?")
                .param(second)
                .query(String.class)
                .single();
        assertThat(audited("variant.created", variantId)).isEqualTo(1);

        Page variantEdit = pages.get(path + "/variants/" + variantId).expectStatus(200);
        assertThat(variantEdit.one("#variant-sku").hasAttr("readonly")).isTrue();
        Page changed = pages.submit(variantEdit, "form.product-form", Map.of("stock", "12", "sku", "IGNORED"));
        assertThat(changed.location()).isEqualTo(path);
        assertThat(jdbc.sql("select stock from variants where id = ?::uuid")
                        .param(variantId)
                        .query(Integer.class)
                        .single())
                .isEqualTo(12);
        assertThat(audited("variant.updated", variantId)).isEqualTo(1);
    }

    @Test
    void savingAVariantFormWritesBackNoStockOrPriceThatMovedSinceItWasOpened() {
        JsonNode product = product(
                fixtures().admin(),
                CatalogFixtures.unique("Busy mug "),
                fixtures().category(CatalogFixtures.unique("B"), null),
                "8.00",
                10);
        String id = product.get("id").asString();
        String variantId = product.get("variants").get(0).get("id").asString();
        PageClient pages = PageClient.admin(port);
        Page open =
                pages.get("/admin/products/" + id + "/variants/" + variantId).expectStatus(200);
        assertThat(open.one("#variant-stock").attr("value")).isEqualTo("10");

        // while the form is open, 4 units are sold and someone else raises the price
        jdbc.sql("update variants set stock = 6, price_minor = 900 where id = ?::uuid")
                .param(variantId)
                .update();
        Page renamed = pages.submit(open, "form.product-form", Map.of("name", "Blue"));
        assertThat(renamed.location()).isEqualTo("/admin/products/" + id);
        Map<String, Object> row = jdbc.sql("select name, stock, price_minor, active from variants where id = ?::uuid")
                .param(variantId)
                .query()
                .singleRow();
        assertThat(row).containsEntry("name", "Blue").containsEntry("stock", 6).containsEntry("active", true);
        assertThat(((Number) row.get("price_minor")).longValue()).isEqualTo(900);

        // a stock the operator types is what they counted, and is written
        Page recount =
                pages.get("/admin/products/" + id + "/variants/" + variantId).expectStatus(200);
        jdbc.sql("update variants set stock = 5 where id = ?::uuid")
                .param(variantId)
                .update();
        pages.submit(recount, "form.product-form", Map.of("stock", "20"));
        assertThat(jdbc.sql("select stock from variants where id = ?::uuid")
                        .param(variantId)
                        .query(Integer.class)
                        .single())
                .isEqualTo(20);
    }

    @Test
    void archivingGoesThroughAConfirmation() {
        JsonNode product = product(
                fixtures().admin(),
                CatalogFixtures.unique("Old lamp "),
                fixtures().category(CatalogFixtures.unique("A"), null),
                "3.00",
                1);
        String id = product.get("id").asString();
        PageClient pages = PageClient.admin(port);
        Page edit = pages.get("/admin/products/" + id).expectStatus(200);
        Page confirm = pages.get(edit.one("a[href$=/archive]").attr("href")).expectStatus(200);
        assertThat(confirm.one("h1").text())
                .isEqualTo("Archive " + product.get("name").asString() + "?");
        assertThat(jdbc.sql("select status from products where id = ?::uuid")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo("active");
        Page done = pages.submit(confirm, "form[action$=/archive]", Map.of());
        assertThat(done.location()).isEqualTo("/admin/products/" + id);
        assertThat(pages.follow(done).one(".flash").text()).endsWith("archived.");
        assertThat(jdbc.sql("select status from products where id = ?::uuid")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo("archived");
        assertThat(audited("product.archived", id)).isEqualTo(1);
    }

    @Test
    void categoriesAreCreatedMovedAndReorderedButNeverBelowThemselves() {
        PageClient pages = PageClient.admin(port);
        String top = CatalogFixtures.unique("Garden ");
        Page tree = pages.get("/admin/categories").expectStatus(200);
        Page nameless = pages.submit(tree, "form[action=/admin/categories]", Map.of("name", " "))
                .expectStatus(422);
        assertThat(nameless.one("#category-name-error").text()).isEqualTo("Enter a name of 1 to 120 characters.");

        Page created = pages.submit(tree, "form[action=/admin/categories]", Map.of("name", top));
        assertThat(created.location()).isEqualTo("/admin/categories");
        UUID topId = jdbc.sql("select id from categories where name = ?")
                .param(top)
                .query(UUID.class)
                .single();
        assertThat(audited("category.created", topId.toString())).isEqualTo(1);

        Page withTop = pages.get("/admin/categories");
        String child = top + " tools";
        pages.submit(withTop, "form[action=/admin/categories]", Map.of("name", child, "parent", topId.toString()));
        UUID childId = jdbc.sql("select id from categories where name = ?")
                .param(child)
                .query(UUID.class)
                .single();
        Page nested = pages.get("/admin/categories").expectStatus(200);
        assertThat(nested.one("#category-" + topId + " > ol.category-tree > li").id())
                .isEqualTo("category-" + childId);

        // below its own child: refused, shown beside the move form
        Page cycle = pages.submit(
                        nested,
                        "form[action=/admin/categories/" + topId + "/move]",
                        Map.of("parent", childId.toString()))
                .expectStatus(422);
        assertThat(cycle.one("#move-" + topId + "-error").text()).startsWith("A category cannot move below itself");
        assertThat(jdbc.sql("select parent_id from categories where id = ?")
                        .param(topId)
                        .query(UUID.class)
                        .optional())
                .isEmpty();

        // the child moves to the top, then up among the roots; renamed
        pages.submit(nested, "form[action=/admin/categories/" + childId + "/move]", Map.of("parent", ""));
        assertThat(audited("category.moved", childId.toString())).isEqualTo(1);
        Page roots = pages.get("/admin/categories");
        Page up = pages.submit(
                roots, "form[action=/admin/categories/" + childId + "/reorder]:has(input[value=up])", Map.of());
        assertThat(up.location()).isEqualTo("/admin/categories");
        assertThat(audited("category.reordered", childId.toString())).isEqualTo(1);
        pages.submit(
                pages.get("/admin/categories"),
                "form[action=/admin/categories/" + childId + "/rename]",
                Map.of("name", child + " renamed"));
        assertThat(audited("category.renamed", childId.toString())).isEqualTo(1);
    }

    @Test
    void bulkEditSavesAllOrNothingWithErrorsPerRow() {
        String tag = CatalogFixtures.unique("Bulk");
        String category = fixtures().category(tag, null);
        ApiClient admin = fixtures().admin();
        product(admin, tag + " one", category, "10.00", 5);
        product(admin, tag + " two", category, "20.00", 6);
        PageClient pages = PageClient.admin(port);
        Page list = pages.get("/admin/products?q=" + tag + "&sort=name").expectStatus(200);
        assertThat(pages.get("/admin/products?q=" + tag + "&sort=name&page=0")
                        .one("a[href^=/admin/products/bulk]")
                        .attr("href"))
                .as("the bulk form's pages hold fewer products: it starts at its first")
                .doesNotContain("page=");
        Page bulk = pages.get(list.one("a[href^=/admin/products/bulk]").attr("href"))
                .expectStatus(200);
        List<String> skus = bulk.html().select("input[name=sku]").eachAttr("value");
        assertThat(skus).hasSize(2);

        // a bad stock on the second row: nothing saved, the row says why, the first row keeps its typed value
        Page refused = submitBulk(pages, bulk, List.of("11.00", "20.00"), List.of("5", "lots"))
                .expectStatus(422);
        assertThat(refused.html().select("tr.refused")).hasSize(1);
        assertThat(refused.one("#bulk-stock-1-error").text()).startsWith("Enter a whole number");
        assertThat(refused.one("#bulk-price-0").attr("value")).isEqualTo("11.00");
        assertThat(price(skus.get(0))).isEqualTo(1000);

        Page saved = submitBulk(pages, refused, List.of("11.00", "20.00"), List.of("5", "7"));
        assertThat(saved.location()).startsWith("/admin/products/bulk?");
        assertThat(pages.follow(saved).one(".flash").text()).isEqualTo("2 variant(s) changed.");
        assertThat(price(skus.get(0))).isEqualTo(1100);
        assertThat(jdbc.sql("select stock from variants where sku = ?")
                        .param(skus.get(1))
                        .query(Integer.class)
                        .single())
                .isEqualTo(7);

        // nothing to edit: no form, but a way back to the products all the same
        Page none = pages.get("/admin/products/bulk?q=" + CatalogFixtures.unique("Nothing"))
                .expectStatus(200);
        assertThat(none.html().select("form[action=/admin/products/bulk]")).isEmpty();
        assertThat(none.one("main a.button[href=/admin/products]").text()).isEqualTo("Back to the products");
    }

    /** Products with many variants: the bulk form's thousand-odd fields are all taken. */
    @Test
    void bulkEditSavesAPageOfProductsWithManyVariants() {
        String tag = CatalogFixtures.unique("Sizes");
        String category = fixtures().category(tag, null);
        ApiClient admin = fixtures().admin();
        for (String name : List.of(" one", " two")) {
            List<Map<String, Object>> variants = new java.util.ArrayList<>();
            for (int i = 0; i < 80; i++) {
                variants.add(CatalogFixtures.variant("10.00", 5));
            }
            fixtures().createProduct(admin, CatalogFixtures.product(tag + name, category, variants));
        }
        PageClient pages = PageClient.admin(port);
        Page bulk = pages.get("/admin/products/bulk?q=" + tag).expectStatus(200);
        List<String> skus = bulk.html().select("input[name=sku]").eachAttr("value");
        assertThat(skus).hasSize(160);
        List<String> prices = new java.util.ArrayList<>(java.util.Collections.nCopies(160, "10.00"));
        prices.set(159, "12.00");

        Page saved = submitBulk(pages, bulk, prices, java.util.Collections.nCopies(160, "5"));

        assertThat(saved.location()).startsWith("/admin/products/bulk?");
        assertThat(price(skus.get(159))).isEqualTo(1200);
    }

    private long price(String sku) {
        return jdbc.sql("select price_minor from variants where sku = ?")
                .param(sku)
                .query(Long.class)
                .single();
    }

    /** Posts the bulk form with these prices and stocks, row by row (repeated fields, as a browser sends them). */
    private Page submitBulk(PageClient pages, Page page, List<String> prices, List<String> stocks) {
        var form = page.one("form[action=/admin/products/bulk]");
        StringBuilder body = new StringBuilder();
        int[] index = {0, 0};
        for (var input : form.select("input[name]")) {
            String name = input.attr("name");
            String value = switch (name) {
                case "price" -> prices.get(index[0]++);
                case "stock" -> stocks.get(index[1]++);
                default -> input.attr("value");
            };
            if (!body.isEmpty()) {
                body.append('&');
            }
            body.append(encode(name)).append('=').append(encode(value));
        }
        return pages.postEncoded("/admin/products/bulk", body.toString());
    }

    @Test
    void anImportIsCheckedInADryRunAndARefusedFileShowsItsRows() {
        PageClient pages = PageClient.admin(port);
        Page form = pages.get("/admin/products/import").expectStatus(200);
        String action = form.one("form.import-form").attr("action");
        assertThat(action).contains("_csrf=");
        String category = fixtures().category(CatalogFixtures.unique("Imp"), null);
        String slug = CatalogFixtures.unique("imported-");
        String good = "slug,name,category,status,sku,price,stock\r\n" + slug + ",Imported thing," + category
                + ",active," + CatalogFixtures.unique("IMP-") + ",12.50,3\r\n";

        Page dry = upload(pages, action, good, "all-or-nothing", true);
        String report = dry.location();
        assertThat(report).matches("/admin/imports/[0-9a-f-]{36}");
        Page dryReport = pages.get(report).expectStatus(200);
        assertThat(dryReport.one(".import-status").text()).isEqualTo("Completed");
        assertThat(dryReport.one(".import-counts tbody td:first-child").text()).isEqualTo("1");
        assertThat(jdbc.sql("select count(*) from products where slug = ?")
                        .param(slug)
                        .query(Long.class)
                        .single())
                .isZero();

        String bad = good + CatalogFixtures.unique("other-") + ",Bad row,,active," + CatalogFixtures.unique("IMP-")
                + ",cheap,3\r\n";
        Page rejected = pages.get(
                        upload(pages, action, bad, "all-or-nothing", false).location())
                .expectStatus(200);
        assertThat(rejected.one(".import-status").text()).isEqualTo("Refused");
        assertThat(rejected.html().select(".import-problems tbody tr").first().text())
                .startsWith("3 price");
        assertThat(jdbc.sql("select count(*) from products where slug = ?")
                        .param(slug)
                        .query(Long.class)
                        .single())
                .isZero();

        // the list of recent imports links to both; htmx gets the progress part alone
        Page again = pages.get("/admin/products/import");
        assertThat(again.html().select("a[href^=/admin/imports/]").size()).isGreaterThanOrEqualTo(2);
        Page part = pages.get(report, Map.of("HX-Request", "true")).expectStatus(200);
        assertThat(part.html().select("#import-progress")).hasSize(1);
        assertThat(part.html().select(".console-nav")).isEmpty();

        // no file: the form again with the error beside the field
        Page noFile = upload(pages, action, null, "all-or-nothing", false).expectStatus(422);
        assertThat(noFile.one("#import-file-error").text()).isEqualTo("Choose a CSV file.");
        Page emptyFile = upload(pages, action, "", "all-or-nothing", false).expectStatus(422);
        assertThat(emptyFile.one("#import-file-error").text()).isEqualTo("The file cannot be read as a product CSV.");
        assertThat(emptyFile.html().text()).contains("The file is empty: its first row must name the columns.");
        Page unreadable = upload(pages, action, "just,some\r\nnonsense,here\r\n", "all-or-nothing", false)
                .expectStatus(422);
        assertThat(unreadable.one("#import-file-error").text()).isEqualTo("The file cannot be read as a product CSV.");
    }

    @Test
    void anUploadTheServerCannotReadShowsTheFormAgainWithItsReason() {
        PageClient pages = PageClient.admin(port);
        String action =
                pages.get("/de/admin/products/import").one("form.import-form").attr("action");
        String boundary = "----dukkan-" + UUID.randomUUID();
        String head =
                "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"products.csv\"\r\n"
                        + "Content-Type: text/csv\r\n\r\n";

        // the body ends inside the file: the multipart stream fails
        Page cutOff = pages.postMultipart(
                        action,
                        boundary,
                        HttpRequest.BodyPublishers.ofString(head + "slug,name,sku,price,stock\r\nlamp,La"))
                .expectStatus(400);
        assertThat(cutOff.one("#import-file-error").text())
                .isEqualTo("Die Datei konnte nicht empfangen werden; wählen Sie sie erneut aus und senden Sie das"
                        + " Formular noch einmal.");
        assertThat(cutOff.one("#import-file").attr("aria-invalid")).isEqualTo("true");

        // streamed without a length past the multipart parser's limit (64MB), a little over
        long size = 64L * 1024 * 1024 + 256 * 1024;
        InputStream file = new SequenceInputStream(
                new ByteArrayInputStream(head.getBytes(StandardCharsets.UTF_8)),
                new SequenceInputStream(
                        new Filler(size), new ByteArrayInputStream(("\r\n--" + boundary + "--\r\n").getBytes())));
        Page tooLarge = pages.postMultipart(action, boundary, HttpRequest.BodyPublishers.ofInputStream(() -> file))
                .expectStatus(413);
        assertThat(tooLarge.one("#import-file-error").text())
                .isEqualTo("Die Datei ist größer, als Importe erlauben (" + importLimit.toMegabytes() + " MB).");
        assertThat(tooLarge.html().select("form.import-form")).hasSize(1);

        // declared larger than the route takes: refused before reading, then back to the form, which says why
        Page declared = pages.postFile(
                        action,
                        Map.of("mode", "all-or-nothing"),
                        "products.csv",
                        "text/csv",
                        new byte[22 * 1024 * 1024])
                .expectStatus(303);
        assertThat(declared.location()).isEqualTo("/de/admin/products/import");
        Page back = pages.follow(declared).expectStatus(200);
        assertThat(back.one("#import-file-error").text())
                .isEqualTo("Die Datei ist größer, als Importe erlauben (" + importLimit.toMegabytes() + " MB).");
        assertThat(back.html().select("form.import-form")).hasSize(1);
    }

    @Test
    void theImportFormNamesTheConfiguredSizeLimit() {
        PageClient pages = PageClient.admin(port);
        // the limit as configured (dukkan.catalog.import.max-file-size), in whole megabytes
        assertThat(importLimit.toBytes() % DataSize.ofMegabytes(1).toBytes()).isZero();
        long megabytes = importLimit.toMegabytes();
        assertThat(pages.get("/admin/products/import").one("#import-file-hint").text())
                .startsWith("UTF-8, at most " + megabytes + " MB;");
        assertThat(pages.get("/de/admin/products/import")
                        .one("#import-file-hint")
                        .text())
                .startsWith("UTF-8, höchstens " + megabytes + " MB;");
        assertThat(pages.get("/ar/admin/products/import")
                        .one("#import-file-hint")
                        .text())
                .contains(" ميغابايت ")
                .doesNotContain("{0}");
    }

    @Test
    void anImportsProblemsAreWordedInThePagesLanguageAndOldReportsShowTheirMessages() {
        PageClient pages = PageClient.admin(port);
        Page form = pages.get("/de/admin/products/import").expectStatus(200);
        String action = form.one("form.import-form").attr("action");
        assertThat(action).startsWith("/de/admin/products/import");
        String category = fixtures().category(CatalogFixtures.unique("Imp"), null);
        String bad = "slug,name,category,status,sku,price,stock\r\n"
                + CatalogFixtures.unique("neg-") + ",Negative," + category + ",draft," + CatalogFixtures.unique("IMP-")
                + ",-1,3\r\n"
                + CatalogFixtures.unique("cat-") + ",Lost,no-such-shelf,draft," + CatalogFixtures.unique("IMP-")
                + ",1.50,3\r\n";
        String report = upload(pages, action, bad, "all-or-nothing", false).location();
        assertThat(report).matches("/de/admin/imports/[0-9a-f-]{36}");
        String id = report.substring(report.lastIndexOf('/') + 1);

        // German and Arabic pages word each problem from its code
        Page german = pages.get(report).expectStatus(200);
        assertThat(german.html().select(".import-problems tbody tr").eachText())
                .containsExactly("2 price darf nicht negativ sein", "3 category unbekannte Kategorie „no-such-shelf“");
        Page arabic = pages.get("/ar/admin/imports/" + id).expectStatus(200);
        assertThat(arabic.html().select(".import-problems tbody td:last-child").eachText())
                .containsExactly("يجب ألا يكون سالبًا", "فئة غير معروفة «no-such-shelf»");
        assertThat(pages.get("/admin/imports/" + id)
                        .html()
                        .select(".import-problems tbody td:last-child")
                        .eachText())
                .containsExactly("must not be negative", "unknown category 'no-such-shelf'");

        // the JSON API answers the English message as before, and the code with its arguments
        JsonNode api = fixtures().admin().get("/api/v1/admin/imports/" + id).json();
        JsonNode first = api.get("problems").get(0);
        assertThat(first.get("message").asString()).isEqualTo("must not be negative");
        assertThat(first.get("code").asString()).isEqualTo("price.negative");
        assertThat(first.get("args")).isEmpty();
        JsonNode second = api.get("problems").get(1);
        assertThat(second.get("code").asString()).isEqualTo("category.unknown");
        assertThat(second.get("args").get(0).asString()).isEqualTo("no-such-shelf");

        // a report stored before problems had codes shows the messages it has
        jdbc.sql("""
                        update product_imports
                        set report = jsonb_set(report, '{problems}',
                                               (select jsonb_agg(p - 'code' - 'args')
                                                from jsonb_array_elements(report -> 'problems') p))
                        where id = ?""").param(UUID.fromString(id)).update();
        Page old = pages.get(report).expectStatus(200);
        assertThat(old.html().select(".import-problems tbody td:last-child").eachText())
                .containsExactly("must not be negative", "unknown category 'no-such-shelf'");
        JsonNode oldApi = fixtures().admin().get("/api/v1/admin/imports/" + id).json();
        assertThat(oldApi.get("problems").get(0).get("message").asString()).isEqualTo("must not be negative");
        assertThat(oldApi.get("problems").get(0).path("code").isNull()
                        || oldApi.get("problems").get(0).path("code").isMissingNode())
                .isTrue();

        // a refused file: the field's error and what is wrong with it, in the page's language
        Page unreadable = upload(pages, action, "just,slug,name,sku,price\r\na,b,c,d,1\r\n", "all-or-nothing", false)
                .expectStatus(422);
        assertThat(unreadable.one("#import-file-error").text())
                .isEqualTo("Die Datei kann nicht als Produkt-CSV gelesen werden.");
        assertThat(unreadable.html().select("#import-file-problems li").eachText())
                .containsExactly(
                        "Fehlende Spalten: stock.",
                        "Unbekannte Spalten: 'just' (die Spalten sind: slug, name, description, category, status,"
                                + " attributes, sku, variant_name, variant_attributes, price, stock, images).");
        assertThat(unreadable.one("#import-file").attr("aria-describedby")).contains("import-file-problems");
        assertThat(unreadable.body()).doesNotContain("missing columns", "unknown columns");
        Page notUtf8 = pages.postFile(
                        action,
                        Map.of("mode", "all-or-nothing"),
                        "products.csv",
                        "text/csv",
                        "slug,name,sku,price,stock\r\nlampe,Lampe groß,L-1,1,1\r\n"
                                .getBytes(StandardCharsets.ISO_8859_1))
                .expectStatus(422);
        assertThat(notUtf8.html().select("#import-file-problems li").eachText())
                .containsExactly("Die Datei ist kein UTF-8-Text; speichern Sie sie als CSV in UTF-8.");
        Page arabicForm = pages.get("/ar/admin/products/import").expectStatus(200);
        Page arabicRefused = upload(
                        pages,
                        arabicForm.one("form.import-form").attr("action"),
                        "slug,name,sku,price,stock\r\n",
                        "all-or-nothing",
                        false)
                .expectStatus(422);
        assertThat(arabicRefused.html().select("#import-file-problems li").eachText())
                .containsExactly("في الملف سطر عناوين لكن لا أسطر بعده.");
    }

    @Test
    void aRunningImportShowsItsRowsWrittenBeforeItEndsAndTheShopSeesThemOnlyAtTheEnd() throws Exception {
        String prefix = CatalogFixtures.unique("held-");
        String category = fixtures().category(CatalogFixtures.unique("Held"), null);
        StringBuilder csv = new StringBuilder("slug,name,category,status,sku,price,stock\r\n");
        for (int i = 0; i < 2500; i++) {
            String key = prefix + "-" + i;
            csv.append(String.join(",", key, "Held " + i, category, "active", key, "3.50", "2"))
                    .append("\r\n");
        }
        // the database holds the insert of the last row's variant, in the third batch of 1,000 rows,
        // until the test lets it go
        long hold = 7_041_716L;
        jdbc.sql("""
                        create function csv_import_hold() returns trigger language plpgsql as $$
                        begin perform pg_advisory_xact_lock(%d); return new; end $$""".formatted(hold)).update();
        jdbc.sql("create trigger csv_import_hold before insert on variants for each row when (new.sku = '" + prefix
                        + "-2499') execute function csv_import_hold()")
                .update();
        PageClient pages = PageClient.admin(port);
        ApiClient api = fixtures().admin();
        String path;
        try {
            try (Connection holder = dataSource.getConnection()) {
                holder.setAutoCommit(false);
                try (Statement statement = holder.createStatement()) {
                    statement.execute("select pg_advisory_xact_lock(" + hold + ")");
                }
                try {
                    String action = pages.get("/admin/products/import")
                            .one("form.import-form")
                            .attr("action");
                    path = upload(pages, action, csv.toString(), "all-or-nothing", false)
                            .location();
                    String id = path.substring(path.lastIndexOf('/') + 1);

                    JsonNode writing = await().atMost(Duration.ofSeconds(60))
                            .pollInterval(Duration.ofMillis(100))
                            .until(
                                    () -> api.get("/api/v1/admin/imports/" + id)
                                            .expectStatus(200)
                                            .json(),
                                    view -> view.get("written_rows").asInt() == 2000);
                    assertThat(writing.get("status").asString()).isEqualTo("applying");
                    assertThat(writing.get("processed_rows").asInt()).isEqualTo(2500);
                    assertThat(writing.get("rows_to_write").asInt()).isEqualTo(2500);
                    assertThat(writing.has("finished_at")).isFalse();
                    // all or nothing: the batches written are not in the catalog yet
                    assertThat(productsLike(prefix)).isZero();

                    Page running = pages.get(path).expectStatus(200);
                    assertThat(running.one(".import-status").text()).isEqualTo("Writing");
                    assertThat(running.one("#import-progress progress").attr("value"))
                            .isEqualTo("2000");
                    assertThat(running.one("#import-progress progress").attr("max"))
                            .isEqualTo("2500");
                    assertThat(running.one(".import-phase").text()).isEqualTo("2,000 of 2,500 rows written");
                    assertThat(running.one("#import-progress").attr("hx-trigger"))
                            .isEqualTo("every 2s");
                } finally {
                    holder.rollback();
                }
            }

            Page done = await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(
                            () -> pages.get(path).expectStatus(200),
                            page -> page.html()
                                    .select("#import-progress[hx-get]")
                                    .isEmpty());
            assertThat(done.one(".import-status").text()).isEqualTo("Completed");
            assertThat(done.one(".import-counts tbody td:first-child").text()).isEqualTo("2,500");
        } finally {
            jdbc.sql("drop trigger csv_import_hold on variants").update();
            jdbc.sql("drop function csv_import_hold()").update();
        }
        JsonNode finished = api.get("/api/v1/admin/imports/" + path.substring(path.lastIndexOf('/') + 1))
                .expectStatus(200)
                .json();
        assertThat(finished.get("written_rows").asInt()).isEqualTo(2500);
        assertThat(finished.get("created").asInt()).isEqualTo(2500);
        assertThat(productsLike(prefix)).isEqualTo(2500);
    }

    private long productsLike(String prefix) {
        return jdbc.sql("select count(*) from products where slug like ?")
                .param(prefix + "%")
                .query(Long.class)
                .single();
    }

    /** A multipart form post as a browser sends it (the session's cookies, the token in the action URL). */
    private Page upload(PageClient pages, String action, String csv, String mode, boolean dryRun) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("mode", mode);
        if (dryRun) {
            fields.put("dryRun", "true");
        }
        return pages.postFile(
                action, fields, "products.csv", "text/csv", csv == null ? null : csv.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
