package app.dukkan.automation.run;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.Shop;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Workflows started by a schedule and by the store's events. */
@DukkanTest
class WorkflowTriggerTests {

    static final WireMockServer HOOKS = new WireMockServer(wireMockConfig().dynamicPort());
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void start() {
        HOOKS.start();
        HOOKS.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(200)));
    }

    @AfterAll
    static void stop() {
        HOOKS.stop();
    }

    List<Instant> scheduledRuns(String key) {
        return jdbc.sql("""
                        select r.payload ->> 'scheduledAt' from automation_runs r
                        join automation_workflows w on w.id = r.workflow_id
                        where w.key = ? and r.trigger_type = 'cron' order by 1""").param(key).query(String.class).list().stream()
                .map(Instant::parse)
                .toList();
    }

    long plannedJobs(String key) {
        return jdbc.sql("""
                        select count(*) from scheduled_tasks where task_name = 'automation-cron'
                        and task_instance like (select id::text from automation_workflows where key = ?) || '/%'""").param(key).query(Long.class).single();
    }

    @Test
    void aScheduleRunsAtItsCronTimesWithoutDriftAndFollowsChangesOfTheWorkflow() {
        ApiClient admin = new CatalogFixtures(port).admin();
        String key = CatalogFixtures.unique("nightly-");
        String definition = """
                {"name": "Every second second", "trigger": {"type": "cron", "cron": "*/2 * * * * *", "zone": "Asia/Riyadh"},
                 "steps": [{"id": "ping", "connector": "http",
                            "input": {"url": "http://localhost:%d/hook", "body": {"at": "{{trigger.scheduledAt}}", "day": "{{trigger.date}}"}}}]}""".formatted(HOOKS.port());
        admin.post("/api/v1/workflows", Map.of("key", key, "definition", JSON.readTree(definition)))
                .expectStatus(201);
        assertThat(plannedJobs(key)).isZero();
        admin.post("/api/v1/workflows/" + key + "/enable", null).expectStatus(200);
        assertThat(plannedJobs(key)).isEqualTo(1);

        // looked at while the jobs run: the next time is planned as the running job ends, never beside it
        List<Long> planned = new CopyOnWriteArrayList<>();
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> planned.add(plannedJobs(key)) && scheduledRuns(key).size() >= 3);
        assertThat(planned).containsOnly(1L);
        List<Instant> times = scheduledRuns(key);
        for (Instant time : times) {
            // exactly on the cron's times: whole even seconds, whatever the jobs' latency
            assertThat(time.getNano()).isZero();
            assertThat(time.getEpochSecond() % 2).isZero();
        }
        assertThat(times).doesNotHaveDuplicates();
        assertThat(plannedJobs(key)).isEqualTo(1);

        // a new version plans anew; the job planned for the old one starts nothing
        admin.put("/api/v1/workflows/" + key, JSON.readTree(definition.replace("*/2 * * * * *", "*/3 * * * * *")))
                .expectStatus(200);
        int before = scheduledRuns(key).size();
        await().atMost(Duration.ofSeconds(20)).until(() -> scheduledRuns(key).size() >= before + 2);
        List<Instant> later =
                scheduledRuns(key).subList(before, scheduledRuns(key).size());
        assertThat(later)
                .allSatisfy(time -> assertThat(time.getEpochSecond() % 3).isZero());
        assertThat(scheduledRuns(key)).doesNotHaveDuplicates();

        admin.post("/api/v1/workflows/" + key + "/disable", null).expectStatus(200);
        int stopped = scheduledRuns(key).size();
        await().during(Duration.ofSeconds(4))
                .atMost(Duration.ofSeconds(6))
                .until(() -> scheduledRuns(key).size() <= stopped + 1);
        assertThat(plannedJobs(key)).isLessThanOrEqualTo(1);
    }

    @Test
    void aStoreEventStartsTheWorkflowsThatListenForIt() {
        ApiClient admin = new CatalogFixtures(port).admin();
        String key = CatalogFixtures.unique("welcome-");
        admin.post("/api/v1/workflows", Map.of("key", key, "definition", JSON.readTree("""
                        {"name": "Welcome", "trigger": {"type": "event", "event": "user.registered"},
                         "steps": [{"id": "crm", "connector": "http",
                                    "input": {"url": "http://localhost:%d/hook", "body": {"new": "{{trigger.email}}"}}}]}""".formatted(HOOKS.port()))))
                .expectStatus(201);
        admin.post("/api/v1/workflows/" + key + "/enable", null).expectStatus(200);

        String email = CatalogFixtures.unique("welcome-") + "@example.com";
        new ApiClient(port).register(email, "Str0ng-Passphrase-4711");

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> HOOKS.verify(
                        1,
                        postRequestedFor(urlEqualTo("/hook"))
                                .withRequestBody(equalToJson("{\"new\": \"" + email + "\"}"))));
        assertThat(jdbc.sql("""
                        select count(*) from automation_runs r join automation_workflows w on w.id = r.workflow_id
                        where w.key = ? and r.trigger_type = 'event' and r.status = 'succeeded'""").param(key).query(Long.class).single()).isEqualTo(1);
    }

    /** {@code order.cancelled} carries what the cancellation refunded, named as {@code order.refunded} names money. */
    @Test
    void orderCancelledCarriesTheRefundedAmount() {
        ApiClient admin = new CatalogFixtures(port).admin();
        String key = CatalogFixtures.unique("cancelled-");
        String hook = "/" + key;
        HOOKS.stubFor(post(urlEqualTo(hook)).willReturn(aResponse().withStatus(200)));
        admin.post("/api/v1/workflows", Map.of("key", key, "definition", JSON.readTree("""
                        {"name": "Cancelled", "trigger": {"type": "event", "event": "order.cancelled"},
                         "steps": [{"id": "books", "connector": "http",
                                    "input": {"url": "http://localhost:%d%s", "body": {"number": "{{trigger.number}}",
                                     "refunded": "{{trigger.refunded.amount}}", "currency": "{{trigger.refunded.currency}}"}}}]}""".formatted(
                                HOOKS.port(), hook))))
                .expectStatus(201);
        admin.post("/api/v1/workflows/" + key + "/enable", null).expectStatus(200);
        Shop shop = new Shop(port);
        String number = shop.buy(shop.customer(), shop.product("30.00", 2), 1, null)
                .get("number")
                .asString();
        admin.post("/api/v1/admin/orders/" + number + "/cancel", Map.of("reason", "customer called"))
                .expectStatus(200);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> HOOKS.verify(1, postRequestedFor(urlEqualTo(hook))));
        JsonNode body = JSON.readTree(
                HOOKS.findAll(postRequestedFor(urlEqualTo(hook))).get(0).getBodyAsString());
        assertThat(body.get("number").asString()).isEqualTo(number);
        // 30.00 and 4.90 shipping to Germany
        assertThat(new BigDecimal(body.get("refunded").asString())).isEqualByComparingTo("34.90");
        assertThat(body.get("currency").asString()).isEqualTo("EUR");
    }

    /** {@code order.refunded} says whether the money went back through a chargeback, as it is sent. */
    @Test
    void orderRefundedCarriesWhetherItWasAChargeback() {
        ApiClient admin = new CatalogFixtures(port).admin();
        String key = CatalogFixtures.unique("refunded-");
        String hook = "/" + key;
        HOOKS.stubFor(post(urlEqualTo(hook)).willReturn(aResponse().withStatus(200)));
        admin.post("/api/v1/workflows", Map.of("key", key, "definition", JSON.readTree("""
                        {"name": "Refunded", "trigger": {"type": "event", "event": "order.refunded"},
                         "steps": [{"id": "books", "connector": "http",
                                    "input": {"url": "http://localhost:%d%s",
                                     "body": {"number": "{{trigger.number}}", "chargeback": "{{trigger.chargeback}}"}}}]}""".formatted(
                                HOOKS.port(), hook))))
                .expectStatus(201);
        admin.post("/api/v1/workflows/" + key + "/enable", null).expectStatus(200);
        Shop shop = new Shop(port);
        String number = shop.buy(shop.customer(), shop.product("30.00", 2), 1, null)
                .get("number")
                .asString();
        admin.post("/api/v1/admin/orders/" + number + "/refunds", Map.of("reason", "damaged"))
                .expectStatus(200);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> HOOKS.verify(1, postRequestedFor(urlEqualTo(hook))));
        JsonNode body = JSON.readTree(
                HOOKS.findAll(postRequestedFor(urlEqualTo(hook))).get(0).getBodyAsString());
        assertThat(body.get("number").asString()).isEqualTo(number);
        assertThat(body.get("chargeback").asString()).isEqualTo("false");
    }

    /**
     * {@code post.flagged} starts once when a post enters the queue: edits that flag it again while
     * it waits start nothing, a hide starts it once more, and so does a flag after the entry was
     * resolved.
     */
    @Test
    void postFlaggedStartsOncePerFlaggingNotPerEdit() {
        CatalogFixtures catalog = new CatalogFixtures(port);
        ApiClient admin = catalog.admin();
        String flagWord = "flagw" + CatalogFixtures.unique("").replaceAll("[^a-z]", "x");
        String hideWord = "hidew" + CatalogFixtures.unique("").replaceAll("[^a-z]", "x");
        for (String[] rule : new String[][] {{"flag", flagWord}, {"hide", hideWord}}) {
            admin.post(
                            "/api/v1/admin/moderation/rules",
                            Map.of(
                                    "name",
                                    rule[0] + " " + rule[1],
                                    "kind",
                                    "keyword",
                                    "terms",
                                    List.of(rule[1]),
                                    "severity",
                                    "high",
                                    "action",
                                    rule[0]))
                    .expectStatus(201);
        }
        String key = CatalogFixtures.unique("flagged-");
        admin.post("/api/v1/workflows", Map.of("key", key, "definition", JSON.readTree("""
                        {"name": "Flagged", "trigger": {"type": "event", "event": "post.flagged"},
                         "steps": [{"id": "tell", "connector": "http",
                                    "input": {"url": "http://localhost:%d/hook", "body": {"id": "{{trigger.id}}"}}}]}""".formatted(HOOKS.port()))))
                .expectStatus(201);
        admin.post("/api/v1/workflows/" + key + "/enable", null).expectStatus(200);
        ApiClient author = catalog.customer();
        String post = author.post("/api/v1/posts", Map.of("text", "selling " + flagWord))
                .expectStatus(201)
                .json()
                .get("id")
                .asString();
        for (int i = 0; i < 4; i++) {
            author.patch("/api/v1/posts/" + post, Map.of("text", i % 2 == 0 ? "just a mug " + i : flagWord + " " + i))
                    .expectStatus(200);
        }
        awaitRuns(key, post, 1);

        author.patch("/api/v1/posts/" + post, Map.of("text", "now " + hideWord)).expectStatus(200);
        author.patch("/api/v1/posts/" + post, Map.of("text", "again " + hideWord))
                .expectStatus(200);
        awaitRuns(key, post, 2);

        String entry = jdbc.sql("select id::text from moderation_entries where item_id = ?::uuid")
                .param(post)
                .query(String.class)
                .single();
        admin.post("/api/v1/admin/moderation/items/" + entry + "/restore", Map.of("reason", "fine"))
                .expectStatus(200);
        author.patch("/api/v1/posts/" + post, Map.of("text", "once more " + flagWord))
                .expectStatus(200);
        awaitRuns(key, post, 3);
    }

    /** Waits for the workflow's runs about the post to reach {@code count}, and checks that no more come. */
    private void awaitRuns(String key, String post, long count) {
        java.util.function.Supplier<Long> runs =
                () -> jdbc.sql("""
                        select count(*) from automation_runs r join automation_workflows w on w.id = r.workflow_id
                        where w.key = ? and r.trigger_type = 'event' and r.payload ->> 'id' = ?""").params(key, post).query(Long.class).single();
        await().atMost(Duration.ofSeconds(20)).until(() -> runs.get() >= count);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> runs.get() == count);
    }

    @Test
    void stockLowStartsOncePerDipAndAgainAfterARestock() {
        CatalogFixtures catalog = new CatalogFixtures(port);
        ApiClient admin = catalog.admin();
        String key = CatalogFixtures.unique("low-");
        String hook = "/" + key;
        HOOKS.stubFor(post(urlEqualTo(hook)).willReturn(aResponse().withStatus(200)));
        admin.post("/api/v1/workflows", Map.of("key", key, "definition", JSON.readTree("""
                        {"name": "Low stock", "trigger": {"type": "event", "event": "stock.low"},
                         "steps": [{"id": "buyer", "connector": "http",
                                    "input": {"url": "http://localhost:%d%s", "body": {"left": "{{trigger.available}}"}}}]}""".formatted(
                                HOOKS.port(), hook))))
                .expectStatus(201);
        admin.post("/api/v1/workflows/" + key + "/enable", null).expectStatus(200);
        JsonNode product = catalog.createProduct(
                admin,
                CatalogFixtures.product(
                        CatalogFixtures.unique("Kettle "),
                        catalog.category(CatalogFixtures.unique("Low "), null),
                        List.of(CatalogFixtures.variant("9.00", 20))));
        String variant = "/api/v1/admin/products/" + product.get("id").asString() + "/variants/"
                + product.get("variants").get(0).get("id").asString();

        for (int stock : new int[] {3, 2, 1, 40, 4}) {
            admin.patch(variant, Map.of("stock", stock)).expectStatus(200);
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> HOOKS.verify(2, postRequestedFor(urlEqualTo(hook))));
        HOOKS.verify(postRequestedFor(urlEqualTo(hook)).withRequestBody(equalToJson("{\"left\": 3}")));
        HOOKS.verify(postRequestedFor(urlEqualTo(hook)).withRequestBody(equalToJson("{\"left\": 4}")));
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> HOOKS.verify(2, postRequestedFor(urlEqualTo(hook))));
    }
}
