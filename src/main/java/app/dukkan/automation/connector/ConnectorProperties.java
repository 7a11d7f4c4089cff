package app.dukkan.automation.connector;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Connector settings ({@code dukkan.automation.*}).
 *
 * @param http the {@code http} connector's timeouts, and the guard of every connector's outgoing HTTP
 * @param slack the {@code slack} connector's timeouts
 * @param whatsapp the Cloud API's address and the {@code whatsapp} connector's timeouts
 * @param breaker the circuit breaker of each connector target
 * @param pdf where rendered documents go and how long their links work
 * @param publicBaseUrl the shop's public address, which makes signed file links absolute
 */
@ConfigurationProperties("dukkan.automation")
record ConnectorProperties(
        @DefaultValue Http http,
        @DefaultValue Endpoint slack,
        @DefaultValue WhatsApp whatsapp,
        @DefaultValue Breaker breaker,
        @DefaultValue Pdf pdf,
        @DefaultValue("http://localhost:8080") String publicBaseUrl) {

    ConnectorProperties {
        publicBaseUrl =
                publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
    }

    /**
     * @param allowPrivateNetworks whether outgoing HTTP may reach loopback, private, link-local and
     *     other internal addresses (development and tests only)
     * @param allowedHosts host names (or IP literals) that may be reached even at such addresses,
     *     e.g. an ERP inside the company's network
     * @param readTimeout the longest wait for the next bytes of an answer
     * @param callTimeout the longest a call may take in all, from connecting to the answer's last
     *     byte: a target that sends a byte within every read timeout is cut off then
     * @param maxResponseBody how much of a response body is read and kept
     */
    record Http(
            @DefaultValue("false") boolean allowPrivateNetworks,
            @DefaultValue List<String> allowedHosts,
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("10s") Duration readTimeout,
            @DefaultValue("30s") Duration callTimeout,
            @DefaultValue("64KB") DataSize maxResponseBody) {}

    /** Timeouts as for {@link Http}. */
    record Endpoint(
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("10s") Duration readTimeout,
            @DefaultValue("30s") Duration callTimeout) {}

    /** The Cloud API's address; timeouts as for {@link Http}. */
    record WhatsApp(
            @DefaultValue("https://graph.facebook.com/v21.0")
            String baseUrl,

            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("15s") Duration readTimeout,
            @DefaultValue("30s") Duration callTimeout) {

        WhatsApp {
            baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        }
    }

    /**
     * A target's breaker opens when at least {@code minimumNumberOfCalls} of the last {@code
     * slidingWindowSize} calls were made and {@code failureRateThreshold} percent of them failed
     * retryably (5xx, 429, timeouts, refused connections); after {@code waitInOpenState} it lets
     * {@code permittedCallsInHalfOpenState} calls through, which close it again when they succeed.
     */
    record Breaker(
            @DefaultValue("50") float failureRateThreshold,
            @DefaultValue("20") int slidingWindowSize,
            @DefaultValue("10") int minimumNumberOfCalls,
            @DefaultValue("30s") Duration waitInOpenState,
            @DefaultValue("2") int permittedCallsInHalfOpenState) {}

    /**
     * @param linkValidity how long the signed link to a rendered document works
     * @param keyPrefix where documents are stored: {@code <keyPrefix>/<run id>/<step>.pdf}, private
     */
    record Pdf(
            @DefaultValue("24h") Duration linkValidity,
            @DefaultValue("private/automation/pdf") String keyPrefix) {}
}
