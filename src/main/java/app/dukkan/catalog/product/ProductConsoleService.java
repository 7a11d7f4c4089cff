package app.dukkan.catalog.product;

import app.dukkan.catalog.ProductConsole;
import app.dukkan.catalog.category.Categories;
import app.dukkan.catalog.category.Category;
import app.dukkan.catalog.config.CatalogProperties;
import app.dukkan.catalog.product.ProductInputs.CreateProduct;
import app.dukkan.catalog.product.ProductInputs.NewVariant;
import app.dukkan.catalog.product.ProductInputs.UpdateProduct;
import app.dukkan.catalog.product.ProductInputs.UpdateVariant;
import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.platform.Money;
import app.dukkan.platform.ProblemException;
import app.dukkan.platform.ProblemException.FieldProblem;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The console's products over {@link ProductAdmin}: the same rules as the JSON API (the request
 * records' constraints, then the writes' own checks), with field names as the console's forms spell
 * them; the compare-at price beside.
 */
@Service
class ProductConsoleService implements ProductConsole {

    private final ProductAdmin admin;
    private final ConsoleQueries queries;
    private final Categories categories;
    private final CatalogProperties properties;
    private final Validator validator;

    ProductConsoleService(
            ProductAdmin admin,
            ConsoleQueries queries,
            Categories categories,
            CatalogProperties properties,
            Validator validator) {
        this.admin = admin;
        this.queries = queries;
        this.categories = categories;
        this.properties = properties;
        this.validator = validator;
    }

    @Override
    public String currency() {
        return properties.currency();
    }

    @Override
    @Transactional(readOnly = true)
    public Page search(AuthenticatedUser actor, Filter filter) {
        if (filter.status() != null) {
            ProductStatus.parse("status", filter.status());
        }
        Collection<UUID> categoryIds = null;
        if (filter.category() != null) {
            Category category = categories.require("category", filter.category());
            categoryIds = categories.tree().selfAndDescendants(category.id());
        }
        int size = Math.max(1, Math.min(filter.size(), MAX_PAGE_SIZE));
        Filter scoped = new Filter(
                filter.query(),
                filter.status(),
                filter.category(),
                actor.isAdmin() ? filter.seller() : actor.id().value(),
                filter.stock(),
                filter.sort(),
                filter.descending(),
                Math.max(0, Math.min(filter.page(), 100_000)),
                size);
        List<Row> rows = queries.search(scoped, categoryIds, LOW_STOCK);
        return new Page(rows.size() > size ? rows.subList(0, size) : rows, rows.size() > size);
    }

    @Override
    @Transactional(readOnly = true)
    public List<VariantRow> variantsOf(AuthenticatedUser actor, List<UUID> productIds) {
        return queries.variantsOf(
                productIds, actor.isAdmin() ? null : actor.id().value());
    }

    @Override
    public Product get(AuthenticatedUser actor, UUID id) {
        ProductDetail detail = admin.get(actor, id);
        Map<UUID, Long> compareAt = queries.compareAtOf(id);
        List<Variant> variants = detail.variants().stream()
                .map(v -> new Variant(
                        v.id(),
                        v.sku(),
                        v.name(),
                        v.price(),
                        compareAt.containsKey(v.id())
                                ? Money.ofMinor(compareAt.get(v.id()), v.price().currency())
                                : null,
                        v.stock(),
                        v.reserved() == null ? 0 : v.reserved(),
                        v.active(),
                        texts(v.attributes())))
                .toList();
        return new Product(
                detail.id(),
                detail.slug(),
                detail.name(),
                detail.description(),
                detail.category() == null ? null : detail.category().slug(),
                detail.status(),
                detail.sellerId(),
                texts(detail.attributes()),
                variants,
                detail.updatedAt());
    }

    @Override
    @Transactional
    public UUID create(AuthenticatedUser actor, ProductInput product, @Nullable VariantInput firstVariant) {
        List<NewVariant> variants = firstVariant == null ? List.of() : List.of(newVariant(firstVariant));
        CreateProduct request = new CreateProduct(
                product.name(),
                blankToNull(product.slug()),
                product.description(),
                blankToNull(product.category()),
                objects(product.attributes()),
                product.status(),
                null,
                null,
                variants,
                List.of());
        UnaryOperator<String> fields = field -> field.replaceFirst("^variants\\[0]\\.", "variant.");
        check(validator.validate(request), fields);
        if (firstVariant != null) {
            checkCompareAt("variant.compareAt", firstVariant);
        }
        UUID id = rethrow(() -> admin.create(actor, request).id(), fields);
        if (firstVariant != null && firstVariant.compareAt() != null) {
            UUID variantId = queries.variantIdBySku(id, firstVariant.sku());
            if (variantId != null) {
                queries.setCompareAt(variantId, firstVariant.compareAt().minor());
            }
        }
        return id;
    }

    @Override
    public void update(AuthenticatedUser actor, UUID id, ProductInput product) {
        UpdateProduct request = new UpdateProduct(
                product.name(),
                blankToNull(product.slug()),
                product.description(),
                blankToNull(product.category()),
                objects(product.attributes()),
                product.status(),
                null);
        check(validator.validate(request), UnaryOperator.identity());
        rethrow(() -> admin.update(actor, id, request), UnaryOperator.identity());
    }

    @Override
    public void archive(AuthenticatedUser actor, UUID id) {
        admin.archive(actor, id);
    }

    @Override
    public UUID addVariant(AuthenticatedUser actor, UUID productId, VariantInput variant) {
        NewVariant request = newVariant(variant);
        check(validator.validate(request), UnaryOperator.identity());
        checkCompareAt("compareAt", variant);
        // the variant, its compare-at price and its state in one transaction
        return admin.edit(actor, productId, product -> {
            rethrow(() -> admin.addVariant(actor, productId, request), UnaryOperator.identity());
            UUID id = queries.variantIdBySku(productId, variant.sku());
            if (id == null) {
                throw ProblemException.notFound("variant", variant.sku());
            }
            if (variant.compareAt() != null) {
                queries.setCompareAt(id, variant.compareAt().minor());
            }
            if (!variant.active()) {
                rethrow(
                        () -> admin.updateVariant(
                                actor, productId, id, new UpdateVariant(null, null, null, null, false)),
                        UnaryOperator.identity());
            }
            return id;
        });
    }

    @Override
    public void updateVariant(AuthenticatedUser actor, UUID productId, UUID variantId, VariantEdit edit) {
        VariantInput variant = edit.typed();
        UpdateVariant request = new UpdateVariant(
                variant.name(),
                objects(variant.attributes()),
                edit.priceChanged() ? variant.price() : null,
                edit.stockChanged() ? variant.stock() : null,
                edit.activeChanged() ? variant.active() : null);
        check(validator.validate(request), UnaryOperator.identity());
        checkCompareAt("compareAt", variant);
        // the variant and its compare-at price in one transaction
        admin.edit(actor, productId, product -> {
            rethrow(() -> admin.updateVariant(actor, productId, variantId, request), UnaryOperator.identity());
            queries.setCompareAt(
                    variantId,
                    variant.compareAt() == null ? null : variant.compareAt().minor());
            return variantId;
        });
    }

    private static NewVariant newVariant(VariantInput variant) {
        return new NewVariant(
                variant.sku(), variant.name(), objects(variant.attributes()), variant.price(), variant.stock());
    }

    /** A compare-at price is the higher price before: above the price, in the same currency. */
    private static void checkCompareAt(String field, VariantInput variant) {
        Money compareAt = variant.compareAt();
        if (compareAt != null
                && (!compareAt.currency().equals(variant.price().currency())
                        || compareAt.minor() <= variant.price().minor())) {
            throw ProblemException.invalid(field, "must be above the price");
        }
    }

    private static <T> void check(Set<ConstraintViolation<T>> violations, UnaryOperator<String> fields) {
        if (violations.isEmpty()) {
            return;
        }
        List<FieldProblem> problems = new ArrayList<>();
        for (ConstraintViolation<T> violation : violations) {
            problems.add(new FieldProblem(
                    field(fields.apply(violation.getPropertyPath().toString())), violation.getMessage()));
        }
        problems.sort(java.util.Comparator.comparing(FieldProblem::field));
        throw new ProblemException(
                HttpStatus.BAD_REQUEST,
                "validation",
                "Invalid input",
                problems.get(0).field() + ": " + problems.get(0).message(),
                problems);
    }

    private static <T> T rethrow(java.util.function.Supplier<T> write, UnaryOperator<String> fields) {
        try {
            return write.get();
        } catch (ProblemException e) {
            if (e.errors().isEmpty()) {
                throw e;
            }
            throw new ProblemException(
                    e.status(),
                    e.type(),
                    e.title(),
                    e.getMessage(),
                    e.errors().stream()
                            .map(p -> new FieldProblem(field(fields.apply(p.field())), p.message()))
                            .toList());
        }
    }

    /** {@code price.amount} and {@code price.currency} are the form's {@code price}. */
    private static String field(String field) {
        return field.replaceFirst("\\.(amount|currency)$", "").replaceFirst("^(attributes)[.\\[].*$", "$1");
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Map<String, Object> objects(Map<String, String> attributes) {
        return new LinkedHashMap<>(attributes);
    }

    private static Map<String, String> texts(Map<String, Object> attributes) {
        Map<String, String> texts = new LinkedHashMap<>();
        attributes.forEach((key, value) -> texts.put(key, String.valueOf(value)));
        return texts;
    }
}
