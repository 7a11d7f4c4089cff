package app.dukkan.community.post;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How often members may write ({@code dukkan.community.limits.*}), counted in PostgreSQL for all
 * instances together; each per member and per client address. The defaults are in {@code
 * application.yaml}.
 *
 * @param posts new posts
 * @param images uploaded pictures
 * @param comments new comments
 * @param likes likes and unlikes
 */
@ConfigurationProperties("dukkan.community.limits")
record PostLimitsProperties(Limit posts, Limit images, Limit comments, Limit likes) {

    /**
     * @param perUser events of one member per window
     * @param perAddress events from one client address per window
     */
    record Limit(int perUser, int perAddress, Duration window) {}
}
