package app.dukkan.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.automation.connector.Connector;
import app.dukkan.automation.connector.Connectors;
import app.dukkan.automation.connector.StepCall;
import app.dukkan.automation.secret.Credentials;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.Shop;
import app.dukkan.whatsapp.chat.ConversationStore;
import app.dukkan.whatsapp.chat.Reply;
import app.dukkan.whatsapp.outbound.Outbox;
import app.dukkan.whatsapp.outbound.Sender;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** WhatsApp consent withdrawn on the account (web or API) holds for the numbers the account ordered from. */
class WhatsAppAccountConsentTests extends WhatsAppContext {

    @Autowired
    Connectors connectors;

    @Autowired
    Credentials credentials;

    @Autowired
    ConversationStore conversations;

    @Autowired
    Outbox outbox;

    @Autowired
    Sender sender;

    @Autowired
    TransactionTemplate transactions;

    @BeforeEach
    void meta() {
        metaAccepts();
    }

    @Test
    void anAccountsWithdrawalStopsAutomationsAndRepliesToItsChatNumberUntilStart() {
        String phone = consented("44");
        ApiClient account = signedUp();
        // the account's order placed from the chat makes the number the account's
        Shop shop = new Shop(port);
        shop.addToCart(account, shop.product("5.00", 5), 1);
        UUID draft = UUID.fromString(shop.draft(account, null, null).get("id").asString());
        jdbc.sql("update orders set chat_phone = ? where id = ?")
                .params("+" + phone, draft)
                .update();
        String credential = "wa-consent-" + System.nanoTime();
        credentials.save(
                credential,
                "whatsapp",
                "{\"phoneNumberId\": \"" + PHONE_NUMBER_ID + "\", \"accessToken\": \"EAAG-test-token\"}");
        Connector whatsapp = connectors.find("whatsapp").orElseThrow();
        Map<String, Object> input = Map.of("credential", credential, "to", phone, "text", "Your parcel is on its way");
        // a reply kept before the withdrawal and sent after it
        Outbox.Batch batch = transactions
                .execute(status -> outbox.keep(conversation(phone), List.of(Reply.text("Still there?"))))
                .orElseThrow();
        int sent = sentTo(phone).size();

        account.put("/api/v1/me/consents/whatsapp", Map.of("granted", false)).expectStatus(200);

        assertThat(whatsapp.call(call(input)).output()).containsKey("skipped");
        sender.sendAtOnce(batch);
        assertThat(outboundStatus(phone)).isEqualTo("skipped");
        assertThat(conversation(phone).optedOut()).isTrue();
        assertThat(sentTo(phone)).hasSize(sent);

        // START in the chat undoes it, as after STOP
        assertThat(bodyText(say(phone, "START", 2).get(0))).contains("Welcome back");
        assertThat(whatsapp.call(call(input)).providerMessageId()).startsWith("wamid.");
    }

    private app.dukkan.whatsapp.chat.Conversation conversation(String phone) {
        UUID id = jdbc.sql("select id from whatsapp_conversations where phone = ? and not simulated")
                .param(phone)
                .query(UUID.class)
                .single();
        return conversations.find(id).orElseThrow();
    }

    private ApiClient signedUp() {
        String email = CatalogFixtures.unique("wa-account-") + "@example.com";
        String password = "correct horse 42";
        ApiClient client = new ApiClient(port);
        client.post(
                        "/api/v1/auth/register",
                        Map.of("email", email, "password", password, "accept_privacy_notice", true, "marketing", false))
                .expectStatus(201);
        return client.login(email, password);
    }

    private static StepCall call(Map<String, Object> input) {
        return new StepCall(UUID.randomUUID(), "notify", "run-1:notify", input, "whsec_workflow_secret", false);
    }
}
