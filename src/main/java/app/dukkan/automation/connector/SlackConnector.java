package app.dukkan.automation.connector;

import app.dukkan.automation.secret.Credentials;
import app.dukkan.platform.TextInput;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code slack}: a message through an incoming webhook whose URL is the stored credential {@code
 * credential}. Slack's 429 and 5xx are retryable; its other refusals ({@code invalid_payload},
 * {@code no_service}, {@code channel_is_archived}) are not. Incoming webhooks take no idempotency
 * key: a retry after a lost answer may post twice.
 */
@Component
class SlackConnector extends CheckedConnector {

    static final String SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "credential": {"type": "string", "minLength": 1, "maxLength": 63},
                "text": {"type": "string", "minLength": 1, "maxLength": 40000},
                "blocks": {"type": ["array", "string"]}
              },
              "required": ["credential", "text"],
              "additionalProperties": false
            }""";

    private final Credentials credentials;
    private final OutboundHttp http;
    private final Breakers breakers;
    private final JsonMapper json;

    SlackConnector(
            Credentials credentials,
            OutboundHttpClients clients,
            ConnectorProperties properties,
            Breakers breakers,
            JsonMapper json) {
        super("slack", SCHEMA, json);
        this.credentials = credentials;
        this.http = clients.client(
                properties.slack().connectTimeout(),
                properties.slack().readTimeout(),
                properties.slack().callTimeout());
        this.breakers = breakers;
        this.json = json;
    }

    @Override
    StepResult perform(StepCall call, Map<String, Object> input) {
        String credential = Inputs.string(input, "credential");
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("text", Inputs.string(input, "text"));
        if (input.get("blocks") instanceof java.util.List<?> blocks) {
            message.put("blocks", blocks);
        } else if (input.get("blocks") != null) {
            throw new ConnectorException("blocks must be an array of Slack blocks", false);
        }
        String url = CredentialValues.reveal(credentials, credential, type()).strip();
        URI uri = http.check(url);
        if (call.dryRun()) {
            return new StepResult(Map.of("wouldSend", Map.of("credential", credential, "body", message)), null);
        }
        byte[] body = json.writeValueAsBytes(message);
        String target = "slack:" + uri.getHost().toLowerCase(Locale.ROOT);
        OutboundHttp.Response response = breakers.call(target, () -> {
            OutboundHttp.Response answer = http.send("POST", url, Map.of(), body, "application/json; charset=utf-8");
            if (answer.status() >= 200 && answer.status() < 300) {
                return answer;
            }
            String reason = answer.text().strip();
            throw new ConnectorException(
                    "Slack answered " + answer.status() + (reason.isEmpty() ? "" : " " + TextInput.clip(reason, 500)),
                    Inputs.retryableStatus(answer.status()));
        });
        return new StepResult(
                Map.of("status", response.status(), "response", TextInput.clip(response.text(), 500)), null);
    }
}
