package app.dukkan.catalog;

import static app.dukkan.catalog.CsvTransfers.HEADER;
import static app.dukkan.catalog.CsvTransfers.records;
import static app.dukkan.testing.CatalogFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@DukkanTest
class CatalogCsvExportTests {

    @LocalServerPort
    int port;

    CatalogFixtures fixtures;
    CsvTransfers csv;
    ApiClient seller;
    String category;

    @BeforeEach
    void setUp() {
        fixtures = new CatalogFixtures(port);
        csv = new CsvTransfers(port);
        seller = fixtures.seller();
        category = fixtures.category("Export", null);
    }

    private JsonNode product(String name, String description, Map<String, Object> attributes, String... prices) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("description", description);
        body.put("category", category);
        body.put("status", "active");
        body.put("attributes", attributes);
        List<Map<String, Object>> variants = new java.util.ArrayList<>();
        for (int i = 0; i < prices.length; i++) {
            variants.add(Map.of(
                    "sku", unique("EX-"),
                    "name", "Size " + i,
                    "attributes", Map.of("size", "S" + i),
                    "price", Map.of("amount", new BigDecimal(prices[i]), "currency", "EUR"),
                    "stock", 3 + i));
        }
        body.put("variants", variants);
        body.put(
                "media",
                List.of(
                        Map.of("url", "https://img.example.com/" + unique("a") + ".jpg", "alt", name),
                        Map.of("url", "/files/products/" + unique("b") + ".png", "alt", name)));
        return fixtures.createProduct(seller, body);
    }

    @Test
    void writesOneRowPerVariantWithQuotingCrlfAndArabicText() {
        JsonNode lamp = product(
                "Lampe \"Nacht\", groß",
                "Zeile eins\r\nZeile zwei, mit Komma",
                Map.of("material", "Messing"),
                "49.90",
                "1250");
        JsonNode arabic = product("مصباح نحاسي", "وصف المنتج", Map.of("اللون", "ذهبي"), "15.00");

        CsvTransfers.Answer answer = csv.export(seller, "").expect(200);
        String body = answer.body();

        assertThat(body).doesNotStartWith("\uFEFF").startsWith(HEADER + "\r\n").endsWith("\r\n");
        // every line ends with CRLF, also inside a quoted cell the description's own CRLF stays as it is
        assertThat(body.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        List<String> rows = records(body);
        assertThat(rows).hasSize(1 + 3);
        assertThat(rows.get(0)).isEqualTo(HEADER);
        String slug = lamp.get("slug").asString();
        String sku0 = lamp.get("variants").get(0).get("sku").asString();
        String images = lamp.get("media").get(0).get("url").asString() + " "
                + lamp.get("media").get(1).get("url").asString();
        assertThat(rows.get(1))
                .isEqualTo(slug + ",\"Lampe \"\"Nacht\"\", groß\",\"Zeile eins\r\nZeile zwei, mit Komma\"," + category
                        + ",active,\"{\"\"material\"\": \"\"Messing\"\"}\"," + sku0
                        + ",Size 0,\"{\"\"size\"\": \"\"S0\"\"}\","
                        + "49.90,3," + images);
        assertThat(rows.get(2)).contains(",1250.00,4,").startsWith(slug + ",");
        assertThat(rows.get(3))
                .startsWith(arabic.get("slug").asString() + ",مصباح نحاسي,وصف المنتج," + category + ",active,")
                .contains("\"{\"\"اللون\"\": \"\"ذهبي\"\"}\"")
                .contains(",15.00,3,");
    }

    @Test
    void neutralisesCellsThatSpreadsheetsWouldRunAsFormulas() {
        product("=HYPERLINK(\"http://evil.example\",\"x\")", "+1 und -2", Map.of(), "10.00");
        product("@SUM(A1)", "\tTab", Map.of(), "10.00");
        product("'=already quoted", "-", Map.of(), "10.00");

        List<String> rows = records(csv.export(seller, "").expect(200).body());

        assertThat(rows).hasSize(4);
        assertThat(rows.get(1)).contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",'+1 und -2,");
        assertThat(rows.get(2)).contains(",'@SUM(A1),'\tTab,");
        assertThat(rows.get(3)).contains(",''=already quoted,'-,");
        for (String row : rows.subList(1, 4)) {
            for (String cell : row.split(",")) {
                assertThat(cell).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("@");
            }
        }
    }

    @Test
    void aSellerExportsOnlyItsOwnProductsAndTheStatusFilterApplies() {
        JsonNode mine = product("Mine", "", Map.of(), "10.00");
        ApiClient other = fixtures.seller();
        JsonNode theirs = fixtures.createProduct(
                other, CatalogFixtures.product("Theirs", category, List.of(CatalogFixtures.variant("5.00", 1))));
        seller.post("/api/v1/admin/products/" + mine.get("id").asString() + "/archive", null)
                .expectStatus(200);
        JsonNode draft =
                fixtures.createProduct(seller, Map.of("name", "Draft only", "status", "draft", "category", category));

        String all = csv.export(seller, "").expect(200).body();
        assertThat(all)
                .contains(mine.get("slug").asString())
                .contains(draft.get("slug").asString())
                .doesNotContain(theirs.get("slug").asString());
        // a product without variants is one row with empty variant columns
        assertThat(records(all))
                .anySatisfy(row -> assertThat(row)
                        .startsWith(draft.get("slug").asString() + ",Draft only,," + category + ",draft,{},,,,,,"));

        String archived = csv.export(seller, "status=archived").expect(200).body();
        assertThat(records(archived)).hasSize(2);
        assertThat(archived).contains(mine.get("slug").asString());

        String everything = csv.export(fixtures.admin(), "").expect(200).body();
        assertThat(everything)
                .contains(mine.get("slug").asString())
                .contains(theirs.get("slug").asString());
    }

    @Test
    void answersWithAByteOrderMarkOnlyWhenAsked() {
        product("Marked", "", Map.of(), "10.00");

        CsvTransfers.Answer answer = csv.export(seller, "bom=true").expect(200);

        assertThat(answer.body()).startsWith("\uFEFF" + HEADER + "\r\n");
    }

    @Test
    void refusesAnUnknownStatusAndStrangers() {
        assertThat(csv.export(seller, "status=sold")
                        .expect(400)
                        .json()
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo("status");
        assertThat(csv.export(fixtures.customer(), "").status()).isEqualTo(403);
        assertThat(csv.export(fixtures.anonymous(), "").status()).isEqualTo(401);
    }
}
