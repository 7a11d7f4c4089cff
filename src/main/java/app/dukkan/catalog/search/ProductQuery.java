package app.dukkan.catalog.search;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A normalized listing request; equal queries give equal results, so it is also the cache key.
 *
 * @param terms lower-cased search words (letters and digits only)
 * @param nothingToFind a search text was given but has no word (only punctuation): the listing is empty
 * @param minPrice lowest "from" price in minor units, inclusive
 * @param maxPrice highest "from" price in minor units, inclusive
 * @param minRating lowest average rating in stars (1 to 5), inclusive; products without reviews
 *     are left out when it is set
 */
record ProductQuery(
        List<String> terms,
        boolean nothingToFind,
        @Nullable String category,
        @Nullable Long minPrice,
        @Nullable Long maxPrice,
        @Nullable Boolean inStock,
        @Nullable Integer minRating,
        Sort sort,
        int page,
        int size) {

    enum Sort {
        RELEVANCE,
        PRICE_ASC,
        PRICE_DESC,
        NEWEST,
        RATING;

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The same filters with a fixed order and page: the key of what depends on filters alone. */
    ProductQuery filtersOnly() {
        return new ProductQuery(
                terms, nothingToFind, category, minPrice, maxPrice, inStock, minRating, Sort.NEWEST, 0, 1);
    }

    boolean hasSearch() {
        return !terms.isEmpty();
    }

    /** Prefix match on every word, e.g. {@code wirel:* & head:*}. */
    String tsQuery() {
        return String.join(" & ", terms.stream().map(term -> term + ":*").toList());
    }

    /** The words as one phrase, as the listing names its search. */
    String phrase() {
        return String.join(" ", terms);
    }
}
