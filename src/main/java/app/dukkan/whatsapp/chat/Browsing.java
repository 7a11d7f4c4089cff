package app.dukkan.whatsapp.chat;

import app.dukkan.catalog.PurchasableVariant;
import app.dukkan.catalog.ShopCatalog;
import app.dukkan.catalog.Stock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Browsing the catalog in lists of at most ten rows: categories, a category's sub-categories and
 * products, a product's variants (each page by page when they do not fit: nine and "more…"), a
 * product with its picture, price and availability, and search for what the customer types. Reads
 * the same catalog the shop's pages read.
 */
@Component
class Browsing {

    /** Rows of a page when a "more…" row may follow. */
    private static final int PAGE = Reply.MAX_ROWS - 1;

    private final ShopCatalog catalog;
    private final Stock stock;
    private final ChatTexts texts;

    Browsing(ShopCatalog catalog, Stock stock, ChatTexts texts) {
        this.catalog = catalog;
        this.stock = stock;
        this.texts = texts;
    }

    /** What a tapped browsing choice shows; empty when the choice is not about browsing. */
    Optional<List<Reply>> choose(Conversation conversation, String choice) {
        String[] parts = choice.split(":", -1);
        try {
            return switch (parts[0]) {
                case "browse" -> Optional.of(categories(conversation, 0));
                case "cats" -> Optional.of(categories(conversation, page(parts, 1)));
                case "cat" -> parts.length < 2 ? Optional.empty() : category(conversation, parts[1], page(parts, 2));
                case "prods" -> parts.length < 2 ? Optional.empty() : products(conversation, parts[1], page(parts, 2));
                case "prod" -> parts.length < 2 ? Optional.empty() : product(conversation, parts[1], page(parts, 2));
                case "var" -> parts.length < 2 ? Optional.empty() : variant(conversation, UUID.fromString(parts[1]));
                default -> Optional.empty();
            };
        } catch (IllegalArgumentException e) {
            // a forged or garbled reply id: treated as a choice that no longer exists
            return Optional.empty();
        }
    }

    /** Products matching what the customer typed. */
    List<Reply> search(Conversation conversation, String text) {
        String query = Reply.cut(text, 100);
        ShopCatalog.Listing listing =
                catalog.listing(new ShopCatalog.ListingRequest(query, null, null, null, null, null, 0, PAGE));
        if (listing.items().isEmpty()) {
            return List.of(Reply.buttons(
                    texts.text(conversation, "chat.search.none", query),
                    null,
                    List.of(
                            new Reply.Choice("browse", texts.text(conversation, "chat.menu.browse")),
                            new Reply.Choice("menu", texts.text(conversation, "chat.menu.button")))));
        }
        return List.of(Reply.list(
                texts.text(conversation, "chat.search.body", query),
                texts.text(conversation, "chat.products.button"),
                texts.text(conversation, "chat.products.section"),
                listing.items().stream()
                        .map(card -> productRow(conversation, card))
                        .toList()));
    }

    private List<Reply> categories(Conversation conversation, int page) {
        List<ShopCatalog.CategoryNode> roots = catalog.categories();
        if (roots.isEmpty()) {
            return List.of(Reply.text(texts.text(conversation, "chat.products.none")));
        }
        List<Reply.Choice> rows = paged(
                conversation,
                roots,
                page,
                Reply.MAX_ROWS,
                node -> new Reply.Choice("cat:" + node.slug(), node.name()),
                "cats:");
        return List.of(Reply.list(
                texts.text(conversation, "chat.categories.body"),
                texts.text(conversation, "chat.categories.button"),
                texts.text(conversation, "chat.categories.section"),
                rows));
    }

    /** A category with sub-categories offers them and all its products; else its products. */
    private Optional<List<Reply>> category(Conversation conversation, String slug, int page) {
        Optional<ShopCatalog.CategoryPage> found = catalog.category(slug);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ShopCatalog.CategoryPage category = found.get();
        if (category.children().isEmpty()) {
            return products(conversation, slug, 0);
        }
        List<Reply.Choice> rows = new ArrayList<>();
        rows.add(new Reply.Choice("prods:" + slug + ":0", texts.text(conversation, "chat.categories.all")));
        rows.addAll(paged(
                conversation,
                category.children(),
                page,
                Reply.MAX_ROWS - 1,
                child -> new Reply.Choice("cat:" + child.slug(), child.name()),
                "cat:" + slug + ":"));
        return Optional.of(List.of(Reply.list(
                texts.text(conversation, "chat.category.body", category.name()),
                texts.text(conversation, "chat.categories.button"),
                category.name(),
                rows)));
    }

    /**
     * One page of rows when there are more than {@code room} (nine to a page, one row less than the
     * room, and "more…" leading to the next), else all of them. A page past the last shows the first.
     */
    private <T> List<Reply.Choice> paged(
            Conversation conversation,
            List<T> all,
            int page,
            int room,
            Function<T, Reply.Choice> row,
            String morePrefix) {
        if (all.size() <= room) {
            return all.stream().map(row).toList();
        }
        int size = room - 1;
        int from = page * size < all.size() ? page * size : 0;
        int to = Math.min(from + size, all.size());
        List<Reply.Choice> rows =
                new ArrayList<>(all.subList(from, to).stream().map(row).toList());
        if (to < all.size()) {
            rows.add(new Reply.Choice(morePrefix + (from / size + 1), texts.text(conversation, "chat.more")));
        }
        return rows;
    }

    private Optional<List<Reply>> products(Conversation conversation, String slug, int page) {
        Optional<ShopCatalog.CategoryPage> category = catalog.category(slug);
        if (category.isEmpty()) {
            return Optional.empty();
        }
        ShopCatalog.Listing listing =
                catalog.listing(new ShopCatalog.ListingRequest(null, slug, null, null, null, "newest", page, PAGE));
        if (listing.items().isEmpty()) {
            return Optional.of(List.of(Reply.buttons(
                    texts.text(conversation, "chat.products.none"),
                    null,
                    List.of(new Reply.Choice("browse", texts.text(conversation, "chat.menu.browse"))))));
        }
        List<Reply.Choice> rows = new ArrayList<>(listing.items().stream()
                .map(card -> productRow(conversation, card))
                .toList());
        if (page + 1 < listing.totalPages()) {
            rows.add(new Reply.Choice("prods:" + slug + ":" + (page + 1), texts.text(conversation, "chat.more")));
        }
        return Optional.of(List.of(Reply.list(
                texts.text(conversation, "chat.products.body", category.get().name()),
                texts.text(conversation, "chat.products.button"),
                category.get().name(),
                rows)));
    }

    private Reply.Choice productRow(Conversation conversation, ShopCatalog.ProductCard card) {
        String price = card.minPrice() == null ? "" : texts.money(conversation, card.minPrice());
        String availability = texts.text(conversation, card.inStock() ? "chat.stock.in" : "chat.stock.out");
        return new Reply.Choice("prod:" + card.slug(), card.name(), price + " · " + availability);
    }

    /** One product: several variants are a list to choose from, one is the product itself. */
    private Optional<List<Reply>> product(Conversation conversation, String slug, int page) {
        Optional<ShopCatalog.Product> found = catalog.product(slug);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ShopCatalog.Product product = found.get();
        if (product.variants().isEmpty()) {
            return Optional.empty();
        }
        if (product.variants().size() == 1) {
            ShopCatalog.Variant only = product.variants().get(0);
            return Optional.of(List.of(offer(
                    conversation,
                    product.name(),
                    null,
                    only.id(),
                    only.price(),
                    only.available(),
                    product.description(),
                    image(product))));
        }
        List<Reply.Choice> rows = paged(
                conversation,
                product.variants(),
                page,
                Reply.MAX_ROWS,
                v -> new Reply.Choice(
                        "var:" + v.id(),
                        v.label(),
                        texts.money(conversation, v.price()) + " · " + availability(conversation, v.available())),
                "prod:" + slug + ":");
        return Optional.of(List.of(Reply.list(
                texts.text(conversation, "chat.variants.body", product.name(), excerpt(product.description())),
                texts.text(conversation, "chat.variants.button"),
                product.name(),
                rows)));
    }

    private Optional<List<Reply>> variant(Conversation conversation, UUID id) {
        PurchasableVariant variant = stock.variants(List.of(id)).get(id);
        if (variant == null || !variant.purchasable()) {
            return Optional.empty();
        }
        Optional<ShopCatalog.Product> product = catalog.product(variant.productSlug());
        return Optional.of(List.of(offer(
                conversation,
                variant.productName(),
                variant.variantName(),
                variant.id(),
                variant.price(),
                variant.available(),
                product.map(ShopCatalog.Product::description).orElse(""),
                product.map(this::image).orElse(null))));
    }

    private Reply offer(
            Conversation conversation,
            String name,
            @Nullable String variantName,
            UUID variantId,
            app.dukkan.platform.Money price,
            int available,
            String description,
            @Nullable String image) {
        String title = variantName == null || variantName.isBlank() ? name : name + " – " + variantName;
        String body = texts.text(
                conversation,
                "chat.product.body",
                title,
                texts.money(conversation, price),
                availability(conversation, available),
                excerpt(description));
        List<Reply.Choice> buttons = available > 0
                ? List.of(
                        new Reply.Choice("add:" + variantId, texts.text(conversation, "chat.product.add")),
                        new Reply.Choice("qty:" + variantId, texts.text(conversation, "chat.product.quantity")),
                        new Reply.Choice("browse", texts.text(conversation, "chat.product.back")))
                : List.of(new Reply.Choice("browse", texts.text(conversation, "chat.product.back")));
        return Reply.buttons(body, image, buttons);
    }

    private String availability(Conversation conversation, int available) {
        if (available <= 0) {
            return texts.text(conversation, "chat.stock.out");
        }
        return available <= 5
                ? texts.text(conversation, "chat.stock.few", available)
                : texts.text(conversation, "chat.stock.in");
    }

    private @Nullable String image(ShopCatalog.Product product) {
        return product.images().isEmpty()
                ? null
                : texts.link(product.images().get(0).url());
    }

    private static String excerpt(String description) {
        return Reply.cut(description.replaceAll("\\s+", " "), 300);
    }

    private static int page(String[] parts, int index) {
        int page = parts.length > index ? Integer.parseInt(parts[index]) : 0;
        if (page < 0 || page > 1000) {
            throw new IllegalArgumentException("page out of range");
        }
        return page;
    }
}
