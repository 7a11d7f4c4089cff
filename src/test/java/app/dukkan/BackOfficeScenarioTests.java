package app.dukkan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.Prometheus;
import app.dukkan.testing.Shop;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * What a paid order sets in motion with the default configuration: a confirmation mail in the
 * development mailbox, a PDF receipt and loyalty points, each done by a background job that the
 * job metrics show.
 */
@DukkanTest
class BackOfficeScenarioTests {

    @LocalServerPort
    int port;

    @Test
    void aPaidOrderIsConfirmedReceiptedAndRewarded() throws Exception {
        Shop shop = new Shop(port);
        ApiClient customer = shop.customer();
        String email =
                customer.get("/api/v1/me").expectStatus(200).json().get("email").asString();
        JsonNode paid = shop.buy(customer, shop.product("42.50", 3), 2, null);
        String number = paid.get("number").asString();
        ApiClient admin = shop.admin();

        JsonNode mails = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> admin.get("/api/v1/admin/mailbox?to=" + email)
                                .expectStatus(200)
                                .json(),
                        page -> page.get("items").findValuesAsString("kind").contains("order-confirmation"));
        String mailId = null;
        for (JsonNode item : mails.get("items")) {
            if (item.get("kind").asString().equals("order-confirmation")) {
                mailId = item.get("id").asString();
            }
        }
        JsonNode mail =
                admin.get("/api/v1/admin/mailbox/" + mailId).expectStatus(200).json();
        assertThat(mail.get("text").asString()).contains(number);

        JsonNode receipt = await().atMost(Duration.ofSeconds(20))
                .until(() -> customer.get("/api/v1/orders/" + number + "/receipt"), r -> r.status() == 200)
                .json();
        HttpResponse<byte[]> pdf = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(receipt.get("url").asString()))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");

        long points =
                paid.get("totals").get("total").get("amount").decimalValue().longValue();
        JsonNode loyalty = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> customer.get("/api/v1/me/loyalty")
                                .expectStatus(200)
                                .json(),
                        l -> l.get("balance").asLong() == points);
        assertThat(loyalty.get("history")
                        .get("items")
                        .get(0)
                        .get("order_number")
                        .asString())
                .isEqualTo(number);

        String metrics = new Prometheus(port).scrape();
        // (the payment event was processed as it came in: its job only retries a failed processing)
        for (String task : new String[] {"mail-order-confirmation", "order-receipt", "loyalty-points"}) {
            assertThat(ranJobs(metrics, task)).as("jobs of %s that ran", task).isPositive();
        }
        admin.get("/api/v1/admin/queues/stats").expectStatus(200);
    }

    private static double ranJobs(String metrics, String task) {
        Matcher m = Pattern.compile(
                        "job_latency_seconds_count\\{[^}]*task=\"" + Pattern.quote(task) + "\"[^}]*} (\\S+)")
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
