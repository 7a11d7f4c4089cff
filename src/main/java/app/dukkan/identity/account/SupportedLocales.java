package app.dukkan.identity.account;

import app.dukkan.identity.AccountProblem;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The languages the shop writes to its users in: English (the default), German and Arabic. */
public final class SupportedLocales {

    public static final Locale DEFAULT = Locale.ENGLISH;
    private static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.GERMAN, Locale.forLanguageTag("ar"));

    private SupportedLocales() {}

    /** The best supported language for an {@code Accept-Language} header; English when none fits or it is malformed. */
    public static Locale fromAcceptLanguage(@Nullable String header) {
        if (header == null || header.isBlank()) {
            return DEFAULT;
        }
        try {
            Locale match = Locale.lookup(Locale.LanguageRange.parse(header), SUPPORTED);
            return match != null ? match : DEFAULT;
        } catch (IllegalArgumentException e) {
            return DEFAULT;
        }
    }

    /** English, German and Arabic, in that order. */
    public static List<Locale> all() {
        return SUPPORTED;
    }

    /** Whether the locale's language is one the shop speaks (a region or script is ignored). */
    public static boolean isSupported(Locale locale) {
        return SUPPORTED.contains(Locale.forLanguageTag(locale.getLanguage()));
    }

    /** The locale if the shop speaks it, else 400 naming {@code locale}. */
    static Locale require(Locale locale) {
        Locale language = Locale.forLanguageTag(locale.getLanguage());
        if (!SUPPORTED.contains(language)) {
            throw AccountProblem.invalid(
                    AccountProblem.Reason.UNSUPPORTED_LANGUAGE, "locale", "must be one of en, de, ar");
        }
        return language;
    }

    /** The locale's language if the shop speaks it, else the default. */
    public static Locale supportedOrDefault(Locale locale) {
        Locale language = Locale.forLanguageTag(locale.getLanguage());
        return SUPPORTED.contains(language) ? language : DEFAULT;
    }

    static Locale fromTag(String tag) {
        Locale locale = Locale.forLanguageTag(tag);
        return SUPPORTED.contains(locale) ? locale : DEFAULT;
    }
}
