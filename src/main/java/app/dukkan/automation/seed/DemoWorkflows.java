package app.dukkan.automation.seed;

import app.dukkan.automation.Workflows;
import app.dukkan.automation.secret.Credentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts the example workflows into the demo shop ({@code dukkan.seed.demo-products} above 0, unless
 * {@code dukkan.seed.demo-workflows} is false), disabled: they name a Slack channel, an ERP and a
 * WhatsApp account that the demo does not have. A test run in the console shows what each step would do. Runs once: a
 * workflow that exists is left as it is.
 */
@Component
@EnableConfigurationProperties(DemoWorkflows.DemoWorkflowsProperties.class)
class DemoWorkflows implements ApplicationRunner {

    /**
     * @param demoProducts the demo shop's products (0: no demo shop, no demo workflows)
     * @param products the catalog's top-up for benchmarks (above 0: no demo workflows)
     * @param demoWorkflows whether the demo shop gets the example workflows
     */
    @ConfigurationProperties("dukkan.seed")
    record DemoWorkflowsProperties(
            @DefaultValue("200") int demoProducts,
            @DefaultValue("0") int products,
            @DefaultValue("true") boolean demoWorkflows) {}

    private static final Logger log = LoggerFactory.getLogger(DemoWorkflows.class);

    /** A placeholder in Slack's incoming-webhook form: replace it with a real one to enable the workflow. */
    static final String DEMO_SLACK_URL = "https://hooks.slack.com/services/T00000000/B00000000/demo";

    /** A placeholder WhatsApp Cloud API account: replace it with the shop's to enable the workflow. */
    static final String DEMO_WHATSAPP_ACCOUNT = "{\"phoneNumberId\": \"100000000000000\", \"accessToken\": \"demo\"}";

    /** The example workflows by key, each with its definition's resource. */
    static final Map<String, String> EXAMPLES = Map.of(
            "order-paid", "automation/demo/order-paid.json",
            "shipped-status-update", "automation/demo/shipped-status-update.json");

    private final DemoWorkflowsProperties properties;
    private final Workflows workflows;
    private final Credentials credentials;
    private final JsonMapper json;

    DemoWorkflows(DemoWorkflowsProperties properties, Workflows workflows, Credentials credentials, JsonMapper json) {
        this.properties = properties;
        this.workflows = workflows;
        this.credentials = credentials;
        this.json = json;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (properties.demoProducts() <= 0 || properties.products() > 0 || !properties.demoWorkflows()) {
            return;
        }
        if (credentials.reveal("demo-slack").isEmpty()) {
            credentials.save("demo-slack", "slack", DEMO_SLACK_URL);
        }
        if (credentials.reveal("demo-whatsapp").isEmpty()) {
            credentials.save("demo-whatsapp", "whatsapp", DEMO_WHATSAPP_ACCOUNT);
        }
        EXAMPLES.forEach((key, resource) -> {
            if (workflows.find(key).isEmpty()) {
                workflows.create(key, read(resource), null);
                log.info("demo workflow added (disabled): {}", key);
            }
        });
    }

    private JsonNode read(String resource) {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
