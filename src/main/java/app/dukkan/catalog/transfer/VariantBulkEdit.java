package app.dukkan.catalog.transfer;

import app.dukkan.catalog.CatalogTransfer;
import app.dukkan.catalog.CatalogTransfer.BulkEditResult;
import app.dukkan.catalog.CatalogTransfer.EditedVariant;
import app.dukkan.catalog.CatalogTransfer.VariantChange;
import app.dukkan.catalog.StockChanged;
import app.dukkan.catalog.config.CatalogChanges;
import app.dukkan.catalog.config.CatalogProperties;
import app.dukkan.catalog.product.ProductInputs;
import app.dukkan.catalog.transfer.TransferRepository.EditableVariant;
import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.platform.AuditLog;
import app.dukkan.platform.Ids;
import app.dukkan.platform.Money;
import app.dukkan.platform.ProblemException;
import app.dukkan.platform.ProblemException.FieldProblem;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Bulk price and stock edits by SKU, all or nothing. Every change is checked first and all refusals
 * are answered together; then the products and the variants are locked in id order (as stock
 * reservations lock them), the reserved quantities checked under the lock, and the variants updated
 * in one batch. Stock changes are announced as the single variant edit announces them: {@link
 * StockChanged} per variant, the live stock relay per product, one catalog change for the caches.
 */
@Service
class VariantBulkEdit {

    private static final Pattern SKU = Pattern.compile(ProductInputs.SKU);

    private final TransferRepository repository;
    private final CatalogChanges changes;
    private final CatalogProperties properties;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final Clock clock;

    VariantBulkEdit(
            TransferRepository repository,
            CatalogChanges changes,
            CatalogProperties properties,
            ApplicationEventPublisher events,
            AuditLog audit,
            Clock clock) {
        this.repository = repository;
        this.changes = changes;
        this.properties = properties;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    BulkEditResult edit(AuthenticatedUser actor, List<VariantChange> requested) {
        if (requested.isEmpty() || requested.size() > CatalogTransfer.MAX_BULK_CHANGES) {
            throw ProblemException.invalid(
                    "changes", "must hold 1 to " + CatalogTransfer.MAX_BULK_CHANGES + " changes");
        }
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < requested.size(); i++) {
            VariantChange change = requested.get(i);
            String field = "changes[" + i + "]";
            if (change == null) {
                problems.add(new FieldProblem(field, "is required"));
                continue;
            }
            String sku = change.sku() == null ? "" : change.sku().strip();
            if (sku.isEmpty()) {
                problems.add(new FieldProblem(field + ".sku", "is required"));
            } else if (!SKU.matcher(sku).matches()) {
                problems.add(new FieldProblem(field + ".sku", "use 1 to 64 letters, digits, '.', '_' or '-'"));
            } else {
                Integer earlier = seen.putIfAbsent(sku.toLowerCase(Locale.ROOT), i);
                if (earlier != null) {
                    problems.add(new FieldProblem(field + ".sku", "appears also in changes[" + earlier + "]"));
                }
            }
            if (change.price() == null && change.stock() == null) {
                problems.add(new FieldProblem(field, "give a price, a stock or both"));
            }
            if (change.price() != null) {
                checkPrice(field + ".price", change.price(), problems);
            }
            if (change.stock() != null && (change.stock() < 0 || change.stock() > ProductInputs.MAX_STOCK)) {
                problems.add(new FieldProblem(field + ".stock", "must be from 0 to " + ProductInputs.MAX_STOCK));
            }
        }
        refuseIf(problems);
        Map<String, EditableVariant> found = repository.variantsBySku(seen.keySet());
        for (int i = 0; i < requested.size(); i++) {
            EditableVariant variant = found.get(lower(requested.get(i)));
            if (variant == null) {
                problems.add(new FieldProblem("changes[" + i + "].sku", "no variant has this SKU"));
            } else if (!actor.isAdmin() && !variant.sellerId().equals(actor.id().value())) {
                problems.add(new FieldProblem("changes[" + i + "].sku", "belongs to another seller's product"));
            }
        }
        refuseIf(problems);
        Set<UUID> productIds = new LinkedHashSet<>();
        Set<UUID> variantIds = new LinkedHashSet<>();
        found.values().forEach(v -> {
            productIds.add(v.productId());
            variantIds.add(v.id());
        });
        Map<String, EditableVariant> locked = repository.lockForEdit(productIds, variantIds);
        for (int i = 0; i < requested.size(); i++) {
            VariantChange change = requested.get(i);
            EditableVariant variant = locked.get(lower(change));
            if (variant == null) {
                problems.add(new FieldProblem("changes[" + i + "].sku", "no variant has this SKU"));
            } else if (change.stock() != null && change.stock() < variant.reserved()) {
                problems.add(new FieldProblem(
                        "changes[" + i + "].stock",
                        "must be at least " + variant.reserved()
                                + ", the quantity reserved by orders awaiting payment"));
            }
        }
        refuseIf(problems);

        Instant now = clock.instant();
        List<Object[]> updates = new ArrayList<>();
        List<EditedVariant> result = new ArrayList<>();
        List<Map<String, Object>> audited = new ArrayList<>();
        Map<UUID, String> stockMoved = new LinkedHashMap<>();
        Set<UUID> touched = new LinkedHashSet<>();
        for (VariantChange change : requested) {
            EditableVariant variant = locked.get(lower(change));
            long price = change.price() == null
                    ? variant.priceMinor()
                    : change.price().minor();
            int stock = change.stock() == null ? variant.stock() : change.stock();
            boolean changed = price != variant.priceMinor() || stock != variant.stock();
            int available = variant.active() ? stock - variant.reserved() : 0;
            result.add(new EditedVariant(
                    variant.sku(),
                    variant.productSlug(),
                    Money.ofMinor(price, variant.currency()),
                    stock,
                    available,
                    changed));
            if (!changed) {
                continue;
            }
            updates.add(new Object[] {variant.id(), price, stock});
            touched.add(variant.productId());
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("sku", variant.sku());
            if (price != variant.priceMinor()) {
                entry.put("price_minor", List.of(variant.priceMinor(), price));
            }
            if (stock != variant.stock()) {
                entry.put("stock", List.of(variant.stock(), stock));
                stockMoved.put(variant.productId(), variant.productSlug());
                events.publishEvent(new StockChanged(variant.id(), variant.productId(), available));
            }
            audited.add(entry);
        }
        if (!updates.isEmpty()) {
            repository.updatePricesAndStock(updates, now);
            repository.touchProducts(touched, now);
            // for the live stock of pages on every instance; changed() drops every cache anyway
            stockMoved.values().forEach(slug -> changes.stockChanged(slug, false));
            changes.changed();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("variants", updates.size());
            details.put("products", touched.size());
            details.put("changes", audited);
            audit.record(
                    "variants.bulk-edited",
                    "variant-bulk-edit",
                    Ids.newId(clock).toString(),
                    null,
                    details);
        }
        return new BulkEditResult(updates.size(), requested.size() - updates.size(), result);
    }

    private static String lower(VariantChange change) {
        return change.sku().strip().toLowerCase(Locale.ROOT);
    }

    private void checkPrice(String field, Money price, List<FieldProblem> problems) {
        if (!price.currency().equals(properties.currency())) {
            problems.add(new FieldProblem(
                    field + ".currency", "must be " + properties.currency() + ", the shop's currency"));
        } else if (price.minor() < 0) {
            problems.add(new FieldProblem(field + ".amount", "must not be negative"));
        } else if (price.minor()
                > properties.maxPriceMajor() * (long) Math.pow(10, Money.fractionDigits(price.currency()))) {
            problems.add(new FieldProblem(field + ".amount", "must be at most " + properties.maxPriceMajor()));
        }
    }

    private static void refuseIf(List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    "validation",
                    "Invalid input",
                    problems.size() + " problem(s) with the changes; nothing was changed",
                    problems);
        }
    }
}
