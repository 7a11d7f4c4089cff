package app.dukkan.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.identity.IdentityEvents;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.PageClient;
import app.dukkan.testing.PageClient.Page;
import app.dukkan.testing.Shop;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The shopper's "your data" pages and the console's privacy requests, without JavaScript. */
@DukkanTest
class PrivacyPagesTests {

    private static final String PASSWORD = "correct horse 42";

    @LocalServerPort
    int port;

    @Autowired
    IdentityEvents identityEvents;

    /** A customer who has confirmed their email. */
    String customer() {
        String email = CatalogFixtures.unique("pages-") + "@example.com";
        identityEvents.confirmEmail(new ApiClient(port).register(email, PASSWORD), email);
        return email;
    }

    @Test
    void aShopperWhoseEmailIsNotConfirmedIsToldToConfirmItBeforeAnExportOrAnErasure() {
        String email = CatalogFixtures.unique("pages-") + "@example.com";
        new ApiClient(port).register(email, PASSWORD);
        PageClient browser = PageClient.signedIn(port, email, PASSWORD);

        Page account = browser.get("/account").expectStatus(200);
        assertThat(account.one("#data-unverified").text()).contains("Confirm");
        assertThat(account.html().select("form[action$=/account/data/export]")).isEmpty();
        Page confirm = browser.get("/account/data/erase").expectStatus(200);
        Page refused = browser.submit(confirm, "form[action$=/account/data/erase]", Map.of("password", PASSWORD));
        assertThat(refused.status()).isEqualTo(409);
        // The erase page has no verification panel of its own, so it sends the shopper to the account page.
        assertThat(refused.one("#erase-error").text()).contains("account page").doesNotContain("above");
        browser.get("/account").expectStatus(200);
    }

    @Test
    void aShopperDownloadsTheirDataThenDeletesTheirAccountWithTheirPassword() {
        String email = customer();
        PageClient browser = PageClient.signedIn(port, email, PASSWORD);
        Page account = browser.get("/account").expectStatus(200);
        assertThat(account.one("#your-data").text()).isNotBlank();

        Page queued = browser.submit(account, "form[action$=/account/data/export]", Map.of());
        assertThat(queued.status()).isEqualTo(303);
        String status = queued.location();
        assertThat(status).contains("/account/data/exports/");
        Page ready = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> browser.get(status).expectStatus(200),
                        page -> !page.html().select("a[download]").isEmpty());
        String download = ready.one("a[download]").attr("href");
        assertThat(new PageClient(port).get(download).expectStatus(200).body()).contains(email);

        Page confirm = browser.get("/account/data/erase").expectStatus(200);
        Page wrong = browser.submit(confirm, "form[action$=/account/data/erase]", Map.of("password", "not it 123"));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.one("#erase-password-error").text()).isNotBlank();
        browser.get("/account").expectStatus(200);

        Page erased = browser.submit(wrong, "form[action$=/account/data/erase]", Map.of("password", PASSWORD));
        assertThat(erased.status()).isEqualTo(200);
        assertThat(erased.one("main h1").text()).isNotBlank();
        assertThat(browser.get("/account").status()).isEqualTo(302);
    }

    @Test
    void anAccountWithAnOrderStillToShipIsNotDeletedYetAndTheShopperIsToldWhy() {
        String email = customer();
        Shop shop = new Shop(port);
        shop.buy(new ApiClient(port).login(email, PASSWORD), shop.product("10.00", 5), 1, null);
        PageClient browser = PageClient.signedIn(port, email, PASSWORD);

        Page confirm = browser.get("/account/data/erase").expectStatus(200);
        Page held = browser.submit(confirm, "form[action$=/account/data/erase]", Map.of("password", PASSWORD));
        assertThat(held.status()).isEqualTo(409);
        assertThat(held.one("#erase-error").text()).contains("shipped");
        browser.get("/account").expectStatus(200);
    }

    @Test
    void anOperatorErasesACustomerThroughTheConfirmationAndFollowsItsParts() {
        String email = customer();
        PageClient console = PageClient.admin(port);
        Page list = console.get("/admin/privacy").expectStatus(200);

        Page unknown = console.submit(
                list, "form[action$=/admin/privacy/exports]", Map.of("email", "nobody-" + email, "phone", ""));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.one("#privacy-email-error").text()).isNotBlank();

        Page confirm = console.get("/admin/privacy/erase?email=" + email).expectStatus(200);
        Page noReason = console.submit(confirm, "form[action$=/admin/privacy/erasures]", Map.of("reason", ""));
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.one("#erase-reason-error").text()).isNotBlank();

        Page started =
                console.submit(noReason, "form[action$=/admin/privacy/erasures]", Map.of("reason", "asked by letter"));
        assertThat(started.status()).isEqualTo(302);
        String detail = started.location();
        Page done = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> console.get(detail).expectStatus(200),
                        page -> page.html().select("tbody tr").stream()
                                .allMatch(row -> row.text().contains("Done")));
        assertThat(done.html().select("tbody tr")).hasSizeGreaterThanOrEqualTo(14);
        assertThat(console.get("/admin/privacy").expectStatus(200).body())
                .contains(detail.substring(detail.lastIndexOf('/') + 1));
    }
}
