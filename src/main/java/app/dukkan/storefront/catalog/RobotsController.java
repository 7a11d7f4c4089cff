package app.dukkan.storefront.catalog;

import app.dukkan.platform.ProblemException;
import app.dukkan.storefront.web.Language;
import app.dukkan.storefront.web.PageContext;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code /robots.txt}: crawlers may read the shop, but not a shopper's account pages, sign-in and
 * sign-up, search suggestions, the admin console or the API apart from its
 * documentation; it names the sitemap.
 */
@Controller
class RobotsController {

    /**
     * Cart and checkout stay crawlable: a crawler sees only an empty cart there (canonical, no
     * duplicates), and a page blocked by robots.txt is one search engines list without a snippet.
     */
    private static final String[] PRIVATE = {"/account", "/login", "/signup", "/theme/", "/search/suggest"};

    private final PageContext site;

    RobotsController(PageContext site) {
        this.site = site;
    }

    @GetMapping(path = "/robots.txt")
    ResponseEntity<String> robots(HttpServletRequest request) {
        if (!request.getContextPath().isEmpty()) {
            throw ProblemException.notFound("page", "robots.txt");
        }
        StringBuilder text = new StringBuilder("User-agent: *\n");
        for (Language language : Language.values()) {
            String prefix = language.prefix();
            for (String path : PRIVATE) {
                text.append("Disallow: ").append(prefix).append(path).append('\n');
            }
        }
        text.append("Disallow: /admin\n");
        text.append("Disallow: /api/\n");
        text.append("Allow: /api/docs\n");
        text.append("Allow: /\n\n");
        text.append("Sitemap: ")
                .append(site.absolute(Language.EN, "/sitemap.xml"))
                .append('\n');
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_PLAIN, java.nio.charset.StandardCharsets.UTF_8))
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofHours(1)).cachePublic())
                .body(text.toString());
    }
}
