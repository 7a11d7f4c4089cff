package app.dukkan.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads samples from {@code /actuator/prometheus} as a scraper does: with an admin's key of scope
 * {@code metrics:read}, made once per shop (the actuator shares the shop's port in tests).
 */
public final class Prometheus {

    private static final Map<Integer, String> KEYS = new ConcurrentHashMap<>();

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;
    private final URI endpoint;

    public Prometheus(int port) {
        this.port = port;
        this.endpoint = URI.create("http://localhost:" + port + "/actuator/prometheus");
    }

    /** A key that may scrape the shop on that port. */
    public static String key(int port) {
        return KEYS.computeIfAbsent(
                port,
                shop -> new CatalogFixtures(shop)
                        .admin()
                        .post("/api/v1/me/api-keys", Map.of("name", "prometheus", "scopes", List.of("metrics:read")))
                        .expectStatus(201)
                        .json()
                        .get("secret")
                        .asString());
    }

    /** The scrape's text. */
    public String scrape() {
        try {
            HttpResponse<String> response = send();
            if (response.statusCode() == 401) {
                // a key of an earlier shop that had this port
                KEYS.remove(port);
                response = send();
            }
            if (response.statusCode() != 200) {
                throw new AssertionError("scrape answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send() throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(endpoint)
                        .header("Accept", "text/plain")
                        .header("Authorization", "Bearer " + key(port))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The sum of the samples of {@code name} whose labels include {@code labels} (0 when there is none). */
    public double value(String name, Map<String, String> labels) {
        return value(scrape(), name, labels);
    }

    public double value(String name) {
        return value(name, Map.of());
    }

    public static double value(String scrape, String name, Map<String, String> labels) {
        double sum = 0;
        for (String line : scrape.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches() || !sample.group(1).equals(name)) {
                continue;
            }
            Map<String, String> found = new LinkedHashMap<>();
            if (sample.group(3) != null) {
                Matcher label = LABEL.matcher(sample.group(3));
                while (label.find()) {
                    found.put(label.group(1), label.group(2));
                }
            }
            if (found.entrySet().containsAll(labels.entrySet())) {
                sum += Double.parseDouble(sample.group(4));
            }
        }
        return sum;
    }
}
