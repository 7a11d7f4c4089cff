package app.dukkan.whatsapp.chat;

import app.dukkan.platform.Money;
import app.dukkan.whatsapp.config.WhatsAppProperties;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The conversation's words, from the {@code whatsapp} message bundle, in English, German or Arabic:
 * the customer's choice, else the language of their phone's country.
 */
@Component
public class ChatTexts {

    static final Locale ENGLISH = Locale.ENGLISH;
    static final Locale GERMAN = Locale.GERMAN;
    static final Locale ARABIC = Locale.forLanguageTag("ar");

    /** The languages the conversation speaks, by code. */
    static final List<String> LANGUAGES = List.of("en", "de", "ar");

    private record FormatKey(Locale locale, String currency) {}

    private final MessageSource messages;
    private final WhatsAppProperties properties;
    private final Map<FormatKey, NumberFormat> formats = new ConcurrentHashMap<>();

    ChatTexts(MessageSource messages, WhatsAppProperties properties) {
        this.messages = messages;
        this.properties = properties;
    }

    public Locale locale(Conversation conversation) {
        String language =
                conversation.language() != null ? conversation.language() : defaultLanguage(conversation.phone());
        return switch (language) {
            case "ar" -> ARABIC;
            case "de" -> GERMAN;
            default -> ENGLISH;
        };
    }

    /** {@code ar} or {@code de} for a number of a country where that is spoken, else {@code en}. */
    public String defaultLanguage(String phone) {
        if (properties.arabicCountryCodes().stream().anyMatch(phone::startsWith)) {
            return "ar";
        }
        return properties.germanCountryCodes().stream().anyMatch(phone::startsWith) ? "de" : "en";
    }

    public String text(Conversation conversation, String key, Object... args) {
        return messages.getMessage(key, args, locale(conversation));
    }

    public String money(Conversation conversation, Money money) {
        NumberFormat prototype = formats.computeIfAbsent(
                new FormatKey(locale(conversation), money.currency()),
                key -> Money.currencyFormat(key.locale(), key.currency()));
        return ((NumberFormat) prototype.clone()).format(money.amount());
    }

    /** An address of the shop's, absolute for a phone ({@code /privacy} → {@code https://shop.example/privacy}). */
    public String link(String path) {
        return path.startsWith("http://") || path.startsWith("https://") ? path : properties.publicBaseUrl() + path;
    }
}
