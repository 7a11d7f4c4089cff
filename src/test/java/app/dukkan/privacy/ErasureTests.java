package app.dukkan.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.identity.IdentityEvents;
import app.dukkan.platform.images.TestImages;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.AutomationRuns;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.Shop;
import app.dukkan.whatsapp.Conversations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A person who has everything the shop can hold about someone is erased; then no text, varchar,
 * jsonb or bytea column of any table, and no file of the file store, holds their email, phone or
 * name, while their orders are still there with their totals.
 */
@DukkanTest
class ErasureTests {

    private static final String PASSWORD = "correct horse 42";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Conversations conversations;

    @Autowired
    IdentityEvents identityEvents;

    @Value("${dukkan.storage.directory}")
    String fileDirectory;

    Shop shop;

    /** Someone with a unique email, phone and name, so that no other test's rows match them. */
    record Person(String email, String phone, String name, ApiClient api, UUID id) {

        /** Their email, phone (as typed, and as the digits WhatsApp keys it by) and name. */
        List<String> traces() {
            return List.of(
                    email.toLowerCase(Locale.ROOT),
                    phone.toLowerCase(Locale.ROOT),
                    phone.replaceAll("\\D", ""),
                    name.toLowerCase(Locale.ROOT));
        }
    }

    @BeforeEach
    void setUp() {
        shop = new Shop(port);
    }

    Person person() {
        String token = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41), 36);
        String email = "Erasable-" + token + "@Example.com";
        String phone = "+49 30 " + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        String name = "Zelda Q" + token;
        ApiClient api = identityEvents.confirmEmail(
                new ApiClient(port).register(email, PASSWORD).login(email, PASSWORD), email);
        api.patch("/api/v1/me", Map.of("display_name", name)).expectStatus(200);
        UUID id = UUID.fromString(api.get("/api/v1/me").json().get("id").asString());
        return new Person(email, phone, name, api, id);
    }

    /** Cart → draft shipped to the person → card payment; answers the paid draft (with its number). */
    JsonNode buy(Person person, Shop.Variant variant, int quantity) {
        shop.addToCart(person.api(), variant, quantity);
        Map<String, Object> address = Shop.address("DE");
        address.put("name", person.name());
        address.put("phone", person.phone());
        String draftId = person.api()
                .post("/api/v1/orders/draft", Map.of("address", address))
                .expectStatus(201)
                .json()
                .get("id")
                .asString();
        shop.confirm(person.api(), shop.clientSecret(person.api(), draftId), Shop.SUCCESS_CARD);
        return shop.awaitDraft(person.api(), draftId, "paid");
    }

    @Test
    void erasureLeavesNoTraceOfThePersonAndKeepsTheirOrders() throws Exception {
        Person person = person();
        ApiClient admin = shop.admin();

        // an operator's actions about the person, with their email in the audit entries' details
        admin.post("/api/v1/admin/users/" + person.id() + "/disable", Map.of("reason", "checking " + person.name()))
                .expectStatus(200);
        admin.post("/api/v1/admin/users/" + person.id() + "/enable", Map.of("reason", "ok"))
                .expectStatus(200);
        person.api().login(person.email(), PASSWORD);

        // orders, one returned and refunded, one refunded in part by an operator
        Shop.Variant kettle = shop.product("20.00", 50);
        Shop.Variant mug = shop.product("8.00", 50);
        JsonNode first = buy(person, kettle, 2);
        JsonNode second = buy(person, mug, 1);
        String firstNumber = first.get("number").asString();
        String secondNumber = second.get("number").asString();
        admin.post("/api/v1/admin/orders/" + firstNumber + "/fulfil", Map.of()).expectStatus(200);
        String lineId = person.api()
                .get("/api/v1/orders/" + firstNumber)
                .expectStatus(200)
                .json()
                .get("lines")
                .get(0)
                .get("id")
                .asString();
        String returnId = person.api()
                .post(
                        "/api/v1/orders/" + firstNumber + "/returns",
                        Map.of("line_id", lineId, "quantity", 1, "reason", "Broken, call " + person.phone()))
                .expectStatus(201)
                .json()
                .get("id")
                .asString();
        admin.post(
                        "/api/v1/admin/returns/" + returnId + "/accept",
                        Map.of("refund", true, "reason", "sorry " + person.name()))
                .expectStatus(200);
        admin.header("Idempotency-Key", UUID.randomUUID().toString())
                .post(
                        "/api/v1/admin/orders/" + secondNumber + "/refunds",
                        Map.of(
                                "amount",
                                Map.of("amount", "1.00", "currency", "EUR"),
                                "reason",
                                "goodwill for " + person.email()))
                .expectStatus(200);

        // community: profile with an avatar, a post, comments, likes, follows, a review, a mention
        person.api()
                .postFile("/api/v1/me/profile/avatar", Map.of(), "me.jpg", "image/jpeg", TestImages.jpeg(400, 300))
                .expectStatus(200);
        String handle = person.api()
                .get("/api/v1/me/profile")
                .expectStatus(200)
                .json()
                .get("handle")
                .asString();
        String postId = person.api()
                .post("/api/v1/posts", Map.of("text", "Hello, I am " + person.name() + ", write to " + person.email()))
                .expectStatus(201)
                .json()
                .get("id")
                .asString();
        ApiClient friend = shop.customer();
        String friendHandle = friend.get("/api/v1/me/profile")
                .expectStatus(200)
                .json()
                .get("handle")
                .asString();
        String friendPost = friend.post("/api/v1/posts", Map.of("text", "Welcome @" + handle + "!"))
                .expectStatus(201)
                .json()
                .get("id")
                .asString();
        friend.post("/api/v1/posts/" + postId + "/comments", Map.of("text", "Hi " + person.name()))
                .expectStatus(201);
        person.api()
                .post("/api/v1/posts/" + friendPost + "/comments", Map.of("text", "Thanks, " + person.name() + " here"))
                .expectStatus(201);
        person.api().put("/api/v1/posts/" + friendPost + "/like", null).expectStatus(200);
        friend.put("/api/v1/posts/" + postId + "/like", null).expectStatus(200);
        person.api().put("/api/v1/profiles/" + friendHandle + "/follow", null).expectStatus(200);
        friend.put("/api/v1/profiles/" + handle + "/follow", null).expectStatus(200);
        person.api()
                .post(
                        "/api/v1/products/" + kettle.productSlug() + "/reviews",
                        Map.of("rating", 5, "title", "By " + person.name(), "text", "Mail me: " + person.email()))
                .expectStatus(201);
        // a product viewed, an automation run whose payload names the person, an export package
        person.api().get("/api/v1/products/" + mug.productSlug()).expectStatus(200);
        automationRunMentioning(person);
        jobsMentioning(person);
        operatorTraces(person);
        // a WhatsApp conversation from their phone (the console's simulator), where they name themselves
        conversations.simulate(person.phone(), "hi", null, null);
        conversations.simulate(person.phone(), null, "consent:yes", "Einverstanden");
        conversations.simulate(person.phone(), "I am " + person.name() + ", " + person.email(), null, null);
        // where the chat's checkout asked for their email: that links the chat's phone to them, not
        // the phone in their orders' addresses, which may be anyone's
        jdbc.sql("update whatsapp_conversations set state = jsonb_set(state, '{email}', to_jsonb(cast(? as text)))"
                        + " where phone = ?")
                .params(person.email(), person.phone().replaceAll("\\D", ""))
                .update();
        JsonNode export =
                person.api().post("/api/v1/me/exports", null).expectStatus(202).json();
        awaitCompleted(person.api(), "/api/v1/me/exports/" + export.get("id").asString());
        // and an operator exported them by their phone alone, as a chat's customer is
        String byPhone = admin.post("/api/v1/admin/privacy/exports", Map.of("phone", person.phone()))
                .expectStatus(202)
                .json()
                .get("id")
                .asString();
        awaitCompleted(admin, "/api/v1/admin/privacy/exports/" + byPhone);

        // loyalty points and mails arrive from jobs; the traces are everywhere before the erasure
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.sql("select count(*) from loyalty_entries where user_id = ?")
                                .param(person.id())
                                .query(Long.class)
                                .single()
                        > 0);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.sql("select count(*) from mailbox_messages where lower(recipient) = ?")
                                .param(person.email().toLowerCase(Locale.ROOT))
                                .query(Long.class)
                                .single()
                        > 0);
        Map<String, Long> totals = totals(List.of(firstNumber, secondNumber));
        assertThat(tracesInDatabase(person)).isNotEmpty();

        // erasure: the password again, wrong then right
        person.api()
                .post("/api/v1/me/erasures", Map.of("password", "wrong password 1"))
                .expectStatus(400);
        // an order paid and not shipped holds the erasure: the shop has yet to deliver it
        JsonNode held = person.api()
                .post("/api/v1/me/erasures", Map.of("password", PASSWORD))
                .expectStatus(409)
                .json();
        assertThat(held.get("detail").asString()).contains(secondNumber);
        admin.get("/api/v1/me").expectStatus(200);
        person.api().get("/api/v1/me").expectStatus(200);
        admin.post("/api/v1/admin/orders/" + secondNumber + "/fulfil", Map.of()).expectStatus(200);
        JsonNode erasure = person.api()
                .post("/api/v1/me/erasures", Map.of("password", PASSWORD))
                .expectStatus(202)
                .json();
        String erasureId = erasure.get("id").asString();
        // at once: signed out everywhere, unable to sign in
        person.api().get("/api/v1/me").expectStatus(401);
        new ApiClient(port)
                .post("/api/v1/auth/login", Map.of("email", person.email(), "password", PASSWORD))
                .expectStatus(401);

        JsonNode done = awaitCompleted(admin, "/api/v1/admin/privacy/erasures/" + erasureId);
        assertThat(done.get("progress").get("pending").asInt()).isZero();
        assertThat(done.get("progress").get("failed").asInt()).isZero();
        List<String> parts = new ArrayList<>();
        done.get("parts").forEach(part -> parts.add(part.get("name").asString()));
        assertThat(parts).containsAll(PrivacyParts.ALL);

        // asked again, by an operator: the same request, nothing new queued
        JsonNode again = admin.post(
                        "/api/v1/admin/privacy/erasures",
                        Map.of("email", person.email(), "reason", "customer wrote in"))
                .expectStatus(202)
                .json();
        assertThat(again.get("id").asString()).isEqualTo(erasureId);

        assertThat(tracesInDatabase(person)).isEmpty();
        assertThat(tracesInFiles(person)).isEmpty();
        // the orders stay for the accounts, with their totals and without the customer
        assertThat(totals(List.of(firstNumber, secondNumber))).isEqualTo(totals);
        assertThat(jdbc.sql("select count(*) from orders where number in (?, ?) and phone is null")
                        .params(firstNumber, secondNumber)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        // the audit entries stay, redacted; the erasure's own say nothing but ids and counts
        assertThat(jdbc.sql("select count(*) from audit_log where target_type = 'user' and target_id = ?")
                        .param(person.id().toString())
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        assertThat(jdbc.sql(
                                "select details::text from audit_log where action = 'privacy.erasure-completed' and target_id = ?")
                        .param(erasureId)
                        .query(String.class)
                        .single())
                .isEqualTo("{\"parts\": " + parts.size() + "}");
    }

    @Test
    void aShortNameInOtherPeoplesTextsAtTheirLimitsIsErasedWithoutFailingTheErasure() {
        Person person = person();
        String name = "Q"
                + Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36, 36L * 36 * 36 * 36 * 35), 36);
        person.api().patch("/api/v1/me", Map.of("display_name", name)).expectStatus(200);
        ApiClient friend = shop.customer();
        // every mention of the 6-letter name grows by two letters
        String post = (name + " ").repeat(2000 / (name.length() + 1));
        String postId = friend.post("/api/v1/posts", Map.of("text", post.strip()))
                .expectStatus(201)
                .json()
                .get("id")
                .asString();
        friend.post(
                        "/api/v1/posts/" + postId + "/comments",
                        Map.of(
                                "text",
                                (name + " ").repeat(1000 / (name.length() + 1)).strip()))
                .expectStatus(201);
        // the person's own post, reported by the friend with a note naming them
        String own = person.api()
                .post("/api/v1/posts", Map.of("text", "hello"))
                .expectStatus(201)
                .json()
                .get("id")
                .asString();
        friend.post(
                        "/api/v1/posts/" + own + "/report",
                        Map.of(
                                "reason",
                                "spam",
                                "note",
                                (name + " ").repeat(500 / (name.length() + 1)).strip()))
                .expectStatus(201);

        erasedByThemselves(person);
        String erased = jdbc.sql("select text from community_posts where id = ?")
                .param(UUID.fromString(postId))
                .query(String.class)
                .single();
        assertThat(erased).hasSize(2000).startsWith("[erased] [erased]").doesNotContainIgnoringCase(name);
        assertThat(jdbc.sql("select text from community_comments where post_id = ?")
                        .param(UUID.fromString(postId))
                        .query(String.class)
                        .single())
                .hasSize(1000)
                .doesNotContainIgnoringCase(name);
        assertThat(jdbc.sql("select note from moderation_reports where item_id = ?")
                        .param(UUID.fromString(own))
                        .query(String.class)
                        .single())
                .hasSize(500)
                .doesNotContainIgnoringCase(name);
    }

    /**
     * No member can take the handle an erasure gives (it would stop the erasure on the unique
     * handle); one taken before that was refused does not stop it either. Earlier versions of
     * other people's posts lose the person's name and mention too (a post's history is public).
     */
    @Test
    void aSquattedErasedHandleAndOtherPeoplesPostHistoryDoNotKeepThePerson() {
        Person person = person();
        String handle = person.api()
                .get("/api/v1/me/profile")
                .expectStatus(200)
                .json()
                .get("handle")
                .asString();
        String erasedForm = "erased_" + person.id().toString().replace("-", "").substring(0, 20);
        ApiClient squatter = shop.customer();
        assertThat(squatter.patch("/api/v1/me/profile", Map.of("handle", erasedForm))
                        .expectStatus(400)
                        .json()
                        .get("type")
                        .asString())
                .endsWith("handle-reserved");
        UUID squatterId =
                UUID.fromString(squatter.get("/api/v1/me").json().get("id").asString());
        squatter.get("/api/v1/me/profile").expectStatus(200);
        // as a member could before the prefix was reserved; they keep it, and change the rest
        jdbc.sql("update community_profiles set handle = ? where user_id = ?")
                .params(erasedForm, squatterId)
                .update();
        squatter.patch("/api/v1/me/profile", Map.of("handle", erasedForm, "bio", "still here"))
                .expectStatus(200);
        String postId = squatter.post("/api/v1/posts", Map.of("text", "met " + person.name() + " today"))
                .expectStatus(201)
                .json()
                .get("id")
                .asString();
        squatter.patch("/api/v1/posts/" + postId, Map.of("text", "met @" + handle + " today"))
                .expectStatus(200);
        squatter.patch("/api/v1/posts/" + postId, Map.of("text", "met a friend today"))
                .expectStatus(200);

        erasedByThemselves(person);

        assertThat(jdbc.sql("select handle from community_profiles where user_id = ?")
                        .param(person.id())
                        .query(String.class)
                        .single())
                .startsWith("erased_")
                .isNotEqualTo(erasedForm);
        assertThat(squatter.get("/api/v1/posts/" + postId + "/history")
                        .expectStatus(200)
                        .body())
                .doesNotContainIgnoringCase(person.name())
                .doesNotContain("@" + handle);
    }

    @Test
    void anErasureRewritesWhatNamesThePersonAndNothingThatOnlyLooksAlike() {
        Person person = person();
        ApiClient friend = shop.customer();
        String lookalikes =
                "Hi " + person.name() + "! " + person.name() + "x and jim" + person.email() + " are others; I loved it";
        String postId = friend.post("/api/v1/posts", Map.of("text", lookalikes))
                .expectStatus(201)
                .json()
                .get("id")
                .asString();
        // a payment event of someone else's that merely mentions the person, in JSON with its literals
        UUID event = UUID.randomUUID();
        jdbc.sql("""
                        insert into payment_events (id, provider, provider_event_id, type, payload, received_at, processed_at)
                        values (?, 'test', ?, 'payment_intent.succeeded', cast(? as jsonb), now(), now())""")
                .params(
                        event,
                        "evt_" + event,
                        "{\"livemode\": false, \"note\": \"for " + person.name()
                                + "\", \"data\": {\"object\": {\"status\": \"succeeded\", \"metadata\": null, \"paid\": true}}}")
                .update();

        erasedByThemselves(person);

        assertThat(jdbc.sql("select text from community_posts where id = ?")
                        .param(UUID.fromString(postId))
                        .query(String.class)
                        .single())
                .isEqualTo("Hi [erased]! " + person.name() + "x and jim" + person.email() + " are others; I loved it");
        assertThat(jdbc.sql("select payload::text from payment_events where id = ?")
                        .param(event)
                        .query(String.class)
                        .single())
                .isEqualTo("{\"data\": {\"object\": {\"paid\": true, \"status\": \"succeeded\", \"metadata\": null}}, "
                        + "\"note\": \"for [erased]\", \"livemode\": false}");
    }

    @Test
    void anExportCarriesWhatNamesThePersonByEmailAndNotWhatNamesANamesake() {
        Person person = person();
        Person namesake = new Person(
                "namesake-" + UUID.randomUUID() + "@example.com", "+49 30 0000002", person.name(), null, null);
        automationRunMentioning(person);
        automationRunMentioning(namesake);

        String id = person.api()
                .post("/api/v1/me/exports", null)
                .expectStatus(202)
                .json()
                .get("id")
                .asString();
        JsonNode done = awaitCompleted(person.api(), "/api/v1/me/exports/" + id);
        String pack = new ApiClient(port)
                .get(done.get("download_url").asString())
                .expectStatus(200)
                .body();
        assertThat(pack).containsIgnoringCase(person.email()).doesNotContain(namesake.email());
    }

    @Test
    void aShortNameOrAWordOfJsonsIsNotLookedForInOtherPeoplesText() {
        assertThat(matches(new DataSubject(null, "ed@example.com", null, "Ed"), "I loved it, Ed"))
                .isFalse();
        assertThat(matches(new DataSubject(null, "x@example.com", null, "null"), "{\"a\": null}"))
                .isFalse();
        assertThat(matches(new DataSubject(null, "x@example.com", null, "@"), "a@b.example"))
                .isFalse();
        DataSubject bob = new DataSubject(null, "Bob@X.com", "+49 30 1234567", "Bob Ray");
        assertThat(matches(bob, "write to bob@x.com.")).isTrue();
        assertThat(matches(bob, "write to jimbob@x.com")).isFalse();
        assertThat(matches(bob, "write to bob@x.company")).isFalse();
        assertThat(matches(bob, "call (49) 30-123 4567")).isTrue();
        assertThat(matches(bob, "call 49301234567")).isTrue();
        assertThat(matches(bob, "order 1493012345678")).isFalse();
        assertThat(matches(bob, "BOB RAY said")).isTrue();
        assertThat(matches(bob, "Bob Rayner said")).isFalse();
        // an address form takes "((1)" for a phone: too short to look for, or every lone 1 would match
        assertThat(matches(new DataSubject(null, "x@example.com", "((1)", null), "{\"quantity\": 1}"))
                .isFalse();
    }

    private boolean matches(DataSubject subject, String text) {
        return jdbc.sql("select ? ~* ?")
                .params(text, subject.pattern())
                .query(Boolean.class)
                .single();
    }

    @Test
    void whoSignsUpAgainAfterAnErasureIsErasedAndExportedAgain() {
        Person person = person();
        JsonNode first = erasedByThemselves(person);
        // the same address, a new account: its own data, its own erasure
        ApiClient again = identityEvents.confirmEmail(
                new ApiClient(port).register(person.email(), PASSWORD).login(person.email(), PASSWORD), person.email());
        String export = again.post("/api/v1/me/exports", null)
                .expectStatus(202)
                .json()
                .get("id")
                .asString();
        JsonNode exported = awaitCompleted(again, "/api/v1/me/exports/" + export);
        assertThat(exported.path("download_url").asString(""))
                .as(exported.toString())
                .isNotEmpty();

        String second = again.post("/api/v1/me/erasures", Map.of("password", PASSWORD))
                .expectStatus(202)
                .json()
                .get("id")
                .asString();
        assertThat(second).isNotEqualTo(first.get("id").asString());
        awaitCompleted(shop.admin(), "/api/v1/admin/privacy/erasures/" + second);
        assertThat(jdbc.sql("select count(*) from users where lower(email) = lower(?)")
                        .param(person.email())
                        .query(Long.class)
                        .single())
                .isZero();
        // asked again when nothing is known of the person: the latest request
        assertThat(shop.admin()
                        .post(
                                "/api/v1/admin/privacy/erasures",
                                Map.of("email", person.email(), "reason", "asked twice"))
                        .expectStatus(202)
                        .json()
                        .get("id")
                        .asString())
                .isEqualTo(second);
    }

    /**
     * A phone is erased whichever way the operator writes it ({@code 0049…}, or the digits as WhatsApp
     * shows them), in every part; and a person erased by email loses the consents of the phone they
     * chatted from, where they gave that email.
     */
    @Test
    void aChatCustomerIsErasedByTheirPhoneInAnyFormAndByTheEmailTheyGaveInTheChat() {
        ApiClient admin = shop.admin();
        for (boolean withZeros : List.of(true, false)) {
            String digits = "4930" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
            chatAndConsent("+" + digits);
            String written = withZeros ? "00 " + digits.substring(0, 2) + " " + digits.substring(2) : digits;
            String id = admin.post("/api/v1/admin/privacy/erasures", Map.of("phone", written, "reason", "asked"))
                    .expectStatus(202)
                    .json()
                    .get("id")
                    .asString();
            awaitCompleted(admin, "/api/v1/admin/privacy/erasures/" + id);
            assertThat(chatTraces(digits)).as(written).isZero();
        }

        Person person = person();
        String digits = person.phone().replaceAll("\\D", "");
        chatAndConsent(person.phone());
        // the chat's checkout asked for their email
        jdbc.sql("update whatsapp_conversations set state = jsonb_set(state, '{email}', to_jsonb(cast(? as text)))"
                        + " where phone = ?")
                .params(person.email(), digits)
                .update();
        String id = admin.post("/api/v1/admin/privacy/erasures", Map.of("email", person.email(), "reason", "asked"))
                .expectStatus(202)
                .json()
                .get("id")
                .asString();
        awaitCompleted(admin, "/api/v1/admin/privacy/erasures/" + id);
        assertThat(chatTraces(digits)).isZero();
        assertThat(tracesInDatabase(person)).isEmpty();
    }

    /**
     * The buyer of a gift typed its recipient's phone into the address: erasing the buyer leaves the
     * recipient's conversation and consents, which were never the buyer's.
     */
    @Test
    void erasingAGiftsBuyerLeavesTheRecipientsChatAndConsents() {
        Person buyer = person();
        String recipient = "+49 30 " + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        String digits = recipient.replaceAll("\\D", "");
        chatAndConsent(recipient);
        long before = chatTraces(digits);
        Map<String, Object> address = Shop.address("DE");
        address.put("phone", recipient);
        String number = shop.buy(buyer.api(), shop.product("12.00", 10), 1, null, address)
                .get("number")
                .asString();
        ApiClient admin = shop.admin();
        admin.post("/api/v1/admin/orders/" + number + "/fulfil", Map.of()).expectStatus(200);

        String id = buyer.api()
                .post("/api/v1/me/erasures", Map.of("password", PASSWORD))
                .expectStatus(202)
                .json()
                .get("id")
                .asString();
        awaitCompleted(admin, "/api/v1/admin/privacy/erasures/" + id);
        assertThat(chatTraces(digits)).isEqualTo(before);
        assertThat(tracesInDatabase(buyer)).isEmpty();
    }

    /**
     * A guest who checked out in the chat with an email, erased by the chat's phone alone: what the
     * email holds (the order's mails, the payment's receipt email, an export package by that email)
     * goes too, found through the order placed from that chat.
     */
    @Test
    void aChatCustomerErasedByPhoneLosesWhatTheEmailTheyGaveInTheChatHolds() throws IOException {
        String token = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41), 36);
        String email = "chat-" + token + "@example.com";
        String phone = "+49 30 " + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        String digits = phone.replaceAll("\\D", "");
        ApiClient guest = shop.guest();
        Person person = new Person(email, phone, "Yorick Q" + token, guest, UUID.randomUUID());
        chatAndConsent(phone);
        Map<String, Object> address = Shop.address("DE");
        address.put("name", person.name());
        address.put("phone", phone);
        String number = shop.buy(guest, shop.product("11.00", 10), 1, email, address)
                .get("number")
                .asString();
        // as the chat's checkout records it: the phone the order came from
        jdbc.sql("update orders set chat_phone = ? where number = ?")
                .params("+" + digits, number)
                .update();
        ApiClient admin = shop.admin();
        admin.post("/api/v1/admin/orders/" + number + "/fulfil", Map.of()).expectStatus(200);
        String export = admin.post("/api/v1/admin/privacy/exports", Map.of("email", email))
                .expectStatus(202)
                .json()
                .get("id")
                .asString();
        awaitCompleted(admin, "/api/v1/admin/privacy/exports/" + export);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.sql("select count(*) from mailbox_messages where lower(recipient) = ?")
                                .param(email)
                                .query(Long.class)
                                .single()
                        > 0);

        String id = admin.post("/api/v1/admin/privacy/erasures", Map.of("phone", phone, "reason", "asked"))
                .expectStatus(202)
                .json()
                .get("id")
                .asString();
        awaitCompleted(admin, "/api/v1/admin/privacy/erasures/" + id);
        assertThat(tracesInDatabase(person)).isEmpty();
        assertThat(tracesInFiles(person)).isEmpty();
    }

    /**
     * A guest who ordered in a chat, asked for by that chat's phone and a new email that holds
     * nothing (which turns off the orders' phone-only look-ups), their order's address naming another
     * phone: the request is taken, the person found as the erasure finds them (the email given in
     * the chat), not refused as unknown, and the erasure reaches what that email holds.
     */
    @Test
    void aChatCustomerWhoseDataOnlyTheEmailHoldsIsFoundByTheChatsPhone() {
        String token = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41), 36);
        String email = "chat-only-" + token + "@example.com";
        String phone = "+49 30 " + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        ApiClient guest = shop.guest();
        Map<String, Object> address = Shop.address("DE");
        address.put("name", "Yorick Q" + token);
        address.put("phone", "+49 40 " + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999));
        String number = shop.buy(guest, shop.product("11.00", 10), 1, email, address)
                .get("number")
                .asString();
        // as the chat's checkout records it: the phone the order came from
        jdbc.sql("update orders set chat_phone = ? where number = ?")
                .params("+" + phone.replaceAll("\\D", ""), number)
                .update();
        ApiClient admin = shop.admin();
        admin.post("/api/v1/admin/orders/" + number + "/fulfil", Map.of()).expectStatus(200);
        String now = "chat-new-" + token + "@example.com";

        String export = admin.post("/api/v1/admin/privacy/exports", Map.of("email", now, "phone", phone))
                .expectStatus(202)
                .json()
                .get("id")
                .asString();
        awaitCompleted(admin, "/api/v1/admin/privacy/exports/" + export);
        String id = admin.post(
                        "/api/v1/admin/privacy/erasures", Map.of("email", now, "phone", phone, "reason", "asked"))
                .expectStatus(202)
                .json()
                .get("id")
                .asString();
        awaitCompleted(admin, "/api/v1/admin/privacy/erasures/" + id);
        assertThat(jdbc.sql("select count(*) from orders where lower(email) = ?")
                        .param(email)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    /**
     * A person erased by email, whose latest order came from one chat while they gave that email in
     * another: both chats' conversations, consents and inbox records go.
     */
    @Test
    void aPersonErasedByEmailLosesEveryChatOfTheirs() {
        Person person = person();
        String digits = person.phone().replaceAll("\\D", "");
        String other = "4940" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        chatAndConsent(person.phone());
        chatAndConsent("+" + other);
        jdbc.sql("update whatsapp_conversations set state = jsonb_set(state, '{email}', to_jsonb(cast(? as text)))"
                        + " where phone = ?")
                .params(person.email(), digits)
                .update();
        jdbc.sql(
                        "insert into whatsapp_inbox (id, kind, phone, payload, received_at) values (?, 'message', ?, null, now())")
                .params("wamid." + UUID.randomUUID(), digits)
                .update();
        Map<String, Object> address = Shop.address("DE");
        address.put("phone", "+" + other);
        String number = shop.buy(person.api(), shop.product("12.00", 10), 1, null, address)
                .get("number")
                .asString();
        jdbc.sql("update orders set chat_phone = ? where number = ?")
                .params("+" + other, number)
                .update();
        ApiClient admin = shop.admin();
        admin.post("/api/v1/admin/orders/" + number + "/fulfil", Map.of()).expectStatus(200);

        String id = admin.post("/api/v1/admin/privacy/erasures", Map.of("email", person.email(), "reason", "asked"))
                .expectStatus(202)
                .json()
                .get("id")
                .asString();
        awaitCompleted(admin, "/api/v1/admin/privacy/erasures/" + id);
        assertThat(chatTraces(digits)).isZero();
        assertThat(chatTraces(other)).isZero();
        assertThat(jdbc.sql("select count(*) from whatsapp_inbox where phone = ?")
                        .param(digits)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(tracesInDatabase(person)).isEmpty();
    }

    /**
     * The email typed in a chat's checkout leads to what that email holds (ADR 0043), but not to the
     * account that confirmed it: nothing proved that the chat's customer can read that address, so an
     * erasure by the chat's phone leaves the account open.
     */
    @Test
    void aChatsErasureByPhoneLeavesTheAccountOfTheEmailGivenInTheChat() {
        Person person = person();
        String phone = "+49 30 " + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        String digits = phone.replaceAll("\\D", "");
        chatAndConsent(phone);
        jdbc.sql("update whatsapp_conversations set state = jsonb_set(state, '{email}', to_jsonb(cast(? as text)))"
                        + " where phone = ?")
                .params(person.email(), digits)
                .update();
        ApiClient admin = shop.admin();

        String id = admin.post("/api/v1/admin/privacy/erasures", Map.of("phone", phone, "reason", "asked"))
                .expectStatus(202)
                .json()
                .get("id")
                .asString();
        awaitCompleted(admin, "/api/v1/admin/privacy/erasures/" + id);

        assertThat(chatTraces(digits)).isZero();
        assertThat(person.api()
                        .get("/api/v1/me")
                        .expectStatus(200)
                        .json()
                        .get("email")
                        .asString())
                .isEqualToIgnoringCase(person.email());
        new ApiClient(port).login(person.email(), PASSWORD);
    }

    /** A WhatsApp conversation from the phone in which its customer consents (the console's simulator). */
    private void chatAndConsent(String phone) {
        conversations.simulate(phone, "hi", null, null);
        conversations.simulate(phone, null, "consent:yes", "Yes");
        assertThat(chatTraces(phone.replaceAll("\\D", ""))).isPositive();
    }

    /** Conversations and consent entries of the phone (E.164 digits). */
    private long chatTraces(String digits) {
        return jdbc.sql("select (select count(*) from whatsapp_conversations where phone = :digits)"
                        + " + (select count(*) from consents where phone = '+' || :digits)")
                .param("digits", digits)
                .query(Long.class)
                .single();
    }

    @Test
    void unknownPeopleAndMalformedRequestsAreRefusedWithNothingQueued() {
        ApiClient admin = shop.admin();
        long before = requests();
        admin.post(
                        "/api/v1/admin/privacy/erasures",
                        Map.of("email", "nobody-" + UUID.randomUUID() + "@example.com", "reason", "asked"))
                .expectStatus(404);
        admin.post("/api/v1/admin/privacy/exports", Map.of("phone", "+49 30 0000001"))
                .expectStatus(404);
        admin.post("/api/v1/admin/privacy/exports", Map.of("email", "not an email"))
                .expectStatus(400);
        admin.post("/api/v1/admin/privacy/exports", Map.of()).expectStatus(400);
        Person person = person();
        admin.post("/api/v1/admin/privacy/erasures", Map.of("email", person.email()))
                .expectStatus(400);
        person.api().post("/api/v1/me/erasures", Map.of()).expectStatus(400);
        shop.customer()
                .post("/api/v1/admin/privacy/exports", Map.of("email", person.email()))
                .expectStatus(403);
        new ApiClient(port).post("/api/v1/me/exports", null).expectStatus(401);
        assertThat(requests()).isEqualTo(before);
        // still signed in and able to buy: a refusal changes nothing
        person.api().get("/api/v1/me").expectStatus(200);
    }

    long requests() {
        return jdbc.sql("select count(*) from privacy_requests")
                .query(Long.class)
                .single();
    }

    /** The person erases their account; answers the completed request, every part done. */
    JsonNode erasedByThemselves(Person person) {
        String erasureId = person.api()
                .post("/api/v1/me/erasures", Map.of("password", PASSWORD))
                .expectStatus(202)
                .json()
                .get("id")
                .asString();
        JsonNode done = awaitCompleted(shop.admin(), "/api/v1/admin/privacy/erasures/" + erasureId);
        assertThat(done.get("progress").get("failed").asInt()).isZero();
        return done;
    }

    JsonNode awaitCompleted(ApiClient api, String path) {
        return await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> api.get(path).expectStatus(200).json(),
                        request -> request.get("status").asString().equals("completed"));
    }

    Map<String, Long> totals(List<String> numbers) {
        Map<String, Long> totals = new LinkedHashMap<>();
        for (String number : numbers) {
            totals.put(
                    number,
                    jdbc.sql("select total_minor from orders where number = ?")
                            .param(number)
                            .query(Long.class)
                            .single());
        }
        return totals;
    }

    /** A dead letter and a job still waiting (due in a year) whose payloads name the person. */
    void jobsMentioning(Person person) {
        String payload = "{\"to\": \"" + person.email() + "\", \"phone\": \"" + person.phone() + "\"}";
        jdbc.sql("""
                        insert into job_dead_letters (id, task_name, task_instance, queue, priority, payload, last_error,
                                                      attempts, enqueued_at, failed_at)
                        values (?, 'test-counted', ?, 'default', 0, cast(? as jsonb), ?, 3, now(), now())""")
                .params(UUID.randomUUID(), "erasure-" + UUID.randomUUID(), payload, "550 refused " + person.email())
                .update();
        jdbc.sql("""
                        insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, version,
                                                     priority, consecutive_failures)
                        values ('test-counted', ?, convert_to(?, 'UTF8'), now() + interval '365 days', false, 1, 0, 0)""").params("erasure-" + UUID.randomUUID(), payload).update();
    }

    /** As if the person had been an operator: a moderation rule they wrote, the flag they switched last. */
    void operatorTraces(Person person) {
        UUID rule = UUID.randomUUID();
        jdbc.sql("""
                        insert into moderation_rules (id, name, kind, terms, severity, action, active, created_at,
                                                      created_by, updated_at, updated_by)
                        values (?, ?, 'keyword', array['unlikely-term-' || ?], 'low', 'flag', false, now(), ?, now(), ?)""")
                .params(
                        rule,
                        "erasure " + rule.toString().substring(0, 8),
                        rule.toString(),
                        person.email(),
                        person.email())
                .update();
        jdbc.sql("update feature_flags set updated_by = ? where key = (select min(key) from feature_flags)")
                .param(person.email())
                .update();
    }

    void automationRunMentioning(Person person) {
        UUID run = AutomationRuns.succeeded(
                jdbc, "{\"customer\": {\"email\": \"" + person.email() + "\", \"name\": \"" + person.name() + "\"}}");
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                        insert into automation_step_runs (run_id, position, step, connector, status, output, started_at)
                        values (?, 0, 'notify', 'email', 'succeeded', cast(? as jsonb), ?)""")
                .params(run, "{\"to\": \"" + person.email() + "\", \"phone\": \"" + person.phone() + "\"}", now)
                .update();
    }

    /**
     * Every text-like column of every table of the schema (found anew each time, so new tables are
     * covered), read as lower-case text: {@code table.column} for each one holding a trace.
     */
    List<String> tracesInDatabase(Person person) {
        List<String> found = new ArrayList<>();
        List<Map<String, Object>> columns = jdbc.sql("""
                        select c.table_name, c.column_name, c.data_type
                        from information_schema.columns c
                        join information_schema.tables t
                          on t.table_schema = c.table_schema and t.table_name = c.table_name
                        where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
                          and (c.data_type in ('text', 'character varying', 'character', 'jsonb', 'json', 'bytea')
                               or (c.data_type = 'ARRAY' and c.udt_name in ('_text', '_varchar')))
                        order by c.table_name, c.column_name""").query().listOfRows();
        for (Map<String, Object> column : columns) {
            String table = (String) column.get("table_name");
            String name = (String) column.get("column_name");
            String value = "bytea".equals(column.get("data_type"))
                    ? "encode(\"" + name + "\", 'escape')"
                    : "cast(\"" + name + "\" as text)";
            for (String trace : person.traces()) {
                long hits = jdbc.sql("select count(*) from \"" + table + "\" where strpos(lower(" + value + "), ?) > 0")
                        .param(trace)
                        .query(Long.class)
                        .single();
                if (hits > 0) {
                    found.add(table + "." + name + " has " + trace);
                }
            }
        }
        return found;
    }

    /** Every file of the file store, read as Latin-1 text in lower case (binary content included). */
    List<String> tracesInFiles(Person person) throws IOException {
        Path root = Path.of(fileDirectory);
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .flatMap(file -> {
                        String content;
                        try {
                            content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)
                                    .toLowerCase(Locale.ROOT);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        return person.traces().stream()
                                .filter(trace -> content.contains(trace)
                                        || content.contains(new String(
                                                trace.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1)))
                                .map(trace -> file + " has " + trace);
                    })
                    .toList();
        }
    }
}
