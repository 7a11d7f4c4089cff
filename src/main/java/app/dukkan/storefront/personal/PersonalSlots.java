package app.dukkan.storefront.personal;

import app.dukkan.catalog.ShopCatalog.Product;
import app.dukkan.catalog.ShopCatalog.ProductCard;
import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.identity.CurrentUser;
import app.dukkan.identity.UserId;
import app.dukkan.platform.Feature;
import app.dukkan.platform.FeatureFlags;
import app.dukkan.recommendations.RecentlyViewed;
import app.dukkan.recommendations.Recommendations;
import app.dukkan.recommendations.Recommendations.Reason;
import app.dukkan.recommendations.Recommendations.Recommended;
import app.dukkan.storefront.web.PageCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What the product and home pages show of recommendations and recently viewed products, and the
 * basis under which the page cache may serve such a page again.
 *
 * <p>What everybody sees (a product's recommendations, the popular products) is kept here for
 * {@link #SHARED_FOR}: the same list instance lets the page cache serve the rendered page, and a
 * sale or a catalog change shows within that time. A signed-in shopper's recently viewed products
 * are read for each request and rendered into a {@link PageCache.Slot} of the cached page; products
 * recommended for one shopper make the basis new, so such a page is rendered for that request, never
 * served to somebody else. An anonymous shopper's recently viewed products live in the browser; the
 * page carries an empty slot that a script fills.
 */
@Component
public class PersonalSlots {

    static final int SLOT_SIZE = 8;
    /** The recently viewed products of the model's {@code viewed}; nothing when there are none. */
    private static final String VIEWED_SLOT = "recently-viewed";

    static final String VIEWED_FRAGMENT = "storefront/personal/slots :: recently-viewed(viewed=${viewed})";

    static final Duration SHARED_FOR = Duration.ofSeconds(30);

    /** The product page's slots; {@code viewed} is null for anonymous shoppers (their browser fills it). */
    public record ProductSlots(
            boolean on,
            List<ProductCard> boughtTogether,
            List<ProductCard> alsoLike,
            PageCache.@Nullable Slot viewed,
            Object basis) {}

    /** The home page's slots: popular for everybody, or recommended for a signed-in shopper. */
    public record HomeSlots(
            boolean on, List<ProductCard> recommended, boolean forYou, PageCache.@Nullable Slot viewed, Object basis) {

        public boolean showsRecommendations() {
            return on && !recommended.isEmpty();
        }
    }

    private static final ProductSlots PRODUCT_OFF = new ProductSlots(false, List.of(), List.of(), null, "off");
    private static final HomeSlots HOME_OFF = new HomeSlots(false, List.of(), false, null, "off");

    private final Recommendations recommendations;
    private final RecentlyViewed recentlyViewed;
    private final CurrentUser currentUser;
    private final FeatureFlags flags;
    private final Cache<UUID, List<Recommended>> forProducts;
    private final Cache<Boolean, List<Recommended>> popular;

    PersonalSlots(
            Recommendations recommendations,
            RecentlyViewed recentlyViewed,
            CurrentUser currentUser,
            FeatureFlags flags,
            MeterRegistry registry) {
        this.recommendations = recommendations;
        this.recentlyViewed = recentlyViewed;
        this.currentUser = currentUser;
        this.flags = flags;
        this.forProducts = Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfterWrite(SHARED_FOR)
                .recordStats()
                .build();
        this.popular = Caffeine.newBuilder().expireAfterWrite(SHARED_FOR).build();
        CaffeineCacheMetrics.monitor(registry, forProducts, "storefront.recommendations");
    }

    /** The product page's slots; notes the view of a signed-in shopper. */
    public ProductSlots forProduct(Product product) {
        if (!flags.isOn(Feature.RECOMMENDATIONS)) {
            return PRODUCT_OFF;
        }
        List<Recommended> found = forProducts.get(product.id(), id -> recommendations.forProduct(id, SLOT_SIZE));
        List<ProductCard> together = cards(found, true);
        List<ProductCard> others = cards(found, false);
        Optional<UserId> user = user();
        if (user.isEmpty()) {
            return new ProductSlots(true, together, others, null, found);
        }
        List<ProductCard> viewed = recentlyViewed.viewed(user.get(), product.id(), SLOT_SIZE);
        return new ProductSlots(true, together, others, slot(viewed), found);
    }

    public HomeSlots forHome() {
        if (!flags.isOn(Feature.RECOMMENDATIONS)) {
            return HOME_OFF;
        }
        Optional<UserId> user = user();
        if (user.isPresent()) {
            List<ProductCard> viewed = recentlyViewed.products(user.get(), SLOT_SIZE);
            if (!viewed.isEmpty()) {
                List<ProductCard> forYou = cards(recommendations.forHome(user.get(), SLOT_SIZE), null);
                return new HomeSlots(true, forYou, true, slot(viewed), new Object());
            }
        }
        List<Recommended> popularNow = popular.get(Boolean.TRUE, key -> recommendations.forHome(null, SLOT_SIZE));
        return new HomeSlots(
                true, cards(popularNow, null), false, user.isPresent() ? slot(List.of()) : null, popularNow);
    }

    /** What the signed-in shopper looked at last, for their account page; empty with the flag off. */
    public Optional<List<ProductCard>> forAccount() {
        if (!flags.isOn(Feature.RECOMMENDATIONS)) {
            return Optional.empty();
        }
        return user().map(user -> recentlyViewed.products(user, RecentlyViewed.KEPT));
    }

    /** How many viewed products an account keeps, for the account page's text. */
    public int getKept() {
        return RecentlyViewed.KEPT;
    }

    private static PageCache.Slot slot(List<ProductCard> viewed) {
        return viewed.isEmpty()
                ? PageCache.Slot.empty(VIEWED_SLOT)
                : new PageCache.Slot(VIEWED_SLOT, VIEWED_FRAGMENT, Map.of("viewed", viewed));
    }

    /** Cards of the recommendations bought together (true), of the others (false) or all (null). */
    private static List<ProductCard> cards(List<Recommended> found, @Nullable Boolean boughtTogether) {
        return found.stream()
                .filter(r -> boughtTogether == null || (r.reason() == Reason.BOUGHT_TOGETHER) == boughtTogether)
                .map(Recommended::product)
                .toList();
    }

    private Optional<UserId> user() {
        return currentUser.get().map(AuthenticatedUser::id);
    }
}
