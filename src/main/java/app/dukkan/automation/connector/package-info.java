/**
 * Connectors: what a workflow step calls. Each connector has a timeout, a circuit breaker per
 * target and outgoing HTTP guarded against private addresses; the run engine retries its steps.
 * Named interface {@code connector}: other modules (WhatsApp) reuse {@link
 * app.dukkan.automation.connector.WhatsAppCloudApi} and its exceptions.
 */
@NullMarked
@NamedInterface("connector")
package app.dukkan.automation.connector;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
