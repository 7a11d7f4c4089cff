package app.dukkan.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.checkout.Address;
import app.dukkan.notifications.mail.MailKind;
import app.dukkan.notifications.mail.MailRenderer;
import app.dukkan.notifications.mail.NotificationsProperties;
import app.dukkan.orders.OrderStatus;
import app.dukkan.orders.OrderSummary;
import app.dukkan.platform.Money;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The templates in every supported language, without Spring. */
class MailRendererTests {

    static NotificationsProperties properties() {
        return new NotificationsProperties(
                "https://shop.example/",
                Locale.ENGLISH,
                "Dukkan <shop@example.com>",
                "Dukkan",
                new NotificationsProperties.Links(
                        "/reset?token={token}", "/verify?token={token}", "/login/link?token={token}"),
                new NotificationsProperties.Retry(3, Duration.ofMillis(100), 2.0, Duration.ofSeconds(1)));
    }

    private final MailRenderer renderer = new MailRenderer(properties());

    static OrderSummary order() {
        return order(List.of(new OrderSummary.Line("SKU-1", "Teapot", "Blue", 2, eur("19.99"), eur("39.98"))));
    }

    static OrderSummary order(List<OrderSummary.Line> lines) {
        return order(lines, OrderStatus.PAID, null);
    }

    static OrderSummary order(List<OrderSummary.Line> lines, OrderStatus status, String cancelReason) {
        return new OrderSummary(
                UUID.randomUUID(),
                "DK-2024-000042",
                status,
                "ada@example.com",
                null,
                new Address("Ada Lovelace", "Hauptstraße 1", null, "Berlin", "10115", "DE", null),
                lines,
                "standard",
                "Standard",
                "WELCOME10",
                eur("39.98"),
                eur("4.00"),
                eur("4.90"),
                eur("6.45"),
                new BigDecimal("19.00"),
                true,
                eur("40.88"),
                eur("0.00"),
                "pi_123",
                Instant.parse("2024-05-01T10:00:00Z"),
                null,
                null,
                null,
                cancelReason);
    }

    static Money eur(String amount) {
        return Money.of(new BigDecimal(amount), "EUR");
    }

    private MailRenderer.Rendered confirmation(String language) {
        return confirmation(language, order());
    }

    private MailRenderer.Rendered confirmation(String language, OrderSummary order) {
        return renderer.render(
                MailKind.ORDER_CONFIRMATION,
                Locale.forLanguageTag(language),
                Map.of(
                        "order",
                        order,
                        "orderUrl",
                        "https://shop.example/account/orders/" + order.number(),
                        "taxRate",
                        "19",
                        "amount",
                        order.refunded(),
                        "full",
                        false),
                order.number());
    }

    @Test
    void rendersTheOrderConfirmationInEnglish() {
        MailRenderer.Rendered mail = confirmation("en");
        assertThat(mail.subject()).isEqualTo("Your order DK-2024-000042 is confirmed");
        assertThat(mail.text())
                .contains("DK-2024-000042", "2 × Teapot (Blue): €39.98", "Subtotal: €39.98")
                .contains("Discount (coupon WELCOME10): −€4.00", "Shipping (Standard): €4.90")
                .contains("Included VAT (19 %): €6.45", "Total: €40.88")
                .contains("https://shop.example/account/orders/DK-2024-000042");
        assertThat(mail.html())
                .contains("lang=\"en\"", "dir=\"ltr\"", "Teapot", "€40.88")
                .contains("href=\"https://shop.example/account/orders/DK-2024-000042\"");
    }

    @Test
    void rendersTheOrderConfirmationInGermanWithGermanMoney() {
        MailRenderer.Rendered mail = confirmation("de-AT");
        assertThat(mail.locale()).isEqualTo(Locale.GERMAN);
        assertThat(mail.subject()).isEqualTo("Ihre Bestellung DK-2024-000042 ist bestätigt");
        assertThat(mail.text()).contains("Gesamtsumme: 40,88\u00a0€", "Zwischensumme: 39,98\u00a0€");
        assertThat(mail.html()).contains("lang=\"de\"", "Vielen Dank für Ihre Bestellung");
    }

    @Test
    void rendersTheOrderConfirmationInArabicRightToLeft() {
        MailRenderer.Rendered mail = confirmation("ar");
        assertThat(mail.subject()).startsWith("تم تأكيد طلبك").contains("DK-2024-000042");
        assertThat(mail.html()).contains("lang=\"ar\"", "dir=\"rtl\"", "شكرًا لطلبك");
        assertThat(mail.text()).contains("الإجمالي");
    }

    @Test
    void aLineOfAVariantWithoutANameShowsTheProductAlone() {
        OrderSummary order = order(List.of(
                new OrderSummary.Line("SKU-1", "Teapot", "", 2, eur("19.99"), eur("39.98")),
                new OrderSummary.Line("SKU-2", "Cup", "Red", 1, eur("1.00"), eur("1.00"))));
        MailRenderer.Rendered mail = confirmation("en", order);
        assertThat(mail.text())
                .contains("2 × Teapot: €39.98", "1 × Cup (Red): €1.00")
                .doesNotContain("()");
        assertThat(mail.html()).contains("<small>Red</small>").doesNotContain("<small></small>");
    }

    @Test
    void unsupportedLanguagesFallBackToTheDefault() {
        assertThat(confirmation("fr").subject()).isEqualTo("Your order DK-2024-000042 is confirmed");
    }

    @Test
    void rendersEveryKindInEveryLanguage() {
        OrderSummary order = order();
        Map<String, Object> model = Map.of(
                "order", order,
                "orderUrl", "https://shop.example/o",
                "taxRate", "19",
                "trackingNumber", "00340",
                "amount", eur("5.00"),
                "full", false,
                "email", "ada@example.com",
                "shopUrl", "https://shop.example/",
                "link", "https://shop.example/reset?token=abc",
                "expiresAt", Instant.parse("2024-05-01T11:00:00Z"));
        for (String language : MailRenderer.LANGUAGES) {
            for (MailKind kind : MailKind.values()) {
                MailRenderer.Rendered mail =
                        renderer.render(kind, Locale.forLanguageTag(language), model, order.number());
                assertThat(mail.subject())
                        .as(kind + " " + language)
                        .isNotBlank()
                        .doesNotContain("{0}", "??");
                assertThat(mail.text()).as(kind + " " + language).doesNotContain("??", "[(", "[#");
                assertThat(mail.html()).as(kind + " " + language).contains("lang=\"" + language + "\"");
            }
        }
        MailRenderer.Rendered reset = renderer.render(MailKind.PASSWORD_RESET, Locale.GERMAN, model, "Dukkan");
        assertThat(reset.text()).contains("https://shop.example/reset?token=abc", "01.05.2024");
        assertThat(renderer.render(MailKind.ORDER_SHIPPED, Locale.ENGLISH, model, order.number())
                        .text())
                .contains("Tracking number: 00340");
        assertThat(renderer.render(MailKind.REFUND_ISSUED, Locale.ENGLISH, model, order.number())
                        .text())
                .contains("We refunded €5.00 for your order DK-2024-000042.");
        MailRenderer.Rendered failed = renderer.render(MailKind.REFUND_FAILED, Locale.ENGLISH, model, order.number());
        assertThat(failed.subject()).isEqualTo("Your refund for order DK-2024-000042 could not be completed");
        assertThat(failed.text())
                .contains("The refund of €5.00 for your order DK-2024-000042 could not be completed")
                .contains("will pay it back to you another way, or contact you")
                .contains("https://shop.example/o");
        assertThat(failed.html()).contains("The refund of €5.00", "href=\"https://shop.example/o\"");
    }

    @Test
    void theCancellationMailSaysWhatIsRefundedAndWhyTheShopCancelled() {
        OrderSummary late = order(order().lines(), OrderStatus.CANCELLED, "stock_shortage");
        Map<String, Object> full =
                Map.of("order", late, "orderUrl", "https://shop.example/o", "amount", eur("40.88"), "full", true);
        MailRenderer.Rendered english = renderer.render(MailKind.ORDER_CANCELLED, Locale.ENGLISH, full, late.number());
        assertThat(english.subject()).isEqualTo("Your order DK-2024-000042 is cancelled");
        assertThat(english.text())
                .contains("We cancelled your order DK-2024-000042: it will not be shipped.")
                .contains("the last of an item you ordered had been sold")
                .contains("We are refunding all you paid, €40.88, to the card or account you paid with.")
                .contains("Your bank may take a few days to show the money.")
                .contains("https://shop.example/o");
        assertThat(english.html()).contains("the last of an item you ordered had been sold", "all you paid, €40.88");
        assertThat(renderer.render(MailKind.ORDER_CANCELLED, Locale.GERMAN, full, late.number())
                        .text())
                .contains("den vollen Betrag von 40,88\u00a0€", "einige Tage");
        assertThat(renderer.render(MailKind.ORDER_CANCELLED, Locale.forLanguageTag("ar"), full, late.number())
                        .html())
                .contains("dir=\"rtl\"", "تم إلغاء طلبك", "نعتذر");

        // an operator's cancellation: the reason stays the operators', what was left is refunded
        OrderSummary cancelled = order(order().lines(), OrderStatus.CANCELLED, null);
        Map<String, Object> rest =
                Map.of("order", cancelled, "orderUrl", "https://shop.example/o", "amount", eur("30.88"), "full", false);
        assertThat(renderer.render(MailKind.ORDER_CANCELLED, Locale.ENGLISH, rest, cancelled.number())
                        .text())
                .contains("We are refunding €30.88, what is left of your payment")
                .doesNotContain("We are sorry", "nothing to refund");

        Map<String, Object> free =
                Map.of("order", cancelled, "orderUrl", "https://shop.example/o", "amount", eur("0.00"), "full", true);
        assertThat(renderer.render(MailKind.ORDER_CANCELLED, Locale.ENGLISH, free, cancelled.number())
                        .text())
                .contains("The order cost nothing, so there is nothing to refund.")
                .doesNotContain("refunding", "bank");
    }

    @Test
    void theShippingMailNamesTheCarrierNextToTheTrackingNumber() {
        OrderSummary order = order();
        Map<String, Object> model = Map.of(
                "order", order, "orderUrl", "https://shop.example/o", "carrier", "DHL", "trackingNumber", "00340");
        assertThat(renderer.render(MailKind.ORDER_SHIPPED, Locale.ENGLISH, model, order.number())
                        .text())
                .contains("Carrier: DHL", "Tracking number: 00340");
        assertThat(renderer.render(MailKind.ORDER_SHIPPED, Locale.GERMAN, model, order.number())
                        .html())
                .contains("Versanddienstleister: DHL", "Sendungsnummer: 00340");
        assertThat(renderer.render(MailKind.ORDER_SHIPPED, Locale.forLanguageTag("ar"), model, order.number())
                        .text())
                .contains("شركة الشحن: DHL");
        assertThat(renderer.render(
                                MailKind.ORDER_SHIPPED,
                                Locale.ENGLISH,
                                Map.of("order", order, "orderUrl", "https://shop.example/o"),
                                order.number())
                        .text())
                .doesNotContain("Carrier")
                .contains("This shipment has no tracking number.");
    }
}
