package app.dukkan.storefront.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.PageClient;
import app.dukkan.testing.PageClient.Page;
import app.dukkan.testing.Shop;
import java.time.Duration;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The signed-in shopper's pages: profile, password, orders with returns and receipts, points. */
@DukkanTest
class AccountPagesTests {

    private static final String PASSWORD = SignInPagesTests.PASSWORD;
    private static final String NEW_PASSWORD = "battery staple 77";

    @LocalServerPort
    int port;

    private record Customer(String email, ApiClient api, PageClient pages) {}

    private Customer customer() {
        String email = SignInPagesTests.uniqueEmail();
        ApiClient api = new ApiClient(port).register(email, PASSWORD).login(email, PASSWORD);
        PageClient pages = new PageClient(port);
        assertThat(SignInPagesTests.signIn(pages, email, PASSWORD).location()).isEqualTo("/account");
        return new Customer(email, api, pages);
    }

    @Test
    void theProfileChangesNameAndLanguageAndTheShopFollowsTheLanguage() {
        Customer customer = customer();
        Page profile = customer.pages().get("/account").expectStatus(200);
        assertThat(profile.one("#profile-locale option[selected]").attr("value"))
                .isEqualTo("en");
        assertThat(profile.one(".chip.unverified").text()).isEqualTo("not confirmed yet");

        Page saved = customer.pages()
                .submit(profile, "form[action$=/account/profile]", Map.of("display_name", "Layla", "locale", "ar"));
        assertThat(saved.location()).isEqualTo("/ar/account?saved");
        Page arabic = customer.pages().follow(saved).expectStatus(200);
        assertThat(arabic.one("html").attr("dir")).isEqualTo("rtl");
        assertThat(arabic.one("h1").text()).isEqualTo("مرحبًا، Layla");
        assertThat(arabic.one("#profile-locale option[selected]").attr("value")).isEqualTo("ar");
        assertThat(customer.api().get("/api/v1/me").json().get("locale").asString())
                .isEqualTo("ar");
    }

    @Test
    void aBlankNameOrAnUnknownLanguageIsRefusedChangingNothing() {
        Customer customer = customer();
        Page profile = customer.pages().get("/account");
        Page blank = customer.pages()
                .submit(profile, "form[action$=/account/profile]", Map.of("display_name", "  ", "locale", "de"));
        assertThat(blank.status()).isEqualTo(422);
        assertThat(blank.one("#profile-name-error").text()).isEqualTo("Enter a name.");
        assertThat(blank.one("#profile-name").attr("aria-invalid")).isEqualTo("true");

        Page tampered = customer.pages()
                .submit(profile, "form[action$=/account/profile]", Map.of("display_name", "Sam", "locale", "fr"));
        assertThat(tampered.status()).isEqualTo(422);
        assertThat(tampered.one("#profile-locale-error").text()).contains("English, German or Arabic");
        JsonNode me = customer.api().get("/api/v1/me").json();
        assertThat(me.get("locale").asString()).isEqualTo("en");
        assertThat(me.get("display_name").asString()).isNotEqualTo("Sam");
    }

    @Test
    void changingThePasswordKeepsThisDeviceSignedInAndEndsTheOthers() {
        Customer customer = customer();
        Page profile = customer.pages().get("/account");

        Page wrong = customer.pages()
                .submit(
                        profile,
                        "form[action$=/account/password]",
                        Map.of("current_password", "not my password", "password", NEW_PASSWORD));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.one("#current-password-error").text()).isEqualTo("This is not your current password.");

        Page weak = customer.pages()
                .submit(
                        profile,
                        "form[action$=/account/password]",
                        Map.of("current_password", PASSWORD, "password", "short"));
        assertThat(weak.one("#new-password-error").text()).isEqualTo("Use at least 10 characters.");

        Page changed = customer.pages()
                .submit(
                        profile,
                        "form[action$=/account/password]",
                        Map.of("current_password", PASSWORD, "password", NEW_PASSWORD));
        assertThat(changed.location()).isEqualTo("/account?password-changed");
        assertThat(customer.pages().follow(changed).one("[role=status]").text()).contains("password is changed");
        customer.api().get("/api/v1/me").expectStatus(401);
        assertThat(SignInPagesTests.signIn(new PageClient(port), customer.email(), NEW_PASSWORD)
                        .location())
                .isEqualTo("/account");
    }

    @Test
    void theVerificationMailIsSentAgainAtMostOnceAMinute() {
        Customer customer = customer();
        Page profile = customer.pages().get("/account");
        // the sign-up mail was sent moments ago
        Page tooSoon = customer.pages().submit(profile, "form[action$=/account/verification]", Map.of());
        assertThat(tooSoon.status()).isEqualTo(429);
        assertThat(tooSoon.header("Retry-After")).isNotNull();
        assertThat(tooSoon.one("#verification-error").text()).contains("moments ago");
    }

    @Test
    void ordersShowTheirLinesTotalsTimelineAndTakeReturnRequests() {
        Customer customer = customer();
        Page empty = customer.pages().get("/account/orders").expectStatus(200);
        assertThat(empty.one(".empty").text()).isEqualTo("You have not ordered anything yet.");

        Shop shop = new Shop(port);
        Shop.Variant variant = shop.product("12.50", 5);
        String number = shop.buy(customer.api(), variant, 2, null).get("number").asString();

        Page list = customer.pages().get("/account/orders").expectStatus(200);
        Element row = list.one("tbody tr");
        assertThat(row.select("a").attr("href")).isEqualTo("/account/orders/" + number);
        assertThat(row.text()).contains("paid", "€29.90"); // 2 × 12.50 and shipping to Germany

        Page order = customer.pages().get("/account/orders/" + number).expectStatus(200);
        assertThat(order.one("h1").text()).isEqualTo("Order " + number);
        assertThat(order.one("tbody tr").text()).contains("2", "€12.50", "€25.00");
        assertThat(order.html().select(".timeline li").eachText()).anyMatch(text -> text.endsWith("Paid"));
        // the status says paid; the date beside it does not say it again
        assertThat(order.one(".order-summary > p:first-of-type").text()).matches("paid payment received on \\S.*");
        assertThat(order.html().select("form[action$=/returns]"))
                .as("not shipped yet")
                .isEmpty();

        Page german = customer.pages().get("/de/account/orders/" + number).expectStatus(200);
        assertThat(german.one("tbody tr").text()).contains("12,50 €");
        assertThat(german.one(".order-summary > p:first-of-type").text()).startsWith("bezahlt Zahlung eingegangen am ");
        assertThat(customer.pages()
                        .get("/ar/account/orders/" + number)
                        .expectStatus(200)
                        .one(".order-summary > p:first-of-type")
                        .text())
                .startsWith("مدفوع استُلمت الدفعة في ");
        assertThat(german.body())
                .as("the shipping option in the page's language")
                .contains("Versand: Standard (2–4 Werktage)");

        shop.admin()
                .post("/api/v1/admin/orders/" + number + "/fulfil", Map.of())
                .expectStatus(200);
        Page shipped = customer.pages().get("/account/orders/" + number);
        String line = shipped.one("#return-line option").attr("value");
        assertThat(shipped.one("#return-line option").text())
                .as("a variant without a name: the product alone")
                .matches("Thing \\S+ \\(up to 2\\)");
        Page tooMany = customer.pages()
                .submit(
                        shipped,
                        "form[action$=/returns]",
                        Map.of("line_id", line, "quantity", "3", "reason", "too big"));
        assertThat(tooMany.status()).isEqualTo(422);
        assertThat(tooMany.one("#return-quantity-error").text()).isEqualTo("You can return at most 2 of this item.");
        assertThat(tooMany.one("#return-reason").text()).isEqualTo("too big");

        Page forgedLine = customer.pages()
                .submit(
                        shipped,
                        "form[action$=/returns]",
                        Map.of("line_id", "00000000-0000-0000-0000-000000000000", "reason", "x"));
        assertThat(forgedLine.status()).isEqualTo(422);
        assertThat(forgedLine.one("#return-line-error")).isNotNull();

        Page requested = customer.pages()
                .submit(
                        shipped,
                        "form[action$=/returns]",
                        Map.of("line_id", line, "quantity", "1", "reason", "too big"));
        assertThat(requested.location()).isEqualTo("/account/orders/" + number + "?return-requested");
        Page after = customer.pages().follow(requested);
        assertThat(after.one("[role=status]").text()).contains("return request is sent");
        assertThat(after.one(".returns li").text()).contains("1 × " + variant.sku(), "waiting for the shop");
        assertThat(after.one("#return-line option").text()).contains("up to 1");
    }

    @Test
    void anotherCustomersOrderIsNotFound() {
        Customer buyer = customer();
        Shop shop = new Shop(port);
        String number = shop.buy(buyer.api(), shop.product("5.00", 5), 1, null)
                .get("number")
                .asString();

        Customer other = customer();
        Page refused = other.pages().get("/account/orders/" + number);
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.header("Content-Type")).startsWith("text/html");
        assertThat(other.pages().get("/account/orders/" + number + "/receipt").status())
                .isEqualTo(404);
        Page returnForged = other.pages()
                .post(
                        "/account/orders/" + number + "/returns",
                        Map.of(
                                "quantity",
                                "1",
                                "reason",
                                "mine now",
                                "_csrf",
                                SignInPagesTests.csrf(other.pages().get("/account"))));
        assertThat(returnForged.status()).isEqualTo(404);
        assertThat(other.pages()
                        .get("/account/orders/DK-nonsense%20%3Cscript%3E")
                        .status())
                .isEqualTo(404);
        assertThat(other.pages().get("/account/orders?page=-1").status()).isEqualTo(404);
        assertThat(other.pages().get("/account/orders?page=abc").status()).isEqualTo(404);
    }

    @Test
    void theReceiptLinkLeadsToTheSignedPdf() {
        Customer customer = customer();
        Shop shop = new Shop(port);
        String number = shop.buy(customer.api(), shop.product("7.00", 5), 1, null)
                .get("number")
                .asString();

        String location = await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> customer.pages()
                                .get("/account/orders/" + number + "/receipt")
                                .location(),
                        path -> path.startsWith("/files/signed/"));
        Page pdf = customer.pages().get(location);
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.header("Content-Type")).isEqualTo("application/pdf");
    }

    @Test
    void pointsShowBalanceBadgeAndHistory() {
        Customer customer = customer();
        Page none = customer.pages().get("/account/points").expectStatus(200);
        assertThat(none.one(".points-balance").text()).isEqualTo("Points balance: 0");
        assertThat(none.one(".badge-name").text()).isEqualTo("Badge: Bronze");
        assertThat(none.one(".empty").text()).contains("No points yet");

        Shop shop = new Shop(port);
        String number = shop.buy(customer.api(), shop.product("120.00", 5), 1, null)
                .get("number")
                .asString();
        Page points = await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> customer.pages().get("/de/account/points"),
                        page -> page.html().select("tbody tr").size() == 1);
        assertThat(points.one(".points-balance").text()).startsWith("Punktestand: ");
        assertThat(points.one("tbody tr").text()).contains("Bestellung bezahlt", number);
        assertThat(points.one("progress").attr("value")).isNotEmpty();
    }
}
