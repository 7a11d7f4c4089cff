package app.dukkan.payments.processing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Payments", description = "Payment provider webhook and the built-in test provider")
class WebhookController {

    record Received(boolean received) {}

    private final WebhookIntake intake;

    WebhookController(WebhookIntake intake) {
        this.intake = intake;
    }

    @PostMapping("/api/v1/payments/webhook")
    @Operation(summary = "Receive a signed payment provider event (Stripe webhook)", description = """
                    Called by Stripe (or, in-process, by the built-in test provider). The `Stripe-Signature` \
                    header must verify against the endpoint's secret within the tolerance window, else 400 \
                    `invalid-signature` and nothing is recorded. A valid event is recorded once by its id and \
                    processed before the answer; if processing fails, the event stays recorded and a job retries \
                    it (the answer is still 200). Replays and event types the shop does not handle are answered \
                    200 too.""")
    Received receive(
            @RequestBody(required = false) byte @Nullable [] body,
            @RequestHeader(name = "Stripe-Signature", required = false) @Nullable String signature) {
        intake.receive(body == null ? "" : new String(body, StandardCharsets.UTF_8), signature);
        return new Received(true);
    }
}
