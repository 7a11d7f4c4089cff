package app.dukkan.automation.connector;

/**
 * One kind of step a workflow can take ({@code email}, {@code slack}, {@code whatsapp}, {@code pdf},
 * {@code http}). A call may be repeated (a retry, or a worker that died after the effect): the
 * connector passes {@link StepCall#idempotencyKey()} to the provider where it takes one.
 */
public interface Connector {

    /** The name a workflow step uses in its {@code connector} field. */
    String type();

    /**
     * Performs the step.
     *
     * @throws ConnectorException when the call failed; {@link ConnectorException#retryable()} says
     *     whether trying again may help
     * @throws ConnectorUnavailableException when the target's circuit breaker is open: the step waits
     *     without spending an attempt
     */
    StepResult call(StepCall call);
}
