package app.dukkan.storefront.catalog;

import app.dukkan.catalog.CatalogSitemap;
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
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

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
    private final SiteUrls urls;

    SitemapController(CatalogSitemap sitemap, SiteUrls urls) {
        this.sitemap = sitemap;
        this.urls = urls;
    }

    @GetMapping("/sitemap.xml")
    void index(HttpServletRequest request, HttpServletResponse response) throws IOException {
        rootOnly(request);
        List<CatalogSitemap.Chunk> chunks = sitemap.productChunks(urls.sitemapChunkSize());
        Instant pagesChanged = sitemap.categories().stream()
                .map(CatalogSitemap.Entry::lastModified)
                .max(Instant::compareTo)
                .orElse(null);
        try (Writer out = xml(response)) {
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            out.write("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
            for (String language : urls.languages()) {
                sitemapEntry(out, urls.absolute("", "/sitemaps/" + language + "-pages.xml"), pagesChanged);
                for (CatalogSitemap.Chunk chunk : chunks) {
                    sitemapEntry(
                            out,
                            urls.absolute("", "/sitemaps/" + language + "-products-" + (chunk.index() + 1) + ".xml"),
                            chunk.lastModified());
                }
            }
            out.write("</sitemapindex>\n");
        }
    }

    @GetMapping("/sitemaps/{file}.xml")
    void part(@PathVariable String file, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        rootOnly(request);
        Matcher matcher = FILE.matcher(file);
        if (!matcher.matches() || !urls.languages().contains(matcher.group(1))) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        String language = matcher.group(1);
        if (matcher.group(3) == null) {
            pages(language, response);
            return;
        }
        int chunk = Integer.parseInt(matcher.group(3)) - 1;
        int size = urls.sitemapChunkSize();
        Optional<CatalogSitemap.Chunk> known = sitemap.productChunks(size).stream()
                .filter(c -> c.index() == chunk)
                .findFirst();
        if (known.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
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

    private void pages(String language, HttpServletResponse response) throws IOException {
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
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
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

    private void url(Writer out, String language, String path, @Nullable Instant lastModified) throws IOException {
        out.write("<url><loc>");
        out.write(escape(urls.absolute(language, path)));
        out.write("</loc>");
        lastmod(out, lastModified);
        for (String alternate : urls.languages()) {
            out.write("<xhtml:link rel=\"alternate\" hreflang=\"");
            out.write(alternate);
            out.write("\" href=\"");
            out.write(escape(urls.absolute(alternate, path)));
            out.write("\"/>");
        }
        out.write("<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"");
        out.write(escape(urls.absolute(urls.defaultLanguage(), path)));
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
