package app.dukkan.catalog.product;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class ProductRepository {

    /** A product row without its variants and media. */
    record ProductRow(
            UUID id,
            String slug,
            String name,
            String description,
            Map<String, Object> attributes,
            ProductStatus status,
            UUID sellerId,
            @Nullable UUID categoryId,
            String currency,
            @Nullable Long minPrice,
            @Nullable Long maxPrice,
            boolean inStock,
            boolean featured,
            Instant createdAt,
            Instant updatedAt) {

        ProductRow withSlug(String newSlug) {
            return copy(newSlug, status, updatedAt);
        }

        ProductRow withStatus(ProductStatus newStatus, Instant now) {
            return copy(slug, newStatus, now);
        }

        private ProductRow copy(String newSlug, ProductStatus newStatus, Instant newUpdatedAt) {
            return new ProductRow(
                    id,
                    newSlug,
                    name,
                    description,
                    attributes,
                    newStatus,
                    sellerId,
                    categoryId,
                    currency,
                    minPrice,
                    maxPrice,
                    inStock,
                    featured,
                    createdAt,
                    newUpdatedAt);
        }
    }

    record VariantRow(
            UUID id,
            UUID productId,
            String sku,
            String name,
            Map<String, Object> attributes,
            long priceMinor,
            String currency,
            int stock,
            int reserved,
            boolean active,
            int position) {}

    record MediaRow(
            UUID id,
            UUID productId,
            String url,
            String alt,
            int position,
            @Nullable Integer width,
            @Nullable Integer height,
            @Nullable String srcset) {}

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
    private static final String PRODUCT_COLUMNS = """
            id, slug, name, description, attributes::text as attributes, status, seller_id, category_id, currency,
            min_price, max_price, in_stock, featured, created_at, updated_at""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ProductRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<ProductRow> findById(UUID id) {
        return jdbc.sql("select " + PRODUCT_COLUMNS + " from products where id = ?")
                .param(id)
                .query(this::product)
                .optional();
    }

    Optional<ProductRow> findActiveBySlug(String slug) {
        return jdbc.sql("select " + PRODUCT_COLUMNS + " from products where slug = ? and status = 'active'")
                .param(slug)
                .query(this::product)
                .optional();
    }

    /** Locks the product row so concurrent edits of one product serialize. */
    Optional<ProductRow> lockById(UUID id) {
        return jdbc.sql("select " + PRODUCT_COLUMNS + " from products where id = ? for update")
                .param(id)
                .query(this::product)
                .optional();
    }

    List<ProductRow> page(@Nullable UUID sellerId, @Nullable ProductStatus status, int page, int size) {
        return jdbc.sql("select " + PRODUCT_COLUMNS + " " + """
                         from products
                         where (cast(:seller as uuid) is null or seller_id = :seller)
                           and (cast(:status as text) is null or status = :status)
                         order by created_at desc, id desc
                         limit :limit offset :offset""")
                .param("seller", sellerId)
                .param("status", status == null ? null : status.code())
                .param("limit", size)
                .param("offset", (long) page * size)
                .query(this::product)
                .list();
    }

    long count(@Nullable UUID sellerId, @Nullable ProductStatus status) {
        return jdbc.sql("""
                        select count(*) from products
                        where (cast(:seller as uuid) is null or seller_id = :seller)
                          and (cast(:status as text) is null or status = :status)""")
                .param("seller", sellerId)
                .param("status", status == null ? null : status.code())
                .query(Long.class)
                .single();
    }

    List<VariantRow> variantsOf(UUID productId) {
        return jdbc.sql("""
                        select id, product_id, sku, name, attributes::text as attributes, price_minor, currency, stock, reserved,
                               active, position
                        from variants where product_id = ? order by position, id""").param(productId).query(this::variant).list();
    }

    List<MediaRow> mediaOf(UUID productId) {
        return jdbc.sql(
                        "select id, product_id, url, alt, position, width, height, (select string_agg((r ->> 'url') || ' ' || (r ->> 'width') || 'w', ', ' order by (r ->> 'width')::int) from jsonb_array_elements(product_media.renditions) r) as srcset"
                                + " from product_media where product_id = ? order by position, id")
                .param(productId)
                .query((rs, row) -> new MediaRow(
                        rs.getObject("id", UUID.class),
                        rs.getObject("product_id", UUID.class),
                        rs.getString("url"),
                        rs.getString("alt"),
                        rs.getInt("position"),
                        rs.getObject("width", Integer.class),
                        rs.getObject("height", Integer.class),
                        rs.getString("srcset")))
                .list();
    }

    /** The given SKUs that already exist, compared case-insensitively. */
    List<String> existingSkus(Collection<String> skus) {
        if (skus.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select sku from variants where lower(sku) in (:skus)")
                .param(
                        "skus",
                        skus.stream()
                                .map(s -> s.toLowerCase(java.util.Locale.ROOT))
                                .toList())
                .query(String.class)
                .list();
    }

    boolean slugTaken(String slug) {
        return jdbc.sql("select exists(select 1 from products where slug = ?)")
                .param(slug)
                .query(Boolean.class)
                .single();
    }

    /** Inserts the product unless its slug is taken (also by a concurrent insert); true if inserted. */
    boolean insertIfSlugFree(ProductRow p) {
        return jdbc.sql("""
                        insert into products (id, slug, name, description, attributes, status, seller_id, category_id, currency,
                                              featured, created_at, updated_at)
                        values (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (slug) do nothing""")
                        .params(
                                p.id(),
                                p.slug(),
                                p.name(),
                                p.description(),
                                json.writeValueAsString(p.attributes()),
                                p.status().code(),
                                p.sellerId(),
                                p.categoryId(),
                                p.currency(),
                                p.featured(),
                                Timestamp.from(p.createdAt()),
                                Timestamp.from(p.updatedAt()))
                        .update()
                == 1;
    }

    void update(ProductRow p) {
        jdbc.sql("""
                        update products set slug = ?, name = ?, description = ?, attributes = ?::jsonb, status = ?,
                                            category_id = ?, featured = ?, updated_at = ?
                        where id = ?""")
                .params(
                        p.slug(),
                        p.name(),
                        p.description(),
                        json.writeValueAsString(p.attributes()),
                        p.status().code(),
                        p.categoryId(),
                        p.featured(),
                        Timestamp.from(p.updatedAt()),
                        p.id())
                .update();
    }

    void insertVariant(VariantRow v, Instant now) {
        jdbc.sql("""
                        insert into variants (id, product_id, sku, name, attributes, price_minor, currency, stock, active, position,
                                              created_at, updated_at)
                        values (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        v.id(),
                        v.productId(),
                        v.sku(),
                        v.name(),
                        json.writeValueAsString(v.attributes()),
                        v.priceMinor(),
                        v.currency(),
                        v.stock(),
                        v.active(),
                        v.position(),
                        Timestamp.from(now),
                        Timestamp.from(now))
                .update();
    }

    void updateVariant(VariantRow v, Instant now) {
        jdbc.sql("""
                        update variants set name = ?, attributes = ?::jsonb, price_minor = ?, stock = ?, active = ?,
                                            updated_at = ?
                        where id = ?""")
                .params(
                        v.name(),
                        json.writeValueAsString(v.attributes()),
                        v.priceMinor(),
                        v.stock(),
                        v.active(),
                        Timestamp.from(now),
                        v.id())
                .update();
    }

    void insertMedia(MediaRow m, Instant now) {
        jdbc.sql("""
                        insert into product_media (id, product_id, url, alt, position, width, height, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        m.id(),
                        m.productId(),
                        m.url(),
                        m.alt(),
                        m.position(),
                        m.width(),
                        m.height(),
                        Timestamp.from(now))
                .update();
    }

    boolean deleteMedia(UUID productId, UUID mediaId) {
        return jdbc.sql("delete from product_media where id = ? and product_id = ?")
                        .params(mediaId, productId)
                        .update()
                > 0;
    }

    void touch(UUID productId, Instant now) {
        jdbc.sql("update products set updated_at = ? where id = ?")
                .params(Timestamp.from(now), productId)
                .update();
    }

    private ProductRow product(ResultSet rs, int row) throws SQLException {
        return new ProductRow(
                rs.getObject("id", UUID.class),
                rs.getString("slug"),
                rs.getString("name"),
                rs.getString("description"),
                json.readValue(rs.getString("attributes"), MAP),
                ProductStatus.valueOf(rs.getString("status").toUpperCase(java.util.Locale.ROOT)),
                rs.getObject("seller_id", UUID.class),
                rs.getObject("category_id", UUID.class),
                rs.getString("currency"),
                rs.getObject("min_price", Long.class),
                rs.getObject("max_price", Long.class),
                rs.getBoolean("in_stock"),
                rs.getBoolean("featured"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private VariantRow variant(ResultSet rs, int row) throws SQLException {
        return new VariantRow(
                rs.getObject("id", UUID.class),
                rs.getObject("product_id", UUID.class),
                rs.getString("sku"),
                rs.getString("name"),
                json.readValue(rs.getString("attributes"), MAP),
                rs.getLong("price_minor"),
                rs.getString("currency"),
                rs.getInt("stock"),
                rs.getInt("reserved"),
                rs.getBoolean("active"),
                rs.getInt("position"));
    }
}
