package app.dukkan.payments.processing;

import app.dukkan.payments.processing.PaymentRecords.EventRow;
import app.dukkan.payments.provider.PaymentProvider;
import app.dukkan.payments.provider.PaymentsProperties;
import app.dukkan.platform.Ids;
import app.dukkan.platform.ProblemException;
import app.dukkan.platform.ShopMeters;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes in one provider event exactly as the webhook received it: verifies its {@code
 * Stripe-Signature} with stripe-java against the active provider's secret, then records it once by
 * the provider's event id (as processed) and processes it in the same transaction, the processing
 * under a savepoint: if processing fails, the event stays recorded, unprocessed, with its failure and
 * a job retries it; if the process dies first, nothing was committed and the provider delivers the
 * event again (Stripe retries until it gets a 2xx). Used by the webhook endpoint and, in-process, by
 * the built-in test provider, so both paths check the same signature.
 */
@Component
public class WebhookIntake {

    /** What became of a received event. */
    public enum Outcome {
        RECORDED,
        DUPLICATE,
        IGNORED
    }

    private static final Logger log = LoggerFactory.getLogger(WebhookIntake.class);
    /** The metrics' source: the webhook is Stripe's, also when the built-in test provider calls it. */
    private static final String SOURCE = "stripe";

    private final PaymentProvider provider;
    private final PaymentRecords records;
    private final EventProcessor processor;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Clock clock;
    private final MeterRegistry meters;
    private final long toleranceSeconds;

    WebhookIntake(
            PaymentProvider provider,
            PaymentRecords records,
            EventProcessor processor,
            TransactionTemplate transactions,
            JsonMapper json,
            Clock clock,
            MeterRegistry meters,
            PaymentsProperties properties) {
        this.provider = provider;
        this.records = records;
        this.processor = processor;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
        this.meters = meters;
        this.toleranceSeconds = properties.signatureTolerance().toSeconds();
    }

    /**
     * @param payload the request body exactly as received (the signature covers its bytes)
     * @param signature the {@code Stripe-Signature} header, if any
     * @throws ProblemException 400 {@code invalid-signature} when the signature is missing, wrong or
     *     too old (nothing is recorded), 400 {@code validation} when the signed body is not an event
     */
    public Outcome receive(String payload, @Nullable String signature) {
        verify(payload, signature);
        JsonNode event;
        try {
            event = json.readTree(payload);
        } catch (JacksonException e) {
            throw invalidPayload("is not JSON");
        }
        String id = text(event, "id");
        String type = text(event, "type");
        if (id.isEmpty() || type.isEmpty() || !event.path("data").path("object").isObject()) {
            throw invalidPayload("is not an event with id, type and data.object");
        }
        if (!EventProcessor.HANDLED.contains(type)) {
            log.debug("Ignoring {} event {} of type {}", provider.name(), id, type);
            return Outcome.IGNORED;
        }
        Outcome outcome = transactions.execute(status -> {
            UUID rowId = Ids.newId(clock);
            if (!records.insertProcessedEvent(rowId, provider.name(), id, type, payload, clock.instant())) {
                return Outcome.DUPLICATE;
            }
            processor.processRecorded(new EventRow(rowId, provider.name(), type, payload, false), event);
            return Outcome.RECORDED;
        });
        log.debug("{} event {} ({}): {}", provider.name(), id, type, outcome);
        return outcome == null ? Outcome.DUPLICATE : outcome;
    }

    private void verify(String payload, @Nullable String signature) {
        if (signature == null || signature.isBlank()) {
            throw invalidSignature("The Stripe-Signature header is missing");
        }
        try {
            Webhook.Signature.verifyHeader(payload, signature, provider.webhookSecret(), toleranceSeconds, clock);
        } catch (SignatureVerificationException e) {
            throw invalidSignature(e.getMessage());
        }
    }

    private ProblemException invalidPayload(String message) {
        ShopMeters.webhookFailed(meters, SOURCE, "invalid-payload");
        return ProblemException.invalid("body", message);
    }

    private ProblemException invalidSignature(String detail) {
        ShopMeters.signatureFailed(meters, SOURCE);
        return new ProblemException(
                HttpStatus.BAD_REQUEST, "invalid-signature", "Invalid signature", detail, List.of());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.asString() : "";
    }
}
