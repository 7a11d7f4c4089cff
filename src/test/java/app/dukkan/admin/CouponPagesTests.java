package app.dukkan.admin;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.PageClient;
import app.dukkan.testing.PageClient.Page;
import app.dukkan.testing.Shop;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The coupon pages without JavaScript, and the audit entries of the pages and the JSON API. */
@DukkanTest
class CouponPagesTests {

    @LocalServerPort
    int port;

    private static String code() {
        return ("C" + java.util.UUID.randomUUID().toString().replace("-", ""))
                .toUpperCase(Locale.ROOT)
                .substring(0, 14);
    }

    private static Map<String, String> fields(String... pairs) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put(pairs[i], pairs[i + 1]);
        }
        return fields;
    }

    @Test
    void aCouponIsCreatedWithFieldErrorsFirstAndADuplicateCodeIsRefused() {
        PageClient admin = PageClient.admin(port);
        String code = code();
        Page form = admin.get("/admin/coupons/new").expectStatus(200);

        Page bad = admin.submit(
                form,
                "form[action=/admin/coupons]",
                fields("code", "x!", "kind", "percent", "percent", "ten", "endsAt", "someday"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.one("#coupon-percent-error").text()).isEqualTo("Enter a whole number.");
        assertThat(bad.one("#coupon-ends-error").text()).isEqualTo("Enter a date and time.");
        assertThat(bad.one("#coupon-percent").attr("aria-invalid")).isEqualTo("true");
        assertThat(bad.one("#coupon-percent").val()).isEqualTo("ten");
        // a year the database cannot hold is a mistake to point out, not a failure
        Page farOff = admin.submit(
                form,
                "form[action=/admin/coupons]",
                fields("code", code, "kind", "percent", "percent", "10", "endsAt", "+999999999-12-31T00:00"));
        assertThat(farOff.status()).isEqualTo(422);
        assertThat(farOff.one("#coupon-ends-error").text()).isEqualTo("Enter a date and time.");

        Page rules = admin.submit(
                form, "form[action=/admin/coupons]", fields("code", "x!", "kind", "percent", "percent", "150"));
        assertThat(rules.status()).isEqualTo(422);
        assertThat(rules.one("#coupon-code-error").text())
                .isEqualTo("Use 3 to 32 letters, digits, - or _, starting with a letter or digit.");

        Page range = admin.submit(
                form, "form[action=/admin/coupons]", fields("code", code, "kind", "percent", "percent", "150"));
        assertThat(range.status()).isEqualTo(422);
        assertThat(range.one("#coupon-percent-error").text())
                .isEqualTo("Enter a percentage from 1 to 100 for a percentage coupon, nothing for a fixed one.");

        Page window = admin.submit(
                form,
                "form[action=/admin/coupons]",
                fields(
                        "code",
                        code,
                        "kind",
                        "fixed",
                        "amount",
                        "5",
                        "startsAt",
                        "2030-01-02T00:00",
                        "endsAt",
                        "2030-01-01T00:00"));
        assertThat(window.one("#coupon-ends-error").text()).isEqualTo("The end must come after the start.");

        Page created = admin.submit(
                form,
                "form[action=/admin/coupons]",
                fields(
                        "code",
                        code.toLowerCase(Locale.ROOT),
                        "kind",
                        "fixed",
                        "amount",
                        "5.50",
                        "usageCap",
                        "3",
                        "oncePerCustomer",
                        "true"));
        assertThat(created.location()).isEqualTo("/admin/coupons/" + code);
        Page page = admin.follow(created).expectStatus(200);
        assertThat(page.one(".flash").text()).isEqualTo(code + " is created.");
        assertThat(page.one("main").text()).contains("0 of 3", "Once", "Valid now");

        Page duplicate = admin.submit(
                form, "form[action=/admin/coupons]", fields("code", code, "kind", "percent", "percent", "10"));
        assertThat(duplicate.status()).isEqualTo(422);
        assertThat(duplicate.one("#coupon-code-error").text()).isEqualTo("A coupon with this code exists already.");

        Page list = admin.get("/admin/coupons?sort=code").expectStatus(200);
        assertThat(list.html().select("tbody th a").eachAttr("href")).contains("/admin/coupons/" + code);

        Page audit =
                admin.get("/admin/audit?action=coupon.created&targetId=" + code).expectStatus(200);
        assertThat(audit.html().select("tbody tr")).hasSize(1);
        assertThat(audit.one("tbody tr").text()).contains(CatalogFixtures.ADMIN_EMAIL);
    }

    @Test
    void aCouponIsEditedAndDeactivatedAfterAConfirmationAllAudited() {
        PageClient admin = PageClient.admin(port);
        String code = code();
        Page form = admin.get("/admin/coupons/new").expectStatus(200);
        admin.submit(
                form,
                "form[action=/admin/coupons]",
                fields("code", code, "kind", "percent", "percent", "10", "startsAt", "2026-01-01T00:00"));
        Page page = admin.get("/admin/coupons/" + code).expectStatus(200);

        Page badCap = admin.submit(page, "form[action=/admin/coupons/" + code + "]", fields("usageCap", "0"));
        assertThat(badCap.status()).isEqualTo(422);
        assertThat(badCap.one("#coupon-cap-error").text()).isEqualTo("Enter at least 1, or leave it empty.");
        assertThat(badCap.one("#coupon-cap").val()).isEqualTo("0");
        Page badEnd =
                admin.submit(page, "form[action=/admin/coupons/" + code + "]", fields("endsAt", "2025-12-31T00:00"));
        assertThat(badEnd.one("#coupon-ends-error").text()).isEqualTo("The end must come after the start.");

        Page saved = admin.submit(
                page,
                "form[action=/admin/coupons/" + code + "]",
                fields("usageCap", "50", "endsAt", "2099-12-31T23:00"));
        Page after = admin.follow(saved).expectStatus(200);
        assertThat(after.one(".flash").text()).isEqualTo(code + " is saved.");
        assertThat(after.one("#coupon-cap").val()).isEqualTo("50");
        assertThat(after.one("main").text()).contains("2099-12-31 23:00:00 UTC");

        Page confirm = admin.get("/admin/coupons/" + code + "/deactivate").expectStatus(200);
        assertThat(confirm.one("h1").text()).isEqualTo("Deactivate " + code + "?");
        admin.get("/admin/coupons/" + code).expectStatus(200);
        Page done = admin.submit(confirm, "form.people-confirm", fields("reason", "campaign over"));
        Page deactivated = admin.follow(done).expectStatus(200);
        assertThat(deactivated.one(".flash").text()).isEqualTo(code + " is deactivated.");
        assertThat(deactivated.one("main").text()).contains("Deactivated");

        Page audit =
                admin.get("/admin/audit?targetType=coupon&targetId=" + code).expectStatus(200);
        assertThat(audit.html().select("tbody tr").eachText())
                .anySatisfy(row -> assertThat(row).contains("coupon.deactivated", "campaign over"))
                .anySatisfy(row -> assertThat(row).contains("coupon.updated", "usage_cap=50"));

        admin.get("/admin/coupons/NOPE-" + code).expectStatus(404);
        assertThat(new PageClient(port).get("/admin/coupons").status()).isEqualTo(302);
    }

    @Test
    void sellersCannotManageCoupons() {
        String email = CatalogFixtures.unique("seller-") + "@example.com";
        ApiClient api =
                new ApiClient(port).register(email, UserPagesTests.PASSWORD).login(email, UserPagesTests.PASSWORD);
        String id = api.get("/api/v1/me").json().get("id").asString();
        new CatalogFixtures(port)
                .admin()
                .put("/api/v1/admin/users/" + id + "/roles", Map.of("roles", java.util.List.of("seller")))
                .expectStatus(200);
        PageClient seller = PageClient.signedIn(port, email, UserPagesTests.PASSWORD);
        seller.get("/admin/coupons").expectStatus(403);
        seller.get("/admin/coupons/new").expectStatus(403);
    }

    @Test
    void theJsonApiIsAuditedAndACouponsPageListsThePaidOrdersThatUsedIt() {
        Shop shop = new Shop(port);
        ApiClient api = shop.admin();
        String code = code();
        api.post("/api/v1/admin/coupons", Map.of("code", code, "kind", "percent", "percent", 10))
                .expectStatus(201);
        api.patch("/api/v1/admin/coupons/" + code, Map.of("usage_cap", 9)).expectStatus(200);

        Shop.Variant variant = shop.product("20.00", 5);
        ApiClient customer = shop.customer();
        shop.addToCart(customer, variant, 1);
        String draftId = shop.draft(customer, null, code).get("id").asString();
        shop.confirm(customer, shop.clientSecret(customer, draftId), Shop.SUCCESS_CARD);
        JsonNode paid = shop.awaitDraft(customer, draftId, "paid");
        String number = paid.get("number").asString();

        PageClient admin = PageClient.admin(port);
        Page page = admin.get("/admin/coupons/" + code).expectStatus(200);
        assertThat(page.one("#coupon-uses").text()).isEqualTo("Paid orders that used it (1)");
        assertThat(page.one("a[href=/admin/orders/" + number + "]").text()).isEqualTo(number);
        assertThat(page.one("main").text()).contains("1 of 9");

        api.patch("/api/v1/admin/coupons/" + code, Map.of("active", false)).expectStatus(200);
        Page audit =
                admin.get("/admin/audit?targetType=coupon&targetId=" + code).expectStatus(200);
        assertThat(audit.html().select("tbody tr").eachText())
                .anySatisfy(row -> assertThat(row).contains("coupon.created"))
                .anySatisfy(row -> assertThat(row).contains("coupon.updated"))
                .anySatisfy(row -> assertThat(row).contains("coupon.deactivated"));
    }
}
