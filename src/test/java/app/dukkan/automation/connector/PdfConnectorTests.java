package app.dukkan.automation.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.dukkan.platform.FileStore;
import app.dukkan.platform.SignedUrls;
import app.dukkan.platform.pdf.OpenHtmlPdfDocuments;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.DrawnText;
import app.dukkan.testing.DukkanTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@DukkanTest
class PdfConnectorTests {

    @LocalServerPort
    int port;

    @Autowired
    Connectors connectors;

    @Autowired
    FileStore files;

    @Autowired
    SignedUrls urls;

    static final Map<String, Object> VISA = Map.of(
            "applicantName", "Ada Lovelace",
            "passportNumber", "X1234567",
            "applicationNumber", "VA-2026-0042",
            "visaType", "Business, multiple entry",
            "validFrom", "2026-01-01",
            "validUntil", "2026-12-31");

    Connector pdf() {
        return connectors.find("pdf").orElseThrow();
    }

    @Test
    void rendersAVisaApprovalStoresItPrivatelyAndTheSignedLinkServesIt() {
        UUID run = UUID.randomUUID();
        StepResult result = pdf().call(new StepCall(
                run,
                "approval-letter",
                "k",
                Map.of("template", "visa_approved", "data", VISA, "locale", "de"),
                "s",
                false));

        String key = (String) result.output().get("key");
        assertThat(key).isEqualTo("private/automation/pdf/" + run + "/approval-letter.pdf");
        assertThat(FileStore.isPrivate(key)).isTrue();
        byte[] stored = files.read(key).orElseThrow();
        assertThat(new String(stored, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(result.output()).containsEntry("bytes", stored.length);
        Instant expiresAt = Instant.parse((String) result.output().get("expiresAt"));
        assertThat(expiresAt)
                .isBetween(
                        Instant.now().plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(25)));

        String url = (String) result.output().get("url");
        String path = url.substring(url.indexOf("/files/signed/"));
        ApiClient client = new ApiClient(port);
        ApiClient.Response served = client.get(path).expectStatus(200);
        assertThat(served.header("Content-Type")).contains("application/pdf");
        assertThat(client.get("/files/" + key).status()).isIn(403, 404);

        SignedUrls.SignedUrl expired = urls.signUntil(key, Instant.now().minusSeconds(60));
        client.get(expired.path()).expectStatus(410);
    }

    @Test
    void eachItemOfAListStepGetsItsOwnDocument() {
        UUID run = UUID.randomUUID();
        List<String> keys = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Map<String, Object> visa = new java.util.HashMap<>(VISA);
            visa.put("applicantName", "Applicant " + i);
            StepResult result = pdf().call(new StepCall(
                    run,
                    "letters",
                    run + ":letters:" + i,
                    Map.of("template", "visa_approved", "data", visa),
                    "s",
                    false));
            keys.add((String) result.output().get("key"));
        }
        assertThat(keys)
                .containsExactly(
                        "private/automation/pdf/" + run + "/letters.0.pdf",
                        "private/automation/pdf/" + run + "/letters.1.pdf");
        assertThat(files.read(keys.get(0)).orElseThrow())
                .isNotEqualTo(files.read(keys.get(1)).orElseThrow());
    }

    @Test
    void rendersAReceiptInEveryLanguage() {
        Map<String, Object> receipt = Map.of(
                "orderNumber", "DK-1001",
                "customerName", "Ada",
                "lines", List.of(Map.of("name", "Mug", "quantity", 2, "unitPrice", "12.00 EUR", "total", "24.00 EUR")),
                "total", "24.00 EUR");
        for (String locale : List.of("en", "de", "ar")) {
            StepResult result = pdf().call(new StepCall(
                    UUID.randomUUID(),
                    "receipt",
                    "k",
                    Map.of("template", "payment_receipt", "data", receipt, "locale", locale),
                    "s",
                    false));
            assertThat((Integer) result.output().get("bytes")).as(locale).isGreaterThan(500);
        }
        PdfRenderer renderer = new PdfRenderer(new OpenHtmlPdfDocuments(), "Dukkan");
        assertThat(renderer.html("payment_receipt", receipt, PdfRenderer.locale("de")))
                .contains("Zahlungsbeleg", "DK-1001");
        assertThat(renderer.html("visa_approved", VISA, PdfRenderer.locale("ar")))
                .contains("dir=\"rtl\"", "رقم جواز السفر");
        assertThat(renderer.html("visa_approved", VISA, PdfRenderer.locale("fr")))
                .contains("Passport number");
    }

    /** Arabic is drawn with joined letters: the text holds the shaped (presentation) forms. */
    @Test
    void drawsArabicWithJoinedLetters() throws IOException {
        byte[] pdf = new PdfRenderer(new OpenHtmlPdfDocuments(), "Dukkan")
                .pdf("visa_approved", VISA, PdfRenderer.locale("ar"));
        // to look at, beside the browser tests' screenshots
        Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(Path.of("target", "screenshots", "automation-visa-approved-ar.pdf"), pdf);

        String drawn = DrawnText.of(pdf);
        assertThat(DrawnText.joinedArabicLetters(drawn)).as(drawn).isGreaterThan(50);
    }

    @Test
    void refusesAnUnknownTemplateOrMissingDataAndADryRunStoresNothing() {
        assertThatThrownBy(() -> pdf().call(new StepCall(
                        UUID.randomUUID(), "x", "k", Map.of("template", "invoice", "data", Map.of()), "s", false)))
                .isInstanceOfSatisfying(
                        ConnectorException.class, e -> assertThat(e.retryable()).isFalse());
        assertThatThrownBy(() -> pdf().call(new StepCall(
                        UUID.randomUUID(),
                        "x",
                        "k",
                        Map.of("template", "visa_approved", "data", Map.of("applicantName", "A")),
                        "s",
                        false)))
                .isInstanceOfSatisfying(
                        ConnectorException.class,
                        e -> assertThat(e.getMessage()).contains("passportNumber"));

        UUID run = UUID.randomUUID();
        StepResult dry = pdf().call(
                        new StepCall(run, "letter", "k", Map.of("template", "visa_approved", "data", VISA), "s", true));
        assertThat(dry.output()).containsKey("wouldStore");
        assertThat(files.read("private/automation/pdf/" + run + "/letter.pdf")).isEmpty();
    }
}
