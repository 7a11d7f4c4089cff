package app.dukkan.storefront.live;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits and timing of the live stock streams.
 *
 * @param maxProducts the most products one stream follows (a listing page shows 24)
 * @param streamsPerClient the most streams one client address holds open on one instance
 * @param heartbeat how often an idle stream gets a comment, so that proxies keep it open and
 *     streams of departed clients are noticed
 * @param retry how long a browser waits before it reconnects a stream that ended
 * @param maxAge how long a stream lives before the browser is made to reconnect
 */
@ConfigurationProperties("dukkan.live")
record LiveProperties(
        @DefaultValue("24") int maxProducts,
        @DefaultValue("16") int streamsPerClient,
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("3s") Duration retry,
        @DefaultValue("30m") Duration maxAge) {}
