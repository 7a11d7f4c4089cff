package app.dukkan.operations;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.DukkanApplication;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The backup, restore, restore-drill and smoke commands as an operator runs them. */
class OperationsCommandsTests {

    @Test
    void theRestoreDrillBacksUpRestoresStartsAShopOnTheCopyAndSmokeChecksIt() throws IOException {
        Path files = Files.createTempDirectory("dukkan-drill");
        Result drill = run(
                "restore-drill",
                "--spring.profiles.active=test",
                "--dukkan.seed.products=12",
                "--dukkan.backup.key=" + key(),
                "--dukkan.storage.directory=" + files);
        assertThat(drill.err()).isEmpty();
        assertThat(drill.code()).as(drill.out()).hasValue(0);
        assertThat(drill.out())
                .contains("backup dukkan-", "restored dukkan-", "row counts and migrations checked")
                .containsPattern("PASSED +live")
                .containsPattern("PASSED +listing")
                .containsPattern("PASSED +product")
                .containsPattern("PASSED +cart")
                .containsPattern(
                        "drill: backup [0-9.]+ s, restore [0-9.]+ s, shop start and smoke [0-9.]+ s, total [0-9.]+ s");
        assertThat(drill.out()).doesNotContain("FAILED");
    }

    @Test
    void aBackupWithoutAKeyFailsSayingHowToMakeOne() {
        Result backup = run("backup", "--spring.profiles.active=test");
        assertThat(backup.code()).hasValue(1);
        assertThat(backup.err()).contains("DUKKAN_BACKUP_KEY", "openssl rand -base64 32");
    }

    @Test
    void aRestoreNeedsABackupNameAndATarget() {
        assertThat(run("restore").code()).hasValue(2);
        assertThat(run("restore", "--target-url=jdbc:postgresql://localhost/x").code())
                .hasValue(2);
        Result noTarget = run("restore", "latest");
        assertThat(noTarget.code()).hasValue(2);
        assertThat(noTarget.err()).contains("--target-url");
        assertThat(run("restore", "latest", "--target-url=mysql://x").code()).hasValue(2);
        Result noKey =
                run("restore", "latest", "--target-url=jdbc:postgresql://127.0.0.1:1/none", "--dukkan.backup.key=");
        assertThat(noKey.code()).hasValue(1);
        assertThat(noKey.err()).contains("restore failed");
    }

    @Test
    void smokeRefusesBadArgumentsAndFailsAgainstAShopThatDoesNotAnswer() throws IOException {
        assertThat(run("smoke").code()).hasValue(2);
        assertThat(run("smoke", "--url=ftp://shop").code()).hasValue(2);
        assertThat(run("smoke", "--url=http://localhost", "--p95-ms=-1").code()).hasValue(2);
        assertThat(run("smoke", "--url=http://localhost", "--p95-ms=fast").code())
                .hasValue(2);
        assertThat(run("smoke", "--url=http://localhost", "--max-error-rate=2").code())
                .hasValue(2);
        assertThat(run("smoke", "--url=http://localhost", "--verbose").code()).hasValue(2);
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Result down = run("smoke", "--url=http://127.0.0.1:" + closed, "--timeout-ms=2000");
        assertThat(down.code()).hasValue(1);
        assertThat(down.out()).containsPattern("FAILED +live").contains("smoke checks FAILED");
    }

    @Test
    void smokeChecksAShopBehindAPathPrefixUnderThatPrefix() throws IOException {
        List<String> asked = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            asked.add(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        try {
            Result result =
                    run("smoke", "--url=http://127.0.0.1:" + server.getAddress().getPort() + "/shop/");

            assertThat(result.code()).hasValue(1);
            assertThat(asked).isNotEmpty().allMatch(path -> path.startsWith("/shop/") && !path.startsWith("/shop//"));
        } finally {
            server.stop(0);
        }
    }

    /**
     * A proxy's HTML page where the listing should be fails the smoke check, and a test-provider
     * probe answered by anything but the provider's own refusal (here a proxy's 502) starts no
     * purchase: the shop may be taking real money.
     */
    @Test
    void smokeFailsOnAPageInsteadOfJsonAndBuysNothingUnlessTheTestProviderAnswers() throws IOException {
        List<String> asked = new CopyOnWriteArrayList<>();
        Map<String, String> answers = new ConcurrentHashMap<>(Map.of(
                "/livez", "{}",
                "/readyz", "{}",
                "/healthz", "{\"version\":\"test\"}",
                "/health/metrics", "{\"routes\":[],\"totals\":{\"error_rate\":0}}",
                "/api/v1/products", "<html>a proxy's page</html>"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            asked.add(path);
            String answer = answers.get(path);
            int status = answer != null ? 200 : path.equals("/api/v1/payments/test/confirm") ? 502 : 404;
            byte[] body = (answer == null ? "" : answer).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders()
                    .add("Content-Type", answer != null && answer.startsWith("{") ? "application/json" : "text/html");
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        String url = "--url=http://127.0.0.1:" + server.getAddress().getPort();
        try {
            Result page = run("smoke", url);
            assertThat(page.code()).hasValue(1);
            assertThat(page.out()).containsPattern("FAILED +listing +\\d+ ms +the answer is not JSON");

            answers.put("/api/v1/products", "{\"items\":[{\"slug\":\"mug\",\"in_stock\":true}]}");
            answers.put("/api/v1/products/mug", "{\"variants\":[{\"id\":\"v1\",\"stock\":3}]}");
            answers.put("/api/v1/auth/csrf", "{}");
            answers.put("/api/v1/cart", "{}");
            Result proxied = run("smoke", url);
            assertThat(proxied.code()).hasValue(0);
            assertThat(proxied.out()).containsPattern("SKIPPED +purchase");
            assertThat(asked).doesNotContain("/api/v1/checkout/init", "/api/v1/payments/intent");
        } finally {
            server.stop(0);
        }
    }

    private static String key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private record Result(OptionalInt code, String out, String err) {}

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        OptionalInt code = DukkanApplication.run(
                List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
