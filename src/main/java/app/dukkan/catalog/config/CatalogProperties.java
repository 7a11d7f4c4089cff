package app.dukkan.catalog.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param currency the shop's currency; every price is in it
 * @param maxPriceMajor the highest price a variant may have, in major units (guards typos)
 * @param listingCacheSize listing pages kept in memory per instance
 * @param listingCacheBytes the most memory (estimated) that one cache of listing pages takes per
 *     instance, however large the pages its clients ask for
 * @param detailCacheSize product details kept in memory per instance
 * @param reservationSweepInterval how often expired stock reservations are released
 * @param stockNotifyInterval how often stock changes are relayed to the other instances (their
 *     product details may show the stock that long before the change)
 */
@ConfigurationProperties("dukkan.catalog")
public record CatalogProperties(
        @DefaultValue("EUR") String currency,
        @DefaultValue("1000000") long maxPriceMajor,
        @DefaultValue("20000") int listingCacheSize,
        @DefaultValue("64MB") DataSize listingCacheBytes,
        @DefaultValue("20000") int detailCacheSize,
        @DefaultValue("30s") Duration reservationSweepInterval,
        @DefaultValue("100ms") Duration stockNotifyInterval) {}
