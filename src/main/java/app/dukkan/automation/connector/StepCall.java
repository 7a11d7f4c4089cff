package app.dukkan.automation.connector;

import java.util.Map;
import java.util.UUID;

/**
 * What a step asks of its connector.
 *
 * @param runId the run the step belongs to
 * @param step the step's id in the workflow definition
 * @param idempotencyKey derived from run and step: the same on every attempt of this step
 * @param input the step's inputs with their templates already filled in
 * @param signingSecret the workflow's secret for signing outgoing webhooks
 * @param dryRun a test run: the connector checks and shows what it would do, without side effects
 */
public record StepCall(
        UUID runId,
        String step,
        String idempotencyKey,
        Map<String, Object> input,
        String signingSecret,
        boolean dryRun) {}
