package app.dukkan.payments.testprovider;

import app.dukkan.payments.provider.StripeConfigured;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Conditional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The built-in test provider's stand-in for Stripe.js; absent (404) when Stripe is configured. */
@RestController
@Conditional(StripeConfigured.TestProviderActive.class)
class TestProviderController {

    static final String AUTHENTICATE = "/api/v1/payments/test/authenticate";

    record ConfirmRequest(
            @NotBlank @Size(max = 200) String clientSecret,
            @NotBlank @Size(max = 40) String cardNumber) {}

    record AuthenticateRequest(
            @NotBlank @Size(max = 200) String clientSecret,
            @NotNull Boolean approve) {}

    record NextAction(String type, String url) {}

    record ConfirmResponse(
            String paymentIntent,
            String status,
            @Nullable NextAction nextAction,
            @Nullable String declineCode,
            @Nullable String message) {

        static ConfirmResponse of(TestPaymentProvider.Outcome outcome) {
            return new ConfirmResponse(
                    outcome.paymentIntent(),
                    outcome.status(),
                    outcome.status().equals("requires_action") ? new NextAction("test_3ds", AUTHENTICATE) : null,
                    outcome.declineCode(),
                    outcome.message());
        }
    }

    private final TestPaymentProvider provider;

    TestProviderController(TestPaymentProvider provider) {
        this.provider = provider;
    }

    @PostMapping("/api/v1/payments/test/confirm")
    @Operation(summary = "Confirm a payment with a test card (built-in test provider)", description = """
                    Stands in for Stripe.js `confirmCardPayment` when no Stripe key is configured. Cards: \
                    4242424242424242 succeeds, 4000000000000002 is declined, 4000000000009995 has insufficient \
                    funds, 4000002760003184 requires 3-D Secure (then call `next_action.url`); any other valid \
                    number succeeds. The outcome reaches the shop as a signed webhook event; `status` is \
                    `succeeded`, `failed` or `requires_action`.""")
    ConfirmResponse confirm(@Valid @RequestBody ConfirmRequest request) {
        return ConfirmResponse.of(provider.confirm(request.clientSecret(), request.cardNumber()));
    }

    @PostMapping(AUTHENTICATE)
    @Operation(
            summary = "Complete the 3-D Secure step of a test payment (built-in test provider)",
            description = "`approve: true` lets the payment succeed, `false` fails it. Only for a payment"
                    + " waiting for authentication (else 409).")
    ConfirmResponse authenticate(@Valid @RequestBody AuthenticateRequest request) {
        return ConfirmResponse.of(provider.authenticate(request.clientSecret(), request.approve()));
    }
}
