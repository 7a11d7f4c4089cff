package app.dukkan.automation.connector;

import static app.dukkan.automation.connector.ConnectorFixtures.call;
import static app.dukkan.automation.connector.ConnectorFixtures.dryRun;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.dukkan.privacy.Consents;
import app.dukkan.privacy.DataSubject;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WhatsAppConnectorTests {

    static final WireMockServer META = new WireMockServer(wireMockConfig().dynamicPort());
    static final String MESSAGES = "/v21.0/1055512345/messages";
    static final String ACCEPTED = """
            {"messaging_product": "whatsapp", "contacts": [{"input": "4915123456789", "wa_id": "4915123456789"}],
             "messages": [{"id": "wamid.HBgLNDkxNTEyMzQ1Njc4OVUCABIYFjNFQjBDNzE1"}]}""";

    ConnectorFixtures fixtures;
    WhatsAppConnector whatsapp;

    @BeforeAll
    static void start() {
        META.start();
    }

    @AfterAll
    static void stop() {
        META.stop();
    }

    @BeforeEach
    void fresh() {
        META.resetAll();
        fixtures = new ConnectorFixtures(
                false,
                List.of("localhost"),
                ConnectorFixtures.READ_TIMEOUT,
                "http://localhost:" + META.port() + "/v21.0/");
        fixtures.credentials.save(
                "shop-whatsapp", "whatsapp", "{\"phoneNumberId\": \"1055512345\", \"accessToken\": \"EAAG-secret\"}");
        whatsapp = fixtures.whatsapp();
    }

    @Test
    void sendsNothingToANumberWhoseOwnerWithdrewWhatsAppContactUntilTheyOptBackIn() {
        META.stubFor(post(urlEqualTo(MESSAGES)).willReturn(okJson(ACCEPTED)));
        DataSubject owner = DataSubject.ofPhone("+4915123456789");
        fixtures.consents.record(owner, Consents.Purpose.WHATSAPP, true, Consents.Channel.WHATSAPP);
        fixtures.consents.record(owner, Consents.Purpose.WHATSAPP, false, Consents.Channel.WHATSAPP);
        Map<String, Object> input = Map.of("credential", "shop-whatsapp", "to", "4915123456789", "text", "Shipped!");

        StepResult skipped = whatsapp.call(call(input));

        assertThat(skipped.output()).containsKey("skipped");
        assertThat(skipped.providerMessageId()).isNull();
        META.verify(0, postRequestedFor(urlEqualTo(MESSAGES)));

        fixtures.consents.record(owner, Consents.Purpose.WHATSAPP, true, Consents.Channel.WHATSAPP);
        assertThat(whatsapp.call(call(input)).providerMessageId()).startsWith("wamid.");
        META.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void sendsATemplateInTheCloudApisShapeAndAnswersTheWamid() {
        META.stubFor(post(urlEqualTo(MESSAGES)).willReturn(okJson(ACCEPTED)));
        Map<String, Object> template = Map.of(
                "name", "order_shipped",
                "language", "de",
                "components",
                        List.of(Map.of(
                                "type", "body", "parameters", List.of(Map.of("type", "text", "text", "DK-1001")))));

        StepResult result = whatsapp.call(
                call(Map.of("credential", "shop-whatsapp", "to", "+4915123456789", "template", template)));

        assertThat(result.output()).containsEntry("messageId", "wamid.HBgLNDkxNTEyMzQ1Njc4OVUCABIYFjNFQjBDNzE1");
        assertThat(result.providerMessageId()).isEqualTo("wamid.HBgLNDkxNTEyMzQ1Njc4OVUCABIYFjNFQjBDNzE1");
        META.verify(postRequestedFor(urlEqualTo(MESSAGES))
                .withHeader("Authorization", equalTo("Bearer EAAG-secret"))
                .withRequestBody(equalToJson("""
                        {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "4915123456789",
                         "type": "template",
                         "template": {"name": "order_shipped", "language": {"code": "de"},
                                      "components": [{"type": "body",
                                                      "parameters": [{"type": "text", "text": "DK-1001"}]}]}}""")));
    }

    @Test
    void sendsAText() {
        META.stubFor(post(urlEqualTo(MESSAGES)).willReturn(okJson(ACCEPTED)));

        StepResult result = whatsapp.call(
                call(Map.of("credential", "shop-whatsapp", "to", "4915123456789", "text", "Your order shipped")));

        assertThat(result.output()).containsEntry("messageId", "wamid.HBgLNDkxNTEyMzQ1Njc4OVUCABIYFjNFQjBDNzE1");
        META.verify(postRequestedFor(urlEqualTo(MESSAGES)).withRequestBody(equalToJson("""
                {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "4915123456789",
                 "type": "text", "text": {"body": "Your order shipped", "preview_url": false}}""")));
    }

    @Test
    void theClientIsUsableOnItsOwn() {
        META.stubFor(post(urlEqualTo(MESSAGES)).willReturn(okJson(ACCEPTED)));
        WhatsAppCloudApi api = fixtures.whatsappApi();

        WhatsAppCloudApi.Sent sent =
                api.sendText(new WhatsAppCloudApi.Account("1055512345", "EAAG-secret"), "4915123456789", "Hello");

        assertThat(sent.messageId()).startsWith("wamid.");
        assertThat(sent.waId()).isEqualTo("4915123456789");
    }

    @Test
    void throttlingAndServerErrorsAreRetryableAnInvalidRecipientIsNot() {
        META.stubFor(post(urlEqualTo(MESSAGES))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"error\": {\"message\": \"(#130429) Rate limit hit\", \"type\": \"OAuthException\","
                                        + " \"code\": 130429, \"fbtrace_id\": \"A1\"}}")));
        assertThatThrownBy(() ->
                        whatsapp.call(call(Map.of("credential", "shop-whatsapp", "to", "4915123456789", "text", "x"))))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).contains("130429");
                });

        META.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() ->
                        whatsapp.call(call(Map.of("credential", "shop-whatsapp", "to", "4915123456789", "text", "x"))))
                .isInstanceOfSatisfying(
                        ConnectorException.class, e -> assertThat(e.retryable()).isTrue());

        META.stubFor(post(urlEqualTo(MESSAGES))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": {\"message\": \"(#131026) Message undeliverable\", \"code\": 131026,"
                                + " \"error_data\": {\"details\": \"recipient is not a WhatsApp user\"}}}")));
        assertThatThrownBy(() ->
                        whatsapp.call(call(Map.of("credential", "shop-whatsapp", "to", "4915123456789", "text", "x"))))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("131026", "not a WhatsApp user");
                });
    }

    @Test
    void refusesBothOrNeitherOfTextAndTemplateAndABadNumber() {
        assertThatThrownBy(() -> whatsapp.call(call(Map.of(
                        "credential", "shop-whatsapp",
                        "to", "4915123456789",
                        "text", "x",
                        "template", Map.of("name", "t", "language", "en")))))
                .isInstanceOfSatisfying(
                        ConnectorException.class, e -> assertThat(e.retryable()).isFalse());
        assertThatThrownBy(() -> whatsapp.call(call(Map.of("credential", "shop-whatsapp", "to", "4915123456789"))))
                .isInstanceOf(ConnectorException.class);
        assertThatThrownBy(
                        () -> whatsapp.call(call(Map.of("credential", "shop-whatsapp", "to", "call me", "text", "x"))))
                .isInstanceOfSatisfying(
                        ConnectorException.class,
                        e -> assertThat(e.getMessage()).contains("E.164"));
        assertThat(META.getAllServeEvents()).isEmpty();
    }

    @Test
    void aDryRunShowsTheBodyAndSendsNothing() {
        StepResult result =
                whatsapp.call(dryRun(Map.of("credential", "shop-whatsapp", "to", "4915123456789", "text", "Hello")));

        assertThat(result.output().toString())
                .contains("4915123456789", "Hello")
                .doesNotContain("EAAG-secret");
        assertThat(META.getAllServeEvents()).isEmpty();
    }
}
