package app.dukkan.automation.connector;

import app.dukkan.platform.TextInput;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of the WhatsApp Cloud API: {@code POST {base-url}/{phone number id}/messages} with the
 * account's bearer token, through the connectors' guarded HTTP, timeouts and a circuit breaker per
 * phone number ({@code whatsapp:<phone number id>}). Base URL and timeouts are {@code
 * dukkan.automation.whatsapp.*}. One attempt per call; callers retry.
 *
 * <p>A message is any {@link Message}: {@link Text} and {@link Template} are here; interactive
 * messages (buttons, lists) implement {@link Message} the same way.
 */
@Component
public class WhatsAppCloudApi {

    /** The business phone number that sends, and its access token. */
    public record Account(String phoneNumberId, String accessToken) {
        public Account {
            if (!phoneNumberId.matches("\\d{1,32}")) {
                throw new IllegalArgumentException("a phone number id is digits");
            }
        }

        @Override
        public String toString() {
            return "Account[phoneNumberId=" + phoneNumberId + ", accessToken=…]";
        }
    }

    /** What the Cloud API's {@code type} field names, and the object sent under that name. */
    public interface Message {
        /** {@code text}, {@code template}, {@code interactive}, … */
        String type();

        /** The object sent as the message's {@code <type>} field. */
        Map<String, Object> content();
    }

    /** A free-form text (only inside the 24-hour customer service window). */
    public record Text(String body, boolean previewUrl) implements Message {
        public Text(String body) {
            this(body, false);
        }

        @Override
        public String type() {
            return "text";
        }

        @Override
        public Map<String, Object> content() {
            return Map.of("body", body, "preview_url", previewUrl);
        }
    }

    /**
     * An approved template, e.g. {@code order_shipped} in {@code en_US}; {@code components} as the
     * Cloud API takes them ({@code [{"type": "body", "parameters": [{"type": "text", "text": "…"}]}]}).
     */
    public record Template(String name, String language, List<Map<String, Object>> components) implements Message {
        public Template(String name, String language) {
            this(name, language, List.of());
        }

        @Override
        public String type() {
            return "template";
        }

        @Override
        public Map<String, Object> content() {
            Map<String, Object> template = new LinkedHashMap<>();
            template.put("name", name);
            template.put("language", Map.of("code", language));
            if (!components.isEmpty()) {
                template.put("components", components);
            }
            return template;
        }
    }

    /** The accepted message: its WhatsApp message id ({@code wamid.…}) and the recipient's WhatsApp id. */
    public record Sent(String messageId, @Nullable String waId) {}

    /**
     * Meta error codes that say "later": throttling (4, 80007, 130429, 131048, 131056) and the
     * service's own trouble (1, 2, 131000, 131016).
     */
    static final Set<Integer> RETRYABLE_CODES = Set.of(1, 2, 4, 80007, 130429, 131000, 131016, 131048, 131056);

    private final OutboundHttp http;
    private final Breakers breakers;
    private final JsonMapper json;
    private final String baseUrl;

    WhatsAppCloudApi(OutboundHttpClients clients, ConnectorProperties properties, Breakers breakers, JsonMapper json) {
        ConnectorProperties.WhatsApp settings = properties.whatsapp();
        this.http = clients.client(settings.connectTimeout(), settings.readTimeout(), settings.callTimeout());
        this.breakers = breakers;
        this.json = json;
        this.baseUrl = settings.baseUrl();
    }

    /**
     * The request body the Cloud API is sent for this message, e.g. {@code {"messaging_product":
     * "whatsapp", "recipient_type": "individual", "to": "4917…", "type": "text", "text": {…}}}.
     *
     * @param to the recipient's number in E.164 digits, without '+'
     */
    public Map<String, Object> payload(String to, Message message) {
        String digits = to.startsWith("+") ? to.substring(1) : to;
        if (!digits.matches("[1-9]\\d{6,14}")) {
            throw new ConnectorException("to: an E.164 number, 7 to 15 digits", false);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messaging_product", "whatsapp");
        body.put("recipient_type", "individual");
        body.put("to", digits);
        body.put("type", message.type());
        body.put(message.type(), message.content());
        return body;
    }

    /**
     * Sends the message.
     *
     * @throws app.dukkan.automation.connector.ConnectorException when the Cloud API refused or failed;
     *     retryable for throttling, 5xx and timeouts, not for an invalid recipient, template or token
     * @throws ConnectorUnavailableException when the phone number's breaker is open
     */
    public Sent send(Account account, String to, Message message) {
        byte[] body = json.writeValueAsBytes(payload(to, message));
        String url = baseUrl + "/" + account.phoneNumberId() + "/messages";
        return breakers.call("whatsapp:" + account.phoneNumberId(), () -> {
            OutboundHttp.Response response = http.send(
                    "POST", url, Map.of("Authorization", "Bearer " + account.accessToken()), body, "application/json");
            JsonNode answer = parse(response);
            if (response.status() >= 200 && response.status() < 300) {
                JsonNode id = answer.path("messages").path(0).path("id");
                if (!id.isString()) {
                    throw new ConnectorException("the Cloud API accepted the message without a message id", false);
                }
                JsonNode waId = answer.path("contacts").path(0).path("wa_id");
                return new Sent(id.asString(), waId.isString() ? waId.asString() : null);
            }
            throw failure(response.status(), answer);
        });
    }

    public Sent sendText(Account account, String to, String text) {
        return send(account, to, new Text(text));
    }

    public Sent sendTemplate(Account account, String to, Template template) {
        return send(account, to, template);
    }

    private JsonNode parse(OutboundHttp.Response response) {
        if (response.body().length == 0 || response.truncated()) {
            return json.missingNode();
        }
        try {
            return json.readTree(response.body());
        } catch (JacksonException e) {
            return json.missingNode();
        }
    }

    static ConnectorException failure(int status, JsonNode answer) {
        JsonNode error = answer.path("error");
        int code = error.path("code").asInt(0);
        String message = error.path("message").asString("");
        String detail = error.path("error_data").path("details").asString("");
        boolean retryable = status == 429 || status >= 500 || RETRYABLE_CODES.contains(code);
        String text = "the WhatsApp Cloud API answered " + status
                + (code == 0 ? "" : " (code " + code + ")")
                + (message.isBlank() ? "" : ": " + message)
                + (detail.isBlank() ? "" : " – " + detail);
        return new ConnectorException(TextInput.clip(text, 500), retryable);
    }

    static Account account(JsonMapper json, String credentialValue) {
        try {
            JsonNode node = json.readTree(credentialValue);
            return new Account(
                    Objects.requireNonNull(node.path("phoneNumberId").asString(null)),
                    Objects.requireNonNull(node.path("accessToken").asString(null)));
        } catch (JacksonException | NullPointerException | IllegalArgumentException e) {
            throw new ConnectorException(
                    "the WhatsApp credential is not JSON {\"phoneNumberId\", \"accessToken\"}", false);
        }
    }
}
