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
 */
@ConfigurationProperties("dukkan.automation.runs")
record RunProperties(
        @DefaultValue Retry retry,
        @DefaultValue Map<String, Retry> retries,
        @DefaultValue("5") int lowStock,
        @DefaultValue("1000") int maxItems) {

    record Retry(
            @DefaultValue("6") int maxAttempts,
            @DefaultValue("2s") Duration firstDelay,
            @DefaultValue("10m") Duration maxDelay) {}

    Retry retryOf(String connector) {
        return retries.getOrDefault(connector, retry);
    }
}
