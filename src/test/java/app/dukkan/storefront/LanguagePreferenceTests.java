package app.dukkan.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.PageClient;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@DukkanTest
class LanguagePreferenceTests {

    private static final String PASSWORD = "Str0ng-Passphrase-4711";

    @LocalServerPort
    int port;

    @Test
    void readingInAnotherLanguageBecomesTheAccountsLanguage() {
        String email = "lang-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        ApiClient api = new ApiClient(port).register(email, PASSWORD).login(email, PASSWORD);
        assertThat(api.get("/api/v1/me").json().get("locale").asText()).isEqualTo("en");

        PageClient shopper = new PageClient(port);
        var login = shopper.get("/login").expectStatus(200);
        shopper.submit(login, "form[action$=/login]", Map.of("email", email, "password", PASSWORD));
        shopper.get("/ar/privacy").expectStatus(200);

        assertThat(shopper.cookie("DUKKAN_LANG")).isEqualTo("ar");
        assertThat(api.get("/api/v1/me").json().get("locale").asText()).isEqualTo("ar");
    }

    @Test
    void aLinkFromAnotherSiteShowsItsLanguageWithoutChangingTheChoice() {
        String email = "lang-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        ApiClient api = new ApiClient(port).register(email, PASSWORD).login(email, PASSWORD);
        PageClient shopper = new PageClient(port);
        var login = shopper.get("/login").expectStatus(200);
        shopper.submit(login, "form[action$=/login]", Map.of("email", email, "password", PASSWORD));
        shopper.get("/de/privacy").expectStatus(200);

        var linked = shopper.get("/ar/privacy", Map.of("Sec-Fetch-Site", "cross-site"))
                .expectStatus(200);

        assertThat(linked.html().selectFirst("html").attr("lang")).isEqualTo("ar");
        assertThat(linked.header("Set-Cookie")).isNull();
        assertThat(shopper.cookie("DUKKAN_LANG")).isEqualTo("de");
        assertThat(api.get("/api/v1/me").json().get("locale").asText()).isEqualTo("de");
        assertThat(shopper.get("/", Map.of("Sec-Fetch-Site", "cross-site")).location())
                .as("entering at the English home page from elsewhere still leads to the language chosen")
                .isEqualTo("/de/");
    }

    @Test
    void aReturningShopperEntersInTheLanguageChosenBefore() {
        PageClient shopper = new PageClient(port);
        shopper.get("/de/privacy").expectStatus(200);

        assertThat(shopper.get("/").location()).isEqualTo("/de/");
        // the language switch inside the shop leads to English and makes it the choice
        assertThat(shopper.get("/", Map.of("Referer", "http://localhost:" + port + "/de/privacy"))
                        .status())
                .isEqualTo(200);
        assertThat(shopper.cookie("DUKKAN_LANG")).isEqualTo("en");
        assertThat(shopper.get("/").status()).isEqualTo(200);
    }
}
