package app.dukkan.admin;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.PageClient;
import app.dukkan.testing.PageClient.Page;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The API keys page without JavaScript: the list, creating a key shown once, revoking it. */
@DukkanTest
class ApiKeyPagesTests {

    static final String PASSWORD = "Str0ng-Passphrase-4711";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aSellerCreatesAKeyThatIsShownOnceAndWorksThenRevokesIt() {
        String email = CatalogFixtures.unique("keys-seller-") + "@example.com";
        ConsoleAccounts.create(port, jdbc, email, PASSWORD, "Key Seller", "seller");
        PageClient seller = PageClient.signedIn(port, email, PASSWORD);

        Page list = seller.get("/admin/api-keys").expectStatus(200);
        assertThat(list.one("h1").text()).isEqualTo("API keys");
        assertThat(list.html().select("nav a[href=/admin/api-keys]")).isNotEmpty();
        assertThat(list.one("[role=status]").text()).isEqualTo("No keys yet");
        // a seller is offered the scopes of the seller's role only
        assertThat(list.html().select("input[name=scopes]").eachAttr("value"))
                .containsExactly("catalog:read", "catalog:write", "orders:read", "orders:write");

        Page missing = seller.submit(list, "form.api-key-form", Map.of("name", " "));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.one("#api-key-name-error").text()).isEqualTo("Enter a name for the key.");
        assertThat(missing.one("#api-key-scopes-error").text()).isEqualTo("Choose at least one scope.");

        Page forged = seller.submit(
                list, "form.api-key-form", Map.of("name", "Too much", "scopes", "admin", "expires", "30"));
        assertThat(forged.status()).isEqualTo(422);
        assertThat(forged.one("#api-key-scopes-error").text())
                .isEqualTo("Your roles cannot give a key one of these scopes.");

        Page created = seller.submit(
                list, "form.api-key-form", Map.of("name", "Stock sync", "scopes", "catalog:read", "expires", "30"));
        created.expectStatus(200);
        assertThat(created.header("Cache-Control")).isEqualTo("no-store");
        String secret = created.one("#api-key-secret").attr("value");
        assertThat(secret).matches("dk_[0-9A-Za-z]{12}_[0-9A-Za-z]{43}");
        new ApiClient(port)
                .header("X-API-Key", secret)
                .get("/api/v1/admin/products")
                .expectStatus(200);

        Page after = seller.get("/admin/api-keys").expectStatus(200);
        assertThat(after.body()).doesNotContain(secret);
        assertThat(after.html().select("tbody tr")).hasSize(1);
        assertThat(after.one("tbody th").text()).isEqualTo("Stock sync");
        assertThat(after.one("tbody code").text()).isEqualTo(secret.substring(0, 15));

        Page confirm = seller.get(after.one("tbody a.button").attr("href")).expectStatus(200);
        assertThat(confirm.one("h1").text()).isEqualTo("Revoke the key \u201cStock sync\u201d?");
        Page done = seller.submit(confirm, "form.api-key-revoke", Map.of("reason", "rotated"));
        assertThat(done.location()).isEqualTo("/admin/api-keys");
        Page revoked = seller.follow(done);
        assertThat(revoked.one(".flash").text())
                .isEqualTo("The key \u201cStock sync\u201d (" + secret.substring(0, 15) + ") is revoked.");
        assertThat(revoked.one("tbody .status").text()).isEqualTo("Revoked");
        assertThat(new ApiClient(port)
                        .header("X-API-Key", secret)
                        .get("/api/v1/admin/products")
                        .status())
                .isEqualTo(401);
    }

    @Test
    void adminsSeeEveryonesKeysWithTheirOwnerAndRevokeThem() {
        String email = CatalogFixtures.unique("keys-owner-") + "@example.com";
        ConsoleAccounts.create(port, jdbc, email, PASSWORD, "Key Owner", "seller");
        ApiClient owner = new ApiClient(port).login(email, PASSWORD);
        String id = owner.post(
                        "/api/v1/me/api-keys",
                        Map.of("name", "Owner's key", "scopes", java.util.List.of("orders:read")))
                .expectStatus(201)
                .json()
                .get("key")
                .get("id")
                .asString();
        PageClient admin = PageClient.admin(port);
        Page list = admin.get("/admin/api-keys").expectStatus(200);
        assertThat(list.html().select("thead th").eachText()).contains("Owner");
        assertThat(list.body()).contains(email);
        assertThat(list.html().select("input[name=scopes]").eachAttr("value")).contains("admin", "triggers:write");

        Page confirm = admin.get("/admin/api-keys/" + id + "/revoke").expectStatus(200);
        admin.submit(confirm, "form.api-key-revoke", Map.of("reason", "owner left"));
        assertThat(jdbc.sql("select revoked_reason from api_keys where id = ?::uuid")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo("owner left");

        // another seller cannot see or revoke it
        String other = CatalogFixtures.unique("keys-other-") + "@example.com";
        ConsoleAccounts.create(port, jdbc, other, PASSWORD, "Other", "seller");
        PageClient.signedIn(port, other, PASSWORD)
                .get("/admin/api-keys/" + id + "/revoke")
                .expectStatus(404);
    }

    @Test
    void thePageSpeaksGermanAndArabicRightToLeft() {
        PageClient admin = PageClient.admin(port);
        assertThat(admin.get("/de/admin/api-keys").expectStatus(200).one("h1").text())
                .isEqualTo("API-Schlüssel");
        Page arabic = admin.get("/ar/admin/api-keys").expectStatus(200);
        assertThat(arabic.one("html").attr("dir")).isEqualTo("rtl");
        assertThat(arabic.one("h1").text()).isEqualTo("مفاتيح API");
    }
}
