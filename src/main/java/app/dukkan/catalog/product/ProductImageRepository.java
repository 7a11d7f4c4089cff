package app.dukkan.catalog.product;

import app.dukkan.platform.Pictures;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** A product's pictures with what uploads add: the source's hash and the renditions' keys. */
@Repository
class ProductImageRepository {

    record ImageRow(
            UUID id,
            UUID productId,
            String url,
            String alt,
            int position,
            @Nullable Integer width,
            @Nullable Integer height,
            @Nullable String contentHash,
            List<Pictures.Rendition> renditions) {}

    private static final TypeReference<List<Pictures.Rendition>> RENDITIONS = new TypeReference<>() {};
    private static final String COLUMNS =
            "id, product_id, url, alt, position, width, height, content_hash, renditions::text as renditions";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ProductImageRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    List<ImageRow> imagesOf(UUID productId) {
        return jdbc.sql("select " + COLUMNS + " from product_media where product_id = ? order by position, id")
                .param(productId)
                .query(this::row)
                .list();
    }

    Optional<ImageRow> find(UUID productId, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from product_media where id = ? and product_id = ?")
                .params(id, productId)
                .query(this::row)
                .optional();
    }

    int count(UUID productId) {
        return jdbc.sql("select count(*) from product_media where product_id = ?")
                .param(productId)
                .query(Integer.class)
                .single();
    }

    int nextPosition(UUID productId) {
        return jdbc.sql("select coalesce(max(position) + 1, 0) from product_media where product_id = ?")
                .param(productId)
                .query(Integer.class)
                .single();
    }

    void insert(ImageRow row, Instant now) {
        jdbc.sql("""
                        insert into product_media
                            (id, product_id, url, alt, position, width, height, content_hash, renditions, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)""")
                .params(
                        row.id(),
                        row.productId(),
                        row.url(),
                        row.alt(),
                        row.position(),
                        row.width(),
                        row.height(),
                        row.contentHash(),
                        json.writeValueAsString(row.renditions()),
                        Timestamp.from(now))
                .update();
    }

    void updateAlt(UUID id, String alt) {
        jdbc.sql("update product_media set alt = ? where id = ?")
                .params(alt, id)
                .update();
    }

    void updatePosition(UUID id, int position) {
        jdbc.sql("update product_media set position = ? where id = ?")
                .params(position, id)
                .update();
    }

    boolean delete(UUID productId, UUID id) {
        return jdbc.sql("delete from product_media where id = ? and product_id = ?")
                        .params(id, productId)
                        .update()
                > 0;
    }

    /** Whether any picture (of any product) still uses the files made from this source. */
    boolean hashInUse(String contentHash) {
        return jdbc.sql("select exists (select 1 from product_media where content_hash = ?)")
                .param(contentHash)
                .query(Boolean.class)
                .single();
    }

    private ImageRow row(ResultSet rs, int number) throws SQLException {
        String renditions = rs.getString("renditions");
        return new ImageRow(
                rs.getObject("id", UUID.class),
                rs.getObject("product_id", UUID.class),
                rs.getString("url"),
                rs.getString("alt"),
                rs.getInt("position"),
                rs.getObject("width", Integer.class),
                rs.getObject("height", Integer.class),
                rs.getString("content_hash"),
                renditions == null ? List.of() : json.readValue(renditions, RENDITIONS));
    }
}
