package app.dukkan.orders.receipt;

import app.dukkan.checkout.ShippingNames;
import app.dukkan.orders.OrderSummary;
import app.dukkan.platform.Money;
import app.dukkan.platform.PdfDocuments;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders an order's receipt: a Thymeleaf XHTML template with texts from {@code
 * i18n/receipt*.properties} in English, German or Arabic (right to left), made into a PDF with the
 * bundled font, so names in any script print.
 */
@Component
class ReceiptRenderer {

    static final Set<String> LANGUAGES = Set.of("en", "de", "ar");

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /** What the template shows, formatted. */
    record View(
            String shopName,
            String number,
            String date,
            String email,
            List<Line> lines,
            String subtotal,
            @Nullable String discounts,
            @Nullable String coupon,
            String shippingName,
            String shipping,
            String taxRate,
            boolean taxInclusive,
            String tax,
            String total,
            @Nullable String refunded,
            String paymentReference) {}

    record Line(String name, String sku, int quantity, String unitPrice, String total) {}

    private final SpringTemplateEngine templates;
    private final PdfDocuments documents;
    private final ShippingNames shippingNames;

    ReceiptRenderer(PdfDocuments documents, ShippingNames shippingNames) {
        this.documents = documents;
        this.shippingNames = shippingNames;
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("i18n/receipt");
        messages.setDefaultEncoding(StandardCharsets.UTF_8.name());
        messages.setFallbackToSystemLocale(false);
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/receipts/");
        resolver.setSuffix(".html");
        // XML mode: the output must be well-formed XHTML for the PDF renderer
        resolver.setTemplateMode(TemplateMode.XML);
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setCacheable(true);
        // Spring EL in templates, like the web pages; a standalone engine, not the web view resolver's
        this.templates = new SpringTemplateEngine();
        this.templates.setTemplateResolver(resolver);
        this.templates.setTemplateEngineMessageSource(messages);
        // compiled expressions, as for mails: interpreted SpEL reflects on every evaluation
        this.templates.setEnableSpringELCompiler(true);
    }

    /** The receipt's language: the one asked for when the receipt speaks it, else English. */
    static Locale language(@Nullable Locale requested) {
        String language = requested == null ? "en" : requested.getLanguage();
        return Locale.forLanguageTag(LANGUAGES.contains(language) ? language : "en");
    }

    String html(OrderSummary order, String shopName, Locale language) {
        Locale locale = language(language);
        Context context = new Context(locale);
        String shipping =
                shippingNames.name(order.address().country(), order.shippingCode(), order.shippingName(), locale);
        context.setVariable("receipt", view(order, shopName, shipping));
        context.setVariable("lang", locale.getLanguage());
        context.setVariable("dir", rightToLeft(locale) ? "rtl" : "ltr");
        return templates.process("receipt", context);
    }

    byte[] pdf(OrderSummary order, String shopName, Locale language) {
        return documents.render(html(order, shopName, language), rightToLeft(language(language)));
    }

    private static boolean rightToLeft(Locale locale) {
        return locale.getLanguage().equals("ar");
    }

    static View view(OrderSummary order, String shopName, String shippingName) {
        return new View(
                shopName,
                order.number(),
                order.paidAt() == null ? "" : DATE.format(order.paidAt()),
                order.email(),
                order.lines().stream()
                        .map(l -> new Line(
                                l.variantName().isBlank() ? l.productName() : l.productName() + " – " + l.variantName(),
                                l.sku(),
                                l.quantity(),
                                format(l.unitPrice()),
                                format(l.total())))
                        .toList(),
                format(order.subtotal()),
                order.discounts().minor() == 0 ? null : "-" + format(order.discounts()),
                order.couponCode(),
                shippingName,
                format(order.shipping()),
                order.taxRatePercent().stripTrailingZeros().toPlainString(),
                order.taxInclusive(),
                format(order.tax()),
                format(order.total()),
                order.refunded().minor() == 0 ? null : format(order.refunded()),
                order.paymentReference() == null ? "—" : order.paymentReference());
    }

    private static String format(Money money) {
        return money.amount().toPlainString() + " " + money.currency();
    }
}
