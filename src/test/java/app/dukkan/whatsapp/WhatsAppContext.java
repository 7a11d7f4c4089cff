package app.dukkan.whatsapp;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.awaitility.Awaitility.await;

import app.dukkan.testing.DukkanTest;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The context of the WhatsApp tests: the channel configured with test credentials, the Cloud API
 * played by WireMock (which runs as long as the test JVM does), sends retried soon, and a breaker
 * that opens after four failed calls and tries again after two seconds.
 */
@DukkanTest
@TestPropertySource(
        properties = {
            "dukkan.whatsapp.verify-token=verify-me",
            "dukkan.whatsapp.app-secret=" + WhatsAppContext.APP_SECRET,
            "dukkan.whatsapp.phone-number-id=" + WhatsAppContext.PHONE_NUMBER_ID,
            "dukkan.whatsapp.access-token=EAAG-test-token",
            "dukkan.whatsapp.retry.max-attempts=4",
            "dukkan.whatsapp.retry.first-delay=200ms",
            "dukkan.automation.breaker.minimum-number-of-calls=4",
            "dukkan.automation.breaker.sliding-window-size=4",
            "dukkan.automation.breaker.wait-in-open-state=2s",
            "dukkan.automation.whatsapp.read-timeout=2s",
            "db-scheduler.polling-interval=200ms"
        })
public abstract class WhatsAppContext {

    static final String APP_SECRET = "test-app-secret";
    static final String PHONE_NUMBER_ID = "1055500001";
    static final String MESSAGES = "/v21.0/" + PHONE_NUMBER_ID + "/messages";

    static final WireMockServer META = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        META.start();
        Runtime.getRuntime().addShutdownHook(new Thread(META::stop));
    }

    private static final AtomicLong SENT = new AtomicLong();
    private static final AtomicLong PHONES = new AtomicLong(System.nanoTime() % 1_000_000);

    @DynamicPropertySource
    static void cloudApi(DynamicPropertyRegistry registry) {
        registry.add("dukkan.automation.whatsapp.base-url", () -> "http://localhost:" + META.port() + "/v21.0");
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected JsonMapper json;

    private final HttpClient http = HttpClient.newHttpClient();

    /** Meta accepts every message with a new id. */
    protected static void metaAccepts() {
        META.resetAll();
        META.stubFor(post(urlEqualTo(MESSAGES))
                .willReturn(okJson(
                                "{\"messaging_product\": \"whatsapp\", \"messages\": [{\"id\": \"wamid.{{randomValue length=16 type='ALPHANUMERIC'}}\"}]}")
                        .withTransformers("response-template")));
    }

    /** A new customer's number in E.164 digits (German mobile unless told). */
    protected static String newPhone(String countryCode) {
        return countryCode + String.format("15%08d", PHONES.incrementAndGet());
    }

    protected record Response(int status, String body) {}

    protected Response deliver(String body) {
        return deliver(body, "sha256=" + sign(body));
    }

    protected Response deliver(String body, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/webhook/whatsapp"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected static String sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(APP_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A delivery with one message, as Meta sends it. */
    protected static String delivery(String phone, String messageJson) {
        return """
                {"object": "whatsapp_business_account", "entry": [{"id": "102290129340398", "changes": [{"field": "messages",
                 "value": {"messaging_product": "whatsapp",
                           "metadata": {"display_phone_number": "15550783881", "phone_number_id": "%s"},
                           "contacts": [{"profile": {"name": "Test Customer"}, "wa_id": "%s"}],
                           "messages": [%s]}}]}]}""".formatted(PHONE_NUMBER_ID, phone, messageJson);
    }

    protected static String text(String phone, String id, String body) {
        return """
                {"from": "%s", "id": "%s", "timestamp": "%d", "type": "text", "text": {"body": %s}}""".formatted(phone, id, now(), quoted(body));
    }

    protected static String tap(String phone, String id, String choiceId) {
        return """
                {"from": "%s", "id": "%s", "timestamp": "%d", "type": "interactive",
                 "interactive": {"type": "button_reply", "button_reply": {"id": %s, "title": "tap"}}}""".formatted(phone, id, now(), quoted(choiceId));
    }

    protected static String statusDelivery(String wamid, String phone, String status) {
        return """
                {"object": "whatsapp_business_account", "entry": [{"id": "102290129340398", "changes": [{"field": "messages",
                 "value": {"messaging_product": "whatsapp",
                           "metadata": {"display_phone_number": "15550783881", "phone_number_id": "%s"},
                           "statuses": [{"id": "%s", "status": "%s", "timestamp": "%d", "recipient_id": "%s"}]}}]}]}""".formatted(PHONE_NUMBER_ID, wamid, status, now(), phone);
    }

    /** Meta's timestamps: seconds since the epoch. */
    protected static long now() {
        return System.currentTimeMillis() / 1000;
    }

    protected static String newMessageId() {
        return "wamid.TEST" + SENT.incrementAndGet() + "x" + System.nanoTime();
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    /** Sends the customer's text and waits until {@code replies} more messages reached Meta for them. */
    protected List<JsonNode> say(String phone, String text, int replies) {
        return exchange(phone, delivery(phone, text(phone, newMessageId(), text)), replies);
    }

    /** A customer who agreed, after the menu reached them. */
    protected String consented(String countryCode) {
        String phone = newPhone(countryCode);
        say(phone, "hi", 1);
        choose(phone, "consent:yes", 2);
        return phone;
    }

    /** Whether the latest WhatsApp consent entry of the number is a grant. */
    protected boolean whatsAppGranted(String phone) {
        return jdbc.sql("select granted from consents where phone = ? and purpose = 'whatsapp'"
                        + " order by at desc, id desc limit 1")
                .param("+" + phone)
                .query(Boolean.class)
                .single();
    }

    /** How many consent entries name the number. */
    protected long consentEntries(String phone) {
        return jdbc.sql("select count(*) from consents where phone = ?")
                .param("+" + phone)
                .query(Long.class)
                .single();
    }

    /** Taps a reply button or list row and waits for {@code replies} messages. */
    protected List<JsonNode> choose(String phone, String choiceId, int replies) {
        return exchange(phone, delivery(phone, tap(phone, newMessageId(), choiceId)), replies);
    }

    private List<JsonNode> exchange(String phone, String delivery, int replies) {
        int before = sentTo(phone).size();
        Response response = deliver(delivery);
        if (response.status() != 200) {
            throw new AssertionError("delivery answered " + response.status() + ": " + response.body());
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> sentTo(phone).size() >= before + replies);
        List<JsonNode> all = sentTo(phone);
        return all.subList(before, all.size());
    }

    /** The state of the latest message sent to the number, or "none". */
    protected String outboundStatus(String phone) {
        return jdbc.sql("""
                        select m.status from whatsapp_messages m join whatsapp_conversations c on c.id = m.conversation_id
                         where c.phone = ? and m.direction = 'out' order by m.created_at desc limit 1""").param(phone).query(String.class).optional().orElse("none");
    }

    /** What reached Meta for this number, oldest first (WireMock's journal keeps arrival order). */
    protected List<JsonNode> sentTo(String phone) {
        List<LoggedRequest> requests = META.findAll(postRequestedFor(urlEqualTo(MESSAGES)));
        return requests.stream()
                .map(request -> json.readTree(request.getBodyAsString()))
                .filter(body -> body.path("to").asString("").equals(phone))
                .toList();
    }

    /** The ids of a sent message's buttons or list rows. */
    protected static List<String> choiceIds(JsonNode message) {
        JsonNode action = message.path("interactive").path("action");
        List<String> ids = new java.util.ArrayList<>();
        action.path("buttons")
                .forEach(button -> ids.add(button.path("reply").path("id").asString()));
        action.path("sections")
                .forEach(section -> section.path("rows")
                        .forEach(row -> ids.add(row.path("id").asString())));
        return ids;
    }

    protected static String bodyText(JsonNode message) {
        return message.has("text")
                ? message.path("text").path("body").asString()
                : message.path("interactive").path("body").path("text").asString();
    }
}
