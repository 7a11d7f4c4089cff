package app.dukkan.identity;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.DukkanTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@DukkanTest
class AuthApiTests {

    @LocalServerPort
    int port;

    private static String uniqueEmail() {
        return "shopper-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    @Test
    void registersLogsInReadsMeAndLogsOut() {
        ApiClient client = new ApiClient(port);
        String email = uniqueEmail();
        var registered = client.post(
                        "/api/v1/auth/register",
                        Map.of("email", email, "password", "correct horse 42", "accept_privacy_notice", true))
                .expectStatus(201)
                .json();
        assertThat(registered.get("email").asString()).isEqualTo(email);
        assertThat(registered.get("roles").get(0).asString()).isEqualTo("customer");
        assertThat(registered.has("password_hash")).isFalse();

        client.get("/api/v1/me").expectStatus(401);
        var login = client.post(
                        "/api/v1/auth/login", Map.of("email", email.toUpperCase(), "password", "correct horse 42"))
                .expectStatus(200);
        String setCookie = String.join(";", login.headers("Set-Cookie"));
        assertThat(setCookie)
                .contains("DUKKAN_SESSION")
                .containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Lax");

        var me = client.get("/api/v1/me").expectStatus(200).json();
        assertThat(me.get("email").asString()).isEqualTo(email);
        assertThat(me.get("created_at").asString())
                .isEqualTo(registered.get("created_at").asString());

        client.post("/api/v1/auth/logout", null).expectStatus(204);
        client.get("/api/v1/me").expectStatus(401);
    }

    @Test
    void refusesDuplicateEmailIgnoringCase() {
        ApiClient client = new ApiClient(port);
        String email = uniqueEmail();
        client.register(email, "correct horse 42");
        var problem = client.post(
                        "/api/v1/auth/register",
                        Map.of(
                                "email",
                                email.toUpperCase(),
                                "password",
                                "correct horse 42",
                                "accept_privacy_notice",
                                true))
                .expectStatus(409)
                .json();
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("email");
    }

    @Test
    void refusesWeakPasswordAndBadEmail() {
        ApiClient client = new ApiClient(port);
        var weak = client.post(
                        "/api/v1/auth/register",
                        Map.of("email", uniqueEmail(), "password", "short", "accept_privacy_notice", true))
                .expectStatus(400)
                .json();
        assertThat(weak.get("errors").get(0).get("field").asString()).isEqualTo("password");
        var badEmail = client.post(
                        "/api/v1/auth/register",
                        Map.of("email", "not-an-email", "password", "correct horse 42", "accept_privacy_notice", true))
                .expectStatus(400)
                .json();
        assertThat(badEmail.get("errors").get(0).get("field").asString()).isEqualTo("email");
    }

    @Test
    void refusesWrongPassword() {
        ApiClient client = new ApiClient(port);
        String email = uniqueEmail();
        client.register(email, "correct horse 42");
        client.post("/api/v1/auth/login", Map.of("email", email, "password", "wrong horse 42"))
                .expectStatus(401);
        client.get("/api/v1/me").expectStatus(401);
    }

    @Test
    void refusesWritesWithoutCsrfToken() {
        ApiClient client = new ApiClient(port).withoutCsrf();
        var problem = client.post(
                        "/api/v1/auth/register",
                        Map.of("email", uniqueEmail(), "password", "correct horse 42", "accept_privacy_notice", true))
                .expectStatus(403)
                .json();
        assertThat(problem.get("type").asString()).endsWith("/csrf");
    }

    @Test
    void tokenFromTheCsrfEndpointAuthorizesWrites() {
        ApiClient client = new ApiClient(port).withoutCsrf();
        var csrf = client.get("/api/v1/auth/csrf").expectStatus(200).json();
        assertThat(csrf.get("header_name").asString()).isEqualTo("X-XSRF-TOKEN");
        client.header("X-XSRF-TOKEN", csrf.get("token").asString());
        client.post(
                        "/api/v1/auth/register",
                        Map.of("email", uniqueEmail(), "password", "correct horse 42", "accept_privacy_notice", true))
                .expectStatus(201);
    }

    @Test
    void configuredAdministratorCanSignIn() {
        ApiClient admin = new ApiClient(port).login("admin@test.dukkan", "Str0ng-Passphrase-4711");
        var me = admin.get("/api/v1/me").expectStatus(200).json();
        assertThat(me.get("roles").toString()).contains("admin");
    }

    @Test
    void onlyAdminsChangeRoles() {
        ApiClient customer = new ApiClient(port);
        String email = uniqueEmail();
        customer.register(email, "correct horse 42").login(email, "correct horse 42");
        String id = customer.get("/api/v1/me").json().get("id").asString();
        customer.put("/api/v1/admin/users/" + id + "/roles", Map.of("roles", java.util.List.of("admin")))
                .expectStatus(403);

        ApiClient admin = new ApiClient(port).login("admin@test.dukkan", "Str0ng-Passphrase-4711");
        admin.put("/api/v1/admin/users/" + id + "/roles", Map.of("roles", java.util.List.of("seller", "customer")))
                .expectStatus(200);
        customer.get("/api/v1/me").expectStatus(401);
        customer.login(email, "correct horse 42");
        assertThat(customer.get("/api/v1/me").json().get("roles").toString()).contains("seller");
        admin.put("/api/v1/admin/users/" + id + "/roles", Map.of("roles", java.util.List.of("wizard")))
                .expectStatus(400);
        admin.sendRaw("PUT", "/api/v1/admin/users/" + id + "/roles", "{\"roles\":[null]}", "application/json")
                .expectStatus(400);
    }

    /** 19 emoji are 76 bytes in UTF-8, more than BCrypt reads, though well within 128 characters. */
    private static final String EMOJI_PASSWORD = emoji(19);

    /** That many different emoji, four bytes each in UTF-8. */
    static String emoji(int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.appendCodePoint(0x1F600 + i);
        }
        return text.toString();
    }

    @Test
    void passwordsAreLimitedTo72BytesWithAClearMessage() {
        ApiClient client = new ApiClient(port);
        for (String tooLong : new String[] {EMOJI_PASSWORD, "long horse ".repeat(7), "äöüß".repeat(10)}) {
            var problem = client.post(
                            "/api/v1/auth/register",
                            Map.of("email", uniqueEmail(), "password", tooLong, "accept_privacy_notice", true))
                    .expectStatus(400)
                    .json();
            assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("password");
            assertThat(problem.get("errors").get(0).get("message").asString()).contains("72 bytes");
        }
        String email = uniqueEmail();
        String longest = "correct horse battery staple 42 ".repeat(2) + "a tidy end"; // 74 characters
        String fits = longest.substring(0, 72);
        client.register(email, fits).login(email, fits);
    }

    @Test
    void signingInWithAnOverlongPasswordIsWrongNotAnError() {
        ApiClient client = new ApiClient(port);
        String email = uniqueEmail();
        client.register(email, "correct horse 42");
        for (String tooLong : new String[] {EMOJI_PASSWORD, "x".repeat(1000)}) {
            var problem = client.post("/api/v1/auth/login", Map.of("email", email, "password", tooLong))
                    .expectStatus(401)
                    .json();
            assertThat(problem.get("type").asString()).endsWith("/unauthenticated");
        }
        client.post("/api/v1/auth/login", Map.of("email", uniqueEmail(), "password", EMOJI_PASSWORD))
                .expectStatus(401);
    }
}
