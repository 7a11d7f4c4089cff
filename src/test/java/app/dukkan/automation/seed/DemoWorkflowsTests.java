package app.dukkan.automation.seed;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.automation.Workflows;
import app.dukkan.automation.secret.Credentials;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The demo shop's example workflow is valid, and a test run shows all three steps without sending anything. */
@DukkanTest
class DemoWorkflowsTests {

    @Autowired
    Workflows workflows;

    @Autowired
    Credentials credentials;

    @Autowired
    JsonMapper json;

    @Test
    void theOrderPaidExampleSavesAndItsTestRunShowsEveryStep() throws Exception {
        JsonNode definition;
        try (InputStream in = new ClassPathResource("automation/demo/order-paid.json").getInputStream()) {
            definition = json.readTree(in);
        }
        credentials.save("demo-slack", "slack", DemoWorkflows.DEMO_SLACK_URL);
        String key = CatalogFixtures.unique("demo-order-paid-");
        workflows.create(key, definition, null);

        List<Workflows.TestStep> steps = workflows.test(key, json.readTree("""
                {"orderId": "01a2b3c4-0000-7000-8000-000000000001", "number": "DK-100042", "email": "lina@example.com",
                 "customerId": null, "total": {"amount": 129.90, "currency": "EUR"}}"""));

        assertThat(steps).extracting(Workflows.TestStep::step).containsExactly("receipt", "slack", "erp");
        assertThat(steps).allSatisfy(step -> assertThat(step.status()).isEqualTo("succeeded"));
        assertThat(steps.get(1).output().toString()).contains("Order DK-100042 paid: 129.9");
        assertThat(steps.get(2).output().toString()).contains("erp.example.com").contains("DK-100042");
    }
}
