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
import org.springframework.jdbc.core.simple.JdbcClient;

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

    /** A change whose notification never arrived (here: none was sent) is read once listening resumes. */
    @Test
    void aChangeMissedWhileTheListenerWasAwayIsReadWhenItIsBack() {
        String word = "quorbleth";
        assertThat(rules.test("a " + word).action()).isEqualTo("none");
        JdbcClient jdbc = JdbcClient.create(dataSource);
        jdbc.sql("""
                        insert into moderation_rules (id, name, kind, terms, severity, action, created_at, updated_at)
                        values (gen_random_uuid(), ?, 'keyword', array[?], 'low', 'flag', now(), now())""").params(CatalogFixtures.unique("Missed "), word).update();
        assertThat(rules.test("a " + word).action())
                .as("no notification: the cache is stale")
                .isEqualTo("none");

        jdbc.sql("select count(pg_terminate_backend(pid)) from pg_stat_activity where query = 'listen dukkan_cluster'")
                .query(Integer.class)
                .single();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> rules.test("a " + word).action().equals("flag"));
    }
}
