package app.dukkan.storefront.personal;

import app.dukkan.catalog.ProductCards;
import app.dukkan.catalog.ShopCatalog.ProductCard;
import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.identity.CurrentUser;
import app.dukkan.platform.Feature;
import app.dukkan.platform.FeatureFlags;
import app.dukkan.platform.ProblemException;
import app.dukkan.recommendations.RecentlyViewed;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Recently viewed products: the fragment a page's script asks for with the slugs the browser
 * remembers (a signed-in shopper's come from the account), and forgetting a signed-in shopper's.
 */
@Controller
class RecentlyViewedPages {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,119}");

    private final ProductCards cards;
    private final RecentlyViewed recentlyViewed;
    private final CurrentUser currentUser;
    private final FeatureFlags flags;

    RecentlyViewedPages(
            ProductCards cards, RecentlyViewed recentlyViewed, CurrentUser currentUser, FeatureFlags flags) {
        this.cards = cards;
        this.recentlyViewed = recentlyViewed;
        this.currentUser = currentUser;
        this.flags = flags;
    }

    /**
     * The slot with the active products among {@code products} (comma-separated slugs, newest first,
     * at most {@value RecentlyViewed#KEPT}) but {@code except}; nothing (204) when none is left.
     */
    @GetMapping("/recently-viewed")
    @Nullable
    String fragment(
            @RequestParam(required = false, defaultValue = "") String products,
            @RequestParam(required = false) @Nullable String except,
            Model model,
            HttpServletResponse response) {
        if (!flags.isOn(Feature.RECOMMENDATIONS)) {
            throw ProblemException.notFound("page", "/recently-viewed");
        }
        Optional<AuthenticatedUser> user = currentUser.get();
        List<ProductCard> viewed;
        if (user.isPresent()) {
            viewed = recentlyViewed.products(user.get().id(), PersonalSlots.SLOT_SIZE).stream()
                    .filter(card -> !card.slug().equals(except))
                    .toList();
        } else {
            viewed = cards.bySlugs(slugs(products, except)).stream()
                    .map(ProductCards.Card::card)
                    .limit(PersonalSlots.SLOT_SIZE)
                    .toList();
        }
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Vary", "Cookie");
        if (viewed.isEmpty()) {
            response.setStatus(HttpStatus.NO_CONTENT.value());
            return null; // answered: no body
        }
        model.addAttribute("viewed", viewed);
        return PersonalSlots.VIEWED_FRAGMENT;
    }

    /** Forgets what the signed-in shopper looked at. */
    @PostMapping("/account/recently-viewed/clear")
    String clear() {
        recentlyViewed.clear(currentUser.require().id());
        return "redirect:/account?viewed-cleared#recently-viewed";
    }

    private static List<String> slugs(String products, @Nullable String except) {
        if (products.isBlank()) {
            return List.of();
        }
        List<String> slugs = Arrays.stream(products.split(",", -1))
                .map(String::strip)
                .distinct()
                .toList();
        if (slugs.size() > RecentlyViewed.KEPT
                || !slugs.stream().allMatch(s -> SLUG.matcher(s).matches())) {
            throw ProblemException.invalid(
                    "products", "at most " + RecentlyViewed.KEPT + " product slugs, separated by commas");
        }
        return slugs.stream().filter(slug -> !slug.equals(except)).toList();
    }
}
