package app.dukkan.automation.log;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param retention lines older than this are deleted by the nightly prune
 * @param pruneBatch lines deleted per statement, so that the prune never holds locks for long
 */
@ConfigurationProperties("dukkan.automation.logs")
record LogProperties(
        @DefaultValue("90d") Duration retention,
        @DefaultValue("1000") int pruneBatch) {

    LogProperties {
        if (retention.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("dukkan.automation.logs.retention must be at least one day");
        }
        if (pruneBatch < 1 || pruneBatch > 100_000) {
            throw new IllegalArgumentException("dukkan.automation.logs.prune-batch must be between 1 and 100000");
        }
    }
}
