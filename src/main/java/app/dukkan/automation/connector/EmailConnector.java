package app.dukkan.automation.connector;

import app.dukkan.notifications.TextMails;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code email}: a plain-text mail through the notifications module's mail jobs (SMTP or the
 * development mailbox), keyed by the step's idempotency key, so that a repeated step mails once.
 * Output {@code {messageId}}: the mail's key. The mail job retries the hand-over itself.
 */
@Component
class EmailConnector extends CheckedConnector {

    static final String SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "to": {"type": "string", "minLength": 3, "maxLength": 320},
                "subject": {"type": "string", "minLength": 1, "maxLength": 200},
                "text": {"type": "string", "minLength": 1, "maxLength": 100000}
              },
              "required": ["to", "subject", "text"],
              "additionalProperties": false
            }""";

    private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>\"]{1,64}@[^@\\s<>\"]+\\.[^@\\s<>\"]+");

    private final TextMails mails;

    EmailConnector(TextMails mails, JsonMapper json) {
        super("email", SCHEMA, json);
        this.mails = mails;
    }

    @Override
    StepResult perform(StepCall call, Map<String, Object> input) {
        String to = Inputs.string(input, "to").strip();
        String subject = Inputs.string(input, "subject").strip();
        String text = Inputs.string(input, "text");
        if (!ADDRESS.matcher(to).matches()) {
            throw new ConnectorException("to: not an email address", false);
        }
        if (subject.contains("\n") || subject.contains("\r")) {
            throw new ConnectorException("subject: one line", false);
        }
        String key = "automation:" + call.idempotencyKey();
        if (call.dryRun()) {
            return new StepResult(Map.of("wouldSend", Map.of("to", to, "subject", subject, "text", text)), null);
        }
        mails.schedule(key, to, subject, text);
        return new StepResult(Map.of("messageId", key), key);
    }
}
