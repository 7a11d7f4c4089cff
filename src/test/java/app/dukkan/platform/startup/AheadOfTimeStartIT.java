package app.dukkan.platform.startup;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.DukkanApplication;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar (after {@code package}: failsafe) started with the settings its context was
 * processed for serves the shop from that context: pages, the API and its description, probes. The
 * build's processing froze the beans, so this is the test that a bean the processing cannot
 * reproduce (one registered at run time, a condition read too late) breaks.
 */
class AheadOfTimeStartIT {

    private static final Pattern READY = Pattern.compile("Dukkan is ready\\. Shop: http://localhost:(\\d+)/");

    @TempDir
    Path directory;

    @Test
    void thePackagedJarServesTheShopFromTheContextProcessedAheadOfTime() throws Exception {
        Path jar = Path.of("target/dukkan.jar").toAbsolutePath();
        Path log = directory.resolve("console.log");
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        jar.toString(),
                        "--server.port=0",
                        "--dukkan.seed.demo-products=6",
                        "--logging.structured.format.console=")
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // the settings the build processed the context for (pom.xml: dukkan.aot.settings)
        builder.environment().put("DUKKAN_PAYMENTS_TEST_PROVIDER_ENABLED", "true");
        Process shop = builder.start();
        try {
            String base = "http://localhost:" + awaitReady(shop, log);
            String console = Files.readString(log);
            assertThat(console)
                    .contains("Starting from the application context processed ahead of time at build")
                    .contains("Starting AOT-processed DukkanApplication");

            HttpClient http = HttpClient.newHttpClient();
            for (String path : List.of("/readyz", "/", "/products", "/login", "/api/v1/products", "/api/schema")) {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(path).isEqualTo(200);
            }
            // a purchase with the built-in provider, and the rest of the smoke command's checks (cold
            // JVM: generous latency thresholds)
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            OptionalInt smoke = DukkanApplication.run(
                    List.of("smoke", "--url=" + base, "--p95-ms=10000", "--timeout-ms=30000"),
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(out, true, StandardCharsets.UTF_8));
            assertThat(smoke).as(out.toString(StandardCharsets.UTF_8)).hasValue(0);
            assertThat(out.toString(StandardCharsets.UTF_8)).containsPattern("PASSED +purchase");
            assertThat(Files.readString(log)).doesNotContain(" ERROR ");
        } finally {
            shop.destroy();
            if (!shop.waitFor(60, TimeUnit.SECONDS)) {
                shop.destroyForcibly();
            }
        }
    }

    private static String awaitReady(Process shop, Path log) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            Matcher ready = READY.matcher(Files.readString(log));
            if (ready.find()) {
                return ready.group(1);
            }
            assertThat(shop.isAlive())
                    .as("the shop stopped:%n%s", Files.readString(log))
                    .isTrue();
            Thread.sleep(200);
        }
        throw new AssertionError("the shop was not ready within 3 minutes:\n" + Files.readString(log));
    }
}
