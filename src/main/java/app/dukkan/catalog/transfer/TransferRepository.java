package app.dukkan.catalog.transfer;

import app.dukkan.catalog.product.ProductStatus;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SQL of the catalog's spreadsheet side: pages of products for the export, the catalog state an
 * import checks its rows against (locked), and the import's writes, a statement per kind of row.
 */
@Repository
class TransferRepository {

    /** A product as the export writes it. */
    record ExportProduct(
            UUID id,
            String slug,
            String name,
            String description,
            @Nullable String category,
            String status,
            String attributes) {}

    record ExportVariant(String sku, String name, String attributes, long priceMinor, String currency, int stock) {}

    /** A product an import row names, as it is now. */
    record ExistingProduct(
            UUID id,
            String slug,
            String name,
            String description,
            JsonNode attributes,
            ProductStatus status,
            UUID sellerId,
            @Nullable UUID categoryId) {}

    /** A variant of such a product, as it is now. */
    record ExistingVariant(
            UUID id,
            UUID productId,
            String sku,
            String name,
            JsonNode attributes,
            long priceMinor,
            int stock,
            int reserved,
            boolean active,
            int position) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;

    TransferRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    // ------------------------------------------------------------------------------------ export

    /** Products in id order after {@code after}: keyset pages, each a short query of its own. */
    List<ExportProduct> exportPage(@Nullable UUID seller, @Nullable String status, @Nullable UUID after, int size) {
        return jdbc.sql("""
                        select p.id, p.slug, p.name, p.description, c.slug as category, p.status,
                               p.attributes::text as attributes
                        from products p
                        left join categories c on c.id = p.category_id
                        where (cast(:seller as uuid) is null or p.seller_id = :seller)
                          and (cast(:status as text) is null or p.status = :status)
                          and (cast(:after as uuid) is null or p.id > :after)
                        order by p.id
                        limit :limit""")
                .param("seller", seller)
                .param("status", status)
                .param("after", after)
                .param("limit", size)
                .query((rs, row) -> new ExportProduct(
                        rs.getObject("id", UUID.class),
                        rs.getString("slug"),
                        rs.getString("name"),
                        rs.getString("description"),
                        rs.getString("category"),
                        rs.getString("status"),
                        rs.getString("attributes")))
                .list();
    }

    Map<UUID, List<ExportVariant>> exportVariants(List<UUID> productIds) {
        Map<UUID, List<ExportVariant>> variants = new HashMap<>();
        jdbc.sql("""
                        select product_id, sku, name, attributes::text as attributes, price_minor, currency, stock
                        from variants where product_id = any(?) order by product_id, position, id""").param(productIds.toArray(UUID[]::new)).query(rs -> {
            variants.computeIfAbsent(rs.getObject("product_id", UUID.class), id -> new ArrayList<>())
                    .add(new ExportVariant(
                            rs.getString("sku"),
                            rs.getString("name"),
                            rs.getString("attributes"),
                            rs.getLong("price_minor"),
                            rs.getString("currency").strip(),
                            rs.getInt("stock")));
        });
        return variants;
    }

    /** The media URLs of each product, in their order. */
    Map<UUID, List<String>> mediaUrls(Collection<UUID> productIds) {
        Map<UUID, List<String>> urls = new HashMap<>();
        if (productIds.isEmpty()) {
            return urls;
        }
        jdbc.sql(
                        "select product_id, url from product_media where product_id = any(?) order by product_id, position, id")
                .param(productIds.toArray(UUID[]::new))
                .query(rs -> {
                    urls.computeIfAbsent(rs.getObject("product_id", UUID.class), id -> new ArrayList<>())
                            .add(rs.getString("url"));
                });
        return urls;
    }

    // ------------------------------------------------------------------------- import: the state

    /**
     * The products with these slugs, locked in id order (as reservations lock them), so that the
     * import's checks hold until it commits.
     */
    List<ExistingProduct> lockProductsBySlug(Collection<String> slugs) {
        if (slugs.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select id, slug, name, description, attributes::text as attributes, status, seller_id, category_id
                        from products where slug = any(?) order by id for update""")
                .param(slugs.toArray(String[]::new))
                .query((rs, row) -> new ExistingProduct(
                        rs.getObject("id", UUID.class),
                        rs.getString("slug"),
                        rs.getString("name"),
                        rs.getString("description"),
                        json.readTree(rs.getString("attributes")),
                        ProductStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
                        rs.getObject("seller_id", UUID.class),
                        rs.getObject("category_id", UUID.class)))
                .list();
    }

    /** The variants of these (locked) products, locked in id order after them. */
    List<ExistingVariant> lockVariantsOf(Collection<UUID> productIds) {
        if (productIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select id, product_id, sku, name, attributes::text as attributes, price_minor, stock, reserved,
                               active, position
                        from variants where product_id = any(?) order by id for update""")
                .param(productIds.toArray(UUID[]::new))
                .query((rs, row) -> new ExistingVariant(
                        rs.getObject("id", UUID.class),
                        rs.getObject("product_id", UUID.class),
                        rs.getString("sku"),
                        rs.getString("name"),
                        json.readTree(rs.getString("attributes")),
                        rs.getLong("price_minor"),
                        rs.getInt("stock"),
                        rs.getInt("reserved"),
                        rs.getBoolean("active"),
                        rs.getInt("position")))
                .list();
    }

    /** For SKUs (lower case) that exist: the product each belongs to. */
    Map<String, UUID> productsOfSkus(Collection<String> lowerSkus) {
        Map<String, UUID> owners = new HashMap<>();
        if (lowerSkus.isEmpty()) {
            return owners;
        }
        jdbc.sql("select lower(sku) as sku, product_id from variants where lower(sku) = any(?)")
                .param(lowerSkus.toArray(String[]::new))
                .query(rs -> {
                    owners.put(rs.getString("sku"), rs.getObject("product_id", UUID.class));
                });
        return owners;
    }

    // ------------------------------------------------------------------------ import: the writes

    /**
     * For the rest of the transaction the per-row triggers skip the derived price and stock columns
     * and the search words; {@link #refreshDerived} and {@link #addSearchWords} do them once.
     */
    void deferDerivedColumns(boolean defer) {
        String value = defer ? "on" : "off";
        jdbc.sql(
                        "select set_config('dukkan.defer_price_refresh', ?, true), set_config('dukkan.defer_search_words', ?, true)")
                .params(value, value)
                .query()
                .singleRow();
    }

    /**
     * Rows of one statement: the import writes each kind of row with one statement per {@value
     * #CHUNK} rows, the rows passed as one array per column ({@code unnest}), so that tens of
     * thousands of rows cost a few round trips and plans instead of one each.
     */
    private static final int CHUNK = 5000;

    /** Rows: id, slug, name, description, attributes (JSON text), status, seller id, category id. */
    void insertProducts(List<Object[]> rows, String currency, Instant now) {
        writeInChunks(
                """
                                    insert into products (id, slug, name, description, attributes, status, seller_id, category_id,
                                                          currency, featured, created_at, updated_at)
                                    select t.id, t.slug, t.name, t.description, t.attributes::jsonb, t.status, t.seller_id,
                                           t.category_id, ?, false, ?, ?
                                    from unnest(cast(? as uuid[]), cast(? as text[]), cast(? as text[]), cast(? as text[]),
                                                cast(? as text[]), cast(? as text[]), cast(? as uuid[]), cast(? as uuid[]))
                                         as t(id, slug, name, description, attributes, status, seller_id, category_id)""",
                rows,
                List.of(currency, Timestamp.from(now), Timestamp.from(now)),
                UUID.class,
                String.class,
                String.class,
                String.class,
                String.class,
                String.class,
                UUID.class,
                UUID.class);
    }

    /** Rows: id, name, description, attributes (JSON text), status, category id. */
    void updateProducts(List<Object[]> rows, Instant now) {
        writeInChunks(
                """
                                    update products p
                                    set name = t.name, description = t.description, attributes = t.attributes::jsonb,
                                        status = t.status, category_id = t.category_id, updated_at = ?
                                    from unnest(cast(? as uuid[]), cast(? as text[]), cast(? as text[]), cast(? as text[]),
                                                cast(? as text[]), cast(? as uuid[]))
                                         as t(id, name, description, attributes, status, category_id)
                                    where p.id = t.id""",
                rows,
                List.of(Timestamp.from(now)),
                UUID.class,
                String.class,
                String.class,
                String.class,
                String.class,
                UUID.class);
    }

    /** Rows: id, product id, SKU, name, attributes (JSON text), price (minor units), stock, position. */
    void insertVariants(List<Object[]> rows, String currency, Instant now) {
        writeInChunks(
                """
                                    insert into variants (id, product_id, sku, name, attributes, price_minor, currency, stock, active,
                                                          position, created_at, updated_at)
                                    select t.id, t.product_id, t.sku, t.name, t.attributes::jsonb, t.price_minor, ?, t.stock, true,
                                           t.position, ?, ?
                                    from unnest(cast(? as uuid[]), cast(? as uuid[]), cast(? as text[]), cast(? as text[]),
                                                cast(? as text[]), cast(? as bigint[]), cast(? as int[]), cast(? as int[]))
                                         as t(id, product_id, sku, name, attributes, price_minor, stock, position)""",
                rows,
                List.of(currency, Timestamp.from(now), Timestamp.from(now)),
                UUID.class,
                UUID.class,
                String.class,
                String.class,
                String.class,
                Long.class,
                Integer.class,
                Integer.class);
    }

    /** Rows: id, name, attributes (JSON text), price (minor units), stock. */
    void updateVariants(List<Object[]> rows, Instant now) {
        writeInChunks(
                """
                                    update variants v
                                    set name = t.name, attributes = t.attributes::jsonb, price_minor = t.price_minor,
                                        stock = t.stock, updated_at = ?
                                    from unnest(cast(? as uuid[]), cast(? as text[]), cast(? as text[]), cast(? as bigint[]),
                                                cast(? as int[]))
                                         as t(id, name, attributes, price_minor, stock)
                                    where v.id = t.id""",
                rows,
                List.of(Timestamp.from(now)),
                UUID.class,
                String.class,
                String.class,
                Long.class,
                Integer.class);
    }

    /** Rows: id, product id, URL, alt text, position. */
    void insertMedia(List<Object[]> rows, Instant now) {
        writeInChunks(
                """
                                    insert into product_media (id, product_id, url, alt, position, created_at)
                                    select t.id, t.product_id, t.url, t.alt, t.position, ?
                                    from unnest(cast(? as uuid[]), cast(? as uuid[]), cast(? as text[]), cast(? as text[]),
                                                cast(? as int[]))
                                         as t(id, product_id, url, alt, position)""",
                rows,
                List.of(Timestamp.from(now)),
                UUID.class,
                UUID.class,
                String.class,
                String.class,
                Integer.class);
    }

    /**
     * Runs an {@code unnest} statement per chunk of rows: its first parameters are {@code leading},
     * then one array per column, of these element types in the rows' order.
     */
    private void writeInChunks(String sql, List<Object[]> rows, List<Object> leading, Class<?>... columns) {
        for (List<Object[]> chunk : chunks(rows)) {
            List<Object> params = new ArrayList<>(leading);
            for (int i = 0; i < columns.length; i++) {
                params.add(column(chunk, i, columns[i]));
            }
            jdbc.sql(sql).params(params).update();
        }
    }

    private static List<List<Object[]>> chunks(List<Object[]> rows) {
        List<List<Object[]>> chunks = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += CHUNK) {
            chunks.add(rows.subList(from, Math.min(rows.size(), from + CHUNK)));
        }
        return chunks;
    }

    /** One column of the rows as an array, for {@code unnest}. */
    @SuppressWarnings("unchecked")
    private static <T> T[] column(List<Object[]> rows, int index, Class<T> type) {
        T[] values = (T[]) java.lang.reflect.Array.newInstance(type, rows.size());
        for (int i = 0; i < rows.size(); i++) {
            values[i] = type.cast(rows.get(i)[index]);
        }
        return values;
    }

    void touchProducts(Collection<UUID> ids, Instant now) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("update products set updated_at = ? where id = any(?)")
                .params(Timestamp.from(now), ids.toArray(UUID[]::new))
                .update();
    }

    /** Recomputes price range and in-stock flag of these products from their active variants, in one statement. */
    void refreshDerived(Collection<UUID> productIds) {
        if (productIds.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        update products p
                        set min_price = agg.min_price, max_price = agg.max_price, in_stock = agg.in_stock
                        from (select ids.id, min(v.price_minor) as min_price, max(v.price_minor) as max_price,
                                     coalesce(bool_or(v.stock - v.reserved > 0), false) as in_stock
                              from unnest(?::uuid[]) as ids(id)
                              left join variants v on v.product_id = ids.id and v.active
                              group by ids.id) agg
                        where p.id = agg.id
                          and (p.min_price, p.max_price, p.in_stock) is distinct from (agg.min_price, agg.max_price, agg.in_stock)""").param(productIds.toArray(UUID[]::new)).update();
    }

    /** Adds the search words of these products (the active ones) to the typo vocabulary. */
    void addSearchWords(Collection<UUID> productIds) {
        if (productIds.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        select add_search_words(array_agg(search_vector))
                        from products where id = any(?) and status = 'active'""").param(productIds.toArray(UUID[]::new)).query().singleRow();
    }

    // --------------------------------------------------------------------------------- bulk edit

    /** A variant a bulk edit names, with its product. */
    record EditableVariant(
            UUID id,
            UUID productId,
            String productSlug,
            UUID sellerId,
            String sku,
            long priceMinor,
            String currency,
            int stock,
            int reserved,
            boolean active) {}

    /** The variants with these SKUs (lower case), by lower-case SKU. */
    Map<String, EditableVariant> variantsBySku(Collection<String> lowerSkus) {
        return editable("lower(v.sku) = any(?)", lowerSkus.toArray(String[]::new), false);
    }

    /** Locks the products, then their variants with these ids, in id order; answers the variants as locked. */
    Map<String, EditableVariant> lockForEdit(Collection<UUID> productIds, Collection<UUID> variantIds) {
        jdbc.sql("select id from products where id = any(?) order by id for update")
                .param(productIds.toArray(UUID[]::new))
                .query(UUID.class)
                .list();
        return editable("v.id = any(?)", variantIds.toArray(UUID[]::new), true);
    }

    private Map<String, EditableVariant> editable(String where, Object array, boolean lock) {
        Map<String, EditableVariant> found = new LinkedHashMap<>();
        jdbc.sql(
                        "select v.id, v.product_id, p.slug, p.seller_id, v.sku, v.price_minor, v.currency, v.stock, v.reserved,"
                                + " v.active from variants v join products p on p.id = v.product_id where " + where
                                + " order by v.id" + (lock ? " for update of v" : ""))
                .param(array)
                .query(rs -> {
                    EditableVariant variant = new EditableVariant(
                            rs.getObject("id", UUID.class),
                            rs.getObject("product_id", UUID.class),
                            rs.getString("slug"),
                            rs.getObject("seller_id", UUID.class),
                            rs.getString("sku"),
                            rs.getLong("price_minor"),
                            rs.getString("currency").strip(),
                            rs.getInt("stock"),
                            rs.getInt("reserved"),
                            rs.getBoolean("active"));
                    found.put(variant.sku().toLowerCase(Locale.ROOT), variant);
                });
        return found;
    }

    /** Rows: id, price (minor units), stock. */
    void updatePricesAndStock(List<Object[]> rows, Instant now) {
        writeInChunks("""
                                    update variants v set price_minor = t.price_minor, stock = t.stock, updated_at = ?
                                    from unnest(cast(? as uuid[]), cast(? as bigint[]), cast(? as int[])) as t(id, price_minor, stock)
                                    where v.id = t.id""", rows, List.of(Timestamp.from(now)), UUID.class, Long.class, Integer.class);
    }
}
