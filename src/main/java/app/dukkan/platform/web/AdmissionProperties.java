package app.dukkan.platform.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many reads an instance runs at once, and how long a read waits for its turn ({@link
 * RequestAdmission}).
 *
 * @param concurrentReads reads served at once; 0 (the default) means three per processor, which
 *     served the most listings per second on two cores (docs/benchmarks.md)
 * @param maxWait how long a read waits before it is refused with 503
 */
@ConfigurationProperties("dukkan.web.admission")
record AdmissionProperties(
        @DefaultValue("0") int concurrentReads,
        @DefaultValue("10s") Duration maxWait) {

    AdmissionProperties {
        if (concurrentReads < 0) {
            throw new IllegalArgumentException("dukkan.web.admission.concurrent-reads must not be negative");
        }
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("dukkan.web.admission.max-wait must not be negative");
        }
    }

    int concurrentReadsOrDefault() {
        return concurrentReads > 0 ? concurrentReads : 3 * Runtime.getRuntime().availableProcessors();
    }
}
