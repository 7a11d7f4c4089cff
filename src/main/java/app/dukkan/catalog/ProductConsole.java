package app.dukkan.catalog;

import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.platform.Money;
import app.dukkan.platform.ProblemException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Products as the console edits them: a filtered, sorted list of the products an operator may edit
 * (admins: all, sellers: their own), one product with all its variants, and the writes. Writes are
 * audited in the transaction of the action ({@code product.created}, {@code
 * product.updated}, {@code product.archived}, {@code variant.created}, {@code variant.updated}); a
 * seller who addresses another seller's product gets a 403 and {@code product.access-refused} is
 * recorded, before any transaction or lock. Invalid input is a {@link ProblemException} naming the
 * fields as the form spells them ({@code name}, {@code slug}, {@code sku}, {@code price}, {@code
 * compareAt}, {@code stock}, …).
 */
public interface ProductConsole {

    /** Available units from which a product counts as low on stock (and below: 1 to this). */
    int LOW_STOCK = 5;

    /** Most units a variant holds on hand. */
    int MAX_STOCK = app.dukkan.catalog.product.ProductInputs.MAX_STOCK;

    /** Most variants a product has. */
    int MAX_VARIANTS = app.dukkan.catalog.product.ProductInputs.MAX_VARIANTS;

    /** Longest page of the list. */
    int MAX_PAGE_SIZE = 100;

    /** The stock filter, over the units available in the product's active variants. */
    enum StockFilter {
        /** at least one unit available */
        IN,
        /** 1 to {@link #LOW_STOCK} units available */
        LOW,
        /** none available */
        OUT
    }

    /** The list's order; {@code UPDATED} newest first, the others smallest first unless descending. */
    enum Sort {
        NAME,
        PRICE,
        STOCK,
        UPDATED
    }

    /**
     * What to list. Null filters match everything. {@code query}: a part of the name, or a SKU or
     * slug exactly; {@code category}: a category slug, with the categories below it.
     */
    record Filter(
            @Nullable String query,
            @Nullable String status,
            @Nullable String category,
            @Nullable UUID seller,
            @Nullable StockFilter stock,
            Sort sort,
            boolean descending,
            int page,
            int size) {}

    /** A product of the list; prices over its active variants, stock summed over all (on hand) and active (available). */
    record Row(
            UUID id,
            String slug,
            String name,
            String status,
            UUID sellerId,
            @Nullable String category,
            @Nullable Money minPrice,
            @Nullable Money maxPrice,
            int onHand,
            int available,
            int variants,
            Instant updatedAt) {}

    /** A page of the list and whether another follows. */
    record Page(List<Row> items, boolean hasNext) {}

    /** A variant as the editor shows it. */
    record Variant(
            UUID id,
            String sku,
            String name,
            Money price,
            @Nullable Money compareAt,
            int stock,
            int reserved,
            boolean active,
            Map<String, String> attributes) {}

    /** A product as the editor shows it: attributes as text. */
    record Product(
            UUID id,
            String slug,
            String name,
            String description,
            @Nullable String category,
            String status,
            UUID sellerId,
            Map<String, String> attributes,
            List<Variant> variants,
            Instant updatedAt) {}

    /** The product's fields as a form sends them; {@code slug} null to derive it from the name. */
    record ProductInput(
            String name,
            @Nullable String slug,
            String description,
            @Nullable String category,
            String status,
            Map<String, String> attributes) {}

    /** A variant's fields as a form sends them (the SKU is fixed once created). */
    record VariantInput(
            String sku,
            String name,
            Money price,
            @Nullable Money compareAt,
            int stock,
            boolean active,
            Map<String, String> attributes) {}

    /** A variant of a product in a list, for bulk edits. */
    record VariantRow(
            UUID productId, String productName, String sku, String name, Money price, int stock, int reserved) {}

    /** The shop's currency, for prices typed without one. */
    String currency();

    /** A page of the products the actor may edit. @throws ProblemException 400 for an unknown status or category */
    Page search(AuthenticatedUser actor, Filter filter);

    /** The variants of these products (the actor's, for sellers), by product then position. */
    List<VariantRow> variantsOf(AuthenticatedUser actor, List<UUID> productIds);

    /** A product the actor may edit. @throws ProblemException 404, or 403 (audited) for another seller's */
    Product get(AuthenticatedUser actor, UUID id);

    /** Creates a product of the actor's, with a first variant if given; its id. */
    UUID create(AuthenticatedUser actor, ProductInput product, @Nullable VariantInput firstVariant);

    void update(AuthenticatedUser actor, UUID id, ProductInput product);

    /** Hides it from shoppers; nothing happens to an archived product. */
    void archive(AuthenticatedUser actor, UUID id);

    /** Adds a variant; its id. */
    UUID addVariant(AuthenticatedUser actor, UUID productId, VariantInput variant);

    /**
     * A variant's fields as typed in a form. Price, stock and active count only where the operator
     * changed them from what the form showed: a save writes back no value that a sale, a return or
     * another operator moved since the form was opened.
     */
    record VariantEdit(VariantInput typed, boolean priceChanged, boolean stockChanged, boolean activeChanged) {}

    /** Changes a variant (its SKU stays). */
    void updateVariant(AuthenticatedUser actor, UUID productId, UUID variantId, VariantEdit edit);
}
