package app.dukkan.resilience;

import static app.dukkan.testing.CatalogFixtures.product;
import static app.dukkan.testing.CatalogFixtures.unique;
import static app.dukkan.testing.CatalogFixtures.variant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.DukkanApplication;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.CuttableProxy;
import app.dukkan.testing.Probes;
import java.net.http.HttpClient;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Game day: the database goes away under a load of purchases (every connection dropped, new ones
 * refused, as in a restart) and comes back. The shop must say it is not ready meanwhile, recover by
 * itself, and lose nothing that was paid.
 */
class DatabaseOutageDrillTests {

    private static final Pattern URL = Pattern.compile("jdbc:postgresql://[^:/]+:(\\d+)/([^?]+).*");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    @Test
    void duringAnOutageTheShopIsUnreadyAfterItRecoversAloneAndEveryPaidPurchaseIsAnOrder() throws Exception {
        try (ConfigurableApplicationContext database =
                        DukkanApplication.startCommand(List.of("--spring.profiles.active=test"));
                CuttableProxy proxy = new CuttableProxy(port(database))) {
            String name = databaseName(database);
            try (ConfigurableApplicationContext shop = SpringApplication.run(
                    DukkanApplication.class,
                    "--spring.profiles.active=test",
                    "--server.port=0",
                    "--dukkan.roles=web,worker",
                    "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + name,
                    "--spring.datasource.username=postgres")) {
                int port = ((WebServerApplicationContext) shop).getWebServer().getPort();
                CatalogFixtures fixtures = new CatalogFixtures(port);
                ApiClient admin = fixtures.admin();
                String category = fixtures.category(unique("Drill"), null);
                String variant = fixtures.createProduct(
                                admin, product(unique("Mug"), category, List.of(variant("9.00", 10_000))))
                        .get("variants")
                        .get(0)
                        .get("id")
                        .asString();

                Load load = new Load(port, variant);
                load.start(3);
                await().atMost(Duration.ofSeconds(30)).until(() -> load.confirmed.size() >= 3);

                proxy.cut();
                List<Integer> readiness = new ArrayList<>();
                long outageEnds = System.nanoTime() + Duration.ofSeconds(6).toNanos();
                while (System.nanoTime() < outageEnds) {
                    readiness.add(Probes.status(port, "/readyz"));
                    assertThat(Probes.status(port, "/livez"))
                            .as("alive throughout")
                            .isEqualTo(200);
                    Thread.sleep(300);
                }
                int paidBeforeRecovery = load.confirmed.size();
                proxy.resume();

                assertThat(readiness).as("unready while the database is away").contains(503);
                await().atMost(Duration.ofSeconds(60)).until(() -> Probes.status(port, "/readyz") == 200);
                await().atMost(Duration.ofSeconds(60))
                        .alias("purchases go through again, without a restart")
                        .until(() -> load.confirmed.size() >= paidBeforeRecovery + 3);
                load.stop();
                assertThat(load.failures)
                        .as("a lost database answers 503 (retry), never 500")
                        .noneMatch(failure -> failure.contains("but got 500"));

                JdbcClient jdbc = shop.getBean(JdbcClient.class);
                // a payment job the outage cut off mid-run stays picked until the scheduler declares
                // its run dead (missed heartbeats: 2 minutes), then runs again
                await().atMost(Duration.ofSeconds(180))
                        .alias("every payment the provider confirmed became a paid order")
                        .until(() ->
                                jdbc.sql("select count(*) from orders where status = 'paid' and id::text in (:ids)")
                                                .param("ids", List.copyOf(load.confirmed))
                                                .query(Long.class)
                                                .single()
                                        == load.confirmed.size());
                assertThat(jdbc.sql("""
                                select count(*) from payments p
                                where p.status = 'succeeded'
                                  and not exists (select 1 from orders o where o.id::text = p.reference and o.number is not null)""").query(Long.class).single())
                        .as("no money taken without an order")
                        .isZero();
                assertThat(jdbc.sql("select count(*) from orders where number is not null")
                                .query(Long.class)
                                .single())
                        .isGreaterThanOrEqualTo(load.confirmed.size());
            }
        }
    }

    /** Shoppers buying in a loop: csrf, cart, checkout, payment intent, test card. */
    private static final class Load {

        final Set<String> confirmed = ConcurrentHashMap.newKeySet();
        final List<String> failures = new CopyOnWriteArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ExecutorService shoppers = Executors.newCachedThreadPool();
        private final int port;
        private final String variant;

        Load(int port, String variant) {
            this.port = port;
            this.variant = variant;
        }

        void start(int count) {
            for (int i = 0; i < count; i++) {
                shoppers.submit(() -> {
                    while (running.get()) {
                        try {
                            buy();
                        } catch (RuntimeException | AssertionError e) {
                            // an answer the outage spoiled: this shopper starts over
                            failures.add(String.valueOf(e.getMessage()));
                        }
                    }
                });
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            shoppers.shutdown();
            assertThat(shoppers.awaitTermination(90, TimeUnit.SECONDS)).isTrue();
        }

        private void buy() {
            ApiClient shopper = new ApiClient(port);
            shopper.post("/api/v1/cart", Map.of("variant_id", variant, "quantity", 1))
                    .expectStatus(200);
            String draft = shopper.post(
                            "/api/v1/checkout/init",
                            Map.of(
                                    "address",
                                    Map.of(
                                            "name", "Drill Shopper",
                                            "line1", "Teststrasse 1",
                                            "city", "Berlin",
                                            "postal_code", "10115",
                                            "country", "DE"),
                                    "email",
                                    unique("drill") + "@example.com"))
                    .expectStatus(201)
                    .json()
                    .get("id")
                    .asString();
            String secret = shopper.post("/api/v1/payments/intent", Map.of("draft_id", draft))
                    .expectStatus(201)
                    .json()
                    .get("client_secret")
                    .asString();
            shopper.post(
                            "/api/v1/payments/test/confirm",
                            Map.of("client_secret", secret, "card_number", "4242424242424242"))
                    .expectStatus(200);
            // the provider took the money: the shop owes this shopper an order
            confirmed.add(draft);
        }
    }

    private static Matcher url(ConfigurableApplicationContext context) throws Exception {
        try (Connection connection = context.getBean(DataSource.class).getConnection()) {
            Matcher matcher = URL.matcher(connection.getMetaData().getURL());
            assertThat(matcher.matches()).isTrue();
            return matcher;
        }
    }

    private static int port(ConfigurableApplicationContext context) throws Exception {
        return Integer.parseInt(url(context).group(1));
    }

    private static String databaseName(ConfigurableApplicationContext context) throws Exception {
        return url(context).group(2);
    }
}
