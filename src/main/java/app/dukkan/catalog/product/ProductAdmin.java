package app.dukkan.catalog.product;

import app.dukkan.catalog.StockChanged;
import app.dukkan.catalog.category.Categories;
import app.dukkan.catalog.config.CatalogChanges;
import app.dukkan.catalog.config.CatalogProperties;
import app.dukkan.catalog.product.ProductInputs.CreateProduct;
import app.dukkan.catalog.product.ProductInputs.NewMedia;
import app.dukkan.catalog.product.ProductInputs.NewVariant;
import app.dukkan.catalog.product.ProductInputs.UpdateProduct;
import app.dukkan.catalog.product.ProductInputs.UpdateVariant;
import app.dukkan.catalog.product.ProductRepository.MediaRow;
import app.dukkan.catalog.product.ProductRepository.ProductRow;
import app.dukkan.catalog.product.ProductRepository.VariantRow;
import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.platform.AuditLog;
import app.dukkan.platform.Ids;
import app.dukkan.platform.Money;
import app.dukkan.platform.ProblemException;
import app.dukkan.platform.ProblemException.FieldProblem;
import app.dukkan.platform.Slugs;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Catalog writes by admins and sellers. A seller only ever touches its own products; admins touch
 * any. Every write reports a catalog change so that read caches drop what they hold.
 */
@Service
class ProductAdmin {

    private static final int MAX_ATTRIBUTES_JSON = 8_192;

    private final ProductRepository repository;
    private final ProductDetails details;
    private final Categories categories;
    private final CatalogChanges changes;
    private final CatalogProperties properties;
    private final JsonMapper json;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final AuditLog audit;
    private final AccessRefusals refusals;
    private final ProductImageFiles imageFiles;
    private final TransactionTemplate transaction;

    ProductAdmin(
            ProductRepository repository,
            ProductDetails details,
            Categories categories,
            CatalogChanges changes,
            CatalogProperties properties,
            JsonMapper json,
            ApplicationEventPublisher events,
            Clock clock,
            AuditLog audit,
            AccessRefusals refusals,
            ProductImageFiles imageFiles,
            PlatformTransactionManager transactions) {
        this.repository = repository;
        this.details = details;
        this.categories = categories;
        this.changes = changes;
        this.properties = properties;
        this.json = json;
        this.events = events;
        this.clock = clock;
        this.audit = audit;
        this.refusals = refusals;
        this.imageFiles = imageFiles;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Transactional
    ProductDetail create(AuthenticatedUser actor, CreateProduct request) {
        UUID sellerId = actor.id().value();
        if (request.sellerId() != null && !request.sellerId().equals(sellerId)) {
            if (!actor.isAdmin()) {
                throw ProblemException.forbidden("Sellers create products only for themselves");
            }
            sellerId = request.sellerId();
        }
        checkFeaturing(actor, request.featured());
        List<NewVariant> variants = request.variants() == null ? List.of() : request.variants();
        ProductStatus status =
                request.status() == null ? ProductStatus.DRAFT : ProductStatus.parse("status", request.status());
        if (status == ProductStatus.ACTIVE && variants.isEmpty()) {
            throw ProblemException.invalid("status", "an active product needs at least one variant");
        }
        checkNewSkus(variants);
        for (int i = 0; i < variants.size(); i++) {
            checkPrice("variants[" + i + "].price", variants.get(i).price());
        }
        Map<String, Object> attributes = checkedAttributes("attributes", request.attributes());
        UUID categoryId = request.category() == null
                ? null
                : categories.require("category", request.category()).id();
        List<String> slugs =
                request.slug() != null ? List.of(checkedSlug(request.slug())) : Slugs.candidates(request.name(), 107);
        Instant now = clock.instant();
        ProductRow draft = new ProductRow(
                Ids.newId(clock),
                slugs.get(0),
                request.name().strip(),
                request.description() == null ? "" : request.description(),
                attributes,
                status,
                sellerId,
                categoryId,
                properties.currency(),
                null,
                null,
                false,
                Boolean.TRUE.equals(request.featured()),
                now,
                now);
        ProductRow product = null;
        for (int i = 0; product == null && i < slugs.size(); i++) {
            ProductRow candidate = draft.withSlug(slugs.get(i));
            if (repository.insertIfSlugFree(candidate)) {
                product = candidate;
            }
        }
        if (product == null) {
            throw ProblemException.conflict("slug", "product '" + slugs.get(0) + "' already exists");
        }
        try {
            for (int i = 0; i < variants.size(); i++) {
                repository.insertVariant(newVariant(product.id(), variants.get(i), i), now);
            }
            List<NewMedia> media = request.media() == null ? List.of() : request.media();
            for (int i = 0; i < media.size(); i++) {
                repository.insertMedia(newMedia(product.id(), "media[" + i + "].url", media.get(i), i), now);
            }
        } catch (DuplicateKeyException e) {
            throw ProblemException.conflict("variants", "a SKU of this product was just created by another request");
        }
        audit.record(
                "product.created",
                "product",
                product.id().toString(),
                null,
                Map.of(
                        "slug", product.slug(),
                        "status", product.status().code(),
                        "skus", variants.stream().map(NewVariant::sku).toList()));
        changes.changed();
        return reload(product.id());
    }

    ProductDetail update(AuthenticatedUser actor, UUID id, UpdateProduct request) {
        return edit(actor, id, existing -> {
            checkFeaturing(actor, request.featured());
            ProductStatus status =
                    request.status() == null ? existing.status() : ProductStatus.parse("status", request.status());
            if (status == ProductStatus.ACTIVE
                    && repository.variantsOf(id).stream().noneMatch(VariantRow::active)) {
                throw ProblemException.invalid("status", "an active product needs at least one active variant");
            }
            String slug = existing.slug();
            if (request.slug() != null && !request.slug().equals(existing.slug())) {
                slug = checkedFreeSlug(request.slug());
            }
            UUID categoryId = request.category() == null
                    ? existing.categoryId()
                    : categories.require("category", request.category()).id();
            ProductRow updated = new ProductRow(
                    existing.id(),
                    slug,
                    request.name() != null ? request.name().strip() : existing.name(),
                    request.description() != null ? request.description() : existing.description(),
                    request.attributes() != null
                            ? checkedAttributes("attributes", request.attributes())
                            : existing.attributes(),
                    status,
                    existing.sellerId(),
                    categoryId,
                    existing.currency(),
                    existing.minPrice(),
                    existing.maxPrice(),
                    existing.inStock(),
                    request.featured() != null ? request.featured() : existing.featured(),
                    existing.createdAt(),
                    clock.instant());
            try {
                repository.update(updated);
            } catch (DuplicateKeyException e) {
                throw ProblemException.conflict("slug", "product '" + slug + "' already exists");
            }
            audit.record(
                    "product.updated",
                    "product",
                    id.toString(),
                    null,
                    Map.of("slug", updated.slug(), "status", updated.status().code(), "name", updated.name()));
            changes.changed();
            return reload(id);
        });
    }

    ProductDetail archive(AuthenticatedUser actor, UUID id) {
        return edit(actor, id, existing -> {
            if (existing.status() != ProductStatus.ARCHIVED) {
                repository.update(existing.withStatus(ProductStatus.ARCHIVED, clock.instant()));
                audit.record("product.archived", "product", id.toString(), null, Map.of("slug", existing.slug()));
                changes.changed();
            }
            return reload(id);
        });
    }

    ProductDetail addVariant(AuthenticatedUser actor, UUID productId, NewVariant request) {
        return edit(actor, productId, product -> {
            checkNewSkus(List.of(request));
            checkPrice("price", request.price());
            int position = repository.variantsOf(productId).size();
            if (position >= ProductInputs.MAX_VARIANTS) {
                throw ProblemException.conflict(
                        "variants", "a product has at most " + ProductInputs.MAX_VARIANTS + " variants");
            }
            VariantRow variant = newVariant(productId, request, position);
            try {
                repository.insertVariant(variant, clock.instant());
            } catch (DuplicateKeyException e) {
                throw ProblemException.conflict("sku", "'" + request.sku() + "' already exists");
            }
            audit.record(
                    "variant.created",
                    "variant",
                    variant.id().toString(),
                    null,
                    Map.of(
                            "product",
                            productId.toString(),
                            "sku",
                            variant.sku(),
                            "price",
                            variant.priceMinor(),
                            "stock",
                            variant.stock()));
            return partChanged(productId);
        });
    }

    ProductDetail updateVariant(AuthenticatedUser actor, UUID productId, UUID variantId, UpdateVariant request) {
        return edit(actor, productId, product -> {
            List<VariantRow> variants = repository.variantsOf(productId);
            VariantRow existing = variants.stream()
                    .filter(v -> v.id().equals(variantId))
                    .findFirst()
                    .orElseThrow(() -> ProblemException.notFound("variant", variantId));
            if (request.price() != null) {
                checkPrice("price", request.price());
            }
            boolean active = request.active() != null ? request.active() : existing.active();
            if (!active
                    && product.status() == ProductStatus.ACTIVE
                    && variants.stream().filter(VariantRow::active).allMatch(v -> v.id().equals(variantId))) {
                throw ProblemException.invalid(
                        "active", "the last active variant of an active product cannot be deactivated");
            }
            VariantRow updated = new VariantRow(
                    existing.id(),
                    productId,
                    existing.sku(),
                    request.name() != null ? request.name().strip() : existing.name(),
                    request.attributes() != null
                            ? checkedAttributes("attributes", request.attributes())
                            : existing.attributes(),
                    request.price() != null ? request.price().minor() : existing.priceMinor(),
                    existing.currency(),
                    request.stock() != null ? request.stock() : existing.stock(),
                    existing.reserved(),
                    active,
                    existing.position());
            // Reservations lock the product row first too, so the reserved amount cannot move meanwhile.
            if (updated.stock() < existing.reserved()) {
                throw new ProblemException(
                        HttpStatus.CONFLICT,
                        "stock-reserved",
                        "Stock is reserved",
                        existing.reserved() + " unit(s) are reserved by orders awaiting payment",
                        List.of(new FieldProblem(
                                "stock", "must be at least " + existing.reserved() + ", the quantity reserved")));
            }
            repository.updateVariant(updated, clock.instant());
            audit.record(
                    "variant.updated",
                    "variant",
                    variantId.toString(),
                    null,
                    Map.of(
                            "product",
                            productId.toString(),
                            "sku",
                            updated.sku(),
                            "price",
                            updated.priceMinor(),
                            "stock",
                            updated.stock(),
                            "active",
                            updated.active()));
            if (updated.stock() != existing.stock() || updated.active() != existing.active()) {
                events.publishEvent(new StockChanged(
                        variantId, productId, updated.active() ? updated.stock() - updated.reserved() : 0));
                // for the live stock of pages on every instance; partChanged drops every cache anyway
                changes.stockChanged(product.slug(), false);
            }
            return partChanged(productId);
        });
    }

    ProductDetail addMedia(AuthenticatedUser actor, UUID productId, NewMedia request) {
        return edit(actor, productId, product -> {
            List<MediaRow> media = repository.mediaOf(productId);
            if (media.size() >= 20) {
                throw ProblemException.invalid("media", "a product has at most 20 media");
            }
            MediaRow added = newMedia(productId, "url", request, media.size());
            repository.insertMedia(added, clock.instant());
            auditMedia("product.media-added", added);
            return partChanged(productId);
        });
    }

    ProductDetail removeMedia(AuthenticatedUser actor, UUID productId, UUID mediaId) {
        return edit(actor, productId, product -> {
            MediaRow removed = repository.mediaOf(productId).stream()
                    .filter(row -> row.id().equals(mediaId))
                    .findFirst()
                    .orElseThrow(() -> ProblemException.notFound("media", mediaId));
            // an uploaded picture's files go after the commit, unless another picture uses them
            imageFiles.deleteAfterCommit(productId, mediaId);
            if (!repository.deleteMedia(productId, mediaId)) {
                throw ProblemException.notFound("media", mediaId);
            }
            auditMedia("product.media-removed", removed);
            return partChanged(productId);
        });
    }

    private void auditMedia(String action, MediaRow media) {
        audit.record(
                action,
                "product-media",
                media.id().toString(),
                null,
                Map.of("product_id", media.productId().toString(), "url", media.url()));
    }

    /** After a change to a product's variants or media: the product is updated too. */
    private ProductDetail partChanged(UUID productId) {
        repository.touch(productId, clock.instant());
        changes.changed();
        return reload(productId);
    }

    ProductDetail get(AuthenticatedUser actor, UUID id) {
        ProductRow row = product(id);
        checkOwner(actor, row);
        return details.assemble(row);
    }

    /**
     * Runs a write to one product with the product's row locked, so that edits of one product (and
     * reservations, which lock it too) serialize. The owner is checked on a plain read before the
     * transaction begins: a refused seller holds neither the lock nor a connection while its refusal
     * is recorded. A product never changes its seller, so the check still holds under the lock. A
     * caller's transaction around this is joined (after the caller checked the owner the same way).
     */
    <T> T edit(AuthenticatedUser actor, UUID id, Function<ProductRow, T> write) {
        checkOwner(actor, product(id));
        return transaction.execute(status ->
                write.apply(repository.lockById(id).orElseThrow(() -> ProblemException.notFound("product", id))));
    }

    private ProductRow product(UUID id) {
        return repository.findById(id).orElseThrow(() -> ProblemException.notFound("product", id));
    }

    /** The home page is the shop's: only admins choose what it features. */
    private static void checkFeaturing(AuthenticatedUser actor, @Nullable Boolean featured) {
        if (featured != null && !actor.isAdmin()) {
            throw ProblemException.forbidden("Only admins choose the featured products");
        }
    }

    /** Another seller's product: refused, and the attempt recorded (outside any transaction, so kept). */
    private void checkOwner(AuthenticatedUser actor, ProductRow row) {
        refusals.checkOwner(actor, row.id(), row.sellerId(), "product");
    }

    private ProductDetail reload(UUID id) {
        return details.byId(id).orElseThrow(() -> ProblemException.notFound("product", id));
    }

    private void checkNewSkus(List<NewVariant> variants) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < variants.size(); i++) {
            if (!seen.add(variants.get(i).sku().toLowerCase(Locale.ROOT))) {
                throw ProblemException.invalid("variants[" + i + "].sku", "appears twice in this request");
            }
        }
        List<String> taken =
                repository.existingSkus(variants.stream().map(NewVariant::sku).toList());
        if (!taken.isEmpty()) {
            String field = variants.size() == 1 ? "sku" : "variants[" + indexOf(variants, taken.get(0)) + "].sku";
            throw ProblemException.conflict(field, "'" + taken.get(0) + "' already exists");
        }
    }

    private static int indexOf(List<NewVariant> variants, String sku) {
        for (int i = 0; i < variants.size(); i++) {
            if (variants.get(i).sku().equalsIgnoreCase(sku)) {
                return i;
            }
        }
        return 0;
    }

    private void checkPrice(String field, Money price) {
        if (!price.currency().equals(properties.currency())) {
            throw ProblemException.invalid(
                    field + ".currency", "must be " + properties.currency() + ", the shop's currency");
        }
        if (price.minor() < 0) {
            throw ProblemException.invalid(field + ".amount", "must not be negative");
        }
        long max = properties.maxPriceMajor() * (long) Math.pow(10, Money.fractionDigits(price.currency()));
        if (price.minor() > max) {
            throw ProblemException.invalid(field + ".amount", "must be at most " + properties.maxPriceMajor());
        }
    }

    private Map<String, Object> checkedAttributes(String field, @Nullable Map<String, Object> attributes) {
        if (attributes == null) {
            return Map.of();
        }
        if (json.writeValueAsString(attributes).length() > MAX_ATTRIBUTES_JSON) {
            throw ProblemException.invalid(field, "must be at most " + MAX_ATTRIBUTES_JSON + " characters of JSON");
        }
        for (String key : attributes.keySet()) {
            if (key.isBlank() || key.length() > 64) {
                throw ProblemException.invalid(field, "keys must be 1 to 64 characters");
            }
        }
        return attributes;
    }

    private static String checkedSlug(String slug) {
        if (!Slugs.isValid(slug)) {
            throw ProblemException.invalid("slug", "use lower-case letters, digits and single hyphens");
        }
        return slug;
    }

    private String checkedFreeSlug(String slug) {
        if (repository.slugTaken(checkedSlug(slug))) {
            throw ProblemException.conflict("slug", "product '" + slug + "' already exists");
        }
        return slug;
    }

    /** A new variant's row, active and with nothing reserved; position names it in errors. */
    private VariantRow newVariant(UUID productId, NewVariant variant, int position) {
        return new VariantRow(
                Ids.newId(clock),
                productId,
                variant.sku(),
                variant.name() == null ? "" : variant.name().strip(),
                checkedAttributes("variants[" + position + "].attributes", variant.attributes()),
                variant.price().minor(),
                variant.price().currency(),
                variant.stock(),
                0,
                true,
                position);
    }

    private MediaRow newMedia(UUID productId, String field, NewMedia media, int position) {
        String url = media.url().strip();
        if (!(url.startsWith("https://") || url.startsWith("http://") || url.startsWith("/files/"))) {
            throw ProblemException.invalid(field, "must be an http(s) URL or a /files/ path");
        }
        return new MediaRow(
                Ids.newId(clock),
                productId,
                url,
                media.alt() == null ? "" : media.alt().strip(),
                position,
                media.width(),
                media.height(),
                null);
    }
}
