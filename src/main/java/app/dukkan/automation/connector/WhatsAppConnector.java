package app.dukkan.automation.connector;

import app.dukkan.automation.secret.Credentials;
import app.dukkan.privacy.Consents;
import app.dukkan.privacy.DataSubject;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code whatsapp}: a text or an approved template to {@code to} from the account of the stored
 * credential {@code credential} ({@code {"phoneNumberId", "accessToken"}}), through {@link
 * WhatsAppCloudApi}. Output {@code {messageId}}, the wamid, which is also the provider's message id.
 * The Cloud API takes no idempotency key. Nothing is sent to a number whose owner withdrew WhatsApp
 * contact (STOP in the chat, or the consent settings): the output says {@code {skipped}}.
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
    private final Consents consents;

    WhatsAppConnector(Credentials credentials, WhatsAppCloudApi api, JsonMapper json, Consents consents) {
        super("whatsapp", SCHEMA, json);
        this.credentials = credentials;
        this.api = api;
        this.json = json;
        this.consents = consents;
    }

    @Override
    StepResult perform(StepCall call, Map<String, Object> input) {
        String to = Inputs.string(input, "to");
        WhatsAppCloudApi.Message message = message(input);
        Map<String, Object> payload = api.payload(to, message);
        WhatsAppCloudApi.Account account = WhatsAppCloudApi.account(
                json, CredentialValues.reveal(credentials, Inputs.string(input, "credential"), type()));
        if (withdrawn(to)) {
            return new StepResult(Map.of("skipped", "the recipient withdrew consent to WhatsApp messages"), null);
        }
        if (call.dryRun()) {
            return new StepResult(
                    Map.of("wouldSend", Map.of("phoneNumberId", account.phoneNumberId(), "body", payload)), null);
        }
        WhatsAppCloudApi.Sent sent = api.send(account, to, message);
        return new StepResult(Map.of("messageId", sent.messageId()), sent.messageId());
    }

    /** Whether the latest WhatsApp consent entry of the number is a withdrawal. */
    private boolean withdrawn(String to) {
        String digits = to.replaceAll("\\D", "");
        if (!digits.matches("[1-9][0-9]{6,14}")) {
            return false; // not a number the consent log can hold; the Cloud API refuses it
        }
        return consents.current(DataSubject.ofPhone("+" + digits)).stream()
                .anyMatch(entry -> entry.purpose() == Consents.Purpose.WHATSAPP && !entry.granted());
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
