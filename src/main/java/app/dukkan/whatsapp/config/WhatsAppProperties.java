package app.dukkan.whatsapp.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The WhatsApp channel's settings ({@code dukkan.whatsapp.*}). Without the four credentials the
 * channel is simulator-only: the webhook refuses deliveries and nothing is sent to Meta.
 *
 * @param verifyToken what Meta's verification handshake must present ({@code hub.verify_token})
 * @param appSecret the Meta app's secret, which signs every delivery ({@code X-Hub-Signature-256})
 * @param phoneNumberId the business phone number that sends
 * @param accessToken the Cloud API token of that number
 * @param serviceWindow how long after a customer's message free-form replies may be sent
 * @param templates the approved templates sent outside that window
 * @param publicBaseUrl the shop's public address, for links in messages (privacy notice, pictures)
 * @param retry how failed sends are tried again before they are dead letters
 * @param retention how long conversations and the inbox's records of deliveries are kept
 * @param arabicCountryCodes calling codes of countries whose customers are answered in Arabic until they choose
 * @param germanCountryCodes calling codes of countries whose customers are answered in German until
 *     they choose; everyone else is answered in English
 */
@ConfigurationProperties("dukkan.whatsapp")
public record WhatsAppProperties(
        @DefaultValue("") String verifyToken,
        @DefaultValue("") String appSecret,
        @DefaultValue("") String phoneNumberId,
        @DefaultValue("") String accessToken,
        @DefaultValue("24h") Duration serviceWindow,
        @DefaultValue Templates templates,
        @DefaultValue("http://localhost:8080") String publicBaseUrl,
        @DefaultValue Retry retry,
        @DefaultValue Retention retention,

        @DefaultValue({
            "20", "212", "213", "216", "218", "222", "249", "252", "253", "269", "961", "962", "963", "964", "965",
            "966", "967", "968", "970", "971", "973", "974"
        })
        List<String> arabicCountryCodes,

        @DefaultValue({"49", "43", "41", "423"}) List<String> germanCountryCodes) {

    public WhatsAppProperties {
        publicBaseUrl =
                publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
    }

    /** Whether Meta's deliveries are accepted and messages sent; else only the simulator talks. */
    public boolean configured() {
        return !verifyToken.isBlank() && !appSecret.isBlank() && !phoneNumberId.isBlank() && !accessToken.isBlank();
    }

    /**
     * Approved template names, each with one body parameter.
     *
     * @param orderPaid sent when a paid order's customer has not written for longer than the window
     *     (parameter: the order number)
     * @param orderUpdate sent for an order's later news outside the window (parameter: the news)
     */
    public record Templates(
            @DefaultValue("order_paid") String orderPaid,
            @DefaultValue("order_update") String orderUpdate) {}

    /**
     * @param conversations a conversation (its messages and state) is deleted this long after its
     *     last message; the consent log keeps the customer's answers
     * @param inbox a processed delivery's record, which refuses Meta's redeliveries (Meta retries
     *     for up to 7 days), is deleted this long after it was processed
     */
    public record Retention(
            @DefaultValue("365d") Duration conversations,
            @DefaultValue("14d") Duration inbox) {

        public Retention {
            if (inbox.compareTo(Duration.ofDays(7)) < 0) {
                throw new IllegalArgumentException(
                        "dukkan.whatsapp.retention.inbox must be at least 7 days: Meta redelivers that long");
            }
            if (conversations.compareTo(Duration.ofDays(1)) < 0) {
                throw new IllegalArgumentException("dukkan.whatsapp.retention.conversations must be at least one day");
            }
        }
    }

    public record Retry(
            @DefaultValue("6") int maxAttempts,
            @DefaultValue("10s") Duration firstDelay) {}
}
