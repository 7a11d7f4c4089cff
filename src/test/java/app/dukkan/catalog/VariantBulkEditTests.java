package app.dukkan.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.identity.Role;
import app.dukkan.identity.UserId;
import app.dukkan.platform.Money;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import tools.jackson.databind.JsonNode;

@DukkanTest
@RecordApplicationEvents
class VariantBulkEditTests {

    @LocalServerPort
    int port;

    @Autowired
    Stock stock;

    @Autowired
    ApplicationEvents events;

    @Autowired
    CatalogTransfer transfer;

    CatalogFixtures fixtures;
    ApiClient seller;
    String category;

    @BeforeEach
    void setUp() {
        fixtures = new CatalogFixtures(port);
        seller = fixtures.seller();
        category = fixtures.category("Bulk", null);
    }

    private JsonNode product(ApiClient owner, String... prices) {
        List<Map<String, Object>> variants = new ArrayList<>();
        for (String price : prices) {
            variants.add(CatalogFixtures.variant(price, 5));
        }
        return fixtures.createProduct(owner, CatalogFixtures.product("Bulk lamp", category, variants));
    }

    private static String sku(JsonNode product, int index) {
        return product.get("variants").get(index).get("sku").asString();
    }

    private static Map<String, Object> change(String sku, String price, Integer stock) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("sku", sku);
        if (price != null) {
            change.put("price", Map.of("amount", new BigDecimal(price), "currency", "EUR"));
        }
        if (stock != null) {
            change.put("stock", stock);
        }
        return change;
    }

    private JsonNode detail(JsonNode product) {
        return fixtures.anonymous()
                .get("/api/v1/products/" + product.get("slug").asString())
                .expectStatus(200)
                .json();
    }

    @Test
    void changesPricesAndStockOfManyVariantsAndTheShopSeesItAtOnce() {
        JsonNode lamp = product(seller, "10.00", "12.00");
        JsonNode chair = product(seller, "50.00");
        assertThat(detail(chair).get("in_stock").asBoolean()).isTrue();

        JsonNode edited = seller.post(
                        "/api/v1/admin/variants/bulk",
                        Map.of(
                                "changes",
                                List.of(
                                        change(sku(lamp, 0), "9.50", null),
                                        change(sku(lamp, 1).toLowerCase(), null, 40),
                                        change(sku(chair, 0), "55.00", 0))))
                .expectStatus(200)
                .json();

        assertThat(edited.get("changed").asInt()).isEqualTo(3);
        assertThat(edited.get("variants").get(1).get("sku").asString()).isEqualTo(sku(lamp, 1));
        assertThat(edited.get("variants").get(1).get("stock").asInt()).isEqualTo(40);
        JsonNode lampNow = detail(lamp);
        assertThat(lampNow.get("variants").get(0).get("price").get("amount").decimalValue())
                .isEqualByComparingTo("9.50");
        assertThat(lampNow.get("variants").get(1).get("stock").asInt()).isEqualTo(40);
        assertThat(lampNow.get("price").get("min").get("amount").decimalValue()).isEqualByComparingTo("9.50");
        JsonNode chairNow = detail(chair);
        assertThat(chairNow.get("in_stock").asBoolean()).isFalse();
        assertThat(chairNow.get("price").get("min").get("amount").decimalValue())
                .isEqualByComparingTo("55.00");
        JsonNode audit = fixtures.admin()
                .get("/api/v1/admin/audit?action=variants.bulk-edited&actor="
                        + seller.get("/api/v1/me").json().get("id").asString())
                .expectStatus(200)
                .json()
                .get("items");
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0).get("details").get("variants").asInt()).isEqualTo(3);
        assertThat(audit.get(0)
                        .get("details")
                        .get("changes")
                        .get(0)
                        .get("price_minor")
                        .get(1)
                        .asLong())
                .isEqualTo(950);
    }

    @Test
    void announcesStockChangesAsTheVariantEditDoes() {
        JsonNode lamp = product(seller, "10.00", "12.00");
        UUID first = UUID.fromString(lamp.get("variants").get(0).get("id").asString());
        UUID second = UUID.fromString(lamp.get("variants").get(1).get("id").asString());
        AuthenticatedUser admin =
                new AuthenticatedUser(new UserId(UUID.randomUUID()), "admin@test.dukkan", Set.of(Role.ADMIN));

        CatalogTransfer.BulkEditResult result = transfer.bulkEdit(
                admin,
                List.of(
                        new CatalogTransfer.VariantChange(sku(lamp, 0), Money.of(new BigDecimal("11.00"), "EUR"), null),
                        new CatalogTransfer.VariantChange(sku(lamp, 1), null, 0)));

        assertThat(result.changed()).isEqualTo(2);
        assertThat(events.stream(StockChanged.class).filter(e -> e.variantId().equals(second)))
                .extracting(StockChanged::available)
                .containsExactly(0);
        assertThat(events.stream(StockChanged.class).filter(e -> e.variantId().equals(first)))
                .isEmpty();
    }

    @Test
    void oneRefusedChangeAndNothingChanges() {
        JsonNode lamp = product(seller, "10.00", "12.00");
        JsonNode theirs = product(fixtures.seller(), "30.00");
        UUID reservedVariant =
                UUID.fromString(lamp.get("variants").get(1).get("id").asString());
        stock.reserve(
                UUID.randomUUID().toString(),
                Map.of(reservedVariant, 3),
                Instant.now().plus(Duration.ofMinutes(10)));

        JsonNode refused = seller.post(
                        "/api/v1/admin/variants/bulk",
                        Map.of(
                                "changes",
                                List.of(
                                        change(sku(lamp, 0), "1.00", 1),
                                        change(sku(theirs, 0), "1.00", null),
                                        change(
                                                "NO-SUCH-SKU-"
                                                        + UUID.randomUUID()
                                                                .toString()
                                                                .substring(0, 8),
                                                null,
                                                1),
                                        change(sku(lamp, 1), null, 2))))
                .expectStatus(400)
                .json();

        assertThat(refused.get("errors"))
                .extracting(
                        e -> e.get("field").asString() + ": " + e.get("message").asString())
                .containsExactly(
                        "changes[1].sku: belongs to another seller's product",
                        "changes[2].sku: no variant has this SKU");
        JsonNode reservedRefusal = seller.post(
                        "/api/v1/admin/variants/bulk",
                        Map.of("changes", List.of(change(sku(lamp, 0), "1.00", 1), change(sku(lamp, 1), null, 2))))
                .expectStatus(400)
                .json();
        assertThat(reservedRefusal.get("errors").get(0).get("field").asString()).isEqualTo("changes[1].stock");
        assertThat(reservedRefusal.get("errors").get(0).get("message").asString())
                .contains("at least 3");
        JsonNode unchanged = detail(lamp);
        assertThat(unchanged.get("variants").get(0).get("price").get("amount").decimalValue())
                .isEqualByComparingTo("10.00");
        assertThat(unchanged.get("variants").get(0).get("stock").asInt()).isEqualTo(5);
    }

    @Test
    void checksEveryChangeBeforeLookingAnythingUp() {
        JsonNode lamp = product(seller, "10.00");
        String sku = sku(lamp, 0);

        JsonNode refused = seller.post(
                        "/api/v1/admin/variants/bulk",
                        Map.of(
                                "changes",
                                List.of(
                                        change(sku, "1.00", null),
                                        change(sku.toLowerCase(), null, 1),
                                        change(sku, null, null),
                                        Map.of("sku", sku, "price", Map.of("amount", 1, "currency", "USD")),
                                        change(sku, "1000000.01", null),
                                        change(sku, "-1", null),
                                        change(sku, null, 1_000_001),
                                        change("bad sku!", null, 1))))
                .expectStatus(400)
                .json();

        assertThat(refused.get("errors"))
                .extracting(e -> e.get("field").asString())
                .containsExactly(
                        "changes[1].sku",
                        "changes[2].sku",
                        "changes[2]",
                        "changes[3].sku",
                        "changes[3].price.currency",
                        "changes[4].sku",
                        "changes[4].price.amount",
                        "changes[5].sku",
                        "changes[5].price.amount",
                        "changes[6].sku",
                        "changes[6].stock",
                        "changes[7].sku");
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i <= 1000; i++) {
            tooMany.add(change("SKU-" + i, null, 1));
        }
        assertThat(seller.post("/api/v1/admin/variants/bulk", Map.of("changes", tooMany))
                        .expectStatus(400)
                        .json()
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo("changes");
        seller.post("/api/v1/admin/variants/bulk", Map.of("changes", List.of())).expectStatus(400);
        fixtures.customer()
                .post("/api/v1/admin/variants/bulk", Map.of("changes", List.of(change(sku, "1.00", null))))
                .expectStatus(403);
        assertThat(detail(lamp)
                        .get("variants")
                        .get(0)
                        .get("price")
                        .get("amount")
                        .decimalValue())
                .isEqualByComparingTo("10.00");
    }
}
