package app.dukkan.admin;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.PageClient;
import app.dukkan.testing.PageClient.Page;
import app.dukkan.testing.Shop;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The users pages without JavaScript: search, an account, roles, disabling and enabling. */
@DukkanTest
class UserPagesTests {

    static final String PASSWORD = "Str0ng-Passphrase-4711";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    /** A new account named {@code name}, with {@code roles} (none: a customer); its id. */
    private String account(String email, String name, String... roles) {
        return ConsoleAccounts.create(port, jdbc, email, PASSWORD, name, roles);
    }

    private static String letters() {
        StringBuilder word = new StringBuilder();
        for (char c : java.util.UUID.randomUUID().toString().replace("-", "").toCharArray()) {
            word.append((char) ('a' + Character.digit(c, 16)));
        }
        return word.substring(0, 12);
    }

    @Test
    void adminsSearchByEmailOrNameFilterByRoleAndSort() {
        String word = letters();
        String first = account("zeta-" + word + "@example.com", "Customer One");
        account("alpha-" + word + "@example.com", "Seller Two", "seller");
        account("mid@" + word + "-shop.example.com", "Named " + word);
        PageClient admin = PageClient.admin(port);

        Page all = admin.get("/admin/users?q=" + word).expectStatus(200);
        assertThat(all.html().select("tbody tr")).hasSize(3);
        assertThat(all.one("[role=status]").text()).isEqualTo("3 accounts");

        Page byName = admin.get("/admin/users?q=" + word.toUpperCase() + "&sort=email")
                .expectStatus(200);
        assertThat(byName.html().select("tbody th a").eachText())
                .containsExactly(
                        "alpha-" + word + "@example.com",
                        "mid@" + word + "-shop.example.com",
                        "zeta-" + word + "@example.com");
        assertThat(byName.one("th[aria-sort=ascending] a").attr("href")).contains("sort=email-desc");

        Page sellers = admin.get("/admin/users?q=" + word + "&role=seller").expectStatus(200);
        assertThat(sellers.html().select("tbody th a").eachText()).containsExactly("alpha-" + word + "@example.com");

        Page oldest = admin.get("/admin/users?q=" + word + "&sort=oldest").expectStatus(200);
        assertThat(oldest.html().select("tbody th a").first().attr("href")).isEqualTo("/admin/users/" + first);

        Page tooLong = admin.get("/admin/users?q=" + "x".repeat(300)).expectStatus(400);
        assertThat(tooLong.one("#users-q-error").text()).isEqualTo("Search for at most 254 characters.");
    }

    @Test
    void anAccountsPageListsItsOrdersNewestFirstLinkedToTheirPages() {
        String email = CatalogFixtures.unique("orders-") + "@example.com";
        String id = account(email, "With Orders");
        Shop shop = new Shop(port);
        Shop.Variant variant = shop.product("7.00", 10);
        ApiClient customer = new ApiClient(port).login(email, PASSWORD);
        String first = shop.buy(customer, variant, 1, null).get("number").asString();
        String second = shop.buy(customer, variant, 2, null).get("number").asString();
        PageClient admin = PageClient.admin(port);

        Page page = admin.get("/admin/users/" + id).expectStatus(200);
        assertThat(page.one("#orders-title").text()).isEqualTo("Orders (2)");
        Element orders = page.one("section:has(#orders-title)");
        assertThat(orders.select("tbody th a").eachText()).containsExactly(second, first);
        assertThat(orders.select("tbody th a").eachAttr("href"))
                .containsExactly("/admin/orders/" + second, "/admin/orders/" + first);
        assertThat(orders.select("tbody tr").first().select("td").eachText())
                .element(1)
                .isEqualTo("Paid");
        assertThat(orders.select("tbody tr").first().select("td").eachText())
                .element(2)
                .isEqualTo("2");
        Page order = admin.get(orders.select("tbody th a").first().attr("href")).expectStatus(200);
        assertThat(order.one("h1").text()).isEqualTo("Order " + second);

        String without = account(CatalogFixtures.unique("no-orders-") + "@example.com", "Without Orders");
        Page empty = admin.get("/admin/users/" + without).expectStatus(200);
        assertThat(empty.one("#orders-title").text()).isEqualTo("Orders (0)");
        assertThat(empty.one("section:has(#orders-title)").text()).contains("No orders yet.");
    }

    @Test
    void sellersAndCustomersCannotOpenTheUsersPages() {
        String id = account(CatalogFixtures.unique("someone-") + "@example.com", "Someone");
        String sellerEmail = CatalogFixtures.unique("seller-") + "@example.com";
        account(sellerEmail, "Seller", "seller");
        PageClient seller = PageClient.signedIn(port, sellerEmail, PASSWORD);
        seller.get("/admin/users").expectStatus(403);
        seller.get("/admin/users/" + id).expectStatus(403);
        assertThat(seller.post("/admin/users/" + id + "/disable", Map.of("reason", "no"))
                        .status())
                .isEqualTo(403);
        PageClient.admin(port).get("/admin/users/not-a-uuid").expectStatus(404);
    }

    @Test
    void disablingSignsTheAccountOutAtOnceAndEnablingLetsItBackWithReasonsInTheAuditLog() {
        String email = CatalogFixtures.unique("disabled-") + "@example.com";
        String id = account(email, "To Disable", "seller");
        PageClient user = PageClient.signedIn(port, email, PASSWORD);
        user.get("/admin").expectStatus(200);
        PageClient admin = PageClient.admin(port);

        Page page = admin.get("/admin/users/" + id).expectStatus(200);
        assertThat(page.one("h1").text()).isEqualTo(email);
        Page confirm = admin.get("/admin/users/" + id + "/disable").expectStatus(200);
        assertThat(confirm.one("h1").text()).isEqualTo("Disable " + email + "?");

        Page noReason = admin.submit(confirm, "form.people-confirm", Map.of("reason", "  "));
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.one("#status-reason").attr("aria-invalid")).isEqualTo("true");
        assertThat(noReason.one("#status-reason-error").text())
                .isEqualTo("Enter the reason; it is kept in the audit log.");
        user.get("/admin").expectStatus(200);

        Page done = admin.submit(confirm, "form.people-confirm", Map.of("reason", "chargeback fraud"));
        assertThat(done.location()).isEqualTo("/admin/users/" + id);
        assertThat(admin.follow(done).one(".flash").text())
                .isEqualTo(email + " is disabled and signed out everywhere.");

        Page signedOut = user.get("/admin");
        assertThat(signedOut.status()).isEqualTo(302);
        assertThat(signedOut.location()).startsWith("/login");

        Page again = admin.submit(confirm, "form.people-confirm", Map.of("reason", "twice"));
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.one("#status-reason-error").text()).isEqualTo("This account is disabled already.");

        Page enable = admin.get("/admin/users/" + id + "/enable").expectStatus(200);
        Page enabled = admin.submit(enable, "form.people-confirm", Map.of("reason", "cleared by the bank"));
        assertThat(admin.follow(enabled).one(".flash").text()).isEqualTo(email + " can sign in again.");
        PageClient.signedIn(port, email, PASSWORD).get("/admin").expectStatus(200);

        Page audit = admin.get("/admin/audit?targetType=user&targetId=" + id).expectStatus(200);
        assertThat(audit.html().select("tbody tr").eachText())
                .anySatisfy(row -> assertThat(row).contains("user.disabled", "chargeback fraud"))
                .anySatisfy(row -> assertThat(row).contains("user.enabled", "cleared by the bank"));

        // closed for an erasure: the page says so and offers no way back; a forged form is told why
        jdbc.sql(
                        "update users set enabled = false, disabled_reason = 'erasure', disabled_at = now() where id = ?::uuid")
                .param(id)
                .update();
        Page closed = admin.get("/admin/users/" + id).expectStatus(200);
        assertThat(closed.html().select("a[href$=/enable]")).isEmpty();
        assertThat(closed.body()).contains("closed for an erasure of its personal data");
        Page forged = admin.submit(enable, "form.people-confirm", Map.of("reason", "undo"));
        assertThat(forged.status()).isEqualTo(422);
        assertThat(forged.one("#status-reason-error").text()).contains("closed for an erasure");
    }

    @Test
    void rolesAreChangedByAFormAndTheLastAdminIsKept() {
        String email = CatalogFixtures.unique("roles-") + "@example.com";
        String id = account(email, "Roles");
        PageClient admin = PageClient.admin(port);
        Page page = admin.get("/admin/users/" + id).expectStatus(200);
        assertThat(page.html().select("input[name=roles][checked]").eachAttr("value"))
                .containsExactly("customer");

        Page none = admin.post("/admin/users/" + id + "/roles", Map.of());
        assertThat(none.status()).isIn(403, 422);
        Page empty = admin.submit(page, "form[action$=/roles]", Map.of("roles", ""));
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.one("#roles-error").text()).isEqualTo("Choose at least one role.");

        Page saved = admin.submit(page, "form[action$=/roles]", Map.of("roles", "seller", "reason", "new shop"));
        assertThat(saved.location()).isEqualTo("/admin/users/" + id);
        assertThat(admin.follow(saved)
                        .html()
                        .select("input[name=roles][checked]")
                        .eachAttr("value"))
                .containsExactly("seller");

        String adminId = jdbc.sql("select id::text from users where email = ?")
                .param(CatalogFixtures.ADMIN_EMAIL)
                .query(String.class)
                .single();
        List<String> others = jdbc.sql("""
                        update users set enabled = false, disabled_at = now(), disabled_reason = 'test'
                        where id <> ?::uuid and enabled and id in (select user_id from user_roles where role = 'admin')
                        returning id::text""").param(adminId).query(String.class).list();
        try {
            Page self = admin.get("/admin/users/" + adminId).expectStatus(200);
            Page refused = admin.submit(self, "form[action$=/roles]", Map.of("roles", "customer"));
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.one("#roles-error").text())
                    .isEqualTo("This is the only active admin; make another account admin first.");
            assertThat(refused.html().select("input[name=roles][checked]").eachAttr("value"))
                    .containsExactly("customer");
        } finally {
            jdbc.sql("""
                            update users set enabled = true, disabled_at = null, disabled_reason = null
                            where id::text in (:ids)""").param("ids", others.isEmpty() ? List.of("-") : others).update();
        }
    }
}
