package app.dukkan.catalog.search;

import app.dukkan.catalog.ShopCatalog;
import app.dukkan.catalog.ShopCatalog.Issue;
import app.dukkan.catalog.ShopCatalog.IssueKind;
import app.dukkan.catalog.ShopCatalog.ListingRequest;
import app.dukkan.catalog.category.Categories;
import app.dukkan.catalog.config.CatalogProperties;
import app.dukkan.platform.Money;
import app.dukkan.platform.TextInput;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Turns a listing request into a {@link ProductQuery}: the one reading of search words, prices,
 * categories and sorts for the JSON API (which refuses the first issue) and the shop's pages (which
 * leave out what they cannot use and say so).
 */
@Component
class ListingQueries {

    /** Longer search texts are refused; a word is read up to 40 letters, a search up to 8 words. */
    static final int MAX_SEARCH_LENGTH = 1000;

    private static final Pattern WORD_SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final int MAX_TERMS = 8;

    /** A request read: the query that can be run, and what was left out of it. */
    record Parsed(ProductQuery query, List<Issue> issues) {}

    private final Categories categories;
    private final CatalogProperties properties;

    ListingQueries(Categories categories, CatalogProperties properties) {
        this.categories = categories;
        this.properties = properties;
    }

    /** The shop's currency, in which the price filters are read. */
    String currency() {
        return properties.currency();
    }

    Parsed parse(ListingRequest request) {
        List<Issue> issues = new ArrayList<>();
        String search = request.search();
        List<String> terms = terms(search, issues);
        String category = request.category();
        if (category != null && category.isBlank()) {
            category = null;
        }
        if (category != null && categories.tree().bySlug(category).isEmpty()) {
            issues.add(
                    new Issue("category", IssueKind.UNKNOWN_CATEGORY, "unknown category '" + quoted(category) + "'"));
            category = null;
        }
        Long min = minorUnits("min_price", request.minPrice(), issues);
        Long max = minorUnits("max_price", request.maxPrice(), issues);
        if (min != null && max != null && min > max) {
            issues.add(new Issue("max_price", IssueKind.PRICE_RANGE, "must not be below min_price"));
            min = null;
            max = null;
        }
        Integer minRating = request.rating();
        if (minRating != null && (minRating < 1 || minRating > 5)) {
            issues.add(new Issue("rating", IssueKind.RATING_RANGE, "must be between 1 and 5"));
            minRating = null;
        }
        ProductQuery.Sort sort = sort(request.sort(), !terms.isEmpty(), issues);
        int page = request.page();
        if (page < 0 || page > ShopCatalog.MAX_PAGE) {
            issues.add(new Issue("page", IssueKind.PAGE_RANGE, "must be between 0 and " + ShopCatalog.MAX_PAGE));
            page = 0;
        }
        int size = request.size();
        if (size < 1 || size > ShopCatalog.MAX_PAGE_SIZE) {
            issues.add(new Issue("size", IssueKind.SIZE_RANGE, "must be between 1 and " + ShopCatalog.MAX_PAGE_SIZE));
            size = Math.max(1, Math.min(size, ShopCatalog.MAX_PAGE_SIZE));
        }
        return new Parsed(
                new ProductQuery(
                        terms,
                        // a search of nothing but punctuation or spaces finds nothing, not everything
                        terms.isEmpty()
                                && search != null
                                && !search.isBlank()
                                && issues.stream().noneMatch(i -> i.kind() == IssueKind.SEARCH_TEXT),
                        category,
                        min,
                        max,
                        request.inStock(),
                        minRating,
                        sort,
                        page,
                        size),
                List.copyOf(issues));
    }

    private static List<String> terms(@Nullable String search, List<Issue> issues) {
        if (search == null || search.isBlank()) {
            return List.of();
        }
        if (search.length() > MAX_SEARCH_LENGTH) {
            issues.add(
                    new Issue("search", IssueKind.SEARCH_TEXT, "must be at most " + MAX_SEARCH_LENGTH + " characters"));
            return List.of();
        }
        // anything but letters and digits separates words: no SQL, LIKE or tsquery syntax gets through
        return Arrays.stream(WORD_SEPARATORS.split(search.toLowerCase(Locale.ROOT)))
                .filter(term -> !term.isEmpty())
                .map(term -> TextInput.clip(term, 40))
                .distinct()
                .limit(MAX_TERMS)
                .toList();
    }

    private @Nullable Long minorUnits(String field, @Nullable BigDecimal amount, List<Issue> issues) {
        if (amount == null) {
            return null;
        }
        if (amount.signum() < 0) {
            issues.add(new Issue(field, IssueKind.PRICE_FORMAT, "must not be negative"));
            return null;
        }
        // compareTo on a huge exponent is cheap; Money.of checks digits before any arithmetic
        if (amount.compareTo(BigDecimal.valueOf(properties.maxPriceMajor())) > 0) {
            issues.add(new Issue(field, IssueKind.PRICE_TOO_HIGH, "must be at most " + properties.maxPriceMajor()));
            return null;
        }
        try {
            return Money.of(amount, properties.currency()).minor();
        } catch (IllegalArgumentException e) {
            issues.add(new Issue(field, IssueKind.PRICE_FORMAT, e.getMessage()));
            return null;
        }
    }

    private static ProductQuery.Sort sort(@Nullable String sort, boolean searching, List<Issue> issues) {
        ProductQuery.Sort fallback = searching ? ProductQuery.Sort.RELEVANCE : ProductQuery.Sort.NEWEST;
        if (sort == null || sort.isBlank()) {
            return fallback;
        }
        for (ProductQuery.Sort candidate : ProductQuery.Sort.values()) {
            if (candidate.code().equals(sort)) {
                return candidate;
            }
        }
        issues.add(new Issue(
                "sort", IssueKind.UNKNOWN_SORT, "must be one of relevance, newest, price_asc, price_desc, rating"));
        return fallback;
    }

    /** Client text quoted in a message: at most 40 characters, as in every problem detail. */
    private static String quoted(String text) {
        return TextInput.abbreviate(text, 41);
    }
}
