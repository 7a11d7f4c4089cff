package app.dukkan.automation.connector;

import com.openhtmltopdf.bidi.support.ICUBidiReorderer;
import com.openhtmltopdf.bidi.support.ICUBidiSplitter;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders the {@code pdf} connector's documents: a Thymeleaf XHTML template from {@code
 * templates/automation/pdf/} with texts from {@code i18n/automation-pdf*.properties} (en, de, ar),
 * made into a PDF by openhtmltopdf. Each document gets a fresh builder and output buffer; the
 * engine's caches hold the two templates and three bundles only, so memory stays flat however many
 * documents are rendered. Arabic documents use {@code fontFile} (when it exists) for their letters.
 */
final class PdfRenderer {

    static final Set<String> TEMPLATES = Set.of("payment_receipt", "visa_approved");
    static final List<String> LANGUAGES = List.of("en", "de", "ar");

    private final SpringTemplateEngine engine;
    private final @Nullable File arabicFont;
    private final String shopName;

    PdfRenderer(String fontFile, String shopName) {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("i18n/automation-pdf");
        messages.setDefaultEncoding(StandardCharsets.UTF_8.name());
        messages.setFallbackToSystemLocale(false);
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/automation/pdf/");
        resolver.setSuffix(".html");
        // XML mode: the PDF renderer needs well-formed XHTML
        resolver.setTemplateMode(TemplateMode.XML);
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setCacheable(true);
        this.engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        engine.setTemplateEngineMessageSource(messages);
        engine.setEnableSpringELCompiler(true);
        File font = fontFile.isBlank() ? null : new File(fontFile);
        this.arabicFont = font != null && font.isFile() ? font : null;
        this.shopName = shopName;
    }

    static Locale locale(@Nullable String requested) {
        String language =
                requested == null ? "en" : Locale.forLanguageTag(requested).getLanguage();
        return Locale.forLanguageTag(LANGUAGES.contains(language) ? language : "en");
    }

    String html(String template, Map<String, Object> data, Locale locale) {
        if (!TEMPLATES.contains(template)) {
            throw new IllegalArgumentException("unknown template " + template);
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put("data", data);
        variables.put("lines", data.get("lines") instanceof List<?> lines ? lines : List.of());
        variables.put("shop", shopName);
        variables.put("lang", locale.getLanguage());
        variables.put("dir", locale.getLanguage().equals("ar") ? "rtl" : "ltr");
        return engine.process(template, new Context(locale, variables));
    }

    byte[] pdf(String template, Map<String, Object> data, Locale locale) {
        String html = html(template, data, locale);
        try (ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024)) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            if (locale.getLanguage().equals("ar")) {
                if (arabicFont != null) {
                    builder.useFont(arabicFont, "Body");
                }
                // joined letters (shaping) and right-to-left runs, as a browser draws them
                builder.useUnicodeBidiSplitter(new ICUBidiSplitter.ICUBidiSplitterFactory());
                builder.useUnicodeBidiReorderer(new ICUBidiReorderer());
                builder.defaultTextDirection(BaseRendererBuilder.TextDirection.RTL);
            }
            builder.withHtmlContent(html, null);
            builder.toStream(out);
            builder.run();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not render " + template, e);
        }
    }
}
