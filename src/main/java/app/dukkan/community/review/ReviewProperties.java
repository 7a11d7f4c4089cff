package app.dukkan.community.review;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of review writes (new reviews and edits), shared by all instances.
 *
 * @param perUser writes of one customer per window
 * @param perAddress writes from one client address per window
 */
@ConfigurationProperties("dukkan.community.limits.reviews")
record ReviewProperties(
        @DefaultValue("10") int perUser,
        @DefaultValue("30") int perAddress,
        @DefaultValue("1h") Duration window) {}
