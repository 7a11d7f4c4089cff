package app.dukkan.catalog.search;

import app.dukkan.catalog.CatalogSitemap;
import app.dukkan.catalog.config.CatalogCache;
import app.dukkan.catalog.config.CatalogChanges;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Sitemap data straight from the products and categories tables; the chunk list is cached. */
@Component
class JdbcCatalogSitemap implements CatalogSitemap {

    private final JdbcClient jdbc;
    private final CatalogCache<Integer, List<Chunk>> chunks;

    JdbcCatalogSitemap(JdbcClient jdbc, CatalogChanges changes, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.chunks = new CatalogCache<>("catalog.sitemap", 4, changes, registry);
    }

    @Override
    public List<Chunk> productChunks(int chunkSize) {
        checkSize(chunkSize);
        return chunks.get(
                chunkSize,
                size -> jdbc.sql("""
                        select (n - 1) / :size as chunk, count(*) as products, max(updated_at) as last_modified
                        from (select updated_at, row_number() over (order by id) as n
                              from products where status = 'active') p
                        group by 1
                        order by 1""")
                        .param("size", size)
                        .query((rs, row) -> new Chunk(
                                rs.getInt("chunk"),
                                rs.getLong("products"),
                                rs.getTimestamp("last_modified").toInstant()))
                        .list());
    }

    @Override
    public void products(int chunk, int chunkSize, Consumer<Entry> sink) {
        checkSize(chunkSize);
        if (chunk < 0) {
            return;
        }
        jdbc.sql("""
                        select slug, updated_at from products where status = 'active'
                        order by id limit :limit offset :offset""")
                .param("limit", chunkSize)
                .param("offset", (long) chunk * chunkSize)
                .query(rs -> {
                    sink.accept(new Entry(
                            rs.getString("slug"), rs.getTimestamp("updated_at").toInstant()));
                });
    }

    @Override
    public List<Entry> categories() {
        return jdbc.sql("""
                        select c.slug, greatest(c.updated_at, max(p.updated_at)) as last_modified
                        from categories c
                        left join products p on p.category_id = c.id and p.status = 'active'
                        group by c.id
                        order by c.slug""")
                .query((rs, row) -> new Entry(
                        rs.getString("slug"), rs.getTimestamp("last_modified").toInstant()))
                .list();
    }

    private static void checkSize(int chunkSize) {
        if (chunkSize < 1 || chunkSize > 50_000) {
            throw new IllegalArgumentException("a sitemap chunk holds 1 to 50,000 products");
        }
    }
}
