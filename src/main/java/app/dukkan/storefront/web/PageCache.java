package app.dukkan.storefront.web;

import app.dukkan.catalog.ShopCatalog;
import app.dukkan.platform.Feature;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.ViewResolver;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * Rendered catalog pages. Such a page shows the same to every shopper but for the header (signed in
 * or not, the role, the number of units in the cart, the number of unread notifications), so it is rendered once per language, theme,
 * URL and header, and served again for as long as the data it was rendered from is the same: a page
 * names that data
 * (the objects the catalog's caches return), and a changed catalog hands out new objects, so a
 * cached page is never older than the catalog's own caches. Forms keep working: the CSRF token of
 * each shopper is put into the cached markup when it is served. What a page shows one shopper alone
 * (a signed-in shopper's recently viewed products) is a {@link Slot}: the cached markup keeps its
 * marker, and the slot's fragment is rendered into that place for each request.
 *
 * <p>Hits and misses are exported as {@code cache_gets_total{cache="storefront.pages"}}.
 */
@Component
public class PageCache {

    /** Stands for the shopper's CSRF token in a cached page. */
    private static final String TOKEN_SLOT = "csrf-token-slot-7f3a9c1e";

    private static final byte[] NO_BYTES = new byte[0];

    /**
     * What makes two renderings of a template differ: the page's data aside, the URL, the header and
     * the features switched on.
     */
    private record Key(
            String view,
            Language language,
            Theme theme,
            String path,
            boolean signedIn,
            @Nullable String role,
            int cartCount,
            int unreadNotifications,
            Set<Feature> features) {}

    /**
     * A part of a page rendered for each request, from its own model, where the page's template
     * writes {@link #marker()}: a fragment view name ({@code template :: fragment(...)}), or none
     * when there is nothing to show.
     */
    public record Slot(String name, @Nullable String fragment, Map<String, ?> model) {

        /** A slot with nothing to show this time: nothing is rendered into its place. */
        public static Slot empty(String name) {
            return new Slot(name, null, Map.of());
        }

        public String marker() {
            return "page-slot-" + name + "-7f3a9c1e";
        }
    }

    /**
     * A page for the handler to return: the template, its data and its slots. Rendered from the
     * model, or served from the cache when the page's data is unchanged.
     */
    public final class Page implements View {
        private final String template;
        private final List<Object> basis;
        private final List<Slot> slots;

        private Page(String template, List<Object> basis, List<Slot> slots) {
            this.template = template;
            this.basis = basis;
            this.slots = slots;
        }

        /** This page with {@code slot} (none: the page as it is). */
        public Page with(@Nullable Slot slot) {
            if (slot == null) {
                return this;
            }
            List<Slot> more = new ArrayList<>(slots);
            more.add(slot);
            return new Page(template, basis, List.copyOf(more));
        }

        @Override
        public @Nullable String getContentType() {
            return MediaType.TEXT_HTML_VALUE;
        }

        @Override
        public void render(@Nullable Map<String, ?> model, HttpServletRequest request, HttpServletResponse response)
                throws Exception {
            PageCache.this.render(this, model, request, response);
        }
    }

    /**
     * A rendered page: its markup cut into parts at its holes, each hole the marker of the CSRF token
     * or of a slot ({@code holes.get(i)} lies between part i and part i + 1), and the data it shows.
     */
    private record Entry(List<Object> basis, List<byte[]> parts, List<String> holes) {

        int weight() {
            return parts.stream().mapToInt(part -> part.length).sum();
        }
    }

    private final Cache<Key, Entry> pages;
    /** Absent when the application runs a command without a web server. */
    private final ObjectProvider<ViewResolver> views;

    private final LocaleResolver locales;
    private final PageContext page;
    private final ShopCatalog catalog;

    PageCache(
            @Qualifier("thymeleafViewResolver") ObjectProvider<ViewResolver> thymeleafViewResolver,
            LocaleResolver localeResolver,
            PageContext page,
            ShopCatalog catalog,
            MeterRegistry registry) {
        this.views = thymeleafViewResolver;
        this.locales = localeResolver;
        this.page = page;
        this.catalog = catalog;
        this.pages = Caffeine.newBuilder()
                .maximumWeight(64L * 1024 * 1024)
                .<Key, Entry>weigher((key, entry) -> entry.weight())
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(registry, pages, "storefront.pages");
    }

    /**
     * The page to return from a page handler: the template, rendered from the model or served from
     * the cache when the page's data ({@code basis}: objects compared by identity) is unchanged.
     */
    public Page view(String template, Object... basis) {
        List<Object> all = new ArrayList<>(basis.length + 1);
        all.add(layoutBasis());
        all.addAll(List.of(basis));
        return new Page(template, all, List.of());
    }

    /**
     * What every page's layout shows besides the page's own data: the header's category menu (the
     * catalog keeps its categories as one object until they change). Without a database the menu is
     * empty and the page is rendered afresh.
     */
    private Object layoutBasis() {
        try {
            return catalog.categories();
        } catch (DataAccessException e) {
            return new Object();
        }
    }

    private void render(
            Page wanted, @Nullable Map<String, ?> model, HttpServletRequest request, HttpServletResponse response)
            throws Exception {
        List<String> markers = new ArrayList<>();
        wanted.slots.forEach(slot -> markers.add(slot.marker()));
        Entry entry;
        if (cacheable(request)) {
            Key key = new Key(
                    wanted.template,
                    PageContext.language(request),
                    Theme.of(request),
                    page.getPath(),
                    page.getUser().isPresent(),
                    page.getRoleChip(),
                    page.getCartCount(),
                    page.getUnreadNotifications(),
                    page.getFeatures());
            entry = pages.getIfPresent(key);
            if (entry == null || !sameData(entry.basis(), wanted.basis)) {
                markers.add(TOKEN_SLOT);
                entry = render(wanted.template, wanted.basis, model, new WithTokenSlot(request), response, markers);
                pages.put(key, entry);
            }
        } else {
            entry = render(wanted.template, wanted.basis, model, request, response, markers);
        }
        Map<String, byte[]> fills = new HashMap<>();
        for (String hole : entry.holes()) {
            if (!fills.containsKey(hole)) {
                fills.put(hole, fill(hole, wanted, request, response));
            }
        }
        response.setContentType(MediaType.TEXT_HTML_VALUE + ";charset=UTF-8");
        ServletOutputStream out = response.getOutputStream();
        for (int i = 0; i < entry.parts().size(); i++) {
            if (i > 0) {
                out.write(fills.get(entry.holes().get(i - 1)));
            }
            out.write(entry.parts().get(i));
        }
    }

    /** What goes into a hole for this request: the shopper's CSRF token or the slot rendered. */
    private byte[] fill(String hole, Page wanted, HttpServletRequest request, HttpServletResponse response)
            throws Exception {
        if (hole.equals(TOKEN_SLOT)) {
            return token(request);
        }
        for (Slot slot : wanted.slots) {
            if (slot.marker().equals(hole)) {
                String fragment = slot.fragment();
                if (fragment == null) {
                    return NO_BYTES;
                }
                return render(fragment, List.of(), slot.model(), request, response, List.of())
                        .parts()
                        .get(0);
            }
        }
        return NO_BYTES; // a slot the page had when it was cached but not now: nothing to show
    }

    /** Renders the view into an entry cut at the markers. */
    private Entry render(
            String template,
            List<Object> basis,
            @Nullable Map<String, ?> model,
            HttpServletRequest request,
            HttpServletResponse response,
            List<String> markers)
            throws Exception {
        View view = views.getObject().resolveViewName(template, locales.resolveLocale(request));
        if (view == null) {
            throw new IllegalStateException("No template " + template);
        }
        Capture capture = new Capture(response);
        view.render(model, request, capture);
        return cut(basis, capture.text(), markers);
    }

    /** Not a page with a one-time message (after a form), which only this shopper sees once. */
    private static boolean cacheable(HttpServletRequest request) {
        Map<String, ?> flash = RequestContextUtils.getInputFlashMap(request);
        return "GET".equals(request.getMethod()) && (flash == null || flash.isEmpty());
    }

    private static boolean sameData(List<Object> cached, List<Object> now) {
        if (cached.size() != now.size()) {
            return false;
        }
        for (int i = 0; i < cached.size(); i++) {
            if (cached.get(i) != now.get(i)) {
                return false;
            }
        }
        return true;
    }

    private static Entry cut(List<Object> basis, String html, List<String> markers) {
        List<byte[]> parts = new ArrayList<>();
        List<String> holes = new ArrayList<>();
        int from = 0;
        while (true) {
            int at = -1;
            String hole = null;
            for (String marker : markers) {
                int found = html.indexOf(marker, from);
                if (found >= 0 && (at < 0 || found < at)) {
                    at = found;
                    hole = marker;
                }
            }
            if (hole == null) {
                break;
            }
            parts.add(html.substring(from, at).getBytes(StandardCharsets.UTF_8));
            holes.add(hole);
            from = at + hole.length();
        }
        parts.add(html.substring(from).getBytes(StandardCharsets.UTF_8));
        return new Entry(basis, List.copyOf(parts), List.copyOf(holes));
    }

    /** This shopper's (masked) CSRF token; reading it issues the XSRF-TOKEN cookie when there is none. */
    private static byte[] token(HttpServletRequest request) {
        CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        return token == null ? NO_BYTES : token.getToken().getBytes(StandardCharsets.US_ASCII);
    }

    /** The request as the template sees it while the page is rendered for the cache. */
    private static final class WithTokenSlot extends HttpServletRequestWrapper {
        private final CsrfToken slot;

        WithTokenSlot(HttpServletRequest request) {
            super(request);
            CsrfToken real = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
            this.slot = real == null
                    ? new DefaultCsrfToken("X-XSRF-TOKEN", "_csrf", TOKEN_SLOT)
                    : new DefaultCsrfToken(real.getHeaderName(), real.getParameterName(), TOKEN_SLOT);
        }

        @Override
        public @Nullable Object getAttribute(String name) {
            Object value = super.getAttribute(name);
            return value instanceof CsrfToken ? slot : value;
        }
    }

    /** Keeps what a view writes instead of sending it. */
    private static final class Capture extends HttpServletResponseWrapper {
        private final StringWriter text = new StringWriter();
        private final PrintWriter writer = new PrintWriter(text);

        Capture(HttpServletResponse response) {
            super(response);
        }

        @Override
        public PrintWriter getWriter() {
            return writer;
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            throw new IOException("Pages are written as text");
        }

        @Override
        public void flushBuffer() {
            writer.flush();
        }

        String text() {
            writer.flush();
            return text.toString();
        }
    }
}
