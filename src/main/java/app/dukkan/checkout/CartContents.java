package app.dukkan.checkout;

import java.util.List;
import java.util.UUID;

/** What a cart holds, for building an order draft. */
public record CartContents(UUID cartId, List<Item> items) {

    public record Item(UUID variantId, int quantity) {}
}
