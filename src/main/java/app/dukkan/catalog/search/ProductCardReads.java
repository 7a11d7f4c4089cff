package app.dukkan.catalog.search;

import app.dukkan.catalog.ProductCards;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Cards on the listing's item query ({@link ProductSearch#itemsSelectedBy}), for products chosen elsewhere. */
@Service
class ProductCardReads implements ProductCards {

    /** More products than any page shows at once. */
    private static final int MAX_CARDS = 100;

    private final ProductSearch search;

    ProductCardReads(ProductSearch search) {
        this.search = search;
    }

    @Override
    public List<Card> byIds(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return cards(
                "select id, position from unnest(cast(:ids as uuid[])) with ordinality as s (id, position)",
                Map.of("ids", ids.stream().limit(MAX_CARDS).toArray(UUID[]::new)));
    }

    @Override
    public List<Card> bySlugs(List<String> slugs) {
        if (slugs.isEmpty()) {
            return List.of();
        }
        return cards("""
                        select p.id, s.position
                        from unnest(cast(:slugs as text[])) with ordinality as s (slug, position)
                        join products p on p.slug = s.slug""", Map.of("slugs", slugs.stream().limit(MAX_CARDS).toArray(String[]::new)));
    }

    @Override
    public List<Card> firstThenSameCategory(UUID productId, List<UUID> first, Collection<UUID> excluded, int limit) {
        int size = Math.max(0, Math.min(limit, MAX_CARDS));
        UUID[] firstIds = first.stream().limit(MAX_CARDS).toArray(UUID[]::new);
        UUID[] excludedIds = excluded.toArray(UUID[]::new);
        // the category's products are positioned after every one of the first
        return cards(
                """
                        select s.id, s.position from unnest(cast(:first as uuid[])) with ordinality as s (id, position)
                        union all
                        select c.id, :offset + c.position from (
                            select p.id, row_number() over (order by p.in_stock desc, p.created_at desc, p.id) as position
                            from products p
                            where p.status = 'active'
                              and p.category_id = (select category_id from products where id = :product)
                              and p.id <> :product and p.id <> all(cast(:first as uuid[]))
                              and p.id <> all(cast(:excluded as uuid[]))
                            order by p.in_stock desc, p.created_at desc, p.id
                            limit :limit
                        ) c""",
                Map.of(
                        "first", firstIds,
                        "excluded", excludedIds,
                        "product", productId,
                        "offset", firstIds.length,
                        "limit", size));
    }

    private List<Card> cards(String selection, Map<String, ?> params) {
        return search.itemsSelectedBy(selection, params).stream()
                .map(item -> new Card(item.id(), ShopCatalogReads.card(item)))
                .toList();
    }
}
