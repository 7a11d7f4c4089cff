package app.dukkan.automation.connector;

import app.dukkan.automation.secret.Credentials;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/** Connectors built without Spring, calling WireMock on this machine (localhost allowed). */
final class ConnectorFixtures {

    /** Long enough for a test JVM's first requests on a busy machine; timeout tests set a short one. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    /** What timeout tests wait for, shorter than their stubs' delay of 2 s. */
    static final Duration SHORT_READ_TIMEOUT = Duration.ofMillis(500);

    /** The limit of a whole call, as the shop's; the test of the limit sets a short one. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    final JsonMapper json = JsonMapper.builder().build();
    final Clock clock = Clock.systemUTC();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final InMemoryCredentials credentials = new InMemoryCredentials();
    final InMemoryConsents consents = new InMemoryConsents();
    final ConnectorProperties properties;
    final OutboundHttpClients clients;
    final Breakers breakers;

    ConnectorFixtures() {
        this(false, List.of("localhost"), READ_TIMEOUT);
    }

    ConnectorFixtures(boolean allowPrivateNetworks, List<String> allowedHosts, Duration readTimeout) {
        this(allowPrivateNetworks, allowedHosts, readTimeout, "http://localhost:1/v21.0");
    }

    ConnectorFixtures(
            boolean allowPrivateNetworks, List<String> allowedHosts, Duration readTimeout, String whatsappBase) {
        this(allowPrivateNetworks, allowedHosts, readTimeout, whatsappBase, CALL_TIMEOUT);
    }

    ConnectorFixtures(
            boolean allowPrivateNetworks,
            List<String> allowedHosts,
            Duration readTimeout,
            String whatsappBase,
            Duration callTimeout) {
        this.properties = new ConnectorProperties(
                new ConnectorProperties.Http(
                        allowPrivateNetworks,
                        allowedHosts,
                        Duration.ofMillis(500),
                        readTimeout,
                        callTimeout,
                        DataSize.ofKilobytes(64)),
                new ConnectorProperties.Endpoint(Duration.ofMillis(500), readTimeout, callTimeout),
                new ConnectorProperties.WhatsApp(whatsappBase, Duration.ofMillis(500), readTimeout, callTimeout),
                // test-friendly: opens after 4 calls of which half failed, half-open after 300 ms, one trial call
                new ConnectorProperties.Breaker(50, 4, 4, Duration.ofMillis(300), 1),
                new ConnectorProperties.Pdf(Duration.ofHours(24), "private/automation/pdf"),
                "http://shop.test");
        this.clients = new OutboundHttpClients(properties);
        this.breakers = new Breakers(properties, meters, clock);
    }

    HttpConnector http() {
        return new HttpConnector(credentials, clients, properties, breakers, json, clock);
    }

    SlackConnector slack() {
        return new SlackConnector(credentials, clients, properties, breakers, json);
    }

    WhatsAppCloudApi whatsappApi() {
        return new WhatsAppCloudApi(clients, properties, breakers, json);
    }

    WhatsAppConnector whatsapp() {
        return new WhatsAppConnector(credentials, whatsappApi(), json, consents);
    }

    static StepCall call(Map<String, Object> input) {
        return new StepCall(UUID.randomUUID(), "notify", "run-1:notify", input, "whsec_workflow_secret", false);
    }

    static StepCall dryRun(Map<String, Object> input) {
        return new StepCall(UUID.randomUUID(), "notify", "run-1:notify", input, "whsec_workflow_secret", true);
    }

    static final class InMemoryCredentials implements Credentials {
        private final Map<String, Revealed> values = new ConcurrentHashMap<>();

        @Override
        public Credential save(String name, String connector, String value) {
            values.put(name, new Revealed(name, connector, value));
            return new Credential(name, connector, Instant.EPOCH, Instant.EPOCH);
        }

        @Override
        public Optional<Revealed> reveal(String name) {
            return Optional.ofNullable(values.get(name));
        }

        @Override
        public List<Credential> list() {
            return values.values().stream()
                    .map(r -> new Credential(r.name(), r.connector(), Instant.EPOCH, Instant.EPOCH))
                    .toList();
        }

        @Override
        public boolean delete(String name) {
            return values.remove(name) != null;
        }
    }
}
