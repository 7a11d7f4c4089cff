package app.dukkan.admin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.CatalogFixtures;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The chat simulator in a real browser, on a shop without WhatsApp credentials (simulator only):
 * an admin buys as a customer from the first message to the "paid" message, in English and in
 * Arabic, paying through the link in a second browser; the new message appears without a reload.
 * Axe checks the WhatsApp pages in English and Arabic, light and dark, with screenshots at a
 * desktop's and a phone's width.
 */
class WhatsAppConsoleBrowserTests extends ConsoleBrowserTest {

    private static final Pattern LINK = Pattern.compile("https?://[^/\\s]+(/(?:[a-z]{2}/)?checkout/link/\\S+)");
    private static final Pattern ORDER = Pattern.compile("DK-\\d+");

    @Test
    void anOperatorBuysThroughTheSimulatorInEnglishAndArabic() {
        CatalogFixtures catalog = new CatalogFixtures(port);
        String category = catalog.category(CatalogFixtures.unique("Chat "), null);
        JsonNode product = catalog.createProduct(
                catalog.admin(),
                CatalogFixtures.product(
                        CatalogFixtures.unique("Lantern "), category, List.of(CatalogFixtures.variant("19.90", 10))));
        String slug = product.get("slug").asString();
        String variant = product.get("variants").get(0).get("id").asString();

        String english = buy("", "+44" + suffix(), category, slug, variant, "GB");
        String arabic = buy("/ar", "+966" + suffix(), category, slug, variant, "SA");
        assertThat(english).isNotEqualTo(arabic);

        checkPages();
    }

    /** A whole purchase in the simulator; answers the order's number. */
    private String buy(String language, String phone, String category, String slug, String variant, String country) {
        Page chat = signedInAdmin(Options.defaults());
        chat.navigate(language + "/admin/whatsapp/simulator?phone=" + phone.replace("+", "%2B"));
        assertThat(chat.locator(".whatsapp-status"))
                .containsText(language.isEmpty() ? "Simulator only" : "المحاكي فقط");
        write(chat, language.isEmpty() ? "hi" : "مرحبا");
        tap(chat, "consent:yes");
        tap(chat, "browse");
        while (chat.locator(choice("cat:" + category)).count() == 0) {
            Locator more = chat.locator("form:has(input[name=choice_id][value^='cats:']) button")
                    .last();
            assertThat(more).isVisible();
            more.click();
            chat.waitForLoadState();
        }
        tap(chat, "cat:" + category);
        tap(chat, "prod:" + slug);
        tap(chat, "add:" + variant);
        tap(chat, "checkout");
        for (String answer : List.of("Jane Roe", "Main Street 1", "Springfield", "12345", country)) {
            write(chat, answer);
        }
        write(chat, CatalogFixtures.unique("sim-") + "@example.com");
        Locator shipping = chat.locator("form:has(input[name=choice_id][value^='ship:']) button");
        if (shipping.count() > 0) {
            tap(
                    chat,
                    shipping.first()
                            .locator("xpath=..")
                            .locator("input[name=choice_id]")
                            .getAttribute("value"));
        }
        String summary = chat.locator(".chat-out .chat-text").last().textContent();
        Matcher link = LINK.matcher(summary);
        assertThat(link.find()).as(summary).isTrue();
        screenshot(chat, "whatsapp-simulator-checkout-" + language(language));

        // the customer pays in their phone's browser
        Page phoneBrowser = open(Options.defaults());
        phoneBrowser.setViewportSize(390, 844);
        phoneBrowser.navigate(link.group(1));
        phoneBrowser.locator("form.checkout-actions button[type=submit]").click();
        phoneBrowser.locator("#card_number").fill("4242 4242 4242 4242");
        phoneBrowser.locator("#expiry").fill("12/40");
        phoneBrowser.locator("#cvc").fill("123");
        phoneBrowser.locator("#card-form button[type=submit]").click();
        assertThat(phoneBrowser.locator("#payment-result.paid")).isVisible();

        // the simulator shows the confirmation by itself (htmx polls the transcript)
        Locator last = chat.locator(".chat-out .chat-text").last();
        assertThat(last).containsText("DK-", new LocatorAssertions.ContainsTextOptions().setTimeout(20_000));
        Matcher number = ORDER.matcher(last.textContent());
        assertThat(number.find()).isTrue();
        screenshot(chat, "whatsapp-simulator-paid-" + language(language));
        return number.group();
    }

    private static String choice(String id) {
        return "form:has(input[name=choice_id][value='" + id + "']) button";
    }

    private static void tap(Page chat, String id) {
        int before = chat.locator(".chat-out").count();
        chat.locator(choice(id)).last().click();
        waitForReply(chat, before);
    }

    private static void write(Page chat, String text) {
        int before = chat.locator(".chat-out").count();
        chat.locator("#simulator-text").fill(text);
        chat.locator("form.chat-compose button[type=submit]").click();
        waitForReply(chat, before);
    }

    private static void waitForReply(Page chat, int before) {
        chat.waitForCondition(() -> chat.locator(".chat-out").count() > before);
    }

    private static String suffix() {
        return String.format("15%08d", System.nanoTime() % 100_000_000L);
    }

    /** Axe and screenshots of the WhatsApp pages, English and Arabic, light and dark, desktop and phone. */
    private void checkPages() {
        for (Options options : THEMES) {
            Page page = signedInAdmin(options);
            for (String language : LANGUAGES) {
                page.navigate(language + "/admin/whatsapp");
                assertThat(page.locator("h1")).isVisible();
                assertAccessible(page, options);
                screenshot(page, "whatsapp-list-" + language(language) + "-" + theme(options));
                String conversation = page.locator("tbody tr a").first().getAttribute("href");
                page.navigate(conversation);
                assertAccessible(page, options);
                screenshot(page, "whatsapp-conversation-" + language(language) + "-" + theme(options));
                page.navigate(language + "/admin/whatsapp/simulator");
                assertAccessible(page, options);
                page.setViewportSize(400, 850);
                screenshot(page, "whatsapp-simulator-phone-" + language(language) + "-" + theme(options));
                page.setViewportSize(1280, 900);
            }
        }
    }
}
