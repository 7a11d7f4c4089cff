package app.dukkan.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** A shopper's and an operator's steps through the purchase flow, over real HTTP. */
public final class Shop {

    public static final String SUCCESS_CARD = "4242424242424242";
    public static final String DECLINED_CARD = "4000000000000002";
    public static final String THREE_D_SECURE_CARD = "4000002760003184";

    /** A variant on sale: its id, SKU and its product's id and slug. */
    public record Variant(String id, String sku, String productId, String productSlug) {}

    private final CatalogFixtures catalog;

    public Shop(int port) {
        this.catalog = new CatalogFixtures(port);
    }

    public CatalogFixtures catalog() {
        return catalog;
    }

    public ApiClient admin() {
        return catalog.admin();
    }

    public ApiClient customer() {
        return catalog.customer();
    }

    public ApiClient guest() {
        return catalog.anonymous();
    }

    /** A new active product with one variant at that price and stock. */
    public Variant product(String price, int stock) {
        return product(CatalogFixtures.unique("Thing "), price, stock);
    }

    /** The same, named so. */
    public Variant product(String name, String price, int stock) {
        String category = catalog.category(CatalogFixtures.unique("Shop "), null);
        JsonNode product = catalog.createProduct(
                catalog.admin(),
                CatalogFixtures.product(name, category, List.of(CatalogFixtures.variant(price, stock))));
        JsonNode variant = product.get("variants").get(0);
        return new Variant(
                variant.get("id").asString(),
                variant.get("sku").asString(),
                product.get("id").asString(),
                product.get("slug").asString());
    }

    public static Map<String, Object> address(String country) {
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("name", "Ada Lovelace");
        address.put("line1", "Hauptstraße 1");
        address.put("city", "Berlin");
        address.put("postal_code", "10115");
        address.put("country", country);
        address.put("phone", "+49 30 1234567");
        return address;
    }

    public JsonNode addToCart(ApiClient shopper, Variant variant, int quantity) {
        return shopper.post("/api/v1/cart", Map.of("variant_id", variant.id(), "quantity", quantity))
                .expectStatus(200)
                .json();
    }

    /** A draft of the shopper's cart, shipped to Germany; guests give an email. */
    public JsonNode draft(ApiClient shopper, @Nullable String guestEmail, @Nullable String coupon) {
        return draft(shopper, guestEmail, coupon, address("DE"));
    }

    /** A draft of the shopper's cart, shipped to this address; guests give an email. */
    public JsonNode draft(
            ApiClient shopper, @Nullable String guestEmail, @Nullable String coupon, Map<String, Object> address) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("address", address);
        if (guestEmail != null) {
            body.put("email", guestEmail);
        }
        if (coupon != null) {
            body.put("coupon_code", coupon);
        }
        return shopper.post("/api/v1/orders/draft", body).expectStatus(201).json();
    }

    public ApiClient.Response intent(ApiClient shopper, String draftId) {
        return shopper.post("/api/v1/payments/intent", Map.of("draft_id", draftId));
    }

    /** Starts paying the draft and returns the intent's client secret. */
    public String clientSecret(ApiClient shopper, String draftId) {
        return intent(shopper, draftId)
                .expectStatus(201)
                .json()
                .get("client_secret")
                .asString();
    }

    public JsonNode confirm(ApiClient shopper, String clientSecret, String card) {
        return shopper.post("/api/v1/payments/test/confirm", Map.of("client_secret", clientSecret, "card_number", card))
                .expectStatus(200)
                .json();
    }

    /** Cart → draft → intent → card, then waits until the payment was processed. */
    public JsonNode buy(ApiClient shopper, Variant variant, int quantity, @Nullable String guestEmail) {
        return buy(shopper, variant, quantity, guestEmail, address("DE"));
    }

    /** {@link #buy(ApiClient, Variant, int, String)} shipped to this address. */
    public JsonNode buy(
            ApiClient shopper,
            Variant variant,
            int quantity,
            @Nullable String guestEmail,
            Map<String, Object> address) {
        addToCart(shopper, variant, quantity);
        String draftId = draft(shopper, guestEmail, null, address).get("id").asString();
        String secret = intent(shopper, draftId)
                .expectStatus(201)
                .json()
                .get("client_secret")
                .asString();
        confirm(shopper, secret, SUCCESS_CARD);
        return awaitDraft(shopper, draftId, "paid");
    }

    /** Waits for the payment events to be processed (a background job) until the draft has that status. */
    public JsonNode awaitDraft(ApiClient shopper, String draftId, String status) {
        return await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(50))
                .until(
                        () -> shopper.get("/api/v1/orders/draft/" + draftId)
                                .expectStatus(200)
                                .json(),
                        draft -> draft.get("status").asString().equals(status));
    }

    /** An operator changes the variant's price. */
    public void reprice(Variant variant, String price) {
        admin().patch(
                        "/api/v1/admin/products/" + variant.productId() + "/variants/" + variant.id(),
                        Map.of("price", Map.of("amount", price, "currency", "EUR")))
                .expectStatus(200);
    }

    /** What shoppers can buy of the variant now. */
    public int available(Variant variant) {
        JsonNode product = guest().get("/api/v1/products/" + variant.productSlug())
                .expectStatus(200)
                .json();
        for (JsonNode v : product.get("variants")) {
            if (v.get("id").asString().equals(variant.id())) {
                return v.get("stock").asInt();
            }
        }
        throw new AssertionError("variant " + variant.id() + " not on its product page");
    }
}
