package app.dukkan.recommendations;

import app.dukkan.catalog.ShopCatalog.ProductCard;
import app.dukkan.identity.UserId;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The products a signed-in shopper looked at last: the last {@link #KEPT}, newest first. */
public interface RecentlyViewed {

    int KEPT = 20;

    /** Notes a view; cheap enough for a page view (one statement, no wait for the disk). */
    void viewed(UserId user, UUID productId);

    /** The active products the user looked at, newest first, without {@code except} (the page's own). */
    List<ProductCard> products(UserId user, int limit, @Nullable UUID except);

    /** Forgets what the user looked at. */
    void clear(UserId user);
}
