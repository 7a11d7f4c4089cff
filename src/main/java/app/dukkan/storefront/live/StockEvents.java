package app.dukkan.storefront.live;

import app.dukkan.catalog.StockFeed.ProductStock;
import app.dukkan.catalog.StockFeed.VariantStock;
import app.dukkan.storefront.catalog.StockLevel;
import app.dukkan.storefront.web.Language;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The HTML an event carries, from the same fragments as the pages it updates, in the page's
 * language: the banner's text and the parts that show availability, swapped in out of band.
 */
@Component
class StockEvents {

    private static final String TEMPLATE = "storefront/live/stock";
    /** An event's data is one line: line breaks between tags mean nothing in this markup. */
    private static final Pattern BREAKS = Pattern.compile("\\s*\\R\\s*");

    private final ITemplateEngine templates;
    private final int lineLimit;

    StockEvents(ITemplateEngine templates, @Value("${dukkan.checkout.max-line-quantity:10}") int lineLimit) {
        this.templates = templates;
        this.lineLimit = lineLimit;
    }

    /** For a product page showing {@code variant}; the options' notes when the page offers a choice. */
    String product(ProductStock stock, UUID variant, Locale locale) {
        List<VariantStock> variants = stock.variants().size() > 1 ? stock.variants() : List.of();
        return render(
                "product",
                locale,
                Map.of("stock", new StockLevel(stock.available(variant), lineLimit), "variants", variants));
    }

    /** For a listing showing the product's card. */
    String card(ProductStock stock, Locale locale) {
        return render("card", locale, Map.of("slug", stock.slug(), "inStock", stock.inStock()));
    }

    /**
     * Renders each kind of event once in every language, so that the first real event is not
     * delayed by parsing templates and loading message bundles.
     */
    void warmUp() {
        ProductStock sample = new ProductStock("warm-up", List.of(new VariantStock(new UUID(0, 0), 1)));
        for (Language language : Language.values()) {
            product(sample, new UUID(0, 0), language.locale());
            card(sample, language.locale());
        }
    }

    private String render(String fragment, Locale locale, Map<String, @Nullable Object> variables) {
        String html = templates.process(TEMPLATE, Set.of(fragment), new Context(locale, variables));
        return BREAKS.matcher(html.strip()).replaceAll("");
    }
}
