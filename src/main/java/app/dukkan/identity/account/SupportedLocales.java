package app.dukkan.identity.account;

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

    static Locale fromTag(String tag) {
        Locale locale = Locale.forLanguageTag(tag);
        return SUPPORTED.contains(locale) ? locale : DEFAULT;
    }
}
