package app.dukkan.automation.connector;

import app.dukkan.automation.secret.Credentials;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code whatsapp}: a text or an approved template to {@code to} from the account of the stored
 * credential {@code credential} ({@code {"phoneNumberId", "accessToken"}}), through {@link
 * WhatsAppCloudApi}. Output {@code {messageId}}, the wamid, which is also the provider's message id.
 * The Cloud API takes no idempotency key.
 */
@Component
class WhatsAppConnector extends CheckedConnector {

    static final String SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "credential": {"type": "string", "minLength": 1, "maxLength": 63},
                "to": {"type": "string", "minLength": 1, "maxLength": 64},
                "text": {"type": "string", "minLength": 1, "maxLength": 4096},
                "template": {
                  "type": "object",
                  "properties": {
                    "name": {"type": "string", "minLength": 1, "maxLength": 512},
                    "language": {"type": "string", "minLength": 1, "maxLength": 16},
                    "components": {"type": ["array", "string"]}
                  },
                  "required": ["name", "language"],
                  "additionalProperties": false
                }
              },
              "required": ["credential", "to"],
              "oneOf": [{"required": ["text"]}, {"required": ["template"]}],
              "additionalProperties": false
            }""";

    private final Credentials credentials;
    private final WhatsAppCloudApi api;
    private final JsonMapper json;

    WhatsAppConnector(Credentials credentials, WhatsAppCloudApi api, JsonMapper json) {
        super("whatsapp", SCHEMA, json);
        this.credentials = credentials;
        this.api = api;
        this.json = json;
    }

    @Override
    StepResult perform(StepCall call, Map<String, Object> input) {
        String to = Inputs.string(input, "to");
        WhatsAppCloudApi.Message message = message(input);
        Map<String, Object> payload = api.payload(to, message);
        WhatsAppCloudApi.Account account = WhatsAppCloudApi.account(
                json, CredentialValues.reveal(credentials, Inputs.string(input, "credential"), type()));
        if (call.dryRun()) {
            return new StepResult(
                    Map.of("wouldSend", Map.of("phoneNumberId", account.phoneNumberId(), "body", payload)), null);
        }
        WhatsAppCloudApi.Sent sent = api.send(account, to, message);
        return new StepResult(Map.of("messageId", sent.messageId()), sent.messageId());
    }

    @SuppressWarnings("unchecked")
    private static WhatsAppCloudApi.Message message(Map<String, Object> input) {
        if (input.get("template") instanceof Map<?, ?> template) {
            Object components = template.get("components");
            if (components != null && !(components instanceof List<?>)) {
                throw new ConnectorException("template.components must be an array", false);
            }
            return new WhatsAppCloudApi.Template(
                    String.valueOf(template.get("name")),
                    String.valueOf(template.get("language")),
                    components == null ? List.of() : (List<Map<String, Object>>) components);
        }
        return new WhatsAppCloudApi.Text(Inputs.string(input, "text"));
    }
}
