package app.dukkan.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.identity.IdentityEvents;
import app.dukkan.platform.RetentionPurge;
import app.dukkan.platform.SignedUrls;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.Shop;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Exports: one JSON package with every part, no card data, behind a signed link that expires. */
@DukkanTest
class ExportTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SignedUrls signedUrls;

    @Autowired
    JsonMapper json;

    @Autowired
    List<RetentionPurge> purges;

    @Autowired
    IdentityEvents identityEvents;

    @Autowired
    Consents consents;

    Shop shop;

    @BeforeEach
    void setUp() {
        shop = new Shop(port);
    }

    @Test
    void aCustomersExportHoldsEveryPartWithoutCardDataBehindAnExpiringLink() {
        ApiClient customer = shop.customer();
        String email = customer.get("/api/v1/me").json().get("email").asString();
        identityEvents.confirmEmail(customer, email);
        Shop.Variant variant = shop.product("15.00", 20);
        JsonNode paid = shop.buy(customer, variant, 1, null);

        JsonNode requested =
                customer.post("/api/v1/me/exports", null).expectStatus(202).json();
        String id = requested.get("id").asString();
        assertThat(requested.get("kind").asString()).isEqualTo("export");
        // nobody else sees it
        shop.customer().get("/api/v1/me/exports/" + id).expectStatus(404);
        customer.get("/api/v1/me/erasures/" + id).expectStatus(404);

        JsonNode done = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> customer.get("/api/v1/me/exports/" + id)
                                .expectStatus(200)
                                .json(),
                        export -> export.get("status").asString().equals("completed"));
        String url = done.get("download_url").asString();
        assertThat(Instant.parse(done.get("download_expires_at").asString())).isAfter(Instant.now());

        // the link works for whoever holds it, signed in or not
        ApiClient.Response download = new ApiClient(port).get(url).expectStatus(200);
        String body = download.body();
        JsonNode pack = json.readTree(body);
        assertThat(pack.get("request").get("id").asString()).isEqualTo(id);
        List<String> parts = new ArrayList<>();
        pack.get("parts").propertyNames().forEach(parts::add);
        assertThat(parts).containsAll(PrivacyParts.ALL);
        assertThat(pack.get("parts").get("account").get("email").asString()).isEqualTo(email);
        JsonNode orders = pack.get("parts").get("orders").get("orders");
        assertThat(orders).hasSize(1);
        assertThat(orders.get(0).get("number").asString())
                .isEqualTo(paid.get("number").asString());
        assertThat(orders.get(0).get("total_minor").asLong()).isPositive();
        // no card data, no payment secrets
        assertThat(body).doesNotContain(Shop.SUCCESS_CARD, "4242", "client_secret", "password");

        // the admin console sees the same request
        JsonNode seen = shop.admin()
                .get("/api/v1/admin/privacy/exports/" + id)
                .expectStatus(200)
                .json();
        assertThat(seen.get("status").asString()).isEqualTo("completed");

        // an expired link is refused
        String key = jdbc.sql("select file_key from privacy_requests where id = ?")
                .param(UUID.fromString(id))
                .query(String.class)
                .single();
        SignedUrls.SignedUrl expired = signedUrls.signUntil(key, Instant.now().minusSeconds(1));
        ApiClient.Response gone = new ApiClient(port).get(expired.path());
        assertThat(gone.status()).isEqualTo(410);
        // and so is a tampered one
        new ApiClient(port).get(url.replace(id, UUID.randomUUID().toString())).expectStatus(403);

        // a week on, the nightly purge deletes the package; the request stays, with no link
        RetentionPurge exports = purges.stream()
                .filter(purge -> purge.name().equals("privacy-exports"))
                .findFirst()
                .orElseThrow();
        assertThat(exports.purgeBefore(Instant.now().plusSeconds(60))).isPositive();
        JsonNode purged =
                customer.get("/api/v1/me/exports/" + id).expectStatus(200).json();
        assertThat(purged.get("status").asString()).isEqualTo("completed");
        assertThat(purged.hasNonNull("download_url")).isFalse();
        assertThat(new ApiClient(port).get(url).status()).isIn(404, 410);
        assertThat(exports.purgeBefore(Instant.now().plusSeconds(60))).isZero();
    }

    @Test
    void anAccountWhoseEmailNobodyConfirmedGetsNoGuestsOrdersOrConsentsByIt() {
        String email = "guest-" + UUID.randomUUID() + "@example.com";
        shop.buy(shop.guest(), shop.product("9.00", 20), 1, email);
        // someone else signs up with the guest's address and cannot confirm it
        ApiClient stranger =
                new ApiClient(port).register(email, "correct horse 42").login(email, "correct horse 42");

        JsonNode refused =
                stranger.post("/api/v1/me/exports", null).expectStatus(409).json();
        assertThat(refused.get("type").asString()).endsWith("/email-unverified");
        stranger.post("/api/v1/me/erasures", Map.of("password", "correct horse 42"))
                .expectStatus(409);
        JsonNode consents =
                stranger.get("/api/v1/me/consents").expectStatus(200).json();
        // the sign-up's own entry, not the guest's checkout one
        assertThat(consents.get("history")).hasSize(1);

        // whoever confirms the address has shown it is theirs
        identityEvents.confirmEmail(stranger, email);
        stranger.post("/api/v1/me/exports", null).expectStatus(202);
    }

    @Test
    void anOperatorExportsAGuestByPhoneAndTheAuditSaysOnlyIds() {
        ApiClient guest = shop.guest();
        String phone = "+49 40 " + (1_000_000 + (int) (Math.random() * 8_999_999));
        Shop.Variant variant = shop.product("9.00", 20);
        shop.addToCart(guest, variant, 1);
        Map<String, Object> address = Shop.address("DE");
        address.put("phone", phone);
        String guestEmail = "guest-" + UUID.randomUUID() + "@example.com";
        String draftId = guest.post("/api/v1/orders/draft", Map.of("address", address, "email", guestEmail))
                .expectStatus(201)
                .json()
                .get("id")
                .asString();
        shop.confirm(guest, shop.clientSecret(guest, draftId), Shop.SUCCESS_CARD);
        shop.awaitDraft(guest, draftId, "paid");

        ApiClient admin = shop.admin();
        JsonNode requested = admin.post("/api/v1/admin/privacy/exports", Map.of("phone", phone))
                .expectStatus(202)
                .json();
        String id = requested.get("id").asString();
        JsonNode done = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> admin.get("/api/v1/admin/privacy/exports/" + id)
                                .expectStatus(200)
                                .json(),
                        export -> export.get("status").asString().equals("completed"));
        JsonNode pack = json.readTree(new ApiClient(port)
                .get(done.get("download_url").asString())
                .expectStatus(200)
                .body());
        assertThat(pack.get("parts")
                        .get("orders")
                        .get("orders")
                        .get(0)
                        .get("email")
                        .asString())
                .isEqualTo(guestEmail);

        String audited = jdbc.sql("""
                        select string_agg(coalesce(reason, '') || details::text, ' ') from audit_log
                        where target_type = 'privacy-request' and target_id = ?""").param(id).query(String.class).single();
        assertThat(audited).doesNotContain(phone, guestEmail);
    }

    /** Every consent entry about the person, beyond what a page of history shows, with the client address it stored. */
    @Test
    void anExportCarriesEveryConsentEntryWithItsClientAddress() {
        String email = "consenting-" + UUID.randomUUID() + "@example.com";
        DataSubject subject = new DataSubject(null, email, null, null);
        int count = Consents.MAX_HISTORY + 5;
        for (int i = 0; i < count; i++) {
            consents.record(subject, Consents.Purpose.MARKETING, i % 2 == 0, Consents.Channel.WEB, "203.0.113." + i);
        }

        ApiClient admin = shop.admin();
        String id = admin.post("/api/v1/admin/privacy/exports", Map.of("email", email))
                .expectStatus(202)
                .json()
                .get("id")
                .asString();
        JsonNode done = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> admin.get("/api/v1/admin/privacy/exports/" + id)
                                .expectStatus(200)
                                .json(),
                        export -> export.get("status").asString().equals("completed"));
        JsonNode entries = json.readTree(new ApiClient(port)
                        .get(done.get("download_url").asString())
                        .expectStatus(200)
                        .body())
                .get("parts")
                .get("consents")
                .get("entries");
        assertThat(entries).hasSize(count);
        List<String> addresses = new ArrayList<>();
        entries.forEach(entry -> addresses.add(entry.get("client_address").asString()));
        assertThat(addresses).contains("203.0.113.0", "203.0.113." + (count - 1));
    }
}
