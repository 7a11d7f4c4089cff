package app.dukkan.orders.receipt;

import app.dukkan.orders.OrderSummary;
import app.dukkan.platform.Money;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/** Renders an order's receipt: a Thymeleaf XHTML template made into a PDF by openhtmltopdf. */
@Component
class ReceiptRenderer {

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
            String taxLabel,
            String tax,
            String total,
            @Nullable String refunded,
            String paymentReference) {}

    record Line(String name, String sku, int quantity, String unitPrice, String total) {}

    private final SpringTemplateEngine templates;

    ReceiptRenderer() {
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
        // compiled expressions, as for mails: interpreted SpEL reflects on every evaluation
        this.templates.setEnableSpringELCompiler(true);
    }

    String html(OrderSummary order, String shopName) {
        Context context = new Context();
        context.setVariable("receipt", view(order, shopName));
        return templates.process("receipt", context);
    }

    byte[] pdf(OrderSummary order, String shopName) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withHtmlContent(html(order, shopName), null);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not render the receipt of " + order.number(), e);
        }
        return out.toByteArray();
    }

    static View view(OrderSummary order, String shopName) {
        BigDecimal rate = order.taxRatePercent();
        String taxLabel = "Tax (" + rate.toPlainString() + "%" + (order.taxInclusive() ? ", included" : "") + ")";
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
                order.shippingName(),
                format(order.shipping()),
                taxLabel,
                format(order.tax()),
                format(order.total()),
                order.refunded().minor() == 0 ? null : format(order.refunded()),
                order.paymentReference() == null ? "—" : order.paymentReference());
    }

    private static String format(Money money) {
        return money.amount().toPlainString() + " " + money.currency();
    }
}
