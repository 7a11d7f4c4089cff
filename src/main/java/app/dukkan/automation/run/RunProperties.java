package app.dukkan.automation.run;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How runs go ({@code dukkan.automation.runs}).
 *
 * @param retry attempts and back-off of a step whose connector failed for a reason that may pass
 * @param retries the same per connector ({@code dukkan.automation.runs.retries.slack.max-attempts})
 * @param lowStock a variant's available stock at or below which {@code stock.low} is published
 * @param maxItems the most items a step with {@code forEach} takes
 * @param stepsPerJob the most steps one job runs one after the other (the first, then each next one
 *     at once while they succeed) before it hands the next to a job of its own: a long workflow does
 *     not hold a worker thread for long, and 1 gives each step its own job
 */
@ConfigurationProperties("dukkan.automation.runs")
record RunProperties(
        @DefaultValue Retry retry,
        @DefaultValue Map<String, Retry> retries,
        @DefaultValue("5") int lowStock,
        @DefaultValue("1000") int maxItems,
        @DefaultValue("10") int stepsPerJob) {

    RunProperties {
        if (stepsPerJob < 1) {
            throw new IllegalArgumentException("dukkan.automation.runs.steps-per-job must be at least 1");
        }
    }

    record Retry(
            @DefaultValue("6") int maxAttempts,
            @DefaultValue("2s") Duration firstDelay,
            @DefaultValue("10m") Duration maxDelay) {}

    Retry retryOf(String connector) {
        return retries.getOrDefault(connector, retry);
    }
}
