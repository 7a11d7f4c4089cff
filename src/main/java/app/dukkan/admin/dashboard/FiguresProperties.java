package app.dukkan.admin.dashboard;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The dashboard's settings.
 *
 * @param timeZone where the shop's days begin: "today" and the days of the 7- and 30-day windows
 * @param lowStockThreshold a variant is low on stock with at most this many units available
 */
@ConfigurationProperties("dukkan.figures")
record FiguresProperties(
        @DefaultValue("UTC") ZoneId timeZone,
        @DefaultValue("5") int lowStockThreshold) {}
