package app.dukkan.identity;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.DukkanTest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@DukkanTest
class EmailVerificationApiTests {

    private static final String PASSWORD = "correct horse 42";

    @LocalServerPort
    int port;

    @Autowired
    IdentityEvents events;

    @Autowired
    JdbcClient jdbc;

    static String uniqueEmail() {
        return "verify-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    static byte[] sha256(String token) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
    }

    /** Registers and signs in a new customer; returns the client. */
    private ApiClient signedUp(String email, String acceptLanguage) {
        ApiClient client = new ApiClient(port).header("Accept-Language", acceptLanguage);
        client.register(email, PASSWORD).login(email, PASSWORD);
        return client;
    }

    private String onlyVerificationToken(String email) {
        assertThat(events.verifications(email)).hasSize(1);
        return events.verifications(email).get(0).token();
    }

    private ApiClient.Response verify(ApiClient client, String token, int status) {
        return client.post("/api/v1/auth/email/verify", Map.of("token", token)).expectStatus(status);
    }

    @Test
    void registrationPublishesUserRegisteredAndAVerificationTokenStoredOnlyAsItsHash() throws Exception {
        String email = uniqueEmail();
        Instant before = Instant.now();
        ApiClient client = signedUp(email, "de-DE,de;q=0.9,en;q=0.5");

        assertThat(events.registered(email)).singleElement().satisfies(registered -> {
            assertThat(registered.locale()).isEqualTo(Locale.GERMAN);
            assertThat(registered.user()).isNotNull();
        });
        EmailVerificationRequested requested = events.verifications(email).get(0);
        assertThat(events.verifications(email)).hasSize(1);
        assertThat(requested.locale()).isEqualTo(Locale.GERMAN);
        assertThat(requested.user()).isEqualTo(events.registered(email).get(0).user());
        assertThat(requested.token()).matches("[A-Za-z0-9_-]{43}");
        assertThat(requested.expiresAt())
                .isBetween(
                        before.plus(Duration.ofHours(24)).minusSeconds(5),
                        Instant.now().plus(Duration.ofHours(24)));

        // the database knows the hash, never the token
        assertThat(jdbc.sql("select count(*) from user_tokens where token_hash = ? and purpose = 'email-verification'")
                        .param(sha256(requested.token()))
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from user_tokens t where t::text like ?")
                        .param("%" + requested.token() + "%")
                        .query(Integer.class)
                        .single())
                .isZero();

        var me = client.get("/api/v1/me").expectStatus(200).json();
        assertThat(me.get("email_verified").asBoolean()).isFalse();
        assertThat(me.get("locale").asString()).isEqualTo("de");

        // anyone holding the link may use it, signed in or not
        verify(new ApiClient(port), requested.token(), 204);
        assertThat(client.get("/api/v1/me").json().get("email_verified").asBoolean())
                .isTrue();
        assertThat(events.verifications(email)).hasSize(1);
    }

    @Test
    void localeIsOneOfEnglishGermanArabicAndDefaultsToEnglish() {
        String arabic = uniqueEmail();
        assertThat(signedUp(arabic, "ar-EG")
                        .get("/api/v1/me")
                        .json()
                        .get("locale")
                        .asString())
                .isEqualTo("ar");
        assertThat(events.registered(arabic).get(0).locale()).isEqualTo(Locale.forLanguageTag("ar"));

        String french = uniqueEmail();
        assertThat(signedUp(french, "fr-FR, fr;q=0.9")
                        .get("/api/v1/me")
                        .json()
                        .get("locale")
                        .asString())
                .isEqualTo("en");
        String malformed = uniqueEmail();
        assertThat(signedUp(malformed, ";;q=x")
                        .get("/api/v1/me")
                        .json()
                        .get("locale")
                        .asString())
                .isEqualTo("en");
        String none = uniqueEmail();
        ApiClient plain = new ApiClient(port).register(none, PASSWORD).login(none, PASSWORD);
        assertThat(plain.get("/api/v1/me").json().get("locale").asString()).isEqualTo("en");
        assertThat(events.verifications(none).get(0).locale()).isEqualTo(Locale.ENGLISH);
    }

    @Test
    void tamperedUnknownAndMalformedTokensAreRefusedAndChangeNothing() {
        String email = uniqueEmail();
        ApiClient client = signedUp(email, "en");
        String token = onlyVerificationToken(email);
        char last = token.charAt(token.length() - 1);
        String tampered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');

        for (String bad : new String[] {tampered, "x".repeat(43), "not a token", token + "A"}) {
            JsonNode problem = verify(client, bad, 400).json();
            assertThat(problem.get("type").asString()).endsWith("/invalid-token");
            assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("token");
        }
        client.post("/api/v1/auth/email/verify", Map.of()).expectStatus(400);
        assertThat(client.get("/api/v1/me").json().get("email_verified").asBoolean())
                .isFalse();

        // the genuine token still works
        verify(client, token, 204);
        assertThat(client.get("/api/v1/me").json().get("email_verified").asBoolean())
                .isTrue();
    }

    @Test
    void expiredTokenAnswers410AndChangesNothing() throws Exception {
        String email = uniqueEmail();
        ApiClient client = signedUp(email, "en");
        String token = onlyVerificationToken(email);
        jdbc.sql("update user_tokens set expires_at = now() - interval '1 second' where token_hash = ?")
                .param(sha256(token))
                .update();

        JsonNode problem = verify(client, token, 410).json();
        assertThat(problem.get("type").asString()).endsWith("/token-expired");
        assertThat(client.get("/api/v1/me").json().get("email_verified").asBoolean())
                .isFalse();
        assertThat(jdbc.sql("select used_at is null from user_tokens where token_hash = ?")
                        .param(sha256(token))
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }

    @Test
    void usedTokenAnswers410() {
        String email = uniqueEmail();
        ApiClient client = signedUp(email, "en");
        String token = onlyVerificationToken(email);
        verify(client, token, 204);
        JsonNode problem = verify(client, token, 410).json();
        assertThat(problem.get("type").asString()).endsWith("/token-used");
        assertThat(client.get("/api/v1/me").json().get("email_verified").asBoolean())
                .isTrue();
    }

    @Test
    void aPasswordResetTokenDoesNotVerifyTheEmail() {
        String email = uniqueEmail();
        ApiClient client = signedUp(email, "en");
        FromAddress.random(port).post("/api/v1/auth/password/reset", Map.of("email", email));
        String resetToken = events.resets(email).get(0).token();
        assertThat(verify(client, resetToken, 400).json().get("type").asString())
                .endsWith("/invalid-token");
        assertThat(client.get("/api/v1/me").json().get("email_verified").asBoolean())
                .isFalse();
    }

    @Test
    void resendIsLimitedToOneMailPerMinuteAndRefusedOnceVerified() {
        String email = uniqueEmail();
        ApiClient client = signedUp(email, "de");
        new ApiClient(port).post("/api/v1/me/email/verification", null).expectStatus(401);

        // registration sent one moments ago
        var tooSoon = client.post("/api/v1/me/email/verification", null).expectStatus(429);
        assertThat(tooSoon.json().get("type").asString()).endsWith("/rate-limited");
        assertThat(Long.parseLong(tooSoon.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(events.verifications(email)).hasSize(1);

        jdbc.sql("""
                update user_tokens set created_at = created_at - interval '61 seconds'
                where user_id = (select id from users where email = ?)
                """).param(email).update();
        client.post("/api/v1/me/email/verification", null).expectStatus(202);
        assertThat(events.verifications(email)).hasSize(2);
        EmailVerificationRequested second = events.verifications(email).get(1);
        assertThat(second.locale()).isEqualTo(Locale.GERMAN);
        client.post("/api/v1/me/email/verification", null).expectStatus(429);

        // the earlier link keeps working until it expires
        verify(client, events.verifications(email).get(0).token(), 204);
        var problem = client.post("/api/v1/me/email/verification", null)
                .expectStatus(409)
                .json();
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("email");
    }

    @Test
    void anAddressGetsAtMostFiveVerificationMailsADay() {
        String email = uniqueEmail();
        ApiClient client = signedUp(email, "en");
        for (int sent = 1; sent < 5; sent++) {
            jdbc.sql("""
                    update user_tokens set created_at = created_at - interval '61 seconds'
                    where user_id = (select id from users where email = ?)
                    """).param(email).update();
            client.post("/api/v1/me/email/verification", null).expectStatus(202);
        }
        assertThat(events.verifications(email)).hasSize(5);
        jdbc.sql("""
                update user_tokens set created_at = created_at - interval '61 seconds'
                where user_id = (select id from users where email = ?)
                """).param(email).update();

        var enough = client.post("/api/v1/me/email/verification", null).expectStatus(429);
        // until the first of the five is a day old
        assertThat(Long.parseLong(enough.header("Retry-After"))).isBetween(80_000L, 86_400L);
        assertThat(events.verifications(email)).hasSize(5);
    }
}
