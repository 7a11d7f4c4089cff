package app.dukkan.storefront.pwa;

import app.dukkan.platform.Feature;
import app.dukkan.platform.FeatureFlags;
import app.dukkan.platform.ProblemException;
import app.dukkan.storefront.web.Assets;
import app.dukkan.storefront.web.Crumb;
import app.dukkan.storefront.web.PageCache;
import app.dukkan.storefront.web.PageContext;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.View;
import tools.jackson.databind.json.JsonMapper;

/**
 * The installable shop, while the {@code pwa} flag is on: the web app manifest of each language
 * ({@code /manifest.webmanifest}, {@code /de/manifest.webmanifest}, …), the service worker at
 * {@code /sw.js} (one for every language: its scope is the whole shop) and the offline page of
 * each language. Switched off, the manifest and the offline page are not found and {@code /sw.js}
 * is a worker that removes the shop's.
 */
@Controller("installableShop")
public class InstallableShop {

    /** The {@code --accent} and {@code --bg} tokens of dukkan.css in the light theme. */
    public static final String THEME_COLOR = "#0f766e";

    public static final String BACKGROUND_COLOR = "#ffffff";

    static final MediaType MANIFEST = new MediaType("application", "manifest+json", StandardCharsets.UTF_8);

    static final MediaType JAVASCRIPT = new MediaType("text", "javascript", StandardCharsets.UTF_8);

    private static final List<Crumb> OFFLINE = List.of(Crumb.key("pwa.offline.title", null));

    private final FeatureFlags flags;
    private final ServiceWorker worker;
    private final PageContext site;
    private final Assets assets;
    private final MessageSource messages;
    private final JsonMapper json;
    private final PageCache pages;

    InstallableShop(
            FeatureFlags flags,
            ServiceWorker worker,
            PageContext site,
            Assets assets,
            MessageSource messages,
            JsonMapper json,
            PageCache pages) {
        this.flags = flags;
        this.worker = worker;
        this.site = site;
        this.assets = assets;
        this.messages = messages;
        this.json = json;
        this.pages = pages;
    }

    /** For the layout's {@code theme-color}. */
    public String getThemeColor() {
        return THEME_COLOR;
    }

    @GetMapping("/manifest.webmanifest")
    ResponseEntity<String> manifest(HttpServletRequest request) {
        requireOn("manifest.webmanifest");
        String home = request.getContextPath() + "/";
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("id", home);
        manifest.put("name", text("pwa.name"));
        manifest.put("short_name", text("pwa.short-name"));
        manifest.put("description", text("pwa.description"));
        manifest.put("lang", site.getLang());
        manifest.put("dir", site.getDir());
        manifest.put("start_url", home);
        manifest.put("scope", home);
        manifest.put("display", "standalone");
        manifest.put("theme_color", THEME_COLOR);
        manifest.put("background_color", BACKGROUND_COLOR);
        manifest.put("categories", List.of("shopping"));
        manifest.put(
                "icons",
                List.of(
                        icon("/assets/img/logo.svg", "any", "image/svg+xml", "any"),
                        icon("/assets/img/pwa/icon-192.png", "192x192", "image/png", "any"),
                        icon("/assets/img/pwa/icon-512.png", "512x512", "image/png", "any"),
                        icon("/assets/img/pwa/maskable-192.png", "192x192", "image/png", "maskable"),
                        icon("/assets/img/pwa/maskable-512.png", "512x512", "image/png", "maskable")));
        return ResponseEntity.ok()
                .contentType(MANIFEST)
                .cacheControl(CacheControl.noCache())
                .body(json.writeValueAsString(manifest));
    }

    /**
     * One worker at the root, whose scope covers every language; {@code /de/sw.js} would only
     * control German pages, so it does not exist. Browsers check it for a new version on each
     * visit ({@code no-cache}), which is also how a switched-off shop reaches installed workers.
     */
    @GetMapping("/sw.js")
    ResponseEntity<String> serviceWorker(HttpServletRequest request) {
        if (!request.getContextPath().isEmpty()) {
            throw ProblemException.notFound("page", "sw.js");
        }
        return ResponseEntity.ok()
                .contentType(JAVASCRIPT)
                .cacheControl(CacheControl.noCache())
                .body(flags.isOn(Feature.PWA) ? worker.script() : worker.retired());
    }

    /** What the worker shows for a page it has not kept while the shopper is offline. */
    @GetMapping("/offline")
    View offline(Model model) {
        requireOn("offline");
        model.addAttribute("crumbs", OFFLINE);
        return pages.view("storefront/pwa/offline");
    }

    private void requireOn(String what) {
        if (!flags.isOn(Feature.PWA)) {
            throw ProblemException.notFound("page", what);
        }
    }

    private Map<String, String> icon(String path, String sizes, String type, String purpose) {
        return Map.of("src", assets.path(path), "sizes", sizes, "type", type, "purpose", purpose);
    }

    private String text(String key) {
        return messages.getMessage(key, null, site.getLanguage().locale());
    }
}
