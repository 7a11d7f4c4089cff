package app.dukkan.storefront.web;

import app.dukkan.checkout.Carts;
import app.dukkan.community.Notifications;
import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.identity.CurrentUser;
import app.dukkan.identity.Role;
import app.dukkan.platform.Feature;
import app.dukkan.platform.FeatureFlags;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * What the layout needs on every page, error pages included, as the bean {@code page}
 * ({@code ${@page.lang}} in templates): language and direction, theme, the other languages' URLs,
 * the shopper, the cart's size, the member's unread notifications.
 */
@Component("page")
public class PageContext {

    /** The same page in one language. */
    public record Alternate(Language language, String href, boolean current) {}

    /**
     * htmx's settings: no inline styles or eval (the pages' Content-Security-Policy allows neither),
     * and a 422 (a form with errors) is swapped in like a success.
     */
    private static final String HTMX_CONFIG = "{\"includeIndicatorStyles\":false,\"allowEval\":false,"
            + "\"allowScriptTags\":false,\"responseHandling\":[{\"code\":\"204\",\"swap\":false},"
            + "{\"code\":\"[23]..\",\"swap\":true},{\"code\":\"422\",\"swap\":true},"
            + "{\"code\":\"[45]..\",\"swap\":false,\"error\":true}]}";

    private static final String CART_COUNT = PageContext.class.getName() + ".cartCount";
    private static final String FEATURES = PageContext.class.getName() + ".features";
    private static final String UNREAD = PageContext.class.getName() + ".unread";

    private final CurrentUser currentUser;
    private final Carts carts;
    private final StorefrontProperties properties;
    private final FeatureFlags flags;
    private final Notifications notifications;

    PageContext(
            CurrentUser currentUser,
            Carts carts,
            StorefrontProperties properties,
            FeatureFlags flags,
            Notifications notifications) {
        this.currentUser = currentUser;
        this.carts = carts;
        this.properties = properties;
        this.flags = flags;
        this.notifications = notifications;
    }

    /**
     * The features switched on for this request (evaluated once per request, so a page never shows a
     * feature half switched); templates ask {@link #feature} instead.
     */
    @SuppressWarnings("unchecked")
    public Set<Feature> getFeatures() {
        HttpServletRequest request = request();
        if (request.getAttribute(FEATURES) instanceof Set<?> features) {
            return (Set<Feature>) features;
        }
        Set<Feature> on = EnumSet.noneOf(Feature.class);
        for (Feature feature : Feature.values()) {
            if (flags.isOn(feature)) {
                on.add(feature);
            }
        }
        Set<Feature> features = Collections.unmodifiableSet(on);
        request.setAttribute(FEATURES, features);
        return features;
    }

    /** Whether the feature with this flag key is on, for templates: {@code ${page.feature('pwa')}}. */
    public boolean feature(String key) {
        for (Feature feature : Feature.values()) {
            if (feature.key().equals(key)) {
                return getFeatures().contains(feature);
            }
        }
        throw new IllegalArgumentException("No feature flag " + key);
    }

    /** The language the current request is served in. */
    public static Language language(HttpServletRequest request) {
        Object language = request.getAttribute(LanguagePrefixFilter.LANGUAGE);
        return language instanceof Language l ? l : Language.EN;
    }

    public Language getLanguage() {
        return language(request());
    }

    public String getLang() {
        return getLanguage().tag();
    }

    public String getDir() {
        return getLanguage().rightToLeft() ? "rtl" : "ltr";
    }

    public String getHtmxConfig() {
        return HTMX_CONFIG;
    }

    public List<Theme> getThemes() {
        return List.of(Theme.values());
    }

    public String getTheme() {
        return Theme.of(request()).code();
    }

    /** The current page's path without the language prefix, with its query: where to come back to. */
    public String getPath() {
        HttpServletRequest request = request();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String query = request.getQueryString();
        if (query == null) {
            return path;
        }
        // an upload form carries its CSRF token in its action's query (its body is read after the
        // check); a refused upload shows the form again at that address, whose token no link may copy
        String kept = Arrays.stream(query.split("&"))
                .filter(parameter -> !parameter.equals("_csrf") && !parameter.startsWith("_csrf="))
                .collect(Collectors.joining("&"));
        return kept.isEmpty() ? path : path + "?" + kept;
    }

    /** {@link #getPath()} encoded for a {@code next=} parameter. */
    public String getNext() {
        return URLEncoder.encode(getPath(), StandardCharsets.UTF_8);
    }

    /** An absolute URL of a path (without language prefix) in the current language. */
    public String absolute(String path) {
        return properties.baseUrl() + getLanguage().prefix() + path;
    }

    /** An absolute URL of a path (without language prefix) in the given language. */
    public String absolute(Language language, String path) {
        return properties.baseUrl() + language.prefix() + path;
    }

    /** This page in every language, for {@code hreflang} links and the language switch. */
    public List<Alternate> getAlternates() {
        Language current = getLanguage();
        String path = getPath();
        return Arrays.stream(Language.values())
                .map(language -> new Alternate(language, language.prefix() + path, language == current))
                .toList();
    }

    public Optional<AuthenticatedUser> getUser() {
        return currentUser.get();
    }

    /** The role shown next to the account menu: the most powerful one the user has, if not a customer's. */
    public @Nullable String getRoleChip() {
        return currentUser
                .get()
                .map(user -> user.has(Role.ADMIN) ? "admin" : user.has(Role.SELLER) ? "seller" : null)
                .orElse(null);
    }

    /** Units in the shopper's cart (read once per request; no cart is created for it). */
    public int getCartCount() {
        HttpServletRequest request = request();
        if (request.getAttribute(CART_COUNT) instanceof Integer count) {
            return count;
        }
        int count = carts.unitCount(request, response());
        request.setAttribute(CART_COUNT, count);
        return count;
    }

    /** The signed-in member's unread notifications (read once per request); 0 for a guest. */
    public int getUnreadNotifications() {
        HttpServletRequest request = request();
        if (request.getAttribute(UNREAD) instanceof Integer count) {
            return count;
        }
        int count = currentUser
                .get()
                .map(user -> notifications.unreadCount(user.id()))
                .orElse(0);
        request.setAttribute(UNREAD, count);
        return count;
    }

    /**
     * The cart count this request's answer shows, after the request changed the cart (the cart it
     * made may not be readable from the request's cookies yet).
     */
    public static void cartCountIs(HttpServletRequest request, int count) {
        request.setAttribute(CART_COUNT, count);
    }

    private static HttpServletRequest request() {
        return attributes().getRequest();
    }

    private static HttpServletResponse response() {
        HttpServletResponse response = attributes().getResponse();
        if (response == null) {
            throw new IllegalStateException("No response bound to this thread");
        }
        return response;
    }

    private static ServletRequestAttributes attributes() {
        return (ServletRequestAttributes) RequestContextHolder.currentRequestAttributes();
    }
}
