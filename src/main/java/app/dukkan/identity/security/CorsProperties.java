package app.dukkan.identity.security;

import app.dukkan.platform.StartupRefusedException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which other web origins may call the JSON API ({@code /api/**}) from a browser (CORS). Pages,
 * webhooks, files and the console never answer cross-origin requests.
 *
 * @param allowedOrigins exact origins (scheme, host and port if not the scheme's own), e.g. {@code
 *     https://app.shop.example}; empty (the default): no cross-origin calls at all
 * @param allowCredentials whether browsers may send the shop's cookies with such calls (a session
 *     then still needs the CSRF token on every write)
 * @param maxAge how long a browser may keep a preflight's answer
 */
@ConfigurationProperties("dukkan.web.cors")
record CorsProperties(
        @DefaultValue List<String> allowedOrigins,
        @DefaultValue("false") boolean allowCredentials,
        @DefaultValue("1h") Duration maxAge) {

    private static final String ACTION = "List in dukkan.web.cors.allowed-origins (DUKKAN_WEB_CORS_ALLOWEDORIGINS) each"
            + " origin that may call the API, exactly, e.g. https://app.shop.example; leave it empty for none.";

    CorsProperties {
        allowedOrigins = List.copyOf(allowedOrigins);
        allowedOrigins.forEach(CorsProperties::check);
        if (maxAge.isNegative()) {
            throw new StartupRefusedException(
                    "dukkan.web.cors.max-age must not be negative", "Set a duration such as 1h.");
        }
    }

    /** An origin is scheme, host and port, nothing more: a pattern would let unknown sites in. */
    private static void check(String origin) {
        if (origin.contains("*")) {
            throw new StartupRefusedException(
                    "dukkan.web.cors.allowed-origins holds '" + origin
                            + "': a wildcard would let any web site call the shop's API with its visitors' browsers",
                    ACTION);
        }
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            throw notAnOrigin(origin);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http"))
                || uri.getHost() == null
                || uri.getRawUserInfo() != null
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty())
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw notAnOrigin(origin);
        }
    }

    private static StartupRefusedException notAnOrigin(String origin) {
        return new StartupRefusedException(
                "dukkan.web.cors.allowed-origins holds '" + origin
                        + "', which is not an origin: http or https, a host and an optional port, no path (not even /)",
                ACTION);
    }
}
