/**
 * The built-in test provider, active when no Stripe key is configured: it keeps its intents in the
 * shop's database (so every instance sees them), confirms them with Stripe's test card numbers and
 * delivers Stripe-shaped, Stripe-signed events through the webhook intake.
 */
@NullMarked
package app.dukkan.payments.testprovider;

import org.jspecify.annotations.NullMarked;
