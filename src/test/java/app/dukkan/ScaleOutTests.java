package app.dukkan;

import static app.dukkan.testing.CatalogFixtures.product;
import static app.dukkan.testing.CatalogFixtures.unique;
import static app.dukkan.testing.CatalogFixtures.variant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.platform.Feature;
import app.dukkan.platform.FeatureFlags;
import app.dukkan.platform.Jobs;
import app.dukkan.platform.jobs.TestJobs;
import app.dukkan.storefront.live.EventStream;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.PageClient;
import app.dukkan.testing.Shop;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Two instances of the shop, each serving pages and running jobs, on one PostgreSQL: what a
 * shopper, an operator and the jobs see must be one shop, whichever instance a load balancer picks.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutTests {

    /** Both instances' settings: a low sign-in limit to show it is shared, and a job every second. */
    private static final List<String> SETTINGS = List.of(
            "--spring.profiles.active=test",
            "--server.port=0",
            "--dukkan.roles=web,worker",
            "--dukkan.identity.sign-in-limits.per-ip=6",
            "--dukkan.test.tick=true");

    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;
    private static int firstPort;
    private static int secondPort;
    private static CatalogFixtures fixtures;
    private static ApiClient admin;
    private static String category;

    @BeforeAll
    static void startTwoInstances() throws SQLException {
        first = SpringApplication.run(DukkanApplication.class, SETTINGS.toArray(String[]::new));
        String url;
        try (Connection connection = first.getBean(DataSource.class).getConnection()) {
            url = connection.getMetaData().getURL();
        }
        List<String> secondSettings = new ArrayList<>(SETTINGS);
        secondSettings.add("--spring.datasource.url=" + url);
        secondSettings.add("--spring.datasource.username=postgres");
        second = SpringApplication.run(DukkanApplication.class, secondSettings.toArray(String[]::new));
        firstPort = port(first);
        secondPort = port(second);
        fixtures = new CatalogFixtures(firstPort);
        admin = fixtures.admin();
        category = fixtures.category(unique("Scale"), null);
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
    }

    @Test
    @Order(1)
    void aSessionFromOneInstanceIsTheSessionOnTheOther() {
        String email = unique("both") + "@example.com";
        ApiClient onFirst =
                new ApiClient(firstPort).register(email, "Correct-Horse-9").login(email, "Correct-Horse-9");
        ApiClient onSecond = onFirst.on(secondPort);

        assertThat(onSecond.get("/api/v1/me")
                        .expectStatus(200)
                        .json()
                        .get("email")
                        .asString())
                .isEqualTo(email);
        onSecond.post("/api/v1/auth/logout", null).expectStatus(204);
        assertThat(onFirst.get("/api/v1/me").status())
                .as("signed out everywhere")
                .isEqualTo(401);
    }

    @Test
    void aCartFilledOnOneInstanceIsTheCartOnTheOther() {
        JsonNode lamp = fixtures.createProduct(
                admin, product(unique("Lamp"), category, List.of(variant("30.00", 9), variant("35.00", 9))));
        ApiClient shopper = new ApiClient(firstPort);
        shopper.post("/api/v1/cart", Map.of("variant_id", variantId(lamp, 0), "quantity", 2))
                .expectStatus(200);
        ApiClient sameShopper = shopper.on(secondPort);
        assertThat(sameShopper.get("/api/v1/cart").expectStatus(200).json().get("lines"))
                .hasSize(1);
        sameShopper
                .post("/api/v1/cart", Map.of("variant_id", variantId(lamp, 1), "quantity", 1))
                .expectStatus(200);
        assertThat(shopper.get("/api/v1/cart").expectStatus(200).json().get("lines"))
                .hasSize(2);
    }

    /** Last: it uses up this address's sign-in attempts. */
    @Test
    @Order(Integer.MAX_VALUE)
    void aRateLimitCountsRequestsToBothInstances() {
        List<ApiClient> instances = List.of(new ApiClient(firstPort), new ApiClient(secondPort));
        Map<String, String> wrong =
                Map.of("email", "nobody-" + unique("x") + "@example.com", "password", "wrong-password-1");
        int attempt = 0;
        ApiClient.Response answer;
        do {
            answer = instances.get(attempt++ % 2).post("/api/v1/auth/login", wrong);
        } while (answer.status() == 401 && attempt < 20);
        assertThat(answer.status()).isEqualTo(429);
        assertThat(answer.header("Retry-After")).isNotBlank();
        // 6 attempts per address: shared, the 7th attempt over both instances (fewer after the
        // admin's and the session test's sign-ins) is refused; counted per instance it would be the 13th
        assertThat(attempt).isBetween(3, 7);
        assertThat(instances.get(attempt % 2).post("/api/v1/auth/login", wrong).status())
                .as("the other instance refuses too")
                .isEqualTo(429);
    }

    @Test
    void aStockChangeOnOneInstanceReachesTheOthersLiveStream() throws Exception {
        JsonNode kettle =
                fixtures.createProduct(admin, product(unique("Kettle"), category, List.of(variant("20.00", 4))));
        try (EventStream stream = EventStream.open(
                secondPort, "/inventory/stream?product=" + kettle.get("slug").asString())) {
            assertThat(stream.status()).isEqualTo(200);
            admin.patch(
                            "/api/v1/admin/products/" + kettle.get("id").asString() + "/variants/"
                                    + variantId(kettle, 0),
                            Map.of("stock", 0))
                    .expectStatus(200);
            EventStream.Event event = stream.next(Duration.ofSeconds(3));
            assertThat(event).as("an event on the other instance").isNotNull();
            assertThat(event.name()).isEqualTo("stock");
        }
    }

    @Test
    void aPriceChangeOnOneInstanceIsNotHiddenByTheOthersCache() {
        JsonNode vase = fixtures.createProduct(admin, product(unique("Vase"), category, List.of(variant("12.00", 5))));
        String path = "/api/v1/products/" + vase.get("slug").asString();
        ApiClient shopperOnSecond = new ApiClient(secondPort);
        assertThat(price(shopperOnSecond.get(path).expectStatus(200).json())).isEqualByComparingTo("12.00");

        admin.patch(
                        "/api/v1/admin/products/" + vase.get("id").asString() + "/variants/" + variantId(vase, 0),
                        Map.of("price", Map.of("amount", new BigDecimal("14.50"), "currency", "EUR")))
                .expectStatus(200);

        await().atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(price(
                                shopperOnSecond.get(path).expectStatus(200).json()))
                        .isEqualByComparingTo("14.50"));
    }

    @Test
    void aFlagSwitchedOnOneInstanceIsSwitchedOnTheOther() {
        FeatureFlags secondFlags = second.getBean(FeatureFlags.class);
        assertThat(secondFlags.isOn(Feature.PWA)).isTrue();
        try {
            admin.put("/api/v1/admin/flags/pwa", Map.of("enabled", false)).expectStatus(200);
            await().atMost(Duration.ofSeconds(2)).until(() -> !secondFlags.isOn(Feature.PWA));
        } finally {
            admin.put("/api/v1/admin/flags/pwa", Map.of("enabled", true)).expectStatus(200);
        }
        await().atMost(Duration.ofSeconds(2)).until(() -> secondFlags.isOn(Feature.PWA));
    }

    @Test
    void aJobScheduledOnEitherInstanceRunsOnceAndARecurringTaskOncePerTurn() {
        String batch = unique("once");
        Jobs firstJobs = first.getBean(Jobs.class);
        Jobs secondJobs = second.getBean(Jobs.class);
        List<String> keys =
                IntStream.range(0, 60).mapToObj(i -> batch + "-" + i).toList();
        for (int i = 0; i < keys.size(); i++) {
            (i % 2 == 0 ? firstJobs : secondJobs)
                    .schedule(TestJobs.COUNTED, keys.get(i), new TestJobs.Work(keys.get(i)));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> keys.stream().allMatch(TestJobs.EFFECTS::contains));
        // both workers poll: any run twice would show here
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .until(() ->
                        keys.stream().allMatch(key -> TestJobs.RUNS.get(key).get() == 1));

        JdbcClient jdbc = first.getBean(JdbcClient.class);
        assertThat(jdbc.sql("""
                        select task_name from scheduled_tasks where task_instance = 'recurring'
                        group by task_name having count(*) > 1""").query(String.class).list())
                .as("one row per recurring task, whichever instance registered it")
                .isEmpty();
        Instant since = Instant.now();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> TestJobs.TICKS.stream()
                                .filter(tick -> tick.isAfter(since))
                                .count()
                        >= 4);
        List<Instant> ticks =
                TestJobs.TICKS.stream().filter(tick -> tick.isAfter(since)).toList();
        assertThat(new HashSet<>(ticks)).as("no turn ran twice").hasSameSizeAs(ticks);
    }

    @Test
    void ordersAndProductViewsThroughBothInstancesAddUpToTheSameFiguresOnEach() {
        ApiClient adminOnSecond = admin.on(secondPort);
        JsonNode funnelBefore =
                admin.get("/api/v1/admin/figures/funnel").expectStatus(200).json();
        JsonNode summaryBefore =
                admin.get("/api/v1/admin/figures/summary").expectStatus(200).json();
        JsonNode clock =
                fixtures.createProduct(admin, product(unique("Clock"), category, List.of(variant("25.00", 10))));
        String slug = clock.get("slug").asString();
        Shop.Variant variant = new Shop.Variant(
                variantId(clock, 0),
                clock.get("variants").get(0).get("sku").asString(),
                clock.get("id").asString(),
                slug);
        for (int port : new int[] {firstPort, firstPort, firstPort, secondPort, secondPort}) {
            new PageClient(port).get("/products/" + slug).expectStatus(200);
        }
        // guests: the sign-in limit these instances share is low (aRateLimitCountsRequestsToBothInstances)
        long paid = 0;
        for (int port : new int[] {firstPort, secondPort}) {
            Shop shop = new Shop(port);
            JsonNode order =
                    shop.buy(shop.guest(), variant, port == firstPort ? 1 : 2, unique("guest") + "@example.com");
            paid += order.get("totals")
                    .get("total")
                    .get("amount")
                    .decimalValue()
                    .movePointRight(2)
                    .longValueExact();
        }
        long expectedViews = step(funnelBefore, "views") + 5;
        long expectedOrders = summaryBefore.get("orders").asLong() + 2;
        long expectedRevenue = summaryBefore.get("revenue_minor").asLong() + paid;

        // each instance writes the views it counted on its timer (dukkan.catalog.views.flush-interval, 5 s)
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    for (ApiClient on : List.of(admin, adminOnSecond)) {
                        JsonNode funnel = on.get("/api/v1/admin/figures/funnel")
                                .expectStatus(200)
                                .json();
                        assertThat(step(funnel, "views")).isEqualTo(expectedViews);
                        assertThat(step(funnel, "orders")).isEqualTo(expectedOrders);
                        JsonNode summary = on.get("/api/v1/admin/figures/summary")
                                .expectStatus(200)
                                .json();
                        assertThat(summary.get("orders").asLong()).isEqualTo(expectedOrders);
                        assertThat(summary.get("revenue_minor").asLong()).isEqualTo(expectedRevenue);
                    }
                    for (String figures : List.of("funnel", "series")) {
                        String path = "/api/v1/admin/figures/" + figures;
                        assertThat(adminOnSecond.get(path).expectStatus(200).json())
                                .as(figures)
                                .isEqualTo(admin.get(path).expectStatus(200).json());
                    }
                });
    }

    /** The count of a funnel's step. */
    private static long step(JsonNode funnel, String name) {
        for (JsonNode step : funnel.get("steps")) {
            if (step.get("step").asString().equals(name)) {
                return step.get("count").asLong();
            }
        }
        throw new AssertionError("no step " + name + " in " + funnel);
    }

    private static BigDecimal price(JsonNode product) {
        return product.get("price").get("min").get("amount").decimalValue();
    }

    private static String variantId(JsonNode product, int index) {
        return product.get("variants").get(index).get("id").asString();
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
