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
 * Sign-ups are limited per client address. A context of its own with a small limit: every other test
 * signs up from 127.0.0.1, so the shared context sets the limit out of their way.
 */
@DukkanTest
@TestPropertySource(properties = "dukkan.identity.sign-up-limits.per-ip=3")
class SignUpLimitTests {

    private static final String PASSWORD = "correct horse 42";

    @LocalServerPort
    int port;

    @Autowired
    IdentityEvents events;

    private static String uniqueEmail() {
        return "signup-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private FromAddress.Response signUp(FromAddress client, String email) {
        return client.post("/api/v1/auth/register", Map.of("email", email, "password", PASSWORD));
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
    void refusedInputDoesNotCountAgainstTheLimit() {
        FromAddress client = FromAddress.random(port);
        for (int i = 0; i < 5; i++) {
            assertThat(client.post("/api/v1/auth/register", Map.of("email", uniqueEmail(), "password", "short"))
                            .status())
                    .isEqualTo(400);
        }
        assertThat(signUp(client, uniqueEmail()).status()).isEqualTo(201);
    }
}
