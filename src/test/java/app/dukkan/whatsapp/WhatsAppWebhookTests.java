package app.dukkan.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.testing.Prometheus;
import app.dukkan.whatsapp.outbound.Outbox;
import app.dukkan.whatsapp.outbound.Sender;
import app.dukkan.whatsapp.webhook.InboundProcessor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The webhook (M1): Meta's handshake, signatures, deliveries recorded once, consent first, opt-out. */
class WhatsAppWebhookTests extends WhatsAppContext {

    @Autowired
    InboundProcessor processor;

    @Autowired
    Sender sender;

    @BeforeEach
    void meta() {
        metaAccepts();
    }

    @Test
    void answersMetasHandshakeOnlyWithTheVerifyToken() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        String base = "http://localhost:" + port + "/webhook/whatsapp?hub.mode=subscribe&hub.challenge=1158201444";
        var ok = client.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "&hub.verify_token=verify-me"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("1158201444");

        var wrong = client.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "&hub.verify_token=guess"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).contains("verification-failed");
    }

    @Test
    void refusesMissingAndForgedSignaturesAndRecordsNothing() {
        String phone = newPhone("44");
        String body = delivery(phone, text(phone, newMessageId(), "hi"));
        long before = inboxRows();
        Prometheus prometheus = new Prometheus(port);
        Map<String, String> whatsapp = Map.of("source", "whatsapp");
        double signatureFailures = prometheus.value("dukkan_webhook_signature_failures_total", whatsapp);

        Response missing = deliver(body, null);
        Response forged = deliver(body, "sha256=" + sign(body + " "));
        Response garbage = deliver(body, "sha256=zz-not-hex");
        Response tampered = deliver(body.replace("hi", "ho"), "sha256=" + sign(body));

        for (Response response : List.of(missing, forged, garbage, tampered)) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.body()).contains("invalid-signature");
        }
        assertThat(inboxRows()).isEqualTo(before);
        assertThat(sentTo(phone)).isEmpty();
        assertThat(prometheus.value("dukkan_webhook_signature_failures_total", whatsapp))
                .isEqualTo(signatureFailures + 4);
    }

    @Test
    void aSignedBodyThatIsNotJsonIsABadRequest() {
        Prometheus prometheus = new Prometheus(port);
        Map<String, String> invalidPayload = Map.of("source", "whatsapp", "reason", "invalid-payload");
        double failures = prometheus.value("dukkan_webhook_failures_total", invalidPayload);

        Response response = deliver("not json", "sha256=" + sign("not json"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("invalid-payload");
        assertThat(prometheus.value("dukkan_webhook_failures_total", invalidPayload))
                .isEqualTo(failures + 1);
    }

    @Test
    void firstContactAsksForConsentAndKeepsNothingOfTheMessage() {
        String phone = newPhone("44");
        List<JsonNode> replies = say(phone, "Hello, my name is Jane Roe", 1);

        JsonNode ask = replies.get(0);
        assertThat(ask.path("type").asString()).isEqualTo("interactive");
        assertThat(bodyText(ask)).contains("privacy").contains("/privacy");
        assertThat(choiceIds(ask)).containsExactly("consent:yes", "consent:no", "lang");
        assertThat(jdbc.sql("select count(*) from whatsapp_messages m join whatsapp_conversations c"
                                + " on c.id = m.conversation_id where c.phone = ? and m.direction = 'in'")
                        .param(phone)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from whatsapp_inbox where phone = ? and payload is not null")
                        .param(phone)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from whatsapp_messages m join whatsapp_conversations c"
                                + " on c.id = m.conversation_id where m.summary like '%Jane Roe%'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void consentOpensTheMenuAndIsLogged() {
        String phone = newPhone("44");
        say(phone, "hi", 1);
        List<JsonNode> replies = choose(phone, "consent:yes", 2);

        assertThat(bodyText(replies.get(0))).contains("STOP");
        assertThat(choiceIds(replies.get(1))).contains("browse", "cart", "orders", "help", "lang");
        assertThat(jdbc.sql("select consent from whatsapp_conversations where phone = ? and not simulated")
                        .param(phone)
                        .query(String.class)
                        .single())
                .isEqualTo("granted");
        // from now on the customer's messages are kept
        say(phone, "menu", 1);
        assertThat(jdbc.sql("select count(*) from whatsapp_messages m join whatsapp_conversations c"
                                + " on c.id = m.conversation_id where c.phone = ? and m.direction = 'in'")
                        .param(phone)
                        .query(Long.class)
                        .single())
                .isEqualTo(2L);
    }

    @Test
    void aRedeliveredMessageIsProcessedOnce() {
        String phone = newPhone("44");
        String body = delivery(phone, text(phone, newMessageId(), "hi"));

        Response first = deliver(body);
        Response again = deliver(body);

        assertThat(first.body()).contains("\"recorded\":1");
        assertThat(again.body()).contains("\"recorded\":0").contains("\"repeated\":1");
        await().atMost(Duration.ofSeconds(10)).until(() -> sentTo(phone).size() >= 1);
        await().during(Duration.ofMillis(800))
                .atMost(Duration.ofSeconds(3))
                .until(() -> sentTo(phone).size() == 1);
    }

    @Test
    void aTurnsJobRunAgainAfterACrashSendsOnlyTheRepliesStillQueued() {
        String phone = newPhone("44");
        String id = newMessageId();
        deliver(delivery(phone, text(phone, id, "hi")));
        await().atMost(Duration.ofSeconds(10)).until(() -> sentTo(phone).size() == 1);

        // the job ran again once everything was sent: nothing more goes out
        processor.process(id).ifPresent(sender::sendAtOnce);
        assertThat(sentTo(phone)).hasSize(1);

        // as if the process had died between the turn's commit and the send
        Outbox.Batch replies = processor.process(id).orElseThrow();
        assertThat(replies.messageIds()).hasSize(1);
        jdbc.sql("update whatsapp_messages set status = 'queued', wa_message_id = null, sent_at = null where id = ?")
                .param(replies.messageIds().get(0))
                .update();
        processor.process(id).ifPresent(sender::sendAtOnce);
        assertThat(sentTo(phone)).hasSize(2);
        assertThat(outboundStatus(phone)).isEqualTo("sent");
    }

    @Test
    void anArabicNumberIsAnsweredInArabicUntilTheCustomerChooses() {
        String phone = newPhone("966");
        JsonNode ask = say(phone, "مرحبا", 1).get(0);
        assertThat(bodyText(ask)).contains("أهلًا").contains("/ar/privacy");
        assertThat(choiceIds(ask)).contains("lang");
        assertThat(choiceIds(choose(phone, "lang", 1).get(0))).containsExactly("lang:en", "lang:de", "lang:ar");

        JsonNode english = choose(phone, "lang:en", 1).get(0);
        assertThat(bodyText(english)).contains("Welcome").contains("/privacy");
    }

    @Test
    void aGermanNumberIsAnsweredInGerman() {
        String phone = newPhone("49");
        JsonNode ask = say(phone, "Hallo", 1).get(0);
        assertThat(bodyText(ask)).contains("Willkommen").contains("/de/privacy");
        choose(phone, "consent:yes", 2);
        assertThat(bodyText(say(phone, "english", 1).get(0))).contains("What would you like to do?");
    }

    @Test
    void aMessageOlderThanTheServiceWindowGetsNoFreeFormReply() {
        // Meta's redelivery of a message a day old, from someone who has not written since
        String phone = newPhone("44");
        String old = """
                {"from": "%s", "id": "%s", "timestamp": "%d", "type": "text", "text": {"body": "menu"}}""".formatted(phone, newMessageId(), now() - 25 * 3600);
        int sent = sentTo(phone).size();
        deliver(delivery(phone, old));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("select count(*) from whatsapp_messages m join whatsapp_conversations c"
                                        + " on c.id = m.conversation_id where c.phone = ? and m.status = 'skipped'"
                                        + " and m.error like 'outside the customer service window%'")
                                .param(phone)
                                .query(Long.class)
                                .single()
                        == 1);
        assertThat(sentTo(phone)).hasSize(sent);
    }

    @Test
    void somethingItCannotReadGetsAPoliteAnswer() {
        String phone = consented("44");
        String image = """
                {"from": "%s", "id": "%s", "timestamp": "1733475600", "type": "image",
                 "image": {"id": "1479537139650973", "mime_type": "image/jpeg"}}""".formatted(phone, newMessageId());
        JsonNode reply = exchange(phone, delivery(phone, image));
        assertThat(bodyText(reply)).contains("can't read that yet");
    }

    @Test
    void aMessageWithTextNoneMayStoreIsAnsweredAsUnreadableAndTheRestOfItsDeliveryIsKept() {
        String phone = consented("44");
        String other = consented("44");
        String nul = text(phone, newMessageId(), "x").replace("\"x\"", "\"stop\\u0000\"");
        int before = sentTo(phone).size();
        int otherBefore = sentTo(other).size();

        Response response = deliver(delivery(phone, nul + ", " + text(other, newMessageId(), "menu")));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("\"recorded\":2");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> sentTo(phone).size() > before && sentTo(other).size() > otherBefore);
        assertThat(bodyText(sentTo(phone).get(before))).contains("can't read that yet");
    }

    @Test
    void stopOptsOutAndNothingIsSentUntilStart() {
        String phone = consented("44");
        JsonNode confirmation = say(phone, "STOP", 1).get(0);
        assertThat(bodyText(confirmation)).contains("START");
        int sent = sentTo(phone).size();

        deliver(delivery(phone, text(phone, newMessageId(), "menu")));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("select count(*) from whatsapp_messages m join whatsapp_conversations c"
                                        + " on c.id = m.conversation_id where c.phone = ? and m.status = 'skipped'")
                                .param(phone)
                                .query(Long.class)
                                .single()
                        >= 1);
        assertThat(sentTo(phone)).hasSize(sent);

        List<JsonNode> back = say(phone, "START", 2);
        assertThat(bodyText(back.get(0))).contains("Welcome back");
    }

    @Test
    void agreeingAfterStopDoesNotUndoIt() {
        String phone = newPhone("44");
        say(phone, "hi", 1);
        say(phone, "STOP", 1);

        // the thanks says how to come back, and the number stays withdrawn
        assertThat(bodyText(choose(phone, "consent:yes", 1).get(0))).contains("START");
        assertThat(whatsAppGranted(phone)).isFalse();
        assertThat(optedOut(phone)).isTrue();

        assertThat(bodyText(say(phone, "START", 2).get(0))).contains("Welcome back");
        assertThat(whatsAppGranted(phone)).isTrue();
    }

    @Test
    void stopIsUnderstoodAsPeopleTypeIt() {
        // the longest message WhatsApp lets through reads as its first 4,096 characters
        // also with the direction marks and stretching a phone's keyboard or a copy and paste adds
        for (String stop : List.of(
                "Stop!",
                "STOPP.",
                "ايقاف",
                " stop ",
                "¡STOP" + " !".repeat(32_000),
                "\u200FSTOP",
                "\uFEFFstop\u200E",
                "\u2067إيقاف\u2069",
                "إيقـاف",
                "توقّف")) {
            String phone = consented("49");
            assertThat(bodyText(say(phone, stop, 1).get(0))).as(stop).contains("START");
            assertThat(jdbc.sql("select opted_out from whatsapp_conversations where phone = ?")
                            .param(phone)
                            .query(Boolean.class)
                            .single())
                    .as(stop)
                    .isTrue();
            assertThat(bodyText(say(phone, "ابدا", 2).get(0))).as("start again").isNotBlank();
        }
    }

    @Test
    void aSevenDigitNumberGetsItsOrdersAnswered() {
        String phone =
                "683" + (4000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(5000));
        // few such numbers: one an earlier run used starts afresh
        jdbc.sql("delete from whatsapp_conversations where phone = ?")
                .param(phone)
                .update();
        say(phone, "hi", 1);
        choose(phone, "consent:yes", 2);
        assertThat(say(phone, "orders", 1)).hasSize(1);
    }

    @Test
    void deliveryStatesMoveForwardWhateverOrderMetaReportsThemIn() {
        String phone = newPhone("44");
        say(phone, "hi", 1);
        // Meta got the message a moment before the sender records its id
        String wamid = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> jdbc.sql("select m.wa_message_id from whatsapp_messages m join whatsapp_conversations c"
                                        + " on c.id = m.conversation_id where c.phone = ? and m.direction = 'out'")
                                .param(phone)
                                .query(String.class)
                                .optional()
                                .orElse(null),
                        java.util.Objects::nonNull);

        deliver(statusDelivery(wamid, phone, "read"));
        deliver(statusDelivery(wamid, phone, "delivered"));
        deliver(statusDelivery(wamid, phone, "sent"));
        deliver(statusDelivery(wamid, phone, "read"));

        await().atMost(Duration.ofSeconds(10)).until(() -> "read".equals(status(wamid)));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> "read".equals(status(wamid)));
        assertThat(jdbc.sql("select delivered_at is not null and read_at is not null from whatsapp_messages"
                                + " where wa_message_id = ?")
                        .param(wamid)
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }

    @Test
    void aStatusThatOvertakesItsSendIsKeptUntilTheSendIsRecorded() {
        String phone = newPhone("44");
        String wamid = "wamid.EARLY" + System.nanoTime();
        META.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                        com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(MESSAGES))
                .atPriority(1)
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath(
                        "$.to", com.github.tomakehurst.wiremock.client.WireMock.equalTo(phone)))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(
                        "{\"messages\": [{\"id\": \"" + wamid + "\"}]}")));

        deliver(statusDelivery(wamid, phone, "delivered"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("select count(*) from whatsapp_early_statuses where wa_message_id = ?")
                                .param(wamid)
                                .query(Long.class)
                                .single()
                        == 1);
        say(phone, "hi", 1);

        await().atMost(Duration.ofSeconds(10)).until(() -> "delivered".equals(status(wamid)));
        assertThat(jdbc.sql("select count(*) from whatsapp_early_statuses where wa_message_id = ?")
                        .param(wamid)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private boolean optedOut(String phone) {
        return jdbc.sql("select opted_out from whatsapp_conversations where phone = ? and not simulated")
                .param(phone)
                .query(Boolean.class)
                .single();
    }

    private String status(String wamid) {
        return jdbc.sql("select status from whatsapp_messages where wa_message_id = ?")
                .param(wamid)
                .query(String.class)
                .single();
    }

    private long inboxRows() {
        return jdbc.sql("select count(*) from whatsapp_inbox").query(Long.class).single();
    }

    private JsonNode exchange(String phone, String delivery) {
        int before = sentTo(phone).size();
        deliver(delivery);
        await().atMost(Duration.ofSeconds(10)).until(() -> sentTo(phone).size() > before);
        return sentTo(phone).get(before);
    }
}
