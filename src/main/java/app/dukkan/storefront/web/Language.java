package app.dukkan.storefront.web;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The shop's languages. English is served at unprefixed URLs, the others under their code
 * ({@code /de/…}, {@code /ar/…}).
 */
public enum Language {
    EN(Locale.ENGLISH, ""),
    DE(Locale.GERMAN, "/de"),
    AR(Locale.forLanguageTag("ar"), "/ar");

    private final Locale locale;
    private final String prefix;

    Language(Locale locale, String prefix) {
        this.locale = locale;
        this.prefix = prefix;
    }

    public Locale locale() {
        return locale;
    }

    /** The BCP 47 tag, as in {@code lang} and {@code hreflang} attributes. */
    public String tag() {
        return locale.toLanguageTag();
    }

    /** The URL prefix: empty for English, else {@code /de} or {@code /ar}. */
    public String prefix() {
        return prefix;
    }

    public boolean rightToLeft() {
        return this == AR;
    }

    /** The language whose prefix starts this path ({@code /de} or {@code /de/…}), if any. */
    static Optional<Language> ofPrefix(String path) {
        for (Language language : values()) {
            String prefix = language.prefix;
            if (!prefix.isEmpty()
                    && path.startsWith(prefix)
                    && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/')) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }

    /** The language of a tag such as {@code de}, or empty for anything the shop does not speak. */
    public static Optional<Language> ofTag(@Nullable String tag) {
        if (tag == null) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(l -> l.tag().equals(tag)).findFirst();
    }
}
