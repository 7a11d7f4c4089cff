package app.dukkan.automation.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class TemplatesTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static final JsonNode CONTEXT = JSON.readTree("""
            {"trigger": {"id": "../../admin", "dot": "..", "note": "a b&c=d#e/f?g", "n": 12.5,
                         "url": "https://erp.example/x?y=1", "items": [{"sku": "A/1"}]}}""");

    @Test
    void valuesWrittenIntoAnUrlFieldArePercentEncodedAndWholeValuesAreKept() {
        JsonNode input = JSON.readTree("""
                {"url": "https://erp.example/orders/{{trigger.id}}/{{trigger.dot}}?note={{trigger.note}}&n={{trigger.n}}",
                 "whole": "{{trigger.url}}",
                 "body": {"note": "{{trigger.note}}", "sku": "{{trigger.items.0.sku}}"}}""");

        JsonNode rendered = Templates.render(input, CONTEXT, Set.of("url", "whole"));

        assertThat(rendered.get("url").asString())
                .isEqualTo("https://erp.example/orders/..%2F..%2Fadmin/%2E%2E?note=a%20b%26c%3Dd%23e%2Ff%3Fg&n=12.5");
        // a field that is one template takes the value as it is: it is the whole URL, checked as one
        assertThat(rendered.get("whole").asString()).isEqualTo("https://erp.example/x?y=1");
        assertThat(rendered.get("body").get("note").asString()).isEqualTo("a b&c=d#e/f?g");
        assertThat(rendered.get("body").get("sku").asString()).isEqualTo("A/1");
    }

    @Test
    void withoutUrlFieldsNothingIsEncoded() {
        JsonNode rendered = Templates.render(JSON.readTree("""
                {"url": "https://erp.example/{{trigger.id}}", "n": "{{trigger.n}}"}"""), CONTEXT);

        assertThat(rendered.get("url").asString()).isEqualTo("https://erp.example/../../admin");
        assertThat(rendered.get("n").isNumber()).isTrue();
    }
}
