package app.dukkan.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.Shop;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console log as production writes it (ECS JSON, production's levels, and once with DEBUG for
 * the shop's own code) while a customer signs up and buys: it carries trace ids and never the
 * customer's email, password, card number or session cookie.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestPropertySource(
        properties = {
            "logging.structured.format.console=ecs",
            "logging.level.root=INFO",
            "logging.level.app.dukkan=INFO",
            "management.tracing.sampling.probability=1.0"
        })
@ExtendWith(OutputCaptureExtension.class)
class LogPrivacyTests {

    static final String PASSWORD = "Correct-Horse-Battery-4711";

    @LocalServerPort
    int port;

    @Autowired
    LoggingSystem logging;

    @Autowired
    JdbcClient jdbc;

    /** Sign-up, cart, checkout and payment by card; returns what must not be logged. */
    private String[] purchase() {
        Shop shop = new Shop(port);
        Shop.Variant variant = shop.product("24.90", 5);
        String email = "log-" + UUID.randomUUID() + "@example.com";
        ApiClient customer = new ApiClient(port).register(email, PASSWORD).login(email, PASSWORD);
        shop.addToCart(customer, variant, 1);
        String draftId = shop.draft(customer, null, null).get("id").asString();
        shop.confirm(customer, shop.clientSecret(customer, draftId), Shop.SUCCESS_CARD);
        shop.awaitDraft(customer, draftId, "paid");
        // the mails and the receipt the purchase scheduled have run
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.sql("select count(*) from scheduled_tasks where task_name like 'mail-%'"
                                        + " or task_name like 'order-%'")
                                .query(Long.class)
                                .single()
                        == 0);
        String session = customer.cookie("DUKKAN_SESSION");
        assertThat(session).isNotBlank();
        return new String[] {email, PASSWORD, Shop.SUCCESS_CARD, "4242 4242 4242 4242", session};
    }

    private static void assertNoneLogged(CapturedOutput output, String[] secrets) {
        String log = output.getAll();
        for (String secret : secrets) {
            assertThat(log).as("the log holds %s", secret).doesNotContain(secret);
        }
        // the session cookie's value is the base64 of the session id: neither form may appear
        String sessionId = new String(java.util.Base64.getDecoder().decode(secrets[4]));
        assertThat(log).doesNotContain(sessionId);
    }

    @Test
    void aPurchaseLeavesNoPersonalDataOrSecretInTheLogAtProductionLevels(CapturedOutput output) {
        String[] secrets = purchase();
        // a failing request writes an error line, in JSON, with its trace
        new ApiClient(port).get("/test/failing/" + UUID.randomUUID()).expectStatus(500);

        assertNoneLogged(output, secrets);
        JsonNode error = Arrays.stream(output.getOut().split("\n"))
                .filter(line -> line.startsWith("{") && line.contains("Unexpected failure"))
                .map(line -> JsonMapper.builder().build().readTree(line))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no JSON error line in:\n" + output.getOut()));
        assertThat(error.path("log").path("level").asString()).isEqualTo("ERROR");
        assertThat(error.get("@timestamp").asString()).isNotBlank();
        assertThat(error.path("trace.id").asString()).matches("[0-9a-f]{32}");
        assertThat(error.path("span.id").asString()).matches("[0-9a-f]{16}");
    }

    @Test
    void aPurchaseLeavesNoPersonalDataOrSecretInTheLogWithDebugForTheShop(CapturedOutput output) {
        logging.setLogLevel("app.dukkan", LogLevel.DEBUG);
        try {
            String[] secrets = purchase();
            assertThat(output.getAll()).as("debug lines were written").contains("\"level\":\"DEBUG\"");
            assertNoneLogged(output, secrets);
        } finally {
            logging.setLogLevel("app.dukkan", LogLevel.INFO);
        }
    }
}
