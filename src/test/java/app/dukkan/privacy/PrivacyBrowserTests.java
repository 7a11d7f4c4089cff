package app.dukkan.privacy;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import app.dukkan.admin.ConsoleBrowserTest;
import app.dukkan.identity.IdentityEvents;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import com.microsoft.playwright.Page;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * axe on the privacy pages, the console's and the shopper's, in English and Arabic, light and
 * dark, with a refused form among them.
 */
class PrivacyBrowserTests extends ConsoleBrowserTest {

    private static final String PASSWORD = "correct horse 42";

    @Autowired
    IdentityEvents identityEvents;

    @Test
    void thePrivacyPagesAreAccessibleInEnglishAndArabicLightAndDark() {
        String email = CatalogFixtures.unique("axe-privacy-") + "@example.com";
        ApiClient customer = identityEvents.confirmEmail(
                new ApiClient(port).register(email, PASSWORD).login(email, PASSWORD), email);
        String export = customer.post("/api/v1/me/exports", null)
                .expectStatus(202)
                .json()
                .get("id")
                .asString();
        String other = CatalogFixtures.unique("axe-erased-") + "@example.com";
        new ApiClient(port).register(other, PASSWORD);
        String erasure = new CatalogFixtures(port)
                .admin()
                .post("/api/v1/admin/privacy/erasures", Map.of("email", other, "reason", "asked by letter"))
                .expectStatus(202)
                .json()
                .get("id")
                .asString();
        List<String> console =
                List.of("/admin/privacy", "/admin/privacy/erase?email=" + email, "/admin/privacy/" + erasure);
        List<String> account = List.of("/account", "/account/data/erase", "/account/data/exports/" + export);
        for (Options options : THEMES) {
            Page admin = signedInAdmin(options);
            Page shopper = signedIn(options, email, PASSWORD, "/account");
            for (String prefix : LANGUAGES) {
                for (String path : console) {
                    admin.navigate(prefix + path);
                    assertAccessible(admin, options);
                }
                admin.navigate(prefix + "/admin/privacy/erase?email=" + email);
                admin.locator("#erase-reason").fill("   "); // passes the browser's check, not the shop's
                admin.locator("form button.danger").click();
                assertThat(admin.locator("#erase-reason-error")).isVisible();
                assertAccessible(admin, options);
                for (String path : account) {
                    shopper.navigate(prefix + path);
                    assertAccessible(shopper, options);
                }
                shopper.navigate(prefix + "/account/data/erase");
                shopper.locator("#erase-password").fill("not my password");
                shopper.locator("form button.danger").click();
                assertThat(shopper.locator("#erase-password-error")).isVisible();
                assertAccessible(shopper, options);
                screenshot(shopper, "privacy-erase-" + language(prefix) + "-" + theme(options));
            }
        }
    }
}
