package app.dukkan.catalog;

import static app.dukkan.catalog.CsvTransfers.HEADER;
import static app.dukkan.catalog.CsvTransfers.line;
import static app.dukkan.catalog.CsvTransfers.records;
import static app.dukkan.testing.CatalogFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@DukkanTest
class CatalogCsvImportTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Stock stock;

    CatalogFixtures fixtures;
    CsvTransfers csv;
    ApiClient seller;
    String category;

    @BeforeEach
    void setUp() {
        fixtures = new CatalogFixtures(port);
        csv = new CsvTransfers(port);
        seller = fixtures.seller();
        category = fixtures.category("Import", null);
    }

    /** A full row: product columns, then variant columns. */
    private String row(
            String slug,
            String name,
            String status,
            String attributes,
            String sku,
            String variantName,
            String price,
            String stock,
            String images) {
        return line(
                slug,
                name,
                "About " + name,
                category,
                status,
                attributes,
                sku,
                variantName,
                variantName.isEmpty() ? "" : "{\"size\": \"" + variantName + "\"}",
                price,
                stock,
                images);
    }

    private String simpleRow(String slug, String sku, String price, String stock) {
        return row(slug, "Product " + slug, "active", "{}", sku, "", price, stock, "");
    }

    private JsonNode publicProduct(String slug) {
        return fixtures.anonymous()
                .get("/api/v1/products/" + slug)
                .expectStatus(200)
                .json();
    }

    private boolean exists(String slug) {
        return jdbc.sql("select count(*) from products where slug = ?")
                        .param(slug)
                        .query(Long.class)
                        .single()
                > 0;
    }

    private JsonNode auditEntries(String action, String targetId) {
        return fixtures.admin()
                .get("/api/v1/admin/audit?action=" + action + "&target_id=" + targetId)
                .expectStatus(200)
                .json()
                .get("items");
    }

    private JsonNode apiProduct(ApiClient owner, String name, String price, int stock) {
        return fixtures.createProduct(
                owner, CatalogFixtures.product(name, category, List.of(CatalogFixtures.variant(price, stock))));
    }

    @Test
    void createsProductsAndVariantsThenUpdatesThemByProductSlugAndVariantSku() {
        String word = "zylophonic" + unique("").substring(0, 4).replaceAll("[0-9]", "q");
        String lamp = unique("lamp-");
        String chair = unique("chair-");
        String skuS = unique("L-S-");
        String skuM = unique("L-M-");
        String skuC = unique("C-");
        String image = "https://img.example.com/" + unique("i") + ".jpg";
        String file = HEADER + "\r\n"
                + row(
                        lamp,
                        "Brass " + word + " lamp",
                        "active",
                        "{\"brand\": \"Atlas\"}",
                        skuS,
                        "S",
                        "49.90",
                        "5",
                        image)
                + row(
                        lamp,
                        "Brass " + word + " lamp",
                        "active",
                        "{\"brand\": \"Atlas\"}",
                        skuM,
                        "M",
                        "59.90",
                        "0",
                        image)
                + row(chair, "Oak chair", "draft", "", skuC, "", "120", "2", "");

        JsonNode report = csv.upload(seller, file).expect(200).json();

        assertThat(report.get("status").asString()).isEqualTo("completed");
        assertThat(report.get("applied").asBoolean()).isTrue();
        assertThat(report.get("total_rows").asInt()).isEqualTo(3);
        assertThat(report.get("created").asInt()).isEqualTo(3);
        assertThat(report.get("updated").asInt()).isZero();
        assertThat(report.get("rejected").asInt()).isZero();
        assertThat(report.get("products_created").asInt()).isEqualTo(2);
        JsonNode detail = publicProduct(lamp);
        assertThat(detail.get("name").asString()).isEqualTo("Brass " + word + " lamp");
        assertThat(detail.get("category").get("slug").asString()).isEqualTo(category);
        assertThat(detail.get("attributes").get("brand").asString()).isEqualTo("Atlas");
        assertThat(detail.get("variants")).hasSize(2);
        assertThat(detail.get("variants").get(0).get("sku").asString()).isEqualTo(skuS);
        assertThat(detail.get("variants").get(0).get("price").get("amount").decimalValue())
                .isEqualByComparingTo("49.90");
        assertThat(detail.get("variants").get(1).get("attributes").get("size").asString())
                .isEqualTo("M");
        assertThat(detail.get("media").get(0).get("url").asString()).isEqualTo(image);
        assertThat(detail.get("price").get("min").get("amount").decimalValue()).isEqualByComparingTo("49.90");
        assertThat(detail.get("in_stock").asBoolean()).isTrue();
        // the listing and the search see the import at once (caches dropped, search words added)
        JsonNode found = fixtures.anonymous()
                .get("/api/v1/products?search=" + word)
                .expectStatus(200)
                .json();
        assertThat(found.get("items"))
                .extracting(item -> item.get("slug").asString())
                .containsExactly(lamp);
        fixtures.anonymous().get("/api/v1/products/" + chair).expectStatus(404);

        String update = HEADER + "\r\n"
                + row(
                        lamp,
                        "Brass " + word + " lamp",
                        "active",
                        "{\"brand\": \"Atlas\"}",
                        skuS,
                        "S",
                        "44.00",
                        "0",
                        image)
                + row(
                        lamp,
                        "Brass " + word + " lamp",
                        "active",
                        "{\"brand\": \"Atlas\"}",
                        skuM,
                        "M",
                        "59.90",
                        "0",
                        image)
                + row(chair, "Oak chair, oiled", "active", "", skuC, "", "120", "2", "");
        JsonNode second = csv.upload(seller, update).expect(200).json();

        assertThat(second.get("created").asInt()).isZero();
        assertThat(second.get("updated").asInt()).isEqualTo(2);
        assertThat(second.get("unchanged").asInt()).isEqualTo(1);
        assertThat(second.get("written_rows").asInt()).isEqualTo(2);
        assertThat(second.get("products_updated").asInt()).isEqualTo(2);
        JsonNode updated = publicProduct(lamp);
        assertThat(updated.get("variants").get(0).get("price").get("amount").decimalValue())
                .isEqualByComparingTo("44.00");
        assertThat(updated.get("in_stock").asBoolean()).isFalse();
        assertThat(publicProduct(chair).get("name").asString()).isEqualTo("Oak chair, oiled");

        JsonNode audited = auditEntries("products.imported", second.get("id").asString());
        assertThat(audited).hasSize(1);
        assertThat(audited.get(0).get("details").get("updated").asInt()).isEqualTo(2);
        assertThat(audited.get(0).get("actor_id").asString())
                .isEqualTo(seller.get("/api/v1/me").json().get("id").asString());
    }

    @Test
    void anExportedFileImportsBackUnchanged() {
        Map<String, Object> tricky = new LinkedHashMap<>();
        tricky.put("name", "=cmd|' /C calc'!A0, \"quoted\"");
        tricky.put("description", "-minus first\r\nthen a line, with a comma\n\"and quotes\"\n\tand a tab");
        tricky.put("category", category);
        tricky.put("status", "active");
        tricky.put("attributes", Map.of("größe", "groß", "list", List.of(1, 2.5, "x"), "nested", Map.of("a", true)));
        tricky.put(
                "variants",
                List.of(
                        Map.of(
                                "sku", unique("RT-"),
                                "name", "@home",
                                "attributes", Map.of("لون", "أحمر"),
                                "price", Map.of("amount", new BigDecimal("0.99"), "currency", "EUR"),
                                "stock", 7),
                        Map.of(
                                "sku",
                                unique("RT-"),
                                "name",
                                "+plus",
                                "price",
                                Map.of("amount", new BigDecimal("1000000"), "currency", "EUR"),
                                "stock",
                                0)));
        tricky.put("media", List.of(Map.of("url", "https://img.example.com/" + unique("rt") + ".jpg", "alt", "x")));
        fixtures.createProduct(seller, tricky);
        fixtures.createProduct(seller, Map.of("name", "'=quoted already", "status", "draft"));
        JsonNode archived = apiProduct(seller, "مصباح قديم", "5.00", 1);
        seller.post("/api/v1/admin/products/" + archived.get("id").asString() + "/archive", null)
                .expectStatus(200);

        String exported = csv.export(seller, "").expect(200).body();
        assertThat(records(exported)).hasSize(5);

        JsonNode report = csv.upload(seller, exported).expect(200).json();

        assertThat(report.get("problems")).isEmpty();
        assertThat(report.get("unchanged").asInt()).isEqualTo(4);
        assertThat(report.get("created").asInt()).isZero();
        assertThat(report.get("updated").asInt()).isZero();
        assertThat(report.get("products_updated").asInt()).isZero();
        assertThat(csv.export(seller, "").expect(200).body()).isEqualTo(exported);
        // with a byte order mark, as spreadsheets save it
        JsonNode withBom = csv.upload(seller, csv.export(seller, "bom=true").body())
                .expect(200)
                .json();
        assertThat(withBom.get("unchanged").asInt()).isEqualTo(4);
    }

    @Test
    void refusesAFileWhoseColumnsAreWrong() {
        JsonNode missing =
                csv.upload(seller, "slug,name,sku\r\na,b,c\r\n").expect(422).json();
        assertThat(missing.get("type").asString()).endsWith("/import-invalid-file");
        assertThat(missing.get("errors").get(0).get("field").asString()).isEqualTo("header");
        assertThat(missing.get("errors").get(0).get("message").asString()).isEqualTo("missing columns: price, stock");

        JsonNode unknown = csv.upload(seller, "slug,name,sku,price,stock,colour\r\na,b,c,1,1,red\r\n")
                .expect(422)
                .json();
        assertThat(unknown.get("errors").get(0).get("message").asString()).startsWith("unknown columns: 'colour'");

        JsonNode twice = csv.upload(seller, "slug,name,sku,price,stock,SKU\r\na,b,c,1,1,c\r\n")
                .expect(422)
                .json();
        assertThat(twice.get("errors").get(0).get("message").asString()).isEqualTo("columns named twice: sku");

        assertThat(csv.upload(seller, "").expect(422).json().get("detail").asString())
                .contains("is empty");
        assertThat(csv.upload(seller, "slug,name,sku,price,stock\r\n")
                        .expect(422)
                        .json()
                        .get("detail")
                        .asString())
                .contains("no rows");
        assertThat(csv.upload(seller, "slug,name,sku,price,stock\r\na,\"b,c,1,1\r\n")
                        .expect(422)
                        .json()
                        .get("detail")
                        .asString())
                .contains("not valid CSV: a quoted cell is not closed");
        byte[] latin1 =
                "slug,name,sku,price,stock\r\nlampe,Lampe groß,L-1,1,1\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(csv.upload(seller, latin1).expect(422).json().get("detail").asString())
                .contains("not UTF-8");
        assertThat(csv.upload(seller, "slug,name,sku,price,stock\r\na,b,c,1,1\r\n", "mode", "some")
                        .expect(400)
                        .json()
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo("mode");
    }

    @Test
    void readsSemicolonSeparatedFilesAndLeavesOutOptionalColumns() {
        String slug = unique("semi-");
        String file = "slug;name;sku;price;stock\r\n" + slug + ";Lampe groß;" + unique("S-") + ";12.5;3\r\n";

        JsonNode report = csv.upload(seller, file).expect(200).json();

        assertThat(report.get("created").asInt()).isEqualTo(1);
        assertThat(jdbc.sql("select status || ' ' || name || ' ' || description from products where slug = ?")
                        .param(slug)
                        .query(String.class)
                        .single())
                .isEqualTo("draft Lampe groß ");
    }

    @Test
    void checksEveryRowAndReportsItsRowColumnAndProblem() {
        String good = unique("good-");
        String goodSku = unique("G-");
        JsonNode other = apiProduct(seller, "Other", "10.00", 5);
        String otherSku = other.get("variants").get(0).get("sku").asString();
        JsonNode reservedProduct = apiProduct(seller, "Reserved", "10.00", 5);
        UUID reservedVariant =
                UUID.fromString(reservedProduct.get("variants").get(0).get("id").asString());
        stock.reserve(
                UUID.randomUUID().toString(),
                Map.of(reservedVariant, 3),
                Instant.now().plus(Duration.ofMinutes(10)));
        StringBuilder file = new StringBuilder(HEADER + "\r\n");
        file.append(row(
                good,
                "Straßenlampe für Köln – مصباح الشارع",
                "active",
                "{\"Farbe\": \"grün\"}",
                goodSku,
                "groß",
                "12.5",
                "3",
                ""));
        Map<Integer, String[]> expected = new LinkedHashMap<>();
        int number = 3;
        Object[][] bad = {
            {simpleRow("Bad Slug", unique("B-"), "1", "1"), "slug", "lower-case letters", "slug.invalid"},
            {row(unique("p-"), "", "active", "{}", unique("B-"), "", "1", "1", ""), "name", "is required", "required"},
            {simpleRow(unique("p-"), unique("B-"), "12,50", "1"), "price", "decimal separator", "price.comma"},
            {simpleRow(unique("p-"), unique("B-"), "-1", "1"), "price", "must not be negative", "price.negative"},
            {simpleRow(unique("p-"), unique("B-"), "1.234", "1"), "price", "at most 2 decimals in EUR", "price.decimals"
            },
            {simpleRow(unique("p-"), unique("B-"), "1000000.01", "1"), "price", "at most 1000000", "price.too-high"},
            {simpleRow(unique("p-"), unique("B-"), "ten", "1"), "price", "decimal number", "price.invalid"},
            {
                simpleRow(unique("p-"), unique("B-"), "1", "1.5"),
                "stock",
                "whole number from 0 to 1000000",
                "stock.invalid"
            },
            {
                simpleRow(unique("p-"), unique("B-"), "1", "1000001"),
                "stock",
                "whole number from 0 to 1000000",
                "stock.invalid"
            },
            {simpleRow(unique("p-"), "bad sku!", "1", "1"), "sku", "letters, digits", "sku.invalid"},
            {
                line(unique("p-"), "X", "", "no-such-category", "active", "{}", unique("B-"), "", "", "1", "1", ""),
                "category",
                "unknown category 'no-such-category'",
                "category.unknown"
            },
            {
                row(unique("p-"), "X", "active", "{not json", unique("B-"), "", "1", "1", ""),
                "attributes",
                "JSON object",
                "attributes.not-an-object"
            },
            {
                line(unique("p-"), "X", "", category, "active", "{}", unique("B-"), "", "[1, 2]", "1", "1", ""),
                "variant_attributes",
                "JSON object",
                "attributes.not-an-object"
            },
            {simpleRow(unique("p-"), goodSku.toLowerCase(), "1", "1"), "sku", "appears also in row 2", "sku.repeated"},
            {simpleRow(unique("p-"), otherSku, "1", "1"), "sku", "already used by another product", "sku.taken"},
            {
                row(unique("p-"), "Bell \u0007", "active", "{}", unique("B-"), "", "1", "1", ""),
                "name",
                "control characters (found U+0007)",
                "text.control-character"
            },
            {
                line(
                        unique("p-"),
                        "X",
                        "d".repeat(20001),
                        category,
                        "active",
                        "{}",
                        unique("B-"),
                        "",
                        "",
                        "1",
                        "1",
                        ""),
                "description",
                "at most 20000 characters",
                "too-long"
            },
            {
                row(unique("p-"), "n".repeat(201), "active", "{}", unique("B-"), "", "1", "1", ""),
                "name",
                "at most 200 characters",
                "too-long"
            },
            {
                row(unique("p-"), "X", "archived", "{}", unique("B-"), "", "1", "1", ""),
                "status",
                "does not archive",
                "status.archive"
            },
            {
                row(unique("p-"), "X", "sold", "{}", unique("B-"), "", "1", "1", ""),
                "status",
                "draft, active or archived",
                "status.invalid"
            },
            {
                row(unique("p-"), "X", "active", "{}", unique("B-"), "", "1", "1", "ftp://img.example.com/a.jpg"),
                "images",
                "http(s) URL",
                "images.invalid"
            },
            {
                row(good, "Another name", "active", "{\"Farbe\": \"grün\"}", unique("B-"), "", "1", "1", ""),
                "name",
                "differs from row 2",
                "differs"
            },
            {
                unique("p-") + ",X,,,active,{}," + unique("B-") + ",,,1,1\r\n",
                "slug",
                "has 11 cells but the header has 12",
                "cells"
            },
            {
                line(unique("p-"), "X", "", category, "active", "{}", "", "", "", "5", "", ""),
                "sku",
                "is required in a row with a price",
                "sku.required"
            },
            {
                row(unique("p-"), "X", "active", "{\"k\": \"nul \\u0000\"}", unique("B-"), "", "1", "1", ""),
                "attributes",
                "control characters (found U+0000)",
                "text.control-character"
            },
            {
                simpleRow(
                        reservedProduct.get("slug").asString(),
                        reservedProduct.get("variants").get(0).get("sku").asString(),
                        "10.00",
                        "2"),
                "stock",
                "must be at least 3, the quantity reserved",
                "stock.reserved"
            },
        };
        for (Object[] entry : bad) {
            file.append((String) entry[0]);
            expected.put(number++, new String[] {(String) entry[1], (String) entry[2], (String) entry[3]});
        }

        JsonNode report = csv.upload(seller, file.toString(), "mode", "valid-only")
                .expect(200)
                .json();

        assertThat(report.get("status").asString()).isEqualTo("completed");
        assertThat(report.get("created").asInt()).isEqualTo(1);
        assertThat(report.get("rejected").asInt()).isEqualTo(bad.length);
        Map<Integer, JsonNode> problems = new LinkedHashMap<>();
        report.get("problems")
                .forEach(problem -> problems.putIfAbsent(problem.get("row").asInt(), problem));
        assertThat(problems.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((row, columnAndMessage) -> {
            JsonNode problem = problems.get(row);
            assertThat(problem.get("column").asString())
                    .as("column of row " + row)
                    .isEqualTo(columnAndMessage[0]);
            assertThat(problem.get("message").asString())
                    .as("message of row " + row)
                    .contains(columnAndMessage[1]);
            // and as a stable code, for pages to word in their language
            assertThat(problem.get("code").asString()).as("code of row " + row).isEqualTo(columnAndMessage[2]);
        });
        // the arguments the code's text takes: the English message says them too
        JsonNode decimals = problems.values().stream()
                .filter(p -> p.get("code").asString().equals("price.decimals"))
                .findFirst()
                .orElseThrow();
        assertThat(decimals.get("args").values().stream().map(JsonNode::asString))
                .containsExactly("2", "EUR");
        assertThat(problems.values().stream()
                        .filter(p -> p.get("code").asString().equals("price.negative"))
                        .findFirst()
                        .orElseThrow()
                        .get("args"))
                .isEmpty();
        JsonNode created = publicProduct(good);
        assertThat(created.get("name").asString()).isEqualTo("Straßenlampe für Köln – مصباح الشارع");
        assertThat(created.get("attributes").get("Farbe").asString()).isEqualTo("grün");
        assertThat(publicProduct(other.get("slug").asString()).get("variants")).hasSize(1);
    }

    /** Blank lines are rows in a spreadsheet too: the rows named in problems are the ones it shows. */
    @Test
    void rowsAreNumberedAsASpreadsheetShowsThemBlankLinesIncluded() {
        String file = "\r\n" + HEADER + "\r\n\r\n"
                + simpleRow(unique("blank-"), unique("B-"), "1.00", "1")
                + "\r\n"
                + simpleRow(unique("blank-"), unique("B-"), "abc", "1");

        JsonNode rejected = csv.upload(seller, file).expect(200).json();

        assertThat(rejected.get("status").asString()).isEqualTo("rejected");
        assertThat(rejected.get("problems").get(0).get("row").asInt()).isEqualTo(6);
    }

    @Test
    void allOrNothingImportsNothingWhenARowIsBadAndValidOnlyImportsTheRest() {
        JsonNode existing = apiProduct(seller, "Existing", "10.00", 5);
        String existingSku = existing.get("variants").get(0).get("sku").asString();
        String first = unique("aon-");
        String second = unique("aon-");
        String file = HEADER + "\r\n"
                + simpleRow(first, unique("A-"), "1.00", "1")
                + simpleRow(existing.get("slug").asString(), existingSku, "99.00", "5")
                        .replace("Product " + existing.get("slug").asString(), "Existing")
                + simpleRow(second, unique("A-"), "1,00", "1");

        JsonNode rejected = csv.upload(seller, file).expect(200).json();

        assertThat(rejected.get("status").asString()).isEqualTo("rejected");
        assertThat(rejected.get("applied").asBoolean()).isFalse();
        assertThat(rejected.get("mode").asString()).isEqualTo("all-or-nothing");
        assertThat(rejected.get("rejected").asInt()).isEqualTo(1);
        assertThat(rejected.get("created").asInt()).isZero();
        assertThat(rejected.get("problems").get(0).get("row").asInt()).isEqualTo(4);
        assertThat(exists(first)).isFalse();
        assertThat(publicProduct(existing.get("slug").asString())
                        .get("variants")
                        .get(0)
                        .get("price")
                        .get("amount")
                        .decimalValue())
                .isEqualByComparingTo("10.00");
        assertThat(auditEntries("products.imported", rejected.get("id").asString()))
                .isEmpty();

        JsonNode partial =
                csv.upload(seller, file, "mode", "valid-only").expect(200).json();

        assertThat(partial.get("status").asString()).isEqualTo("completed");
        assertThat(partial.get("applied").asBoolean()).isTrue();
        assertThat(partial.get("created").asInt()).isEqualTo(1);
        assertThat(partial.get("updated").asInt()).isEqualTo(1);
        assertThat(partial.get("rejected").asInt()).isEqualTo(1);
        assertThat(exists(first)).isTrue();
        assertThat(exists(second)).isFalse();
        assertThat(publicProduct(existing.get("slug").asString())
                        .get("variants")
                        .get(0)
                        .get("price")
                        .get("amount")
                        .decimalValue())
                .isEqualByComparingTo("99.00");
    }

    @Test
    void aDryRunCountsButChangesNothing() {
        JsonNode existing = apiProduct(seller, "Existing", "10.00", 5);
        String slug = unique("dry-");
        String file = HEADER + "\r\n"
                + simpleRow(slug, unique("D-"), "1.00", "1")
                + simpleRow(
                                existing.get("slug").asString(),
                                existing.get("variants").get(0).get("sku").asString(),
                                "20.00",
                                "9")
                        .replace("Product " + existing.get("slug").asString(), "Existing");

        JsonNode report =
                csv.upload(seller, file, "dry_run", "true").expect(200).json();

        assertThat(report.get("dry_run").asBoolean()).isTrue();
        assertThat(report.get("applied").asBoolean()).isFalse();
        assertThat(report.get("status").asString()).isEqualTo("completed");
        assertThat(report.get("created").asInt()).isEqualTo(1);
        assertThat(report.get("updated").asInt()).isEqualTo(1);
        assertThat(report.has("rows_to_write")).isFalse();
        assertThat(report.get("written_rows").asInt()).isZero();
        assertThat(exists(slug)).isFalse();
        JsonNode after = publicProduct(existing.get("slug").asString());
        assertThat(after.get("variants").get(0).get("price").get("amount").decimalValue())
                .isEqualByComparingTo("10.00");
        assertThat(after.get("variants").get(0).get("stock").asInt()).isEqualTo(5);
        assertThat(auditEntries("products.imported", report.get("id").asString()))
                .isEmpty();
    }

    @Test
    void aSellersRowsNamingAnotherSellersProductsAreRejectedAndTheAttemptAudited() {
        ApiClient other = fixtures.seller();
        JsonNode theirs = apiProduct(other, "Theirs", "10.00", 5);
        String theirSlug = theirs.get("slug").asString();
        String theirSku = theirs.get("variants").get(0).get("sku").asString();
        String mine = unique("mine-");
        String file = HEADER + "\r\n"
                + simpleRow(theirSlug, theirSku, "0.01", "0")
                + simpleRow(mine, unique("M-"), "3.00", "1")
                + simpleRow(unique("steal-"), theirSku, "0.01", "0");

        JsonNode report =
                csv.upload(seller, file, "mode", "valid-only").expect(200).json();

        assertThat(report.get("created").asInt()).isEqualTo(1);
        assertThat(report.get("rejected").asInt()).isEqualTo(2);
        assertThat(report.get("problems").get(0).get("column").asString()).isEqualTo("slug");
        assertThat(report.get("problems").get(0).get("message").asString()).isEqualTo("belongs to another seller");
        assertThat(report.get("problems").get(1).get("column").asString()).isEqualTo("sku");
        JsonNode after = publicProduct(theirSlug);
        assertThat(after.get("name").asString()).isEqualTo("Theirs");
        assertThat(after.get("variants").get(0).get("price").get("amount").decimalValue())
                .isEqualByComparingTo("10.00");
        JsonNode refused =
                auditEntries("products.import-refused", report.get("id").asString());
        assertThat(refused).hasSize(1);
        assertThat(refused.get(0).get("actor_id").asString())
                .isEqualTo(seller.get("/api/v1/me").json().get("id").asString());
        assertThat(refused.get(0).get("details").get("slugs").get(0).asString()).isEqualTo(theirSlug);
        // the seller's import is its own to read; the other seller does not see it
        other.get("/api/v1/admin/imports/" + report.get("id").asString()).expectStatus(404);
        seller.get("/api/v1/admin/imports/" + report.get("id").asString()).expectStatus(200);

        // an admin may import into any seller's product; it keeps its seller
        JsonNode byAdmin = csv.upload(
                        fixtures.admin(),
                        HEADER + "\r\n"
                                + simpleRow(theirSlug, theirSku, "11.00", "5")
                                        .replace("Product " + theirSlug, "Theirs"))
                .expect(200)
                .json();
        assertThat(byAdmin.get("updated").asInt()).isEqualTo(1);
        assertThat(jdbc.sql("select seller_id::text from products where slug = ?")
                        .param(theirSlug)
                        .query(String.class)
                        .single())
                .isEqualTo(other.get("/api/v1/me").json().get("id").asString());
    }

    @Test
    void aProductOfMoreThanAHundredVariantsIsRefused() {
        String slug = unique("many-");
        StringBuilder file = new StringBuilder(HEADER + "\r\n");
        for (int v = 0; v <= 100; v++) {
            file.append(simpleRow(slug, slug + "-" + v, "1.00", "1000000"));
        }

        JsonNode report = csv.upload(seller, file.toString(), "mode", "valid-only")
                .expect(200)
                .json();

        assertThat(report.get("rejected").asInt()).isEqualTo(101);
        assertThat(report.get("problems").get(0).get("column").asString()).isEqualTo("sku");
        assertThat(report.get("problems").get(0).get("message").asString()).contains("at most 100 variants");
        fixtures.anonymous().get("/api/v1/products/" + slug).expectStatus(404);
    }

    @Test
    void largeFilesRunAsAJobWhoseProgressAndReportAreReadable() {
        String prefix = unique("job-");
        StringBuilder file = new StringBuilder(HEADER + "\r\n");
        for (int p = 0; p < 500; p++) {
            for (int v = 0; v < 3; v++) {
                file.append(row(
                        prefix + "-" + p,
                        "Job product " + p,
                        "active",
                        "{}",
                        prefix + "-" + p + "-" + v,
                        "V" + v,
                        "9.99",
                        "4",
                        ""));
            }
        }

        CsvTransfers.Answer answer = csv.upload(seller, file.toString()).expect(202);

        JsonNode queued = answer.json();
        String id = queued.get("id").asString();
        assertThat(answer.location()).isEqualTo("/api/v1/admin/imports/" + id);
        // the job may have started (or even ended) by the time the answer reads the record back
        assertThat(queued.get("status").asString()).isIn("queued", "validating", "applying", "completed");
        assertThat(queued.get("total_rows").asInt()).isEqualTo(1500);
        JsonNode done = csv.awaitFinished(seller, id);
        assertThat(done.get("status").asString()).isEqualTo("completed");
        assertThat(done.get("processed_rows").asInt()).isEqualTo(1500);
        assertThat(done.get("rows_to_write").asInt()).isEqualTo(1500);
        assertThat(done.get("written_rows").asInt()).isEqualTo(1500);
        assertThat(done.get("created").asInt()).isEqualTo(1500);
        assertThat(done.get("products_created").asInt()).isEqualTo(500);
        assertThat(done.has("started_at")).isTrue();
        assertThat(publicProduct(prefix + "-499").get("variants")).hasSize(3);
        assertThat(fixtures.seller().get("/api/v1/admin/imports/" + id).status())
                .isEqualTo(404);
        assertThat(seller.get("/api/v1/admin/imports?limit=5")
                        .expectStatus(200)
                        .json()
                        .get(0)
                        .get("id")
                        .asString())
                .isEqualTo(id);
        assertThat(auditEntries("products.imported", id)
                        .get(0)
                        .get("details")
                        .get("created")
                        .asInt())
                .isEqualTo(1500);
    }

    @Test
    void aFailureMidwayLeavesTheCatalogUnchanged() {
        JsonNode existing = apiProduct(seller, "Existing", "10.00", 5);
        String existingSlug = existing.get("slug").asString();
        String prefix = unique("boom-");
        String trap = unique("TRAP-");
        StringBuilder file = new StringBuilder(HEADER + "\r\n");
        file.append(simpleRow(
                        existingSlug, existing.get("variants").get(0).get("sku").asString(), "77.00", "1")
                .replace("Product " + existingSlug, "Existing"));
        for (int p = 0; p < 1100; p++) {
            file.append(simpleRow(prefix + "-" + p, prefix + "-" + p, "1.00", "1"));
        }
        file.append(simpleRow(prefix + "-last", trap, "1.00", "1"));
        // the database refuses the last variant: the import fails after writing the others
        jdbc.sql("""
                        create function csv_import_trap() returns trigger language plpgsql as $$
                        begin raise exception 'trapped'; end $$""").update();
        jdbc.sql("create trigger csv_import_trap before insert on variants for each row when (new.sku = '" + trap
                        + "') execute function csv_import_trap()")
                .update();
        try {
            String id = csv.upload(seller, file.toString())
                    .expect(202)
                    .json()
                    .get("id")
                    .asString();
            JsonNode failed = csv.awaitFinished(seller, id);

            assertThat(failed.get("status").asString()).isEqualTo("failed");
            assertThat(failed.get("error").asString()).contains("nothing was imported");
            assertThat(failed.get("applied").asBoolean()).isFalse();
            // the first batch was written before the failure, and rolled back with the rest
            assertThat(failed.get("written_rows").asInt()).isZero();
            assertThat(failed.has("rows_to_write")).isFalse();
        } finally {
            jdbc.sql("drop trigger csv_import_trap on variants").update();
            jdbc.sql("drop function csv_import_trap()").update();
        }
        assertThat(jdbc.sql("select count(*) from products where slug like ?")
                        .param(prefix + "%")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(publicProduct(existingSlug)
                        .get("variants")
                        .get(0)
                        .get("price")
                        .get("amount")
                        .decimalValue())
                .isEqualByComparingTo("10.00");
    }

    @Test
    void refusesAFileAboveTheSizeLimit() {
        String line = simpleRow(unique("big-"), unique("B-"), "1.00", "1");
        StringBuilder file = new StringBuilder(HEADER + "\r\n");
        while (file.length() <= 20 * 1024 * 1024) {
            file.append(line);
        }

        JsonNode tooLarge = csv.upload(seller, file.toString()).expect(413).json();
        assertThat(tooLarge.get("type").asString()).endsWith("/body-too-large");
        assertThat(tooLarge.get("detail").asString()).contains("at most 20MB");

        file.append(line.repeat(1024 * 1024 / line.length() + 1));
        CsvTransfers.Answer beyondTheBodyLimit = csv.upload(seller, file.toString());
        assertThat(beyondTheBodyLimit.status()).isEqualTo(413);
        // nothing was recorded for either
        assertThat(seller.get("/api/v1/admin/imports").expectStatus(200).json()).isEmpty();
    }

    @Test
    void aFileStreamedPastTheMultipartLimitIsTheSame413() {
        // no length to refuse up front: the multipart parser stops it at 64MB
        JsonNode tooLarge = csv.uploadStreamed(seller, 64L * 1024 * 1024 + 256 * 1024)
                .expect(413)
                .json();
        assertThat(tooLarge.get("type").asString()).endsWith("/body-too-large");
        assertThat(tooLarge.get("status").asInt()).isEqualTo(413);
        assertThat(seller.get("/api/v1/admin/imports").expectStatus(200).json()).isEmpty();
    }

    @Test
    void refusesMoreRowsThanTheLimit() {
        StringBuilder file = new StringBuilder("slug,name,sku,price,stock\r\n");
        for (int i = 0; i <= 100_000; i++) {
            file.append("a,b,,,\r\n");
        }

        JsonNode problem = csv.upload(seller, file.toString()).expect(422).json();

        assertThat(problem.get("type").asString()).endsWith("/import-invalid-file");
        assertThat(problem.get("errors").get(0).get("message").asString()).isEqualTo("has more than 100000 rows");
    }

    @Test
    void concurrentImportsOfOneNewProductCreateItOnce() throws Exception {
        String slug = unique("race-");
        String file = HEADER + "\r\n" + simpleRow(slug, unique("R-"), "1.00", "1")
                + simpleRow(slug, unique("R-"), "2.00", "1");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<CsvTransfers.Answer>> answers = new ArrayList<>();
        List<ApiClient> clients = List.of(seller, seller, seller, seller);
        for (ApiClient client : clients) {
            answers.add(pool.submit(() -> {
                start.await();
                return csv.upload(client, file);
            }));
        }
        start.countDown();
        Set<Integer> statuses = new HashSet<>();
        int created = 0;
        for (Future<CsvTransfers.Answer> answer : answers) {
            CsvTransfers.Answer result = answer.get();
            statuses.add(result.status());
            if (result.status() == 200) {
                created += result.json().get("created").asInt();
            } else {
                assertThat(result.json().get("type").asString()).endsWith("/conflict");
            }
        }
        pool.shutdown();

        assertThat(statuses).isSubsetOf(200, 409).contains(200);
        assertThat(created).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from variants v join products p on p.id = v.product_id where p.slug = ?")
                        .param(slug)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
    }
}
