/**
 * Connectors: what a workflow step calls. Each connector has a timeout, a circuit breaker per
 * target and outgoing HTTP guarded against private addresses; the run engine retries its steps.
 */
@NullMarked
package app.dukkan.automation.connector;

import org.jspecify.annotations.NullMarked;
