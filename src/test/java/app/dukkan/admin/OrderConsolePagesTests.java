package app.dukkan.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.notifications.DevMailboxClient;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.PageClient;
import app.dukkan.testing.PageClient.Page;
import app.dukkan.testing.Shop;
import app.dukkan.testing.Shop.Variant;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
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

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private List<String> numbersOn(Page page) {
        return page.html().select(".orders-table tbody th a").eachText();
    }

    /** Waits until no refund of the order's payment is still being carried out. */
    private void awaitRefundsCarriedOut(String number) {
        await().atMost(Duration.ofSeconds(15))
                .until(() -> jdbc.sql("""
                                select count(*) from payment_refunds r join orders o on o.payment_id = r.payment_id
                                 where o.number = ? and r.status = 'pending'""").param(number).query(Long.class).single() == 0);
    }

    private int auditEntries(String action, String targetId) {
        return jdbc.sql("select count(*) from audit_log where action = ? and target_id = ?")
                .params(action, targetId)
                .query(Integer.class)
                .single();
    }

    @Test
    void theListSearchesByNumberEmailStatusAndDaysSortsAndPages() {
        // dearer than what other tests buy, so that the total sort puts these two on its first page
        Variant variant = shop.product("4000.00", 100);
        Bought first = buy(variant, 1);
        Bought second = buy(variant, 3);
        PageClient admin = PageClient.admin(port);

        Page all = admin.get("/admin/orders").expectStatus(200);
        assertThat(all.one(".console-nav a[aria-current=page]").attr("href")).isEqualTo("/admin/orders");
        assertThat(numbersOn(all)).contains(second.number(), first.number());
        assertThat(numbersOn(all).indexOf(second.number()))
                .isLessThan(numbersOn(all).indexOf(first.number()));

        Page byEmail = admin.get("/admin/orders?email=" + encode(first.email().toUpperCase()))
                .expectStatus(200);
        assertThat(numbersOn(byEmail)).containsExactly(first.number());
        assertThat(byEmail.one("#orders-email").val()).isEqualTo(first.email().toUpperCase());

        // htmx asks for the search part only; a bad filter comes back as 422 so that it is shown
        Page part = admin.get("/admin/orders?number=" + second.number(), Map.of("HX-Request", "true"))
                .expectStatus(200);
        assertThat(part.html().select("html > body > div#orders-search")).hasSize(1);
        assertThat(part.html().select(".console-nav, h1")).isEmpty();
        assertThat(numbersOn(part)).containsExactly(second.number());
        admin.get("/admin/orders?from=someday", Map.of("HX-Request", "true"))
                .expectStatus(422)
                .one("#orders-from-error");

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
        Page byTotal =
                admin.get("/admin/orders?sort=total&dir=desc&status=paid").expectStatus(200);
        assertThat(byTotal.one("th[aria-sort=descending] a").attr("href"))
                .contains("sort=total", "dir=asc", "status=paid");
        List<String> descending = numbersOn(byTotal);
        assertThat(descending).contains(first.number(), second.number());
        assertThat(descending.indexOf(second.number())).isLessThan(descending.indexOf(first.number()));
        assertThat(byTotal.one("a[download]").attr("href"))
                .isEqualTo("/api/v1/admin/orders/export.csv?sort=total&dir=desc&status=paid");

        Page bad = admin.get("/admin/orders?number=%3Cx%3E&email=nobody&from=yesterday&status=draft&sort=price")
                .expectStatus(400);
        assertThat(bad.one("#orders-number-error").text()).isEqualTo("Enter an order number such as DK-100001.");
        assertThat(bad.one("#orders-email").attr("aria-invalid")).isEqualTo("true");
        assertThat(bad.one("#orders-from-error").text()).isEqualTo("Enter a day such as 2026-12-01.");
        assertThat(bad.one("#orders-status-error").text()).isEqualTo("Choose a status from the list.");
        assertThat(bad.html().select(".orders-table")).isEmpty();
        // a day at the end of time: the next day overflows
        assertThat(admin.get("/admin/orders?to=%2B999999999-12-31")
                        .expectStatus(400)
                        .one("#orders-to-error")
                        .text())
                .startsWith("Enter a day such as 2026-12-01");
        assertThat(shop.admin()
                        .get("/api/v1/admin/orders/export.csv?from=0001-01-01")
                        .status())
                .isEqualTo(400);

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

    @Test
    void theListFindsExactlyTheOrderShippedToAPhoneNumberAsInItsAddress() {
        Variant variant = shop.product("9.00", 10);
        String phone = "+49 170 "
                + (1_000_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(9_000_000));
        Map<String, Object> address = Shop.address("DE");
        address.put("phone", phone);
        String email = CatalogFixtures.unique("phone-") + "@example.com";
        ApiClient customer = new ApiClient(port).register(email, PASSWORD).login(email, PASSWORD);
        String number =
                shop.buy(customer, variant, 1, null, address).get("number").asString();
        // the same customer's order to the shop's usual test number is not this one
        String toUsualPhone = shop.buy(customer, variant, 1, null).get("number").asString();
        PageClient admin = PageClient.admin(port);

        Page byPhone = admin.get("/admin/orders?phone=" + encode(phone)).expectStatus(200);
        assertThat(numbersOn(byPhone)).containsExactly(number);
        assertThat(byPhone.one("#orders-phone").val()).isEqualTo(phone);
        assertThat(byPhone.one("main").text()).contains("1 order");

        // typed into the form with spaces around it, combined with the email
        Page form = admin.get("/admin/orders").expectStatus(200);
        Page typed = admin.submit(form, "form.filters", Map.of("phone", "  " + phone + " ", "email", email));
        assertThat(numbersOn(typed.expectStatus(200))).containsExactly(number);

        Page usual = admin.get("/admin/orders?email=" + encode(email) + "&phone=" + encode("+49 30 1234567"))
                .expectStatus(200);
        assertThat(numbersOn(usual)).containsExactly(toUsualPhone);

        Page bad = admin.get("/admin/orders?phone=" + encode("call me")).expectStatus(400);
        assertThat(bad.one("#orders-phone-error").text()).isEqualTo("Enter a phone number as in the address.");
        assertThat(bad.html().select(".orders-table")).isEmpty();
    }

    @Test
    void anOrderShowsItsLinesPaymentCustomerAndTimelineAndIsFulfilledWithATrackingNumber() throws IOException {
        Variant variant = shop.product("12.00", 10);
        Bought bought = buy(variant, 2);
        PageClient admin = PageClient.admin(port);

        admin.get("/admin/orders/DK-999999999").expectStatus(404);
        Page order = admin.get("/admin/orders/" + bought.number()).expectStatus(200);
        assertThat(order.one("h1").text()).isEqualTo("Order " + bought.number());
        assertThat(order.one(".order-meta").text())
                .contains("Paid", bought.email())
                .containsPattern("payment received \\d{4}-")
                .doesNotContainIgnoringCase("paid paid");
        assertThat(admin.get("/de/admin/orders/" + bought.number())
                        .one(".order-meta")
                        .text())
                .contains("Bezahlt", "Zahlung eingegangen ")
                .doesNotContainIgnoringCase("bezahlt bezahlt");
        assertThat(order.one("#lines-title").parent().text()).contains(variant.sku(), "€24.00", "Left to refund");
        assertThat(order.one("#payment-title").parent().text()).contains("Provider", "test", "Reference");
        assertThat(order.one("#customer-title").parent().text()).contains("Ada Lovelace", "Berlin", "+49 30 1234567");
        // a phone reads left to right on Arabic pages too
        assertThat(order.one("#customer-title").parent().select("bdi[dir=ltr]").text())
                .isEqualTo("+49 30 1234567");
        assertThat(order.one(".order-timeline").text()).contains("Paid");
        assertThat(order.html().select("a[href=/admin/orders/" + bought.number() + "/refund]"))
                .hasSize(1);
        assertThat(order.html().select("a[href=/admin/orders/" + bought.number() + "/cancel]"))
                .hasSize(1);

        // the receipt (rendered by a job after the payment) is linked and opens as the order's PDF
        Page withReceipt = await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> admin.get("/admin/orders/" + bought.number()).expectStatus(200),
                        page -> !page.html()
                                .select(".order-actions a:contains(Receipt)")
                                .isEmpty());
        HttpResponse<byte[]> receipt = admin.download(
                withReceipt.one(".order-actions a:contains(Receipt)").attr("href"));
        assertThat(receipt.statusCode()).isEqualTo(200);
        assertThat(receipt.headers().firstValue("Content-Type")).hasValue("application/pdf");
        try (PDDocument pdf = Loader.loadPDF(receipt.body())) {
            assertThat(new PDFTextStripper().getText(pdf)).contains(bought.number(), "Total paid");
        }

        // a tracking number that is not plain text is refused next to its field, nothing changes
        Page refused = admin.submit(
                order, "form.fulfil-form", Map.of("carrier", "DHL", "tracking_number", "<script>1</script>"));
        refused.expectStatus(422);
        assertThat(refused.one("#fulfil-tracking").attr("aria-invalid")).isEqualTo("true");
        assertThat(refused.one("#fulfil-tracking-error").text()).startsWith("Up to 40 letters");
        assertThat(refused.one("#fulfil-carrier").val()).isEqualTo("DHL");
        assertThat(admin.get("/admin/orders/" + bought.number())
                        .one(".order-meta")
                        .text())
                .contains("Paid");
        admin.submit(order, "form.fulfil-form", Map.of("carrier", "=cmd|calc", "tracking_number", "1"))
                .expectStatus(422);

        // without its CSRF token the form changes nothing
        new PageClient(port)
                .post("/admin/orders/" + bought.number() + "/fulfil", Map.of("tracking_number", "X1"))
                .expectStatus(403);
        admin.post("/admin/orders/" + bought.number() + "/fulfil", Map.of("tracking_number", "X1"))
                .expectStatus(403);

        Page shipped = admin.submit(
                order, "form.fulfil-form", Map.of("carrier", "DHL Express", "tracking_number", "JD014 6000 0412"));
        assertThat(shipped.location()).isEqualTo("/admin/orders/" + bought.number());
        Page after = admin.follow(shipped).expectStatus(200);
        assertThat(after.one(".flash").text()).isEqualTo("The order is marked shipped.");
        assertThat(after.one(".order-meta").text()).contains("Shipped");
        assertThat(after.one(".shipped").text()).contains("DHL Express", "JD014 6000 0412");
        assertThat(after.one(".order-timeline").text())
                .contains("Shipped", "Carrier DHL Express, tracking number JD014 6000 0412");
        assertThat(after.html().select("form.fulfil-form")).isEmpty();
        assertThat(after.html().select("a[href$=/cancel]")).isEmpty();
        assertThat(auditEntries("order.fulfilled", bought.number())).isEqualTo(1);

        // fulfilling twice is refused as the state it is in
        Page twice = admin.submit(order, "form.fulfil-form", Map.of("carrier", "DHL", "tracking_number", "X2"));
        twice.expectStatus(409);
        assertThat(twice.one("[role=alert]").text()).startsWith("This is not possible in the order’s current state");
        assertThat(auditEntries("order.fulfilled", bought.number())).isEqualTo(1);

        // the customer sees carrier and tracking number on the order's page and in the shipping mail
        PageClient customer = PageClient.signedIn(port, bought.email(), PASSWORD);
        Page own = customer.get("/account/orders/" + bought.number()).expectStatus(200);
        assertThat(own.one(".carrier").text()).isEqualTo("Carrier: DHL Express");
        assertThat(own.one(".tracking").text()).isEqualTo("Tracking number: JD014 6000 0412");
        JsonNode mail = new DevMailboxClient(shop.admin())
                .awaitExactly(bought.email(), "order-shipped", 1)
                .get(0);
        assertThat(mail.toString()).contains("Carrier: DHL Express", "Tracking number: JD014 6000 0412");
    }

    @Test
    void theShippingOptionIsNamedInThePagesAndTheRequestsLanguage() {
        Bought bought = buy(shop.product("6.00", 10), 1);

        Page german = PageClient.admin(port)
                .get("/de/admin/orders/" + bought.number())
                .expectStatus(200);
        assertThat(german.html().select("dl.order-totals").text()).contains("Versand: Standard (2–4 Werktage)");
        Page arabic = PageClient.admin(port)
                .get("/ar/admin/orders/" + bought.number())
                .expectStatus(200);
        assertThat(arabic.html().select("dl.order-totals").text()).contains("عادي (٢–٤ أيام عمل)");

        JsonNode json = shop.admin()
                .header("Accept-Language", "de-DE,de;q=0.9")
                .get("/api/v1/admin/orders/" + bought.number())
                .expectStatus(200)
                .json();
        assertThat(json.get("shipping_name").asString()).isEqualTo("Standard (2–4 Werktage)");
        assertThat(json.get("shipping_option").asString()).isEqualTo("standard");
        assertThat(shop.admin()
                        .header("Accept-Language", "en")
                        .get("/api/v1/admin/orders/" + bought.number())
                        .expectStatus(200)
                        .json()
                        .get("shipping_name")
                        .asString())
                .isEqualTo("Standard (2–4 working days)");
        assertThat(bought.api()
                        .header("Accept-Language", "ar")
                        .get("/api/v1/orders/" + bought.number())
                        .expectStatus(200)
                        .json()
                        .get("shipping_name")
                        .asString())
                .as("the customer's API too")
                .isEqualTo("عادي (٢–٤ أيام عمل)");
    }

    /** Quantities on an Arabic console page are written as the shop's own Arabic pages write them. */
    @Test
    void anArabicConsolePageWritesQuantitiesAsTheShopsArabicPagesDo() {
        Variant variant = shop.product("3.00", 19);
        Bought bought = buy(variant, 7);
        String shops = PageClient.signedIn(port, bought.email(), PASSWORD)
                .get("/ar/account/orders/" + bought.number())
                .expectStatus(200)
                .html()
                .select(".account-table tbody td.numeric")
                .first()
                .text();
        assertThat(shops).isEqualTo("٧");
        PageClient admin = PageClient.admin(port);

        Page order = admin.get("/ar/admin/orders/" + bought.number()).expectStatus(200);
        assertThat(order.html()
                        .select("table.console-table tbody td.numeric")
                        .first()
                        .text())
                .isEqualTo(shops);
        assertThat(order.one("td.refunded-units").text()).isEqualTo("٠");
        Page list = admin.get("/ar/admin/orders?number=" + bought.number()).expectStatus(200);
        assertThat(list.html()
                        .select("table.console-table tbody td.numeric")
                        .first()
                        .text())
                .isEqualTo(shops);
        Page product = admin.get("/ar/admin/products/" + variant.productId()).expectStatus(200);
        assertThat(product.html().select("td.number").eachText()).contains("١٢", "٠");

        // English keeps its digits
        assertThat(admin.get("/admin/orders/" + bought.number())
                        .html()
                        .select("table.console-table tbody td.numeric")
                        .first()
                        .text())
                .isEqualTo("7");
    }

    @Test
    void cancellingNeedsAConfirmationAndAReasonAndIsRefusedOnceShipped() {
        Variant variant = shop.product("8.00", 10);
        Bought bought = buy(variant, 1);
        PageClient admin = PageClient.admin(port);
        String path = "/admin/orders/" + bought.number();

        Page confirm = admin.get(path + "/cancel").expectStatus(200);
        assertThat(confirm.one("h1").text()).isEqualTo("Cancel order " + bought.number() + "?");
        Page noReason = admin.submit(confirm, "form[action$=/cancel]", Map.of("reason", " "));
        noReason.expectStatus(422);
        assertThat(noReason.one("#cancel-reason-error").text()).isEqualTo("Write down a reason.");
        assertThat(admin.get(path).one(".order-meta").text()).contains("Paid");

        Page cancelled = admin.submit(confirm, "form[action$=/cancel]", Map.of("reason", "customer called"));
        assertThat(admin.follow(cancelled).one(".flash").text())
                .isEqualTo("The order is cancelled and its money is being refunded.");
        Page after = admin.get(path).expectStatus(200);
        assertThat(after.one(".order-meta").text()).contains("Cancelled");
        assertThat(after.one(".order-refunded").text())
                .isEqualTo(after.one("dd.total").text());
        assertThat(jdbc.sql("select reason from audit_log where action = 'order.cancelled' and target_id = ?")
                        .param(bought.number())
                        .query(String.class)
                        .list())
                .containsExactly("customer called");

        // a shipped order cannot be cancelled
        Bought shipped = buy(variant, 1);
        Page cancelForm =
                admin.get("/admin/orders/" + shipped.number() + "/cancel").expectStatus(200);
        admin.submit(admin.get("/admin/orders/" + shipped.number()), "form.fulfil-form", Map.of());
        Page refused = admin.submit(cancelForm, "form[action$=/cancel]", Map.of("reason", "too late"));
        refused.expectStatus(409);
        assertThat(refused.one("[role=alert]").text()).startsWith("This is not possible");
        assertThat(auditEntries("order.cancelled", shipped.number())).isZero();
    }

    @Test
    void aPartialRefundIsCheckedAgainstWhatIsLeftAndASecondSubmitRefundsNothingMore() {
        Variant variant = shop.product("20.00", 10);
        Bought bought = buy(variant, 2);
        PageClient admin = PageClient.admin(port);
        String path = "/admin/orders/" + bought.number();

        Page form = admin.get(path + "/refund").expectStatus(200);
        assertThat(form.one(".refundable").text()).isEqualTo("€44.90 of €44.90 is left to refund.");
        String lineField = form.one("input[name^=units-]").attr("name");

        Page tooMuch = admin.submit(form, "form[action$=/refund]", Map.of("amount", "500.00", "reason", "damaged"));
        tooMuch.expectStatus(409);
        assertThat(tooMuch.one("#refund-amount-error").text()).isEqualTo("That is more than is left to refund.");
        Page malformed = admin.submit(form, "form[action$=/refund]", Map.of("amount", "12,5x", "reason", "damaged"));
        malformed.expectStatus(422);
        assertThat(malformed.one("#refund-amount-error").text()).isEqualTo("Enter an amount such as 12.50.");
        Page both = admin.submit(
                form, "form[action$=/refund]", Map.of("amount", "1.00", lineField, "1", "reason", "damaged"));
        assertThat(both.expectStatus(422).one("#refund-amount-error").text())
                .isEqualTo("Give an amount or units of lines, not both.");
        Page tooManyUnits = admin.submit(form, "form[action$=/refund]", Map.of(lineField, "3", "reason", "damaged"));
        assertThat(tooManyUnits
                        .expectStatus(422)
                        .one("#" + lineField + "-error")
                        .text())
                .startsWith("Enter a number of units");
        assertThat(admin.submit(form, "form[action$=/refund]", Map.of("amount", "5.00"))
                        .expectStatus(422)
                        .one("#refund-reason-error")
                        .text())
                .isEqualTo("Write down a reason.");
        assertThat(auditEntries("order.refunded", bought.number())).isZero();

        // the form sent twice (a double click, a refresh) refunds once
        Page refunded = admin.submit(form, "form[action$=/refund]", Map.of("amount", "5.50", "reason", "scratched"));
        assertThat(admin.follow(refunded).one(".flash").text()).isEqualTo("€5.50 is being refunded.");
        Page again = admin.submit(form, "form[action$=/refund]", Map.of("amount", "5.50", "reason", "scratched"));
        assertThat(admin.follow(again).one(".flash").text())
                .isEqualTo("This refund was already made; nothing more was refunded.");
        assertThat(auditEntries("order.refunded", bought.number())).isEqualTo(1);
        Page after = admin.get(path).expectStatus(200);
        assertThat(after.one(".order-refunded").text()).isEqualTo("€5.50");
        assertThat(after.one(".order-timeline").text()).contains("Refund");

        // a fresh form refunds units of a line, once the first refund is carried out (while it is in
        // flight, payments count it twice and refuse what would be over: "try again in a moment")
        awaitRefundsCarriedOut(bought.number());
        Page unitsForm = admin.get(path + "/refund").expectStatus(200);
        Page byUnits = admin.submit(unitsForm, "form[action$=/refund]", Map.of(lineField, "1", "reason", "one broke"));
        admin.follow(byUnits).expectStatus(200);
        Page afterUnits = admin.get(path).expectStatus(200);
        assertThat(afterUnits.one(".refunded-units").text()).isEqualTo("1");
        assertThat(auditEntries("order.refunded", bought.number())).isEqualTo(2);
        assertThat(jdbc.sql("select details->>'amount' from audit_log where action = 'order.refunded'"
                                + " and target_id = ? order by at")
                        .param(bought.number())
                        .query(String.class)
                        .list())
                .containsExactly("5.50 EUR", "20.00 EUR");
    }

    @Test
    void aShippedOrderIsRefundedInFullByAPartialRefundOfWhatIsLeft() {
        Variant variant = shop.product("20.00", 10);
        Bought bought = buy(variant, 2);
        PageClient admin = PageClient.admin(port);
        String path = "/admin/orders/" + bought.number();
        admin.follow(admin.submit(
                        admin.get(path), "form.fulfil-form", Map.of("carrier", "DHL", "tracking_number", "JD1")))
                .expectStatus(200);
        Page first = admin.get(path + "/refund").expectStatus(200);
        admin.follow(admin.submit(first, "form[action$=/refund]", Map.of("amount", "5.50", "reason", "late")))
                .expectStatus(200);
        awaitRefundsCarriedOut(bought.number());

        Page rest = admin.get(path + "/refund").expectStatus(200);
        assertThat(rest.one(".refundable").text()).isEqualTo("€39.40 of €44.90 is left to refund.");
        Page refunded = admin.submit(rest, "form[action$=/refund]", Map.of("amount", "39.40", "reason", "lost"));
        assertThat(refunded.location()).isEqualTo(path);
        assertThat(admin.follow(refunded).one(".flash").text()).isEqualTo("€39.40 is being refunded.");

        Page after = admin.get(path).expectStatus(200);
        assertThat(after.one(".order-meta").text()).contains("Refunded");
        assertThat(after.one(".order-refunded").text()).isEqualTo("€44.90");
        assertThat(after.one(".order-refunded").text())
                .isEqualTo(after.one("dd.total").text());
        assertThat(after.html().select("a[href=" + path + "/refund]")).isEmpty();
        assertThat(auditEntries("order.refunded", bought.number())).isEqualTo(2);
        // nothing is left: another cent (a new request, not the form sent again) is refused
        Page more = admin.submit(
                rest,
                "form[action$=/refund]",
                Map.of(
                        "amount",
                        "0.01",
                        "reason",
                        "again",
                        "request_key",
                        java.util.UUID.randomUUID().toString()));
        assertThat(more.status()).isEqualTo(409);
        assertThat(auditEntries("order.refunded", bought.number())).isEqualTo(2);
    }

    @Test
    void returnsAreAcceptedOrRejectedWithAReason() {
        Variant variant = shop.product("15.00", 10);
        Bought bought = buy(variant, 2);
        PageClient admin = PageClient.admin(port);
        String path = "/admin/orders/" + bought.number();
        admin.submit(admin.get(path), "form.fulfil-form", Map.of("carrier", "UPS"));
        String lineId = bought.api()
                .get("/api/v1/orders/" + bought.number())
                .expectStatus(200)
                .json()
                .get("lines")
                .get(0)
                .get("id")
                .asString();
        for (int i = 0; i < 2; i++) {
            bought.api()
                    .post(
                            "/api/v1/orders/" + bought.number() + "/returns",
                            Map.of("line_id", lineId, "quantity", 1, "reason", "too small " + i))
                    .expectStatus(201);
        }
        Page order = admin.get(path).expectStatus(200);
        List<String> decide = order.html().select(".order-returns a").eachAttr("href");
        assertThat(decide).hasSize(2);

        Page first = admin.get(decide.get(0)).expectStatus(200);
        assertThat(first.one("main").text()).contains("too small 0");
        Page noReason = admin.submit(first, "form[action*=/returns/]", Map.of("decision", "accept"));
        assertThat(noReason.expectStatus(422).one("#return-reason-error").text())
                .isEqualTo("Write down a reason.");
        Page accepted = admin.submit(
                first, "form[action*=/returns/]", Map.of("decision", "accept", "reason", "unused, resellable"));
        assertThat(admin.follow(accepted).one(".flash").text()).isEqualTo("The return is accepted.");

        Page second = admin.get(decide.get(1)).expectStatus(200);
        Page rejected = admin.submit(second, "form[action*=/returns/]", Map.of("decision", "reject", "reason", "worn"));
        assertThat(admin.follow(rejected).one(".flash").text()).isEqualTo("The return is rejected.");
        // deciding again is refused as the return's state
        assertThat(admin.submit(
                                second,
                                "form[action*=/returns/]",
                                Map.of("decision", "accept", "reason", "changed my mind"))
                        .expectStatus(409)
                        .one("[role=alert]")
                        .text())
                .startsWith("This is not possible");

        Page after = admin.get(path).expectStatus(200);
        assertThat(after.one(".order-returns").text()).contains("Accepted", "Rejected", "worn");
        assertThat(after.one(".order-refunded").text()).isEqualTo("€15.00");
        String firstId = decide.get(0).substring(decide.get(0).lastIndexOf('/') + 1);
        String secondId = decide.get(1).substring(decide.get(1).lastIndexOf('/') + 1);
        assertThat(jdbc.sql("select reason from audit_log where action = 'return.accepted' and target_id = ?")
                        .param(firstId)
                        .query(String.class)
                        .list())
                .containsExactly("unused, resellable");
        assertThat(auditEntries("return.rejected", secondId)).isEqualTo(1);
    }

    /**
     * While the customer's bank disputes the payment nothing can be refunded, but a return whose
     * units an operator refunded already refunds nothing: it is offered and accepted; one that would
     * refund is not offered and refused.
     */
    @Test
    void duringADisputeAReturnIsAcceptedOnlyWhenItRefundsNothing() {
        Variant refundedBefore = shop.product("15.00", 10);
        Variant paidFor = shop.product("15.00", 10);
        String email = CatalogFixtures.unique("disputing-") + "@example.com";
        ApiClient customer = new ApiClient(port).register(email, PASSWORD).login(email, PASSWORD);
        shop.addToCart(customer, refundedBefore, 1);
        String number = shop.buy(customer, paidFor, 1, null).get("number").asString();
        ApiClient api = shop.admin();
        api.post("/api/v1/admin/orders/" + number + "/fulfil", Map.of()).expectStatus(200);
        JsonNode lines = customer.get("/api/v1/orders/" + number)
                .expectStatus(200)
                .json()
                .get("lines");
        String refundedLine = lineOf(lines, refundedBefore);
        api.post(
                        "/api/v1/admin/orders/" + number + "/refunds",
                        Map.of("lines", List.of(Map.of("line_id", refundedLine, "quantity", 1)), "reason", "goodwill"))
                .expectStatus(200);
        awaitRefundsCarriedOut(number);
        String nothingToRefund = requestReturn(customer, number, refundedLine);
        String refunding = requestReturn(customer, number, lineOf(lines, paidFor));
        jdbc.sql("""
                        insert into payment_disputes (id, payment_id, provider, provider_dispute_id, amount_minor,
                            currency, reason, status, opened_at, updated_at, last_event_at)
                        select gen_random_uuid(), payment_id, 'test', 'dp_' || number, total_minor, 'EUR',
                            'fraudulent', 'needs_response', now(), now(), now()
                        from orders where number = ?""").param(number).update();
        PageClient admin = PageClient.admin(port);
        String path = "/admin/orders/" + number;

        Page free = admin.get(path + "/returns/" + nothingToRefund).expectStatus(200);
        assertThat(free.html().select("button[value=accept]")).hasSize(1);
        assertThat(free.one(".notice.warning").text()).contains("refunds nothing");
        Page accepted =
                admin.submit(free, "form[action*=/returns/]", Map.of("decision", "accept", "reason", "came back"));
        assertThat(admin.follow(accepted).one(".flash").text()).isEqualTo("The return is accepted.");

        Page paying = admin.get(path + "/returns/" + refunding).expectStatus(200);
        assertThat(paying.html().select("button[value=accept]")).isEmpty();
        assertThat(paying.html().select("button[value=reject]")).hasSize(1);
        assertThat(paying.one(".notice.warning").text()).contains("cannot be accepted now");
        Page refused =
                admin.submit(paying, "form[action*=/returns/]", Map.of("decision", "accept", "reason", "came back"));
        assertThat(refused.expectStatus(409).one("[role=alert]").text()).contains("cannot be accepted now");
        assertThat(admin.get(path).one(".order-refunded").text()).isEqualTo("€15.00");
        assertThat(auditEntries("return.accepted", nothingToRefund)).isEqualTo(1);
        assertThat(auditEntries("return.accepted", refunding)).isZero();
    }

    private static String lineOf(JsonNode lines, Variant variant) {
        for (JsonNode line : lines) {
            if (line.get("variant_id").asString().equals(variant.id())) {
                return line.get("id").asString();
            }
        }
        throw new AssertionError("no line of " + variant.sku());
    }

    private static String requestReturn(ApiClient customer, String number, String lineId) {
        return customer.post(
                        "/api/v1/orders/" + number + "/returns",
                        Map.of("line_id", lineId, "quantity", 1, "reason", "changed my mind"))
                .expectStatus(201)
                .json()
                .get("id")
                .asString();
    }

    @Test
    void aSellerReadsOnlyOrdersWithItsProductsAndOnlyItsLinesAndCannotAct() {
        ApiClient sellerApi = shop.catalog().seller();
        String sellerEmail = sellerApi.get("/api/v1/me").json().get("email").asString();
        String category = shop.catalog().category(CatalogFixtures.unique("Seller "), null);
        JsonNode product = shop.catalog()
                .createProduct(
                        sellerApi,
                        CatalogFixtures.product(
                                CatalogFixtures.unique("Sellers mug "),
                                category,
                                List.of(CatalogFixtures.variant("9.00", 10))));
        Variant own = new Variant(
                product.get("variants").get(0).get("id").asString(),
                product.get("variants").get(0).get("sku").asString(),
                product.get("id").asString(),
                product.get("slug").asString());
        Variant others = shop.product("30.00", 10);

        String email = CatalogFixtures.unique("mixed-") + "@example.com";
        ApiClient customer = new ApiClient(port).register(email, PASSWORD).login(email, PASSWORD);
        shop.addToCart(customer, own, 2);
        JsonNode mixed = shop.buy(customer, others, 1, null);
        String mixedNumber = mixed.get("number").asString();
        Bought foreign = buy(others, 1);

        PageClient seller = PageClient.signedIn(port, sellerEmail, PASSWORD);
        Page list = seller.get("/admin/orders").expectStatus(200);
        assertThat(list.html().select(".console-nav a").eachAttr("href")).contains("/admin/orders");
        assertThat(numbersOn(list)).containsExactly(mixedNumber);
        // the seller's total is its lines' (2 × 9.00), not the order's
        assertThat(list.one(".orders-table tbody").text()).contains("€18.00").doesNotContain("€30.00");

        Page detail = seller.get("/admin/orders/" + mixedNumber).expectStatus(200);
        assertThat(detail.one("#lines-title").parent().text())
                .contains(own.sku())
                .doesNotContain(others.sku());
        assertThat(detail.html().select("#payment-title, .order-totals, form.fulfil-form, a[href$=/refund]"))
                .isEmpty();

        seller.get("/admin/orders/" + foreign.number()).expectStatus(403);
        assertThat(auditEntries("order.access-denied", foreign.number())).isEqualTo(1);
        seller.get("/admin/orders/" + mixedNumber + "/refund").expectStatus(403);
        Page csrf = seller.get("/admin/orders/" + mixedNumber);
        String token = csrf.html().select("input[name=_csrf]").attr("value");
        seller.post("/admin/orders/" + mixedNumber + "/fulfil", Map.of("_csrf", token, "tracking_number", "X1"))
                .expectStatus(403);
        seller.post(
                        "/admin/orders/" + mixedNumber + "/refund",
                        Map.of("_csrf", token, "amount", "1.00", "reason", "mine"))
                .expectStatus(403);
        assertThat(auditEntries("order.access-denied", mixedNumber)).isEqualTo(3);
        assertThat(auditEntries("order.fulfilled", mixedNumber)).isZero();

        // the export has the seller's lines only, without the order's totals
        ApiClient sellerPages = new ApiClient(port).login(sellerEmail, PASSWORD);
        String csv = sellerPages
                .get("/api/v1/admin/orders/export.csv")
                .expectStatus(200)
                .body();
        assertThat(csv).contains(mixedNumber, own.sku()).doesNotContain(others.sku(), foreign.number(), "order_total");
    }

    @Test
    void theExportHasTheListsFiltersAndNeutralisesFormulas() {
        String category = shop.catalog().category(CatalogFixtures.unique("Export "), null);
        JsonNode product = shop.catalog()
                .createProduct(
                        shop.admin(),
                        CatalogFixtures.product(
                                "=HYPERLINK(\"http://evil\") " + CatalogFixtures.unique(""),
                                category,
                                List.of(CatalogFixtures.variant("7.00", 10))));
        Variant variant = new Variant(
                product.get("variants").get(0).get("id").asString(),
                product.get("variants").get(0).get("sku").asString(),
                product.get("id").asString(),
                product.get("slug").asString());
        Bought bought = buy(variant, 2);
        Bought other = buy(variant, 1);

        ApiClient.Response export = shop.admin().get("/api/v1/admin/orders/export.csv?email=" + encode(bought.email()));
        export.expectStatus(200);
        assertThat(export.header("Content-Type")).startsWith("text/csv");
        assertThat(export.header("Content-Disposition")).startsWith("attachment; filename=\"orders-");
        List<String> rows = export.body().lines().toList();
        assertThat(rows.get(0)).startsWith("number,status,paid_at,email").endsWith("carrier,tracking_number");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1))
                .startsWith(bought.number() + ",paid,")
                .contains(",\"'=HYPERLINK(\"\"http://evil\"\")")
                .contains(",2,7.00,14.00,0,EUR,")
                .doesNotContain(other.number());

        shop.admin()
                .get("/api/v1/admin/orders/export.csv?from=someday&status=draft")
                .expectStatus(400);
        shop.customer().get("/api/v1/admin/orders/export.csv").expectStatus(403);
    }

    @Test
    void theJsonApisActionsAreAuditedToo() {
        Variant variant = shop.product("11.00", 10);
        Bought bought = buy(variant, 1);
        ApiClient admin = shop.admin();
        admin.post(
                        "/api/v1/admin/orders/" + bought.number() + "/fulfil",
                        Map.of("carrier", "DPD", "tracking_number", "<b>"))
                .expectStatus(400);
        admin.post(
                        "/api/v1/admin/orders/" + bought.number() + "/fulfil",
                        Map.of("carrier", "DPD", "tracking_number", "0123 4567"))
                .expectStatus(200);
        admin.post(
                        "/api/v1/admin/orders/" + bought.number() + "/refunds",
                        Map.of("amount", Map.of("amount", "1.00", "currency", "EUR"), "reason", "late"))
                .expectStatus(200);
        assertThat(jdbc.sql("select action || ':' || coalesce(reason, '') || ':' || coalesce(client_address, '')"
                                + " from audit_log where target_id = ? order by at")
                        .param(bought.number())
                        .query(String.class)
                        .list())
                .hasSize(2)
                .allMatch(entry -> !entry.endsWith(":"))
                .anyMatch(entry -> entry.startsWith("order.fulfilled::"))
                .anyMatch(entry -> entry.startsWith("order.refunded:late:"));
    }
}
