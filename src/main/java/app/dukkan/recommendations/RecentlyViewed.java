package app.dukkan.recommendations;

import app.dukkan.catalog.ShopCatalog.ProductCard;
import app.dukkan.identity.UserId;
import java.util.List;
import java.util.UUID;

/** The products a signed-in shopper looked at last: the last {@link #KEPT}, newest first. */
public interface RecentlyViewed {

    int KEPT = 20;

    /**
     * Notes a view of {@code productId} and answers the active products the user looked at before,
     * newest first, without this one: what its page shows. Cheap enough for a page view (one
     * statement, no wait for the disk).
     */
    List<ProductCard> viewed(UserId user, UUID productId, int limit);

    /** The active products the user looked at, newest first. */
    List<ProductCard> products(UserId user, int limit);

    /** Forgets what the user looked at. */
    void clear(UserId user);
}
