package app.dukkan.orders.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.platform.SignedUrls;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.Shop;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
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

    @Test
    void guestsOrdersGetAReceiptForAdmins() {
        ApiClient guest = shop.guest();
        String number = shop.buy(guest, shop.product("6.00", 5), 1, "guest-" + UUID.randomUUID() + "@example.com")
                .get("number")
                .asString();
        ApiClient admin = shop.admin();
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() ->
                        admin.get("/api/v1/admin/orders/" + number + "/receipt").status() == 200);
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
