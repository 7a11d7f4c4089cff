package app.dukkan.checkout;

import app.dukkan.testing.ApiClient;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Catalog data and accounts for checkout tests, made through the API. */
final class CheckoutFixtures {

    static final String ADMIN_EMAIL = "admin@test.dukkan";
    static final String ADMIN_PASSWORD = "Str0ng-Passphrase-4711";
    static final String PASSWORD = "correct horse 42";

    private final int port;
    private String category;

    CheckoutFixtures(int port) {
        this.port = port;
    }

    static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    ApiClient admin() {
        return new ApiClient(port).login(ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    ApiClient anonymous() {
        return new ApiClient(port);
    }

    static String newEmail() {
        return unique("shopper-") + "@example.com";
    }

    ApiClient customer() {
        String email = newEmail();
        return new ApiClient(port).register(email, PASSWORD).login(email, PASSWORD);
    }

    ApiClient seller() {
        String email = unique("seller-") + "@example.com";
        ApiClient seller = new ApiClient(port).register(email, PASSWORD).login(email, PASSWORD);
        String id = seller.get("/api/v1/me").json().get("id").asString();
        admin().put("/api/v1/admin/users/" + id + "/roles", Map.of("roles", List.of("seller")))
                .expectStatus(200);
        return new ApiClient(port).login(email, PASSWORD);
    }

    /** A new active product with one variant per (price, stock) pair, e.g. {@code product("9.90", 5)}. */
    JsonNode product(Object... priceAndStock) {
        if (category == null) {
            category = admin().post("/api/v1/admin/categories", Map.of("name", "Checkout", "slug", unique("checkout-")))
                    .expectStatus(201)
                    .json()
                    .get("slug")
                    .asString();
        }
        List<Map<String, Object>> variants = new ArrayList<>();
        for (int i = 0; i < priceAndStock.length; i += 2) {
            variants.add(Map.of(
                    "sku",
                    unique("CK-"),
                    "price",
                    Map.of("amount", new BigDecimal((String) priceAndStock[i]), "currency", "EUR"),
                    "stock",
                    (Integer) priceAndStock[i + 1]));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Checkout Mug " + unique(""));
        body.put("category", category);
        body.put("status", "active");
        body.put("variants", variants);
        return admin().post("/api/v1/admin/products", body).expectStatus(201).json();
    }

    static String variantId(JsonNode product, int index) {
        return product.get("variants").get(index).get("id").asString();
    }
}
