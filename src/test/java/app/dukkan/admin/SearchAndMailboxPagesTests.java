package app.dukkan.admin;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.identity.UserId;
import app.dukkan.identity.UserRegistered;
import app.dukkan.notifications.DevMailboxClient;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.PageClient;
import app.dukkan.testing.PageClient.Page;
import app.dukkan.testing.Shop;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** The console's search box (grouped results, an order number's redirect, sellers' scope) and the mailbox pages. */
@DukkanTest
class SearchAndMailboxPagesTests {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    /** A new seller: its API client and its pages. */
    private record Seller(ApiClient api, PageClient pages) {}

    private Seller seller() {
        String email = CatalogFixtures.unique("seller-") + "@example.com";
        ApiClient api =
                new ApiClient(port).register(email, UserPagesTests.PASSWORD).login(email, UserPagesTests.PASSWORD);
        String id = api.get("/api/v1/me").json().get("id").asString();
        new CatalogFixtures(port)
                .admin()
                .put("/api/v1/admin/users/" + id + "/roles", Map.of("roles", List.of("seller")))
                .expectStatus(200);
        return new Seller(
                new ApiClient(port).login(email, UserPagesTests.PASSWORD),
                PageClient.signedIn(port, email, UserPagesTests.PASSWORD));
    }

    @Test
    void anExactOrderNumberOpensTheOrderAndAnEmailFindsItsOrdersAndAccount() {
        Shop shop = new Shop(port);
        Shop.Variant variant = shop.product("12.00", 5);
        String email = CatalogFixtures.unique("buyer-") + "@example.com";
        JsonNode paid = shop.buy(shop.guest(), variant, 1, email);
        String number = paid.get("number").asString();
        PageClient admin = PageClient.admin(port);

        Page exact =
                admin.get("/admin/search?q=" + number.toLowerCase(Locale.ROOT)).expectStatus(302);
        assertThat(exact.location()).isEqualTo("/admin/orders/" + number);
        Page german = admin.get("/de/admin/search?q=" + number).expectStatus(302);
        assertThat(german.location()).isEqualTo("/de/admin/orders/" + number);

        Page byEmail =
                admin.get("/admin/search?q=" + email.toUpperCase(Locale.ROOT)).expectStatus(200);
        assertThat(byEmail.one("#found-orders").text()).isEqualTo("Orders");
        assertThat(byEmail.one("a[href=/admin/orders/" + number + "]").text()).isEqualTo(number);

        Page unknown = admin.get("/admin/search?q=DK-999999999").expectStatus(200);
        assertThat(unknown.one("[role=status]").text()).isEqualTo("Nothing found for “DK-999999999”.");

        admin.get("/admin/search?q=" + "x".repeat(201)).expectStatus(400);
        assertThat(admin.get("/admin/search").expectStatus(200).html().select("section"))
                .isEmpty();
    }

    @Test
    void sellersFindOnlyTheOrdersWithTheirProducts() {
        Seller one = seller();
        Seller other = seller();
        CatalogFixtures fixtures = new CatalogFixtures(port);
        String category = fixtures.category(CatalogFixtures.unique("Orders "), null);
        JsonNode product = fixtures.createProduct(
                one.api(),
                CatalogFixtures.product("Searchable lamp", category, List.of(CatalogFixtures.variant("9.00", 3))));
        JsonNode variant = product.get("variants").get(0);
        Shop shop = new Shop(port);
        String email = CatalogFixtures.unique("lamp-buyer-") + "@example.com";
        String number = shop.buy(
                        shop.guest(),
                        new Shop.Variant(
                                variant.get("id").asString(),
                                variant.get("sku").asString(),
                                product.get("id").asString(),
                                product.get("slug").asString()),
                        1,
                        email)
                .get("number")
                .asString();

        Page own = one.pages().get("/admin/search?q=" + email).expectStatus(200);
        assertThat(own.one("a[href=/admin/orders/" + number + "]").text()).isEqualTo(number);
        assertThat(one.pages()
                        .get("/admin/search?q=" + number)
                        .expectStatus(302)
                        .location())
                .isEqualTo("/admin/orders/" + number);

        Page theirs = other.pages().get("/admin/search?q=" + email).expectStatus(200);
        assertThat(theirs.html().select("#found-orders")).isEmpty();
        Page theirNumber = other.pages().get("/admin/search?q=" + number).expectStatus(200);
        assertThat(theirNumber.html().select("#found-orders")).isEmpty();
    }

    @Test
    void adminsFindAccountsAndEveryonesProductsSellersOnlyTheirOwn() {
        String word = "Zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Seller one = seller();
        Seller other = seller();
        CatalogFixtures fixtures = new CatalogFixtures(port);
        String category = fixtures.category(CatalogFixtures.unique("Search "), null);
        JsonNode own = fixtures.createProduct(
                one.api(),
                CatalogFixtures.product(word + " lamp", category, List.of(CatalogFixtures.variant("9.00", 1))));
        JsonNode theirs = fixtures.createProduct(
                other.api(),
                CatalogFixtures.product(word + " chair", category, List.of(CatalogFixtures.variant("9.00", 1))));
        String sku = own.get("variants").get(0).get("sku").asString();

        Page sellers = one.pages()
                .get("/admin/search?q=" + word.toLowerCase(Locale.ROOT))
                .expectStatus(200);
        assertThat(sellers.one("#found-products").text()).isEqualTo("Your products");
        assertThat(sellers.html().select("#found-products + ul a").eachAttr("href"))
                .containsExactly("/admin/products/" + own.get("id").asString());
        assertThat(sellers.html().select("#found-users")).isEmpty();
        assertThat(sellers.one("#console-search-q").attr("placeholder")).isEqualTo("Product, SKU, order or email");

        Page bySku = one.pages().get("/admin/search?q=" + sku).expectStatus(200);
        assertThat(bySku.one("#found-products + ul").text()).contains(word + " lamp", "SKU " + sku);
        Page othersSku = other.pages().get("/admin/search?q=" + sku).expectStatus(200);
        assertThat(othersSku.html().select("#found-products")).isEmpty();

        Page admins = PageClient.admin(port).get("/admin/search?q=" + word).expectStatus(200);
        assertThat(admins.html().select("#found-products + ul a").eachAttr("href"))
                .containsExactlyInAnyOrder(
                        "/admin/products/" + own.get("id").asString(),
                        "/admin/products/" + theirs.get("id").asString());

        String email = CatalogFixtures.unique("findme-") + "@example.com";
        new ApiClient(port).register(email, UserPagesTests.PASSWORD);
        Page users = PageClient.admin(port).get("/admin/search?q=" + email).expectStatus(200);
        assertThat(users.one("#found-users + ul a").text()).isEqualTo(email);
        assertThat(users.one("#console-search-q").val()).isEqualTo(email);
    }

    @Test
    void theMailboxIsAConsolePageForAdminsWithTheHtmlPartAsEscapedText() {
        String email = CatalogFixtures.unique("reader-") + "@example.com";
        transactions.executeWithoutResult(status ->
                events.publishEvent(new UserRegistered(new UserId(UUID.randomUUID()), email, Locale.ENGLISH)));
        String id = new DevMailboxClient(new CatalogFixtures(port).admin())
                .awaitExactly(email, "welcome", 1)
                .get(0)
                .get("id")
                .asString();

        Page stranger = new PageClient(port).get("/admin/mailbox").expectStatus(302);
        assertThat(stranger.location()).isEqualTo("/login?next=%2Fadmin%2Fmailbox");
        seller().pages().get("/admin/mailbox/" + id).expectStatus(403);

        PageClient admin = PageClient.admin(port);
        Page list =
                admin.get("/admin/mailbox?to=" + email.toUpperCase(Locale.ROOT)).expectStatus(200);
        assertThat(list.one(".console-nav a[aria-current=page]").attr("href")).isEqualTo("/admin/mailbox");
        assertThat(list.one("[role=status]").text()).isEqualTo("One mail");
        assertThat(list.one("tbody a").attr("href")).isEqualTo("/admin/mailbox/" + id);

        Page mail = admin.get("/admin/mailbox/" + id).expectStatus(200);
        assertThat(mail.one("h1").text()).isEqualTo("Welcome to Dukkan");
        assertThat(mail.html().select("iframe")).isEmpty();
        assertThat(mail.one("pre.mailbox-html").text()).startsWith("<!DOCTYPE html>");
        assertThat(mail.body()).contains("&lt;!DOCTYPE html&gt;").doesNotContain("<body style=");
        assertThat(mail.one("pre.mailbox-plain").text()).contains("Your account " + email + " is ready.");

        admin.get("/admin/mailbox/" + UUID.randomUUID()).expectStatus(404);
        admin.get("/admin/mailbox/nonsense").expectStatus(404);
        admin.get("/admin/mailbox?to=" + "x".repeat(300)).expectStatus(400);
    }
}
