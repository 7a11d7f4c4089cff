package app.dukkan.storefront.catalog;

import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Absolute URLs of the shop's pages in each language, for canonical links and sitemaps. */
@Component
class SiteUrls {

    private static final List<String> LANGUAGES = List.of("en", "de", "ar");

    private final String baseUrl;
    private final int sitemapChunkSize;

    SiteUrls(
            @Value("${dukkan.notifications.base-url:http://localhost:8080}") String baseUrl,
            @Value("${dukkan.storefront.sitemap-chunk-size:45000}") int sitemapChunkSize) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        if (sitemapChunkSize < 1 || sitemapChunkSize > 49_000) {
            throw new IllegalArgumentException("dukkan.storefront.sitemap-chunk-size must be 1 to 49,000");
        }
        this.sitemapChunkSize = sitemapChunkSize;
    }

    List<String> languages() {
        return LANGUAGES;
    }

    String defaultLanguage() {
        return LANGUAGES.get(0);
    }

    /** The URL prefix of a language: none for the default one, {@code /de} for German. */
    String prefix(String language) {
        return language.isEmpty() || language.equals(defaultLanguage()) ? "" : "/" + language;
    }

    /** {@code path} (starting with a slash) in the language, with the shop's public address. */
    String absolute(String language, String path) {
        String prefixed = prefix(language) + path;
        if (prefixed.length() > 1 && prefixed.endsWith("/") && !prefix(language).isEmpty() && path.equals("/")) {
            prefixed = prefix(language);
        }
        return baseUrl + prefixed;
    }

    int sitemapChunkSize() {
        return sitemapChunkSize;
    }
}
