package app.dukkan.identity;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.DukkanTest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@DukkanTest
class ProfileApiTests {

    private static final String PASSWORD = "correct horse 42";
    private static final String NEW_PASSWORD = "battery staple 77";

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    AccountDirectory directory;

    private static String uniqueEmail() {
        return "profile-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private ApiClient signedIn(String email) {
        return new ApiClient(port).register(email, PASSWORD).login(email, PASSWORD);
    }

    @Test
    void changesDisplayNameAndLanguage() {
        ApiClient client = signedIn(uniqueEmail());
        var changed = client.patch("/api/v1/me", Map.of("display_name", "  Layla  ", "locale", "ar"))
                .expectStatus(200)
                .json();
        assertThat(changed.get("display_name").asString()).isEqualTo("Layla");
        assertThat(changed.get("locale").asString()).isEqualTo("ar");

        // a field left out stays as it is
        var again = client.patch("/api/v1/me", Map.of("locale", "de"))
                .expectStatus(200)
                .json();
        assertThat(again.get("display_name").asString()).isEqualTo("Layla");
        assertThat(again.get("locale").asString()).isEqualTo("de");
    }

    @Test
    void refusesAnUnsupportedLanguageAndABlankNameChangingNothing() {
        ApiClient client = signedIn(uniqueEmail());
        var before = client.get("/api/v1/me").expectStatus(200).json();
        var language = client.patch("/api/v1/me", Map.of("locale", "fr"))
                .expectStatus(400)
                .json();
        assertThat(language.get("errors").get(0).get("field").asString()).isEqualTo("locale");
        var name = client.patch("/api/v1/me", Map.of("display_name", "   "))
                .expectStatus(400)
                .json();
        assertThat(name.get("errors").get(0).get("field").asString()).isEqualTo("display_name");
        assertThat(client.get("/api/v1/me").expectStatus(200).json()).isEqualTo(before);

        new ApiClient(port).patch("/api/v1/me", Map.of("locale", "de")).expectStatus(401);
    }

    @Test
    void changingThePasswordKeepsThisSessionAndEndsTheOthers() {
        String email = uniqueEmail();
        ApiClient here = signedIn(email);
        ApiClient elsewhere = new ApiClient(port).login(email, PASSWORD);
        String key = here.post("/api/v1/me/api-keys", Map.of("name", "made before", "scopes", List.of("orders:read")))
                .expectStatus(201)
                .json()
                .get("secret")
                .asString();
        ApiClient byKey = new ApiClient(port).withoutCsrf().header("X-API-Key", key);
        byKey.get("/api/v1/orders").expectStatus(200);

        here.post("/api/v1/me/password", Map.of("current_password", PASSWORD, "password", NEW_PASSWORD))
                .expectStatus(204);
        // a key made with a session the new password means to end ends too
        byKey.get("/api/v1/orders").expectStatus(401);

        here.get("/api/v1/me").expectStatus(200);
        elsewhere.get("/api/v1/me").expectStatus(401);
        new ApiClient(port)
                .post("/api/v1/auth/login", Map.of("email", email, "password", PASSWORD))
                .expectStatus(401);
        new ApiClient(port).login(email, NEW_PASSWORD);
    }

    @Test
    void refusesAWrongCurrentPasswordAndAWeakNewOneChangingNothing() {
        String email = uniqueEmail();
        ApiClient client = signedIn(email);
        var wrong = client.post(
                        "/api/v1/me/password", Map.of("current_password", "not my password", "password", NEW_PASSWORD))
                .expectStatus(400)
                .json();
        assertThat(wrong.get("errors").get(0).get("field").asString()).isEqualTo("current_password");
        var weak = client.post("/api/v1/me/password", Map.of("current_password", PASSWORD, "password", "short"))
                .expectStatus(400)
                .json();
        assertThat(weak.get("errors").get(0).get("field").asString()).isEqualTo("password");

        client.get("/api/v1/me").expectStatus(200);
        new ApiClient(port).login(email, PASSWORD);
    }

    @Test
    void remembersTheChosenLanguageOnlyWhenTheShopSpeaksIt() {
        String email = uniqueEmail();
        new ApiClient(port).register(email, PASSWORD);
        UserId id = new UserId(UUID.fromString(new ApiClient(port)
                .login(email, PASSWORD)
                .get("/api/v1/me")
                .json()
                .get("id")
                .asString()));

        accounts.rememberLanguage(id, Locale.forLanguageTag("de-AT"));
        assertThat(directory.find(id).orElseThrow().locale()).isEqualTo(Locale.GERMAN);
        accounts.rememberLanguage(id, Locale.FRENCH);
        assertThat(directory.find(id).orElseThrow().locale()).isEqualTo(Locale.GERMAN);
        accounts.rememberLanguage(id, Locale.forLanguageTag("ar"));
        assertThat(directory.find(id).orElseThrow().locale()).isEqualTo(Locale.forLanguageTag("ar"));
    }
}
