package app.dukkan.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.automation.connector.Connector;
import app.dukkan.automation.connector.Connectors;
import app.dukkan.automation.connector.StepCall;
import app.dukkan.automation.secret.Credentials;
import app.dukkan.identity.IdentityEvents;
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
import tools.jackson.databind.JsonNode;

/**
 * WhatsApp consent withdrawn or granted on the account (web or API) holds for the numbers the account,
 * or its email, ordered from; STOP in the chat is the number's own and only START undoes it.
 */
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

    @Autowired
    IdentityEvents identityEvents;

    private static final String WHATSAPP = "/api/v1/me/consents/whatsapp";

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

    @Test
    void aGrantOnTheAccountAgainReopensTheNumbersItsWithdrawalClosedButNotThoseThatSentStop() {
        Account account = confirmed();
        Shop.Variant lamp = new Shop(port).product("5.00", 50);
        String linked = consented("44");
        String stoppedBefore = consented("44");
        String stoppedAfter = consented("44");
        for (String phone : List.of(linked, stoppedBefore, stoppedAfter)) {
            checkoutInChat(phone, lamp, account.email());
        }
        say(stoppedBefore, "STOP", 1);
        account.api().put(WHATSAPP, Map.of("granted", false)).expectStatus(200);
        assertThat(conversation(linked).optedOut()).isTrue();
        // STOP while the account's withdrawal holds is the number's own word all the same
        say(stoppedAfter, "STOP", 1);

        account.api().put(WHATSAPP, Map.of("granted", true)).expectStatus(200);

        assertThat(conversation(linked).optedOut()).isFalse();
        assertThat(whatsAppGranted(linked)).isTrue();
        assertThat(choiceIds(say(linked, "hi", 1).get(0))).contains("browse");
        for (String stopped : List.of(stoppedBefore, stoppedAfter)) {
            assertThat(conversation(stopped).optedOut()).as(stopped).isTrue();
            assertThat(whatsAppGranted(stopped)).as(stopped).isFalse();
        }
    }

    @Test
    void aNumberLinkedAfterTheAccountsWithdrawalStartsOptedOutUntilStart() {
        Account account = confirmed();
        Shop.Variant lamp = new Shop(port).product("5.00", 50);
        account.api().put(WHATSAPP, Map.of("granted", false)).expectStatus(200);
        String phone = consented("44");
        assertThat(whatsAppGranted(phone)).isTrue();

        // the chat's checkout under the account's email links the number to the account
        JsonNode notice = checkoutInChat(phone, lamp, account.email());

        assertThat(bodyText(notice)).contains("START");
        assertThat(conversation(phone).optedOut()).isTrue();
        assertThat(whatsAppGranted(phone)).isFalse();
        // START is newer than the withdrawal: the next checkout under the same email goes on
        assertThat(bodyText(say(phone, "START", 2).get(0))).contains("Welcome back");
        JsonNode next = checkoutInChat(phone, lamp, account.email());
        assertThat(next.has("interactive") ? choiceIds(next).get(0) : bodyText(next))
                .containsAnyOf("ship:", "/checkout/link/");
        assertThat(conversation(phone).optedOut()).isFalse();
    }

    @Test
    void aNumberOfTwoAccountsIsReopenedOnlyOnceNeitherWithdraws() {
        Account byEmail = confirmed();
        Shop shop = new Shop(port);
        Shop.Variant lamp = shop.product("5.00", 50);
        String phone = consented("44");
        checkoutInChat(phone, lamp, byEmail.email());
        // the other account's own order, placed from the same chat
        ApiClient byOrder = signedUp();
        shop.addToCart(byOrder, lamp, 1);
        UUID draft = UUID.fromString(shop.draft(byOrder, null, null).get("id").asString());
        jdbc.sql("update orders set chat_phone = ? where id = ?")
                .params("+" + phone, draft)
                .update();
        byEmail.api().put(WHATSAPP, Map.of("granted", false)).expectStatus(200);
        byOrder.put(WHATSAPP, Map.of("granted", false)).expectStatus(200);

        byEmail.api().put(WHATSAPP, Map.of("granted", true)).expectStatus(200);
        assertThat(conversation(phone).optedOut()).isTrue();
        assertThat(whatsAppGranted(phone)).isFalse();

        byOrder.put(WHATSAPP, Map.of("granted", true)).expectStatus(200);
        assertThat(conversation(phone).optedOut()).isFalse();
        assertThat(whatsAppGranted(phone)).isTrue();
    }

    /** An account and its confirmed email. */
    private record Account(ApiClient api, String email) {}

    private Account confirmed() {
        String email = CatalogFixtures.unique("wa-confirmed-") + "@example.com";
        String password = "correct horse 42";
        ApiClient api = identityEvents.confirmEmail(
                new ApiClient(port).register(email, password).login(email, password), email);
        return new Account(api, email);
    }

    /** The chat's checkout of the variant under this email; answers the reply to the email. */
    private JsonNode checkoutInChat(String phone, Shop.Variant variant, String email) {
        choose(phone, "add:" + variant.id(), 1);
        choose(phone, "checkout", 1);
        for (String answer : List.of("Jane Roe", "Main Street 1", "Springfield", "12345", "de")) {
            say(phone, answer, 1);
        }
        return say(phone, email, 1).get(0);
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
