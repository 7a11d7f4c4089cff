package app.dukkan.storefront;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.PageClient;
import app.dukkan.testing.PageClient.Page;
import java.util.Map;
import java.util.Objects;

/** What the product page's "add to cart" form sends, and other steps page tests share. */
public final class CartForms {

    /** The header htmx sends with its requests. */
    public static final Map<String, String> HTMX = Map.of("HX-Request", "true");

    private CartForms() {}

    /**
     * Posts the product page's form ({@code variant_id}, {@code quantity}). A test that has read no
     * page with a form yet sends the CSRF cookie's value in the header, as the API's clients do.
     */
    public static Page add(PageClient shopper, String variantId, String quantity, Map<String, String> headers) {
        if (shopper.cookie("XSRF-TOKEN") == null) {
            shopper.get("/api/v1/auth/csrf", Map.of("Accept", "application/json"));
        }
        Map<String, String> withToken = new java.util.HashMap<>(headers);
        withToken.put("X-XSRF-TOKEN", Objects.requireNonNull(shopper.cookie("XSRF-TOKEN")));
        return shopper.post("/cart/items", Map.of("variant_id", variantId, "quantity", quantity), withToken);
    }

    public static Page add(PageClient shopper, String variantId, int quantity) {
        return add(shopper, variantId, Integer.toString(quantity), Map.of());
    }

    /** Signs the page client in through the API: the session cookie is the same for pages. */
    public static PageClient signIn(PageClient shopper, int port, String email, String password) {
        ApiClient api = new ApiClient(port).login(email, password);
        return shopper.cookie("DUKKAN_SESSION", Objects.requireNonNull(api.cookie("DUKKAN_SESSION")));
    }
}
