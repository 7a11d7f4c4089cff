package app.dukkan.storefront.catalog;

import app.dukkan.catalog.ShopCatalog.CategoryLink;
import app.dukkan.catalog.ShopCatalog.Image;
import app.dukkan.catalog.ShopCatalog.Product;
import app.dukkan.catalog.ShopCatalog.Variant;
import app.dukkan.community.RatingSummary;
import app.dukkan.community.Reviews.Review;
import app.dukkan.storefront.reviews.ProductReviews;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * schema.org data of a product page: a {@code Product} with one {@code Offer} per variant (price,
 * currency, availability), its {@code AggregateRating} and latest {@code Review}s, and the page's
 * {@code BreadcrumbList}. Built from maps, so that the
 * application's JSON naming (snake_case) leaves schema.org's names alone.
 */
final class StructuredData {

    private static final String SCHEMA = "https://schema.org";

    private StructuredData() {}

    /**
     * @param absolute turns a context-relative path of the page's language ({@code /products/x})
     *     or a file URL into an absolute URL
     * @param homeName the breadcrumb name of the home page
     * @param reviews the product's rating and latest reviews: an {@code AggregateRating} and {@code
     *     Review}s when there are any
     */
    static Map<String, Object> product(
            Product product,
            String description,
            UnaryOperator<String> absolute,
            String homeName,
            ProductReviews.Shown reviews) {
        String url = absolute.apply("/products/" + product.slug());
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("@type", "Product");
        item.put("@id", url + "#product");
        item.put("name", product.name());
        item.put("description", description);
        item.put("url", url);
        if (product.variants().size() == 1) {
            item.put("sku", product.variants().get(0).sku());
        }
        if (product.category() != null) {
            item.put("category", product.category().name());
        }
        List<String> images =
                product.images().stream().map(Image::url).map(absolute).toList();
        if (!images.isEmpty()) {
            item.put("image", images);
        }
        List<Map<String, Object>> offers = new ArrayList<>();
        for (Variant variant : product.variants()) {
            Map<String, Object> offer = new LinkedHashMap<>();
            offer.put("@type", "Offer");
            offer.put("sku", variant.sku());
            offer.put("name", variant.label());
            offer.put("url", url + "?variant=" + variant.id());
            offer.put("price", variant.price().amount().toPlainString());
            offer.put("priceCurrency", variant.price().currency());
            offer.put("availability", SCHEMA + (variant.inStock() ? "/InStock" : "/OutOfStock"));
            offer.put("itemCondition", SCHEMA + "/NewCondition");
            offers.add(offer);
        }
        item.put("offers", offers);
        RatingSummary summary = reviews.summary();
        if (!summary.none()) {
            Map<String, Object> rating = new LinkedHashMap<>();
            rating.put("@type", "AggregateRating");
            rating.put("ratingValue", summary.average().toPlainString());
            rating.put("reviewCount", summary.count());
            rating.put("bestRating", 5);
            rating.put("worstRating", 1);
            item.put("aggregateRating", rating);
            item.put(
                    "review",
                    reviews.latest().stream().map(StructuredData::review).toList());
        }

        List<Map<String, Object>> crumbs = new ArrayList<>();
        crumbs.add(crumb(1, homeName, absolute.apply("/")));
        for (CategoryLink category : product.breadcrumbs()) {
            crumbs.add(crumb(crumbs.size() + 1, category.name(), absolute.apply("/c/" + category.slug())));
        }
        crumbs.add(crumb(crumbs.size() + 1, product.name(), url));
        Map<String, Object> breadcrumbs = new LinkedHashMap<>();
        breadcrumbs.put("@type", "BreadcrumbList");
        breadcrumbs.put("itemListElement", crumbs);

        Map<String, Object> graph = new LinkedHashMap<>();
        graph.put("@context", SCHEMA);
        graph.put("@graph", List.of(item, breadcrumbs));
        return graph;
    }

    /** The breadcrumbs of a listing page: home, then the category path. */
    static Map<String, Object> breadcrumbs(List<CategoryLink> path, UnaryOperator<String> absolute, String homeName) {
        List<Map<String, Object>> crumbs = new ArrayList<>();
        crumbs.add(crumb(1, homeName, absolute.apply("/")));
        for (CategoryLink category : path) {
            crumbs.add(crumb(crumbs.size() + 1, category.name(), absolute.apply("/c/" + category.slug())));
        }
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("@context", SCHEMA);
        list.put("@type", "BreadcrumbList");
        list.put("itemListElement", crumbs);
        return list;
    }

    private static Map<String, Object> review(Review review) {
        Map<String, Object> rating = new LinkedHashMap<>();
        rating.put("@type", "Rating");
        rating.put("ratingValue", review.rating());
        rating.put("bestRating", 5);
        rating.put("worstRating", 1);
        Map<String, Object> author = new LinkedHashMap<>();
        author.put("@type", "Person");
        author.put("name", review.author().displayName());
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("@type", "Review");
        item.put("reviewRating", rating);
        item.put("author", author);
        item.put(
                "datePublished",
                review.createdAt().atOffset(ZoneOffset.UTC).toLocalDate().toString());
        if (review.title() != null) {
            item.put("name", review.title());
        }
        item.put("reviewBody", review.text());
        return item;
    }

    private static Map<String, Object> crumb(int position, String name, String url) {
        Map<String, Object> crumb = new LinkedHashMap<>();
        crumb.put("@type", "ListItem");
        crumb.put("position", position);
        crumb.put("name", name);
        crumb.put("item", url);
        return crumb;
    }
}
