package app.dukkan.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.DukkanApplication;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.Shop;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The shop killed with SIGKILL while it sells, then started once more on the same data directory,
 * as a supervisor restarts it. Each shop is a JVM of its own on the test class path, with an
 * embedded PostgreSQL that is not ephemeral (durable, like {@code var/postgres}).
 */
class KilledShopRestartTests {

    /** Generous: a shop's first start (fresh database, cold JVM) on a busy two-core build machine. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    Path work;

    private final List<Process> shops = new ArrayList<>();

    @AfterEach
    void stopShopsAndTheirDatabase() throws Exception {
        for (Process shop : shops) {
            shop.destroy();
            if (!shop.waitFor(30, TimeUnit.SECONDS)) {
                shop.destroyForcibly().waitFor();
            }
        }
        // a server that a failed run left behind
        Path pidFile = work.resolve("postgres/postmaster.pid");
        if (Files.exists(pidFile)) {
            ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).strip()))
                    .ifPresent(server -> {
                        server.destroy();
                        server.onExit().orTimeout(30, TimeUnit.SECONDS).join();
                    });
        }
    }

    @Test
    void firstRestartAfterAKillSucceedsWithThePaidOrderAndConsistentStock() throws Exception {
        Path data = work.resolve("postgres");
        int firstPort = freePort();
        Process first = start(data, firstPort, "first");
        Shop shop = new Shop(firstPort);
        Shop.Variant variant = shop.product("12.50", 5);
        String number = shop.buy(shop.guest(), variant, 2, "paid@example.com")
                .get("number")
                .asString();
        // another guest's started payment holds one more unit
        ApiClient holder = shop.guest();
        shop.addToCart(holder, variant, 1);
        String secret = shop.clientSecret(
                holder, shop.draft(holder, "held@example.com", null).get("id").asString());
        assertThat(shop.available(variant)).isEqualTo(2);

        first.destroyForcibly().waitFor();
        long orphan = postmasterPid(data);
        assertThat(ProcessHandle.of(orphan).filter(ProcessHandle::isAlive))
                .as("the killed shop's PostgreSQL still runs")
                .isPresent();

        int secondPort = freePort();
        Process second = start(data, secondPort, "second");
        assertThat(Files.readString(log("second")))
                .contains("PostgreSQL (pid " + orphan + ") is still running on " + data)
                .contains("Stopped the PostgreSQL (pid " + orphan + ")");
        assertThat(ProcessHandle.of(orphan).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(second.isAlive()).isTrue();

        Shop restarted = new Shop(secondPort);
        assertThat(orders(restarted, "paid@example.com")).containsExactly(number + " paid");
        assertThat(restarted.available(variant)).isEqualTo(2);
        assertThat(stockAndHolds(data, variant))
                .as("stock, reserved, units held: the paid order took 2 of 5, the started payment holds 1")
                .containsExactly(3, 1, 1);

        // the payment started before the crash still completes, once
        restarted.confirm(restarted.guest(), secret, Shop.SUCCESS_CARD);
        await().atMost(Duration.ofSeconds(15))
                .until(
                        () -> orders(restarted, "held@example.com"),
                        list -> list.size() == 1 && list.get(0).endsWith(" paid"));
        assertThat(restarted.available(variant)).isEqualTo(2);
        assertThat(stockAndHolds(data, variant)).containsExactly(2, 0, 0);
    }

    /** Starts a shop JVM and waits until it is ready; fails with its log if it exits instead. */
    private Process start(Path data, int port, String name) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process shop = new ProcessBuilder(
                        java.toString(),
                        "-Xmx512m",
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        System.getProperty("java.class.path"),
                        DukkanApplication.class.getName(),
                        "--spring.profiles.active=test",
                        "--server.port=" + port,
                        "--dukkan.embedded-postgres.data-directory=" + data,
                        "--dukkan.embedded-postgres.ephemeral=false",
                        "--dukkan.embedded-postgres.pool-size=4",
                        "--dukkan.storage.directory=" + work.resolve("files"))
                .redirectErrorStream(true)
                .redirectOutput(log(name).toFile())
                .start();
        shops.add(shop);
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/readyz"))
                .timeout(Duration.ofSeconds(2))
                .build();
        try {
            await().atMost(START_TIMEOUT)
                    .pollInterval(Duration.ofMillis(500))
                    .failFast(() -> !shop.isAlive())
                    .ignoreExceptions()
                    .until(() -> http.send(ready, HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 200);
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            throw new AssertionError(
                    "the " + name + " shop " + (shop.isAlive() ? "did not become ready" : "exited while starting")
                            + "; its log ends with:\n" + tail(name),
                    e);
        }
        return shop;
    }

    private Path log(String name) {
        return work.resolve(name + ".log");
    }

    private String tail(String name) throws IOException {
        List<String> lines =
                Files.readString(log(name), StandardCharsets.UTF_8).lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static List<String> orders(Shop shop, String email) {
        List<String> orders = new ArrayList<>();
        for (JsonNode order : shop.admin()
                .get("/api/v1/admin/orders?email=" + email)
                .expectStatus(200)
                .json()
                .get("items")) {
            orders.add(
                    order.get("number").asString() + " " + order.get("status").asString());
        }
        return orders;
    }

    /** The variant's stock and reserved units, and the units its holds add up to. */
    private static List<Integer> stockAndHolds(Path data, Shop.Variant variant) throws IOException, SQLException {
        // postmaster.pid line 4: the server's port
        int port = Integer.parseInt(
                Files.readAllLines(data.resolve("postmaster.pid")).get(3).strip());
        try (Connection connection =
                        DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/dukkan", "postgres", "");
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("""
                        select stock, reserved,
                               (select coalesce(sum(quantity), 0) from stock_reservations where variant_id = v.id)
                        from variants v where id = '%s'::uuid""".formatted(variant.id()))) {
            row.next();
            return List.of(row.getInt(1), row.getInt(2), row.getInt(3));
        }
    }

    private static long postmasterPid(Path data) throws IOException {
        return Long.parseLong(
                Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
