package app.dukkan.payments;

/**
 * Confirms payments of the built-in test provider with Stripe's test card numbers, as Stripe.js
 * confirms a card with Stripe, so that the shop's own pages can take the card: {@code
 * 4242424242424242} pays, {@code 4000000000000002} is declined, {@code 4000002760003184} needs the
 * 3-D Secure step. A bean only while the test provider is active (no Stripe key, switched on).
 */
public interface TestCardPayments {

    /**
     * @throws app.dukkan.platform.ProblemException 400 naming {@code card_number} for a number that
     *     is not a card number (12 to 19 digits, Luhn check), 404 for an unknown client secret, 409
     *     when the payment has succeeded already
     */
    CardOutcome confirm(String clientSecret, String cardNumber);

    /**
     * The customer's answer to the 3-D Secure step: {@code approve} pays, else the payment fails.
     *
     * @throws app.dukkan.platform.ProblemException 404 for an unknown client secret, 409 when the
     *     payment is not waiting for authentication
     */
    CardOutcome authenticate(String clientSecret, boolean approve);
}
