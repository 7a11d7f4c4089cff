package app.dukkan.community.post;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.DukkanTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A post's comment recount reads that post's comments over an index, not every comment of the shop.
 * Measured on 50,000 comments and replies of 500 posts written (and analyzed) in a transaction that
 * is rolled back, so the shared database is left as it was.
 */
@DukkanTest
class CommentRecountPlanTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void theRecountReadsOnePostsCommentsOverTheirIndex() {
        String plan = transactions.execute(status -> {
            status.setRollbackOnly();
            UUID author = UUID.randomUUID();
            jdbc.sql("""
                            insert into community_profiles (user_id, handle, display_name, created_at, updated_at)
                            values (?, ?, 'Plan', now(), now())""")
                    .params(author, "plan_" + author.toString().substring(0, 8))
                    .update();
            jdbc.sql("""
                            insert into community_posts (id, author_id, text, created_at)
                            select gen_random_uuid(), ?, 'post ' || i, now() from generate_series(1, 500) i""").param(author).update();
            jdbc.sql("""
                            insert into community_comments (id, post_id, author_id, text, created_at)
                            select gen_random_uuid(), p.id, p.author_id, 'comment ' || i, now()
                            from community_posts p cross join generate_series(1, 50) i where p.author_id = ?""").param(author).update();
            jdbc.sql("""
                            insert into community_comments (id, post_id, parent_id, author_id, text, created_at)
                            select gen_random_uuid(), c.post_id, c.id, c.author_id, 'reply', now()
                            from community_comments c where c.author_id = ? and c.parent_id is null""").param(author).update();
            jdbc.sql("analyze community_posts").update();
            jdbc.sql("analyze community_comments").update();
            UUID post = jdbc.sql("select id from community_posts where author_id = ? limit 1")
                    .param(author)
                    .query(UUID.class)
                    .single();
            return String.join(
                    "\n",
                    jdbc.sql("explain " + CommentRepository.RECOUNT)
                            .param("posts", new UUID[] {post})
                            .query(String.class)
                            .list());
        });
        assertThat(plan).as(plan).contains("community_comments_post_all_idx").doesNotContain("Seq Scan");
    }
}
