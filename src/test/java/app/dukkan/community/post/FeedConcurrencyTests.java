package app.dukkan.community.post;

import static app.dukkan.community.post.Members.ids;
import static app.dukkan.community.post.Members.post;
import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.community.post.Members.Member;
import app.dukkan.community.profile.ProfileDirectory;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.Shop;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The feed's order and cursors while others write, and likes counted under concurrency. */
@DukkanTest
class FeedConcurrencyTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProfileDirectory profiles;

    @Autowired
    PostRepository repository;

    @Test
    void pagingWhileOthersPostSeesEveryEarlierPostOnceNewestFirst() throws Exception {
        Members members = new Members(new Shop(port).catalog(), profiles, jdbc);
        Member reader = members.member();
        List<Member> authors = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Member author = members.member();
            members.follow(reader, author);
            authors.add(author);
        }
        List<String> existing = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            existing.add(post(authors.get(i % 3), "earlier post " + i));
        }
        existing.add(post(reader, "my own post"));

        AtomicBoolean paging = new AtomicBoolean(true);
        ExecutorService writers = Executors.newFixedThreadPool(3);
        List<Future<Integer>> written = new ArrayList<>();
        for (Member author : authors) {
            written.add(writers.submit(() -> {
                int n = 0;
                while (paging.get() && n < 60) {
                    post(author, "concurrent post " + n++);
                }
                return n;
            }));
        }
        List<String> seen = ids(reader.api(), "/api/v1/feed", 7);
        paging.set(false);
        for (Future<Integer> f : written) {
            f.get();
        }
        writers.shutdown();

        assertThat(new HashSet<>(seen)).hasSameSizeAs(seen);
        assertThat(seen).containsAll(existing);
        List<String> pageOrder = seen.stream().filter(existing::contains).toList();
        List<String> newestFirst = jdbc.sql(
                        "select id::text from community_posts where id = any(?::uuid[]) order by id desc")
                .param(existing.toArray(String[]::new))
                .query(String.class)
                .list();
        assertThat(pageOrder).containsExactlyElementsOf(newestFirst);
        assertThat(ids(reader.api(), "/api/v1/feed")).containsAll(existing);
    }

    /**
     * More followed authors than a page holds, one of them far busier than the rest: the page's
     * floor (the page-th newest of the authors' newest posts) must never cut a post off.
     */
    @Test
    void pagesAreExactWhenOneOfManyAuthorsWritesMost() {
        Members members = new Members(new Shop(port).catalog(), profiles, jdbc);
        Member reader = members.member();
        List<Member> authors = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Member author = members.member();
            members.follow(reader, author);
            authors.add(author);
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            expected.add(post(authors.get(0), "busy, early " + i));
        }
        for (Member quiet : authors.subList(1, 8)) {
            expected.add(post(quiet, "one post"));
        }
        expected.add(post(reader, "my own"));
        for (int i = 0; i < 9; i++) {
            expected.add(post(authors.get(0), "busy, late " + i));
        }
        expected.add(post(authors.get(3), "quiet again"));

        List<String> seen = ids(reader.api(), "/api/v1/feed", 3);

        Collections.reverse(expected);
        assertThat(seen).as("newest first, every post once").containsExactlyElementsOf(expected);

        // both ways to a page agree, at every cursor of the walk
        UUID before = new UUID(-1L, -1L);
        int fromRecent = 0;
        for (int page = 0; page * 3 < expected.size(); page++) {
            List<UUID> byAuthor =
                    postIds(repository.followingByAuthor(reader.id().value(), before, 3));
            var recent = repository.recentFollowing(reader.id().value(), before, 3);
            if (recent.isPresent()) {
                assertThat(postIds(recent.get())).isEqualTo(byAuthor);
                fromRecent++;
            }
            before = byAuthor.get(byAuthor.size() - 1);
        }
        assertThat(fromRecent).isGreaterThan(3);
        assertThat(repository.recentFollowing(reader.id().value(), new UUID(-1L, -1L), 3, 1, 1))
                .as("one post read of the three a page needs, more left: no page it cannot vouch for")
                .isEmpty();
    }

    private static List<UUID> postIds(List<PostRepository.PostRow> rows) {
        return rows.stream().map(PostRepository.PostRow::id).toList();
    }

    @Test
    void fiftyConcurrentLikesCountFifty() throws Exception {
        Members members = new Members(new Shop(port).catalog(), profiles, jdbc);
        Member author = members.member();
        String id = post(author, "popular");
        List<Member> fans = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            fans.add(members.member());
        }
        ExecutorService pool = Executors.newFixedThreadPool(25);
        List<Future<Integer>> likes = new ArrayList<>();
        for (Member fan : fans) {
            likes.add(pool.submit(
                    () -> fan.api().put("/api/v1/posts/" + id + "/like", null).status()));
            likes.add(pool.submit(
                    () -> fan.api().put("/api/v1/posts/" + id + "/like", null).status()));
        }
        for (Future<Integer> like : likes) {
            assertThat(like.get()).isEqualTo(200);
        }
        pool.shutdown();

        assertThat(author.api()
                        .get("/api/v1/posts/" + id)
                        .json()
                        .get("like_count")
                        .asInt())
                .isEqualTo(50);
        assertThat(jdbc.sql("select count(*) from community_likes where post_id = ?::uuid and active")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isEqualTo(50);
    }
}
