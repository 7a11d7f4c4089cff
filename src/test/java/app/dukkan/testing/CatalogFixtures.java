package app.dukkan.testing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Builds catalog test data through the API, as admins and sellers would. */
public final class CatalogFixtures {

    public static final String ADMIN_EMAIL = "admin@test.dukkan";
    public static final String ADMIN_PASSWORD = "Str0ng-Passphrase-4711";

    private final int port;

    public CatalogFixtures(int port) {
        this.port = port;
    }

    public static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    public ApiClient admin() {
        return new ApiClient(port).login(ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    public ApiClient anonymous() {
        return new ApiClient(port);
    }

    public ApiClient customer() {
        String email = unique("customer-") + "@example.com";
        return new ApiClient(port).register(email, "correct horse 42").login(email, "correct horse 42");
    }

    /** A new seller account, signed in. */
    public ApiClient seller() {
        String email = unique("seller-") + "@example.com";
        ApiClient seller =
                new ApiClient(port).register(email, "correct horse 42").login(email, "correct horse 42");
        String id = seller.get("/api/v1/me").json().get("id").asString();
        admin().put("/api/v1/admin/users/" + id + "/roles", Map.of("roles", List.of("seller")))
                .expectStatus(200);
        return new ApiClient(port).login(email, "correct horse 42");
    }

    public String category(String name, String parentSlug) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("slug", unique("c-"));
        if (parentSlug != null) {
            body.put("parent", parentSlug);
        }
        return admin().post("/api/v1/admin/categories", body)
                .expectStatus(201)
                .json()
                .get("slug")
                .asString();
    }

    public static Map<String, Object> variant(String price, int stock) {
        return Map.of(
                "sku",
                unique("SKU-"),
                "price",
                Map.of("amount", new BigDecimal(price), "currency", "EUR"),
                "stock",
                stock);
    }

    public static Map<String, Object> product(String name, String category, List<Map<String, Object>> variants) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("description", "A fine " + name.toLowerCase() + " for testing.");
        body.put("category", category);
        body.put("status", "active");
        body.put("variants", new ArrayList<>(variants));
        body.put("media", List.of(Map.of("url", "https://img.example.com/" + unique("p") + ".jpg", "alt", name)));
        return body;
    }

    public JsonNode createProduct(ApiClient as, Map<String, Object> body) {
        return as.post("/api/v1/admin/products", body).expectStatus(201).json();
    }
}
