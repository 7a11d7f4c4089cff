/**
 * Payment records, the webhook intake, the event-processing job and the refund job. Only {@link
 * app.dukkan.payments.processing.WebhookIntake} is visible to the test provider.
 */
@NullMarked
package app.dukkan.payments.processing;

import org.jspecify.annotations.NullMarked;
