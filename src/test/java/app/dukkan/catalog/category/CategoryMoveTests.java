package app.dukkan.catalog.category;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.catalog.CategoryConsole;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Moves of categories that race each other never make a cycle, which would hide both. */
@DukkanTest
class CategoryMoveTests {

    @LocalServerPort
    int port;

    @Autowired
    CategoryConsole categories;

    @Autowired
    JdbcClient jdbc;

    @Test
    void twoCategoriesMovedBelowEachOtherAtOnceEndAsOneBelowTheOther() throws Exception {
        race((start, a, b) -> moved(start, a.id(), b.id()), (start, a, b) -> moved(start, a.id(), b.id()));
    }

    /** The API's moves take the same turns as the console's: with each other and with it. */
    @Test
    void movesThroughTheApiRaceNeitherEachOtherNorTheConsoleIntoACycle() throws Exception {
        CatalogFixtures fixtures = new CatalogFixtures(port);
        ApiClient admin = fixtures.admin();
        race((start, a, b) -> movedByApi(admin, start, a, b), (start, a, b) -> movedByApi(admin, start, a, b));
        race((start, a, b) -> movedByApi(admin, start, a, b), (start, a, b) -> moved(start, a.id(), b.id()));
    }

    private record Node(UUID id, String slug) {}

    private interface Move {
        boolean below(CountDownLatch start, Node category, Node parent) throws Exception;
    }

    /** Rounds of two categories moved below each other at once: one move wins, no cycle. */
    private void race(Move first, Move second) throws Exception {
        CatalogFixtures fixtures = new CatalogFixtures(port);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                String left = fixtures.category(CatalogFixtures.unique("Left "), null);
                String right = fixtures.category(CatalogFixtures.unique("Right "), null);
                Node a = new Node(id(left), left);
                Node b = new Node(id(right), right);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> moves = new ArrayList<>();
                moves.add(pool.submit(() -> first.below(start, a, b)));
                moves.add(pool.submit(() -> second.below(start, b, a)));
                start.countDown();
                int done = 0;
                for (Future<Boolean> move : moves) {
                    done += move.get() ? 1 : 0;
                }
                assertThat(done)
                        .as("round %d: one move, the other refused", round)
                        .isEqualTo(1);
                assertThat(reachesARoot(a.id()) && reachesARoot(b.id())).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean movedByApi(ApiClient admin, CountDownLatch start, Node category, Node parent)
            throws InterruptedException {
        start.await();
        int status = admin.patch("/api/v1/admin/categories/" + category.slug(), Map.of("parent", parent.slug()))
                .status();
        assertThat(status).as("moved, or refused as below itself").isIn(200, 400);
        return status == 200;
    }

    private boolean moved(CountDownLatch start, UUID id, UUID parent) throws InterruptedException {
        start.await();
        try {
            categories.move(id, parent);
            return true;
        } catch (RuntimeException refused) {
            return false;
        }
    }

    private boolean reachesARoot(UUID id) {
        Set<UUID> seen = new HashSet<>();
        UUID at = id;
        while (at != null) {
            if (!seen.add(at)) {
                return false;
            }
            at = jdbc.sql("select parent_id from categories where id = ?")
                    .param(at)
                    .query(UUID.class)
                    .optional()
                    .orElse(null);
        }
        return true;
    }

    private UUID id(String slug) {
        return jdbc.sql("select id from categories where slug = ?")
                .param(slug)
                .query(UUID.class)
                .single();
    }
}
