package app.dukkan.community.post;

import static app.dukkan.community.post.Members.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.community.post.Members.Member;
import app.dukkan.community.profile.ProfileDirectory;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.Shop;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Authors' changes and moderation's actions on the same item at the same time: both lock the item
 * (for a comment its post first) before its queue entry, so neither waits on the other in the
 * opposite order, a deadlock PostgreSQL would end by failing one of them.
 */
@DukkanTest
class ModerationRaceTests {

    private static final int ROUNDS = 10;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProfileDirectory profiles;

    @Autowired
    PlatformTransactionManager transactions;

    Shop shop;
    Members members;
    List<Member> reporters;
    ExecutorService pool;

    @BeforeEach
    void setUp() {
        shop = new Shop(port);
        members = new Members(shop.catalog(), profiles, jdbc);
        reporters = List.of(members.member(), members.member(), members.member());
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    @Test
    void anEditRacingTheReportThatHidesAPostNeverFails() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Member author = members.member();
            String post = post(author, "round " + round);
            String text = "round " + round + ", edited";
            race(
                    round,
                    "/api/v1/posts/" + post + "/report",
                    () -> author.api().patch("/api/v1/posts/" + post, Map.of("text", text)));
            shop.guest().get("/api/v1/posts/" + post).expectStatus(404);
        }
    }

    @Test
    void anEditRacingTheReportThatHidesACommentNeverFails() throws Exception {
        Member poster = members.member();
        String post = post(poster, "comment away");
        for (int round = 0; round < ROUNDS; round++) {
            Member author = members.member();
            String comment = comment(author, post, "round " + round);
            String text = "round " + round + ", edited";
            race(
                    round,
                    "/api/v1/comments/" + comment + "/report",
                    () -> author.api().patch("/api/v1/comments/" + comment, Map.of("text", text)));
            shop.guest().get("/api/v1/comments/" + comment).expectStatus(404);
        }
    }

    @Test
    void anEditRacingTheReportThatHidesAProfileNeverFails() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Member member = members.member();
            String bio = "round " + round + ", edited";
            race(
                    round,
                    "/api/v1/profiles/" + member.handle() + "/report",
                    () -> member.api().patch("/api/v1/me/profile", Map.of("bio", bio)));
            assertThat(shop.guest()
                            .get("/api/v1/profiles/" + member.handle())
                            .expectStatus(200)
                            .json()
                            .get("bio")
                            .asString())
                    .isEmpty();
        }
    }

    @Test
    void anEditRacingTheReportThatHidesAReviewNeverFails() throws Exception {
        Shop.Variant product = shop.product("9.00", 100);
        String reviews = "/api/v1/products/" + product.productSlug() + "/reviews";
        for (int round = 0; round < ROUNDS / 2; round++) {
            ApiClient buyer = shop.customer();
            shop.buy(buyer, product, 1, null);
            String review = buyer.post(reviews, Map.of("rating", 4, "text", "round " + round))
                    .expectStatus(201)
                    .json()
                    .get("id")
                    .asString();
            String text = "round " + round + ", edited";
            race(
                    round,
                    "/api/v1/reviews/" + review + "/report",
                    () -> buyer.patch("/api/v1/reviews/" + review, Map.of("text", text)));
        }
    }

    /**
     * An operator's action takes the item before its entry: while another transaction holds a
     * comment's post, the restore waits for it without holding the comment's queue entry.
     */
    @Test
    void anOperatorsActionLocksTheItemBeforeItsEntry() throws Exception {
        Member poster = members.member();
        String post = post(poster, "a post");
        String comment = comment(members.member(), post, "a comment");
        for (Member reporter : reporters) {
            reporter.api()
                    .post("/api/v1/comments/" + comment + "/report", Map.of("reason", "spam"))
                    .expectStatus(201);
        }
        UUID entry = jdbc.sql("select id from moderation_entries where item_id = ?")
                .param(UUID.fromString(comment))
                .query(UUID.class)
                .single();

        ApiClient admin = shop.admin();
        AtomicReference<Future<Integer>> restore = new AtomicReference<>();
        Boolean entryFree = new TransactionTemplate(transactions).execute(status -> {
            jdbc.sql("select 1 from community_posts where id = ? for update")
                    .param(UUID.fromString(post))
                    .query(Integer.class)
                    .single();
            restore.set(pool.submit(
                    () -> admin.post("/api/v1/admin/moderation/items/" + entry + "/restore", Map.of("reason", "fine"))
                            .status()));
            await().atMost(Duration.ofSeconds(10)).until(() -> waitingForALock() > 0);
            try {
                jdbc.sql("select 1 from moderation_entries where id = ? for update nowait")
                        .param(entry)
                        .query(Integer.class)
                        .single();
                return true;
            } catch (DataAccessException held) {
                status.setRollbackOnly();
                return false;
            }
        });
        assertThat(entryFree)
                .as("the entry is not taken while the item is waited for")
                .isTrue();
        assertThat(restore.get().get()).isEqualTo(200);
        shop.guest().get("/api/v1/comments/" + comment).expectStatus(200);
    }

    /** Two reports first; then the author's change and the third report, which hides the item, at once. */
    private void race(int round, String report, Callable<ApiClient.Response> change) throws Exception {
        for (Member reporter : reporters.subList(0, 2)) {
            reporter.api().post(report, Map.of("reason", "spam")).expectStatus(201);
        }
        CountDownLatch start = new CountDownLatch(1);
        Function<Callable<ApiClient.Response>, Future<Integer>> atStart = call -> pool.submit(() -> {
            start.await();
            return call.call().status();
        });
        Future<Integer> changed = atStart.apply(change);
        Future<Integer> reported = atStart.apply(() -> reporters.get(2).api().post(report, Map.of("reason", "spam")));
        start.countDown();
        assertThat(changed.get()).as("round %d: the change", round).isEqualTo(200);
        assertThat(reported.get()).as("round %d: the third report", round).isEqualTo(201);
    }

    private int waitingForALock() {
        return jdbc.sql("""
                        select count(*) from pg_stat_activity
                        where datname = current_database() and wait_event_type = 'Lock'""").query(Integer.class).single();
    }

    private static String comment(Member author, String post, String text) {
        return author.api()
                .post("/api/v1/posts/" + post + "/comments", Map.of("text", text))
                .expectStatus(201)
                .json()
                .get("id")
                .asString();
    }
}
