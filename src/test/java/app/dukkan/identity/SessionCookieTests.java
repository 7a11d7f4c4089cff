package app.dukkan.identity;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.DukkanTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A session cookie that holds no session id the shop could have issued is no session at all. */
@DukkanTest
class SessionCookieTests {

    private static final String PASSWORD = "correct horse 42";

    @LocalServerPort
    int port;

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Values an attacker or a broken client sends: NUL bytes, not base64, SQL, overlong, a UUID with a tail. */
    private static List<String> hostileValues() {
        return List.of(
                "AAAA",
                "AAAAAAAAAAAAAAAAAAAAAAAA",
                "%00",
                "not base64!",
                "====",
                base64("' or 1=1 --"),
                base64(UUID.randomUUID() + "\0"),
                base64("x".repeat(6000)),
                "A".repeat(8000));
    }

    private ApiClient withCookie(String value) {
        return new ApiClient(port).header("Cookie", "DUKKAN_SESSION=" + value);
    }

    @Test
    void malformedSessionIdsAreTreatedAsNoSession() {
        for (String value : hostileValues()) {
            assertThat(withCookie(value).get("/livez").status())
                    .as("/livez with DUKKAN_SESSION=%s", value)
                    .isEqualTo(200);
            assertThat(withCookie(value).get("/api/v1/products").status())
                    .as("/api/v1/products with DUKKAN_SESSION=%s", value)
                    .isEqualTo(200);
            var me = withCookie(value).get("/api/v1/me");
            assertThat(me.status())
                    .as("/api/v1/me with DUKKAN_SESSION=%s", value)
                    .isEqualTo(401);
            assertThat(me.json().get("type").asString()).endsWith("/unauthenticated");
        }
    }

    @Test
    void aMalformedSessionCookieNextToAValidOneKeepsTheUserSignedIn() {
        String email = "session-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        ApiClient user = new ApiClient(port).register(email, PASSWORD).login(email, PASSWORD);
        String session = user.cookie("DUKKAN_SESSION");
        assertThat(session).isNotNull();

        for (String value : hostileValues()) {
            var me = new ApiClient(port)
                    .header("Cookie", "DUKKAN_SESSION=" + value + "; DUKKAN_SESSION=" + session)
                    .get("/api/v1/me");
            assertThat(me.status())
                    .as("/api/v1/me next to DUKKAN_SESSION=%s", value)
                    .isEqualTo(200);
            assertThat(me.json().get("email").asString()).isEqualTo(email);
        }
    }
}
