package app.dukkan.whatsapp.webhook;

import app.dukkan.platform.ProblemException;
import app.dukkan.platform.ShopMeters;
import app.dukkan.whatsapp.config.WhatsAppProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Meta's WhatsApp Cloud API webhook: the verification handshake, and deliveries signed with the
 * app secret, recorded once and answered at once; jobs do the work.
 */
@RestController
@Tag(name = "WhatsApp", description = "The WhatsApp Cloud API webhook")
class WhatsAppWebhookController {

    record Received(int recorded, int repeated, int ignored) {}

    private static final String SOURCE = "whatsapp";

    private final Inbox inbox;
    private final WhatsAppProperties properties;
    private final JsonMapper json;
    private final MeterRegistry meters;

    WhatsAppWebhookController(Inbox inbox, WhatsAppProperties properties, JsonMapper json, MeterRegistry meters) {
        this.inbox = inbox;
        this.properties = properties;
        this.json = json;
        this.meters = meters;
    }

    @GetMapping(path = "/webhook/whatsapp", produces = MediaType.TEXT_PLAIN_VALUE)
    @Operation(summary = "Answer Meta's webhook verification handshake", description = """
                    Meta calls this when the webhook is set up: with `hub.mode=subscribe` and the configured \
                    verify token (`DUKKAN_WHATSAPP_VERIFY_TOKEN`) the answer is `hub.challenge` as plain text; \
                    otherwise 403 `verification-failed`, and 404 `whatsapp-not-configured` while the channel \
                    is simulator-only.""")
    String verify(
            @RequestParam(name = "hub.mode", required = false) @Nullable String mode,
            @RequestParam(name = "hub.verify_token", required = false) @Nullable String token,
            @RequestParam(name = "hub.challenge", required = false) @Nullable String challenge) {
        requireConfigured();
        boolean tokenMatches = token != null
                && MessageDigest.isEqual(
                        token.getBytes(StandardCharsets.UTF_8),
                        properties.verifyToken().getBytes(StandardCharsets.UTF_8));
        if (!"subscribe".equals(mode) || !tokenMatches || challenge == null || challenge.length() > 200) {
            ShopMeters.webhookFailed(meters, SOURCE, "verification-failed");
            throw new ProblemException(
                    HttpStatus.FORBIDDEN,
                    "verification-failed",
                    "Verification failed",
                    "hub.mode must be subscribe and hub.verify_token the configured verify token",
                    List.of());
        }
        return challenge;
    }

    @PostMapping("/webhook/whatsapp")
    @Operation(summary = "Receive a signed delivery of messages and status updates", description = """
                    Called by Meta. `X-Hub-Signature-256` must be `sha256=` and the HMAC-SHA256 of the raw body \
                    with the app secret, else 401 `invalid-signature` and nothing is recorded. Each message and \
                    status update is recorded once by its id (redeliveries are answered 200 and counted as \
                    repeated) and processed by a job, so the answer does not wait for the conversation. Bodies \
                    above 1 MB are refused with 413.""")
    Received receive(
            @RequestBody(required = false) byte @Nullable [] body,
            @RequestHeader(name = "X-Hub-Signature-256", required = false) @Nullable String signature) {
        requireConfigured();
        byte[] raw = body == null ? new byte[0] : body;
        if (!HubSignature.valid(raw, signature, properties.appSecret())) {
            ShopMeters.signatureFailed(meters, SOURCE);
            throw new ProblemException(
                    HttpStatus.UNAUTHORIZED,
                    "invalid-signature",
                    "Invalid signature",
                    "X-Hub-Signature-256 must be sha256= and the HMAC-SHA256 of the body with the app secret",
                    List.of());
        }
        JsonNode delivery;
        try {
            delivery = json.readTree(raw);
        } catch (JacksonException e) {
            ShopMeters.webhookFailed(meters, SOURCE, "invalid-payload");
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST, "invalid-payload", "Invalid payload", "The body is not JSON", List.of());
        }
        Inbox.Accepted accepted = inbox.accept(delivery);
        return new Received(accepted.recorded(), accepted.repeated(), accepted.ignored());
    }

    private void requireConfigured() {
        if (!properties.configured()) {
            throw new ProblemException(
                    HttpStatus.NOT_FOUND,
                    "whatsapp-not-configured",
                    "WhatsApp is not configured",
                    "This shop talks on WhatsApp only through the console's simulator",
                    List.of());
        }
    }
}
