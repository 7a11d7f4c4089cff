package app.dukkan.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.platform.JobDeadLettered;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.Shop;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** An erasure asked for twice at once is one erasure; a part that failed for good shows as failed. */
@DukkanTest
class ErasureProgressTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void twoOperatorsErasingTheSamePersonAtOnceGetOneErasure() throws Exception {
        String email = CatalogFixtures.unique("twice-") + "@example.com";
        new ApiClient(port).register(email, "correct horse 42");
        Shop shop = new Shop(port);
        List<ApiClient> admins = List.of(shop.admin(), shop.admin());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<String>> calls = admins.stream()
                    .<Callable<String>>map(admin -> () -> admin.post(
                                    "/api/v1/admin/privacy/erasures", Map.of("email", email, "reason", "asked twice"))
                            .expectStatus(202)
                            .json()
                            .get("id")
                            .asString())
                    .toList();
            List<Future<String>> answers = pool.invokeAll(calls);
            assertThat(answers.get(0).get()).isEqualTo(answers.get(1).get());
            assertThat(jdbc.sql("select count(*) from privacy_requests where id = ? and kind = 'erasure'")
                            .param(UUID.fromString(answers.get(0).get()))
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anAccountAnOperatorDisabledIsErasedAndNotEnabledMeanwhile() {
        String email = CatalogFixtures.unique("disabled-") + "@example.com";
        String userId = new ApiClient(port)
                .register(email, "correct horse 42")
                .login(email, "correct horse 42")
                .get("/api/v1/me")
                .json()
                .get("id")
                .asString();
        ApiClient admin = new Shop(port).admin();
        admin.post("/api/v1/admin/users/" + userId + "/disable", Map.of("reason", "chargebacks"))
                .expectStatus(200);

        String id = admin.post("/api/v1/admin/privacy/erasures", Map.of("email", email, "reason", "asked"))
                .expectStatus(202)
                .json()
                .get("id")
                .asString();
        assertThat(admin.post("/api/v1/admin/users/" + userId + "/enable", null)
                        .expectStatus(409)
                        .json()
                        .get("type")
                        .asString())
                .endsWith("/erasure-pending");

        awaitStatus(admin, id, "completed");
        assertThat(jdbc.sql("select email from users where id = ?::uuid")
                        .param(userId)
                        .query(String.class)
                        .single())
                .endsWith("@erased.invalid");
    }

    @Test
    void aPartDeadLetteredShowsFailedInItsRequest() {
        String email = CatalogFixtures.unique("failing-") + "@example.com";
        new ApiClient(port).register(email, "correct horse 42");
        ApiClient admin = new Shop(port).admin();
        String id = admin.post("/api/v1/admin/privacy/erasures", Map.of("email", email, "reason", "asked"))
                .expectStatus(202)
                .json()
                .get("id")
                .asString();
        awaitStatus(admin, id, "completed");
        // as the job machinery does when a part's job exhausts its attempts: in the moving transaction
        jdbc.sql(
                        "update privacy_request_parts set status = 'pending', completed_at = null where request_id = ? and part = 'orders'")
                .param(UUID.fromString(id))
                .update();
        jdbc.sql("update privacy_requests set status = 'running' where id = ?")
                .param(UUID.fromString(id))
                .update();
        new TransactionTemplate(transactions)
                .executeWithoutResult(status -> events.publishEvent(new JobDeadLettered(
                        "privacy-erase",
                        id + "/orders",
                        "{\"request_id\": \"" + id + "\", \"part\": \"orders\"}",
                        "boom")));
        JsonNode failed = admin.get("/api/v1/admin/privacy/erasures/" + id)
                .expectStatus(200)
                .json();
        assertThat(failed.get("status").asString()).isEqualTo("failed");
        assertThat(failed.get("progress").get("failed").asInt()).isEqualTo(1);
        assertThat(failed.get("progress").get("pending").asInt()).isZero();
    }

    void awaitStatus(ApiClient admin, String id, String status) {
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> admin.get("/api/v1/admin/privacy/erasures/" + id)
                        .expectStatus(200)
                        .json()
                        .get("status")
                        .asString()
                        .equals(status));
    }
}
