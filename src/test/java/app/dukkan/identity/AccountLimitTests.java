package app.dukkan.identity;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.DukkanTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Sign-in, sign-up and password reset requests are limited per client address, with the shop's
 * default limits. A context of its own: every other test comes from 127.0.0.1 and the shared
 * context sets the limits out of their way. Each test uses loopback addresses of its own ({@link
 * FromAddress}).
 */
@DukkanTest
@TestPropertySource(
        properties = {
            "dukkan.identity.sign-up-limits.per-ip=3",
            "dukkan.identity.sign-in-limits.per-ip=10",
            "dukkan.identity.reset-limits.per-ip=5"
        })
class AccountLimitTests {

    private static final String PASSWORD = "correct horse 42";

    @LocalServerPort
    int port;

    @Autowired
    IdentityEvents events;

    private static String uniqueEmail() {
        return "limits-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private FromAddress.Response signUp(FromAddress client, String email) {
        return client.post(
                "/api/v1/auth/register", Map.of("email", email, "password", PASSWORD, "accept_privacy_notice", true));
    }

    private FromAddress.Response signIn(FromAddress client, String email, String password) {
        return client.post("/api/v1/auth/login", Map.of("email", email, "password", password));
    }

    @Test
    void limitsSignUpsPerClientAddressCountingTakenAddressesToo() {
        FromAddress client = FromAddress.random(port);
        String taken = uniqueEmail();
        assertThat(signUp(client, taken).status()).isEqualTo(201);
        assertThat(signUp(client, uniqueEmail()).status()).isEqualTo(201);
        // asking whether an address is taken costs from the same budget
        assertThat(signUp(client, taken).status()).isEqualTo(409);

        String refusedEmail = uniqueEmail();
        var refused = signUp(client, refusedEmail);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("type").asString()).endsWith("/rate-limited");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(3500L, 3600L);
        assertThat(signUp(client, taken).status()).isEqualTo(429);
        assertThat(events.registered(refusedEmail)).isEmpty();
        assertThat(events.verifications(refusedEmail)).isEmpty();

        // another address is not affected
        assertThat(signUp(FromAddress.random(port), refusedEmail).status()).isEqualTo(201);
        assertThat(events.registered(refusedEmail)).hasSize(1);
    }

    @Test
    void refusedSignUpInputDoesNotCountAgainstTheLimit() {
        FromAddress client = FromAddress.random(port);
        for (int i = 0; i < 5; i++) {
            assertThat(client.post(
                                    "/api/v1/auth/register",
                                    Map.of("email", uniqueEmail(), "password", "short", "accept_privacy_notice", true))
                            .status())
                    .isEqualTo(400);
        }
        assertThat(signUp(client, uniqueEmail()).status()).isEqualTo(201);
    }

    @Test
    void limitsSignInsPerClientAddressSuccessfulOnesIncluded() {
        String email = uniqueEmail();
        assertThat(signUp(FromAddress.random(port), email).status()).isEqualTo(201);
        FromAddress client = FromAddress.random(port);
        for (int i = 0; i < 5; i++) {
            assertThat(signIn(client, email, "wrong password " + i).status()).isEqualTo(401);
            assertThat(signIn(client, email, PASSWORD).status()).isEqualTo(200);
        }

        var refused = signIn(client, email, PASSWORD);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("type").asString()).endsWith("/rate-limited");
        assertThat(refused.headers().getOrDefault("set-cookie", "")).doesNotContain("DUKKAN_SESSION");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(850L, 900L);

        // another address is not affected
        assertThat(signIn(FromAddress.random(port), email, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void limitsPasswordResetRequestsPerClientAddress() {
        FromAddress client = FromAddress.random(port);
        for (int i = 0; i < 5; i++) {
            assertThat(client.post("/api/v1/auth/password/reset", Map.of("email", uniqueEmail()))
                            .status())
                    .isEqualTo(202);
        }
        String email = uniqueEmail();
        assertThat(signUp(FromAddress.random(port), email).status()).isEqualTo(201);
        var refused = client.post("/api/v1/auth/password/reset", Map.of("email", email));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("type").asString()).endsWith("/rate-limited");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(3500L, 3600L);
        assertThat(events.resets(email)).isEmpty();

        // another address is not affected
        assertThat(FromAddress.random(port)
                        .post("/api/v1/auth/password/reset", Map.of("email", email))
                        .status())
                .isEqualTo(202);
        assertThat(events.resets(email)).hasSize(1);
    }

    @Test
    void pagesPastALimitSayHowLongToWait() {
        String email = uniqueEmail();
        assertThat(signUp(FromAddress.random(port), email).status()).isEqualTo(201);
        FromAddress client = FromAddress.random(port);
        for (int i = 0; i < 10; i++) {
            assertThat(client.postForm("/login", Map.of("email", email, "password", "wrong password " + i))
                            .status())
                    .isEqualTo(422);
        }
        var refused = client.postForm("/de/login", Map.of("email", email, "password", PASSWORD));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Content-Type")).startsWith("text/html");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(850L, 900L);
        assertThat(refused.body())
                .contains("Zu viele Versuche von Ihrer Verbindung")
                .contains("15 Minuten")
                .contains("value=\"" + email + "\"");
        assertThat(refused.headers().getOrDefault("set-cookie", "")).doesNotContain("DUKKAN_SESSION");

        FromAddress signingUp = FromAddress.random(port);
        for (int i = 0; i < 3; i++) {
            assertThat(signingUp
                            .postForm(
                                    "/signup",
                                    Map.of("email", uniqueEmail(), "password", PASSWORD, "accept_privacy_notice", "on"))
                            .status())
                    .isEqualTo(303);
        }
        var noMore = signingUp.postForm(
                "/signup", Map.of("email", uniqueEmail(), "password", PASSWORD, "accept_privacy_notice", "on"));
        assertThat(noMore.status()).isEqualTo(429);
        assertThat(noMore.body()).contains("wait 60 minutes");

        FromAddress forgetful = FromAddress.random(port);
        for (int i = 0; i < 5; i++) {
            assertThat(forgetful
                            .postForm("/account/forgot-password", Map.of("email", uniqueEmail()))
                            .status())
                    .isEqualTo(303);
        }
        var tooOften = forgetful.postForm("/ar/account/forgot-password", Map.of("email", uniqueEmail()));
        assertThat(tooOften.status()).isEqualTo(429);
        assertThat(tooOften.body()).contains("محاولات كثيرة جدًا");
    }
}
