package app.dukkan.automation.connector;

import app.dukkan.platform.FileStore;
import app.dukkan.platform.PdfDocuments;
import app.dukkan.platform.SignedUrls;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code pdf}: renders {@code payment_receipt} or {@code visa_approved} from {@code data} in {@code
 * locale} (en, de, ar), stores it privately under {@code private/automation/pdf/<run id>/<step>.pdf}
 * and answers {@code {key, url, expiresAt, bytes}} with a signed link valid {@code
 * dukkan.automation.pdf.link-validity} (24 h). A repeated step renders and stores the same key again.
 */
@Component
class PdfConnector extends CheckedConnector {

    static final String SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "template": {"type": "string", "anyOf": [{"enum": ["payment_receipt", "visa_approved"]}, {"pattern": "\\\\{\\\\{"}]},
                "data": {"type": ["object", "string"]},
                "locale": {"type": "string", "maxLength": 35}
              },
              "required": ["template", "data"],
              "additionalProperties": false,
              "allOf": [
                {
                  "if": {"properties": {"template": {"const": "payment_receipt"}, "data": {"type": "object"}}},
                  "then": {"properties": {"data": {"required": ["orderNumber", "total"]}}}
                },
                {
                  "if": {"properties": {"template": {"const": "visa_approved"}, "data": {"type": "object"}}},
                  "then": {"properties": {"data": {"required": ["applicantName", "passportNumber", "applicationNumber",
                    "visaType", "validFrom", "validUntil"]}}}
                }
              ]
            }""";

    private final PdfRenderer renderer;
    private final FileStore files;
    private final SignedUrls urls;
    private final ConnectorProperties properties;

    PdfConnector(
            FileStore files,
            SignedUrls urls,
            PdfDocuments documents,
            ConnectorProperties properties,
            JsonMapper json,
            @Value("${dukkan.orders.receipt-shop-name:Dukkan}") String shopName) {
        super("pdf", SCHEMA, json);
        this.renderer = new PdfRenderer(documents, shopName);
        this.files = files;
        this.urls = urls;
        this.properties = properties;
    }

    /** The signed link opens the document (a passport number, a receipt) for 24 hours. */
    @Override
    public Map<String, String> unloggedOutputs() {
        return Map.of("url", "[signed url]");
    }

    @Override
    public void deleteStored(UUID runId) {
        files.list(folder(runId)).forEach(files::delete);
    }

    @Override
    @SuppressWarnings("unchecked")
    StepResult perform(StepCall call, Map<String, Object> input) {
        String template = Inputs.string(input, "template");
        if (!PdfRenderer.TEMPLATES.contains(template)) {
            throw new ConnectorException("template must be payment_receipt or visa_approved", false);
        }
        if (!(input.get("data") instanceof Map<?, ?> data)) {
            throw new ConnectorException("data must be an object", false);
        }
        Locale locale = PdfRenderer.locale(Inputs.optionalString(input, "locale"));
        String key = key(call);
        if (call.dryRun()) {
            renderer.html(template, (Map<String, Object>) data, locale);
            return new StepResult(
                    Map.of("wouldStore", Map.of("key", key, "template", template, "locale", locale.toLanguageTag())),
                    null);
        }
        byte[] pdf;
        try {
            pdf = renderer.pdf(template, (Map<String, Object>) data, locale);
        } catch (RuntimeException e) {
            throw new ConnectorException("could not render " + template + ": " + e.getMessage(), false, e);
        }
        try {
            files.store(key, pdf);
        } catch (RuntimeException e) {
            throw new ConnectorException("could not store " + key + ": " + e.getMessage(), true, e);
        }
        SignedUrls.SignedUrl signed = urls.sign(key, properties.pdf().linkValidity());
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("key", key);
        output.put("url", properties.publicBaseUrl() + signed.path());
        output.put("expiresAt", signed.expiresAt().toString());
        output.put("bytes", pdf.length);
        return new StepResult(output, null);
    }

    String key(StepCall call) {
        String step = call.step().replaceAll("[^A-Za-z0-9_-]", "_");
        if (step.isEmpty() || step.length() > 100) {
            throw new ConnectorException("the step id cannot name a file", false);
        }
        return folder(call.runId()) + step + item(call) + ".pdf";
    }

    /** Where a run's documents are kept: each step's, and each item's of a list step. */
    private String folder(UUID runId) {
        return properties.pdf().keyPrefix() + "/" + runId + "/";
    }

    /** {@code .<index>} for an item of a {@code forEach} step (whose key ends {@code :<index>}), else nothing. */
    private static String item(StepCall call) {
        String prefix = call.runId() + ":" + call.step() + ":";
        String index =
                call.idempotencyKey().startsWith(prefix) ? call.idempotencyKey().substring(prefix.length()) : "";
        return index.matches("\\d{1,6}") ? "." + index : "";
    }
}
