package app.dukkan.identity;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.DukkanTest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reset requests come from loopback addresses of their own ({@link FromAddress}), as in {@link
 * AccountLimitTests}, which checks the per-address limit.
 */
@DukkanTest
class PasswordResetApiTests {

    private static final String OLD_PASSWORD = "correct horse 42";
    private static final String NEW_PASSWORD = "battery staple 77";

    @LocalServerPort
    int port;

    @Autowired
    IdentityEvents events;

    @Autowired
    JdbcClient jdbc;

    static String uniqueEmail() {
        return "reset-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private String registered(String acceptLanguage) {
        String email = uniqueEmail();
        new ApiClient(port).header("Accept-Language", acceptLanguage).register(email, OLD_PASSWORD);
        return email;
    }

    private String requestToken(String email) {
        int before = events.resets(email).size();
        FromAddress.random(port)
                .post("/api/v1/auth/password/reset", Map.of("email", email))
                .status();
        assertThat(events.resets(email)).hasSize(before + 1);
        return events.resets(email).get(before).token();
    }

    private ApiClient.Response confirm(String token, String password, int status) {
        return new ApiClient(port)
                .post("/api/v1/auth/password/confirm", Map.of("token", token, "password", password))
                .expectStatus(status);
    }

    private int login(String email, String password) {
        return new ApiClient(port)
                .post("/api/v1/auth/login", Map.of("email", email, "password", password))
                .status();
    }

    private String passwordHash(String email) {
        return jdbc.sql("select password_hash from users where email = ?")
                .param(email)
                .query(String.class)
                .single();
    }

    @Test
    void answersAlikeWhetherOrNotTheAccountExistsAndMailsOnlyExistingOnes() {
        String known = registered("ar");
        String unknown = uniqueEmail();
        FromAddress client = FromAddress.random(port);
        Instant before = Instant.now();

        var forKnown = client.post("/api/v1/auth/password/reset", Map.of("email", known.toUpperCase(Locale.ROOT)));
        var forUnknown = client.post("/api/v1/auth/password/reset", Map.of("email", unknown));

        assertThat(forKnown.status()).isEqualTo(202);
        assertThat(forUnknown.status()).isEqualTo(202);
        assertThat(forUnknown.body()).isEqualTo(forKnown.body());
        assertThat(forUnknown.header("Content-Type")).isEqualTo(forKnown.header("Content-Type"));
        assertThat(forKnown.json().get("status").asString()).isEqualTo("accepted");

        assertThat(events.resets(unknown)).isEmpty();
        assertThat(events.resets(known)).singleElement().satisfies(requested -> {
            assertThat(requested.locale()).isEqualTo(Locale.forLanguageTag("ar"));
            assertThat(requested.token()).matches("[A-Za-z0-9_-]{43}");
            assertThat(requested.expiresAt())
                    .isBetween(
                            before.plus(Duration.ofHours(1)).minusSeconds(5),
                            Instant.now().plus(Duration.ofHours(1)));
        });
    }

    @Test
    void malformedEmailIsAValidationProblem() {
        var problem = FromAddress.random(port).post("/api/v1/auth/password/reset", Map.of("email", "nope"));
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.json().get("errors").get(0).get("field").asString()).isEqualTo("email");
    }

    @Test
    void confirmSetsTheNewPasswordAndSignsOutEverySession() throws Exception {
        String email = registered("en");
        ApiClient signedIn = new ApiClient(port).login(email, OLD_PASSWORD);
        ApiClient elsewhere = new ApiClient(port).login(email, OLD_PASSWORD);
        signedIn.get("/api/v1/me").expectStatus(200);
        String token = requestToken(email);

        confirm(token, NEW_PASSWORD, 204);

        signedIn.get("/api/v1/me").expectStatus(401);
        elsewhere.get("/api/v1/me").expectStatus(401);
        assertThat(jdbc.sql("select count(*) from spring_session where principal_name = ?")
                        .param(email)
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(login(email, OLD_PASSWORD)).isEqualTo(401);
        assertThat(login(email, NEW_PASSWORD)).isEqualTo(200);
        // the link came through the account's mailbox: that confirms the address too
        var me =
                new ApiClient(port).login(email, NEW_PASSWORD).get("/api/v1/me").json();
        assertThat(me.get("email_verified").asBoolean()).isTrue();

        // used once: a second use changes nothing
        String hash = passwordHash(email);
        var reused = confirm(token, "another fine phrase 9", 410).json();
        assertThat(reused.get("type").asString()).endsWith("/token-used");
        assertThat(passwordHash(email)).isEqualTo(hash);
        assertThat(login(email, NEW_PASSWORD)).isEqualTo(200);
    }

    @Test
    void aResetRevokesTheAccountsApiKeysAndAChangeEndsEarlierLinks() {
        // someone signs up with the owner's address before the owner does, and makes a key
        String email = registered("en");
        ApiClient squatter = new ApiClient(port).login(email, OLD_PASSWORD);
        String key = squatter.post("/api/v1/me/api-keys", Map.of("name", "Mine now", "scopes", List.of("orders:read")))
                .expectStatus(201)
                .json()
                .get("secret")
                .asString();
        ApiClient withKey = new ApiClient(port).withoutCsrf().header("Authorization", "Bearer " + key);
        withKey.get("/api/v1/orders").expectStatus(200);

        // the owner takes the account back through its mailbox
        confirm(requestToken(email), NEW_PASSWORD, 204);
        withKey.get("/api/v1/orders").expectStatus(401);

        // a password changed while a reset link is out: the link sets nothing any more
        String pending = requestToken(email);
        new ApiClient(port)
                .login(email, NEW_PASSWORD)
                .post(
                        "/api/v1/me/password",
                        Map.of("current_password", NEW_PASSWORD, "password", "yet another phrase 7"))
                .expectStatus(204);
        assertThat(confirm(pending, "a phrase of my own 8", 410)
                        .json()
                        .get("type")
                        .asString())
                .endsWith("/token-used");
    }

    @Test
    void passwordRefusedByThePolicyLeavesTheTokenUsable() {
        String email = registered("en");
        ApiClient signedIn = new ApiClient(port).login(email, OLD_PASSWORD);
        String token = requestToken(email);
        String hash = passwordHash(email);

        var problem = confirm(token, "short", 400).json();
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("password");
        var containsEmail = confirm(token, email.substring(0, email.indexOf('@')) + "!xyz", 400)
                .json();
        assertThat(containsEmail.get("errors").get(0).get("field").asString()).isEqualTo("password");
        confirm(token, "", 400);

        assertThat(passwordHash(email)).isEqualTo(hash);
        signedIn.get("/api/v1/me").expectStatus(200);
        assertThat(login(email, OLD_PASSWORD)).isEqualTo(200);

        confirm(token, NEW_PASSWORD, 204);
        assertThat(login(email, NEW_PASSWORD)).isEqualTo(200);
    }

    @Test
    void aPasswordLongerThan72BytesIsRefusedAndTheTokenStaysUsable() {
        String email = registered("en");
        String token = requestToken(email);
        String hash = passwordHash(email);

        var problem = confirm(token, AuthApiTests.emoji(19), 400).json();
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("password");
        assertThat(passwordHash(email)).isEqualTo(hash);

        confirm(token, NEW_PASSWORD, 204);
        assertThat(login(email, NEW_PASSWORD)).isEqualTo(200);
    }

    @Test
    void unknownTamperedAndMalformedTokensAre400AndChangeNothing() {
        String email = registered("en");
        String token = requestToken(email);
        String hash = passwordHash(email);
        char first = token.charAt(0);
        String tampered = (first == 'A' ? 'B' : 'A') + token.substring(1);

        for (String bad : new String[] {tampered, "A".repeat(43), "../../etc/passwd", token + "=="}) {
            var problem = confirm(bad, NEW_PASSWORD, 400).json();
            assertThat(problem.get("type").asString()).endsWith("/invalid-token");
            assertThat(problem.get("status").asInt()).isEqualTo(400);
        }
        // a verification token is no reset token
        String verificationToken = events.verifications(email).get(0).token();
        assertThat(confirm(verificationToken, NEW_PASSWORD, 400)
                        .json()
                        .get("type")
                        .asString())
                .endsWith("/invalid-token");

        assertThat(passwordHash(email)).isEqualTo(hash);
        assertThat(login(email, OLD_PASSWORD)).isEqualTo(200);
        confirm(token, NEW_PASSWORD, 204);
    }

    @Test
    void expiredTokenIs410AndChangesNothing() throws Exception {
        String email = registered("en");
        ApiClient signedIn = new ApiClient(port).login(email, OLD_PASSWORD);
        String token = requestToken(email);
        jdbc.sql("update user_tokens set expires_at = now() - interval '1 second' where token_hash = ?")
                .param(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)))
                .update();
        String hash = passwordHash(email);

        var problem = confirm(token, NEW_PASSWORD, 410).json();
        assertThat(problem.get("type").asString()).endsWith("/token-expired");
        assertThat(passwordHash(email)).isEqualTo(hash);
        signedIn.get("/api/v1/me").expectStatus(200);
        assertThat(login(email, OLD_PASSWORD)).isEqualTo(200);
        assertThat(login(email, NEW_PASSWORD)).isEqualTo(401);
    }

    @Test
    void aNewRequestReplacesEarlierUnusedTokens() {
        String email = registered("en");
        String first = requestToken(email);
        String second = requestToken(email);

        assertThat(confirm(first, NEW_PASSWORD, 410).json().get("type").asString())
                .endsWith("/token-used");
        confirm(second, NEW_PASSWORD, 204);
        assertThat(login(email, NEW_PASSWORD)).isEqualTo(200);
    }

    @Test
    void beyondThePerEmailLimitAnswersAlikeButSendsNoMoreMails() {
        String email = registered("en");
        String unknown = uniqueEmail();
        for (int i = 0; i < 3; i++) {
            requestToken(email);
            FromAddress.random(port).post("/api/v1/auth/password/reset", Map.of("email", unknown));
        }
        var normal = FromAddress.random(port).post("/api/v1/auth/password/reset", Map.of("email", uniqueEmail()));

        // anyone may ask for the victim's address: that must not lock its owner out of resetting
        for (String address : new String[] {email.toUpperCase(Locale.ROOT), unknown}) {
            var quiet = FromAddress.random(port).post("/api/v1/auth/password/reset", Map.of("email", address));
            assertThat(quiet.status()).isEqualTo(202);
            assertThat(quiet.header("Retry-After")).isNull();
            assertThat(quiet.body()).isEqualTo(normal.body());
        }
        assertThat(events.resets(email)).hasSize(3);
        assertThat(events.resets(unknown)).isEmpty();
        // the newest link still works
        confirm(events.resets(email).get(2).token(), NEW_PASSWORD, 204);
    }
}
