package app.dukkan.storefront.catalog;

import app.dukkan.catalog.CatalogSitemap;
import app.dukkan.platform.ProblemException;
import app.dukkan.storefront.web.Language;
import app.dukkan.storefront.web.PageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * {@code /sitemap.xml}: a sitemap index pointing to one sitemap of pages (home, listing,
 * categories) per language and to the product sitemaps of each language, each chunk holding at
 * most {@code dukkan.storefront.sitemap-chunk-size} products, so every file stays below the
 * protocol's 50,000 URLs. Every URL names its other languages ({@code xhtml:link hreflang}); {@code
 * lastmod} comes from the catalog. Drafts and archived products are never listed.
 */
@Controller
class SitemapController {

    private static final String XML = "application/xml;charset=UTF-8";
    private static final Pattern FILE = Pattern.compile("([a-z]{2})-(pages|products-([1-9][0-9]{0,5}))");

    private final CatalogSitemap sitemap;
    private final PageContext site;
    private final int chunkSize;

    SitemapController(
            CatalogSitemap sitemap,
            PageContext site,
            @Value("${dukkan.storefront.sitemap-chunk-size:45000}") int chunkSize) {
        if (chunkSize < 1 || chunkSize > 49_000) {
            throw new IllegalArgumentException("dukkan.storefront.sitemap-chunk-size must be 1 to 49,000");
        }
        this.sitemap = sitemap;
        this.site = site;
        this.chunkSize = chunkSize;
    }

    @GetMapping("/sitemap.xml")
    void index(HttpServletRequest request, HttpServletResponse response) throws IOException {
        rootOnly(request);
        List<CatalogSitemap.Chunk> chunks = sitemap.productChunks(chunkSize);
        Instant pagesChanged = sitemap.categories().stream()
                .map(CatalogSitemap.Entry::lastModified)
                .max(Instant::compareTo)
                .orElse(null);
        try (Writer out = xml(response)) {
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            out.write("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
            for (Language language : Language.values()) {
                String name = language.tag();
                sitemapEntry(out, site.absolute(Language.EN, "/sitemaps/" + name + "-pages.xml"), pagesChanged);
                for (CatalogSitemap.Chunk chunk : chunks) {
                    sitemapEntry(
                            out,
                            site.absolute(
                                    Language.EN, "/sitemaps/" + name + "-products-" + (chunk.index() + 1) + ".xml"),
                            chunk.lastModified());
                }
            }
            out.write("</sitemapindex>\n");
        }
    }

    @GetMapping("/sitemaps/{file}.xml")
    void part(@PathVariable String file, HttpServletRequest request, HttpServletResponse response) throws IOException {
        rootOnly(request);
        Matcher matcher = FILE.matcher(file);
        Optional<Language> tagged = matcher.matches() ? Language.ofTag(matcher.group(1)) : Optional.empty();
        if (tagged.isEmpty()) {
            throw notFound();
        }
        Language language = tagged.get();
        if (matcher.group(3) == null) {
            pages(language, response);
            return;
        }
        int chunk = Integer.parseInt(matcher.group(3)) - 1;
        int size = chunkSize;
        Optional<CatalogSitemap.Chunk> known = sitemap.productChunks(size).stream()
                .filter(c -> c.index() == chunk)
                .findFirst();
        if (known.isEmpty()) {
            throw notFound();
        }
        try (Writer out = xml(response)) {
            open(out);
            sitemap.products(chunk, size, entry -> {
                try {
                    url(out, language, "/products/" + entry.slug(), entry.lastModified());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            out.write("</urlset>\n");
        }
    }

    private void pages(Language language, HttpServletResponse response) throws IOException {
        List<CatalogSitemap.Entry> categories = sitemap.categories();
        Instant latest = categories.stream()
                .map(CatalogSitemap.Entry::lastModified)
                .max(Instant::compareTo)
                .orElse(null);
        try (Writer out = xml(response)) {
            open(out);
            url(out, language, "/", latest);
            url(out, language, "/products", latest);
            for (CatalogSitemap.Entry category : categories) {
                url(out, language, "/c/" + category.slug(), category.lastModified());
            }
            out.write("</urlset>\n");
        }
    }

    /** Sitemaps live at the root only: {@code /de/sitemap.xml} is not one. */
    private static void rootOnly(HttpServletRequest request) {
        if (!request.getContextPath().isEmpty()) {
            throw notFound();
        }
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("sitemap", "");
    }

    private static Writer xml(HttpServletResponse response) throws IOException {
        response.setContentType(XML);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "public, max-age=3600");
        return response.getWriter();
    }

    private static void open(Writer out) throws IOException {
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.write("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\""
                + " xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
    }

    private static void sitemapEntry(Writer out, String location, @Nullable Instant lastModified) throws IOException {
        out.write("<sitemap><loc>");
        out.write(escape(location));
        out.write("</loc>");
        lastmod(out, lastModified);
        out.write("</sitemap>\n");
    }

    private void url(Writer out, Language language, String path, @Nullable Instant lastModified) throws IOException {
        out.write("<url><loc>");
        out.write(escape(site.absolute(language, path)));
        out.write("</loc>");
        lastmod(out, lastModified);
        for (Language alternate : Language.values()) {
            out.write("<xhtml:link rel=\"alternate\" hreflang=\"");
            out.write(alternate.tag());
            out.write("\" href=\"");
            out.write(escape(site.absolute(alternate, path)));
            out.write("\"/>");
        }
        out.write("<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"");
        out.write(escape(site.absolute(Language.EN, path)));
        out.write("\"/></url>\n");
    }

    private static void lastmod(Writer out, @Nullable Instant lastModified) throws IOException {
        if (lastModified != null) {
            out.write("<lastmod>");
            out.write(lastModified.truncatedTo(ChronoUnit.SECONDS).toString());
            out.write("</lastmod>");
        }
    }

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&apos;");
    }
}
