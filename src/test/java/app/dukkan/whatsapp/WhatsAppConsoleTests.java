package app.dukkan.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.PageClient;
import app.dukkan.testing.PageClient.Page;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The console's WhatsApp pages without JavaScript: the channel's status, conversations and their
 * transcripts with delivery states, and the simulator talking to the real conversation by forms.
 */
class WhatsAppConsoleTests extends WhatsAppContext {

    @Autowired
    Conversations conversations;

    @BeforeEach
    void meta() {
        metaAccepts();
    }

    @Test
    void theSimulatorTalksToTheConversationWithFormsAndNothingGoesToMeta() {
        PageClient admin = PageClient.admin(port);
        String phone = "+" + newPhone("44");

        Page empty = admin.get("/admin/whatsapp/simulator?phone=" + phone.replace("+", "%2B"))
                .expectStatus(200);
        assertThat(empty.one("#simulator-transcript").text()).contains("No messages yet");

        Page sent = admin.submit(empty, "form.chat-compose", Map.of("text", "hi"));
        assertThat(sent.location()).startsWith("/admin/whatsapp/simulator?phone=%2B");
        Page consent = admin.follow(sent).expectStatus(200);
        List<String> buttons =
                consent.html().select(".chat-out .chat-choices button").eachText();
        assertThat(buttons).containsExactly("I agree", "No thanks", "Language");

        Page menu = admin.follow(admin.submit(consent, "form:has(input[name=choice_id][value=consent:yes])", Map.of()));
        assertThat(menu.html().select(".chat-in").last().text()).contains("I agree");
        assertThat(menu.html().select(".chat-out").last().select("button").eachText())
                .contains("Browse products", "My cart", "My orders");
        assertThat(menu.html().select(".chat-out .status").eachText()).containsOnly("Delivered");
        assertThat(sentTo(phone.substring(1)))
                .as("the simulator never calls Meta")
                .isEmpty();

        // the htmx poll answers the transcript alone
        Page part = admin.get(
                        "/admin/whatsapp/simulator?phone=" + phone.replace("+", "%2B"), Map.of("HX-Request", "true"))
                .expectStatus(200);
        assertThat(part.html().select("#simulator-transcript .chat-message")).hasSizeGreaterThan(3);
        assertThat(part.html().select("main")).isEmpty();
    }

    @Test
    void theSimulatorRecordsNoConsentAndLeavesTheRealConversationAlone() {
        String phone = consented("44");
        long entries = consentEntries(phone);

        conversations.simulate("+" + phone, "hi", null, null);
        conversations.simulate("+" + phone, null, "consent:no", "No thanks");
        conversations.simulate("+" + phone, null, "consent:yes", "I agree");
        conversations.simulate("+" + phone, "STOP", null, null);

        assertThat(consentEntries(phone)).isEqualTo(entries);
        assertThat(whatsAppGranted(phone)).isTrue();
        assertThat(jdbc.sql("select opted_out from whatsapp_conversations where phone = ? and not simulated")
                        .param(phone)
                        .query(Boolean.class)
                        .single())
                .isFalse();
        assertThat(say(phone, "menu", 1)).hasSize(1);
    }

    @Test
    void badSimulatorInputIsAClearErrorAndChangesNothing() {
        PageClient admin = PageClient.admin(port);
        Page badPhone = admin.get("/admin/whatsapp/simulator?phone=12ab").expectStatus(400);
        assertThat(badPhone.one("#simulator-phone-error").text()).contains("international number");

        String phone = "+" + newPhone("44");
        Page page = admin.get("/admin/whatsapp/simulator?phone=" + phone.replace("+", "%2B"));
        Page blank =
                admin.submit(page, "form.chat-compose", Map.of("text", "   ")).expectStatus(422);
        assertThat(blank.one("#simulator-text-error").text()).contains("4,096");
        Page tooLong = admin.submit(page, "form.chat-compose", Map.of("text", "x".repeat(5000)))
                .expectStatus(422);
        assertThat(tooLong.one("#simulator-text-error")).isNotNull();
        assertThat(jdbc.sql("select count(*) from whatsapp_conversations where phone = ?")
                        .param(phone.substring(1))
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void conversationsAreListedWithTheirDeliveryStatesForAdminsOnly() {
        String phone = newPhone("44");
        say(phone, "hi", 1);
        PageClient admin = PageClient.admin(port);

        Page list = admin.get("/admin/whatsapp?phone=" + phone).expectStatus(200);
        assertThat(list.one(".whatsapp-status").text()).contains("Connected to the WhatsApp Cloud API");
        Element row = list.one("tbody tr");
        assertThat(row.text()).contains("+" + phone).contains("Asked");

        Page transcript = admin.get(row.select("a").attr("href")).expectStatus(200);
        assertThat(transcript.html().select(".chat-in"))
                .as("nothing kept before consent")
                .isEmpty();
        assertThat(transcript.html().select(".chat-out .status").eachText()).containsExactly("Sent");
        assertThat(transcript.one(".chat-out .chat-choices").text()).contains("I agree");

        admin.get("/admin/whatsapp/conversations/" + java.util.UUID.randomUUID())
                .expectStatus(404);
        admin.get("/admin/whatsapp/conversations/not-an-id").expectStatus(404);

        // sellers use the console, but may not read customers' chats
        String seller = new CatalogFixtures(port)
                .seller()
                .get("/api/v1/me")
                .json()
                .get("email")
                .asString();
        PageClient sellerPages = PageClient.signedIn(port, seller, "correct horse 42");
        sellerPages.get("/admin/whatsapp").expectStatus(403);
        sellerPages.get("/admin/whatsapp/simulator").expectStatus(403);
    }
}
