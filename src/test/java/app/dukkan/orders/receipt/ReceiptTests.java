package app.dukkan.orders.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.orders.OrderDirectory;
import app.dukkan.orders.OrderSummary;
import app.dukkan.platform.FileStore;
import app.dukkan.platform.SignedUrls;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DrawnText;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.Shop;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@DukkanTest
class ReceiptTests {

    @LocalServerPort
    int port;

    @Autowired
    SignedUrls signedUrls;

    @Autowired
    Receipts receipts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ReceiptRenderer renderer;

    @Autowired
    OrderDirectory orders;

    @Autowired
    FileStore files;

    Shop shop;

    @BeforeEach
    void setUp() {
        shop = new Shop(port);
    }

    @Test
    void aPaidOrdersReceiptIsAPdfDownloadableThroughItsSignedLink() throws IOException {
        ApiClient customer = shop.customer();
        JsonNode paid = shop.buy(customer, shop.product("19.99", 5), 2, null);
        String number = paid.get("number").asString();

        JsonNode link = awaitReceipt(customer, number);
        Instant expires = Instant.parse(link.get("expires_at").asString());
        assertThat(expires)
                .isBetween(
                        Instant.now().plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(25)));
        String url = link.get("url").asString();
        assertThat(url).startsWith("http://localhost:" + port + "/files/signed/private/receipts/");

        HttpResponse<byte[]> pdf = download(url);
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text)
                    .contains(number)
                    .contains("Total paid")
                    .contains("EUR")
                    .contains("Dukkan");
        }

        JsonNode forAdmin = shop.admin()
                .get("/api/v1/admin/orders/" + number + "/receipt")
                .expectStatus(200)
                .json();
        assertThat(download(forAdmin.get("url").asString()).statusCode()).isEqualTo(200);
    }

    @Test
    void aTamperedExpiredOrUnknownLinkIsRefused() {
        ApiClient customer = shop.customer();
        String number = shop.buy(customer, shop.product("5.00", 5), 1, null)
                .get("number")
                .asString();
        String url = awaitReceipt(customer, number).get("url").asString();

        int at = url.indexOf("signature=") + "signature=".length();
        char first = url.charAt(at);
        String tampered = url.substring(0, at) + (first == 'A' ? 'B' : 'A') + url.substring(at + 1);
        HttpResponse<byte[]> refused = download(tampered);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("signature-invalid");

        String longer = url.replaceFirst("expires=(\\d+)", "expires=9$1");
        assertThat(download(longer).statusCode())
                .as("a longer expiry than was signed")
                .isEqualTo(403);

        String key = url.substring(url.indexOf("/files/signed/") + "/files/signed/".length(), url.indexOf('?'));
        SignedUrls.SignedUrl expired = signedUrls.signUntil(key, Instant.now().minusSeconds(1));
        HttpResponse<byte[]> gone = download("http://localhost:" + port + expired.path());
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(new String(gone.body(), StandardCharsets.UTF_8)).contains("link-expired");

        SignedUrls.SignedUrl missing =
                signedUrls.sign("private/receipts/none-" + UUID.randomUUID() + ".pdf", Duration.ofMinutes(5));
        assertThat(download("http://localhost:" + port + missing.path()).statusCode())
                .isEqualTo(404);
    }

    @Test
    void receiptsAreNotServedByThePublicFilePath() {
        ApiClient customer = shop.customer();
        String number = shop.buy(customer, shop.product("7.00", 5), 1, null)
                .get("number")
                .asString();
        String url = awaitReceipt(customer, number).get("url").asString();
        String key = url.substring(url.indexOf("/files/signed/") + "/files/signed/".length(), url.indexOf('?'));

        assertThat(download("http://localhost:" + port + "/files/" + key).statusCode())
                .isEqualTo(404);
        assertThat(download("http://localhost:" + port + "/files/./" + key).statusCode())
                .as("refused by the firewall or the handler")
                .isIn(400, 404);
        assertThat(download("http://localhost:" + port + "/files/products/../" + key)
                        .statusCode())
                .isIn(400, 404);
        assertThat(download("http://localhost:" + port + "/files/signed/" + key).statusCode())
                .as("unsigned")
                .isEqualTo(400);
    }

    @Test
    void onlyTheOwnerGetsTheReceiptOfAnOrder() {
        ApiClient customer = shop.customer();
        String number = shop.buy(customer, shop.product("8.00", 5), 1, null)
                .get("number")
                .asString();
        awaitReceipt(customer, number);

        shop.customer().get("/api/v1/orders/" + number + "/receipt").expectStatus(404);
        shop.guest().get("/api/v1/orders/" + number + "/receipt").expectStatus(401);
        customer.get("/api/v1/admin/orders/" + number + "/receipt").expectStatus(403);
        customer.get("/api/v1/orders/DK-0/receipt").expectStatus(404);
    }

    @Test
    void renderingTwiceKeepsOneReceiptAndANotYetRenderedOneAnswersRetryLater() {
        ApiClient customer = shop.customer();
        JsonNode paid = shop.buy(customer, shop.product("9.00", 5), 1, null);
        String number = paid.get("number").asString();
        UUID orderId = UUID.fromString(paid.get("id").asString());
        awaitReceipt(customer, number);
        String key = receipts.fileKey(orderId).orElseThrow();

        receipts.render(new Receipts.Render(orderId));
        assertThat(jdbc.sql("select count(*) from order_receipts where order_id = ?")
                        .param(orderId)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(receipts.fileKey(orderId)).hasValue(key);

        jdbc.sql("delete from order_receipts where order_id = ?").param(orderId).update();
        ApiClient.Response pending =
                customer.get("/api/v1/orders/" + number + "/receipt").expectStatus(404);
        assertThat(pending.body()).contains("receipt-not-ready");
        assertThat(pending.header("Retry-After")).isEqualTo("5");

        receipts.render(new Receipts.Render(orderId));
        assertThat(receipts.fileKey(orderId)).hasValue(key);
        customer.get("/api/v1/orders/" + number + "/receipt").expectStatus(200);
    }

    /**
     * A customer who reads Arabic gets the receipt in Arabic, laid out right to left with joined
     * letters; names in other scripts print with the bundled font instead of vanishing.
     */
    @Test
    void anArabicReadersReceiptIsInArabicAndNamesInAnyScriptPrint() throws IOException {
        ApiClient customer = shop.customer();
        customer.patch("/api/v1/me", Map.of("locale", "ar")).expectStatus(200);
        String name = CatalogFixtures.unique("Кружка Ψ فنجان ");
        JsonNode paid = shop.buy(customer, shop.product(name, "12.00", 5), 1, null);
        String number = paid.get("number").asString();
        OrderSummary order =
                orders.find(UUID.fromString(paid.get("id").asString())).orElseThrow();

        assertThat(renderer.html(order, "دكان", Locale.forLanguageTag("ar")))
                .contains("dir=\"rtl\"", "إجمالي المدفوع", "العميل", name);
        assertThat(renderer.html(order, "Dukkan", Locale.GERMAN))
                .contains("dir=\"ltr\"", "Zwischensumme", "Standard (2–4 Werktage)");
        assertThat(renderer.html(order, "دكان", Locale.forLanguageTag("ar"))).contains("عادي (٢–٤ أيام عمل)");
        assertThat(renderer.html(order, "Dukkan", Locale.FRENCH))
                .as("a language receipts do not speak")
                .contains("Total paid");

        byte[] pdf =
                download(awaitReceipt(customer, number).get("url").asString()).body();
        // to look at, beside the browser tests' screenshots
        Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(Path.of("target", "screenshots", "receipt-ar.pdf"), pdf);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDResources resources = document.getPage(0).getResources();
            for (COSName font : resources.getFontNames()) {
                assertThat(resources.getFont(font).getName()).contains("DejaVuSans");
                assertThat(resources.getFont(font).isEmbedded()).isTrue();
            }
        }
        String drawn = DrawnText.of(pdf);
        assertThat(drawn).contains("Кружка", "Ψ", number.replace("DK-", ""));
        // the labels and the product's name
        assertThat(DrawnText.joinedArabicLetters(drawn)).as(drawn).isGreaterThan(40);
    }

    /**
     * Each refund makes the receipt again, showing what was refunded; the older file goes, and
     * running the first render again (a replay) does not bring it back.
     */
    @Test
    void aRefundMakesTheReceiptAgainShowingWhatWasRefunded() throws IOException {
        ApiClient customer = shop.customer();
        JsonNode paid = shop.buy(customer, shop.product("20.00", 5), 2, null);
        String number = paid.get("number").asString();
        UUID orderId = UUID.fromString(paid.get("id").asString());
        awaitReceipt(customer, number);
        String first = receipts.fileKey(orderId).orElseThrow();
        assertThat(text(download(awaitReceipt(customer, number).get("url").asString())
                        .body()))
                .doesNotContain("Refunded");

        shop.admin()
                .post(
                        "/api/v1/admin/orders/" + number + "/refunds",
                        Map.of("amount", Map.of("amount", "5.00", "currency", "EUR"), "reason", "scratch"))
                .expectStatus(200);
        String second = await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> receipts.fileKey(orderId).orElseThrow(), key -> !key.equals(first));
        assertThat(second).startsWith(Receipts.folderOf(orderId)).endsWith("-refunded-500.pdf");
        assertThat(files.read(first)).as("the older receipt is deleted").isEmpty();
        String text = text(
                download(awaitReceipt(customer, number).get("url").asString()).body());
        assertThat(text).contains("Refunded", "5.00 EUR", "40.00 EUR");

        receipts.render(new Receipts.Render(orderId));
        assertThat(receipts.fileKey(orderId)).hasValue(second);
        assertThat(files.list(Receipts.folderOf(orderId))).containsExactly(second);
        assertThat(jdbc.sql("select refunded_minor from order_receipts where order_id = ?")
                        .param(orderId)
                        .query(Long.class)
                        .single())
                .isEqualTo(500L);
    }

    /** Cancelling a paid order pays back what is left: its receipt is made again to show it. */
    @Test
    void cancellingAPaidOrderMakesTheReceiptAgain() throws IOException {
        ApiClient customer = shop.customer();
        JsonNode paid = shop.buy(customer, shop.product("11.00", 5), 1, null);
        String number = paid.get("number").asString();
        UUID orderId = UUID.fromString(paid.get("id").asString());
        awaitReceipt(customer, number);
        String first = receipts.fileKey(orderId).orElseThrow();

        shop.admin()
                .post("/api/v1/admin/orders/" + number + "/cancel", Map.of("reason", "customer asked"))
                .expectStatus(200);
        String second = await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> receipts.fileKey(orderId).orElseThrow(), key -> !key.equals(first));
        assertThat(second).endsWith("-refunded-1590.pdf");
        assertThat(text(download(awaitReceipt(customer, number).get("url").asString())
                        .body()))
                .contains("Refunded", "15.90 EUR");
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    /** A guest's receipt speaks the language they checked out in. */
    @Test
    void guestsOrdersGetAReceiptForAdmins() throws IOException {
        ApiClient guest = shop.guest().header("Accept-Language", "de-AT,de;q=0.9");
        String number = shop.buy(guest, shop.product("6.00", 5), 1, "guest-" + UUID.randomUUID() + "@example.com")
                .get("number")
                .asString();
        ApiClient admin = shop.admin();
        String url = await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> admin.get("/api/v1/admin/orders/" + number + "/receipt"), r -> r.status() == 200)
                .json()
                .get("url")
                .asString();
        assertThat(text(download(url).body())).contains("Zwischensumme");
    }

    private JsonNode awaitReceipt(ApiClient customer, String number) {
        return await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> customer.get("/api/v1/orders/" + number + "/receipt"), r -> r.status() == 200)
                .json();
    }

    private static HttpResponse<byte[]> download(String url) {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(url)).GET().build(),
                            HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
