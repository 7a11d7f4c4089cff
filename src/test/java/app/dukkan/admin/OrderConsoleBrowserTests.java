package app.dukkan.admin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.Shop;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The order pages in a real browser: an admin ships an order with a tracking number that its
 * customer then sees, refunds part of another; every page accessible in English and Arabic, light
 * and dark.
 */
class OrderConsoleBrowserTests extends ConsoleBrowserTest {

    private static final String PASSWORD = "correct horse 42";

    private record Bought(String email, ApiClient api, String number) {}

    private Bought buy(Shop shop, Shop.Variant variant, int quantity) {
        String email = CatalogFixtures.unique("browser-buyer-") + "@example.com";
        ApiClient customer = new ApiClient(port).register(email, PASSWORD).login(email, PASSWORD);
        String number =
                shop.buy(customer, variant, quantity, null).get("number").asString();
        return new Bought(email, customer, number);
    }

    private static Page.GetByRoleOptions named(String name) {
        return new Page.GetByRoleOptions().setName(name).setExact(true);
    }

    @Test
    void anAdminShipsAnOrderWithATrackingNumberAndItsCustomerSeesIt() {
        Shop shop = new Shop(port);
        Bought bought = buy(shop, shop.product("19.00", 10), 1);
        Page admin = signedInAdmin(Options.defaults());

        admin.getByRole(AriaRole.LINK, named("Orders")).click();
        admin.getByLabel("Order number").fill(bought.number());
        admin.getByRole(AriaRole.BUTTON, named("Filter")).click();
        admin.getByRole(AriaRole.LINK, named(bought.number())).click();
        assertThat(admin.locator("h1")).hasText("Order " + bought.number());

        admin.getByLabel("Tracking number").fill("bad<number>");
        admin.getByRole(AriaRole.BUTTON, named("Mark shipped")).click();
        assertThat(admin.locator("#fulfil-tracking-error")).containsText("Up to 40 letters");
        assertAccessible(admin);

        admin.getByLabel("Carrier").fill("DHL");
        admin.getByLabel("Tracking number").fill("00340434161234567890");
        admin.getByRole(AriaRole.BUTTON, named("Mark shipped")).click();
        assertThat(admin.locator(".flash")).hasText("The order is marked shipped.");
        assertThat(admin.locator(".shipped")).containsText("00340434161234567890");

        Page customer = signedIn(Options.defaults(), bought.email(), PASSWORD, "/account/orders/" + bought.number());
        assertThat(customer.locator(".tracking")).hasText("Tracking number: 00340434161234567890");
        assertThat(customer.locator(".carrier")).hasText("Carrier: DHL");
        assertAccessible(customer);
    }

    @Test
    void anAdminRefundsPartOfAnOrderAndItsPageShowsTheRefundedAmount() {
        Shop shop = new Shop(port);
        Bought bought = buy(shop, shop.product("25.00", 10), 2);
        Page admin = signedIn(
                Options.defaults(),
                CatalogFixtures.ADMIN_EMAIL,
                CatalogFixtures.ADMIN_PASSWORD,
                "/admin/orders/" + bought.number());

        admin.getByRole(AriaRole.LINK, named("Refund")).click();
        admin.getByLabel("Amount (EUR)").fill("7.25");
        admin.getByLabel("Reason (recorded in the audit log)").fill("arrived late");
        admin.getByRole(AriaRole.BUTTON, named("Refund")).click();
        assertThat(admin.locator(".flash")).hasText("€7.25 is being refunded.");
        assertThat(admin.locator(".order-refunded")).hasText("€7.25");
        assertThat(admin.locator(".order-timeline")).containsText("refund of 7.25 EUR: arrived late");
    }

    @Test
    void everyOrderPageIsAccessibleInEnglishAndArabicLightAndDark() {
        Shop shop = new Shop(port);
        Shop.Variant variant = shop.product("9.50", 20);
        Bought paid = buy(shop, variant, 2);
        Bought shipped = buy(shop, variant, 1);
        ApiClient api = shop.admin();
        api.post(
                        "/api/v1/admin/orders/" + shipped.number() + "/fulfil",
                        Map.of("carrier", "UPS", "tracking_number", "1Z999"))
                .expectStatus(200);
        String lineId = shipped.api()
                .get("/api/v1/orders/" + shipped.number())
                .expectStatus(200)
                .json()
                .get("lines")
                .get(0)
                .get("id")
                .asString();
        String returnId = shipped.api()
                .post(
                        "/api/v1/orders/" + shipped.number() + "/returns",
                        Map.of("line_id", lineId, "quantity", 1, "reason", "wrong size"))
                .expectStatus(201)
                .json()
                .get("id")
                .asString();
        for (Options options : THEMES) {
            Page page = signedInAdmin(options);
            String theme = theme(options);
            for (String prefix : LANGUAGES) {
                for (String path : new String[] {
                    "/admin/orders",
                    "/admin/orders?from=someday",
                    "/admin/orders/" + paid.number(),
                    "/admin/orders/" + paid.number() + "/refund",
                    "/admin/orders/" + paid.number() + "/cancel",
                    "/admin/orders/" + shipped.number(),
                    "/admin/orders/" + shipped.number() + "/returns/" + returnId
                }) {
                    page.navigate(prefix + path);
                    assertThat(page.locator(".console-nav a[aria-current=page]"))
                            .isVisible();
                    assertAccessible(page, options);
                }
                String lang = language(prefix);
                page.navigate(prefix + "/admin/orders");
                screenshot(page, "orders-list-" + lang + "-" + theme);
                page.navigate(prefix + "/admin/orders/" + shipped.number());
                screenshot(page, "orders-detail-" + lang + "-" + theme);
                page.navigate(prefix + "/admin/orders/" + paid.number() + "/refund");
                screenshot(page, "orders-refund-" + lang + "-" + theme);
                page.setViewportSize(400, 850);
                page.navigate(prefix + "/admin/orders/" + paid.number());
                screenshot(page, "orders-phone-" + lang + "-" + theme);
                page.navigate(prefix + "/admin/orders");
                screenshot(page, "orders-list-phone-" + lang + "-" + theme);
                page.setViewportSize(1280, 900);
            }
        }
    }
}
