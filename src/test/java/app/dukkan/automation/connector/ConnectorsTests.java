package app.dukkan.automation.connector;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.DukkanTest;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

@DukkanTest
class ConnectorsTests {

    @Autowired
    Connectors connectors;

    @Test
    void knowsEveryConnectorByType() {
        assertThat(connectors.types()).containsExactly("email", "http", "orders", "pdf", "slack", "whatsapp");
        assertThat(connectors.find("fax")).isEmpty();
    }

    @Test
    void eachInputSchemaTakesTemplatesAndRefusesUnknownFields() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        JsonMapper json = JsonMapper.builder().build();
        Map<String, Map<String, Object>> written = Map.of(
                "http", Map.of("url", "{{steps.erp.url}}", "body", Map.of("order", "{{trigger.order}}")),
                "slack", Map.of("credential", "ops", "text", "Order {{trigger.number}} paid"),
                "whatsapp",
                        Map.of(
                                "credential",
                                "wa",
                                "to",
                                "{{trigger.phone}}",
                                "template",
                                Map.of("name", "shipped", "language", "en")),
                "email", Map.of("to", "{{trigger.email}}", "subject", "Hi", "text", "Hello {{trigger.name}}"),
                "pdf", Map.of("template", "visa_approved", "data", "{{trigger.application}}"),
                "orders", Map.of("shippedOn", "{{trigger.date}}", "zone", "{{trigger.zone}}"));
        for (String type : connectors.types()) {
            String schema = connectors.find(type).orElseThrow().inputSchema();
            assertThat(json.readTree(schema).get("$schema").asString()).contains("2020-12");
            assertThat(registry.getSchema(schema).validate(json.valueToTree(written.get(type))))
                    .as(type)
                    .isEmpty();
            Map<String, Object> extra = new java.util.HashMap<>(written.get(type));
            extra.put("unknown", 1);
            assertThat(registry.getSchema(schema).validate(json.valueToTree(extra)))
                    .as(type)
                    .isNotEmpty();
        }
    }
}
