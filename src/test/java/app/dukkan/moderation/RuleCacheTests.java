package app.dukkan.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.SecondInstance;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@DukkanTest
class RuleCacheTests {

    @LocalServerPort
    int port;

    @Autowired
    ModerationRules rules;

    @Autowired
    DataSource dataSource;

    @Test
    void aRuleChangeReachesEveryInstanceWithinASecond() {
        ModerationRules second = SecondInstance.beside(dataSource).getBean(ModerationRules.class);
        ApiClient admin = new CatalogFixtures(port).admin();
        String word = "zorkblat";
        assertThat(second.test("a " + word).action()).isEqualTo("none");

        String id = admin.post(
                        "/api/v1/admin/moderation/rules",
                        Map.of(
                                "name",
                                CatalogFixtures.unique("Cache "),
                                "kind",
                                "keyword",
                                "terms",
                                List.of(word),
                                "severity",
                                "low",
                                "action",
                                "flag"))
                .expectStatus(201)
                .json()
                .get("id")
                .asString();
        assertThat(rules.test("a " + word).action()).isEqualTo("flag");
        await().atMost(Duration.ofSeconds(1))
                .until(() -> second.test("a " + word).action().equals("flag"));

        admin.patch("/api/v1/admin/moderation/rules/" + id, Map.of("action", "censor"))
                .expectStatus(200);
        await().atMost(Duration.ofSeconds(1))
                .until(() -> second.test("a " + word).censored().equals("a ********"));

        admin.delete("/api/v1/admin/moderation/rules/" + id).expectStatus(204);
        await().atMost(Duration.ofSeconds(1))
                .until(() -> second.test("a " + word).action().equals("none"));
    }
}
