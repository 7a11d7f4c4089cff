package app.dukkan.storefront.catalog;

import app.dukkan.catalog.ProductViews;
import app.dukkan.catalog.ShopCatalog;
import app.dukkan.catalog.ShopCatalog.CategoryPage;
import app.dukkan.catalog.ShopCatalog.Issue;
import app.dukkan.catalog.ShopCatalog.IssueKind;
import app.dukkan.catalog.ShopCatalog.Listing;
import app.dukkan.catalog.ShopCatalog.ListingRequest;
import app.dukkan.catalog.ShopCatalog.Product;
import app.dukkan.platform.ProblemException;
import app.dukkan.platform.TextInput;
import app.dukkan.storefront.personal.PersonalSlots;
import app.dukkan.storefront.reviews.ProductReviews;
import app.dukkan.storefront.web.Crumb;
import app.dukkan.storefront.web.Language;
import app.dukkan.storefront.web.PageCache;
import app.dukkan.storefront.web.PageContext;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.view.RedirectView;
import org.thymeleaf.context.LazyContextVariable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The catalog's pages: home, listings (all products, a category, search results), product pages
 * and the search box's suggestions. Each page answers an htmx request for its swappable part with
 * that fragment alone, which the full page includes.
 */
@Controller
class CatalogPages {

    /** An amount as a shopper types it: digits, and a point or a comma before at most 4 decimals. */
    private static final Pattern AMOUNT = Pattern.compile("^\\d{1,12}([.,]\\d{1,4})?$");

    private static final Pattern PAGE_ONLY = Pattern.compile("^(page=[0-9]{1,6})?$");

    private static final int HOME_SECTION = 8;
    private static final int SUGGESTIONS = 6;

    private final ShopCatalog catalog;
    private final ProductViews views;
    private final PageContext site;
    private final PageCache pages;
    private final PersonalSlots personal;
    private final ProductReviews reviews;
    private final MessageSource messages;
    private final JsonMapper json;
    private final int lineLimit;
    private final long maxPrice;
    private final String currency;

    CatalogPages(
            ShopCatalog catalog,
            ProductViews views,
            PageContext site,
            PageCache pages,
            PersonalSlots personal,
            ProductReviews reviews,
            MessageSource messages,
            JsonMapper json,
            @Value("${dukkan.checkout.max-line-quantity:10}") int lineLimit,
            @Value("${dukkan.catalog.max-price-major:1000000}") long maxPrice,
            @Value("${dukkan.catalog.currency:EUR}") String currency) {
        this.catalog = catalog;
        this.views = views;
        this.site = site;
        this.pages = pages;
        this.personal = personal;
        this.reviews = reviews;
        this.messages = messages;
        this.json = json;
        this.lineLimit = lineLimit;
        this.maxPrice = maxPrice;
        this.currency = currency;
    }

    @GetMapping("/")
    View home(Model model, Locale locale) {
        List<ShopCatalog.CategoryNode> categories = catalog.categories();
        List<ShopCatalog.ProductCard> featured = catalog.featured(HOME_SECTION);
        Listing newest = null;
        if (featured.isEmpty()) {
            newest = catalog.listing(ListingRequest.all(HOME_SECTION));
            featured = newest.items();
        }
        List<ShopCatalog.ProductCard> popular = catalog.popular(HOME_SECTION);
        PersonalSlots.HomeSlots slots = personal.forHome();
        model.addAttribute("personal", slots);
        model.addAttribute("categories", categories);
        model.addAttribute("featured", featured);
        model.addAttribute("newArrivals", newest != null);
        model.addAttribute("popular", popular);
        model.addAttribute(
                "seo",
                Seo.page(
                        text("catalog.home.title", locale),
                        text("catalog.home.title", locale),
                        text("catalog.home.description", locale, categories.size()),
                        "/",
                        true));
        return pages.view("storefront/catalog/home", categories, featured, popular, slots.basis())
                .with(slots.viewed());
    }

    @GetMapping("/products")
    View products(
            @RequestParam(name = "q", required = false) @Nullable String q,
            @RequestParam(name = "category", required = false) @Nullable String category,
            @RequestParam(name = "min_price", required = false) @Nullable String minPrice,
            @RequestParam(name = "max_price", required = false) @Nullable String maxPrice,
            @RequestParam(name = "in_stock", required = false) @Nullable String inStock,
            @RequestParam(name = "rating", required = false) @Nullable String rating,
            @RequestParam(name = "sort", required = false) @Nullable String sort,
            @RequestParam(name = "page", required = false) @Nullable String page,
            HtmxRequest htmx,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            Locale locale) {
        CategoryPage categoryPage = null;
        if (category != null && !category.isBlank()) {
            categoryPage = catalog.category(category).orElse(null);
        }
        if (categoryPage != null) {
            // one URL per category listing: the same filters under /c/{slug}
            return listing(
                    categoryPage,
                    q,
                    new Filters(minPrice, maxPrice, inStock, rating),
                    sort,
                    page,
                    htmx,
                    request,
                    response,
                    model,
                    locale);
        }
        List<Issue> issues = new ArrayList<>();
        if (category != null && !category.isBlank()) {
            issues.add(new Issue("category", IssueKind.UNKNOWN_CATEGORY, "unknown category"));
        }
        return render(
                null,
                q,
                new Filters(minPrice, maxPrice, inStock, rating),
                sort,
                page,
                issues,
                htmx,
                request,
                response,
                model,
                locale);
    }

    @GetMapping("/c/{slug}")
    View category(
            @PathVariable String slug,
            @RequestParam(name = "q", required = false) @Nullable String q,
            @RequestParam(name = "min_price", required = false) @Nullable String minPrice,
            @RequestParam(name = "max_price", required = false) @Nullable String maxPrice,
            @RequestParam(name = "in_stock", required = false) @Nullable String inStock,
            @RequestParam(name = "rating", required = false) @Nullable String rating,
            @RequestParam(name = "sort", required = false) @Nullable String sort,
            @RequestParam(name = "page", required = false) @Nullable String page,
            HtmxRequest htmx,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            Locale locale) {
        CategoryPage categoryPage = catalog.category(slug).orElseThrow(() -> notFound("category", slug));
        return listing(
                categoryPage,
                q,
                new Filters(minPrice, maxPrice, inStock, rating),
                sort,
                page,
                htmx,
                request,
                response,
                model,
                locale);
    }

    /** The listing's filters as the URL carries them. */
    private record Filters(
            @Nullable String minPrice,
            @Nullable String maxPrice,
            @Nullable String inStock,
            @Nullable String rating) {}

    private View listing(
            CategoryPage category,
            @Nullable String q,
            Filters filters,
            @Nullable String sort,
            @Nullable String page,
            HtmxRequest htmx,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            Locale locale) {
        return render(category, q, filters, sort, page, new ArrayList<>(), htmx, request, response, model, locale);
    }

    private View render(
            @Nullable CategoryPage category,
            @Nullable String q,
            Filters filters,
            @Nullable String sort,
            @Nullable String page,
            List<Issue> issues,
            HtmxRequest htmx,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            Locale locale) {
        String minPrice = filters.minPrice();
        String maxPrice = filters.maxPrice();
        BigDecimal min = amount("min_price", minPrice, issues);
        BigDecimal max = amount("max_price", maxPrice, issues);
        Integer rating = rating(filters.rating(), issues);
        int pageIndex = pageIndex(page, issues);
        Listing listing = catalog.listing(new ListingRequest(
                q,
                category == null ? null : category.slug(),
                min,
                max,
                inStock(filters.inStock()),
                rating,
                sort == null || sort.isBlank() ? null : sort,
                pageIndex,
                ListingView.PAGE_SIZE));
        issues.addAll(listing.issues().stream()
                .filter(i -> !i.field().equals("category") || category == null)
                .toList());
        ListingView view = new ListingView(
                category == null ? "/products" : "/c/" + category.slug(),
                category,
                listing,
                new ListingView.Typed(orEmpty(q), orEmpty(minPrice), orEmpty(maxPrice)),
                List.copyOf(issues),
                ListingView.sortsFor(listing),
                request.getQueryString() == null
                        || PAGE_ONLY.matcher(request.getQueryString()).matches());
        // One URL per state: a form sends empty fields and default values, which the canonical
        // form of the state leaves out. Plain requests are sent there; htmx is told to show it.
        String requested =
                request.getRequestURI().substring(request.getContextPath().length())
                        + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        if (view.issues().isEmpty() && !requested.equals(view.url())) {
            if (!htmx.isHtmxRequest()) {
                RedirectView redirect = new RedirectView(view.url(), true);
                redirect.setStatusCode(HttpStatus.SEE_OTHER);
                return redirect;
            }
            response.setHeader("HX-Push-Url", request.getContextPath() + view.url());
        }
        model.addAttribute("view", view);
        model.addAttribute("listing", listing);
        model.addAttribute("category", category);
        model.addAttribute("maxPrice", maxPrice(locale));
        model.addAttribute("currency", java.util.Currency.getInstance(currency).getSymbol(locale));

        String heading = !orEmpty(q).isBlank()
                ? text("catalog.listing.search-title", locale, orEmpty(q).strip())
                : category != null ? category.name() : text("catalog.listing.all", locale);
        String pageHeading =
                listing.page() > 0 ? text("catalog.listing.page-title", locale, heading, view.pageNumber()) : heading;
        String title = titled(pageHeading, locale);
        model.addAttribute(
                "crumbs",
                crumbs(
                        category == null ? List.of() : category.path(),
                        null,
                        listing.search() != null ? heading : null));
        String description = category != null
                ? text("catalog.listing.category-description", locale, category.name(), listing.total())
                : text("catalog.listing.description", locale, listing.total());
        model.addAttribute("heading", heading);
        model.addAttribute("seo", Seo.page(title, pageHeading, description, view.canonical(), view.indexable()));
        if (category != null) {
            model.addAttribute(
                    "jsonLd",
                    lazy(() -> JsonLd.of(
                            json,
                            StructuredData.breadcrumbs(category.path(), this::absolute, text("layout.home", locale)))));
        }
        response.setHeader("Vary", "HX-Request");
        if (view.beyondLastPage()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
        }
        String template = htmx.isHtmxRequest() && !htmx.isHistoryRestoreRequest()
                ? "storefront/catalog/listing :: htmx"
                : "storefront/catalog/listing";
        return view.issues().isEmpty()
                ? pages.view(template, listing, category == null ? listing : category)
                : pages.view(template, new Object());
    }

    @GetMapping("/products/{slug}")
    View product(
            @PathVariable String slug,
            @RequestParam(name = "variant", required = false) @Nullable String variant,
            HtmxRequest htmx,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            Locale locale) {
        Product product = catalog.product(slug).orElseThrow(() -> notFound("product", slug));
        BuyBox buyBox = BuyBox.of(product, variant, lineLimit);
        model.addAttribute("product", product);
        model.addAttribute("buyBox", buyBox);
        String description = description(product, locale);
        model.addAttribute("description", description);
        String canonical = "/products/" + product.slug();
        Seo seo = Seo.page(
                titled(product.name(), locale),
                product.name(),
                Seo.summary(description),
                canonical,
                !buyBox.unknownVariant());
        if (!product.images().isEmpty()) {
            seo = seo.withImage(absolute(product.images().get(0).url()));
        }
        model.addAttribute("crumbs", crumbs(product.breadcrumbs(), product.name(), null));
        model.addAttribute("seo", seo.withType("product"));
        // the reviews are read only when the page is rendered, not when the page cache serves it: a
        // change of them gives a new product, which renders the page again
        LazyContextVariable<ProductReviews.Shown> shown = lazy(() -> reviews.of(product.id()));
        model.addAttribute("reviews", shown);
        model.addAttribute(
                "jsonLd",
                lazy(() -> JsonLd.of(
                        json,
                        StructuredData.product(
                                product,
                                Seo.summary(description),
                                this::absolute,
                                text("layout.home", locale),
                                shown.getValue()))));
        response.setHeader("Vary", "HX-Request");
        if (htmx.isHtmxRequest() && !htmx.isHistoryRestoreRequest() && "buy-box".equals(htmx.getTarget())) {
            return pages.view("storefront/catalog/product :: buy-box", product);
        }
        views.viewed(product.id());
        PersonalSlots.ProductSlots slots = personal.forProduct(product);
        model.addAttribute("personal", slots);
        return pages.view("storefront/catalog/product", product, slots.basis()).with(slots.viewed());
    }

    @GetMapping("/search/suggest")
    String suggest(@RequestParam(name = "q", required = false) @Nullable String q, Model model) {
        String text = q == null ? "" : q;
        model.addAttribute("q", text.strip());
        model.addAttribute(
                "suggestions",
                text.length() > 100
                        ? new ShopCatalog.Suggestions(List.of(), List.of())
                        : catalog.suggest(text, SUGGESTIONS));
        return "storefront/catalog/suggestions :: suggestions";
    }

    /** The product's own text, or a sentence made of its name and category when it has none. */
    private String description(Product product, Locale locale) {
        if (!product.description().isBlank()) {
            return product.description();
        }
        String category = product.category() == null ? "" : product.category().name();
        return text("catalog.product.description-fallback", locale, product.name(), "Dukkan", category);
    }

    /** Computed only if the page is rendered, not when the page cache serves it. */
    private static <T> LazyContextVariable<T> lazy(Supplier<T> value) {
        return new LazyContextVariable<>() {
            @Override
            protected T loadValue() {
                return value.get();
            }
        };
    }

    /** A path of this language's pages, or a file's URL, as an absolute URL. */
    private String absolute(String path) {
        if (path.startsWith("https://") || path.startsWith("http://")) {
            return path;
        }
        if (path.startsWith("/files/")) {
            return site.absolute(Language.EN, path);
        }
        return site.absolute(path);
    }

    private String titled(String title, Locale locale) {
        return title + " · " + text("layout.shop-name", locale);
    }

    /** Categories of the path link to their listing; the last step is the current page. */
    private static List<Crumb> crumbs(
            List<ShopCatalog.CategoryLink> path, @Nullable String product, @Nullable String search) {
        List<Crumb> crumbs = new ArrayList<>();
        for (int i = 0; i < path.size(); i++) {
            boolean last = i == path.size() - 1 && product == null && search == null;
            ShopCatalog.CategoryLink step = path.get(i);
            crumbs.add(Crumb.text(step.name(), last ? null : "/c/" + step.slug()));
        }
        if (product != null) {
            crumbs.add(Crumb.text(product, null));
        } else if (search != null) {
            crumbs.add(Crumb.text(search, null));
        } else if (path.isEmpty()) {
            crumbs.add(Crumb.key("catalog.listing.all", null));
        }
        return crumbs;
    }

    private String maxPrice(Locale locale) {
        return java.text.NumberFormat.getIntegerInstance(locale).format(maxPrice);
    }

    private static @Nullable BigDecimal amount(String field, @Nullable String typed, List<Issue> issues) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        String text = typed.strip();
        if (!AMOUNT.matcher(text).matches()) {
            issues.add(new Issue(field, IssueKind.PRICE_FORMAT, "not an amount"));
            return null;
        }
        return new BigDecimal(text.replace(',', '.'));
    }

    private static int pageIndex(@Nullable String page, List<Issue> issues) {
        if (page == null || page.isBlank()) {
            return 0;
        }
        String text = page.strip();
        if (text.length() <= 6 && text.chars().allMatch(Character::isDigit)) {
            int number = Integer.parseInt(text);
            if (number >= 1 && number <= ShopCatalog.MAX_PAGE + 1) {
                return number - 1;
            }
        }
        issues.add(new Issue("page", IssueKind.PAGE_RANGE, "no such page"));
        return 0;
    }

    /** Stars as the rating filter sends them, 1 to 5; empty for any rating. */
    private static @Nullable Integer rating(@Nullable String value, List<Issue> issues) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (text.length() == 1 && text.charAt(0) >= '1' && text.charAt(0) <= '5') {
            return text.charAt(0) - '0';
        }
        issues.add(new Issue("rating", IssueKind.RATING_RANGE, "no such rating"));
        return null;
    }

    private static @Nullable Boolean inStock(@Nullable String value) {
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "true", "on" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> null;
        };
    }

    private static String orEmpty(@Nullable String text) {
        return text == null ? "" : text;
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    private static ProblemException notFound(String what, String key) {
        return ProblemException.notFound(what, TextInput.abbreviate(key, 41));
    }
}
