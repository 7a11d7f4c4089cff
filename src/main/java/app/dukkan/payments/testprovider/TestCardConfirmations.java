package app.dukkan.payments.testprovider;

import app.dukkan.payments.CardOutcome;
import app.dukkan.payments.TestCardPayments;
import app.dukkan.payments.provider.StripeConfigured;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/** The test provider's card steps for the shop's own pages: what its confirm endpoints do, in-process. */
@Component
@Conditional(StripeConfigured.TestProviderActive.class)
class TestCardConfirmations implements TestCardPayments {

    private final TestPaymentProvider provider;

    TestCardConfirmations(TestPaymentProvider provider) {
        this.provider = provider;
    }

    @Override
    public CardOutcome confirm(String clientSecret, String cardNumber) {
        return outcome(provider.confirm(clientSecret, cardNumber));
    }

    @Override
    public CardOutcome authenticate(String clientSecret, boolean approve) {
        return outcome(provider.authenticate(clientSecret, approve));
    }

    private static CardOutcome outcome(TestPaymentProvider.Outcome outcome) {
        CardOutcome.Status status = switch (outcome.status()) {
            case "succeeded" -> CardOutcome.Status.SUCCEEDED;
            case "requires_action" -> CardOutcome.Status.REQUIRES_ACTION;
            default -> CardOutcome.Status.FAILED;
        };
        return new CardOutcome(status, outcome.declineCode(), outcome.message());
    }
}
