package app.dukkan.storefront.reviews;

import app.dukkan.catalog.ShopCatalog;
import app.dukkan.community.Reviews;
import app.dukkan.community.Reviews.Review;
import app.dukkan.community.Reviews.ReviewPage;
import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.identity.CurrentUser;
import app.dukkan.identity.UserId;
import app.dukkan.platform.ProblemException;
import app.dukkan.platform.TextInput;
import app.dukkan.storefront.web.Crumb;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.view.RedirectView;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A product's reviews page and the review form. The form page checks who may write: a signed-in
 * buyer of the product; everyone else is told why not. Forms work without JavaScript (POST →
 * redirect → GET, 422 with the form again on errors).
 */
@Controller
class ReviewPages {

    static final int PAGE_SIZE = 20;

    private static final String LIST = "storefront/reviews/list";
    private static final String FORM = "storefront/reviews/form";

    /** A link of the stars filter: null stars for all reviews. */
    record StarsLink(@Nullable Integer stars, String url, boolean current) {}

    /** What the shopper typed into the form, and what is wrong with it: field → message key. */
    record Typed(String rating, String title, String text, Map<String, String> errors) {

        static Typed of(@Nullable Review review) {
            return review == null
                    ? new Typed("", "", "", Map.of())
                    : new Typed(
                            Integer.toString(review.rating()),
                            review.title() == null ? "" : review.title(),
                            review.text(),
                            Map.of());
        }

        public boolean has(String field) {
            return errors.containsKey(field);
        }

        public @Nullable String error(String field) {
            return errors.get(field);
        }
    }

    private final Reviews reviews;
    private final ShopCatalog catalog;
    private final CurrentUser currentUser;

    ReviewPages(Reviews reviews, ShopCatalog catalog, CurrentUser currentUser) {
        this.reviews = reviews;
        this.catalog = catalog;
        this.currentUser = currentUser;
    }

    @GetMapping("/products/{slug}/reviews")
    ModelAndView list(
            @PathVariable String slug,
            @RequestParam(required = false) @Nullable String rating,
            @RequestParam(required = false) @Nullable String sort,
            @RequestParam(required = false) @Nullable String cursor,
            Model model) {
        ShopCatalog.Product product = product(slug);
        Integer stars = stars(rating);
        Reviews.Sort order = sort == null || sort.isBlank()
                ? Reviews.Sort.NEWEST
                : Reviews.Sort.of(sort)
                        .orElseThrow(() -> ProblemException.invalid("sort", "must be newest, highest or lowest"));
        UserId viewer = currentUser.get().map(AuthenticatedUser::id).orElse(null);
        ReviewPage page = reviews.forProduct(product.id(), stars, order, cursor, PAGE_SIZE, viewer);
        String path = "/products/" + product.slug() + "/reviews";
        List<StarsLink> filters = new ArrayList<>();
        filters.add(new StarsLink(null, url(path, null, order, null), stars == null));
        for (int n = 5; n >= 1; n--) {
            filters.add(new StarsLink(
                    n, url(path, n, order, null), Integer.valueOf(n).equals(stars)));
        }
        model.addAttribute("product", product);
        model.addAttribute("summary", reviews.summary(product.id()));
        model.addAttribute("page", page);
        model.addAttribute("stars", stars);
        model.addAttribute("sort", order.code());
        model.addAttribute(
                "sorts",
                List.of(Reviews.Sort.values()).stream().map(Reviews.Sort::code).toList());
        model.addAttribute("filters", filters);
        model.addAttribute("path", path);
        model.addAttribute("firstPage", cursor == null || cursor.isEmpty());
        model.addAttribute("nextUrl", page.nextCursor() == null ? null : url(path, stars, order, page.nextCursor()));
        model.addAttribute("firstUrl", url(path, stars, order, null));
        model.addAttribute("crumbs", crumbs(product, null));
        return new ModelAndView(LIST);
    }

    @GetMapping("/products/{slug}/review")
    ModelAndView form(@PathVariable String slug, Model model) {
        ShopCatalog.Product product = product(slug);
        Optional<AuthenticatedUser> user = currentUser.get();
        if (user.isEmpty()) {
            return signIn(product);
        }
        Optional<Review> mine = reviews.mine(user.get().id(), product.id());
        return formPage(product, user.get().id(), mine, Typed.of(mine.orElse(null)), model);
    }

    @PostMapping("/products/{slug}/review")
    ModelAndView save(
            @PathVariable String slug,
            @RequestParam(defaultValue = "") String rating,
            @RequestParam(defaultValue = "") String title,
            @RequestParam(defaultValue = "") String text,
            HttpServletRequest request,
            Model model,
            RedirectAttributes redirect) {
        ShopCatalog.Product product = product(slug);
        Optional<AuthenticatedUser> user = currentUser.get();
        if (user.isEmpty()) {
            return signIn(product);
        }
        UserId author = user.get().id();
        Optional<Review> mine = reviews.mine(author, product.id());
        Map<String, String> errors = new LinkedHashMap<>();
        Integer stars = null;
        if (rating.length() == 1 && rating.charAt(0) >= '1' && rating.charAt(0) <= '5') {
            stars = rating.charAt(0) - '0';
        } else {
            errors.put("rating", "reviews.error.rating");
        }
        if (errors.isEmpty()) {
            Reviews.Draft draft = new Reviews.Draft(stars, title, text);
            try {
                Review saved = mine.isPresent() && !mine.get().status().equals("removed")
                        ? reviews.edit(author, mine.get().id(), draft, request.getRemoteAddr())
                        : reviews.write(author, product.id(), draft, request.getRemoteAddr());
                redirect.addFlashAttribute(
                        "notice", saved.hidden() ? "reviews.notice.saved-hidden" : "reviews.notice.saved");
                return seeOther("/products/" + product.slug() + "/reviews");
            } catch (ProblemException e) {
                if (e.status() == HttpStatus.FORBIDDEN || e.status() == HttpStatus.CONFLICT) {
                    // no longer a buyer, withdrawn, or a review written meanwhile: the page says what there is
                    return form(slug, model);
                }
                errors.put(field(e), message(e));
            }
        }
        Typed typed = new Typed(rating, title, text, errors);
        ModelAndView page = formPage(product, author, mine, typed, model);
        page.setStatus(HttpStatus.UNPROCESSABLE_CONTENT);
        return page;
    }

    @PostMapping("/products/{slug}/review/delete")
    ModelAndView delete(@PathVariable String slug, RedirectAttributes redirect) {
        ShopCatalog.Product product = product(slug);
        Optional<AuthenticatedUser> user = currentUser.get();
        if (user.isEmpty()) {
            return signIn(product);
        }
        Review mine = reviews.mine(user.get().id(), product.id())
                .orElseThrow(() -> ProblemException.notFound("review", product.slug()));
        reviews.delete(user.get().id(), mine.id());
        redirect.addFlashAttribute("notice", "reviews.notice.deleted");
        return seeOther("/products/" + product.slug() + "/reviews");
    }

    private ModelAndView formPage(
            ShopCatalog.Product product, UserId user, Optional<Review> mine, Typed typed, Model model) {
        boolean removed = mine.map(review -> review.status().equals("removed")).orElse(false);
        Reviews.Eligibility eligibility =
                mine.isPresent() ? Reviews.Eligibility.ALLOWED : reviews.eligibility(user, product.id());
        boolean allowed = eligibility == Reviews.Eligibility.ALLOWED;
        ModelAndView page = new ModelAndView(FORM);
        if (!allowed) {
            page.setStatus(HttpStatus.FORBIDDEN);
            model.addAttribute(
                    "refusal",
                    switch (eligibility) {
                        case WITHDRAWN -> "reviews.error.withdrawn";
                        case OWN_PRODUCT -> "reviews.form.own-product";
                        default -> "reviews.form.not-a-buyer";
                    });
        }
        model.addAttribute("product", product);
        model.addAttribute("mine", mine.orElse(null));
        model.addAttribute("removed", removed);
        model.addAttribute("allowed", allowed);
        model.addAttribute("typed", typed);
        model.addAttribute("crumbs", crumbs(product, mine.isPresent() ? "reviews.form.edit" : "reviews.form.write"));
        return page;
    }

    private static ModelAndView signIn(ShopCatalog.Product product) {
        return new ModelAndView(new RedirectView(
                "/login?next=" + URLEncoder.encode("/products/" + product.slug() + "/review", StandardCharsets.UTF_8),
                true));
    }

    /** After a form: 303 to the page to show, in the page's language. */
    private static ModelAndView seeOther(String path) {
        RedirectView view = new RedirectView(path, true);
        view.setStatusCode(HttpStatus.SEE_OTHER);
        return new ModelAndView(view);
    }

    /** The form field a refusal concerns. */
    private static String field(ProblemException e) {
        if (e.status() == HttpStatus.BAD_REQUEST && !e.errors().isEmpty()) {
            String field = e.errors().get(0).field();
            if (field.equals("rating") || field.equals("title")) {
                return field;
            }
        }
        return "text";
    }

    private static String message(ProblemException e) {
        if (e.status() == HttpStatus.TOO_MANY_REQUESTS) {
            return "reviews.error.too-many";
        }
        if (e.status() == HttpStatus.UNPROCESSABLE_CONTENT) {
            return "reviews.error.refused";
        }
        if (e.type().equals("review-withdrawn")) {
            return "reviews.error.withdrawn";
        }
        return "reviews.error." + field(e);
    }

    private ShopCatalog.Product product(String slug) {
        return catalog.product(slug)
                .orElseThrow(() -> ProblemException.notFound("product", TextInput.abbreviate(slug, 41)));
    }

    /** Stars of the filter as the URL carries them; anything else is a 400. */
    private static @Nullable Integer stars(@Nullable String rating) {
        if (rating == null || rating.isBlank()) {
            return null;
        }
        if (rating.length() == 1 && rating.charAt(0) >= '1' && rating.charAt(0) <= '5') {
            return rating.charAt(0) - '0';
        }
        throw ProblemException.invalid("rating", "must be between 1 and 5");
    }

    private static String url(String path, @Nullable Integer stars, Reviews.Sort sort, @Nullable String cursor) {
        UriComponentsBuilder url = UriComponentsBuilder.fromPath(path);
        if (stars != null) {
            url.queryParam("rating", stars);
        }
        if (sort != Reviews.Sort.NEWEST) {
            url.queryParam("sort", sort.code());
        }
        if (cursor != null) {
            url.queryParam("cursor", cursor);
        }
        return url.build().toUriString();
    }

    private static List<Crumb> crumbs(ShopCatalog.Product product, @Nullable String last) {
        List<Crumb> crumbs = new ArrayList<>();
        String productPath = "/products/" + product.slug();
        crumbs.add(Crumb.text(product.name(), productPath));
        crumbs.add(Crumb.key("reviews.title", last == null ? null : productPath + "/reviews"));
        if (last != null) {
            crumbs.add(Crumb.key(last, null));
        }
        return crumbs;
    }
}
