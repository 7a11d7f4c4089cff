package app.dukkan.admin;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.PageClient;
import app.dukkan.testing.PageClient.Page;
import app.dukkan.testing.Shop;
import app.dukkan.testing.Shop.Variant;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The console's order pages without JavaScript: search, an order, each action and its refusals. */
@DukkanTest
class OrderConsolePagesTests {

    private static final String PASSWORD = "correct horse 42";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Shop shop;

    @BeforeEach
    void setUp() {
        shop = new Shop(port);
    }

    /** A customer with a paid order of {@code quantity} units of {@code variant}. */
    record Bought(String email, ApiClient api, String number) {}

    private Bought buy(Variant variant, int quantity) {
        String email = CatalogFixtures.unique("buyer-") + "@example.com";
        ApiClient customer = new ApiClient(port).register(email, PASSWORD).login(email, PASSWORD);
        JsonNode paid = shop.buy(customer, variant, quantity, null);
        return new Bought(email, customer, paid.get("number").asString());
    }

    private PageClient signedIn(String email, String password) {
        PageClient pages = new PageClient(port);
        Page login = pages.get("/login").expectStatus(200);
        pages.submit(login, "form[action$=/login]", Map.of("email", email, "password", password));
        return pages;
    }

    private PageClient admin() {
        return signedIn(CatalogFixtures.ADMIN_EMAIL, CatalogFixtures.ADMIN_PASSWORD);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private List<String> numbersOn(Page page) {
        return page.html().select(".orders-table tbody th a").eachText();
    }

    private int auditEntries(String action, String targetId) {
        return jdbc.sql("select count(*) from audit_log where action = ? and target_id = ?")
                .params(action, targetId)
                .query(Integer.class)
                .single();
    }

    @Test
    void theListSearchesByNumberEmailStatusAndDaysSortsAndPages() {
        Variant variant = shop.product("10.00", 100);
        Bought first = buy(variant, 1);
        Bought second = buy(variant, 3);
        PageClient admin = admin();

        Page all = admin.get("/admin/orders").expectStatus(200);
        assertThat(all.one(".console-nav a[aria-current=page]").attr("href")).isEqualTo("/admin/orders");
        assertThat(numbersOn(all)).contains(second.number(), first.number());
        assertThat(numbersOn(all).indexOf(second.number()))
                .isLessThan(numbersOn(all).indexOf(first.number()));

        Page byEmail = admin.get("/admin/orders?email=" + encode(first.email().toUpperCase()))
                .expectStatus(200);
        assertThat(numbersOn(byEmail)).containsExactly(first.number());
        assertThat(byEmail.one("#orders-email").val()).isEqualTo(first.email().toUpperCase());

        Page byNumber = admin.get("/admin/orders?number=" + second.number()).expectStatus(200);
        assertThat(numbersOn(byNumber)).containsExactly(second.number());
        assertThat(byNumber.one(".orders-table tbody").text()).contains(second.email(), "Paid", "3");

        Page byStatus = admin.submit(all, "form.filters", Map.of("status", "fulfilled", "email", first.email()));
        assertThat(numbersOn(byStatus.expectStatus(200))).isEmpty();
        assertThat(byStatus.one("main").text()).contains("No orders match these filters.");

        Page future = admin.get("/admin/orders?from=2999-01-01").expectStatus(200);
        assertThat(numbersOn(future)).isEmpty();
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        assertThat(numbersOn(
                        admin.get("/admin/orders?email=" + encode(second.email()) + "&from=" + today + "&to=" + today)
                                .expectStatus(200)))
                .containsExactly(second.number());

        // sorting by total: the column link keeps the filters and flips its direction
        Page byTotal = admin.get("/admin/orders?sort=total&dir=asc&status=paid").expectStatus(200);
        assertThat(byTotal.one("th[aria-sort=ascending] a").attr("href"))
                .contains("sort=total", "dir=desc", "status=paid");
        List<String> ascending = numbersOn(byTotal);
        assertThat(ascending.indexOf(first.number())).isLessThan(ascending.indexOf(second.number()));
        assertThat(byTotal.one("a[download]").attr("href"))
                .isEqualTo("/api/v1/admin/orders/export.csv?sort=total&dir=asc&status=paid");

        Page bad = admin.get("/admin/orders?number=%3Cx%3E&email=nobody&from=yesterday&status=draft&sort=price")
                .expectStatus(400);
        assertThat(bad.one("#orders-number-error").text()).isEqualTo("Enter an order number such as DK-100001.");
        assertThat(bad.one("#orders-email").attr("aria-invalid")).isEqualTo("true");
        assertThat(bad.one("#orders-from-error").text()).isEqualTo("Enter a day such as 2026-12-01.");
        assertThat(bad.one("#orders-status-error").text()).isEqualTo("Choose a status from the list.");
        assertThat(bad.html().select(".orders-table")).isEmpty();

        // more orders than a page: numbered pages keep the filters
        for (int i = 0; i < 25; i++) {
            shop.buy(second.api(), variant, 0 == i % 2 ? 1 : 2, null);
        }
        Page firstPage =
                admin.get("/admin/orders?email=" + encode(second.email())).expectStatus(200);
        assertThat(numbersOn(firstPage)).hasSize(25);
        assertThat(firstPage.one("main").text()).contains("26 orders");
        Page secondPage = admin.get(firstPage.one("a[rel=next]").attr("href")).expectStatus(200);
        assertThat(numbersOn(secondPage)).hasSize(1);
    }
}
