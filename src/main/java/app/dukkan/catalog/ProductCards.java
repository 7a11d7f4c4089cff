package app.dukkan.catalog;

import app.dukkan.catalog.ShopCatalog.ProductCard;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Product cards for products another module names (by id or slug), and a product's neighbours in
 * its category. Only active products are answered; each call is one indexed statement, uncached,
 * so cards show today's price and stock.
 */
public interface ProductCards {

    /** A product's card with its id, which cards themselves do not show. */
    record Card(UUID id, ProductCard card) {}

    /** The active products among {@code ids}, in the order given; unknown, draft and archived ones are left out. */
    List<Card> byIds(List<UUID> ids);

    /** The active products among {@code slugs}, in the order given. */
    List<Card> bySlugs(List<String> slugs);

    /**
     * The active products among {@code first}, in the order given, then other active products of
     * the product's own category (in stock first, then newest), leaving out the product itself and
     * {@code excluded}: at most {@code limit} of the category, in one statement.
     */
    List<Card> firstThenSameCategory(UUID productId, List<UUID> first, Collection<UUID> excluded, int limit);
}
