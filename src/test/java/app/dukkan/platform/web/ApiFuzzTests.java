package app.dukkan.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.platform.web.ApiFuzzer.Identity;
import app.dukkan.platform.web.ApiFuzzer.Operation;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.Shop;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Hostile input to every operation the API describes, as a stranger, a customer and an operator:
 * none may answer 5xx, take longer than a second, or echo its input into a long error. Run it alone
 * with {@code ./mvnw test -Dtest=ApiFuzzTests}; it prints every finding.
 */
@DukkanTest
class ApiFuzzTests {

    private static final org.slf4j.Logger log = LoggerFactory.getLogger(ApiFuzzTests.class);
    private static final Duration LIMIT = Duration.ofSeconds(1);

    @LocalServerPort
    int port;

    @Test
    void noOperationFailsOrStallsOnHostileInput() {
        Shop shop = new Shop(port);
        Shop.Variant variant = shop.product("12.50", 50);
        ApiClient admin = shop.admin();
        ApiClient customer = shop.customer();
        customer.post("/api/v1/cart", Map.of("variant_id", variant.id(), "quantity", 1))
                .expectStatus(200);

        JsonNode schema = admin.get("/api/schema").expectStatus(200).json();
        Map<String, String> known = Map.of(
                "slug", variant.productSlug(),
                "variant_id", variant.id(),
                "product_id", variant.productId());
        ApiFuzzer fuzzer = new ApiFuzzer("http://localhost:" + port, schema, LIMIT, known);

        // signing out ends the identities' sessions: those operations go last
        List<Operation> operations = fuzzer.operations().stream()
                .sorted(Comparator.comparing(operation -> operation.path().contains("logout")))
                .toList();
        assertThat(operations).hasSizeGreaterThan(50);
        Identity stranger = identity("stranger", shop.guest());
        Identity shopper = identity("customer", customer);
        Identity operator = identity("admin", admin);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(logged);
        try {
            for (Operation operation : operations) {
                fuzzer.fuzz(operation, stranger, false);
                fuzzer.fuzz(operation, shopper, false);
                fuzzer.fuzz(operation, operator, true);
            }
        } finally {
            root.detachAppender(logged);
        }

        log.info("Sent {} hostile requests to {} operations", fuzzer.requests(), operations.size());
        assertThat(fuzzer.findings())
                .as(() -> fuzzer.findings().size() + " findings:\n"
                        + fuzzer.findings().stream().map(Object::toString).collect(Collectors.joining("\n")))
                .isEmpty();
        // a client's mistake is no server fault: nothing for an operator to look at, no log to flood
        assertThat(logged.list.stream().filter(event -> event.getLevel().isGreaterOrEqual(Level.ERROR)))
                .as("errors logged while fuzzing")
                .extracting(event -> event.getLoggerName() + ": " + event.getFormattedMessage())
                .isEmpty();
    }

    /** The client's session and CSRF cookies, taken over by the fuzzer. */
    private static Identity identity(String name, ApiClient client) {
        client.get("/api/v1/auth/csrf").expectStatus(200);
        Map<String, String> cookies = new LinkedHashMap<>();
        for (String cookie : List.of("DUKKAN_SESSION", "DUKKAN_CART", "XSRF-TOKEN")) {
            String value = client.cookie(cookie);
            if (value != null) {
                cookies.put(cookie, value);
            }
        }
        return new Identity(name, cookies, cookies.get("XSRF-TOKEN"));
    }
}
