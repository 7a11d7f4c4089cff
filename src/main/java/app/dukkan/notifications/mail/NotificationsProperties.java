package app.dukkan.notifications.mail;

import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Mail settings ({@code dukkan.notifications.*}).
 *
 * @param baseUrl where links in mails point: the shop's public address
 * @param defaultLocale the language of mails whose recipient's language is unknown (order mails) or
 *     not supported (en, de and ar are)
 * @param from the sender of every mail
 * @param shopName how mails name the shop
 * @param links paths under {@code baseUrl} for account links; {@code {token}} is replaced
 * @param retry how mail jobs retry when sending fails
 */
@ConfigurationProperties("dukkan.notifications")
public record NotificationsProperties(
        @DefaultValue("http://localhost:8080") String baseUrl,
        @DefaultValue("en") Locale defaultLocale,
        @DefaultValue("Dukkan <shop@localhost>") String from,
        @DefaultValue("Dukkan") String shopName,
        @DefaultValue Links links,
        @DefaultValue Retry retry) {

    public NotificationsProperties {
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public record Links(
            @DefaultValue("/account/reset-password?token={token}")
            String passwordReset,

            @DefaultValue("/account/verify-email?token={token}")
            String emailVerification,

            @DefaultValue("/login/link?token={token}") String magicLink) {}

    /** A failed mail job runs again after {@code firstDelay × factor^(failures − 1)}, at most {@code maxDelay}. */
    public record Retry(
            @DefaultValue("8") int maxAttempts,
            @DefaultValue("30s") Duration firstDelay,
            @DefaultValue("2.0") double factor,
            @DefaultValue("1h") Duration maxDelay) {}
}
