package app.dukkan.moderation.queue;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param autoHideReports reports from distinct users that hide an item until an operator reviews it
 * @param reportLimits reports allowed per user and per client address within the window (429 beyond)
 */
@ConfigurationProperties("dukkan.moderation")
public record ModerationProperties(
        @DefaultValue("3") int autoHideReports,
        @DefaultValue ReportLimits reportLimits) {

    public record ReportLimits(
            @DefaultValue("20") int perUser,
            @DefaultValue("60") int perAddress,
            @DefaultValue("1h") Duration window) {}
}
