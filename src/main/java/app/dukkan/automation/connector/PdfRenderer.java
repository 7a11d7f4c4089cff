package app.dukkan.automation.connector;

import app.dukkan.platform.PdfDocuments;
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
 * made into a PDF by {@link PdfDocuments}. The engine's caches hold the two templates and three
 * bundles only, so memory stays flat however many documents are rendered.
 */
final class PdfRenderer {

    static final Set<String> TEMPLATES = Set.of("payment_receipt", "visa_approved");
    static final List<String> LANGUAGES = List.of("en", "de", "ar");

    private final SpringTemplateEngine engine;
    private final PdfDocuments documents;
    private final String shopName;

    PdfRenderer(PdfDocuments documents, String shopName) {
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
        this.documents = documents;
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
        return documents.render(
                html(template, data, locale), locale.getLanguage().equals("ar"));
    }
}
