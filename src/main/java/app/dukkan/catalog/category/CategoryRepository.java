package app.dukkan.catalog.category;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class CategoryRepository {

    private final JdbcClient jdbc;

    CategoryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Category> findAll() {
        return jdbc.sql("select id, parent_id, slug, name, position from categories")
                .query((rs, row) -> new Category(
                        rs.getObject("id", UUID.class),
                        rs.getObject("parent_id", UUID.class),
                        rs.getString("slug"),
                        rs.getString("name"),
                        rs.getInt("position")))
                .list();
    }

    void insert(Category category, Instant now) {
        jdbc.sql("""
                insert into categories (id, parent_id, slug, name, position, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?)
                """)
                .params(
                        category.id(),
                        category.parentId(),
                        category.slug(),
                        category.name(),
                        category.position(),
                        Timestamp.from(now),
                        Timestamp.from(now))
                .update();
    }

    /**
     * Every category, read under the tree's lock (held until the transaction ends): writers take
     * turns, each deciding on the tree as the one before left it, so that two moves never make a
     * cycle together (A below B while B goes below A) and a rename never writes back a parent that a
     * concurrent move changed.
     */
    List<Category> findAllForChange() {
        lockTree();
        return findAll();
    }

    private void lockTree() {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('dukkan.catalog.category-tree'))")
                .query((rs, row) -> 1)
                .single();
    }

    void update(Category category, Instant now) {
        jdbc.sql("update categories set parent_id = ?, slug = ?, name = ?, position = ?, updated_at = ? where id = ?")
                .params(
                        category.parentId(),
                        category.slug(),
                        category.name(),
                        category.position(),
                        Timestamp.from(now),
                        category.id())
                .update();
    }
}
