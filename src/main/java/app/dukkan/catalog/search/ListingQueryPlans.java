package app.dukkan.catalog.search;

import app.dukkan.catalog.category.Categories;
import app.dukkan.catalog.category.CategoryTree;
import app.dukkan.catalog.search.ProductQuery.Sort;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Prints the PostgreSQL plan of every listing query path ({@code java -jar dukkan.jar
 * explain-listings}), so that docs/benchmarks.md shows how each path uses the indexes.
 */
@Component
@ConditionalOnBooleanProperty("dukkan.catalog.explain-listings")
class ListingQueryPlans implements ApplicationRunner {

    private final ProductSearch search;
    private final Categories categories;
    private final JdbcClient jdbc;

    ListingQueryPlans(ProductSearch search, Categories categories, JdbcClient jdbc) {
        this.search = search;
        this.categories = categories;
        this.jdbc = jdbc;
    }

    @Override
    public void run(ApplicationArguments args) {
        CategoryTree tree = categories.tree();
        String parent = tree.roots().stream()
                .filter(node -> !node.children().isEmpty())
                .findFirst()
                .map(CategoryTree.Node::slug)
                .orElse(null);
        String name = jdbc.sql("select name from products where status = 'active' order by id limit 1")
                .query(String.class)
                .optional()
                .orElse("demo product");
        List<String> words = List.of(name.toLowerCase().split("\\s+"));
        String word = words.get(words.size() - 1);
        // the typo (a letter missing) goes into the name's longest word, where it is forgiven
        String longest = words.stream()
                .max(java.util.Comparator.comparingInt(String::length))
                .orElse(word);
        String typo = longest.length() > 4 ? longest.substring(0, 2) + longest.substring(3) : longest;

        Map<String, ProductQuery> paths = new LinkedHashMap<>();
        paths.put("newest, first page", query(List.of(), null, null, null, null, Sort.NEWEST, 0));
        paths.put("newest, deep page (page 200)", query(List.of(), null, null, null, null, Sort.NEWEST, 200));
        paths.put("category with sub-categories", query(List.of(), parent, null, null, null, Sort.NEWEST, 0));
        paths.put("price range, price_asc", query(List.of(), null, 2500L, 10000L, null, Sort.PRICE_ASC, 0));
        paths.put("in stock, price_desc", query(List.of(), null, null, null, true, Sort.PRICE_DESC, 0));
        paths.put(
                "one-word search '" + word + "', relevance",
                query(List.of(word), null, null, null, null, Sort.RELEVANCE, 0));
        paths.put(
                "two-word search with typo '" + word + " " + typo + "'",
                query(List.of(word, typo), null, null, null, null, Sort.RELEVANCE, 0));
        paths.put("rating of 4 or more, by rating", query(List.of(), null, null, null, null, Sort.RATING, 0, 4));
        paths.put(
                "search + category + price + in stock",
                query(List.of(word), parent, 1000L, 50000L, true, Sort.RELEVANCE, 0));
        paths.forEach((title, query) -> {
            System.out.printf("%n### %s%n", title);
            search.explain(query)
                    .forEach((statement, plan) -> System.out.printf("%n%s:%n```%n%s%n```%n", statement, plan));
        });
    }

    private static ProductQuery query(
            List<String> terms, String category, Long min, Long max, Boolean inStock, Sort sort, int page) {
        return query(terms, category, min, max, inStock, sort, page, null);
    }

    private static ProductQuery query(
            List<String> terms,
            String category,
            Long min,
            Long max,
            Boolean inStock,
            Sort sort,
            int page,
            Integer minRating) {
        return new ProductQuery(terms, false, category, min, max, inStock, minRating, sort, page, 20);
    }
}
