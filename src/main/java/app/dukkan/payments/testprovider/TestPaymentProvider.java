package app.dukkan.payments.testprovider;

import app.dukkan.payments.IntentRequest;
import app.dukkan.payments.PaymentStatus;
import app.dukkan.payments.processing.WebhookIntake;
import app.dukkan.payments.provider.PaymentProvider;
import app.dukkan.payments.provider.PaymentsProperties;
import app.dukkan.payments.provider.ProviderException;
import app.dukkan.payments.provider.ProviderIntent;
import app.dukkan.payments.provider.ProviderRefund;
import app.dukkan.payments.provider.StripeConfigured;
import app.dukkan.platform.Money;
import app.dukkan.platform.ProblemException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A payment provider that needs no account: it plays Stripe's server side with its own table, and
 * each outcome reaches the shop as a Stripe-shaped event, signed as Stripe signs ({@code
 * t=<unix>,v1=<HMAC-SHA256 of "t.payload">}) and handed to the same {@link WebhookIntake} the
 * webhook endpoint uses, in the transaction that changes the intent.
 */
@Component
@Conditional(StripeConfigured.TestProviderActive.class)
class TestPaymentProvider implements PaymentProvider {

    /** The result of a confirm or authenticate step, in the shop's terms. */
    record Outcome(
            String paymentIntent,
            String status,
            @Nullable String declineCode,
            @Nullable String message) {}

    private record TestIntent(
            String id,
            String clientSecret,
            String idempotencyKey,
            long amount,
            String currency,
            String status,
            String reference,
            long amountRefunded) {}

    private static final Logger log = LoggerFactory.getLogger(TestPaymentProvider.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    static final String API_VERSION = "2025-06-30.basil";
    private static final String COLUMNS =
            "id, client_secret, idempotency_key, amount, currency, status, reference, amount_refunded";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ObjectProvider<WebhookIntake> intake;
    private final JsonMapper json;
    private final Clock clock;
    private final String webhookSecret;

    TestPaymentProvider(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            ObjectProvider<WebhookIntake> intake,
            JsonMapper json,
            Clock clock,
            PaymentsProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.intake = intake;
        this.json = json;
        this.clock = clock;
        String configured = properties.testProvider().webhookSecret();
        this.webhookSecret = configured == null || configured.isBlank() ? "whsec_test_" + random(32) : configured;
        // no card number in the log, not even a test card's (README, "The built-in test provider", lists them)
        log.info("Payments use the built-in test provider (no Stripe key configured): test cards only");
    }

    @Override
    public String name() {
        return "test";
    }

    @Override
    public String webhookSecret() {
        return webhookSecret;
    }

    @Override
    public ProviderIntent createIntent(IntentRequest request) {
        String id = "pi_test_" + random(24);
        String secret = id + "_secret_" + random(24);
        Instant now = clock.instant();
        int inserted = jdbc.sql("""
                        insert into test_payment_intents (id, client_secret, idempotency_key, amount, currency,
                                                          status, reference, created_at, updated_at)
                        values (?, ?, ?, ?, ?, 'requires_payment_method', ?, ?, ?)
                        on conflict (idempotency_key) do nothing
                        """)
                .params(
                        id,
                        secret,
                        request.idempotencyKey(),
                        request.amount().minor(),
                        request.amount().currency(),
                        request.reference(),
                        Timestamp.from(now),
                        Timestamp.from(now))
                .update();
        // the same key again: the intent made the first time
        TestIntent intent = inserted == 1
                ? new TestIntent(
                        id,
                        secret,
                        request.idempotencyKey(),
                        request.amount().minor(),
                        request.amount().currency(),
                        "requires_payment_method",
                        request.reference(),
                        0)
                : find("idempotency_key = ?", request.idempotencyKey(), false).orElseThrow();
        if (intent.amount() != request.amount().minor()
                || !intent.currency().equals(request.amount().currency())
                || !intent.reference().equals(request.reference())) {
            throw new ProviderException(
                    ProviderException.Kind.KEY_REUSED,
                    "Keys for idempotent requests can only be used with the same parameters they were first used with");
        }
        return new ProviderIntent(intent.id(), intent.clientSecret(), status(intent.status()));
    }

    @Override
    public ProviderRefund refund(String providerPaymentId, Money amount, String idempotencyKey) {
        String refundId = transactions.execute(status -> {
            TestIntent intent = find("id = ?", providerPaymentId, true)
                    .orElseThrow(() -> new ProviderException(
                            ProviderException.Kind.REJECTED, "No such payment_intent: '" + providerPaymentId + "'"));
            Optional<String> existing = jdbc.sql("select id from test_payment_refunds where idempotency_key = ?")
                    .param(idempotencyKey)
                    .query(String.class)
                    .optional();
            if (existing.isPresent()) {
                return existing.get();
            }
            if (!intent.status().equals("succeeded")) {
                throw new ProviderException(
                        ProviderException.Kind.REJECTED, "PaymentIntent " + intent.id() + " has not succeeded");
            }
            if (!amount.currency().equals(intent.currency())
                    || amount.minor() <= 0
                    || intent.amountRefunded() + amount.minor() > intent.amount()) {
                throw new ProviderException(
                        ProviderException.Kind.REJECTED,
                        "Refund amount " + amount + " is greater than unrefunded amount on charge");
            }
            String id = "re_test_" + random(24);
            Instant now = clock.instant();
            jdbc.sql("insert into test_payment_refunds (id, payment_intent_id, idempotency_key, amount, created_at)"
                            + " values (?, ?, ?, ?, ?)")
                    .params(id, intent.id(), idempotencyKey, amount.minor(), Timestamp.from(now))
                    .update();
            long refunded = intent.amountRefunded() + amount.minor();
            jdbc.sql("update test_payment_intents set amount_refunded = ?, updated_at = ? where id = ?")
                    .params(refunded, Timestamp.from(now), intent.id())
                    .update();
            ObjectNode charge = json.createObjectNode();
            charge.put("id", "ch_test_" + intent.id().substring("pi_test_".length()));
            charge.put("object", "charge");
            charge.put("amount", intent.amount());
            charge.put("amount_refunded", refunded);
            charge.put("currency", intent.currency().toLowerCase(Locale.ROOT));
            charge.put("payment_intent", intent.id());
            charge.put("refunded", refunded == intent.amount());
            charge.put("status", "succeeded");
            charge.putObject("metadata").put("reference", intent.reference());
            deliver("charge.refunded", charge);
            return id;
        });
        // the test provider's refunds are card refunds: settled at once
        return new ProviderRefund(refundId == null ? "" : refundId, ProviderRefund.Status.SUCCEEDED, null);
    }

    /** Simulates Stripe.js confirmCardPayment with a card number. */
    Outcome confirm(String clientSecret, String cardNumber) {
        if (!TestCards.valid(cardNumber)) {
            throw ProblemException.invalid("card_number", "is not a valid card number (12 to 19 digits, Luhn check)");
        }
        TestCards.Outcome card = TestCards.outcome(cardNumber);
        String next = switch (card) {
            case SUCCEED -> "succeeded";
            case DECLINE, INSUFFICIENT_FUNDS -> "requires_payment_method";
            case REQUIRE_ACTION -> "requires_action";
        };
        return inTransaction(() -> {
            TestIntent intent = move(clientSecret, "status <> 'succeeded'", next)
                    .orElseThrow(() -> refusal(clientSecret, "the payment has already succeeded"));
            return switch (card) {
                case SUCCEED -> succeed(intent);
                case DECLINE -> fail(intent, "card_declined", "generic_decline", "Your card was declined.");
                case INSUFFICIENT_FUNDS ->
                    fail(intent, "card_declined", "insufficient_funds", "Your card has insufficient funds.");
                case REQUIRE_ACTION -> {
                    ObjectNode object = intentObject(intent, "requires_action");
                    ObjectNode action = object.putObject("next_action");
                    action.put("type", "test_3ds");
                    action.put("url", TestProviderController.AUTHENTICATE);
                    deliver("payment_intent.requires_action", object);
                    yield new Outcome(intent.id(), "requires_action", null, null);
                }
            };
        });
    }

    /** The customer's answer to the 3-D Secure step. */
    Outcome authenticate(String clientSecret, boolean approve) {
        return inTransaction(() -> {
            TestIntent intent = move(
                            clientSecret,
                            "status = 'requires_action'",
                            approve ? "succeeded" : "requires_payment_method")
                    .orElseThrow(() -> refusal(clientSecret, "the payment is not waiting for authentication"));
            return approve
                    ? succeed(intent)
                    : fail(
                            intent,
                            "payment_intent_authentication_failure",
                            null,
                            "The customer failed 3-D Secure authentication.");
        });
    }

    /** The intent has moved to succeeded: tell the shop. */
    private Outcome succeed(TestIntent intent) {
        ObjectNode object = intentObject(intent, "succeeded");
        object.put("amount_received", intent.amount());
        deliver("payment_intent.succeeded", object);
        return new Outcome(intent.id(), "succeeded", null, null);
    }

    /** The intent has moved back to requires_payment_method: tell the shop why. */
    private Outcome fail(TestIntent intent, String code, @Nullable String declineCode, String message) {
        ObjectNode object = intentObject(intent, "requires_payment_method");
        ObjectNode error = object.putObject("last_payment_error");
        error.put("type", "card_error");
        error.put("code", code);
        if (declineCode != null) {
            error.put("decline_code", declineCode);
        }
        error.put("message", message);
        deliver("payment_intent.payment_failed", object);
        return new Outcome(intent.id(), "failed", declineCode == null ? code : declineCode, message);
    }

    private ObjectNode intentObject(TestIntent intent, String status) {
        ObjectNode object = json.createObjectNode();
        object.put("id", intent.id());
        object.put("object", "payment_intent");
        object.put("amount", intent.amount());
        object.put("currency", intent.currency().toLowerCase(Locale.ROOT));
        object.put("status", status);
        object.putObject("metadata").put("reference", intent.reference());
        object.putNull("last_payment_error");
        object.putNull("next_action");
        return object;
    }

    /** Wraps the object in a Stripe event, signs it and hands it to the intake. */
    private void deliver(String type, ObjectNode object) {
        long now = clock.instant().getEpochSecond();
        ObjectNode event = json.createObjectNode();
        event.put("id", "evt_test_" + random(24));
        event.put("object", "event");
        event.put("api_version", API_VERSION);
        event.put("created", now);
        event.putObject("data").set("object", object);
        event.put("livemode", false);
        event.put("pending_webhooks", 1);
        event.put("type", type);
        String payload = json.writeValueAsString(event);
        intake.getObject().receive(payload, signature(payload, webhookSecret, now));
    }

    /** Stripe's scheme: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<payload>">}. */
    static String signature(String payload, String secret, long timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /**
     * Moves the intent of the client secret to {@code status} if {@code condition} holds for it, in
     * one statement (which waits for a concurrent step on the same intent and then checks again).
     */
    private Optional<TestIntent> move(String clientSecret, String condition, String status) {
        return jdbc.sql("update test_payment_intents set status = ?, updated_at = ? where client_secret = ? and "
                        + condition + " returning " + COLUMNS)
                .params(status, Timestamp.from(clock.instant()), clientSecret)
                .query(TestPaymentProvider::intent)
                .optional();
    }

    /** Why a step was refused: no such intent (404), or it is in another state (409). */
    private ProblemException refusal(String clientSecret, String conflict) {
        if (find("client_secret = ?", clientSecret, false).isEmpty()) {
            return new ProblemException(
                    HttpStatus.NOT_FOUND,
                    "not-found",
                    "Not found",
                    "No payment intent with this client secret",
                    List.of());
        }
        return ProblemException.conflict("client_secret", conflict);
    }

    private Optional<TestIntent> find(String condition, String value, boolean lock) {
        return jdbc.sql("select " + COLUMNS + " from test_payment_intents where " + condition
                        + (lock ? " for update" : ""))
                .param(value)
                .query(TestPaymentProvider::intent)
                .optional();
    }

    private static TestIntent intent(ResultSet rs, int row) throws SQLException {
        return new TestIntent(
                rs.getString("id"),
                rs.getString("client_secret"),
                rs.getString("idempotency_key"),
                rs.getLong("amount"),
                rs.getString("currency"),
                rs.getString("status"),
                rs.getString("reference"),
                rs.getLong("amount_refunded"));
    }

    private <T> T inTransaction(Supplier<T> work) {
        T result = transactions.execute(status -> work.get());
        if (result == null) {
            throw new IllegalStateException("no result");
        }
        return result;
    }

    private static PaymentStatus status(String testStatus) {
        return switch (testStatus) {
            case "succeeded" -> PaymentStatus.SUCCEEDED;
            case "requires_action" -> PaymentStatus.REQUIRES_ACTION;
            default -> PaymentStatus.PROCESSING;
        };
    }

    private static String random(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }
}
