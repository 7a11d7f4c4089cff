package app.dukkan.storefront.catalog;

import app.dukkan.catalog.ShopCatalog;
import app.dukkan.catalog.ShopCatalog.CategoryFacet;
import app.dukkan.catalog.ShopCatalog.CategoryPage;
import app.dukkan.catalog.ShopCatalog.Issue;
import app.dukkan.catalog.ShopCatalog.Listing;
import app.dukkan.catalog.ShopCatalog.PriceFacet;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A listing page's state as its URL carries it, and the URLs of every state one click away (a
 * facet, a sort, a page). URLs are context-relative ({@code /products?…}): templates write them with
 * {@code @{…}}, which adds the language prefix. Page numbers in URLs start at 1; the default sort
 * and page 1 are left out, so one state has one URL.
 *
 * @param path {@code /products} or {@code /c/{slug}}
 * @param typed what the shopper typed into the filter fields, kept even when it could not be used
 * @param plainUrl the URL has no query parameter but {@code page}
 */
record ListingView(
        String path,
        @Nullable CategoryPage category,
        Listing listing,
        Typed typed,
        List<Issue> issues,
        List<String> sorts,
        boolean plainUrl) {

    /** Text of the filter form as it came in, for re-displaying it. */
    record Typed(String q, String minPrice, String maxPrice) {}

    /** The facet of one category, with the link that filters by it. */
    record CategoryLinkView(CategoryFacet facet, String url, boolean selected) {}

    record PriceLinkView(PriceFacet facet, String url, boolean selected) {}

    record PageLink(int number, String url, boolean current) {}

    static final int PAGE_SIZE = 24;

    /** The rating filter's choices: at least this many stars. */
    static final List<Integer> RATINGS = List.of(4, 3, 2, 1);

    public List<Integer> ratings() {
        return RATINGS;
    }

    /** Page number as the URL shows it. */
    public int pageNumber() {
        return listing.page() + 1;
    }

    public boolean beyondLastPage() {
        return listing.total() > 0 && listing.page() >= listing.totalPages();
    }

    public boolean empty() {
        return listing.items().isEmpty();
    }

    public boolean hasFilters() {
        return listing.search() != null
                || listing.minPrice() != null
                || listing.maxPrice() != null
                || listing.inStock() != null
                || listing.rating() != null;
    }

    /**
     * Searches, filtered and sorted variants and failed requests are not pages of their own: only a
     * URL without parameters but its page is.
     */
    public boolean indexable() {
        return plainUrl && listing.search() == null && !hasFilters() && issues.isEmpty() && !beyondLastPage();
    }

    /** The unfiltered listing, keeping its page unless the listing was filtered or sorted. */
    public String canonical() {
        if (hasFilters() || params().containsKey("sort") || beyondLastPage() || listing.page() == 0) {
            return path;
        }
        return path + "?page=" + pageNumber();
    }

    public @Nullable String issue(String field) {
        return issues.stream()
                .filter(i -> i.field().equals(field))
                .findFirst()
                .map(i -> i.kind().name())
                .orElse(null);
    }

    /** The state's query parameters, without the page. */
    public Map<String, String> params() {
        Map<String, String> params = new LinkedHashMap<>();
        // as typed, so the search box shows it again; the search itself reads it normalized (a search
        // of nothing but punctuation has no terms and finds nothing, and stays what was asked)
        if (listing.search() != null || !typed.q().isBlank()) {
            params.put("q", typed.q().strip());
        }
        if (listing.minPrice() != null) {
            params.put("min_price", plain(listing.minPrice()));
        }
        if (listing.maxPrice() != null) {
            params.put("max_price", plain(listing.maxPrice()));
        }
        if (listing.inStock() != null) {
            params.put("in_stock", listing.inStock().toString());
        }
        if (listing.rating() != null) {
            params.put("rating", listing.rating().toString());
        }
        String defaultSort = listing.search() != null ? "relevance" : "newest";
        if (!listing.sort().equals(defaultSort)) {
            params.put("sort", listing.sort());
        }
        return params;
    }

    public String url() {
        return url(path, params(), listing.page());
    }

    public String pageUrl(int number) {
        return url(path, params(), number - 1);
    }

    /** The same filters in another category (or all products for null), first page. */
    public String categoryUrl(@Nullable String slug) {
        return url(slug == null ? "/products" : "/c/" + slug, params(), 0);
    }

    public String withoutFilters() {
        return path;
    }

    public List<CategoryLinkView> categoryLinks() {
        String selected = category == null ? null : category.slug();
        String parent = category == null
                ? null
                : category.path().size() > 1
                        ? category.path().get(category.path().size() - 2).slug()
                        : null;
        List<CategoryLinkView> links = new ArrayList<>();
        for (CategoryFacet facet : listing.categoryFacets()) {
            // the top level, or the selected category's children and siblings
            boolean shown = facet.parent() == null
                    || (selected != null
                            && (selected.equals(facet.parent()) || (parent != null && parent.equals(facet.parent()))));
            if (shown) {
                links.add(new CategoryLinkView(
                        facet, categoryUrl(facet.slug()), facet.slug().equals(selected)));
            }
        }
        return links;
    }

    public List<PriceLinkView> priceLinks() {
        List<PriceLinkView> links = new ArrayList<>();
        for (PriceFacet facet : listing.priceFacets()) {
            if (facet.count() == 0) {
                continue;
            }
            Map<String, String> params = params();
            params.put("min_price", plain(facet.min().amount()));
            if (facet.max() == null) {
                params.remove("max_price");
            } else {
                // bands are half-open; a price filter is inclusive: stop just below the next band
                params.put(
                        "max_price",
                        plain(facet.max().amount().subtract(smallest(facet.max().amount()))));
            }
            boolean selected = Optional.ofNullable(listing.minPrice())
                            .map(min -> min.compareTo(facet.min().amount()) == 0)
                            .orElse(false)
                    && (facet.max() == null
                            ? listing.maxPrice() == null
                            : listing.maxPrice() != null
                                    && listing.maxPrice()
                                                    .compareTo(facet.max()
                                                            .amount()
                                                            .subtract(smallest(
                                                                    facet.max().amount())))
                                            == 0);
            links.add(new PriceLinkView(facet, url(path, params, 0), selected));
        }
        return links;
    }

    public String sortUrl(String sort) {
        Map<String, String> params = params();
        params.put("sort", sort);
        return url(path, params, 0);
    }

    /** Page links around the current page: first, last and two either side. */
    public List<PageLink> pageLinks() {
        List<PageLink> links = new ArrayList<>();
        int last = listing.totalPages();
        int current = pageNumber();
        for (int n = 1; n <= last; n++) {
            if (n == 1 || n == last || Math.abs(n - current) <= 2) {
                links.add(new PageLink(n, pageUrl(n), n == current));
            } else if (links.isEmpty() || links.get(links.size() - 1).number() != -1) {
                links.add(new PageLink(-1, "", false));
            }
        }
        return links;
    }

    public @Nullable String previousUrl() {
        return listing.page() > 0 && !beyondLastPage() ? pageUrl(pageNumber() - 1) : null;
    }

    public @Nullable String nextUrl() {
        return pageNumber() < listing.totalPages() ? pageUrl(pageNumber() + 1) : null;
    }

    private static BigDecimal smallest(BigDecimal amount) {
        return BigDecimal.ONE.movePointLeft(Math.max(amount.scale(), 0));
    }

    static String plain(BigDecimal amount) {
        return amount.stripTrailingZeros().toPlainString();
    }

    static String url(String path, Map<String, String> params, int page) {
        StringBuilder url = new StringBuilder(path);
        char separator = '?';
        for (Map.Entry<String, String> param : params.entrySet()) {
            url.append(separator)
                    .append(param.getKey())
                    .append('=')
                    .append(URLEncoder.encode(param.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        if (page > 0) {
            url.append(separator).append("page=").append(page + 1);
        }
        return url.toString();
    }

    static List<String> sortsFor(ShopCatalog.Listing listing) {
        return listing.search() != null
                ? List.of("relevance", "newest", "price_asc", "price_desc", "rating")
                : List.of("newest", "price_asc", "price_desc", "rating");
    }
}
