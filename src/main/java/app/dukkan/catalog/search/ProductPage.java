package app.dukkan.catalog.search;

import app.dukkan.catalog.ProductRatings.Rating;
import app.dukkan.platform.Money;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One page of a product listing with its facets. */
record ProductPage(List<Item> items, int page, int size, long total, int totalPages, String sort, Facets facets) {

    record Item(
            UUID id,
            String slug,
            String name,
            @Nullable CategoryRef category,
            @Nullable Price price,
            boolean inStock,
            @Nullable Image image,
            Rating rating) {}

    record CategoryRef(String slug, String name) {}

    record Price(Money min, Money max) {}

    /**
     * The first picture; its pixel size when known; {@code srcset} lists its renditions (an uploaded
     * picture) or the picture alone at its known width.
     */
    record Image(
            String url,
            String alt,
            @Nullable Integer width,
            @Nullable Integer height,
            @Nullable String srcset) {

        /** The renditions' srcset when there are some, else the picture at its width when known. */
        static @Nullable String srcset(String url, @Nullable Integer width, @Nullable String renditions) {
            if (renditions != null && !renditions.isBlank()) {
                return renditions;
            }
            return width == null ? null : url + " " + width + "w";
        }
    }

    /**
     * Counts for refining the listing. Each facet counts the products matching every filter but its
     * own, so choosing a category still shows the other categories' counts.
     */
    record Facets(List<CategoryCount> categories, List<PriceBand> priceBands) {}

    /** Products in the category or below it. */
    record CategoryCount(String slug, String name, @Nullable String parent, long count) {}

    /** Products whose from-price is at least {@code min} and below {@code max} (open when absent). */
    record PriceBand(Money min, @Nullable Money max, long count) {}
}
