package app.dukkan.storefront.live;

import app.dukkan.catalog.ShopCatalog;
import app.dukkan.catalog.ShopCatalog.Product;
import app.dukkan.platform.Feature;
import app.dukkan.platform.FeatureFlags;
import app.dukkan.platform.ProblemException;
import app.dukkan.platform.TextInput;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /inventory/stream?product=a&product=b} (a listing's products) or {@code
 * ?product=a&variant=…} (a product page showing that variant): Server-Sent Events named {@code
 * stock} whose data is HTML in the language of the URL, and {@code close} when live stock is
 * switched off. Refusals are the shop's error page, as for every page: 404 for an unknown, draft or
 * archived product or variant and while the {@code realtime} flag is off, 400 for no or too many
 * products, 429 past the streams one client may hold.
 */
@Controller
class InventoryStreamController {

    private static final int MAX_SLUG = 120;

    private final ShopCatalog catalog;
    private final FeatureFlags flags;
    private final StockStreams streams;
    private final LiveProperties properties;

    InventoryStreamController(
            ShopCatalog catalog, FeatureFlags flags, StockStreams streams, LiveProperties properties) {
        this.catalog = catalog;
        this.flags = flags;
        this.streams = streams;
        this.properties = properties;
    }

    /**
     * A reconnecting browser sends {@code Last-Event-ID}; events are not replayed (each carries the
     * whole availability of its product, and the page was current when it connected), so it is
     * accepted and ignored.
     */
    @GetMapping("/inventory/stream")
    SseEmitter stream(
            @RequestParam(name = "product", required = false) @Nullable List<String> products,
            @RequestParam(name = "variant", required = false) @Nullable String variant,
            HttpServletRequest request,
            HttpServletResponse response,
            Locale locale) {
        if (!flags.isOn(Feature.REALTIME)) {
            throw ProblemException.notFound("page", "/inventory/stream");
        }
        Set<String> slugs = new LinkedHashSet<>(products == null ? List.of() : products);
        slugs.removeIf(String::isBlank);
        if (slugs.isEmpty()) {
            throw ProblemException.invalid("product", "name at least one product");
        }
        if (slugs.size() > properties.maxProducts()) {
            throw ProblemException.invalid("product", "at most " + properties.maxProducts() + " products");
        }
        UUID variantId = null;
        if (variant != null) {
            if (slugs.size() > 1) {
                throw ProblemException.invalid("variant", "only with one product");
            }
            variantId = variantOf(product(slugs.iterator().next()), variant);
        } else {
            // cached by the catalog: a page's stream costs no query to open
            slugs.forEach(this::product);
        }
        // proxies such as nginx would otherwise buffer the events
        response.setHeader("X-Accel-Buffering", "no");
        return streams.open(slugs, variantId, locale, request.getRemoteAddr());
    }

    private Product product(String slug) {
        if (slug.length() > MAX_SLUG) {
            return notFound("product", slug);
        }
        return catalog.product(slug).orElseGet(() -> notFound("product", slug));
    }

    private static UUID variantOf(Product product, String variant) {
        try {
            UUID id = UUID.fromString(variant);
            if (variant.length() == 36 && product.variant(id).isPresent()) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // not an id: no such variant either
        }
        return notFound("variant", variant);
    }

    private static <T> T notFound(String what, String key) {
        throw ProblemException.notFound(what, TextInput.abbreviate(key, 41));
    }
}
