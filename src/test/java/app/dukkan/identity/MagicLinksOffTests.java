package app.dukkan.identity;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.PageClient;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Without {@code dukkan.identity.magic-link.domains} (the default) nobody may ask for a sign-in link. */
@DukkanTest
class MagicLinksOffTests {

    @LocalServerPort
    int port;

    @Test
    void withoutDomainsThereAreNoSignInLinks() {
        var answer = FromAddress.random(port).post("/api/v1/auth/magic-link", Map.of("email", "admin@test.dukkan"));
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().get("type").asString()).endsWith("/not-found");

        PageClient browser = new PageClient(port);
        var login = browser.get("/login").expectStatus(200);
        assertThat(login.html().select("#magic-panel")).isEmpty();
        String csrf = login.one("#login-panel input[name=_csrf]").attr("value");
        browser.post("/login/link/request", Map.of("_csrf", csrf, "email", "admin@test.dukkan"))
                .expectStatus(404);
        browser.get("/login/link?token=" + "A".repeat(43)).expectStatus(400);
    }
}
