package app.dukkan.checkout;

import app.dukkan.identity.UserId;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What a cart holds, for building an order draft; {@code owner} is null for an anonymous cart. */
public record CartContents(UUID cartId, @Nullable UserId owner, List<Item> items) {

    public record Item(UUID variantId, int quantity) {}
}
