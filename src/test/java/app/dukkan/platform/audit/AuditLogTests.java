package app.dukkan.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.dukkan.platform.AuditLog;
import app.dukkan.platform.Feature;
import app.dukkan.platform.FeatureFlags;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

@DukkanTest
class AuditLogTests {

    @LocalServerPort
    int port;

    @Autowired
    AuditLog audit;

    @Autowired
    FeatureFlags flags;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @AfterEach
    void flagsBackOn() {
        for (Feature feature : Feature.values()) {
            flags.set(feature.key(), true, null);
        }
    }

    @Test
    void anOperatorsActionIsRecordedWithWhoWhatWhenAndWhere() {
        ApiClient admin = new CatalogFixtures(port).admin();
        Instant before = Instant.now().minusSeconds(1);

        admin.put("/api/v1/admin/flags/points", Map.of("enabled", false)).expectStatus(200);

        JsonNode page = admin.get("/api/v1/admin/audit?action=flag.switched&target_id=points&limit=1")
                .expectStatus(200)
                .json();
        JsonNode entry = page.get("items").get(0);
        assertThat(entry.get("actor").asString()).isEqualTo("admin@test.dukkan");
        assertThat(entry.get("actor_id").asString()).isNotBlank();
        assertThat(entry.get("target_type").asString()).isEqualTo("flag");
        assertThat(entry.get("details").get("enabled").asBoolean()).isFalse();
        assertThat(entry.get("client_address").asString()).isEqualTo("127.0.0.1");
        assertThat(Instant.parse(entry.get("at").asString())).isAfter(before);
    }

    @Test
    void anActionThatFailsLeavesNoEntry() {
        ApiClient admin = new CatalogFixtures(port).admin();

        admin.put("/api/v1/admin/flags/no-such-flag", Map.of("enabled", false)).expectStatus(404);

        assertThat(admin.get("/api/v1/admin/audit?target_id=no-such-flag")
                        .expectStatus(200)
                        .json()
                        .get("items"))
                .isEmpty();
    }

    @Test
    void pagesFollowEachOtherWithoutGapsOrRepeatsNewestFirst() {
        String target = "paging-" + UUID.randomUUID();
        for (int i = 0; i < 7; i++) {
            audit.record("test.paged", "test", target, null, Map.of("n", i));
        }
        ApiClient admin = new CatalogFixtures(port).admin();

        List<Integer> seen = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = admin.get("/api/v1/admin/audit?target_id=" + target + "&limit=3"
                            + (cursor == null ? "" : "&cursor=" + cursor))
                    .expectStatus(200)
                    .json();
            page.get("items").forEach(item -> {
                seen.add(item.get("details").get("n").asInt());
                times.add(Instant.parse(item.get("at").asString()));
            });
            cursor = page.has("next") ? page.get("next").asString() : null;
        } while (cursor != null);

        assertThat(seen).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6);
        assertThat(times).isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    void badFiltersAreRefusedWithTheirReason() {
        ApiClient admin = new CatalogFixtures(port).admin();

        admin.get("/api/v1/admin/audit?cursor=not-a-cursor").expectStatus(400);
        admin.get("/api/v1/admin/audit?actor=nobody").expectStatus(400);
        admin.get("/api/v1/admin/audit?from=yesterday").expectStatus(400);
        admin.get("/api/v1/admin/audit?limit=0").expectStatus(400);
        admin.get("/api/v1/admin/audit?limit=201").expectStatus(400);
    }

    @Test
    void onlyAdminsReadTheLog() {
        CatalogFixtures catalog = new CatalogFixtures(port);
        catalog.seller().get("/api/v1/admin/audit").expectStatus(403);
        catalog.customer().get("/api/v1/admin/audit").expectStatus(403);
        catalog.anonymous().get("/api/v1/admin/audit").expectStatus(401);
    }

    @Test
    void entriesCannotBeChangedOrDeleted() {
        String target = "kept-" + UUID.randomUUID();
        transactions.executeWithoutResult(status -> audit.record("test.kept", "test", target, "why", Map.of()));

        assertThatThrownBy(() -> jdbc.sql("update audit_log set reason = 'other' where target_id = ?")
                        .param(target)
                        .update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_log where target_id = ?")
                        .param(target)
                        .update())
                .hasMessageContaining("append-only");
        assertThat(audit.find(new AuditLog.Query(null, null, null, target, null, null), null, 10)
                        .items())
                .singleElement()
                .satisfies(entry -> {
                    assertThat(entry.reason()).isEqualTo("why");
                    assertThat(entry.actor()).isNull();
                });
    }
}
