package app.dukkan.platform.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.platform.Feature;
import app.dukkan.platform.FeatureFlags;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.SecondInstance;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@DukkanTest
class FeatureFlagsTests {

    @LocalServerPort
    int port;

    @Autowired
    FeatureFlags flags;

    @Autowired
    DataSource dataSource;

    @AfterEach
    void switchEverythingBackOn() {
        for (Feature feature : Feature.values()) {
            flags.set(feature.key(), true, null);
        }
    }

    @Test
    void aSwitchThroughTheAdminApiReachesEveryInstanceWithinASecond() {
        FeatureFlags second = SecondInstance.beside(dataSource).getBean(FeatureFlags.class);
        assertThat(second.isOn(Feature.PWA)).isTrue();
        ApiClient admin = new CatalogFixtures(port).admin();

        var answer = admin.put("/api/v1/admin/flags/pwa", Map.of("enabled", false))
                .expectStatus(200)
                .json();

        assertThat(answer.get("enabled").asBoolean()).isFalse();
        assertThat(answer.get("updated_by").asString()).isEqualTo("admin@test.dukkan");
        assertThat(flags.isOn(Feature.PWA)).isFalse();
        await().atMost(Duration.ofSeconds(1)).until(() -> !second.isOn(Feature.PWA));
        assertThat(second.isOn(Feature.REALTIME)).isTrue();

        admin.put("/api/v1/admin/flags/pwa", Map.of("enabled", true)).expectStatus(200);
        await().atMost(Duration.ofSeconds(1)).until(() -> second.isOn(Feature.PWA));
    }

    @Test
    void adminsListTheFlags() {
        var items = new CatalogFixtures(port)
                .admin()
                .get("/api/v1/admin/flags")
                .expectStatus(200)
                .json()
                .get("items");

        assertThat(items)
                .extracting(item -> item.get("key").asString())
                .containsExactly("points", "pwa", "realtime", "recommendations");
    }

    @Test
    void onlyAdminsSwitchFlagsAndBadInputChangesNothing() {
        ApiClient admin = new CatalogFixtures(port).admin();
        new ApiClient(port)
                .put("/api/v1/admin/flags/pwa", Map.of("enabled", false))
                .expectStatus(401);
        new CatalogFixtures(port)
                .seller()
                .put("/api/v1/admin/flags/pwa", Map.of("enabled", false))
                .expectStatus(403);
        admin.put("/api/v1/admin/flags/no-such-flag", Map.of("enabled", false)).expectStatus(404);
        admin.put("/api/v1/admin/flags/pwa", Map.of()).expectStatus(400);
        admin.sendRaw("PUT", "/api/v1/admin/flags/pwa", "{\"enabled\":\"maybe\"}", "application/json")
                .expectStatus(400);

        assertThat(flags.isOn(Feature.PWA)).isTrue();
    }
}
